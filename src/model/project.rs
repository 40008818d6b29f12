//! `projects/<id>.yaml`: one key project (重点项目) and its yearly attributes.

use super::{Date, SortedMap, Wan};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: String,
    /// 项目名称
    pub name: String,
    /// 行业, from `lists.industries`.
    pub industry: String,
    /// 乡镇/园区: a unit of kind 乡镇 or 园区.
    pub town: String,
    /// 建设内容及规模
    #[serde(default)]
    pub content: String,
    /// 业主单位 (free text)
    #[serde(default)]
    pub owner: String,
    /// 责任单位
    pub lead_unit: String,
    /// 配合单位
    #[serde(default)]
    pub co_units: Vec<String>,
    /// 挂包县领导
    #[serde(default)]
    pub leaders: Vec<String>,
    /// 指挥部
    pub hq: Option<String>,
    /// 总投资, 万元
    pub total_investment: Wan,
    pub start_year: i32,
    pub end_year: i32,
    pub planned_start: Option<Date>,
    pub actual_start: Option<Date>,
    pub planned_completion: Option<Date>,
    pub actual_completion: Option<Date>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The annual key-project attributes, re-issued every year.
    #[serde(default)]
    pub years: SortedMap<i32, YearPlan>,
    /// 节点
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// 卡点/堵点/难点
    #[serde(default)]
    pub issues: Vec<Blocker>,
    /// 中央预算内投资
    #[serde(default)]
    pub central_budget: Vec<CentralBudget>,
}

/// A project's attributes for one year (`years.<year>`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearPlan {
    /// 项目级别
    pub level: String,
    /// 建设性质
    pub nature: String,
    /// 四个一批
    pub batch: String,
    /// 年度计划投资, 万元
    pub plan: Wan,
    /// 开工至上年底累计完成, 万元
    pub before_year: Option<Wan>,
    /// Cumulative 1–N月计划: 12 values, non-decreasing, the last equal to `plan`.
    pub monthly_plan: Option<Vec<Wan>>,
    /// 年度目标
    pub target: Option<String>,
}

/// 节点: a dated step of the project's schedule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub name: String,
    pub due: Date,
    pub done: Option<Date>,
    pub unit: Option<String>,
}

/// 卡点/堵点/难点: a blocker and how it is being solved.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blocker {
    /// Unique within the project; cited as `<project>#<id>`.
    pub id: u32,
    pub title: String,
    /// 卡点 / 堵点 / 难点
    pub kind: String,
    pub category: String,
    pub raised: Date,
    /// 责任单位 for solving it.
    pub unit: String,
    /// 协调领导
    pub leader: Option<String>,
    /// 解决时限
    pub deadline: Option<Date>,
    /// 解决措施
    #[serde(default)]
    pub measures: String,
    /// 销号 date; `None` while open.
    pub resolved: Option<Date>,
    pub resolution: Option<String>,
}

/// 中央预算内投资 allocated to the project in one batch.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CentralBudget {
    pub year: i32,
    pub batch: String,
    pub allocated: Wan,
    pub paid: Wan,
}
