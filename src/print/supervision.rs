//! 督办 paperwork, from the decisions (议定事项) and blockers already in the data, for the
//! current period: the 交办单 of each meeting held by then (one page per decision), the
//! period's 催办通知 (one page per unit with something overdue or due within 7 days) and its
//! 督查通报 (counts and shares by meeting and by unit, the units behind named, the 红/黄/蓝
//! 三单); and the site's page `supervision.html`, which lists them with their PDFs.

use crate::figures::{Alert, DUE_SOON_DAYS, DecisionState, FollowUp};
use crate::model::{Date, DecisionStatus};
use crate::render::views::DecisionRow;
use crate::render::{Ctx, Page, Sink};
use serde::Serialize;

/// The folder of the forms, under the site root.
pub const FOLDER: &str = "supervision";

/// What a 交办单 asks to be reported back when its decision does not say (`report_back`).
const REPORT_BACK: &str = "请牵头单位会同配合单位抓好落实，于办理时限前将办理情况书面反馈交办单位；未能按期办结的，须说明原因、提出下步措施并申请延期。";

#[derive(Serialize)]
struct Assignment {
    /// 〔2026〕督字第3号
    number: String,
    meeting: String,
    meeting_date: String,
    text: String,
    lead_unit: String,
    co_units: String,
    deadline: String,
    projects: String,
    report_back: String,
}

#[derive(Serialize)]
struct Assignments {
    issuer: String,
    meeting: String,
    /// The date the forms are issued: the meeting's.
    date: String,
    forms: Vec<Assignment>,
}

#[derive(Serialize)]
struct UrgeItem {
    /// 议定事项 or 卡点问题
    kind: &'static str,
    text: String,
    /// The meeting, or the project the blocker is of.
    source: String,
    deadline: String,
    /// 逾期12天 or 3天后到期
    state: String,
}

#[derive(Serialize)]
struct Notice {
    unit: String,
    overdue: usize,
    items: Vec<UrgeItem>,
}

#[derive(Serialize)]
struct Urges {
    issuer: String,
    as_of: String,
    notices: Vec<Notice>,
}

#[derive(Serialize)]
struct Tally {
    name: String,
    total: usize,
    closed: String,
    in_progress: String,
    overdue: String,
    rate: String,
}

#[derive(Serialize)]
struct Report {
    issuer: String,
    number: String,
    title_html: String,
    overall: String,
    by_meeting: Vec<Tally>,
    by_unit: Vec<Tally>,
    behind: String,
    red: Vec<DecisionRow>,
    yellow: Vec<DecisionRow>,
    blue: Vec<DecisionRow>,
    date: String,
}

#[derive(Serialize)]
struct Listed {
    title: String,
    href: String,
    /// The PDF beside it, when the build exports them.
    pdf: String,
    note: String,
}

#[derive(Serialize)]
struct Index {
    as_of: String,
    /// The 督查通报 and the 催办通知.
    reports: Vec<Listed>,
    assignments: Vec<Listed>,
    exports_pdf: bool,
}

/// A date as the forms write it: 2026年5月31日, or 无 when there is none.
fn chinese_or_none(d: Option<Date>) -> String {
    d.map_or_else(|| "无".to_string(), Date::chinese)
}

fn issuer(ctx: &Ctx) -> String {
    let cfg = &ctx.ds.config;
    cfg.bulletin.as_ref().map_or_else(|| cfg.site.organization.clone(), |b| b.issuer.clone())
}

/// The meetings held by the period's date, as indices into `Dataset::meetings`.
fn held<'c>(ctx: &'c Ctx) -> impl Iterator<Item = usize> + 'c {
    (0..ctx.ds.meetings.len()).filter(|&i| ctx.ds.meetings[i].front.date <= ctx.pf.as_of)
}

fn assignment_path(stem: &str) -> String {
    format!("{FOLDER}/jiaoban-{stem}.html")
}

