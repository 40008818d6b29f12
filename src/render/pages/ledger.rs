//! 台账: every project of the year in one table, grouped by industry with subtotal rows.

use super::super::views::{Downloads, GroupRow};
use super::super::{Ctx, Page, template_value};
use super::chinese_number;
use crate::figures::Group;
use crate::model::Subject;
use crate::print::columns::Measure;
use crate::render::months_span;
use serde::Serialize;
use tera::Value;

/// One industry's section of the ledger: its heading and subtotal row, and where its project
/// rows go (rendered already by `ledger_rows.html` on the page, `bulletin_ledger_rows.html` in
/// 附件1, and put there as a part of the page of their own, see [`splice`]).
#[derive(Serialize)]
struct Section<'a> {
    heading: &'a str,
    subtotal: &'a GroupRow,
    /// [`SPLICED`].
    rows_html: &'a str,
}

/// What the ledger templates show besides the sections: the total row, the filters' choices,
/// and where the sections go.
#[derive(Serialize)]
struct Ledger<'a> {
    total: GroupRow,
    /// The standard footnote when rounded rows do not add up to the rounded totals.
    rounding_note: bool,
    towns: &'a [String],
    natures: &'a [String],
    /// [`SPLICED`]: where the page shows the sections ([`Table::page`] puts them there).
    sections_html: &'a str,
    /// The period's workbook and CSV, from the ledger page.
    downloads: Option<Downloads>,
    /// The columns' shares of the line in 附件1 ([`crate::print::columns`]), when the ledger is
    /// made in its [`Form::Print`].
    print_columns: Option<Vec<String>>,
}

/// What the ledger templates output (with `| safe`) where HTML rendered before them goes: the
/// rows in `section.rows_html`, the sections in `ledger.sections_html`. The HTML, tens of MB in
/// a province, becomes a part of the page of its own in the marker's place ([`splice`]), instead
/// of being copied into a template value, from it into the output, and into one buffer.
const SPLICED: &str = "<!--tongbao:spliced-->";

/// The parts of `rendered` (what a template made with [`SPLICED`] as `variable`): what comes
/// before the marker, `html`'s parts in its place, and what comes after; `rendered` whole
/// where the template does not show the variable. `place` names the template for the error of
/// one that escaped the marker.
fn splice(mut rendered: Vec<u8>, html: Vec<Vec<u8>>, variable: &str, place: &str) -> Result<Vec<Vec<u8>>, String> {
    let found = |rendered: &[u8], marker: &str| rendered.windows(marker.len()).position(|w| w == marker.as_bytes());
    match found(&rendered, SPLICED) {
        Some(at) => {
            let after = rendered.split_off(at + SPLICED.len());
            rendered.truncate(at);
            Ok(std::iter::once(rendered).chain(html).chain([after]).collect())
        }
        None if found(&rendered, &SPLICED.replace('<', "&lt;").replace('>', "&gt;")).is_some() => {
            Err(format!("错误：{place}当作文字转义了\n  = 提示：写成 {{{{ {variable} | safe }}}}\n"))
        }
        None => Ok(vec![rendered]),
    }
}

/// The two forms of a period's ledger: on its ledger page, and as its bulletin's 附件1.
#[derive(Clone, Copy)]
pub enum Form {
    Screen,
    Print,
}

impl Form {
    /// The theme's templates of one section and of its rows, in this form.
    fn templates(self) -> (&'static str, &'static str) {
        match self {
            Form::Screen => ("ledger_section.html", "ledger_rows.html"),
            Form::Print => ("bulletin_ledger_section.html", "bulletin_ledger_rows.html"),
        }
    }
}

/// A period's ledger in one form: the template value `ledger`, and its sections, as parts.
pub struct Table {
    value: Value,
    sections: Vec<Vec<u8>>,
}

impl Table {
    /// The page that `render` makes with this table as `ledger`, its sections put in place.
    pub fn page(self, render: impl FnOnce(&Value) -> Result<Page, String>) -> Result<Page, String> {
        let page = render(&self.value)?;
        let place = format!("页面 {} 的模板把台账各节", page.path);
        let path = page.path.clone();
        let parts = splice(page.content(), self.sections, "ledger.sections_html", &place)?;
        Ok(Page { path, parts })
    }
}

