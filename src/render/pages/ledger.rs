//! 台账: every project of the year in one table, grouped by industry with subtotal rows.

use super::super::views::{GroupRow, ProjectRow};
use super::super::{Ctx, Page};
use super::chinese_number;
use crate::figures::Group;
use crate::model::Subject;
use serde::Serialize;
use tera::Value;

#[derive(Serialize)]
struct Section {
    heading: String,
    subtotal: GroupRow,
    rows: Vec<ProjectRow>,
}

/// What the ledger templates show besides the sections: the total row, the filters' choices,
/// and the sections rendered already.
#[derive(Serialize)]
struct Ledger<'a> {
    total: GroupRow,
    /// The standard footnote when rounded rows do not add up to the rounded totals.
    rounding_note: bool,
    towns: &'a [String],
    natures: &'a [String],
    /// Every section, rendered by `ledger_section.html` (the page) or
    /// `bulletin_ledger_section.html` (附件1).
    sections_html: &'a str,
}

/// The theme's templates of one ledger section, on the page and in the bulletin.
const SCREEN_SECTION: &str = "ledger_section.html";
const PRINT_SECTION: &str = "bulletin_ledger_section.html";

/// A period's ledger as the template value `ledger`, on its ledger page and as its bulletin's
/// 附件1.
pub struct Tables {
    pub screen: Value,
    pub print: Value,
}

/// The ledger page of the context's period at `path`.
pub fn page(ctx: &Ctx, path: String) -> Result<Page, String> {
    page_with(ctx, path, &tables(ctx)?.screen)
}

/// The ledger page of the context's period at `path`, showing `ledger` (from [`tables`]).
pub fn page_with(ctx: &Ctx, path: String, ledger: &Value) -> Result<Page, String> {
    let title = format!("{}重点项目台账", ctx.pf.period.chinese());
    ctx.page_sharing(path, "ledger.html", "ledger", title, &(), Some(("ledger", ledger)))
}

/// The ledger of the context's period, grouped by industry with subtotals, for its page and
/// its bulletin. The sections are rendered one at a time, each by both section templates: a
/// whole ledger as template values is hundreds of MB on 50k projects, a section a ninth of it.
/// Links are relative to `ctx.root` (the ledger page's; the bulletin prints none).
pub fn tables(ctx: &Ctx) -> Result<Tables, String> {
    let pf = ctx.pf;
    let chrome = ctx.chrome("ledger", String::new());
    let (mut screen, mut print) = (Vec::new(), Vec::new());
    let mut rows_before = 0;
    let mut rounding_note = false;
    for (i, g) in pf.groups_of(Subject::Industry).iter().enumerate() {
        let (section, rounding_differs) = section(ctx, i, g, rows_before);
        rows_before += g.members.len();
        rounding_note |= rounding_differs;
        // Turned into template values once, given to both templates by reference as `section`.
        let section = Value::try_from_serializable(&section).map_err(|e| format!("错误：无法准备台账数据：{e}\n"))?;
        ctx.theme.render_into(SCREEN_SECTION, &chrome, &(), Some(("section", &section)), &mut screen)?;
        ctx.theme.render_into(PRINT_SECTION, &chrome, &(), Some(("section", &section)), &mut print)?;
    }
    let names = |s: Subject| pf.groups_of(s).iter().map(|g| g.name.clone()).collect::<Vec<_>>();
    let (towns, natures) = (names(Subject::Town), names(Subject::Nature));
    let value = |sections: Vec<u8>| {
        let sections_html = String::from_utf8(sections).map_err(|_| "错误：台账模板的输出不是 UTF-8\n".to_string())?;
        let ledger = Ledger {
            total: ctx.group_row(None, "合计", &pf.county),
            rounding_note,
            towns: &towns,
            natures: &natures,
            sections_html: &sections_html,
        };
        Value::try_from_serializable(&ledger).map_err(|e| format!("错误：无法准备台账数据：{e}\n"))
    };
    Ok(Tables { screen: value(screen)?, print: value(print)? })
}

/// Section `i` of the ledger, the industry group `g`, its rows numbered on from `rows_before`;
/// and whether its rounded rows fail to add up to its rounded subtotal.
fn section(ctx: &Ctx, i: usize, g: &Group, rows_before: usize) -> (Section, bool) {
    let pf = ctx.pf;
    let members = || g.members.iter().map(|&m| &pf.projects[m]);
    let rows = members().enumerate().map(|(k, p)| ctx.project_row(rows_before + k + 1, p)).collect();
    let rounding_differs = ctx.fmt.rounding_differs(members().map(|p| p.plan), g.figures.plan)
        || ctx.fmt.rounding_differs(members().map(|p| p.ytd), g.figures.ytd)
        || ctx.fmt.rounding_differs(members().map(|p| p.month), g.figures.month);
    let section = Section {
        heading: format!("{}、{}（{}）", chinese_number(i + 1), g.name, ctx.fmt.count(g.figures.count)),
        subtotal: ctx.group_row(Some(Subject::Industry), &g.name, &g.figures),
        rows,
    };
    (section, rounding_differs)
}
