//! `bulletins/<YYYY-MM>.md`: the office's own words for one month's bulletin (optional).

use super::{Date, Month};
use serde::Deserialize;

#[derive(Debug, Clone)]
pub struct BulletinText {
    /// From the file stem.
    pub period: Month,
    pub front: BulletinFront,
    /// 下步工作要求, Markdown.
    pub body: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulletinFront {
    /// 印发日期; default: the period's as_of date.
    pub date: Option<Date>,
    /// Overrides the computed "2026年第10期".
    pub number: Option<String>,
    /// A lead paragraph before 一、总体情况.
    pub lead: Option<String>,
    /// Overrides the title "全县重点项目建设情况通报".
    pub title: Option<String>,
}
