//! 会议材料: the handout for one meeting: a cover with the agenda, one A4 sheet per project
//! discussed, the open decisions of earlier meetings, and the ranking current at the meeting.

use super::sheet::{Sheet, sheet};
use crate::figures::judge_decisions;
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

/// `handouts/<stem>.html` for meeting `index`, with the figures of the last period reported
/// before the meeting; `ctx` stands in `handouts/`.
pub fn page(ctx: &Ctx, index: usize) -> Result<Page, String> {
    let ds = ctx.ds;
    let m = &ds.meetings[index];
    let f = &m.front;
    let before = ctx.all.iter().rev().find(|p| p.as_of < f.date && p.period <= ctx.current);
    let ctx = before.map_or_else(|| ctx.at(&ctx.root), |pf| ctx.for_period(pf, &ctx.root));
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
        rankings: rankings::views(&ctx),
        period_label: ctx.pf.period.chinese(),
    };
    ctx.page(format!("handouts/{}.html", m.stem), "handout.html", "meetings", format!("{}会议材料", f.title), &body)
}
