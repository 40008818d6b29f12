//! 项目一页纸: one project on one A4 page: basics, responsibility, money, S-curve, latest
//! 形象进度, open blockers, milestones. Printed by the handout and by the project page.

use crate::figures::MilestoneState;
use crate::render::format::months_span;
use crate::render::{ChartView, Ctx};
use serde::Serialize;

/// How many open blockers and milestones a sheet lists before it would overflow the page.
const MAX_ROWS: usize = 4;

#[derive(Debug, Serialize)]
pub struct Sheet {
    pub id: String,
    pub name: String,
    /// (label, value) pairs in reading order.
    pub basics: Vec<(String, String)>,
    pub responsibility: Vec<(String, String)>,
    pub money: Vec<(String, String)>,
    pub light: &'static str,
    pub light_label: &'static str,
    pub chart: Option<ChartView>,
    pub progress: std::sync::Arc<str>,
    pub next: std::sync::Arc<str>,
    /// (问题, 责任单位, 时限, 超期)
    pub blockers: Vec<(String, String, String, bool)>,
    pub more_blockers: usize,
    /// (节点, 计划, 状态)
    pub milestones: Vec<(String, String, &'static str)>,
    pub more_milestones: usize,
}

/// The sheet of `ds.projects[index]`, showing `chart` (the project's S-curve, or a second
/// showing of it on a page that has it already).
pub fn sheet(ctx: &Ctx, index: usize, chart: Option<ChartView>) -> Sheet {
    let ds = ctx.ds;
    let p = &ds.projects[index];
    let f = ctx.pf.project(index);
    let year = p.years.get(&ctx.pf.period.year);
    let leader = |n: &String| ds.orgs.leader(n).map_or(n.clone(), |l| format!("{n}（{}）", l.title));
    let pair = |a: &str, b: String| (a.to_string(), b);
    let mut basics = vec![
        pair("项目编号", p.id.clone()),
        pair("行业 / 乡镇", format!("{} / {}", p.industry, p.town)),
        pair("建设性质", year.map(|y| format!("{}（{}，{}）", y.nature, y.level, y.batch)).unwrap_or_default()),
        pair("建设年限", format!("{}—{}年", p.start_year, p.end_year)),
        pair("业主单位", p.owner.clone()),
        pair("建设内容", p.content.clone()),
    ];
    if let Some(t) = year.and_then(|y| y.target.clone()) {
        basics.push(pair("年度目标", t));
    }
    let mut responsibility = vec![
        pair("责任单位", p.lead_unit.clone()),
        pair("挂包县领导", p.leaders.iter().map(leader).collect::<Vec<_>>().join("、")),
    ];
    if let Some(hq) = p.hq.as_ref().and_then(|h| ds.orgs.hq(h)) {
        responsibility.push(pair("指挥部", format!("{}（指挥长：{}）", hq.name, hq.commander)));
    }
    let fmt = ctx.fmt;
    let mut money = vec![pair("总投资", format!("{}万元", fmt.money(p.total_investment)))];
    if let Some(f) = f {
        money.push(pair("年度计划", format!("{}万元", fmt.money(f.plan))));
        money.push(pair(&format!("{}累计", months_span(ctx.pf.period)), format!("{}万元", fmt.money(f.ytd))));
        money.push(pair("完成率 / 序时", format!("{} / {}", fmt.percent(f.rate), fmt.percent(Some(f.time_progress)))));
        money.push(pair("偏差", format!("{}个百分点", fmt.deviation(f.deviation_pp))));
    }
    let (light, light_label) = crate::render::format::light_parts(f.and_then(|f| f.light));
    let open: Vec<_> = ctx.pf.blockers_of(index).iter().filter(|b| b.open).collect();
    let blockers = open
        .iter()
        .take(MAX_ROWS)
        .map(|b| {
            let issue = &p.issues[b.blocker];
            (
                issue.title.clone(),
                issue.unit.clone(),
                issue.deadline.map(|d| d.to_string()).unwrap_or_default(),
                b.overdue,
            )
        })
        .collect();
    let states = f.map(|f| f.milestones.clone()).unwrap_or_default();
    let milestones: Vec<_> = p
        .milestones
        .iter()
        .zip(states)
        .map(|(m, s)| {
            let state = match s {
                MilestoneState::Done => "已完成",
                MilestoneState::DoneLate => "逾期完成",
                MilestoneState::Pending => "推进中",
                MilestoneState::Overdue => "已逾期",
            };
            (m.name.clone(), m.due.to_string(), state)
        })
        .collect();
    Sheet {
        id: p.id.clone(),
        name: p.name.clone(),
        basics,
        responsibility,
        money,
        light,
        light_label,
        chart,
        progress: f.map(|f| f.progress.clone()).unwrap_or_default(),
        next: f.and_then(|f| f.next.clone()).unwrap_or_default(),
        more_blockers: open.len().saturating_sub(MAX_ROWS),
        blockers,
        more_milestones: milestones.len().saturating_sub(MAX_ROWS),
        milestones: milestones.into_iter().take(MAX_ROWS).collect(),
    }
}
