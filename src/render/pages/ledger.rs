//! 台账: every project of the year in one table, grouped by industry with subtotal rows.

use super::super::views::{GroupRow, ProjectRow};
use super::super::{Ctx, Page};
use super::chinese_number;
use crate::model::Subject;
use serde::Serialize;
use tera::Value;

#[derive(Serialize)]
struct Section {
    heading: String,
    subtotal: GroupRow,
    rows: Vec<ProjectRow>,
}

#[derive(Serialize)]
struct Ledger {
    total: GroupRow,
    sections: Vec<Section>,
    /// The standard footnote when rounded rows do not add up to the rounded totals.
    rounding_note: bool,
    towns: Vec<String>,
    natures: Vec<String>,
}

/// The ledger page of the context's period at `path`.
pub fn page(ctx: &Ctx, path: String) -> Result<Page, String> {
    page_with(ctx, path, &value(ctx)?)
}

/// The ledger page of the context's period at `path`, showing `ledger` (from [`value`]).
pub fn page_with(ctx: &Ctx, path: String, ledger: &Value) -> Result<Page, String> {
    let title = format!("{}重点项目台账", ctx.pf.period.chinese());
    ctx.page_sharing(path, "ledger.html", "ledger", title, &(), Some(("ledger", ledger)))
}

/// The ledger of the context's period as the template value `ledger`: built once per period
/// and shown by its ledger page and its bulletin's 附件1. Links in it are relative to
/// `ctx.root` (the ledger page's; the bulletin prints none).
pub fn value(ctx: &Ctx) -> Result<Value, String> {
    Value::try_from_serializable(&body(ctx)).map_err(|e| format!("错误：无法准备台账数据：{e}\n"))
}

/// The ledger grouped by industry with subtotals.
fn body(ctx: &Ctx) -> Ledger {
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
