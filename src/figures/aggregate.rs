//! Figures of a set of projects (the county, or one group): sums of unrounded values and rates
//! of sums, never means of rates.

use super::project::{Light, ProjectFigures, light_for};
use super::ratio::{deviation_pp, ratio};
use crate::model::{Dataset, Project, Subject, TimeProgressMode, Wan};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    /// Projects listed for the year.
    pub count: usize,
    /// 总投资
    pub total_investment: Wan,
    /// 年度计划投资
    pub plan: Wan,
    /// 1–N月累计完成投资
    pub ytd: Wan,
    /// 当月完成
    pub month: Wan,
    /// Σytd ÷ Σplan
    pub rate: Option<Decimal>,
    /// 序时进度: N ÷ 12, or Σmonthly plan ÷ Σplan in mode `plan`.
    pub time_progress: Decimal,
    /// 偏差 (个百分点, rounded as displayed)
    pub deviation_pp: Option<Decimal>,
    /// The group's own light, by the same thresholds as a project's.
    pub light: Option<Light>,
    /// 新开工 projects, and how many of them have started.
    pub new_starts: usize,
    pub new_started: usize,
    /// 开工率 among 新开工 projects.
    pub start_rate: Option<Decimal>,
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
}

/// 新开工, the nature whose start rate (开工率) is reported.
pub const NEW_START: &str = "新开工";

/// The figures of `members` for month `n`: the sums in one pass over the members, then the
/// rates of the sums.
pub fn aggregate<'a>(ds: &Dataset, members: impl Iterator<Item = &'a Summand>, n: u32) -> Aggregate {
    let cfg = &ds.config;
    let mut a = Aggregate::default();
    let mut planned = Wan::ZERO;
    for p in members {
        a.count += 1;
        a.total_investment = a.total_investment + p.total_investment;
        a.plan = a.plan + p.plan;
        a.ytd = a.ytd + p.ytd;
        a.month = a.month + p.month;
        planned = planned + p.planned;
        if p.new_start {
            a.new_starts += 1;
            a.new_started += usize::from(p.started);
        }
        match p.light {
            Some(Light::Red) => a.red += 1,
            Some(Light::Yellow) => a.yellow += 1,
            Some(Light::Green) => a.green += 1,
            None => {}
        }
    }
    let by_month = Decimal::from(n) / Decimal::from(12);
    a.time_progress = match cfg.report.time_progress {
        TimeProgressMode::Month => by_month,
        TimeProgressMode::Plan => ratio(planned.0, a.plan.0).unwrap_or(by_month),
    };
    a.rate = ratio(a.ytd.0, a.plan.0);
    a.deviation_pp = a.rate.map(|r| deviation_pp(r, a.time_progress, cfg.report.decimals.percent));
    a.light = a.deviation_pp.map(|d| light_for(d, cfg.lights.yellow_pp, cfg.lights.red_pp));
    a.start_rate = ratio(Decimal::from(a.new_started), Decimal::from(a.new_starts));
    a
}

/// What the sums over a group need of one project, packed together: a period's summands are a
/// fraction of the size of its project figures, so the seven dimensions' sums over 50k projects
/// stay in the processor's cache.
#[derive(Debug, Clone, Copy)]
pub struct Summand {
    total_investment: Wan,
    plan: Wan,
    ytd: Wan,
    month: Wan,
    /// The cumulative plan to the period's month.
    planned: Wan,
    new_start: bool,
    started: bool,
    light: Option<Light>,
}

impl Summand {
    /// The summand of `p`, the figures of `project` in `year`.
    pub fn of(project: &Project, p: &ProjectFigures, year: i32) -> Summand {
        Summand {
            total_investment: project.total_investment,
            plan: p.plan,
            ytd: p.ytd,
            month: p.month,
            planned: p.planned_to_date(),
            new_start: project.years.get(&year).is_some_and(|y| y.nature == NEW_START),
            started: p.started,
            light: p.light,
        }
    }
}

/// The data of an S-curve of a set of projects: cumulative completed at the end of months
/// 1..=N and cumulative plan at the end of months 1..=12.
#[derive(Debug, Clone, Default)]
pub struct Curve {
    pub actual: Vec<Wan>,
    pub plan: Vec<Wan>,
}

