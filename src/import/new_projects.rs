//! `tongbao import --new-projects`: a project file for each row of a 台账 that names no project
//! yet, from the row's identity columns (总投资, 年度计划, 建设性质, 责任单位, 挂包领导, 乡镇,
//! 行业 or the section the row stands under, 建设内容, 业主单位, 建设年限), so that a county adopts
//! tongbao from the ledger it keeps. A value the sheet lacks or the data's lists do not allow
//! is the list's first, named in the summary to be checked; the free texts it lacks are
//! `请填写` placeholders, which `check` refuses until they are written (E0418).

use super::columns::Field;
use super::finding::Finding;
use super::table::Table;
use super::values::amount;
use crate::model::{Dataset, Wan};
use crate::scaffold::scalar;
use std::fmt::Write;

/// A project file made from a row: its path in the data folder, its text, and what was taken
/// by default.
pub struct NewProject {
    pub id: String,
    pub rel: String,
    pub text: String,
    pub defaults: Vec<&'static str>,
}

/// The ids new projects get: the prefix most projects of the data have (`CY`, else `XM`), the
/// year, and numbers after the highest of that year (`CY2026-041`).
pub struct Ids {
    prefix: String,
    next: u32,
    year: i32,
}

impl Ids {
    pub fn new(ds: &Dataset, year: i32) -> Ids {
        let mut prefixes: std::collections::BTreeMap<&str, usize> = Default::default();
        let mut next = 1;
        for p in &ds.projects {
            if let Some((head, number)) = p.id.split_once('-')
                && let Some(prefix) = head.strip_suffix(&year.to_string())
            {
                *prefixes.entry(prefix).or_default() += 1;
                next = next.max(number.parse::<u32>().map_or(0, |n| n + 1));
            }
        }
        let prefix = prefixes.into_iter().max_by_key(|(_, n)| *n).map_or("XM", |(p, _)| p).to_string();
        Ids { prefix, next, year }
    }

    fn take(&mut self) -> String {
        self.next += 1;
        format!("{}{}-{:03}", self.prefix, self.year, self.next - 1)
    }
}

/// The allowed `value`, or the first of `allowed` (recording `what` as taken by default).
fn one_of<'a>(value: &'a str, allowed: &'a [String], what: &'static str, defaults: &mut Vec<&'static str>) -> &'a str {
    if allowed.iter().any(|a| a == value) {
        return value;
    }
    defaults.push(what);
    allowed.first().map_or("请填写", String::as_str)
}

/// `2025-2028` or `2025—2028年` as (start, end); `year` for both where the sheet has none.
fn years(text: &str, year: i32) -> (i32, i32) {
    let digits: Vec<i32> =
        text.split(|c: char| !c.is_ascii_digit()).filter(|s| s.len() == 4).filter_map(|s| s.parse().ok()).collect();
    match digits.as_slice() {
        [start, end, ..] => (*start, *end),
        [one] => (*one, *one),
        _ => (year, year),
    }
}

/// The project file of `row` of `table`, named `name`, with its id from the sheet or `ids`.
pub fn make(
    ds: &Dataset,
    table: &Table,
    row: usize,
    section: Option<&str>,
    name: &str,
    year: i32,
    ids: &mut Ids,
) -> Result<NewProject, Finding> {
    let text = |f: Field| table.text(row, f);
    let money = |f: Field, what: &str| -> Result<Wan, Finding> {
        let Some((value, place)) = table.cell(row, f) else { return Ok(Wan::ZERO) };
        Ok(amount(value, &place, what)?.unwrap_or(Wan::ZERO))
    };
    let (total, plan) = (money(Field::Total, "总投资")?, money(Field::Plan, "年度计划")?);
    let id = match text(Field::Id) {
        id if !id.is_empty() => id,
        _ => ids.take(),
    };
    if !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        let place = table.cell(row, Field::Id).map(|(_, p)| p).unwrap_or_default();
        return Err(Finding::error("E0610", place, format!("项目编号“{id}”只能由字母、数字和 - 组成")));
    }
    let lists = &ds.config.lists;
    let mut defaults = Vec::new();
    let units: Vec<String> =
        ds.orgs.units.iter().filter(|u| !ds.orgs.is_town(&u.name)).map(|u| u.name.clone()).collect();
    let towns: Vec<String> =
        ds.orgs.units.iter().filter(|u| ds.orgs.is_town(&u.name)).map(|u| u.name.clone()).collect();
    let industry = match text(Field::Industry) {
        t if t.is_empty() => section.unwrap_or_default().to_string(),
        t => t,
    };
    let leaders: Vec<String> = text(Field::Leaders)
        .split(['、', ',', '，', '/', ' ', '；', ';'])
        .filter(|l| !l.is_empty() && ds.orgs.leader(l).is_some())
        .map(scalar)
        .collect();
    let free = |f: Field, placeholder: &str| match text(f) {
        t if t.is_empty() => placeholder.to_string(),
        t => scalar(&t),
    };
    let (start, end) = years(&text(Field::Years), year);
    let mut out = String::new();
    let _ = writeln!(out, "id: {id}");
    let _ = writeln!(out, "name: {}", scalar(name));
    let _ = writeln!(out, "industry: {}", one_of(&industry, &lists.industries, "行业", &mut defaults));
    let _ = writeln!(out, "town: {}", one_of(&text(Field::Town), &towns, "乡镇（园区）", &mut defaults));
    let _ = writeln!(out, "content: {}", free(Field::Content, "请填写建设内容及规模"));
    let _ = writeln!(out, "owner: {}", free(Field::Owner, "请填写业主单位"));
    let _ = writeln!(out, "lead_unit: {}", one_of(&text(Field::LeadUnit), &units, "责任单位", &mut defaults));
    let _ = writeln!(out, "leaders: [{}]", leaders.join(", "));
    let _ = writeln!(out, "total_investment: {}", total.decimal().normalize());
    let _ = writeln!(out, "start_year: {start}\nend_year: {}", end.max(start));
    let _ = writeln!(out, "years:\n  {year}:");
    let _ = writeln!(out, "    level: {}", one_of(&text(Field::Level), &lists.levels, "项目级别", &mut defaults));
    let _ = writeln!(out, "    nature: {}", one_of(&text(Field::Nature), &lists.natures, "建设性质", &mut defaults));
    let _ = writeln!(out, "    batch: {}", one_of("", &lists.batches, "四个一批", &mut defaults));
    let _ = writeln!(out, "    plan: {}", plan.decimal().normalize());
    Ok(NewProject { rel: format!("projects/{year}/{id}.yaml"), id, text: out, defaults })
}
