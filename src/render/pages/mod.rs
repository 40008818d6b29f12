//! The pages of the site, one builder per page type; each turns figures into a page body of
//! display-ready values and renders it with its template.

mod blockers;
pub(crate) mod charts;
pub(crate) mod contest;
mod dashboard;
mod decisions;
mod groups;
pub(crate) mod ledger;
mod meetings;
mod periods;
mod project;
pub(crate) mod rankings;
pub(crate) mod warnings;

use super::{Ctx, Page, Sink};
use crate::figures::{BlockerState, DecisionState, ProjectFigures};
use rayon::prelude::*;
use serde::Serialize;

/// Every page of the current period, into `sink`.
pub fn current(ctx: &Ctx, sink: &Sink) -> Result<(), String> {
    let (in_folder, in_values) = (ctx.at("../"), ctx.at("../../"));
    let singles: [&(dyn Fn() -> Result<Page, String> + Sync); 8] = [
        &|| dashboard::page(ctx, "index.html"),
        &|| rankings::page(ctx, "rankings.html"),
        &|| warnings::page(ctx, "warnings.html"),
        &|| blockers::page(ctx, "issues.html"),
        &|| decisions::page(ctx, "decisions.html"),
        &|| periods::page(&in_folder),
        &|| meetings::index(&in_folder),
        &|| super::search::page(ctx),
    ];
    // All side by side: a core done with one kind of page takes up another.
    let (summaries, (projects, meetings)) = rayon::join(
        || {
            singles.par_iter().try_for_each(|make| sink(make()?))?;
            groups::pages(&in_folder, &in_values, sink)
        },
        || {
            rayon::join(
                || (0..ctx.ds.projects.len()).into_par_iter().try_for_each(|i| sink(project::page(&in_folder, i)?)),
                || {
                    (0..ctx.ds.meetings.len()).into_par_iter().try_for_each(|i| {
                        sink(meetings::page(&in_folder, i)?)?;
                        contest::page(&in_folder, i).map_or(Ok(()), |page| sink(page?))
                    })
                },
            )
        },
    );
    summaries.and(projects).and(meetings)
}

/// The archive of an earlier period: its dashboard, rankings, lit projects, blockers and
/// decisions as they were (its ledger is rendered with its bulletin), so that the archived
/// dashboard's links stay in its period.
pub fn archive(ctx: &Ctx, sink: &Sink) -> Result<(), String> {
    let folder = format!("periods/{}/", ctx.pf.period);
    sink(dashboard::page(ctx, &format!("{folder}index.html"))?)?;
    sink(rankings::page(ctx, &format!("{folder}rankings.html"))?)?;
    sink(warnings::page(ctx, &format!("{folder}warnings.html"))?)?;
    sink(blockers::page(ctx, &format!("{folder}issues.html"))?)?;
    sink(decisions::page(ctx, &format!("{folder}decisions.html"))?)
}

/// The page at `path` (from the site root), rendered alone: what `tongbao serve` answers a
/// request with. `None` when the site has no such page.
pub fn one(ctx: &Ctx, path: &str) -> Option<Result<Page, String>> {
    let (in_folder, in_values) = (ctx.at("../"), ctx.at("../../"));
    let html =
        |prefix: &str| path.strip_prefix(prefix).and_then(|r| r.strip_suffix(".html")).filter(|r| !r.contains('/'));
    let page = match path {
        "" | "index.html" => dashboard::page(ctx, "index.html"),
        "ledger.html" => ledger::page(ctx, path.into()),
        "rankings.html" => rankings::page(ctx, "rankings.html"),
        "warnings.html" => warnings::page(ctx, path),
        "issues.html" => blockers::page(ctx, path),
        "decisions.html" => decisions::page(ctx, path),
        "periods/index.html" => periods::page(&in_folder),
        "meetings/index.html" => meetings::index(&in_folder),
        super::search::PATH => super::search::page(ctx),
        _ if html("projects/").is_some() => project::page(&in_folder, ctx.ds.index_of(html("projects/")?)?),
        _ if html("contests/").is_some() => {
            let stem = html("contests/")?;
            return contest::page(&in_folder, ctx.ds.meetings.iter().position(|m| m.stem == stem)?);
        }
        _ if html("meetings/").is_some() => {
            let stem = html("meetings/")?;
            meetings::page(&in_folder, ctx.ds.meetings.iter().position(|m| m.stem == stem)?)
        }
        _ if path.starts_with("groups/") => return groups::one(&in_folder, &in_values, &path["groups/".len()..]),
        _ if path.starts_with("periods/") => {
            let (period, file) = path["periods/".len()..].split_once('/')?;
            let pf = ctx.all.iter().find(|p| p.period.to_string() == period && p.period < ctx.current)?;
            let archived = ctx.for_period(pf, "../../");
            match file {
                "index.html" => dashboard::page(&archived, path),
                "ledger.html" => ledger::page(&archived, path.into()),
                "rankings.html" => rankings::page(&archived, path),
                "warnings.html" => warnings::page(&archived, path),
                "issues.html" => blockers::page(&archived, path),
                "decisions.html" => decisions::page(&archived, path),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(page)
}

/// The rows of one of the theme's tables (`project_table`, `blocker_table`): how many, and the
/// rows rendered already by the table's row template (see [`Ctx::rows_html`]).
#[derive(Serialize)]
struct RowList {
    count: usize,
    rows_html: String,
}

/// `rows` rendered by the row template `template`, as a [`RowList`].
fn row_list<T: Serialize>(ctx: &Ctx, template: &str, rows: impl IntoIterator<Item = T>) -> Result<RowList, String> {
    let mut count = 0;
    let [rows_html] = ctx.rows_html([template], rows.into_iter().inspect(|_| count += 1))?;
    Ok(RowList { count, rows_html })
}

/// `projects` for `project_table`, numbered from 1 in the order given.
fn project_list<'p>(ctx: &Ctx, projects: impl IntoIterator<Item = &'p ProjectFigures>) -> Result<RowList, String> {
    row_list(ctx, "project_rows.html", projects.into_iter().enumerate().map(|(i, p)| ctx.project_row(i + 1, p)))
}

/// `decisions` for `decision_table`, each with its meeting (the decisions page, a project's
/// page; a meeting's own page lists its rows without, by `meeting_decision_rows.html`).
fn decision_list<'d>(ctx: &Ctx, decisions: impl IntoIterator<Item = &'d DecisionState>) -> Result<RowList, String> {
    row_list(ctx, "decision_rows.html", decisions.into_iter().map(|d| ctx.decision_row(d)))
}

/// `blockers` for `blocker_table`: as open (days so far, measures) or as `resolved` (date,
/// resolution), the table's two forms.
fn blocker_list<'b>(
    ctx: &Ctx,
    blockers: impl IntoIterator<Item = &'b BlockerState>,
    resolved: bool,
) -> Result<RowList, String> {
    let template = if resolved { "resolved_blocker_rows.html" } else { "blocker_rows.html" };
    row_list(ctx, template, blockers.into_iter().map(|b| ctx.blocker_row(b)))
}

/// 一, 二, … 九十九: the numbering of sections ("一、工业").
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!("{}十{}", DIGITS[n / 10], if n.is_multiple_of(10) { "" } else { DIGITS[n % 10] }),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn chinese_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 35].iter().map(|&n| super::chinese_number(n)).collect();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "三十五"]);
    }
}
