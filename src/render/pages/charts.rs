//! Chart data prepared for pages: the S-curve of a set of projects and rate bars of groups,
//! each with the table of the numbers behind it.

use super::super::Ctx;
use super::super::format::light_parts;
use crate::charts::{self, BarRow, SCurve};
use crate::figures::{Aggregate, Curve, Group, ProjectFigures};
use crate::model::Wan;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// A chart and the table of its numbers. The chart is inline SVG.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub svg: String,
    pub title: String,
    /// Column headings, then rows of cells.
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

fn number(w: Wan) -> f64 {
    w.0.to_f64().unwrap_or(0.0)
}

fn curve_svg(ctx: &Ctx, title: &str, actual: &[Wan], plan: &[Wan]) -> String {
    ctx.draw(|| {
        charts::s_curve(&SCurve {
            title,
            actual: &actual.iter().copied().map(number).collect::<Vec<_>>(),
            plan: &plan.iter().copied().map(number).collect::<Vec<_>>(),
        })
    })
}

fn curve_table(ctx: &Ctx, actual: &[Wan], plan: &[Wan]) -> Vec<Vec<String>> {
    (0..12)
        .map(|m| {
            let done = actual.get(m).copied();
            let month = done.map(|d| d - if m == 0 { Wan::ZERO } else { actual[m - 1] });
            vec![
                format!("{}月", m + 1),
                ctx.fmt.money(plan[m]),
                done.map_or_else(String::new, |d| ctx.fmt.money(d)),
                month.map_or_else(String::new, |d| ctx.fmt.money(d)),
            ]
        })
        .collect()
}

const CURVE_HEAD: [&str; 4] = ["月份", "累计计划", "累计完成", "当月完成"];

/// An S-curve (`figures::Curve`) up to the period's month, inline.
pub fn s_curve(ctx: &Ctx, title: String, curve: &Curve) -> ChartView {
    let svg = curve_svg(ctx, &title, &curve.actual, &curve.plan);
    ChartView { svg, rows: curve_table(ctx, &curve.actual, &curve.plan), title, head: CURVE_HEAD.to_vec() }
}

/// A project's S-curve, inline. Its numbers are the project page's month-by-month table, so it
/// carries no table of its own.
pub fn project_curve(ctx: &Ctx, f: &ProjectFigures) -> ChartView {
    let Curve { actual, plan } = Curve::of([f], ctx.pf.period.month);
    let title = format!("{}累计完成投资", ctx.ds.projects[f.index].name);
    let svg = curve_svg(ctx, &title, &actual, &plan);
    ChartView { svg, title, head: Vec::new(), rows: Vec::new() }
}

/// Horizontal bars of the groups' completion rates against the county's 序时进度.
pub fn group_bars(ctx: &Ctx, title: String, groups: &[Group], county: &Aggregate) -> ChartView {
    let bars: Vec<BarRow> = groups
        .iter()
        .map(|g| {
            let (tone, light) = light_parts(g.figures.light);
            let rate = ctx.fmt.percent(g.figures.rate);
            BarRow {
                label: g.name.clone(),
                percent: g.figures.rate.and_then(|r| ctx.fmt.percent_number(r).to_f64()),
                text: if light.is_empty() || tone == "green" { rate } else { format!("{rate} {light}") },
                tone,
            }
        })
        .collect();
    let reference = ctx.fmt.percent_number(county.time_progress).to_f64().unwrap_or(0.0);
    let svg = ctx.draw(|| charts::rate_bars(&title, &bars, reference, &ctx.fmt.percent(Some(county.time_progress))));
    let rows = groups
        .iter()
        .map(|g| {
            vec![
                g.name.clone(),
                ctx.fmt.money(g.figures.plan),
                ctx.fmt.money(g.figures.ytd),
                ctx.fmt.percent(g.figures.rate),
                ctx.fmt.deviation(g.figures.deviation_pp),
            ]
        })
        .collect();
    ChartView { svg, title, head: vec!["名称", "年度计划", "累计完成", "完成率", "偏差"], rows }
}
