//! 观摩评比: the scores of a meeting's contest, from the judges' sheets and the figures.
//!
//! An entrant's score (docs/规则.md, 观摩评比) is, with `config.contest`:
//! - for each criterion, the mean of the judges' scores (after dropping one highest and one
//!   lowest when `trim` and at least three judges scored it), rounded to 2 decimals;
//! - the judged part: the sum of those means;
//! - the computed part: `progress_points × min(1, 完成率 ÷ 序时进度)`, rounded to 2 decimals
//!   (0 without a plan), less `red_light_penalty` for each red-lit project, never below 0;
//! - the total: judged part + computed part.
//!
//! The figures are those of the last period reported before the meeting (as its handout's). Entrants rank
//! by total, then by judged part (higher first); equal on both, they share a rank (1, 2, 2, 4).
//! Rounding is half away from zero (四舍五入), on exact decimals.

use super::PeriodFigures;
use crate::model::{ContestBy, ContestRules, Dataset, Meeting};
use rust_decimal::{Decimal, RoundingStrategy};

/// One entrant's score.
#[derive(Debug, Clone)]
pub struct EntrantScore {
    /// The project id, or the name of the town, unit or 指挥部.
    pub key: String,
    /// The project's name, or the group's.
    pub name: String,
    /// Index into `Dataset::projects` when the entrant is a project.
    pub project: Option<usize>,
    /// Per criterion (in `config.contest.criteria` order): the mean, `None` when no judge scored it.
    pub means: Vec<Option<Decimal>>,
    pub judged: Decimal,
    pub rate: Option<Decimal>,
    pub time_progress: Decimal,
    /// `progress_points × min(1, rate ÷ 序时)`, before the penalty.
    pub progress: Decimal,
    pub red: usize,
    pub penalty: Decimal,
    /// The computed part after the penalty.
    pub computed: Decimal,
    pub total: Decimal,
    pub rank: usize,
}

/// A meeting's contest, scored.
#[derive(Debug, Clone)]
pub struct ContestScores {
    pub by: ContestBy,
    /// In ranking order.
    pub entrants: Vec<EntrantScore>,
    /// How many of the first entrants are on the 红榜, and how many of the last on the 黑榜
    /// (never the same entrant on both).
    pub red_list: usize,
    pub black_list: usize,
}

fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The mean of `scores` (one per judge), dropping the highest and the lowest when `trim` and
/// there are at least three; `None` when there are none.
pub fn mean(mut scores: Vec<Decimal>, trim: bool) -> Option<Decimal> {
    scores.sort();
    let kept = if trim && scores.len() >= 3 { &scores[1..scores.len() - 1] } else { &scores[..] };
    if kept.is_empty() {
        return None;
    }
    Some(round2(kept.iter().sum::<Decimal>() / Decimal::from(kept.len())))
}

/// The computed part before the penalty: `full × min(1, rate ÷ time_progress)`, 2 decimals.
pub fn progress_part(full: Decimal, rate: Option<Decimal>, time_progress: Decimal) -> Decimal {
    match rate {
        Some(rate) if time_progress > Decimal::ZERO => round2(full * (rate / time_progress).min(Decimal::ONE)),
        Some(_) => full,
        None => Decimal::ZERO,
    }
}

/// The scores of `meeting`'s contest with the rules of `config.contest`, the computed part from
/// `pf` (the period reported before the meeting); `None` when the meeting has no contest or the
/// config no rules (which `check` reports).
pub fn score(ds: &Dataset, pf: &PeriodFigures, meeting: &Meeting) -> Option<ContestScores> {
    let contest = meeting.front.contest.as_ref()?;
    let rules = ds.config.contest.as_ref()?;
    let mut entrants: Vec<EntrantScore> =
        contest.entrants.iter().map(|key| entrant(ds, pf, rules, contest, key)).collect();
    entrants.sort_by(|a, b| b.total.cmp(&a.total).then(b.judged.cmp(&a.judged)));
    for i in 0..entrants.len() {
        let tied = i > 0 && (entrants[i].total, entrants[i].judged) == (entrants[i - 1].total, entrants[i - 1].judged);
        entrants[i].rank = if tied { entrants[i - 1].rank } else { i + 1 };
    }
    let red_list = rules.red_list.min(entrants.len());
    let black_list = rules.black_list.min(entrants.len() - red_list);
    Some(ContestScores { by: contest.by, entrants, red_list, black_list })
}

