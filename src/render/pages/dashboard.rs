//! 总览: the period's headline sentence, counts by batch, nature and level, lights, the county
//! S-curve, rates by industry and town, top and bottom projects, open blockers.

use super::super::Ctx;
use super::charts::{ChartView, group_bars, s_curve};
use super::{RowList, project_list};
use crate::figures::ProjectFigures;
use crate::model::Subject;
use serde::Serialize;

/// How many projects the dashboard lists at the top and at the bottom.
const TOP_N: usize = 5;

#[derive(Serialize)]
struct Count {
    label: String,
    count: String,
}

#[derive(Serialize)]
struct Dashboard {
    headline: String,
    /// The period's bulletin.
    bulletin: String,
    by_batch: Vec<Count>,
    by_nature: Vec<Count>,
    by_level: Vec<Count>,
    red: usize,
    yellow: usize,
    green: usize,
    not_rated: usize,
    s_curve: ChartView,
    by_industry: ChartView,
    by_town: ChartView,
    /// The highest and the lowest rates.
    top: RowList,
    bottom: RowList,
    /// "另有12个项目完成率同为0.0%，…" when the bottom list's last rate is shared beyond it.
    bottom_tie: String,
    open_blockers: usize,
    overdue_blockers: usize,
    open_decisions: usize,
}

/// How many of the period's projects take each of `values` (in one pass over the projects).
fn counts(ctx: &Ctx, values: &[String], of: fn(&crate::model::YearPlan) -> &String) -> Vec<Count> {
    let year = ctx.pf.period.year;
    let mut n = vec![0; values.len()];
    for p in &ctx.pf.projects {
        let value = ctx.ds.projects[p.index].years.get(&year).map(of);
        if let Some(i) = value.and_then(|value| values.iter().position(|v| v == value)) {
            n[i] += 1;
        }
    }
    values.iter().zip(n).map(|(v, n)| Count { label: v.clone(), count: ctx.fmt.count(n) }).collect()
}

/// The `n` projects with the highest rate, best first, and the `n` with the lowest, worst
/// first, found by selection rather than by sorting every project. Ties rank by plan: among
/// equal rates the larger plan is first in both lists (at the bottom, the biggest stalled
/// plans first), then the earlier project.
fn ends(mut rated: Vec<&ProjectFigures>, n: usize) -> (Vec<&ProjectFigures>, Vec<&ProjectFigures>) {
    let tie = |a: &&ProjectFigures, b: &&ProjectFigures| b.plan.cmp(&a.plan).then(a.index.cmp(&b.index));
    let best = |a: &&ProjectFigures, b: &&ProjectFigures| b.rate.cmp(&a.rate).then_with(|| tie(a, b));
    let worst = |a: &&ProjectFigures, b: &&ProjectFigures| a.rate.cmp(&b.rate).then_with(|| tie(a, b));
    (first(&mut rated, n, best), first(&mut rated, n, worst))
}

/// The first `n` of `items` in `order`, in order.
fn first<'p>(
    items: &mut [&'p ProjectFigures],
    n: usize,
    order: impl Fn(&&ProjectFigures, &&ProjectFigures) -> std::cmp::Ordering,
) -> Vec<&'p ProjectFigures> {
    if items.len() > n {
        items.select_nth_unstable_by(n, &order);
    }
    let mut picked = items[..n.min(items.len())].to_vec();
    picked.sort_by(order);
    picked
}

/// How many projects not in `bottom` share the rate of its last one: "另有12个项目完成率同为0.0%".
fn tied_beyond(rated: &[&ProjectFigures], bottom: &[&ProjectFigures]) -> usize {
    let Some(last) = bottom.last() else { return 0 };
    rated.iter().filter(|p| p.rate == last.rate).count() - bottom.iter().filter(|p| p.rate == last.rate).count()
}

pub fn page(ctx: &Ctx, path: &str) -> Result<super::super::Page, String> {
    let pf = ctx.pf;
    let lists = &ctx.ds.config.lists;
    let rated: Vec<&ProjectFigures> = pf.projects.iter().filter(|p| p.rate.is_some()).collect();
    let (top, bottom) = ends(rated.clone(), TOP_N);
    let tied = tied_beyond(&rated, &bottom);
    let bottom_tie = match bottom.last() {
        Some(last) if tied > 0 => format!(
            "另有{}项目完成率同为{}，按年度计划从大到小列前{}。",
            ctx.fmt.count(tied),
            ctx.fmt.percent(last.rate),
            bottom.len()
        ),
        _ => String::new(),
    };
    let (top, bottom) = (project_list(ctx, top)?, project_list(ctx, bottom)?);
    let body = Dashboard {
        headline: ctx.fmt.headline("全县", &pf.county, pf.period),
        bulletin: format!("{}bulletins/{}.html", ctx.root, pf.period),
        by_batch: counts(ctx, &lists.batches, |y| &y.batch),
        by_nature: counts(ctx, &lists.natures, |y| &y.nature),
        by_level: counts(ctx, &lists.levels, |y| &y.level),
        red: pf.county.red,
        yellow: pf.county.yellow,
        green: pf.county.green,
        not_rated: pf.county.count - pf.county.red - pf.county.yellow - pf.county.green,
        s_curve: s_curve(ctx, format!("全县重点项目{}累计完成投资", pf.period.chinese()), &pf.curve),
        by_industry: group_bars(ctx, "分行业完成率".into(), pf.groups_of(Subject::Industry), &pf.county),
        by_town: group_bars(ctx, "分乡镇（园区）完成率".into(), pf.groups_of(Subject::Town), &pf.county),
        top,
        bottom,
        bottom_tie,
        open_blockers: pf.blockers.iter().filter(|b| b.open).count(),
        overdue_blockers: pf.blockers.iter().filter(|b| b.overdue).count(),
        open_decisions: pf.decisions.states.iter().filter(|d| d.alert.is_some()).count(),
    };
    ctx.page(path.to_string(), "dashboard.html", "index", format!("{}总览", pf.period.chinese()), &body)
}
