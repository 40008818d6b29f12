//! Stage 4, render: the theme's tera templates filled with page contexts built from figures.
//!
//! Every page gets the same chrome (organization, period, navigation, cut-off date) and a body
//! of display-ready values from [`views`]. Pages render in parallel; the result is a list of
//! files for `output` to write.

pub(crate) mod format;
mod markdown;
mod pages;
mod search;
mod theme;
pub(crate) mod views;

pub use format::{Formatter, months_span};
pub use markdown::to_html as markdown_to_html;
pub(crate) use pages::charts::{ChartView, project_curve, s_curve};
pub(crate) use pages::{chinese_number, contest, ledger, rankings, warnings};
pub use theme::{Theme, export as export_theme};

use crate::figures::PeriodFigures;
use crate::model::{Dataset, Month};
use serde::Serialize;
use std::sync::atomic::AtomicU64;
use tera::{Context, Value};

impl Theme {
    fn render<T: Serialize>(
        &self,
        template: &str,
        chrome: &Chrome,
        body: &T,
        shared: Option<Shared>,
    ) -> Result<Vec<u8>, String> {
        let room = self.largest.lock().ok().and_then(|l| l.get(template).copied()).unwrap_or(16 * 1024);
        let mut out = Vec::with_capacity(room);
        self.render_into(template, chrome, body, shared, &mut out)?;
        if out.len() > room
            && let Ok(mut largest) = self.largest.lock()
        {
            let seen = largest.entry(template.to_string()).or_default();
            *seen = (*seen).max(out.len());
        }
        Ok(out)
    }

    /// Renders `template` with `chrome` as `c`, `body` as `p` and the `shared` value, adding
    /// the result to `out`.
    fn render_into<T: Serialize>(
        &self,
        template: &str,
        chrome: &Chrome,
        body: &T,
        shared: Option<Shared>,
        out: &mut Vec<u8>,
    ) -> Result<(), String> {
        let mut context = Context::new();
        context.insert("c", chrome);
        context.insert("p", body);
        if let Some((name, value)) = shared {
            context.insert_value(name, value.clone());
        }
        self.tera.render_to(template, &context, out).map_err(|e| format!("错误：渲染 {template} 失败\n{e}\n"))
    }

    /// Renders the row template `template` with `rows` and nothing else, adding the result to
    /// `out`.
    fn render_rows(&self, template: &str, rows: &Value, out: &mut Vec<u8>) -> Result<(), String> {
        let mut context = Context::new();
        context.insert_value("rows", rows.clone());
        self.tera.render_to(template, &context, out).map_err(|e| format!("错误：渲染 {template} 失败\n{e}\n"))
    }
}

/// A template value given to a page under its own name besides the body (a period's ledger,
/// built once for its ledger page and its bulletin). Cloning it only counts a reference.
pub type Shared<'v> = (&'static str, &'v Value);

/// Where rendered files go as soon as they are made (the output stage writes them), so that a
/// large site is never held in memory whole.
pub type Sink<'s> = dyn Fn(Page) -> Result<(), String> + Sync + 's;

/// One output file: its path under the output folder and its content (UTF-8, as the
/// templates wrote it: kept as bytes so that megabytes of HTML are not validated again), in
/// the parts it was made of. Most pages are one part; a ledger page and a bulletin are their
/// template's output with the ledger's sections in between, tens of MB in a province, written
/// one part after another instead of first copied into one buffer.
#[derive(Debug)]
pub struct Page {
    pub path: String,
    pub parts: Vec<Vec<u8>>,
}

impl Page {
    /// A page of one part.
    pub fn new(path: String, content: Vec<u8>) -> Page {
        Page { path, parts: vec![content] }
    }

    /// The page's bytes in one buffer.
    pub fn content(mut self) -> Vec<u8> {
        if self.parts.len() == 1 { self.parts.remove(0) } else { self.parts.concat() }
    }
}

#[derive(Debug, Clone, Serialize)]
struct NavItem {
    label: &'static str,
    href: String,
    active: bool,
}

/// What every page shows around its body.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    /// The path from the page to the site root: "", "../" or "../../".
    root: String,
    site_title: String,
    organization: String,
    page_title: String,
    /// "2026年10月"
    period_label: String,
    /// "1-10月", the span of the cumulative figures.
    months_label: String,
    as_of: String,
    /// Set on the archive's pages of an earlier period.
    archive: bool,
    current_period_label: String,
    nav: Vec<NavItem>,
    /// Printed page numbers centred instead of at the outer side.
    centred_page_numbers: bool,
    /// The page's PDF beside it (its file name), when the build exports one.
    pdf: Option<String>,
}

