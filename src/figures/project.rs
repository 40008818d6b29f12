//! One project's figures for one period: ytd, 当月完成, 完成率, 序时进度, 偏差, status, light.

use super::ratio::{deviation_pp, ratio};
use crate::model::{Dataset, Date, Entry, Month, Project, TimeProgressMode, Wan, YearPlan, seek};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// 超前 / 正常 / 滞后 / 不适用
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    Ahead,
    OnTrack,
    Behind,
    NotApplicable,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Ahead => "超前",
            Status::OnTrack => "正常",
            Status::Behind => "滞后",
            Status::NotApplicable => "不适用",
        }
    }
}

/// 亮灯: 红 / 黄 / 绿.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Light {
    Red,
    Yellow,
    Green,
}

impl Light {
    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "红灯",
            Light::Yellow => "黄灯",
            Light::Green => "绿灯",
        }
    }

    /// The CSS class and file-name word.
    pub fn key(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Green => "green",
        }
    }
}

/// A milestone judged at the period's as_of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MilestoneState {
    Done,
    DoneLate,
    Pending,
    Overdue,
}

impl MilestoneState {
    pub fn label(self) -> &'static str {
        match self {
            MilestoneState::Done => "已完成",
            MilestoneState::DoneLate => "逾期完成",
            MilestoneState::Pending => "推进中",
            MilestoneState::Overdue => "已逾期",
        }
    }

    /// The name a stylesheet knows the state by.
    pub fn key(self) -> &'static str {
        match self {
            MilestoneState::Done => "done",
            MilestoneState::DoneLate => "late",
            MilestoneState::Pending => "pending",
            MilestoneState::Overdue => "overdue",
        }
    }
}

/// One month of a project's year, as the monthly files say.
#[derive(Debug, Clone)]
pub struct MonthReport {
    /// 1–N月累计完成投资 at the month's end: its report, or the last earlier one of the year.
    pub ytd: Wan,
    /// The month's own 形象进度; `None` when its file has no entry for the project (未报送).
    pub progress: Option<Arc<str>>,
}

#[derive(Debug, Clone)]
pub struct ProjectFigures {
    /// Index into `Dataset::projects`.
    pub index: usize,
    /// 年度计划投资
    pub plan: Wan,
    /// 1–N月累计完成投资
    pub ytd: Wan,
    /// false when the month's file has no entry (未报送): ytd is then the last earlier value.
    pub reported: bool,
    /// 当月完成
    pub month: Wan,
    /// 完成率 as a fraction; `None` when plan is 0.
    pub rate: Option<Decimal>,
    /// 开工累计: before_year + ytd, when before_year is given.
    pub since_start: Option<Wan>,
    /// since_start ÷ total_investment
    pub share_of_total: Option<Decimal>,
    /// 序时进度 as a fraction.
    pub time_progress: Decimal,
    /// 偏差 in 个百分点 (rounded as displayed); `None` where rate is "—".
    pub deviation_pp: Option<Decimal>,
    pub status: Status,
    pub light: Option<Light>,
    /// Consecutive periods, up to this one, with the same non-green light.
    pub light_streak: u32,
    /// 已开(复)工
    pub started: bool,
    /// 形象进度 (the latest reported)
    pub progress: Arc<str>,
    /// 下步计划
    pub next: Option<Arc<str>>,
    /// 存在问题, as reported this month
    pub problems: Option<Arc<str>>,
    /// Each month of the year up to its latest monthly file: the same for every period of a
    /// year, so shared by them; [`ProjectFigures::by_month`] cuts it at N.
    of_year: Arc<[MonthReport]>,
    /// N, the period's month.
    months: u32,
    /// Cumulative plan at the end of each month 1..=12 (monthly_plan, or plan × m ÷ 12): the
    /// same for every period of a year, so shared by them.
    pub plan_by_month: Arc<[Wan]>,
    pub milestones: Vec<MilestoneState>,
}

impl ProjectFigures {
    /// Months 1..=N of the year (for the S-curve and the month table).
    pub fn by_month(&self) -> &[MonthReport] {
        &self.of_year[..self.months as usize]
    }

    /// The cumulative plan to the period's month N.
    pub fn planned_to_date(&self) -> Wan {
        self.plan_by_month[self.months as usize - 1]
    }
}

/// Every month's reports and every year's plan curves, by project position: made once for
/// all periods, so that a project's report is an index, not a search by id, and its plan
/// curve is worked out once a year, not once a period.
pub struct Reports<'a> {
    by_month: BTreeMap<Month, Vec<Option<&'a Entry>>>,
    plans: BTreeMap<i32, Vec<Option<Arc<[Wan]>>>>,
    /// By year and project position: each month of the year, through the year's latest
    /// monthly file.
    of_year: BTreeMap<i32, Vec<Arc<[MonthReport]>>>,
}

impl<'a> Reports<'a> {
    /// The reports of `ds`, and the plan curves of `years` (those that have reports).
    pub fn new(ds: &'a Dataset, years: &BTreeSet<i32>) -> Self {
        let by_month = ds
            .progress
            .par_iter()
            .map(|(month, file)| {
                // Entries and projects are both in id order: walked side by side.
                let mut entries = file.entries.iter().peekable();
                let by_project = ds
                    .projects
                    .iter()
                    .map(|p| seek(&mut entries, p.id.as_str(), |&(id, _)| id.as_str()).map(|(_, e)| e))
                    .collect();
                (*month, by_project)
            })
            .collect();
        let plans = years
            .iter()
            .map(|&y| (y, ds.projects.par_iter().map(|p| p.years.get(&y).map(plan_by_month)).collect()))
            .collect();
        let mut reports = Reports { by_month, plans, of_year: BTreeMap::new() };
        reports.of_year = years
            .iter()
            .map(|&y| (y, (0..ds.projects.len()).into_par_iter().map(|i| reports.months_of_year(i, y)).collect()))
            .collect();
        reports
    }

