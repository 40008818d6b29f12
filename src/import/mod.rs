//! `tongbao import`: a month's figures read from workbooks (the units' filled 填报表, or an
//! office's own 台账) into `progress/<YYYY-MM>.yaml`, the other way of [`crate::sheets`].
//!
//! [`workbook`] reads the sheets (calamine), [`table`] finds each sheet's header and project
//! rows, [`columns`] names the columns, [`values`] reads amounts and 是否开工, and here the rows
//! are matched to projects (by 编号, else by exact name), checked cell by cell, and written by
//! [`progress_file`] (with [`new_projects`] for a ledger's projects the data lacks). Every
//! problem is a [`finding::Finding`] at its cell; with any error nothing is written. What was
//! written is checked like any edit, and taken back if the data no longer passes.

mod columns;
mod finding;
mod new_projects;
mod progress_file;
mod table;
mod values;
mod workbook;

use crate::Failure;
use crate::model::{Dataset, Entry, Month};
use columns::{Field, normalize};
use finding::Finding;
use progress_file::Update;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// What `tongbao import` is asked to do.
pub struct Options {
    pub files: Vec<PathBuf>,
    pub period: Month,
    pub data: PathBuf,
    /// Make a project file for each row that names no project, for this plan year.
    pub new_projects: Option<i32>,
}

/// A row matched to a project, with where it was read.
struct Reported {
    update: Update,
    place: String,
}

/// What the rows come to: the updates by project id, the new project files, and findings.
#[derive(Default)]
struct Outcome {
    updates: BTreeMap<String, Reported>,
    created: Vec<new_projects::NewProject>,
    findings: Vec<Finding>,
}

/// The names of the projects of a year, normalized, with the projects they name.
fn names(ds: &Dataset, year: i32) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in ds.projects.iter().enumerate().filter(|(_, p)| p.years.contains_key(&year)) {
        out.entry(normalize(&p.name)).or_default().push(i);
    }
    out
}

/// Reads the workbooks of `options` against the checked dataset `ds`.
fn read_all(ds: &Dataset, options: &Options) -> Outcome {
    let mut out = Outcome::default();
    let by_name = names(ds, options.period.year);
    let mut ids = new_projects::Ids::new(ds, options.new_projects.unwrap_or(options.period.year));
    for file in &options.files {
        let shown = file.display().to_string();
        let grids = match workbook::read(file, &shown) {
            Ok(grids) => grids,
            Err(f) => {
                out.findings.push(f);
                continue;
            }
        };
        let month = options.period.month;
        let tables: Vec<table::Table> = grids
            .iter()
            .filter_map(|g| table::find(g, month))
            .filter(|t| t.columns.contains_key(&Field::Ytd))
            .collect();
        if tables.is_empty() {
            let span = crate::render::months_span(options.period);
            out.findings.push(
                Finding::error(
                    "E0602",
                    &shown,
                    format!("没有找到可导入的表：需要“项目名称”（或“项目编号”）和“{span}累计完成”两列"),
                )
                .hint(format!(
                    "表头写“{span}累计完成（万元）”或“累计完成投资”；其他月份的累计列（如上月的）不会被当作 {} 的数据",
                    options.period
                )),
            );
        }
        for t in &tables {
            for r in &t.rows {
                read_row(ds, options, &by_name, &mut ids, t, r, &mut out);
            }
        }
    }
    out
}

