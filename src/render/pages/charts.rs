//! Chart data prepared for pages: the S-curve of a set of projects and rate bars of groups,
//! each with the table of the numbers behind it.

use super::super::format::light_parts;
use super::super::{Ctx, Page};
use crate::charts::{self, BarRow, SCurve};
use crate::figures::{Aggregate, Group, ProjectFigures};
use crate::model::Wan;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// A chart and the table of its numbers. The chart is inline SVG, or, for charts shown on many
/// pages (a project's S-curve on its page and its printed sheets), a file named by `src`.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub svg: String,
    /// The chart's SVG file, relative to the page; empty when `svg` is inline.
    pub src: String,
    pub title: String,
    /// Column headings, then rows of cells.
    pub head: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

fn number(w: Wan) -> f64 {
    w.0.to_f64().unwrap_or(0.0)
}

/// Cumulative completed (months 1..=N) and cumulative plan (months 1..=12) of `members`.
fn curve(ctx: &Ctx, members: &[&ProjectFigures]) -> (Vec<Wan>, Vec<Wan>) {
    let n = ctx.pf.period.month as usize;
    let actual = (0..n).map(|m| members.iter().map(|p| p.ytd_by_month[m]).sum()).collect();
    let plan = (0..12).map(|m| members.iter().map(|p| p.plan_by_month[m]).sum()).collect();
    (actual, plan)
}

fn curve_svg(title: &str, actual: &[Wan], plan: &[Wan]) -> String {
    charts::s_curve(&SCurve {
        title,
        actual: &actual.iter().copied().map(number).collect::<Vec<_>>(),
        plan: &plan.iter().copied().map(number).collect::<Vec<_>>(),
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

/// The S-curve of `members` up to the period's month, inline.
pub fn s_curve(ctx: &Ctx, title: String, members: &[&ProjectFigures]) -> ChartView {
    let (actual, plan) = curve(ctx, members);
    let svg = curve_svg(&title, &actual, &plan);
    ChartView { svg, src: String::new(), rows: curve_table(ctx, &actual, &plan), title, head: CURVE_HEAD.to_vec() }
}

/// Where a project's S-curve of a period is written, from the site root.
pub fn project_curve_path(ctx: &Ctx, index: usize) -> String {
    format!("charts/{}/{}.svg", ctx.pf.period, ctx.ds.projects[index].id)
}

fn project_curve_title(ctx: &Ctx, index: usize) -> String {
    format!("{}累计完成投资", ctx.ds.projects[index].name)
}

/// A project's S-curve as a reference to its file (written by [`project_curve_file`]).
pub fn project_curve(ctx: &Ctx, f: &ProjectFigures) -> ChartView {
    let (actual, plan) = curve(ctx, &[f]);
    ChartView {
        svg: String::new(),
        src: format!("{}{}", ctx.root, project_curve_path(ctx, f.index)),
        rows: curve_table(ctx, &actual, &plan),
        title: project_curve_title(ctx, f.index),
        head: CURVE_HEAD.to_vec(),
    }
}

/// The SVG file of a project's S-curve for the context's period.
pub fn project_curve_file(ctx: &Ctx, f: &ProjectFigures) -> Page {
    let (actual, plan) = curve(ctx, &[f]);
    let svg = curve_svg(&project_curve_title(ctx, f.index), &actual, &plan);
    let svg = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        svg.replacen("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", usize::from(!svg.contains("xmlns=")))
    );
    Page { path: project_curve_path(ctx, f.index), content: svg }
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
    let svg = charts::rate_bars(&title, &bars, reference, &ctx.fmt.percent(Some(county.time_progress)));
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
    ChartView {
        svg, src: String::new(), title, head: vec!["名称", "年度计划", "累计完成", "完成率", "偏差"], rows
    }
}
