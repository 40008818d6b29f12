//! `tongbao new`: starting files for the pull requests an office makes most: a new project,
//! next month's progress file (last month's figures carried over), a meeting's minutes.
//!
//! A new month becomes the published one: `report.period` in config.yaml moves on to it (that
//! one value is rewritten, comments and layout kept), so that the month a clerk fills in is
//! the month the site shows. The texts a clerk must write are placeholders (`请填写…`) that
//! `check` refuses (E0418), so that a placeholder can never be published; everything else
//! passes `check` as written.

use crate::load::Sources;
use crate::model::{Dataset, Date, Month};
use crate::{Failure, path};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// What `tongbao new` makes.
pub enum What {
    Project(String),
    Month(Month),
    Meeting(Date, String),
}

/// Makes the file asked for in `data` (and, for a month, publishes it); returns the one line
/// that says what was done.
pub fn new(data: &Path, what: What) -> Result<String, Failure> {
    let (ds, sources) = checked(data)?;
    let done = make(data, &ds, &sources, what)?;
    Ok(done + &refresh_schema(data)?)
}

/// The data folder, checked: placeholders still to fill in (another new project's, say) do
/// not stop the next file.
fn checked(data: &Path) -> Result<(Dataset, Sources), Failure> {
    let mut inspection = crate::inspect(data)?;
    inspection.findings.retain(|d| d.code != "E0418");
    crate::accept_with_sources(inspection).map(|(ds, sources, _)| (ds, sources))
}

/// The schemas of a data folder that has them (`schema/`) written anew, from the folder as it
/// is now: a new project's id, say, is one the editor must now complete. Says so, or nothing
/// (also when the folder does not pass its checks).
pub(crate) fn refresh_schema(data: &Path) -> Result<String, Failure> {
    let dir = data.join("schema");
    if !dir.is_dir() {
        return Ok(String::new());
    }
    let ds = match checked(data) {
        Ok((ds, _)) => ds,
        Err(Failure::Data(_)) => return Ok(String::new()),
        Err(other) => return Err(other),
    };
    crate::schema::write(&ds, &dir).map_err(|e| Failure::Other(format!("错误：无法写入 {}：{e}\n", dir.display())))?;
    Ok("；已更新 schema/".into())
}

fn make(data: &Path, ds: &Dataset, sources: &Sources, what: What) -> Result<String, Failure> {
    let other = Failure::Other;
    let file = match what {
        What::Month(period) => {
            let (file, carried) = month(ds, period).map_err(other)?;
            let path = write(data, file).map_err(other)?;
            let published = publish(data, ds, sources, period).map_err(other)?;
            return Ok(format!("已生成 {}：{carried}；{published}", path.display()));
        }
        What::Project(id) => project(ds, &id),
        What::Meeting(date, slug) => meeting(ds, date, &slug),
    };
    let path = write(data, file.map_err(other)?).map_err(other)?;
    Ok(format!("已生成 {}：填好其中“请填写”的各项后才能通过检查", path.display()))
}

/// Makes `period` the published month: rewrites the values of `report.period` (and of
/// `report.year` for a month of a later year) in config.yaml when the config pins an earlier
/// month; says what it did.
pub(crate) fn publish(data: &Path, ds: &Dataset, sources: &Sources, period: Month) -> Result<String, String> {
    let Some(pinned) = ds.config.report.period else {
        return Ok("config.yaml 未固定报告期，网站发布最新月份".into());
    };
    if pinned >= period {
        return Ok(format!("报告期仍为 config.yaml 中的 {pinned}"));
    }
    let rel = &sources.config;
    let path = data.join(rel);
    let mut text = std::fs::read_to_string(&path).map_err(|e| format!("错误：无法读取 {rel}：{e}\n"))?;
    let year = ds.config.report.year;
    // The later value first: rewriting it leaves the earlier one where the sources say it is.
    let mut values = vec![(path!["report", "period"], pinned.to_string(), period.to_string())];
    if period.year != year {
        values.push((path!["report", "year"], year.to_string(), period.year.to_string()));
    }
    values.sort_by_key(|(at, _, _)| std::cmp::Reverse(sources.at(rel, at)));
    for (at, old, new) in &values {
        text = rewrite_value(&text, sources.at(rel, at), old, new).ok_or_else(|| {
            format!("错误：找不到 {rel} 中的 report.period；请手工改为 {period}，网站才会发布新月份\n")
        })?;
    }
    std::fs::write(&path, text).map_err(|e| format!("错误：无法写入 {rel}：{e}\n"))?;
    let year = if period.year == year { String::new() } else { format!("，报告年度改为 {}", period.year) };
    Ok(format!("{rel} 的报告期由 {pinned} 改为 {period}{year}"))
}

