//! 会议材料: the handout for one meeting: a cover with the agenda, one A4 sheet per project
//! discussed, the open decisions of earlier meetings, and the ranking current at the meeting.

use super::sheet::{Sheet, sheet};
use crate::figures::{PeriodFigures, judge_decisions};
use crate::render::rankings::RankingView;
use crate::render::views::DecisionRow;
use crate::render::{Ctx, Page, rankings};
use serde::Serialize;

#[derive(Serialize)]
struct Handout {
    title: String,
    number: String,
    date: String,
    place: String,
    host: String,
    /// (项目名称, 责任单位)
    agenda: Vec<(String, String)>,
    sheets: Vec<Sheet>,
    open_decisions: Vec<DecisionRow>,
    rankings: Vec<RankingView>,
    period_label: String,
}

/// A handout shows this many rows at each end of a long ranking (and every bottom-N row).
const HANDOUT_RANKING_ENDS: usize = 5;

/// The figures a meeting's handout uses: the last period reported before the meeting (the
/// current one for a meeting before any report).
pub fn period_of<'a>(ctx: &Ctx<'a>, index: usize) -> &'a PeriodFigures {
    let date = ctx.ds.meetings[index].front.date;
    ctx.all.iter().rev().find(|p| p.as_of < date && p.period <= ctx.current).unwrap_or(ctx.pf)
}

/// The projects discussed at meeting `index`, as indices into `Dataset::projects`.
pub fn projects_of(ctx: &Ctx, index: usize) -> Vec<usize> {
    ctx.ds.meetings[index].front.projects.iter().filter_map(|id| ctx.ds.index_of(id)).collect()
}

/// `handouts/<stem>.html` for meeting `index`, with the figures of the last period reported
/// before the meeting; `ctx` stands in `handouts/`.
pub fn page(ctx: &Ctx, index: usize) -> Result<Page, String> {
    let ds = ctx.ds;
    let m = &ds.meetings[index];
    let f = &m.front;
    let ctx = ctx.for_period(period_of(ctx, index), &ctx.root);
    let projects: Vec<usize> =
        f.projects.iter().filter_map(|id| ds.projects.iter().position(|p| &p.id == id)).collect();
    let earlier = judge_decisions(ds, f.date);
    let open_decisions = earlier
        .states
        .iter()
        .filter(|s| s.meeting != index && ds.meetings[s.meeting].front.date < f.date && s.alert.is_some())
        .map(|s| ctx.decision_row(s))
        .collect();
    let body = Handout {
        title: f.title.clone(),
        number: f.number.clone().unwrap_or_default(),
        date: f.date.chinese(),
        place: f.place.clone().unwrap_or_default(),
        host: f
            .host
            .as_ref()
            .map(|h| ds.orgs.leader(h).map_or(h.clone(), |l| format!("{h}（{}）", l.title)))
            .unwrap_or_default(),
        agenda: projects.iter().map(|&i| (ds.projects[i].name.clone(), ds.projects[i].lead_unit.clone())).collect(),
        sheets: projects.iter().map(|&i| sheet(&ctx, i)).collect(),
        open_decisions,
        rankings: rankings::views(&ctx, false).into_iter().map(|r| r.abridged(HANDOUT_RANKING_ENDS)).collect(),
        period_label: ctx.pf.period.chinese(),
    };
    ctx.page(format!("handouts/{}.html", m.stem), "handout.html", "meetings", format!("{}会议材料", f.title), &body)
}
