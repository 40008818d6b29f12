//! 台账: every project of the year in one table, grouped by industry with subtotal rows.

use super::super::Ctx;
use super::super::views::{GroupRow, ProjectRow};
use super::chinese_number;
use crate::model::Subject;
use serde::Serialize;

#[derive(Serialize)]
pub struct Section {
    heading: String,
    subtotal: GroupRow,
    rows: Vec<ProjectRow>,
}

#[derive(Serialize)]
pub struct Ledger {
    total: GroupRow,
    sections: Vec<Section>,
    /// The standard footnote when rounded rows do not add up to the rounded totals.
    rounding_note: bool,
    towns: Vec<String>,
    natures: Vec<String>,
}

pub fn page(ctx: &Ctx, path: &str) -> Result<super::super::Page, String> {
    let title = format!("{}重点项目台账", ctx.pf.period.chinese());
    ctx.page(path.to_string(), "ledger.html", "ledger", title, &body(ctx))
}

/// The ledger grouped by industry with subtotals; the bulletin's 附件1 too.
pub fn body(ctx: &Ctx) -> Ledger {
    let pf = ctx.pf;
    let mut no = 0;
    let mut rounding_note = false;
    let sections: Vec<Section> = pf
        .groups_of(Subject::Industry)
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let rows: Vec<ProjectRow> = g
                .members
                .iter()
                .map(|&m| {
                    no += 1;
                    ctx.project_row(no, &pf.projects[m])
                })
                .collect();
            let members = || g.members.iter().map(|&m| &pf.projects[m]);
            rounding_note |= ctx.fmt.rounding_differs(members().map(|p| p.plan), g.figures.plan)
                || ctx.fmt.rounding_differs(members().map(|p| p.ytd), g.figures.ytd)
                || ctx.fmt.rounding_differs(members().map(|p| p.month), g.figures.month);
            Section {
                heading: format!("{}、{}（{}）", chinese_number(i + 1), g.name, ctx.fmt.count(g.figures.count)),
                subtotal: ctx.group_row(Some(Subject::Industry), &g.name, &g.figures),
                rows,
            }
        })
        .collect();
    let names = |s: Subject| pf.groups_of(s).iter().map(|g| g.name.clone()).collect();
    Ledger {
        total: ctx.group_row(None, "合计", &pf.county),
        sections,
        rounding_note,
        towns: names(Subject::Town),
        natures: names(Subject::Nature),
    }
}