/// `text` with the value `old` that stands at (`line`, `column`) replaced by `new`, all else
/// as it was (comments, layout, quotes).
fn rewrite_value(text: &str, (line, column): (usize, usize), old: &str, new: &str) -> Option<String> {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let start = l.char_indices().nth(column.saturating_sub(1)).map_or(l.len(), |(b, _)| b);
            let at = offset + start + l[start..].find(old)?;
            return Some(format!("{}{new}{}", &text[..at], &text[at + old.len()..]));
        }
        offset += l.len();
    }
    None
}

/// A YAML scalar for `text` on one line, quoted where YAML needs it (text of several lines,
/// as a cell typed with Alt+Enter holds, in double quotes with `\n`).
pub(crate) fn scalar(text: &str) -> String {
    match serde_yaml::to_string(text) {
        Ok(s) if !s.trim_end().contains('\n') => s.trim_end().to_string(),
        _ => serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}")),
    }
}

fn first<'a>(values: impl IntoIterator<Item = &'a String>, what: &str) -> Result<&'a str, String> {
    values.into_iter().next().map(String::as_str).ok_or_else(|| format!("错误：{what}为空，无法生成示例值\n"))
}

/// `projects/<year>/<id>.yaml` for a project of the report year, with the first allowed values
/// and placeholders for the texts to write.
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
    Ok((format!("projects/{year}/{id}.yaml"), out))
}

/// `progress/<period>.yaml` listing every project of the period's year, carrying over the
/// previous month's ytd, started, 形象进度 and 下步计划 (January starts again from 0); and what
/// was carried, in words. Refused for a year without projects.
pub fn month(ds: &Dataset, period: Month) -> Result<((String, String), String), String> {
    if ds.progress.contains_key(&period) {
        return Err(format!("错误：{period} 的月报已存在\n"));
    }
    let listed: Vec<_> = ds.projects.iter().filter(|p| p.years.contains_key(&period.year)).collect();
    if listed.is_empty() {
        return Err(format!(
            "错误：没有列入 {} 年计划的项目，无法生成 {period} 的月报\n提示：先在项目文件的 years: 下加上 {}（或用 tongbao new project 新建项目）\n",
            period.year, period.year
        ));
    }
    let previous = ds.progress.range(..period).next_back().map(|(_, p)| p);
    let same_year = previous.is_some_and(|f| f.period.year == period.year);
    let mut out = format!("period: {period}\nas_of: {}\nentries:\n", period.last_day());
    let mut carried = 0;
    for p in &listed {
        let before = previous.and_then(|f| f.entries.get(&p.id));
        carried += usize::from(before.is_some());
        let ytd = before.filter(|_| same_year).map_or_else(|| "0".to_string(), |e| e.ytd.to_string());
        let _ = writeln!(out, "  {}:", p.id);
        let _ = writeln!(out, "    ytd: {ytd}");
        let _ = writeln!(out, "    started: {}", before.is_some_and(|e| e.started));
        let _ = writeln!(out, "    progress: {}", scalar(before.map_or(PLACEHOLDER_PROGRESS, |e| &*e.progress)));
        if let Some(next) = before.and_then(|e| e.next.as_deref()) {
            let _ = writeln!(out, "    next: {}", scalar(next));
        }
    }
    let from = match previous {
        Some(f) if carried > 0 => format!("{carried} 个项目沿用 {} 的数据", f.period),
        _ => "没有上月数据可沿用".into(),
    };
    let fresh = listed.len() - carried;
    let fresh = if fresh > 0 { format!("，{fresh} 个项目待填写形象进度") } else { String::new() };
    let words = format!("{} 个项目，{from}{fresh}{}", listed.len(), if same_year { "" } else { "，累计从 0 开始" });
    Ok(((format!("progress/{period}.yaml"), out), words))
}

/// The 形象进度 of a project new in a month file, for the clerk to replace.
const PLACEHOLDER_PROGRESS: &str = "请填写形象进度";

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
pub(crate) fn schema_line(data: &Path, rel: &str) -> Option<String> {
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
