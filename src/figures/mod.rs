//! Stage 3, figures: every rule of rules.md as pure functions over the model, computed once per
//! period from unrounded decimals. Nothing here formats; `render` rounds once, at display.
//!
//! Each period is computed in order, so that streaks and rank changes read the period before.

mod aggregate;
mod blockers;
pub mod contest;
mod decisions;
mod project;
mod ranking;
pub mod ratio;

pub use aggregate::{Aggregate, Curve, Group, aggregate};
use aggregate::{Membership, Summand};
pub use blockers::BlockerState;
pub use decisions::{Alert, DUE_SOON_DAYS, DecisionFigures, DecisionState, Docket, FollowUp};
pub use project::{Light, MilestoneState, MonthReport, ProjectFigures, Status};
pub use ranking::{RankRow, Ranking, change_label};

use crate::model::{Dataset, Date, Month, Subject, seek};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// All figures of one reporting period, judged at its own as_of date.
#[derive(Debug, Clone)]
pub struct PeriodFigures {
    pub period: Month,
    pub as_of: Date,
    /// Projects listed for the period's year, in id order.
    pub projects: Vec<ProjectFigures>,
    /// The whole county.
    pub county: Aggregate,
    /// The county's S-curve.
    pub curve: Curve,
    /// For every dimension, its groups in natural order.
    pub groups: BTreeMap<Subject, Vec<Group>>,
    /// One per `config.rankings`, in order.
    pub rankings: Vec<Ranking>,
    /// In project order.
    pub blockers: Vec<BlockerState>,
    pub decisions: DecisionFigures,
    /// Per project (index into `Dataset::projects`): what names it, for its page.
    pub mentions: BTreeMap<usize, Mentions>,
}

/// The meetings held by the period's as_of that discuss a project, and the decisions about it.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    /// Indices into `Dataset::meetings`.
    pub meetings: Vec<usize>,
    /// Indices into the period's `decisions.states`.
    pub decisions: Vec<usize>,
}

impl PeriodFigures {
    /// The figures of the project at `Dataset::projects[index]`, if it is listed this year.
    pub fn project(&self, index: usize) -> Option<&ProjectFigures> {
        self.projects.binary_search_by_key(&index, |p| p.index).ok().map(|i| &self.projects[i])
    }

    /// The blockers of project `index` (they are in project order).
    pub fn blockers_of(&self, index: usize) -> &[BlockerState] {
        let start = self.blockers.partition_point(|b| b.project < index);
        let end = self.blockers.partition_point(|b| b.project <= index);
        &self.blockers[start..end]
    }

    pub fn mentions_of(&self, index: usize) -> Option<&Mentions> {
        self.mentions.get(&index)
    }

    pub fn groups_of(&self, subject: Subject) -> &[Group] {
        self.groups.get(&subject).map_or(&[], Vec::as_slice)
    }
}

/// The figures of every period that has a progress file, oldest first. Periods are computed in
/// parallel; then, in order, what needs the period before: light streaks and rankings.
pub fn compute_all(ds: &Dataset) -> Vec<PeriodFigures> {
    let years: BTreeSet<i32> = ds.progress.keys().map(|m| m.year).collect();
    let reports = project::Reports::new(ds, &years);
    let membership: BTreeMap<i32, Membership> = years
        .into_iter()
        .map(|year| {
            let listed: Vec<usize> =
                (0..ds.projects.len()).filter(|&i| ds.projects[i].years.contains_key(&year)).collect();
            (year, Membership::of_year(ds, &listed, year))
        })
        .collect();
    let none = Membership::default();
    let mut out: Vec<PeriodFigures> = ds
        .progress
        .par_iter()
        .map(|(period, file)| {
            compute_period(ds, &reports, membership.get(&period.year).unwrap_or(&none), *period, file.as_of)
        })
        .collect();
    for i in 0..out.len() {
        let (done, rest) = out.split_at_mut(i);
        link_to_previous(ds, &mut rest[0], done.last());
    }
    out
}

/// Light streaks and rankings, which continue from the period before.
fn link_to_previous(ds: &Dataset, pf: &mut PeriodFigures, previous: Option<&PeriodFigures>) {
    // Both periods list their projects in index order: walked side by side.
    let mut earlier = previous.map(|prev| prev.projects.iter()).into_iter().flatten().peekable();
    for p in &mut pf.projects {
        let before = seek(&mut earlier, p.index, |b| b.index);
        p.light_streak = match (p.light, before) {
            (None | Some(Light::Green), _) => 0,
            (Some(l), Some(b)) if b.light == Some(l) => b.light_streak + 1,
            (Some(_), _) => 1,
        };
    }
    pf.rankings = ds
        .config
        .rankings
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let before = previous.and_then(|p| p.rankings.get(i));
            ranking::rank(spec, pf.groups_of(spec.subject), before)
        })
        .collect();
}

fn compute_period(
    ds: &Dataset,
    reports: &project::Reports,
    membership: &Membership,
    period: Month,
    as_of: Date,
) -> PeriodFigures {
    let n = period.month;
    // Room for every project at once: grown by doubling, a province's 12 MB a period were
    // copied again and again into fresh memory (perf: `finish_grow` in `clear_page`).
    let mut projects: Vec<ProjectFigures> = Vec::with_capacity(ds.projects.len());
    projects
        .extend(ds.projects.iter().enumerate().filter_map(|(i, p)| project::compute(ds, reports, i, p, period, as_of)));
    let summands: Vec<Summand> = projects.iter().map(|p| Summand::of(&ds.projects[p.index], p, period.year)).collect();
    let county = aggregate(ds, summands.iter(), n);
    let curve = Curve::of(&projects, n);
    let groups = membership.groups(ds, &summands, n);
    let decisions = decisions::judge(ds, as_of);
    let mentions = mentions(ds, as_of, &decisions);
    PeriodFigures {
        period,
        as_of,
        projects,
        county,
        curve,
        groups,
        rankings: Vec::new(),
        blockers: blockers::judge(ds, period, as_of),
        decisions,
        mentions,
    }
}

fn mentions(ds: &Dataset, as_of: Date, decisions: &DecisionFigures) -> BTreeMap<usize, Mentions> {
    let mut out: BTreeMap<usize, Mentions> = BTreeMap::new();
    for (mi, m) in ds.meetings.iter().enumerate().filter(|(_, m)| m.front.date <= as_of) {
        let named = m.front.projects.iter().chain(m.front.decisions.iter().flat_map(|d| &d.projects));
        let mut indices: Vec<usize> = named.filter_map(|id| ds.index_of(id)).collect();
        indices.sort_unstable();
        indices.dedup();
        for i in indices {
            out.entry(i).or_default().meetings.push(mi);
        }
    }
    for (si, s) in decisions.states.iter().enumerate() {
        for id in &ds.meetings[s.meeting].front.decisions[s.decision].projects {
            if let Some(i) = ds.index_of(id) {
                out.entry(i).or_default().decisions.push(si);
            }
        }
    }
    out
}
