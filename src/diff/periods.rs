//! Every published period compared, not only the current one: an edit to May shows as May's
//! change and as the change it makes to every later month (June's 当月, the rates, the
//! rankings). Per project: 1–N月累计, 当月, 完成率 and light before and after; per ranking:
//! every group whose rank or rate moved. A light that changed only because the report period
//! moved on is told apart from one the data changed ([`period_moved`]).

use super::changes::Change;
use super::side::Side;
use crate::figures::{PeriodFigures, ProjectFigures, Ranking};
use crate::model::{Dataset, Month};
use crate::render::Formatter;
use std::collections::BTreeMap;

/// One project's published figures before and after, in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectMove {
    pub project: String,
    pub ytd: (String, String),
    pub month: (String, String),
    pub rate: (String, String),
    pub light: (String, String),
}

/// One group of a ranking whose rank or rate moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankMove {
    pub name: String,
    pub rank: (String, String),
    pub rate: (String, String),
}

/// One ranking's changes in a period: the groups that moved, who entered and left the bottom N.
#[derive(Debug, Clone, Default)]
pub struct RankingChange {
    pub name: String,
    pub moves: Vec<RankMove>,
    pub entered: Vec<String>,
    pub left: Vec<String>,
}

/// What changed in one period published on both sides (or on one only).
#[derive(Debug, Clone, Default)]
pub struct PeriodChange {
    /// `2026年1-5月`.
    pub period: String,
    /// Published on one side only: which ("仅变更前" / "仅变更后").
    pub only: Option<&'static str>,
    pub county: Vec<Change>,
    pub projects: Vec<ProjectMove>,
    pub rankings: Vec<RankingChange>,
}

impl PeriodChange {
    pub fn is_empty(&self) -> bool {
        self.only.is_none() && self.county.is_empty() && self.projects.is_empty() && self.rankings.is_empty()
    }
}

/// The periods a side publishes: those of its report year up to its current one.
fn published(side: &Side) -> BTreeMap<Month, &PeriodFigures> {
    let current = side.now().period;
    side.figures
        .iter()
        .filter(|f| f.period <= current && f.period.year == current.year)
        .map(|f| (f.period, f))
        .collect()
}

fn title(ds: &Dataset, p: &ProjectFigures) -> String {
    let project = &ds.projects[p.index];
    format!("{} {}", project.id, project.name)
}

fn light(p: Option<&ProjectFigures>) -> String {
    p.and_then(|p| p.light).map_or_else(|| "—".into(), |l| l.label().into())
}

/// The project figures of two periods, by project title, side by side.
fn projects(fmt: &Formatter, old: (&Dataset, &PeriodFigures), new: (&Dataset, &PeriodFigures)) -> Vec<ProjectMove> {
    let by_title = |(ds, pf): (&Dataset, &PeriodFigures)| -> BTreeMap<String, ProjectFigures> {
        pf.projects.iter().map(|p| (title(ds, p), p.clone())).collect()
    };
    let (before, after) = (by_title(old), by_title(new));
    let mut titles: Vec<&String> = before.keys().chain(after.keys()).collect();
    titles.sort();
    titles.dedup();
    let money = |p: Option<&ProjectFigures>, f: fn(&ProjectFigures) -> crate::model::Wan| {
        p.map_or_else(|| "—".into(), |p| fmt.money(f(p)))
    };
    let rate = |p: Option<&ProjectFigures>| p.map_or_else(|| "—".into(), |p| fmt.percent(p.rate));
    titles
        .into_iter()
        .filter_map(|t| {
            let (o, n) = (before.get(t), after.get(t));
            let m = ProjectMove {
                project: t.clone(),
                ytd: (money(o, |p| p.ytd), money(n, |p| p.ytd)),
                month: (money(o, |p| p.month), money(n, |p| p.month)),
                rate: (rate(o), rate(n)),
                light: (light(o), light(n)),
            };
            let moved = m.ytd.0 != m.ytd.1 || m.month.0 != m.month.1 || m.rate.0 != m.rate.1 || m.light.0 != m.light.1;
            moved.then_some(m)
        })
        .collect()
}

