//! `meetings/<YYYY-MM-DD>-<slug>.md`: minutes as YAML front matter plus a Markdown body.

use super::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone)]
pub struct Meeting {
    /// The file stem, which names the meeting's pages.
    pub stem: String,
    pub front: MeetingFront,
    /// The Markdown body (会议指出……).
    pub body: String,
}

/// The longest text between `[[` and `]]` taken as a project link (ids are far shorter).
const MAX_LINK: usize = 64;

/// The `[[ID]]` links to projects in a Markdown body: each link's byte range (brackets
/// included) and the id inside, in order. A link stays on one line and holds no bracket; one
/// pass over the text (a body of 200,000 `[[` once took seconds to render).
pub fn project_links(body: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(found) = body[from..].find("[[") {
        let start = from + found;
        let inside = &body[start + 2..];
        let len = inside
            .char_indices()
            .take(MAX_LINK + 1)
            .find(|(_, c)| matches!(c, '[' | ']' | '\n'))
            .map_or(inside.len().min(MAX_LINK + 1), |(i, _)| i);
        if len > 0 && inside[len..].starts_with("]]") && inside[..len].chars().count() <= MAX_LINK {
            links.push((start..start + 2 + len + 2, &inside[..len]));
            from = start + 2 + len + 2;
        } else {
            from = start + 1;
        }
    }
    links
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingFront {
    pub title: String,
    pub kind: String,
    pub number: Option<String>,
    pub date: Date,
    pub place: Option<String>,
    /// 主持
    pub host: Option<String>,
    /// 出席
    #[serde(default)]
    pub attendees: Vec<String>,
    /// 请假
    #[serde(default)]
    pub absent: Vec<String>,
    /// 列席
    #[serde(default)]
    pub observers: Vec<String>,
    /// Projects discussed.
    #[serde(default)]
    pub projects: Vec<String>,
    /// 议定事项
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// 观摩评比: the entrants visited and the judges' scores.
    pub contest: Option<Contest>,
}

/// A site-inspection contest held at the meeting: who competes (projects, or the towns, units
/// or 指挥部 whose projects were visited), who judges, and each judge's score sheet per entrant.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contest {
    pub by: ContestBy,
    /// Project ids, or the names of towns, units or 指挥部.
    pub entrants: Vec<String>,
    pub judges: Vec<String>,
    #[serde(default)]
    pub scores: Vec<ScoreSheet>,
}

/// What the entrants of a contest are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContestBy {
    Project,
    Town,
    LeadUnit,
    Hq,
}

impl ContestBy {
    /// The dimension whose groups are the entrants; `None` for projects.
    pub fn subject(self) -> Option<super::Subject> {
        match self {
            ContestBy::Project => None,
            ContestBy::Town => Some(super::Subject::Town),
            ContestBy::LeadUnit => Some(super::Subject::LeadUnit),
            ContestBy::Hq => Some(super::Subject::Hq),
        }
    }

    /// The Chinese word for an entrant: 项目, or the dimension's name.
    pub fn label(self) -> &'static str {
        self.subject().map_or("项目", super::Subject::label)
    }
}

/// One judge's scores for one entrant, by criterion name.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreSheet {
    pub judge: String,
    pub entrant: String,
    pub points: std::collections::BTreeMap<String, rust_decimal::Decimal>,
}

/// 议定事项: a numbered decision ("第N件") with its follow-up (督办).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub no: u32,
    pub text: String,
    pub lead_unit: String,
    #[serde(default)]
    pub co_units: Vec<String>,
    pub deadline: Option<Date>,
    #[serde(default)]
    pub projects: Vec<String>,
    pub status: DecisionStatus,
    /// 办结 date, required when 已办结.
    pub closed: Option<Date>,
    #[serde(default)]
    pub feedback: Vec<Feedback>,
    /// What the lead unit is to report back, printed on the 交办单 (a standard text if none).
    pub report_back: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum DecisionStatus {
    #[serde(rename = "未启动")]
    NotStarted,
    #[serde(rename = "正在办理")]
    InProgress,
    #[serde(rename = "已办结")]
    Closed,
    #[serde(rename = "延期")]
    Postponed,
}