/// The project `row` names, by 编号 or by exact name; `Ok(None)` for a row to leave (a name
/// marked 未报送 in a tongbao ledger).
fn matched(
    ds: &Dataset,
    by_name: &BTreeMap<String, Vec<usize>>,
    t: &table::Table,
    row: usize,
) -> Result<Option<usize>, Finding> {
    let id = t.text(row, Field::Id);
    if !id.is_empty() {
        let place = t.cell(row, Field::Id).map(|(_, p)| p).unwrap_or_default();
        return ds.index_of(&id).map(Some).ok_or_else(|| {
            Finding::error("E0603", place, format!("项目编号“{id}”不是已有的项目"))
                .hint("核对编号；新项目先用 tongbao new project 建立，或加 --new-projects 从台账建立")
        });
    }
    let name = normalize(&t.text(row, Field::Name));
    if name.ends_with("（未报送）") {
        return Ok(None);
    }
    let place = t.cell(row, Field::Name).map(|(_, p)| p).unwrap_or_default();
    match by_name.get(&name).map(Vec::as_slice) {
        Some([one]) => Ok(Some(*one)),
        Some(many) => Err(Finding::error("E0604", place, format!("项目名称“{name}”对应多个项目")).hint(format!(
            "在表中加一列“项目编号”区分：{}",
            many.iter().map(|&i| ds.projects[i].id.as_str()).collect::<Vec<_>>().join("、")
        ))),
        None => Err(Finding::error("E0603", place, format!("项目名称“{name}”对不上任何项目"))
            .hint("名称须与项目文件的 name 完全一致（空格、全角半角不计）；或在表中加“项目编号”一列")),
    }
}

fn read_row(
    ds: &Dataset,
    options: &Options,
    by_name: &BTreeMap<String, Vec<usize>>,
    ids: &mut new_projects::Ids,
    t: &table::Table,
    r: &table::ProjectRow,
    out: &mut Outcome,
) {
    let row = r.row;
    let text = |f: Field| Some(t.text(row, f)).filter(|s| !s.is_empty());
    let (progress, problems, next) = (text(Field::Progress), text(Field::Problems), text(Field::Next));
    let Some((ytd_cell, ytd_place)) = t.cell(row, Field::Ytd) else { return };
    let reported = match values::amount(ytd_cell, &ytd_place, "累计完成投资") {
        Ok(Some(ytd)) => ytd,
        Ok(None) if progress.is_none() && problems.is_none() && next.is_none() => return,
        Ok(None) => {
            let f = Finding::error("E0605", &ytd_place, "累计完成投资没有填")
                .hint("这一行填了进度文字，也须填年初以来累计完成投资（万元）；未开工的填 0");
            return out.findings.push(f);
        }
        Err(f) => return out.findings.push(f),
    };
    let started = match t.cell(row, Field::Started).map(|(v, place)| values::started(v, &place)) {
        Some(Err(f)) => return out.findings.push(f),
        Some(Ok(s)) => s,
        None => None,
    };
    let id = match matched(ds, by_name, t, row) {
        Ok(Some(i)) => ds.projects[i].id.clone(),
        Ok(None) => return,
        Err(f) if f.code == "E0603" && options.new_projects.is_some() => {
            let name = t.text(row, Field::Name);
            let year = options.new_projects.unwrap_or(options.period.year);
            match new_projects::make(ds, t, row, r.section.as_deref(), &name, year, ids) {
                Ok(p) if ds.project(&p.id).is_some() || out.created.iter().any(|c| c.id == p.id) => {
                    return out.findings.push(Finding::error("E0609", f.place, format!("项目编号 {} 已经有了", p.id)));
                }
                Ok(p) => {
                    let id = p.id.clone();
                    out.created.push(p);
                    id
                }
                Err(f) => return out.findings.push(f),
            }
        }
        Err(f) => return out.findings.push(f),
    };
    if let Some(project) = ds.project(&id) {
        let Some(year) = project.years.get(&options.period.year) else {
            let f = Finding::error(
                "E0603",
                &ytd_place,
                format!("项目 {id} 没有 {} 年的计划，不能报送", options.period.year),
            )
            .hint(format!("先在项目文件的 years: 下加上 {}", options.period.year));
            return out.findings.push(f);
        };
        if !year.plan.is_zero() && reported.decimal() >= year.plan.decimal() * rust_decimal::Decimal::from(1000) {
            let f = Finding::error(
                "E0606",
                &ytd_place,
                format!("累计完成 {reported} 是年度计划 {} 的一千倍以上", year.plan),
            )
            .hint("这像是按元填写的：数据以万元为单位，把元数除以 10000");
            return out.findings.push(f);
        }
        if let Some((month, before)) = ds.last_report(&id, options.period).filter(|(_, e)| reported < e.ytd) {
            let f =
                Finding::error("E0607", &ytd_place, format!("累计完成 {reported} 小于 {month} 报送的 {}", before.ytd))
                    .hint("累计数是年初至本月底的合计，不会减少：核对是否填成了当月数");
            return out.findings.push(f);
        }
    }
    let update = Update { ytd: reported, started, progress, problems, next };
    let place = t.grid.at(row, t.columns.get(&Field::Ytd).copied().unwrap_or(0));
    match out.updates.get(&id) {
        Some(first) if first.update != update => out.findings.push(
            Finding::error("E0609", &place, format!("项目 {id} 报了两次，数据不一致"))
                .hint(format!("另一次在 {}：只保留一行", first.place)),
        ),
        Some(_) => {}
        None => {
            out.updates.insert(id, Reported { update, place });
        }
    }
}

