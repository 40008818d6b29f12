//! 分组: for each dimension a summary table (`groups/<dim>.html`) and one page per value
//! listing its projects (`groups/<dim>/<slug>.html`).

use super::super::views::GroupRow;
use super::super::{Ctx, Page, Sink};
use super::charts::{ChartView, group_bars};
use super::{RowList, project_list};
use crate::figures::Group;
use crate::model::Subject;
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct Tab {
    label: &'static str,
    href: String,
    active: bool,
}

#[derive(Serialize)]
struct Summary {
    dimension: &'static str,
    tabs: Vec<Tab>,
    rows: Vec<GroupRow>,
    total: GroupRow,
    chart: ChartView,
}

#[derive(Serialize)]
struct GroupPage {
    dimension: &'static str,
    dimension_href: String,
    name: String,
    summary: GroupRow,
    headline: String,
    projects: RowList,
}

fn tabs(ctx: &Ctx, active: Subject) -> Vec<Tab> {
    Subject::ALL
        .iter()
        .map(|&s| Tab { label: s.label(), href: format!("{}groups/{}.html", ctx.root, s.slug()), active: s == active })
        .collect()
}

/// `groups/<dim>.html`: the summary of a dimension; `ctx` stands in `groups/`.
pub fn summary(ctx: &Ctx, subject: Subject) -> Result<Page, String> {
    let pf = ctx.pf;
    let groups = pf.groups_of(subject);
    let summary = Summary {
        dimension: subject.label(),
        tabs: tabs(ctx, subject),
        rows: groups.iter().map(|g| ctx.group_row(Some(subject), &g.name, &g.figures)).collect(),
        total: ctx.group_row(None, "全县", &pf.county),
        chart: group_bars(ctx, format!("按{}完成率", subject.label()), groups, &pf.county),
    };
    let title = format!("按{}汇总", subject.label());
    ctx.page(format!("groups/{}.html", subject.slug()), "groups.html", "groups", title, &summary)
}

/// `groups/<dim>/<slug>.html`: one group's projects; `ctx` stands in `groups/<dim>/`.
pub fn value(ctx: &Ctx, subject: Subject, g: &Group) -> Result<Page, String> {
    let pf = ctx.pf;
    let body = GroupPage {
        dimension: subject.label(),
        dimension_href: format!("{}groups/{}.html", ctx.root, subject.slug()),
        name: g.name.clone(),
        summary: ctx.group_row(Some(subject), &g.name, &g.figures),
        headline: ctx.fmt.headline(&g.name, &g.figures, pf.period),
        projects: project_list(ctx, g.members.iter().map(|&m| &pf.projects[m]))?,
    };
    let title = format!("{}：{}", subject.label(), g.name);
    ctx.page(subject.group_page(&g.name), "group.html", "groups", title, &body)
}

/// Every group page; `in_groups` stands in `groups/`, `in_values` in `groups/<dim>/`.
pub fn pages(in_groups: &Ctx, in_values: &Ctx, sink: &Sink) -> Result<(), String> {
    Subject::ALL.par_iter().try_for_each(|&subject| {
        sink(summary(in_groups, subject)?)?;
        in_groups.pf.groups_of(subject).par_iter().try_for_each(|g| sink(value(in_values, subject, g)?))
    })
}

/// The page at `rest` (the path after `groups/`), if there is one.
pub fn one(in_groups: &Ctx, in_values: &Ctx, rest: &str) -> Option<Result<Page, String>> {
    let (dim, file) = rest.split_once('/').map_or((rest.strip_suffix(".html")?, None), |(d, f)| (d, Some(f)));
    let subject = *Subject::ALL.iter().find(|s| s.slug() == dim)?;
    match file {
        None => Some(summary(in_groups, subject)),
        Some(file) => {
            let slug = file.strip_suffix(".html")?;
            let g = in_groups.pf.groups_of(subject).iter().find(|g| crate::model::file_name_of(&g.name) == slug)?;
            Some(value(in_values, subject, g))
        }
    }
}
