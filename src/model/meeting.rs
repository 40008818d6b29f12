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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub date: Date,
    pub text: String,
}