fn urge_path(ctx: &Ctx) -> String {
    format!("{FOLDER}/cuiban-{}.html", ctx.pf.period)
}

fn report_path(ctx: &Ctx) -> String {
    format!("{FOLDER}/ducha-{}.html", ctx.pf.period)
}

/// The 交办单 of meeting `index`, numbered on from the decisions of the year's earlier meetings.
fn assignments(ctx: &Ctx, index: usize) -> Result<Page, String> {
    let ds = ctx.ds;
    let m = &ds.meetings[index].front;
    let year = m.date.year;
    let before: usize =
        ds.meetings[..index].iter().filter(|e| e.front.date.year == year).map(|e| e.front.decisions.len()).sum();
    let forms = m
        .decisions
        .iter()
        .enumerate()
        .map(|(i, d)| Assignment {
            number: format!("〔{year}〕督字第{}号", before + i + 1),
            meeting: m.title.clone(),
            meeting_date: m.date.chinese(),
            text: d.text.clone(),
            lead_unit: d.lead_unit.clone(),
            co_units: if d.co_units.is_empty() { "无".into() } else { d.co_units.join("、") },
            deadline: chinese_or_none(d.deadline),
            projects: d
                .projects
                .iter()
                .filter_map(|id| ds.project(id))
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            report_back: d.report_back.clone().unwrap_or_else(|| REPORT_BACK.to_string()),
        })
        .collect();
    let body = Assignments { issuer: issuer(ctx), meeting: m.title.clone(), date: m.date.chinese(), forms };
    let path = assignment_path(&ds.meetings[index].stem);
    ctx.page(path, "supervision_assign.html", "supervision", format!("{}交办单", m.title), &body)
}

/// How far an item with `deadline` is from the period's date: 逾期N天 / N天后到期 / 今天到期,
/// or `None` when it is neither overdue nor due within [`DUE_SOON_DAYS`].
fn urgency(as_of: Date, deadline: Option<Date>) -> Option<(bool, String)> {
    let left = deadline?.days_since(as_of);
    match left {
        ..0 => Some((true, format!("逾期{}天", -left))),
        0 => Some((false, "今天到期".into())),
        1..=DUE_SOON_DAYS => Some((false, format!("{left}天后到期"))),
        _ => None,
    }
}

/// Each unit's open decisions and blockers that are overdue or due within 7 days, most
/// overdue first; the units in the order of their names. (No links: the same from any folder.)
fn notices(ctx: &Ctx) -> Vec<Notice> {
    let (ds, pf) = (ctx.ds, ctx.pf);
    let mut by_unit: std::collections::BTreeMap<String, Vec<(Option<Date>, bool, UrgeItem)>> = Default::default();
    for s in pf.decisions.states.iter().filter(|s| s.status != DecisionStatus::Closed) {
        let meeting = &ds.meetings[s.meeting].front;
        let d = &meeting.decisions[s.decision];
        // One returned (退办) and not yet assigned again has no unit to urge: the 督查通报
        // counts it for the office.
        let Some(unit) = &s.lead_unit else { continue };
        if let Some((overdue, state)) = urgency(pf.as_of, s.deadline) {
            let urged = if s.urged > 0 { format!("（已催办{}次）", s.urged) } else { String::new() };
            let extended = if s.extended { "（延期后）" } else { "" };
            let item = UrgeItem {
                kind: "议定事项",
                text: d.text.clone(),
                source: format!("{}第{}件", meeting.title, d.no),
                deadline: format!("{}{extended}", chinese_or_none(s.deadline)),
                state: format!("{state}{urged}"),
            };
            by_unit.entry(unit.clone()).or_default().push((s.deadline, overdue, item));
        }
    }
    for b in pf.blockers.iter().filter(|b| b.open) {
        let project = &ds.projects[b.project];
        let issue = &project.issues[b.blocker];
        if let Some((overdue, state)) = urgency(pf.as_of, issue.deadline) {
            let item = UrgeItem {
                kind: "卡点问题",
                text: issue.title.clone(),
                source: project.name.clone(),
                deadline: chinese_or_none(issue.deadline),
                state,
            };
            by_unit.entry(issue.unit.clone()).or_default().push((issue.deadline, overdue, item));
        }
    }
    by_unit
        .into_iter()
        .map(|(unit, mut items)| {
            items.sort_by_key(|(deadline, _, _)| *deadline);
            let overdue = items.iter().filter(|(_, o, _)| *o).count();
            Notice { unit, overdue, items: items.into_iter().map(|(_, _, item)| item).collect() }
        })
        .collect()
}

