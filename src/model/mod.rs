//! The data contract as types: what users write in `data/`. No logic beyond look-ups.
//!
//! `model` knows nothing of the other stages; every other stage reads it.

mod bulletin;
mod config;
mod date;
mod meeting;
mod money;
mod orgs;
mod progress;
mod project;
mod sorted_map;

pub use bulletin::{BulletinFront, BulletinText};
pub use config::{
    BulletinConfig, Config, ContestRules, Criterion, Decimals, Lights, Lists, PageNumbers, RankOrder, RankingSpec,
    Report, Site, Subject, TimeProgressMode, file_name_of,
};
pub use date::{Date, Month};
pub use meeting::{
    Contest, ContestBy, Decision, DecisionStatus, Feedback, FollowUpKind, Meeting, MeetingFront, ScoreSheet,
    project_links,
};
pub use money::Wan;
pub use orgs::{Hq, Leader, Orgs, Unit};
pub use progress::{Entry, Progress};
pub use project::{Blocker, CentralBudget, Milestone, Project, YearPlan};
pub use sorted_map::SortedMap;

use std::collections::BTreeMap;
use std::iter::Peekable;

/// Takes from `sorted` (ascending by `key`) the item whose key is `target`, if any, after
/// skipping the items before it: with ascending targets, two lists in the same order (projects
/// by id and a month's entries, two periods' figures by project) are walked side by side
/// instead of searched item by item.
pub fn seek<I: Iterator, K: Ord>(sorted: &mut Peekable<I>, target: K, key: impl Fn(&I::Item) -> K) -> Option<I::Item> {
    while sorted.next_if(|item| key(item) < target).is_some() {}
    sorted.next_if(|item| key(item) == target)
}

/// Everything read from one data folder, in a deterministic order.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub config: Config,
    pub orgs: Orgs,
    /// Sorted by id.
    pub projects: Vec<Project>,
    /// Keyed by period.
    pub progress: BTreeMap<Month, Progress>,
    /// Sorted by date, then file stem.
    pub meetings: Vec<Meeting>,
    /// The office's own bulletin texts, by period.
    pub bulletins: BTreeMap<Month, BulletinText>,
}

impl Dataset {
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.index_of(id).map(|i| &self.projects[i])
    }

    /// The latest report of project `id` in `period`'s year before `period`, and its month:
    /// what a new figure of `period` must not fall below.
    pub fn last_report(&self, id: &str, period: Month) -> Option<(Month, &Entry)> {
        let earlier = self.progress.range(Month { year: period.year, month: 1 }..period);
        earlier.rev().find_map(|(month, file)| Some((*month, file.entries.get(id)?)))
    }

    /// The position of project `id` in `projects`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.projects.binary_search_by(|p| p.id.as_str().cmp(id)).ok()
    }

    /// The reporting periods of the report year that have a progress file, oldest first.
    pub fn periods_of_year(&self) -> Vec<Month> {
        let year = self.config.report.year;
        self.progress.keys().copied().filter(|m| m.year == year).collect()
    }
}
