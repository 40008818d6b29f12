//! `tongbao new`: valid starting files for the pull requests an office makes most: a new
//! project, next month's progress file (last month's figures carried over), a meeting's minutes.
//!
//! Every file written passes `tongbao check` as it is; the office then edits the values.

use crate::model::{Dataset, Date, Month};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// A YAML scalar for `text`, quoted where YAML needs it.
fn scalar(text: &str) -> String {
    serde_yaml::to_string(text).map(|s| s.trim_end().to_string()).unwrap_or_else(|_| format!("{text:?}"))
}

fn first<'a>(values: impl IntoIterator<Item = &'a String>, what: &str) -> Result<&'a str, String> {
    values.into_iter().next().map(String::as_str).ok_or_else(|| format!("错误：{what}为空，无法生成示例值\n"))
}

/// `projects/<id>.yaml` for a project of the report year, with the first allowed values.
pub fn project(ds: &Dataset, id: &str) -> Result<(String, String), String> {
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("错误：项目编号「{id}」只能由字母、数字和 - 组成\n"));
    }
    if ds.project(id).is_some() {
        return Err(format!("错误：项目 {id} 已存在\n"));
    }
    let lists = &ds.config.lists;
    let town = ds.orgs.units.iter().find(|u| ds.orgs.is_town(&u.name)).map(|u| &u.name);
    let unit = ds.orgs.units.iter().find(|u| !ds.orgs.is_town(&u.name)).or(ds.orgs.units.first()).map(|u| &u.name);
    let year = ds.config.report.year;
    let mut out = String::new();
    let _ = writeln!(out, "id: {id}");
    let _ = writeln!(out, "name: 新项目（请填写项目名称）");
    let _ = writeln!(out, "industry: {}", first(&lists.industries, "lists.industries")?);
    let _ = writeln!(out, "town: {}", first(town, "orgs.yaml 中的乡镇（园区）")?);
    let _ = writeln!(out, "content: 请填写建设内容及规模");
    let _ = writeln!(out, "owner: 请填写业主单位");
    let _ = writeln!(out, "lead_unit: {}", first(unit, "orgs.yaml 中的单位")?);
    let _ = writeln!(out, "leaders: []");
    let _ = writeln!(out, "total_investment: 0");
    let _ = writeln!(out, "start_year: {year}\nend_year: {}", year + 1);
    let _ = writeln!(out, "years:\n  {year}:");
    let _ = writeln!(out, "    level: {}", first(&lists.levels, "lists.levels")?);
    let _ = writeln!(out, "    nature: {}", first(&lists.natures, "lists.natures")?);
    let _ = writeln!(out, "    batch: {}", first(&lists.batches, "lists.batches")?);
    let _ = writeln!(out, "    plan: 0");
    Ok((format!("projects/{id}.yaml"), out))
}

/// `progress/<period>.yaml` listing every project of the period's year, carrying over the
/// previous month's ytd, started and 形象进度 (January starts again from 0).
pub fn month(ds: &Dataset, period: Month) -> Result<(String, String), String> {
    if ds.progress.contains_key(&period) {
        return Err(format!("错误：{period} 的月报已存在\n"));
    }
    let previous = ds.progress.range(..period).next_back().map(|(_, p)| p);
    let listed: Vec<_> = ds.projects.iter().filter(|p| p.years.contains_key(&period.year)).collect();
    let entries = if listed.is_empty() { "entries: {}" } else { "entries:" };
    let mut out = format!("period: {period}\nas_of: {}\n{entries}\n", period.last_day());
    for p in listed {
        let before = previous.and_then(|f| f.entries.get(&p.id));
        let same_year = previous.is_some_and(|f| f.period.year == period.year);
        let ytd = before.filter(|_| same_year).map_or_else(|| "0".to_string(), |e| e.ytd.to_string());
        let _ = writeln!(out, "  {}:", p.id);
        let _ = writeln!(out, "    ytd: {ytd}");
        let _ = writeln!(out, "    started: {}", before.is_some_and(|e| e.started));
        let _ = writeln!(out, "    progress: {}", scalar(before.map_or("请填写形象进度", |e| &*e.progress)));
    }
    Ok((format!("progress/{period}.yaml"), out))
}

/// `meetings/<date>-<slug>.md` with the front matter to fill in and an empty decision list.
pub fn meeting(ds: &Dataset, date: Date, slug: &str) -> Result<(String, String), String> {
    if slug.is_empty() || !slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("错误：会议简称「{slug}」只能由字母、数字和 - 组成，如 sanjidu-diaodu\n"));
    }
    let stem = format!("{date}-{slug}");
    if ds.meetings.iter().any(|m| m.stem == stem) {
        return Err(format!("错误：会议 {stem} 已存在\n"));
    }
    let kind = first(&ds.config.lists.meeting_kinds, "lists.meeting_kinds")?;
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: 请填写会议名称");
    let _ = writeln!(out, "kind: {kind}");
    let _ = writeln!(out, "date: {date}");
    let _ = writeln!(out, "place: 请填写会议地点");
    let _ = writeln!(out, "attendees: []");
    let _ = writeln!(out, "observers: []");
    let _ = writeln!(out, "projects: []");
    let _ = writeln!(out, "decisions: []");
    let _ = writeln!(out, "---\n会议指出，……\n\n会议要求，……");
    Ok((format!("meetings/{stem}.md"), out))
}

/// The `# yaml-language-server: $schema=…` first line for a new YAML file, when the data
/// folder has its schema (written by `tongbao schema`).
fn schema_line(data: &Path, rel: &str) -> Option<String> {
    let kind = match rel.split('/').next()? {
        "projects" => "project",
        "progress" => "progress",
        _ => return None,
    };
    let schema = format!("schema/{kind}.schema.json");
    data.join(&schema).is_file().then(|| format!("# yaml-language-server: $schema=../{schema}\n"))
}

/// Writes a scaffolded file under `data`, never over an existing one.
pub fn write(data: &Path, (rel, text): (String, String)) -> Result<PathBuf, String> {
    let path = data.join(&rel);
    if path.exists() {
        return Err(format!("错误：{rel} 已存在，不会覆盖\n"));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("错误：无法创建 {}：{e}\n", parent.display()))?;
    }
    let text = schema_line(data, &rel).unwrap_or_default() + &text;
    std::fs::write(&path, text).map_err(|e| format!("错误：无法写入 {rel}：{e}\n"))?;
    Ok(path)
}