impl Curve {
    /// The curve of `members` for month `n`, in one pass over them.
    pub fn of<'a>(members: impl IntoIterator<Item = &'a ProjectFigures>, n: u32) -> Curve {
        let mut curve = Curve { actual: vec![Wan::ZERO; n as usize], plan: vec![Wan::ZERO; 12] };
        for p in members {
            for (sum, month) in curve.actual.iter_mut().zip(p.by_month()) {
                *sum = *sum + month.ytd;
            }
            for (sum, planned) in curve.plan.iter_mut().zip(p.plan_by_month.iter()) {
                *sum = *sum + *planned;
            }
        }
        curve
    }
}

/// A group of projects sharing one value of a dimension.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    /// Indices into the period's project figures: the same in every period of a year, so
    /// shared by them.
    pub members: Arc<[usize]>,
    pub figures: Aggregate,
}

/// The values a project takes in a dimension in `year` (several for leaders, none without an
/// HQ).
fn keys_of(project: &Project, subject: Subject, year: i32) -> impl Iterator<Item = &str> {
    let plan = project.years.get(&year);
    let (one, many): (Option<&str>, &[String]) = match subject {
        Subject::Industry => (Some(&project.industry), &[]),
        Subject::Town => (Some(&project.town), &[]),
        Subject::Nature => (plan.map(|y| y.nature.as_str()), &[]),
        Subject::Level => (plan.map(|y| y.level.as_str()), &[]),
        Subject::LeadUnit => (Some(&project.lead_unit), &[]),
        Subject::Leader => (None, &project.leaders),
        Subject::Hq => (project.hq.as_deref(), &[]),
    };
    one.into_iter().chain(many.iter().map(String::as_str))
}

/// The order in which an office lists a dimension's values: as in the config lists or orgs.yaml.
fn natural_order(ds: &Dataset, subject: Subject) -> Vec<&str> {
    let lists = &ds.config.lists;
    match subject {
        Subject::Industry => lists.industries.iter().map(String::as_str).collect(),
        Subject::Nature => lists.natures.iter().map(String::as_str).collect(),
        Subject::Level => lists.levels.iter().map(String::as_str).collect(),
        Subject::Town | Subject::LeadUnit => ds.orgs.units.iter().map(|u| u.name.as_str()).collect(),
        Subject::Leader => ds.orgs.leaders.iter().map(|l| l.name.as_str()).collect(),
        Subject::Hq => ds.orgs.hqs.iter().map(|h| h.name.as_str()).collect(),
    }
}

/// Who belongs to which group of every dimension in a year: the same for each period of the
/// year, so worked out once a year.
#[derive(Debug, Default)]
pub struct Membership {
    /// Per dimension, each value's name and members, in natural order (unknown names last, by
    /// name). Members are positions among the year's listed projects, which are the period's
    /// `projects` in every period of the year.
    by_subject: BTreeMap<Subject, Vec<Members>>,
}

/// A value of a dimension and the positions of its projects.
type Members = (String, Arc<[usize]>);

impl Membership {
    /// The groups of `year`, whose listed projects are `ds.projects[listed[i]]`.
    pub fn of_year(ds: &Dataset, listed: &[usize], year: i32) -> Membership {
        let by_subject = Subject::ALL
            .par_iter()
            .map(|&subject| {
                let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
                for (i, &project) in listed.iter().enumerate() {
                    for key in keys_of(&ds.projects[project], subject, year) {
                        by_key.entry(key).or_default().push(i);
                    }
                }
                let order: BTreeMap<&str, usize> =
                    natural_order(ds, subject).into_iter().enumerate().map(|(i, n)| (n, i)).collect();
                let rank = |name: &str| order.get(name).copied().unwrap_or(usize::MAX);
                let mut groups: Vec<Members> =
                    by_key.into_iter().map(|(name, members)| (name.to_string(), members.into())).collect();
                groups.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0)));
                (subject, groups)
            })
            .collect();
        Membership { by_subject }
    }

    /// The groups of every dimension with their figures for month `n`, from the [`Summand`]s of
    /// the period's projects.
    pub fn groups(&self, ds: &Dataset, summands: &[Summand], n: u32) -> BTreeMap<Subject, Vec<Group>> {
        self.by_subject
            .iter()
            .map(|(&subject, groups)| {
                let groups = groups
                    .iter()
                    .map(|(name, members)| {
                        let figures = aggregate(ds, members.iter().map(|&i| &summands[i]), n);
                        Group { name: name.clone(), members: members.clone(), figures }
                    })
                    .collect();
                (subject, groups)
            })
            .collect()
    }
}
