//! What a careless month contains: an amount typed in 元 instead of 万元 (E0415: 1,000 times
//! or more the project's other amounts), a ytd above the total investment (E0416), a project
//! reported in a month of a year it has no plan for (E0417: it would drop out of every total),
//! and entries of the newest month carried over from the month before unchanged (W0404
//! 本月未更新, one finding naming them, so that the reviewer of the new month sees them; the
//! months before were reviewed when they were new).

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::load::Seg;
use crate::model::{Wan, seek};
use crate::path;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// How many times the project's other amounts an amount must be to look like 元.
const YUAN_RATIO: u32 = 1000;

/// How many projects a W0404 names before it says how many more.
const NAMED: usize = 10;

impl Checker<'_> {
    /// E0415 when `value` is at least [`YUAN_RATIO`] times the largest of `others` (those not zero).
    fn not_yuan(&mut self, file: &str, path: &[Seg], what: &str, value: Wan, others: &[Wan]) {
        // Past the limit it is an error already (E0412).
        if value > Wan::LIMIT {
            return;
        }
        // Negative amounts are an error already (E0406), and zero tells nothing.
        let Some(largest) = others.iter().copied().filter(|w| w.0.is_sign_positive() && !w.is_zero()).max() else {
            return;
        };
        if value.0 >= largest.0.saturating_mul(Decimal::from(YUAN_RATIO)) {
            let in_wan = Wan(value.0 / Decimal::from(10_000));
            self.error(
                "E0415",
                file,
                path,
                format!("{what} {value} 是本项目其他金额（最大 {largest}）的 {YUAN_RATIO} 倍以上，像是按元填写的"),
                Some(format!("tongbao 的金额以万元为单位；按万元应为 {in_wan}")),
            );
        }
    }
}

/// For each year with month files, the largest ytd of every project (by position in
/// `Dataset::projects`) in any month of it: each month walked beside the projects, both in id
/// order, never searched id by id.
fn largest_ytds(c: &Checker) -> BTreeMap<i32, Vec<Option<Wan>>> {
    let mut out: BTreeMap<i32, Vec<Option<Wan>>> = BTreeMap::new();
    for progress in c.ds.progress.values() {
        let largest = out.entry(progress.period.year).or_insert_with(|| vec![None; c.ds.projects.len()]);
        let mut entries = progress.entries.iter().peekable();
        for (i, project) in c.ds.projects.iter().enumerate() {
            if let Some((_, entry)) = seek(&mut entries, project.id.as_str(), |(id, _)| id.as_str()) {
                largest[i] = largest[i].max(Some(entry.ytd));
            }
        }
    }
    out
}

pub fn check(c: &mut Checker) {
    projects(c);
    months(c);
}

/// The amounts of each project's own file against each other (and against its ytd).
fn projects(c: &mut Checker) {
    let largest = largest_ytds(c);
    for (i, project) in c.ds.projects.iter().enumerate() {
        if c.project_read_past(&project.id) {
            continue;
        }
        let f = c.project_file(&project.id);
        let total = project.total_investment;
        let mut yearly = Vec::new();
        for (year, plan) in &project.years {
            let y = year.to_string();
            c.not_yuan(f, &path!["years", y.as_str(), "plan"], "年度计划", plan.plan, &[total]);
            if let Some(before) = plan.before_year {
                c.not_yuan(f, &path!["years", y.as_str(), "before_year"], "上年底累计", before, &[total]);
                yearly.push(before);
            }
            yearly.push(plan.plan);
            yearly.extend(largest.get(year).and_then(|l| l[i]));
        }
        c.not_yuan(f, &path!["total_investment"], "总投资", total, &yearly);
    }
}

/// Each month's entries against their project and against last month.
fn months(c: &mut Checker) {
    for (period, file) in c.sources.progress.clone() {
        if c.read_past(&file) {
            continue;
        }
        let progress = &c.ds.progress[&period];
        let before = c.ds.progress.get(&period.previous()).filter(|p| p.period.year == period.year);
        let newest = c.ds.progress.keys().next_back() == Some(&period);
        let mut unchanged = Vec::new();
        // Entries, projects and last month's entries are all in id order: walked side by side.
        let mut projects = c.ds.projects.iter().peekable();
        let mut earlier = before.map(|b| b.entries.iter()).into_iter().flatten().peekable();
        for (id, entry) in &progress.entries {
            let Some(project) = seek(&mut projects, id.as_str(), |p| p.id.as_str()) else { continue };
            let last_month = seek(&mut earlier, id.as_str(), |(e, _)| e.as_str()).map(|(_, b)| b);
            if c.project_read_past(id) {
                continue;
            }
            let at = path!["entries", id.as_str(), "ytd"];
            let Some(plan) = project.years.get(&period.year) else {
                let key = c.sources.key_at(&file, &path!["entries", id.as_str()]);
                c.findings.push(
                    Diagnostic::error(
                        "E0417",
                        &file,
                        key,
                        format!("项目 {id}（{}）没有 {} 年的计划，本月数据不会计入任何合计", project.name, period.year),
                    )
                    .with_hint(Some(format!(
                        "在 {} 的 years: 下补上 {}（level、nature、batch、plan）；若项目文件被截断，请恢复",
                        c.project_file(id),
                        period.year
                    ))),
                );
                continue;
            };
            let total = project.total_investment;
            if entry.ytd >= Wan(plan.plan.0.max(total.0).saturating_mul(Decimal::from(YUAN_RATIO)))
                && !(plan.plan.is_zero() && total.is_zero())
            {
                c.not_yuan(&file, &at, "1–N 月累计完成", entry.ytd, &[plan.plan, total]);
            } else if entry.ytd > total && entry.ytd <= Wan::LIMIT && !total.0.is_sign_negative() {
                c.error(
                    "E0416",
                    &file,
                    &at,
                    format!("1–N 月累计完成 {} 超过项目总投资 {total}", entry.ytd),
                    Some(format!("核对 ytd 与 {} 中的 total_investment", c.project_file(id))),
                );
            }
            let same = newest
                && last_month.is_some_and(|b| {
                    b.ytd == entry.ytd
                        && b.started == entry.started
                        && b.progress == entry.progress
                        && b.next == entry.next
                });
            if same {
                unchanged.push(format!("{id}（{}）", project.name));
            }
        }
        if !unchanged.is_empty() {
            let count = unchanged.len();
            let more = if count > NAMED { format!("等 {count} 个") } else { String::new() };
            unchanged.truncate(NAMED);
            let at = c.sources.key_at(&file, &path!["entries"]);
            c.findings.push(
                Diagnostic::warning(
                    "W0404",
                    &file,
                    at,
                    format!("本月未更新：{count} 个项目的数据与上月完全相同：{}{more}", unchanged.join("、")),
                )
                .with_hint(Some("请经办人确认这些项目本月确无进展，或补报本月数据".into())),
            );
        }
    }
}
