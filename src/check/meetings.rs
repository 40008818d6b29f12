//! Meetings: kinds from the config list, people and units known, projects known (also the
//! `[[ID]]` links of the body), decisions numbered once each, 已办结 with a closed date.

use super::Checker;
use super::references::Ref;
use crate::diagnostic::Diagnostic;
use crate::model::{Date, Decision, DecisionStatus, FollowUpKind};
use crate::path;

pub fn check(c: &mut Checker) {
    let kinds = c.ds.config.lists.meeting_kinds.clone();
    for meeting in &c.ds.meetings {
        let f = c.sources.meetings.get(&meeting.stem).cloned().unwrap_or_default();
        let m = &meeting.front;
        c.one_of(&f, &path!["kind"], &m.kind, &kinds, "lists.meeting_kinds");
        if let Some(host) = &m.host {
            c.reference(Ref::Leader, &f, &path!["host"], host);
        }
        for (field, names) in [("attendees", &m.attendees), ("absent", &m.absent)] {
            for (i, n) in names.iter().enumerate() {
                c.reference(Ref::Leader, &f, &path![field, i], n);
            }
        }
        for (i, u) in m.observers.iter().enumerate() {
            c.reference(Ref::Unit, &f, &path!["observers", i], u);
        }
        for (i, p) in m.projects.iter().enumerate() {
            c.reference(Ref::Project, &f, &path!["projects", i], p);
        }
        for (i, d) in m.decisions.iter().enumerate() {
            if m.decisions[..i].iter().any(|o| o.no == d.no) {
                c.error(
                    "E0405",
                    &f,
                    &path!["decisions", i, "no"],
                    format!("议定事项编号 {} 在本次会议中重复", d.no),
                    Some("议定事项按 1、2、3…… 依次编号".into()),
                );
            }
            c.reference(Ref::Unit, &f, &path!["decisions", i, "lead_unit"], &d.lead_unit);
            for (j, u) in d.co_units.iter().enumerate() {
                c.reference(Ref::Unit, &f, &path!["decisions", i, "co_units", j], u);
            }
            for (j, p) in d.projects.iter().enumerate() {
                c.reference(Ref::Project, &f, &path!["decisions", i, "projects", j], p);
            }
            history(c, &f, i, m.date, d);
            match (d.status, d.closed) {
                (DecisionStatus::Closed, None) => c.error(
                    "E0404",
                    &f,
                    &path!["decisions", i, "status"],
                    "议定事项已办结，但没有办结日期".into(),
                    Some("补上 closed: YYYY-MM-DD".into()),
                ),
                (DecisionStatus::Closed, Some(closed)) if closed < m.date => c.error(
                    "E0403",
                    &f,
                    &path!["decisions", i, "closed"],
                    format!("办结日期 {closed} 早于会议日期 {}", m.date),
                    None,
                ),
                (status, Some(_)) if status != DecisionStatus::Closed => c.error(
                    "E0404",
                    &f,
                    &path!["decisions", i, "closed"],
                    format!("议定事项状态为「{}」，却填了办结日期", status.label()),
                    Some("办结后把 status 改为 已办结；未办结则删去 closed".into()),
                ),
                _ => {}
            }
        }
        body_links(c, &f, &meeting.body);
    }
}

/// A decision's history: dated no earlier than its meeting; a new deadline on 延期 entries and
/// on them only; a 办结 entry only on a decision 已办结, on its `closed` date; a unit assigned
/// again on 退办 entries only, and one that exists.
fn history(c: &mut Checker, f: &str, i: usize, held: Date, d: &Decision) {
    for (j, e) in d.feedback.iter().enumerate() {
        let at = |field: &str| path!["decisions", i, "feedback", j, field];
        if e.date < held {
            c.error("E0403", f, &at("date"), format!("反馈日期 {} 早于会议日期 {held}", e.date), None);
        }
        match (e.kind, e.deadline) {
            (FollowUpKind::Extended, None) => c.error(
                "E0419",
                f,
                &at("kind"),
                "延期记录没有新的办理时限".into(),
                Some("补上 deadline: YYYY-MM-DD（延期后的时限）".into()),
            ),
            (kind, Some(_)) if kind != FollowUpKind::Extended => c.error(
                "E0419",
                f,
                &at("deadline"),
                format!("只有延期记录才有新的办理时限，这条是「{}」", kind.label()),
                Some("延期请写 kind: 延期；否则删去 deadline".into()),
            ),
            (FollowUpKind::Done, _) if d.status != DecisionStatus::Closed || d.closed != Some(e.date) => c.error(
                "E0420",
                f,
                &at("date"),
                format!(
                    "办结记录（{}）与议定事项不符：状态为「{}」，办结日期为 {}",
                    e.date,
                    d.status.label(),
                    d.closed.map_or("空".to_string(), |c| c.to_string())
                ),
                Some(format!("办结后写 status: 已办结 与 closed: {}", e.date)),
            ),
            _ => {}
        }
        match (e.kind, &e.lead_unit) {
            (FollowUpKind::Returned, Some(unit)) => c.reference(Ref::Unit, f, &at("lead_unit"), unit),
            (kind, Some(_)) => c.error(
                "E0421",
                f,
                &at("lead_unit"),
                format!("只有退办记录才有改派的牵头单位，这条是「{}」", kind.label()),
                Some("退回后改派请写 kind: 退办；否则删去 lead_unit".into()),
            ),
            _ => {}
        }
    }
}

/// How many unknown `[[ID]]` links of one body are reported one by one; the rest are counted.
const MAX_LINK_FINDINGS: usize = 20;

/// `[[ID]]` in the body must name a project; the finding points into the body.
fn body_links(c: &mut Checker, file: &str, body: &str) {
    let Some(source) = c.sources.file(file) else { return };
    let body_start = source.text.len() - body.len();
    let unknown: Vec<_> = crate::model::project_links(body)
        .into_iter()
        .filter(|(_, id)| c.ds.project(id).is_none() && !c.sources.doubtful_ids.contains(*id))
        .collect();
    // Line and column found walking the text once, link after link.
    let (mut line, mut line_start, mut scanned) =
        (source.text[..body_start].matches('\n').count() + 1, body_start, body_start);
    for (n, (range, id)) in unknown.iter().enumerate() {
        let at = body_start + range.start;
        for (i, b) in source.text[scanned..at].bytes().enumerate() {
            if b == b'\n' {
                line += 1;
                line_start = scanned + i + 1;
            }
        }
        scanned = at;
        let column = source.text[line_start..at].chars().count() + 3;
        if n == MAX_LINK_FINDINGS {
            c.findings.push(Diagnostic::error(
                "E0305",
                file,
                (line, column),
                format!("正文中还有 {} 处链接的项目编号不存在（只列出前 {MAX_LINK_FINDINGS} 处）", unknown.len() - n),
            ));
            break;
        }
        let hint = crate::diagnostic::did_you_mean(id, c.ds.projects.iter().map(|p| p.id.as_str()))
            .or_else(|| Some(super::references::new_project(id)));
        c.findings.push(
            Diagnostic::error("E0305", file, (line, column), format!("正文链接的项目编号「{id}」不存在"))
                .with_hint(hint),
        );
    }
}