/// What changed for a project, in words: `CY2026-001 累计 61625 → 65000（+3375），形象进度`.
fn change(id: &str, before: Option<&Entry>, u: &Update) -> String {
    let mut words = match before {
        Some(e) if e.ytd == u.ytd => format!("{id} 累计 {} 不变", u.ytd),
        Some(e) => format!("{id} 累计 {} → {}（{:+}）", e.ytd, u.ytd, (u.ytd.decimal() - e.ytd.decimal()).normalize()),
        None => format!("{id} 累计 {}（新报送）", u.ytd),
    };
    let mut fields = Vec::new();
    let same = |old: Option<&str>, new: &Option<String>| new.is_none() || old == new.as_deref();
    if !same(before.map(|e| &*e.progress), &u.progress) {
        fields.push("形象进度");
    }
    if !same(before.and_then(|e| e.problems.as_deref()), &u.problems) {
        fields.push("存在问题");
    }
    if !same(before.and_then(|e| e.next.as_deref()), &u.next) {
        fields.push("下步计划");
    }
    if u.started.is_some_and(|s| before.is_none_or(|e| e.started != s)) {
        fields.push("开工情况");
    }
    if !fields.is_empty() {
        let _ = write!(words, "；更新{}", fields.join("、"));
    }
    words
}

/// A file's text before the import (`None`: it did not exist), to put back.
struct Written {
    path: PathBuf,
    before: Option<String>,
}

fn put_back(written: &[Written]) {
    for w in written.iter().rev() {
        let _ = match &w.before {
            Some(text) => std::fs::write(&w.path, text),
            None => std::fs::remove_file(&w.path),
        };
    }
}

fn write_file(data: &Path, rel: &str, text: &str, written: &mut Vec<Written>) -> Result<(), Failure> {
    let path = data.join(rel);
    let before = std::fs::read_to_string(&path).ok();
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::Other(format!("错误：无法创建 {}：{e}\n", parent.display())))?;
    }
    std::fs::write(&path, text).map_err(|e| Failure::Other(format!("错误：无法写入 {rel}：{e}\n")))?;
    written.push(Written { path, before });
    Ok(())
}