fn urges(ctx: &Ctx, notices: Vec<Notice>) -> Result<Page, String> {
    let body = Urges { issuer: issuer(ctx), as_of: ctx.pf.as_of.chinese(), notices };
    let title = format!("{}催办通知", ctx.pf.period.chinese());
    ctx.page(urge_path(ctx), "supervision_urge.html", "supervision", title, &body)
}

fn tally(ctx: &Ctx, name: String, f: &FollowUp) -> Tally {
    let part = |n: usize| format!("{n}（{}）", ctx.fmt.percent(f.share(n)));
    Tally {
        name,
        total: f.total,
        closed: part(f.closed),
        in_progress: part(f.in_progress()),
        overdue: part(f.overdue),
        rate: ctx.fmt.percent(f.rate),
    }
}

/// The units with overdue decisions, most overdue first: "县自然资源局（逾期2件）、…".
fn behind(ctx: &Ctx) -> String {
    let mut units: Vec<(&String, &FollowUp)> = ctx.pf.decisions.by_unit.iter().filter(|(_, f)| f.overdue > 0).collect();
    units.sort_by(|a, b| b.1.overdue.cmp(&a.1.overdue).then(a.1.rate.cmp(&b.1.rate)).then(a.0.cmp(b.0)));
    if units.is_empty() {
        return "各牵头单位的议定事项均在办理时限内推进，无逾期事项。".into();
    }
    let named: Vec<String> = units.iter().map(|(u, f)| format!("{u}（逾期{}件）", f.overdue)).collect();
    format!("办理滞后、存在逾期事项的单位：{}。请上述单位切实履行牵头责任，限期办结。", named.join("、"))
}

/// The decisions their units returned (退办) that wait to be assigned again: counted under no
/// unit, so said here for the office to assign.
fn awaiting(f: &FollowUp) -> String {
    match (f.total, f.overdue) {
        (0, _) => String::new(),
        (n, 0) => format!("其中{n}件经牵头单位退办，待重新交办。"),
        (n, late) => format!("其中{n}件经牵头单位退办，待重新交办（{late}件已过办理时限）。"),
    }
}

fn report(ctx: &Ctx) -> Result<Page, String> {
    let (ds, pf) = (ctx.ds, ctx.pf);
    let d = &pf.decisions;
    let meetings = d.by_meeting.len();
    let overall = if d.all.total == 0 {
        format!("截至{}，尚无会议议定事项。", pf.as_of.chinese())
    } else {
        let pct = |n: usize| ctx.fmt.percent(d.all.share(n));
        format!(
            "截至{}，全县重点项目{}次会议共议定事项{}件，已办结{}件，占{}；正在办理{}件，占{}；逾期未办结{}件，占{}。",
            pf.as_of.chinese(),
            meetings,
            d.all.total,
            d.all.closed,
            pct(d.all.closed),
            d.all.in_progress(),
            pct(d.all.in_progress()),
            d.all.overdue,
            pct(d.all.overdue)
        ) + &awaiting(&d.awaiting)
    };
    let rows = |alert: Alert| -> Vec<DecisionRow> {
        d.states.iter().filter(|s: &&DecisionState| s.alert == Some(alert)).map(|s| ctx.decision_row(s)).collect()
    };
    let title = format!("关于{}重点项目议定事项督查情况的通报", pf.period.chinese());
    let body = Report {
        issuer: issuer(ctx),
        number: format!("{}年第{}期", pf.period.year, pf.period.month),
        title_html: super::title_html(&title),
        overall,
        by_meeting: d.by_meeting.iter().map(|(&i, f)| tally(ctx, ds.meetings[i].front.title.clone(), f)).collect(),
        by_unit: d.by_unit.iter().map(|(u, f)| tally(ctx, u.clone(), f)).collect(),
        behind: behind(ctx),
        red: rows(Alert::Red),
        yellow: rows(Alert::Yellow),
        blue: rows(Alert::Blue),
        date: pf.as_of.chinese(),
    };
    let page_title = format!("{}督查通报", pf.period.chinese());
    ctx.page(report_path(ctx), "supervision_report.html", "supervision", page_title, &body)
}

