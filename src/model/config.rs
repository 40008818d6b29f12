//! `config.yaml`: the site's identity and every rule that differs between counties.

use super::{Month, Wan};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub site: Site,
    pub report: Report,
    pub lists: Lists,
    pub lights: Lights,
    #[serde(default)]
    pub rankings: Vec<RankingSpec>,
    pub bulletin: Option<BulletinConfig>,
    /// 观摩评比: how a site-inspection contest is scored (the meetings carry the scores).
    pub contest: Option<ContestRules>,
}

/// How a contest (观摩评比) is scored: the judges' criteria with their full marks, the part
/// computed from the figures, and how many entrants the 红榜 and the 黑榜 name. The formula is
/// in docs/规则.md and `figures::contest`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContestRules {
    /// What the judges score, in order, each with its full marks (形象进度 30 …).
    pub criteria: Vec<Criterion>,
    /// The full marks of the part computed from the figures: 完成率 at or above 序时 earns all.
    #[serde(default)]
    pub progress_points: Decimal,
    /// Points off the computed part for each red-lit project of the entrant.
    #[serde(default)]
    pub red_light_penalty: Decimal,
    /// Drop each criterion's highest and lowest score when at least three judges scored it.
    #[serde(default)]
    pub trim: bool,
    /// How many entrants the 红榜 (先进) names, from the top.
    #[serde(default = "default_list")]
    pub red_list: usize,
    /// How many entrants the 黑榜 (后进) names, from the bottom.
    #[serde(default = "default_list")]
    pub black_list: usize,
}

fn default_list() -> usize {
    3
}

/// One thing the judges score, and its full marks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub name: String,
    pub points: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub title: String,
    /// 主办单位: appears on every page and bulletin.
    pub organization: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The year being reported.
    pub year: i32,
    /// The current period; default: the latest progress file of `year`.
    pub period: Option<Month>,
    #[serde(default)]
    pub time_progress: TimeProgressMode,
    /// 个 / 项 / 宗
    #[serde(default = "default_measure_word")]
    pub measure_word: String,
    #[serde(default)]
    pub decimals: Decimals,
    /// Prose shows 亿元 at or above this many 万元.
    #[serde(default = "default_yi_threshold")]
    pub yi_threshold: Wan,
}

fn default_measure_word() -> String {
    "个".into()
}

fn default_yi_threshold() -> Wan {
    Wan(Decimal::from(10_000))
}

/// 序时进度: how the time-elapsed benchmark is measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeProgressMode {
    /// N ÷ 12 at the end of month N.
    #[default]
    Month,
    /// The cumulative monthly plan ÷ the annual plan.
    Plan,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Decimals {
    pub money_table: u32,
    pub money_yi: u32,
    pub percent: u32,
}

impl Default for Decimals {
    fn default() -> Self {
        Decimals { money_table: 0, money_yi: 2, percent: 1 }
    }
}

/// The allowed values of list-valued fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lists {
    pub industries: Vec<String>,
    pub natures: Vec<String>,
    pub levels: Vec<String>,
    pub batches: Vec<String>,
    pub issue_categories: Vec<String>,
    pub meeting_kinds: Vec<String>,
}

/// 亮灯: points behind 序时进度 that turn a light.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lights {
    /// Behind by at least this many points → 黄灯.
    pub yellow_pp: Decimal,
    /// Behind by more than this many points → 红灯.
    pub red_pp: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankingSpec {
    pub name: String,
    pub subject: Subject,
    #[serde(default)]
    pub order: RankOrder,
    /// The bottom N are named (通报批评).
    #[serde(default)]
    pub bottom: usize,
}

/// A file name for a name from the data: the name itself where a path and a link can carry it
/// (`城关镇`); else the name with `_` for what they cannot, and a short hash of the name, so
/// that two names never share a page (`新 区` → `新_区-…`, `新_区` stays as it is). `check`
/// bounds names to 40 characters, so the name stays far below a file system's limit.
pub fn file_name_of(name: &str) -> String {
    let unsafe_char = |c: char| "/\\?#%:*\"<>| ".contains(c) || c.is_control();
    if !name.chars().any(unsafe_char) && !name.starts_with('.') && !name.is_empty() {
        return name.to_string();
    }
    let cleaned: String =
        name.chars().enumerate().map(|(i, c)| if unsafe_char(c) || i == 0 && c == '.' { '_' } else { c }).collect();
    // FNV-1a: the same name gives the same file name in every build.
    let hash = name.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    format!("{cleaned}-{hash:08x}")
}

/// What a ranking or a group summary groups projects by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Industry,
    Town,
    Nature,
    Level,
    LeadUnit,
    Leader,
    Hq,
}

impl Subject {
    pub const ALL: [Subject; 7] = [
        Subject::Industry,
        Subject::Town,
        Subject::Nature,
        Subject::Level,
        Subject::LeadUnit,
        Subject::Leader,
        Subject::Hq,
    ];

    /// The file-name slug of the dimension (`groups/<slug>.html`).
    pub fn slug(self) -> &'static str {
        match self {
            Subject::Industry => "industry",
            Subject::Town => "town",
            Subject::Nature => "nature",
            Subject::Level => "level",
            Subject::LeadUnit => "lead_unit",
            Subject::Leader => "leader",
            Subject::Hq => "hq",
        }
    }

    /// The page of one group of the dimension, relative to the site root:
    /// `groups/<dimension>/<name>.html`, the name made a file name by [`file_name_of`].
    pub fn group_page(self, name: &str) -> String {
        format!("groups/{}/{}.html", self.slug(), file_name_of(name))
    }

    /// The Chinese name of the dimension.
    pub fn label(self) -> &'static str {
        match self {
            Subject::Industry => "行业",
            Subject::Town => "乡镇（园区）",
            Subject::Nature => "建设性质",
            Subject::Level => "项目级别",
            Subject::LeadUnit => "责任单位",
            Subject::Leader => "挂包县领导",
            Subject::Hq => "指挥部",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RankOrder {
    /// Worst first.
    #[default]
    Asc,
    /// Best first.
    Desc,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulletinConfig {
    /// 红头: the issuing office.
    pub issuer: String,
    /// The series name, "重点项目建设通报".
    pub series: String,
    /// 抄送 in the 版记.
    #[serde(default)]
    pub cc: Vec<String>,
    /// Where printed page numbers stand: odd pages right and even pages left (default), or centred.
    #[serde(default)]
    pub page_numbers: PageNumbers,
}

/// GB/T 9704 puts page numbers at the outer side (odd right, even left); centred is allowed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageNumbers {
    #[default]
    Sides,
    Center,
}
