//! Rankings (排名 / 逆排名): groups ordered by completion rate with deterministic tie-breaks,
//! the bottom N marked, the change of rank and how long each has stayed in the bottom N.

use super::aggregate::Group;
use crate::model::{RankOrder, RankingSpec};
use std::cmp::Ordering;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct RankRow {
    pub rank: usize,
    /// Index into the period's groups of the ranking's subject.
    pub group: usize,
    pub name: String,
    /// Among the bottom N (通报批评).
    pub bottom: bool,
    /// Rank last period minus rank now: positive = moved up; `None` = not ranked last period.
    pub change: Option<i64>,
    /// Consecutive periods up to this one in the bottom N ("连续N个月").
    pub bottom_streak: u32,
}

#[derive(Debug, Clone)]
pub struct Ranking {
    pub spec: RankingSpec,
    pub rows: Vec<RankRow>,
    /// Groups with a plan of 0 cannot be ranked by rate; they are listed apart.
    pub unranked: Vec<String>,
}

/// Ranks `groups` by `spec`; `previous` is the same ranking one period earlier.
pub fn rank(spec: &RankingSpec, groups: &[Group], previous: Option<&Ranking>) -> Ranking {
    let (mut ranked, unranked): (Vec<usize>, Vec<usize>) =
        (0..groups.len()).partition(|&i| groups[i].figures.rate.is_some());
    ranked.sort_by(|&a, &b| {
        let (ga, gb) = (&groups[a], &groups[b]);
        let by_rate = ga.figures.rate.cmp(&gb.figures.rate);
        let by_rate = if spec.order == RankOrder::Desc { by_rate.reverse() } else { by_rate };
        by_rate.then_with(|| gb.figures.plan.cmp(&ga.figures.plan)).then_with(|| ga.name.cmp(&gb.name))
    });
    let n = ranked.len();
    let bottom_n = spec.bottom.min(n);
    let before_by_name: HashMap<&str, &RankRow> =
        previous.map(|p| p.rows.iter().map(|r| (r.name.as_str(), r)).collect()).unwrap_or_default();
    let rows = ranked
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            let rank = i + 1;
            let name = groups[group].name.clone();
            let bottom = match spec.order {
                RankOrder::Asc => i < bottom_n,
                RankOrder::Desc => i >= n - bottom_n,
            };
            let before = before_by_name.get(name.as_str()).copied();
            let change = before.map(|b| b.rank as i64 - rank as i64);
            let bottom_streak = match (bottom, before) {
                (false, _) => 0,
                (true, Some(b)) if b.bottom => b.bottom_streak + 1,
                (true, _) => 1,
            };
            RankRow { rank, group, name, bottom, change, bottom_streak }
        })
        .collect();
    let unranked = unranked.into_iter().map(|i| groups[i].name.clone()).collect();
    Ranking { spec: spec.clone(), rows, unranked }
}

/// Orders by rank change for display: "↑2", "↓1", "—" (unchanged), "新" (not ranked before).
pub fn change_label(change: Option<i64>) -> String {
    match change.map(|c| c.cmp(&0)) {
        None => "新".into(),
        Some(Ordering::Equal) => "—".into(),
        Some(Ordering::Greater) => format!("↑{}", change.unwrap_or_default()),
        Some(Ordering::Less) => format!("↓{}", -change.unwrap_or_default()),
    }
}
