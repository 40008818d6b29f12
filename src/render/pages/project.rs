//! 项目: one project's attributes, responsibility, S-curve, month-by-month table, milestones,
//! blockers, meetings and decisions that name it, and central-budget funds.

use super::super::views::ProjectRow;
use super::super::{Ctx, Page};
use super::charts::project_curve;
use super::{RowList, blocker_list, decision_list};
use serde::Serialize;

#[derive(Serialize)]
struct MonthRow {
    month: String,
    plan: String,
    ytd: String,
    month_done: String,
    progress: std::sync::Arc<str>,
}

#[derive(Serialize)]
struct MilestoneRow {
    name: String,
    due: String,
    done: String,
    unit: String,
    state: &'static str,
    state_key: &'static str,
}

#[derive(Serialize)]
struct MeetingLink {
    title: String,
    href: String,
    date: String,
}

#[derive(Serialize)]
struct Budget {
    year: i32,
    batch: String,
    allocated: String,
    paid: String,
    rate: String,
}

#[derive(Serialize)]
struct ProjectPage {
    id: String,
    name: String,
    listed: bool,
    row: Option<ProjectRow>,
    /// 存在问题, as the unit reported it this month.
    problems: std::sync::Arc<str>,
    months: Vec<MonthRow>,
    milestones: Vec<MilestoneRow>,
    open_blockers: RowList,
    closed_blockers: RowList,
    meetings: Vec<MeetingLink>,
    decisions: RowList,
    budget: Vec<Budget>,
    /// The one-page sheet: the page's facts and chart on screen, and what it prints as.
    sheet: crate::print::Sheet,
}

/// The page of `ds.projects[index]`; `ctx` stands in `projects/`.
pub fn page(ctx: &Ctx, index: usize) -> Result<Page, String> {
    let ds = ctx.ds;
    let pf = ctx.pf;
    let project = &ds.projects[index];
    let figures = pf.project(index);
    let fmt = ctx.fmt;
    let months = figures.map(|f| month_rows(ctx, f)).unwrap_or_default();
    let milestones = project
        .milestones
        .iter()
        .zip(figures.map(|f| f.milestones.clone()).unwrap_or_default())
        .map(|(m, state)| MilestoneRow {
            name: m.name.clone(),
            due: m.due.to_string(),
            done: m.done.filter(|d| *d <= pf.as_of).map(|d| d.to_string()).unwrap_or_default(),
            unit: m.unit.clone().unwrap_or_default(),
            state: state.label(),
            state_key: state.key(),
        })
        .collect();
    let mentions = pf.mentions_of(index);
    let meetings = mentions
        .map(|m| m.meetings.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|&mi| {
            let m = &ds.meetings[mi];
            MeetingLink {
                title: m.front.title.clone(),
                href: format!("{}meetings/{}.html", ctx.root, m.stem),
                date: m.front.date.to_string(),
            }
        })
        .collect();
    let mentioned = mentions.map(|m| m.decisions.as_slice()).unwrap_or_default();
    let decisions = decision_list(ctx, mentioned.iter().map(|&si| &pf.decisions.states[si]))?;
    let budget = project
        .central_budget
        .iter()
        .map(|c| Budget {
            year: c.year,
            batch: c.batch.clone(),
            allocated: fmt.money(c.allocated),
            paid: fmt.money(c.paid),
            rate: fmt.percent(crate::figures::ratio::ratio(c.paid.0, c.allocated.0)),
        })
        .collect();
    let body = ProjectPage {
        id: project.id.clone(),
        name: project.name.clone(),
        listed: figures.is_some(),
        row: figures.map(|f| ctx.project_row(0, f)),
        problems: figures.and_then(|f| f.problems.clone()).unwrap_or_default(),
        sheet: crate::print::sheet(ctx, index, figures.map(|f| project_curve(ctx, f))),
        months,
        milestones,
        open_blockers: blocker_list(ctx, pf.blockers_of(index).iter().filter(|b| b.open), false)?,
        closed_blockers: blocker_list(ctx, pf.blockers_of(index).iter().filter(|b| !b.open), true)?,
        meetings,
        decisions,
        budget,
    };
    ctx.page(format!("projects/{}.html", project.id), "project.html", "ledger", project.name.clone(), &body)
}

/// The month-by-month table, which is also the data behind the project's S-curve: every month
/// of the year with its cumulative plan, and the months up to the period with ytd, the month's
/// amount and 形象进度.
fn month_rows(ctx: &Ctx, f: &crate::figures::ProjectFigures) -> Vec<MonthRow> {
    let fmt = ctx.fmt;
    let reports = f.by_month();
    f.plan_by_month
        .iter()
        .enumerate()
        .map(|(m, plan)| {
            let month = format!("{}月", m + 1);
            let plan = fmt.money(*plan);
            let Some(report) = reports.get(m) else {
                return MonthRow { month, plan, ytd: String::new(), month_done: String::new(), progress: "".into() };
            };
            let before = if m == 0 { crate::model::Wan::ZERO } else { reports[m - 1].ytd };
            MonthRow {
                month,
                plan,
                ytd: fmt.money(report.ytd),
                month_done: fmt.money(report.ytd - before),
                progress: report.progress.clone().unwrap_or_else(|| "未报送".into()),
            }
        })
        .collect()
}