/// The top-level pages, as (key, label, path from the root).
const NAV: [(&str, &str, &str); 10] = [
    ("index", "总览", "index.html"),
    ("ledger", "台账", "ledger.html"),
    ("groups", "分组", "groups/industry.html"),
    ("rankings", "排名", "rankings.html"),
    ("warnings", "亮灯", "warnings.html"),
    ("issues", "问题", "issues.html"),
    ("meetings", "会议", "meetings/index.html"),
    ("decisions", "督办", "decisions.html"),
    ("supervision", "督查", "supervision.html"),
    ("periods", "归档", "periods/index.html"),
];

/// What a page builder needs: the data, the period's figures, the formatter, and where the page
/// stands relative to the site root.
pub struct Ctx<'a> {
    pub ds: &'a Dataset,
    pub all: &'a [PeriodFigures],
    pub pf: &'a PeriodFigures,
    pub fmt: &'a Formatter,
    pub theme: &'a Theme,
    pub root: String,
    pub current: Month,
    /// Where the time spent drawing charts is added up (nanoseconds), when someone asks.
    chart_clock: Option<&'a AtomicU64>,
    /// Whether the build exports the documents as PDF (`build --pdf`): they link to them.
    exports_pdf: bool,
    /// Whether the build writes the downloads (workbooks and CSV): the pages link to them.
    writes_downloads: bool,
}

/// How many rows of a long table are turned into template values at a time by
/// [`Ctx::rows_html`]: a few hundred KB of values, which every row template reads while they
/// are still in the core's cache. A whole section of a 50k ledger (6,000 rows, 12 MB of
/// values) is not, and cost half as much again per row.
const ROWS_AT_ONCE: usize = 256;

/// `value` as a template value, given to templates by reference (see [`Shared`]).
pub(crate) fn template_value<T: Serialize>(value: &T) -> Result<Value, String> {
    Value::try_from_serializable(value).map_err(|e| format!("错误：无法准备模板数据：{e}\n"))
}

impl<'a> Ctx<'a> {
    /// `rows` as HTML, rendered by each of the theme's `templates` (which get them as `rows`,
    /// and nothing else): one string per template. The rows are turned into template values
    /// [`ROWS_AT_ONCE`] at a time, so that a long table (a province's ledger, its list of yellow
    /// lights) is never held whole as template values.
    pub(crate) fn rows_html<T: Serialize, const N: usize>(
        &self,
        templates: [&str; N],
        rows: impl IntoIterator<Item = T>,
    ) -> Result<[String; N], String> {
        let mut html: [Vec<u8>; N] = std::array::from_fn(|_| Vec::new());
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let batch: Vec<T> = rows.by_ref().take(ROWS_AT_ONCE).collect();
            // Turned into template values once, given to every template by reference.
            let batch = template_value(&batch)?;
            for (template, out) in templates.iter().zip(&mut html) {
                self.theme.render_rows(template, &batch, out)?;
            }
        }
        let mut text: [String; N] = std::array::from_fn(|_| String::new());
        for (text, html) in text.iter_mut().zip(html) {
            *text = String::from_utf8(html).map_err(|_| "错误：表格模板的输出不是 UTF-8\n".to_string())?;
        }
        Ok(text)
    }

    /// The same context for a page at another depth.
    pub(crate) fn at(&self, root: &str) -> Ctx<'a> {
        Ctx { root: root.to_string(), ..*self }
    }

    fn chrome(&self, path: &str, active: &str, page_title: String) -> Chrome {
        let cfg = &self.ds.config;
        Chrome {
            root: self.root.clone(),
            site_title: cfg.site.title.clone(),
            organization: cfg.site.organization.clone(),
            page_title,
            period_label: self.pf.period.chinese(),
            months_label: format::months_span(self.pf.period),
            as_of: self.pf.as_of.chinese(),
            archive: self.pf.period != self.current,
            current_period_label: self.current.chinese(),
            centred_page_numbers: cfg
                .bulletin
                .as_ref()
                .is_some_and(|b| b.page_numbers == crate::model::PageNumbers::Center),
            pdf: (self.exports_pdf && crate::print::is_printed(path))
                .then(|| path.rsplit('/').next().unwrap_or(path).replace(".html", ".pdf")),
            nav: NAV
                .iter()
                .map(|(key, label, href)| NavItem {
                    label,
                    href: format!("{}{href}", self.root),
                    active: *key == active,
                })
                .collect(),
        }
    }

    pub(crate) fn page<T: Serialize>(
        &self,
        path: String,
        template: &str,
        active: &str,
        title: String,
        body: &T,
    ) -> Result<Page, String> {
        self.page_sharing(path, template, active, title, body, None)
    }

    /// [`Ctx::page`] with a [`Shared`] value besides the body.
    pub(crate) fn page_sharing<T: Serialize>(
        &self,
        path: String,
        template: &str,
        active: &str,
        title: String,
        body: &T,
        shared: Option<Shared>,
    ) -> Result<Page, String> {
        let chrome = self.chrome(&path, active, title);
        Ok(Page::new(path, self.theme.render(template, &chrome, body, shared)?))
    }
}