/// One entrant's score: the judges' means, and the computed part from `pf`.
fn entrant(
    ds: &Dataset,
    pf: &PeriodFigures,
    rules: &ContestRules,
    contest: &crate::model::Contest,
    key: &str,
) -> EntrantScore {
    let sheets: Vec<_> = contest.scores.iter().filter(|s| s.entrant == key).collect();
    let means: Vec<Option<Decimal>> = rules
        .criteria
        .iter()
        .map(|c| mean(sheets.iter().filter_map(|s| s.points.get(&c.name).copied()).collect(), rules.trim))
        .collect();
    let judged = means.iter().flatten().sum();
    let project = ds.index_of(key).filter(|_| contest.by == ContestBy::Project);
    let (name, rate, time_progress, red) = match contest.by.subject() {
        None => {
            let figures = project.and_then(|i| pf.project(i));
            let red = figures.is_some_and(|p| p.light == Some(super::Light::Red));
            let name = project.map_or_else(|| key.to_string(), |i| ds.projects[i].name.clone());
            (name, figures.and_then(|p| p.rate), figures.map_or(Decimal::ZERO, |p| p.time_progress), usize::from(red))
        }
        Some(subject) => match pf.groups_of(subject).iter().find(|g| g.name == key) {
            Some(g) => (key.to_string(), g.figures.rate, g.figures.time_progress, g.figures.red),
            None => (key.to_string(), None, Decimal::ZERO, 0),
        },
    };
    let progress = progress_part(rules.progress_points, rate, time_progress);
    let penalty = rules.red_light_penalty * Decimal::from(red);
    let computed = (progress - penalty).max(Decimal::ZERO);
    EntrantScore {
        key: key.to_string(),
        name,
        project,
        means,
        judged,
        rate,
        time_progress,
        progress,
        red,
        penalty,
        computed,
        total: judged + computed,
        rank: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn means_round_half_away_from_zero_and_trim_only_from_three() {
        // (27 + 28 + 26) / 3 = 27; trimmed: 27. (18 + 17) / 2 = 17.5, not trimmed with two.
        assert_eq!(mean(vec![d("27"), d("28"), d("26")], false), Some(d("27")));
        assert_eq!(mean(vec![d("27"), d("28"), d("20")], true), Some(d("27")));
        assert_eq!(mean(vec![d("18"), d("17")], true), Some(d("17.5")));
        // 55 / 3 = 18.333… → 18.33; 17.005 → 17.01 (half away from zero).
        assert_eq!(mean(vec![d("18"), d("18"), d("19")], false), Some(d("18.33")));
        assert_eq!(mean(vec![d("17.005")], false), Some(d("17.01")));
        assert_eq!(mean(vec![], false), None);
    }

    #[test]
    fn the_computed_part_is_capped_at_full_marks() {
        // 完成率 60 % against 序时 75 %: 30 × 0.8 = 24; ahead of 序时: full marks.
        assert_eq!(progress_part(d("30"), Some(d("0.6")), d("0.75")), d("24"));
        assert_eq!(progress_part(d("30"), Some(d("0.9")), d("0.75")), d("30"));
        // 2/3 of 序时: 20; no plan: 0.
        assert_eq!(progress_part(d("30"), Some(d("0.5")), d("0.75")), d("20"));
        assert_eq!(progress_part(d("30"), None, d("0.75")), d("0"));
    }
}