/// The ledger page of the context's period at `path`.
pub fn page(ctx: &Ctx, path: String) -> Result<Page, String> {
    let [screen] = tables(ctx, [Form::Screen])?;
    screen.page(|ledger| page_with(ctx, path, ledger))
}

/// The ledger page of the context's period at `path`, showing `ledger` (from [`tables`]).
pub fn page_with(ctx: &Ctx, path: String, ledger: &Value) -> Result<Page, String> {
    let title = format!("{}重点项目台账", ctx.pf.period.chinese());
    ctx.page_sharing(path, "ledger.html", "ledger", title, &(), Some(("ledger", ledger)))
}

/// The ledger of the context's period, grouped by industry with subtotals, in each of `forms`
/// (both for a build, which shows it on the ledger page and in the bulletin; one for a page
/// that `serve` renders alone). Each section's rows are rendered by the row template of every
/// form (a few hundred at a time, see [`Ctx::rows_html`]), then the section by its templates:
/// the ledger is never held as template values, only as HTML. Links are relative to `ctx.root`
/// (the ledger page's; the bulletin prints none).
pub fn tables<const N: usize>(ctx: &Ctx, forms: [Form; N]) -> Result<[Table; N], String> {
    let pf = ctx.pf;
    let chrome = ctx.chrome("", "ledger", String::new());
    let templates = forms.map(Form::templates);
    let mut sections: [Vec<Vec<u8>>; N] = std::array::from_fn(|_| Vec::new());
    let mut rows_before = 0;
    let mut rounding_note = false;
    // 附件1's cells are measured for its column widths; the page's ledger needs none.
    let printed = forms.iter().any(|f| matches!(f, Form::Print));
    let mut measure = printed.then(|| Measure::projects(&months_span(pf.period)));
    let total = ctx.group_row(None, "合计", &pf.county);
    if let Some(m) = &mut measure {
        m.group(&format!("{}（{}）", total.name, total.count), &total);
    }
    for (i, g) in pf.groups_of(Subject::Industry).iter().enumerate() {
        let heading = format!("{}、{}（{}）", chinese_number(i + 1), g.name, ctx.fmt.count(g.figures.count));
        let subtotal = ctx.group_row(Some(Subject::Industry), &g.name, &g.figures);
        if let Some(m) = &mut measure {
            m.group(&heading, &subtotal);
        }
        let rows = g.members.iter().map(|&m| {
            rows_before += 1;
            let row = ctx.project_row(rows_before, &pf.projects[m]);
            if let Some(m) = &mut measure {
                m.project(&row);
            }
            row
        });
        let rows = ctx.rows_html(templates.map(|(_, rows)| rows), rows)?;
        rounding_note |= rounding_differs(ctx, g);
        // One value for every section template; each section's rows are spliced in after.
        let section = template_value(&Section { heading: &heading, subtotal: &subtotal, rows_html: SPLICED })?;
        for (((template, _), rows), out) in templates.iter().zip(rows).zip(&mut sections) {
            let mut rendered = Vec::new();
            ctx.theme.render_into(template, &chrome, &(), Some(("section", &section)), &mut rendered)?;
            let place = format!("模板 {template} 把本节的项目行");
            out.extend(splice(rendered, vec![rows.into_bytes()], "section.rows_html", &place)?);
        }
    }
    let names = |s: Subject| pf.groups_of(s).iter().map(|g| g.name.clone()).collect::<Vec<_>>();
    let (towns, natures) = (names(Subject::Town), names(Subject::Nature));
    let ledger = Ledger {
        total,
        rounding_note,
        towns: &towns,
        natures: &natures,
        sections_html: SPLICED,
        downloads: ctx.downloads(pf.period),
        print_columns: measure.map(|m| m.shares()),
    };
    let value = template_value(&ledger)?;
    Ok(sections.map(|sections| Table { value: value.clone(), sections }))
}

/// Whether the rounded rows of the industry group `g` fail to add up to its rounded subtotal.
fn rounding_differs(ctx: &Ctx, g: &Group) -> bool {
    let members = || g.members.iter().map(|&m| &ctx.pf.projects[m]);
    ctx.fmt.rounding_differs(members().map(|p| p.plan), g.figures.plan)
        || ctx.fmt.rounding_differs(members().map(|p| p.ytd), g.figures.ytd)
        || ctx.fmt.rounding_differs(members().map(|p| p.month), g.figures.month)
}
