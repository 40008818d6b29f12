//! 会议: the list of meetings by date, and each meeting's minutes from its Markdown body with
//! attendance and its decisions.

use super::super::views::DecisionRow;
use super::super::{Ctx, Page, markdown_to_html};
use super::{RowList, row_list};
use serde::Serialize;

#[derive(Serialize)]
struct Item {
    title: String,
    href: String,
    date: String,
    kind: String,
    number: String,
    decisions: usize,
    closed: usize,
    rate: String,
}

#[derive(Serialize)]
struct Index {
    meetings: Vec<Item>,
}

#[derive(Serialize)]
struct Minutes {
    stem: String,
    /// "2026年7月26日，周明远在县会议中心主持召开……。" (纪要 opening)
    opening: String,
    title: String,
    /// The 纪要's red title, its words kept whole on paper.
    minutes_title_html: String,
    kind: String,
    number: String,
    date: String,
    place: String,
    host: String,
    attendees: String,
    absent: String,
    observers: String,
    projects: Vec<(String, String)>,
    body_html: String,
    /// The decisions, for the minutes as a document…
    decisions: Vec<DecisionRow>,
    /// …and as the page's table.
    decision_table: RowList,
    /// The contest's page, when the meeting held one.
    contest_href: String,
}

/// `meetings/index.html`; `ctx` stands in `meetings/`.
pub fn index(ctx: &Ctx) -> Result<Page, String> {
    let d = &ctx.pf.decisions;
    let meetings = ctx
        .ds
        .meetings
        .iter()
        .enumerate()
        .rev()
        .map(|(i, m)| {
            let f = d.by_meeting.get(&i).cloned().unwrap_or_default();
            Item {
                title: m.front.title.clone(),
                href: format!("{}.html", m.stem),
                date: m.front.date.to_string(),
                kind: m.front.kind.clone(),
                number: m.front.number.clone().unwrap_or_default(),
                decisions: m.front.decisions.len(),
                closed: f.closed,
                rate: ctx.fmt.percent(f.rate),
            }
        })
        .collect();
    ctx.page("meetings/index.html".into(), "meetings.html", "meetings", "会议".into(), &Index { meetings })
}

/// `meetings/<stem>.html`; `ctx` stands in `meetings/`.
pub fn page(ctx: &Ctx, index: usize) -> Result<Page, String> {
    let ds = ctx.ds;
    let m = &ds.meetings[index];
    let f = &m.front;
    let exists = |id: &str| ds.project(id).is_some();
    let decisions: Vec<DecisionRow> = ctx.pf.decisions.of_meeting(index).iter().map(|s| ctx.decision_row(s)).collect();
    // The same rows as the page's table, without the meeting (it is this one).
    let decision_table = row_list(ctx, "meeting_decision_rows.html", &decisions)?;
    let host = f.host.as_ref().map(|h| ds.orgs.leader(h).map_or(h.clone(), |l| format!("{}{h}", l.title)));
    let place = f.place.as_ref().map(|p| format!("在{p}")).unwrap_or_default();
    let opening = match host {
        Some(host) => format!("{}，{host}{place}主持召开{}。", f.date.chinese(), f.title),
        None => format!("{}，{place}召开{}。", f.date.chinese(), f.title),
    };
    let body = Minutes {
        stem: m.stem.clone(),
        opening,
        title: f.title.clone(),
        minutes_title_html: crate::print::title_html(&format!("{}纪要", f.title)),
        kind: f.kind.clone(),
        number: f.number.clone().unwrap_or_default(),
        date: f.date.chinese(),
        place: f.place.clone().unwrap_or_default(),
        host: f.host.clone().unwrap_or_default(),
        attendees: f.attendees.join("、"),
        absent: f.absent.join("、"),
        observers: f.observers.join("、"),
        projects: f
            .projects
            .iter()
            .filter_map(|id| ds.project(id))
            .map(|p| (p.name.clone(), format!("{}projects/{}.html", ctx.root, p.id)))
            .collect(),
        body_html: markdown_to_html(&m.body, &ctx.root, &exists),
        decisions,
        decision_table,
        contest_href: f
            .contest
            .as_ref()
            .map(|_| format!("{}{}", ctx.root, super::contest::path(&m.stem)))
            .unwrap_or_default(),
    };
    ctx.page(format!("meetings/{}.html", m.stem), "meeting.html", "meetings", f.title.clone(), &body)
}
