//! 会议材料: the handout for one meeting: a cover with the agenda, one A4 sheet per project
//! discussed, the open decisions of earlier meetings, the ranking current at the meeting, and
//! the results of its 观摩评比 when it held one.

use super::sheet::{Sheet, sheet};
use crate::figures::{Docket, PeriodFigures};
use crate::render::rankings::RankingView;
use crate::render::views::DecisionRow;
use crate::render::{Ctx, Page, project_curve, rankings as ranking_views};
use serde::Serialize;

#[derive(Serialize)]
struct Handout {
    title: String,
    /// The title on the cover, its words kept whole.
    title_html: String,
    number: String,
    date: String,
    place: String,
    host: String,
    /// (项目名称, 责任单位)
    agenda: Vec<(String, String)>,
    sheets: Vec<Sheet>,
    open_decisions: Vec<DecisionRow>,
    /// Open decisions left out of a long list (they are on the 督办 page).
    omitted_decisions: usize,
    rankings: Vec<RankingView>,
    period_label: String,
    /// The meeting's contest (观摩评比), when it held one.
    contest: Option<crate::render::contest::ContestView>,
}

/// A handout shows this many rows at each end of a long ranking (and every bottom-N row).
const HANDOUT_RANKING_ENDS: usize = 5;

/// A handout lists at most this many open decisions of earlier meetings.
const MAX_DECISIONS: usize = 40;

/// The open decisions of meetings before meeting `index`, judged on its day: all of them when
/// they are few; otherwise those about the agenda's projects first, then the most overdue, up
/// to [`MAX_DECISIONS`]. Returns the rows and how many were left out.
fn open_decisions(ctx: &Ctx, docket: &Docket, index: usize, agenda: &[usize]) -> (Vec<DecisionRow>, usize) {
    let date = ctx.ds.meetings[index].front.date;
    let (open, total) = docket.open_before(ctx.ds, date, agenda, MAX_DECISIONS);
    (open.iter().map(|s| ctx.decision_row(s)).collect(), total - open.len())
}

/// The figures a meeting's handout uses: the last period reported before the meeting (the
/// current one for a meeting before any report).
pub fn period_of<'a>(ctx: &Ctx<'a>, index: usize) -> &'a PeriodFigures {
    let date = ctx.ds.meetings[index].front.date;
    ctx.all.iter().rev().find(|p| p.as_of < date && p.period <= ctx.current).unwrap_or(ctx.pf)
}

/// The projects discussed at meeting `index`, as indices into `Dataset::projects`.
fn projects_of(ctx: &Ctx, index: usize) -> Vec<usize> {
    ctx.ds.meetings[index].front.projects.iter().filter_map(|id| ctx.ds.index_of(id)).collect()
}

/// The rankings a handout shows for the context's period: abridged when long.
pub fn rankings(ctx: &Ctx) -> Vec<RankingView> {
    ranking_views::views(ctx, false).into_iter().map(|r| r.abridged(HANDOUT_RANKING_ENDS)).collect()
}

/// `handouts/<stem>.html` for meeting `index`, with the figures of the last period reported
/// before the meeting and that period's `rankings` (see [`rankings`]), its open decisions found
/// in `docket`; `ctx` stands in `handouts/`.
pub fn page(ctx: &Ctx, docket: &Docket, index: usize, rankings: &[RankingView]) -> Result<Page, String> {
    let ds = ctx.ds;
    let m = &ds.meetings[index];
    let f = &m.front;
    let ctx = ctx.for_period(period_of(ctx, index), &ctx.root);
    let projects = projects_of(&ctx, index);
    let (open_decisions, omitted_decisions) = open_decisions(&ctx, docket, index, &projects);
    let body = Handout {
        title: f.title.clone(),
        title_html: super::title_html(&f.title),
        number: f.number.clone().unwrap_or_default(),
        date: f.date.chinese(),
        place: f.place.clone().unwrap_or_default(),
        host: f
            .host
            .as_ref()
            .map(|h| ds.orgs.leader(h).map_or(h.clone(), |l| format!("{h}（{}）", l.title)))
            .unwrap_or_default(),
        agenda: projects.iter().map(|&i| (ds.projects[i].name.clone(), ds.projects[i].lead_unit.clone())).collect(),
        sheets: projects.iter().map(|&i| sheet(&ctx, i, ctx.pf.project(i).map(|f| project_curve(&ctx, f)))).collect(),
        open_decisions,
        omitted_decisions,
        rankings: rankings.to_vec(),
        period_label: ctx.pf.period.chinese(),
        contest: crate::render::contest::view(&ctx, index),
    };
    ctx.page(format!("handouts/{}.html", m.stem), "handout.html", "meetings", format!("{}会议材料", f.title), &body)
}