impl<'a> Ctx<'a> {
    /// The context of the site's root pages for period `current`.
    pub fn new(
        ds: &'a Dataset,
        all: &'a [PeriodFigures],
        current: Month,
        fmt: &'a Formatter,
        theme: &'a Theme,
    ) -> Result<Ctx<'a>, String> {
        let pf = all.iter().find(|p| p.period == current).ok_or_else(|| format!("错误：没有 {current} 的指标\n"))?;
        Ok(Ctx {
            ds,
            all,
            pf,
            fmt,
            theme,
            root: String::new(),
            current,
            chart_clock: None,
            exports_pdf: false,
            writes_downloads: true,
        })
    }

    /// The same context, adding the time charts take to draw to `clock` (for `--timings`).
    pub fn timing_charts(self, clock: &'a AtomicU64) -> Ctx<'a> {
        Ctx { chart_clock: Some(clock), ..self }
    }

    /// Whether the build exports the documents as PDF.
    pub(crate) fn exports_pdf(&self) -> bool {
        self.exports_pdf
    }

    /// The same context for a build that exports the documents as PDF.
    pub fn exporting_pdf(self, exports_pdf: bool) -> Ctx<'a> {
        Ctx { exports_pdf, ..self }
    }

    /// Whether the build writes every period's workbook and CSV.
    pub(crate) fn writes_downloads(&self) -> bool {
        self.writes_downloads
    }

    /// The same context for a build that writes the downloads, or (`false`) one that does not.
    pub fn writing_downloads(self, writes_downloads: bool) -> Ctx<'a> {
        Ctx { writes_downloads, ..self }
    }

    /// Draws a chart with `draw`, timed on the chart clock if there is one.
    pub(crate) fn draw(&self, draw: impl FnOnce() -> String) -> String {
        let started = std::time::Instant::now();
        let svg = draw();
        if let Some(clock) = self.chart_clock {
            let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            clock.fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
        }
        svg
    }

    /// The same context for another period, at another depth.
    pub(crate) fn for_period(&self, pf: &'a PeriodFigures, root: &str) -> Ctx<'a> {
        Ctx { pf, root: root.to_string(), ..*self }
    }
}

/// The page at `path` (from the site root), rendered alone; `None` when the site has none.
pub fn render_one(ctx: &Ctx, path: &str) -> Option<Result<Page, String>> {
    pages::one(ctx, path)
}

/// Renders the ledger page of every period up to the context's (`ledger.html`, then
/// `periods/<YYYY-MM>/ledger.html`) and gives each period's ledger, built once, to `bulletin`
/// with the context of `bulletins/`: the largest table of a period is in both, as 附件1 in the
/// bulletin.
///
/// One period after another, on one core, so that only one period's ledger is held at a time;
/// the caller renders the other pages beside this on the other cores.
pub fn render_ledgers(
    ctx: &Ctx,
    sink: &Sink,
    bulletin: &(dyn Fn(&Ctx, &Value) -> Result<Page, String> + Sync),
) -> Result<(), String> {
    let periods = ctx.all.iter().filter(|p| p.period <= ctx.current);
    periods.into_iter().try_for_each(|pf| {
        let (page, path) = if pf.period == ctx.current {
            (ctx.for_period(pf, ""), "ledger.html".to_string())
        } else {
            (ctx.for_period(pf, "../../"), format!("periods/{}/ledger.html", pf.period))
        };
        let [screen, print] = ledger::tables(&page, [ledger::Form::Screen, ledger::Form::Print])?;
        sink(screen.page(|ledger| ledger::page_with(&page, path, ledger))?)?;
        sink(print.page(|ledger| bulletin(&ctx.for_period(pf, "../"), ledger))?)
    })
}

/// Renders every page of the site for the context's period, plus the archive of earlier
/// periods, into `sink`: all but the ledgers ([`render_ledgers`]).
pub fn render_site(ctx: &Ctx, sink: &Sink) -> Result<(), String> {
    use rayon::prelude::*;
    let earlier: Vec<&PeriodFigures> = ctx.all.iter().filter(|p| p.period < ctx.current).collect();
    // Side by side, so that a core waiting at the end of one batch of pages takes up the other.
    let (current, archive) = rayon::join(
        || pages::current(ctx, sink),
        || earlier.par_iter().try_for_each(|pf| pages::archive(&ctx.for_period(pf, "../../"), sink)),
    );
    current.and(archive)
}