/// `tongbao import`: reads the workbooks, writes the month file (and new project files), and
/// says what changed; nothing is written when a cell is wrong.
pub fn import(options: &Options) -> Result<String, Failure> {
    // Placeholders still to fill in do not stop an import, nor a year without month files yet
    // (E0409): the month is what the import brings.
    let mut inspection = crate::inspect(&options.data)?;
    inspection.findings.retain(|d| d.code != "E0418" && d.code != "E0409");
    let (ds, sources, _) = crate::accept_with_sources(inspection)?;
    let period = options.period;
    // In the order read: file by file, each sheet from the top.
    let mut outcome = read_all(&ds, options);
    if outcome.findings.iter().any(|f| f.error) {
        return Err(Failure::Data(finding::render(&outcome.findings) + "未写入任何文件。\n"));
    }
    if outcome.updates.is_empty() {
        return Err(Failure::Other(format!("错误：表中没有 {period} 报送了累计完成投资的项目行，未写入任何文件\n")));
    }
    let updates: BTreeMap<String, Update> =
        outcome.updates.iter().map(|(id, r)| (id.clone(), r.update.clone())).collect();
    let rel = format!("progress/{period}.yaml");
    let existing = ds.progress.get(&period);
    let mut written = Vec::new();
    for p in &outcome.created {
        let text = crate::scaffold::schema_line(&options.data, &p.rel).unwrap_or_default() + &p.text;
        write_file(&options.data, &p.rel, &text, &mut written)?;
    }
    let text = match existing {
        Some(_) => {
            let now = std::fs::read_to_string(options.data.join(&rel))
                .map_err(|e| Failure::Other(format!("错误：无法读取 {rel}：{e}\n")))?;
            progress_file::apply(&now, &updates)
        }
        None => {
            let missing: Vec<&str> = ds
                .projects
                .iter()
                .filter(|p| p.years.contains_key(&period.year) && !updates.contains_key(&p.id))
                .map(|p| p.id.as_str())
                .collect();
            if !missing.is_empty() {
                let shown: Vec<&str> = missing.iter().take(10).copied().collect();
                let more = if missing.len() > 10 { format!("等 {} 个", missing.len()) } else { String::new() };
                outcome.findings.push(
                    Finding::warning(
                        "W0601",
                        &rel,
                        format!(
                            "{} 年的项目 {}{more} 没有报送，新月报中不列入（未报送）",
                            period.year,
                            shown.join("、")
                        ),
                    )
                    .hint("补报时再导入一次它们的表，或手工加进月报"),
                );
            }
            crate::scaffold::schema_line(&options.data, &rel).unwrap_or_default()
                + &progress_file::new_file(period, &updates)
        }
    };
    write_file(&options.data, &rel, &text, &mut written)?;
    // What was written is checked like any edit; the placeholders of new project files are
    // for the clerk to fill in.
    let inspection = crate::inspect(&options.data)?;
    let created: Vec<&str> = outcome.created.iter().map(|p| p.rel.as_str()).collect();
    let to_fill = |d: &crate::diagnostic::Diagnostic| d.code == "E0418" && created.contains(&d.file.as_str());
    if inspection.findings.iter().any(|d| d.is_error() && !to_fill(d)) {
        let report = crate::report::human(&inspection.findings, &inspection.sources);
        put_back(&written);
        return Err(Failure::Data(format!("{report}导入后的数据通不过检查，已撤回写入的文件。\n")));
    }
    let mut said = finding::render(&outcome.findings);
    if outcome.findings.is_empty() {
        said.clear();
    }
    let verb = if existing.is_some() { "已更新" } else { "已生成" };
    let _ = writeln!(said, "{verb} {rel}：{} 个项目", updates.len());
    for (id, u) in &updates {
        let before = existing.and_then(|f| f.entries.get(id)).or_else(|| ds.last_report(id, period).map(|(_, e)| e));
        let _ = writeln!(said, "  {}", change(id, before, u));
    }
    for p in &outcome.created {
        let defaults = if p.defaults.is_empty() {
            String::new()
        } else {
            format!("（{}取了默认值，请核对）", p.defaults.join("、"))
        };
        let _ = writeln!(said, "已新建 {}{defaults}", p.rel);
    }
    if existing.is_none() {
        let published = crate::scaffold::publish(&options.data, &ds, &sources, period).map_err(Failure::Other)?;
        let _ = writeln!(said, "{published}");
    }
    if inspection.findings.iter().any(to_fill) {
        let _ = writeln!(said, "新建的项目文件中还有“请填写”的内容，填好后才能通过检查（tongbao check）");
    }
    let schema = crate::scaffold::refresh_schema(&options.data)?;
    if !schema.is_empty() {
        let _ = writeln!(said, "{}", schema.trim_start_matches('；'));
    }
    Ok(said)
}
