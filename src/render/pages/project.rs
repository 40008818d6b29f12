//! 项目: one project's attributes, responsibility, S-curve, month-by-month table, milestones,
//! blockers, meetings and decisions that name it, and central-budget funds.

use super::super::views::ProjectRow;
use super::super::{Ctx, Page};
use super::charts::{ChartView, project_curve, project_curve_again};
use super::{RowList, blocker_list, decision_list};
use crate::figures::MilestoneState;
use crate::model::Month;
use crate::render::format::months_span;
use serde::Serialize;

#[derive(Serialize)]
struct Field {
    label: String,
    value: String,
}

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
    basics: Vec<Field>,
    responsibility: Vec<Field>,
    money: Vec<Field>,
    chart: Option<ChartView>,
    months: Vec<MonthRow>,
    milestones: Vec<MilestoneRow>,
    open_blockers: RowList,
    closed_blockers: RowList,
    meetings: Vec<MeetingLink>,
    decisions: RowList,
    budget: Vec<Budget>,
    /// The one-page sheet the page prints as.
    sheet: crate::print::Sheet,
}

fn field(label: impl Into<String>, value: impl Into<String>) -> Field {
    Field { label: label.into(), value: value.into() }
}

/// The page of `ds.projects[index]`; `ctx` stands in `projects/`.
pub fn page(ctx: &Ctx, index: usize) -> Result<Page, String> {
    let ds = ctx.ds;
    let pf = ctx.pf;
    let project = &ds.projects[index];
    let figures = pf.project(index);
    let year = project.years.get(&pf.period.year);
    let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    let mut basics = vec![
        field("项目编号", project.id.clone()),
        field("行业", project.industry.clone()),
        field("乡镇（园区）", project.town.clone()),
        field("建设内容及规模", project.content.clone()),
        field("业主单位", project.owner.clone()),
        field("建设起止年限", format!("{}—{}年", project.start_year, project.end_year)),
        field("计划开工", date(project.planned_start)),
        field("实际开工", date(project.actual_start)),
        field("计划竣工", date(project.planned_completion)),
        field("实际竣工", date(project.actual_completion)),
    ];
    if let Some(y) = year {
        basics.push(field("项目级别", y.level.clone()));
        basics.push(field("建设性质", y.nature.clone()));
        basics.push(field("四个一批", y.batch.clone()));
        if let Some(t) = &y.target {
            basics.push(field("年度目标", t.clone()));
        }
    }
    if !project.tags.is_empty() {
        basics.push(field("标签", project.tags.join("、")));
    }
    let leader = |name: &String| ds.orgs.leader(name).map_or(name.clone(), |l| format!("{name}（{}）", l.title));
    let mut responsibility = vec![
        field("责任单位", project.lead_unit.clone()),
        field("配合单位", project.co_units.join("、")),
        field("挂包县领导", project.leaders.iter().map(leader).collect::<Vec<_>>().join("、")),
    ];
    if let Some(hq) = project.hq.as_ref().and_then(|h| ds.orgs.hq(h)) {
        responsibility.push(field("指挥部", hq.name.clone()));
        responsibility.push(field("指挥长", leader(&hq.commander)));
    }
    let fmt = ctx.fmt;
    let mut money = vec![field("总投资（万元）", fmt.money(project.total_investment))];
    if let Some(f) = figures {
        money.push(field("年度计划投资（万元）", fmt.money(f.plan)));
        money.push(field(format!("{}累计完成（万元）", months_span(pf.period)), fmt.money(f.ytd)));
        money.push(field("当月完成（万元）", fmt.money(f.month)));
        money.push(field("完成率", fmt.percent(f.rate)));
        money.push(field("序时进度", fmt.percent(Some(f.time_progress))));
        money.push(field("偏差（个百分点）", fmt.deviation(f.deviation_pp)));
        if let Some(s) = f.since_start {
            money.push(field("开工累计完成（万元）", fmt.money(s)));
            money.push(field("占总投资", fmt.percent(f.share_of_total)));
        }
    }
    let months = figures.map(|f| month_rows(ctx, &project.id, f)).unwrap_or_default();
    let milestones = project
        .milestones
        .iter()
        .zip(figures.map(|f| f.milestones.clone()).unwrap_or_default())
        .map(|(m, state)| {
            let (label, key) = match state {
                MilestoneState::Done => ("已完成", "done"),
                MilestoneState::DoneLate => ("逾期完成", "late"),
                MilestoneState::Pending => ("推进中", "pending"),
                MilestoneState::Overdue => ("已逾期", "overdue"),
            };
            MilestoneRow {
                name: m.name.clone(),
                due: m.due.to_string(),
                done: m.done.filter(|d| *d <= pf.as_of).map(|d| d.to_string()).unwrap_or_default(),
                unit: m.unit.clone().unwrap_or_default(),
                state: label,
                state_key: key,
            }
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
        basics,
        responsibility,
        money,
        chart: figures.map(|f| project_curve(ctx, f)),
        sheet: crate::print::sheet(ctx, index, figures.map(|f| project_curve_again(ctx, f))),
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
fn month_rows(ctx: &Ctx, id: &str, f: &crate::figures::ProjectFigures) -> Vec<MonthRow> {
    let (fmt, year) = (ctx.fmt, ctx.pf.period.year);
    let ytd = f.ytd_by_month();
    f.plan_by_month
        .iter()
        .enumerate()
        .map(|(m, plan)| {
            let month = format!("{}月", m + 1);
            let plan = fmt.money(*plan);
            let Some(done) = ytd.get(m) else {
                return MonthRow { month, plan, ytd: String::new(), month_done: String::new(), progress: "".into() };
            };
            let before = if m == 0 { crate::model::Wan::ZERO } else { ytd[m - 1] };
            let entry = ctx.ds.progress.get(&Month { year, month: m as u32 + 1 }).and_then(|p| p.entries.get(id));
            MonthRow {
                month,
                plan,
                ytd: fmt.money(*done),
                month_done: fmt.money(*done - before),
                progress: entry.map_or_else(|| "未报送".into(), |e| e.progress.clone()),
            }
        })
        .collect()
}
