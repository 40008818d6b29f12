//! 亮灯: red and yellow projects with their gap and streak, and projects behind on milestones.

use super::super::Ctx;
use super::{RowList, project_list};
use crate::figures::{Light, MilestoneState, PeriodFigures, ProjectFigures};
use serde::Serialize;

#[derive(Serialize)]
struct LateMilestone {
    project: String,
    href: String,
    name: String,
    due: String,
    unit: String,
    days: i64,
}

#[derive(Serialize)]
struct Warnings {
    red: RowList,
    yellow: RowList,
    yellow_pp: String,
    red_pp: String,
    milestones: Vec<LateMilestone>,
}

pub fn page(ctx: &Ctx, path: &str) -> Result<super::super::Page, String> {
    let title = format!("{}亮灯项目", ctx.pf.period.chinese());
    ctx.page(path.into(), "warnings.html", "warnings", title, &body(ctx)?)
}

/// The projects of the period lit `light`, furthest behind first (the page's and the
/// bulletin's 附件2 order).
pub fn lit(pf: &PeriodFigures, light: Light) -> Vec<&ProjectFigures> {
    let mut list: Vec<_> = pf.projects.iter().filter(|p| p.light == Some(light)).collect();
    list.sort_by(|a, b| a.deviation_pp.cmp(&b.deviation_pp).then(a.index.cmp(&b.index)));
    list
}

/// The light rule's thresholds in percentage points, as displayed: (yellow, red).
pub fn thresholds(ctx: &Ctx) -> (String, String) {
    let lights = &ctx.ds.config.lights;
    (lights.yellow_pp.normalize().to_string(), lights.red_pp.normalize().to_string())
}

/// Red and yellow projects and late milestones.
fn body(ctx: &Ctx) -> Result<Warnings, String> {
    let pf = ctx.pf;
    let mut milestones = Vec::new();
    for p in &pf.projects {
        let project = &ctx.ds.projects[p.index];
        for (m, state) in project.milestones.iter().zip(&p.milestones) {
            if *state == MilestoneState::Overdue {
                milestones.push(LateMilestone {
                    project: project.name.clone(),
                    href: format!("{}projects/{}.html", ctx.root, project.id),
                    name: m.name.clone(),
                    due: m.due.to_string(),
                    unit: m.unit.clone().unwrap_or_else(|| project.lead_unit.clone()),
                    days: pf.as_of.days_since(m.due),
                });
            }
        }
    }
    let (yellow_pp, red_pp) = thresholds(ctx);
    let (red, yellow) = (project_list(ctx, lit(pf, Light::Red))?, project_list(ctx, lit(pf, Light::Yellow))?);
    Ok(Warnings { red, yellow, yellow_pp, red_pp, milestones })
}