    /// Each month of `year` through its latest monthly file: ytd from that month's report, or
    /// the last earlier one of the year, and the month's own 形象进度.
    fn months_of_year(&self, index: usize, year: i32) -> Arc<[MonthReport]> {
        let of_year = self.by_month.range(Month { year, month: 1 }..=Month { year, month: 12 });
        let last_month = of_year.clone().next_back().map_or(0, |(m, _)| m.month);
        let mut reports = of_year.peekable();
        let mut last = Wan::ZERO;
        (1..=last_month)
            .map(|m| {
                // Month m's file, if there is one (those before were taken for earlier months).
                let mut progress = None;
                while let Some((_, entries)) = reports.next_if(|(month, _)| month.month <= m) {
                    if let Some(entry) = entries[index] {
                        last = entry.ytd;
                        progress = Some(entry.progress.clone());
                    }
                }
                MonthReport { ytd: last, progress }
            })
            .collect()
    }

    /// The report of project `index` for `period`, or the last earlier one of the same year;
    /// with whether it is the period's own.
    fn latest(&self, index: usize, period: Month) -> (Option<&'a Entry>, bool) {
        let first = Month { year: period.year, month: 1 };
        let mut months = self.by_month.range(first..=period).rev();
        months
            .find_map(|(month, entries)| entries[index].map(|entry| (Some(entry), *month == period)))
            .unwrap_or((None, false))
    }
}

/// Cumulative plan by month, 1..=12: the monthly plan, or the annual plan spread evenly.
pub fn plan_by_month(year: &YearPlan) -> Arc<[Wan]> {
    match &year.monthly_plan {
        Some(values) if values.len() == 12 => values.as_slice().into(),
        _ => (1..=12).map(|m| Wan(year.plan.0.saturating_mul(Decimal::from(m)) / Decimal::from(12))).collect(),
    }
}

/// 序时进度 of one project (mode `plan` falls back to N ÷ 12 without a monthly plan).
pub fn time_progress(mode: TimeProgressMode, year: &YearPlan, n: u32) -> Decimal {
    let by_month = Decimal::from(n) / Decimal::from(12);
    match (mode, &year.monthly_plan) {
        (TimeProgressMode::Plan, Some(values)) if values.len() == 12 && !year.plan.is_zero() => {
            values[n as usize - 1].0.checked_div(year.plan.0).unwrap_or(by_month)
        }
        _ => by_month,
    }
}

/// The light for a deviation, given the configured thresholds.
pub fn light_for(deviation: Decimal, yellow_pp: Decimal, red_pp: Decimal) -> Light {
    if deviation < -red_pp {
        Light::Red
    } else if deviation <= -yellow_pp {
        Light::Yellow
    } else {
        Light::Green
    }
}

pub fn compute(
    ds: &Dataset,
    reports: &Reports,
    index: usize,
    project: &Project,
    period: Month,
    as_of: Date,
) -> Option<ProjectFigures> {
    let year = project.years.get(&period.year)?;
    let cfg = &ds.config;
    let dp = cfg.report.decimals.percent;
    let (entry, reported) = reports.latest(index, period);
    let of_year = reports.of_year.get(&period.year).map(|by_project| by_project[index].clone()).unwrap_or_default();
    let ytd = of_year[period.month as usize - 1].ytd;
    let month = match period.month {
        1 => ytd,
        n => ytd - of_year[n as usize - 2].ytd,
    };
    let rate = ratio(ytd.0, year.plan.0);
    let time_progress = time_progress(cfg.report.time_progress, year, period.month);
    let deviation = rate.map(|r| deviation_pp(r, time_progress, dp));
    let status = match deviation {
        None => Status::NotApplicable,
        Some(d) if d > Decimal::ZERO => Status::Ahead,
        Some(d) if d.is_zero() => Status::OnTrack,
        Some(_) => Status::Behind,
    };
    let light = deviation.map(|d| light_for(d, cfg.lights.yellow_pp, cfg.lights.red_pp));
    let since_start = year.before_year.map(|b| b + ytd);
    let milestones = project
        .milestones
        .iter()
        .map(|m| match m.done {
            Some(done) if done <= as_of && done > m.due => MilestoneState::DoneLate,
            Some(done) if done <= as_of => MilestoneState::Done,
            _ if m.due < as_of => MilestoneState::Overdue,
            _ => MilestoneState::Pending,
        })
        .collect();
    let plan_by_month =
        reports.plans.get(&period.year).and_then(|plans| plans[index].clone()).unwrap_or_else(|| plan_by_month(year));
    Some(ProjectFigures {
        index,
        plan: year.plan,
        ytd,
        reported,
        month,
        rate,
        since_start,
        share_of_total: since_start.and_then(|s| ratio(s.0, project.total_investment.0)),
        time_progress,
        deviation_pp: deviation,
        status,
        light,
        light_streak: 0,
        started: entry.is_some_and(|e| e.started),
        progress: entry.map(|e| e.progress.clone()).unwrap_or_default(),
        next: entry.and_then(|e| e.next.clone()),
        problems: entry.and_then(|e| e.problems.clone()),
        of_year,
        months: period.month,
        plan_by_month,
        milestones,
    })
}