/// The rankings of two periods: every group whose rank or rate moved, and the bottom N's
/// entries and exits.
fn rankings(fmt: &Formatter, old: &PeriodFigures, new: &PeriodFigures) -> Vec<RankingChange> {
    let rows = |pf: &PeriodFigures, r: &Ranking| -> BTreeMap<String, (String, String, bool)> {
        let groups = pf.groups.get(&r.spec.subject).map_or(&[][..], Vec::as_slice);
        r.rows
            .iter()
            .map(|row| {
                let rate = groups.get(row.group).map_or_else(|| "—".into(), |g| fmt.percent(g.figures.rate));
                (row.name.clone(), (format!("第{}", row.rank), rate, row.bottom))
            })
            .collect()
    };
    let mut out = Vec::new();
    for (i, r) in new.rankings.iter().enumerate() {
        let after = rows(new, r);
        let before = old.rankings.get(i).map(|o| rows(old, o)).unwrap_or_default();
        let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
        names.sort();
        names.dedup();
        let none = ("—".to_string(), "—".to_string(), false);
        let mut moved = Vec::new();
        let (mut entered, mut left) = (Vec::new(), Vec::new());
        for name in names {
            let (o, n) = (before.get(name).unwrap_or(&none), after.get(name).unwrap_or(&none));
            if o.0 != n.0 || o.1 != n.1 {
                moved.push(RankMove {
                    name: name.clone(),
                    rank: (o.0.clone(), n.0.clone()),
                    rate: (o.1.clone(), n.1.clone()),
                });
            }
            match (o.2, n.2) {
                (false, true) => entered.push(name.clone()),
                (true, false) => left.push(name.clone()),
                _ => {}
            }
        }
        // Ranked order: the new rank, then the name.
        moved.sort_by_key(|m| {
            (m.rank.1.trim_start_matches('第').parse::<usize>().unwrap_or(usize::MAX), m.name.clone())
        });
        if !moved.is_empty() || !entered.is_empty() || !left.is_empty() {
            out.push(RankingChange { name: r.spec.name.clone(), moves: moved, entered, left });
        }
    }
    out
}

fn county(fmt: &Formatter, old: &PeriodFigures, new: &PeriodFigures) -> Vec<Change> {
    let (o, n) = (&old.county, &new.county);
    let rows = [
        ("累计完成投资", fmt.money_prose(o.ytd), fmt.money_prose(n.ytd)),
        ("当月完成投资", fmt.money_prose(o.month), fmt.money_prose(n.month)),
        ("完成率", fmt.percent(o.rate), fmt.percent(n.rate)),
        ("红灯 / 黄灯", format!("{} / {}", o.red, o.yellow), format!("{} / {}", n.red, n.yellow)),
    ];
    rows.into_iter().filter(|(_, a, b)| a != b).map(|(what, old, new)| Change { what: what.into(), old, new }).collect()
}

/// Every period published on either side, oldest first, with what changed in it.
pub fn compare(fmt: &Formatter, old: &Side, new: &Side) -> Vec<PeriodChange> {
    let (before, after) = (published(old), published(new));
    let mut periods: Vec<Month> = before.keys().chain(after.keys()).copied().collect();
    periods.sort();
    periods.dedup();
    periods
        .into_iter()
        .map(|m| {
            let period = m.chinese();
            match (before.get(&m), after.get(&m)) {
                (Some(o), Some(n)) => PeriodChange {
                    period,
                    only: None,
                    county: county(fmt, o, n),
                    projects: projects(fmt, (&old.ds, o), (&new.ds, n)),
                    rankings: rankings(fmt, o, n),
                },
                (Some(_), None) => PeriodChange { period, only: Some("仅变更前发布"), ..PeriodChange::default() },
                _ => PeriodChange { period, only: Some("仅变更后发布"), ..PeriodChange::default() },
            }
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// What the report period's moving on did (old side's current period ≠ new side's).
#[derive(Debug, Clone)]
pub struct PeriodMove {
    pub from: String,
    pub to: String,
    /// Each project's published figures: the old side's at its period against the new side's
    /// at its own (what a reviewer of a new month checks line by line).
    pub projects: Vec<ProjectMove>,
    /// The rankings as published before and after.
    pub rankings: Vec<RankingChange>,
    /// The lights that differ between the two periods in the new side's own data: changed by
    /// the period moving on (a new month's figures, 序时进度), not by an edit to a month
    /// already published (those are in that month's [`PeriodChange`]).
    pub lights: Vec<Change>,
}

/// `None` when the report period stayed.
pub fn period_moved(fmt: &Formatter, old: &Side, new: &Side) -> Option<PeriodMove> {
    let (from, to) = (old.now().period, new.now().period);
    if from == to {
        return None;
    }
    let then = new.figures.iter().find(|f| f.period == from);
    let now = new.now();
    let lights_then: BTreeMap<usize, String> =
        then.map(|t| t.projects.iter().map(|p| (p.index, light(Some(p)))).collect()).unwrap_or_default();
    let lights = now
        .projects
        .iter()
        .filter_map(|p| {
            let before = lights_then.get(&p.index).cloned().unwrap_or_else(|| "—".into());
            let after = light(Some(p));
            (before != after).then(|| Change { what: title(&new.ds, p), old: before, new: after })
        })
        .collect();
    let projects = projects(fmt, (&old.ds, old.now()), (&new.ds, now));
    let rankings = rankings(fmt, old.now(), now);
    Some(PeriodMove { from: from.chinese(), to: to.chinese(), projects, rankings, lights })
}