/// `supervision.html`: every form of the period, each with its PDF when the build exports them.
fn index(ctx: &Ctx, notices: &[Notice]) -> Result<Page, String> {
    let listed = |title: String, path: String, note: String| Listed {
        href: format!("{}{path}", ctx.root),
        pdf: if ctx.exports_pdf() { format!("{}{}", ctx.root, path.replace(".html", ".pdf")) } else { String::new() },
        title,
        note,
    };
    let d = &ctx.pf.decisions;
    let overdue: usize = notices.iter().map(|n| n.overdue).sum();
    let soon = notices.iter().map(|n| n.items.len()).sum::<usize>() - overdue;
    let reports = vec![
        listed(
            format!("{}督查通报", ctx.pf.period.chinese()),
            report_path(ctx),
            format!(
                "议定事项{}件：已办结{}件，正在办理{}件，逾期{}件",
                d.all.total,
                d.all.closed,
                d.all.in_progress(),
                d.all.overdue
            ),
        ),
        listed(
            format!("{}催办通知", ctx.pf.period.chinese()),
            urge_path(ctx),
            format!("{}个单位：逾期{}项，7日内到期{}项", notices.len(), overdue, soon),
        ),
    ];
    let assignments = held(ctx)
        .map(|i| {
            let m = &ctx.ds.meetings[i];
            let count = format!("{}召开，议定事项{}件", m.front.date.chinese(), m.front.decisions.len());
            listed(format!("{}交办单", m.front.title), assignment_path(&m.stem), count)
        })
        .collect();
    let body = Index { as_of: ctx.pf.as_of.chinese(), reports, assignments, exports_pdf: ctx.exports_pdf() };
    ctx.page("supervision.html".into(), "supervision.html", "supervision", "督查督办".into(), &body)
}

/// The period's forms and the page that lists them, into `sink`; `ctx` stands at the root.
pub fn all(ctx: &Ctx, sink: &Sink) -> Result<(), String> {
    let in_folder = ctx.at("../");
    for i in held(ctx) {
        sink(assignments(&in_folder, i)?)?;
    }
    sink(report(&in_folder)?)?;
    let notices = notices(ctx);
    sink(index(ctx, &notices)?)?;
    sink(urges(&in_folder, notices)?)
}

/// The form or page at `path` alone, for `tongbao serve`; `ctx` stands at the root.
pub fn one(ctx: &Ctx, path: &str) -> Option<Result<Page, String>> {
    if path == "supervision.html" {
        return Some(index(ctx, &notices(ctx)));
    }
    let in_folder = ctx.at("../");
    if path == report_path(ctx) {
        return Some(report(&in_folder));
    }
    if path == urge_path(ctx) {
        return Some(urges(&in_folder, notices(&in_folder)));
    }
    let index = held(ctx).find(|&i| assignment_path(&ctx.ds.meetings[i].stem) == path)?;
    Some(assignments(&in_folder, index))
}
