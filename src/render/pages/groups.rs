//! 分组: for each dimension a summary table (`groups/<dim>.html`) and one page per value
//! listing its projects (`groups/<dim>/<slug>.html`).

use super::super::views::{GroupRow, ProjectRow, group_path};
use super::super::{Ctx, Sink};
use super::charts::{ChartView, group_bars};
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
    rows: Vec<ProjectRow>,
}

fn tabs(ctx: &Ctx, active: Subject) -> Vec<Tab> {
    Subject::ALL
        .iter()
        .map(|&s| Tab { label: s.label(), href: format!("{}groups/{}.html", ctx.root, s.slug()), active: s == active })
        .collect()
}

/// `in_groups` stands in `groups/`, `in_values` in `groups/<dim>/`.
pub fn pages(in_groups: &Ctx, in_values: &Ctx, sink: &Sink) -> Result<(), String> {
    let pf = in_groups.pf;
    Subject::ALL.par_iter().try_for_each(|&subject| {
        let groups = pf.groups_of(subject);
        let summary = Summary {
            dimension: subject.label(),
            tabs: tabs(in_groups, subject),
            rows: groups.iter().map(|g| in_groups.group_row(Some(subject), &g.name, &g.figures)).collect(),
            total: in_groups.group_row(None, "全县", &pf.county),
            chart: group_bars(in_groups, format!("按{}完成率", subject.label()), groups, &pf.county),
        };
        let title = format!("按{}汇总", subject.label());
        sink(in_groups.page(format!("groups/{}.html", subject.slug()), "groups.html", "groups", title, &summary)?)?;
        groups.par_iter().try_for_each(|g| {
            let body = GroupPage {
                dimension: subject.label(),
                dimension_href: format!("{}groups/{}.html", in_values.root, subject.slug()),
                name: g.name.clone(),
                summary: in_values.group_row(Some(subject), &g.name, &g.figures),
                headline: in_values.fmt.headline(&g.name, &g.figures, pf.period),
                rows: g
                    .members
                    .iter()
                    .enumerate()
                    .map(|(i, &m)| in_values.project_row(i + 1, &pf.projects[m]))
                    .collect(),
            };
            let title = format!("{}：{}", subject.label(), g.name);
            sink(in_values.page(group_path(subject, &g.name), "group.html", "groups", title, &body)?)
        })
    })
}