impl DecisionStatus {
    pub fn label(self) -> &'static str {
        match self {
            DecisionStatus::NotStarted => "未启动",
            DecisionStatus::InProgress => "正在办理",
            DecisionStatus::Closed => "已办结",
            DecisionStatus::Postponed => "延期",
        }
    }
}

/// One dated entry of a decision's history.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub date: Date,
    pub text: String,
    /// What the entry records; 进展 when not given.
    #[serde(default)]
    pub kind: FollowUpKind,
    /// 延期 only: the new deadline, which holds from the entry's date on.
    pub deadline: Option<Date>,
    /// 退办 only: the unit the decision was assigned to again (改派), in charge from the
    /// entry's date on; without it the decision waits to be assigned again.
    pub lead_unit: Option<String>,
}

/// The kinds of entry in a decision's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum FollowUpKind {
    /// 进展: the unit reports how it stands.
    #[default]
    #[serde(rename = "进展")]
    Progress,
    /// 催办: the office urged the unit.
    #[serde(rename = "催办")]
    Urged,
    /// 延期: the deadline was moved (to `deadline`).
    #[serde(rename = "延期")]
    Extended,
    /// 办结: the unit reported it done (the decision's `closed` date).
    #[serde(rename = "办结")]
    Done,
    /// 退办: the unit sent it back as not its own, for the office to assign again.
    #[serde(rename = "退办")]
    Returned,
}

impl FollowUpKind {
    pub fn label(self) -> &'static str {
        match self {
            FollowUpKind::Progress => "进展",
            FollowUpKind::Urged => "催办",
            FollowUpKind::Extended => "延期",
            FollowUpKind::Done => "办结",
            FollowUpKind::Returned => "退办",
        }
    }
}

impl Decision {
    /// The deadline in force on day `as_of`: that of the latest 延期 entry by then, else the
    /// one the meeting set.
    pub fn deadline_at(&self, as_of: Date) -> Option<Date> {
        let extended = self.feedback.iter().filter(|f| f.kind == FollowUpKind::Extended && f.date <= as_of);
        extended.filter(|f| f.deadline.is_some()).max_by_key(|f| f.date).and_then(|f| f.deadline).or(self.deadline)
    }

    /// The unit in charge on day `as_of`: the meeting's, or after a 退办 the unit it was
    /// assigned to again; `None` while a returned decision waits to be assigned again.
    pub fn lead_unit_at(&self, as_of: Date) -> Option<&str> {
        let returned = self.feedback.iter().filter(|f| f.kind == FollowUpKind::Returned && f.date <= as_of);
        match returned.max_by_key(|f| f.date) {
            None => Some(&self.lead_unit),
            Some(entry) => entry.lead_unit.as_deref(),
        }
    }

    /// How many entries of `kind` the history has by day `as_of`.
    pub fn count_by(&self, kind: FollowUpKind, as_of: Date) -> usize {
        self.feedback.iter().filter(|f| f.kind == kind && f.date <= as_of).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_links_are_found_in_one_pass() {
        let body = "见[[A-1]]与[[[B-2]]]，[[不 是]]也算，[[\n]]、[[]]和[[未闭合";
        let links: Vec<&str> = project_links(body).into_iter().map(|(_, id)| id).collect();
        assert_eq!(links, ["A-1", "B-2", "不 是"]);
        let (range, _) = &project_links(body)[0];
        assert_eq!(&body[range.clone()], "[[A-1]]");
        let hostile = "[[".repeat(200_000);
        let started = std::time::Instant::now();
        assert!(project_links(&hostile).is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert!(project_links(&format!("[[{}]]", "x".repeat(65))).is_empty());
    }
}
