//! `progress/<YYYY-MM>.yaml`: every project's figures for one reporting month.

use super::{Date, Month, SortedMap, Wan};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub period: Month,
    /// 数据截止日期
    pub as_of: Date,
    #[serde(default)]
    pub entries: SortedMap<String, Entry>,
}

/// One project's report for the month.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 1–N月累计完成投资, 万元
    pub ytd: Wan,
    /// 已开(复)工
    #[serde(default)]
    pub started: bool,
    /// 形象进度 (shared, not copied, by the figures of every period that shows it)
    #[serde(default)]
    pub progress: Arc<str>,
    /// 下步计划
    pub next: Option<Arc<str>>,
    /// 存在问题, as the unit reported it (its 卡点/堵点/难点 with deadlines are in the project file)
    pub problems: Option<Arc<str>>,
}
