//! Documents for paper: the monthly bulletin of every period, the handout of every meeting,
//! and the one-page project sheet they and the project page print; PDF export through a
//! headless Chromium ([`pdf`]). Each is an HTML page with CSS paged media (GB/T 9704), so
//! printing from the browser and the exported PDF are the same document.

mod bulletin;
pub(crate) mod columns;
pub(crate) mod handout;
pub mod pdf;
mod sheet;
mod supervision;
mod title;

pub use title::title_html;

pub use sheet::{Sheet, sheet};

pub use bulletin::page as bulletin;

use crate::figures::Docket;
use crate::render::{self, Ctx, Page, Sink};
use rayon::prelude::*;

/// The document at `path` (from the site root), rendered alone, for `tongbao serve`.
pub fn one(ctx: &Ctx, path: &str) -> Option<Result<Page, String>> {
    if path == "supervision.html" {
        return supervision::one(ctx, path);
    }
    let (folder, file) = path.split_once('/')?;
    let stem = file.strip_suffix(".html")?;
    match folder {
        "bulletins" => {
            let pf = ctx.all.iter().find(|p| p.period.to_string() == stem && p.period <= ctx.current)?;
            let in_folder = ctx.for_period(pf, "../");
            let page = |[print]: [render::ledger::Table; 1]| print.page(|ledger| bulletin::page(&in_folder, ledger));
            Some(render::ledger::tables(&in_folder, [render::ledger::Form::Print]).and_then(page))
        }
        supervision::FOLDER => supervision::one(ctx, path),
        "handouts" => {
            let index = ctx.ds.meetings.iter().position(|m| m.stem == stem)?;
            let in_folder = ctx.at("../");
            let rankings = handout::rankings(&in_folder.for_period(handout::period_of(ctx, index), "../"));
            Some(handout::page(&in_folder, &Docket::new(ctx.ds), index, &rankings))
        }
        _ => None,
    }
}

/// Whether an output page is a document for paper, exported as PDF by `build --pdf`: the
/// bulletins, the handouts, the minutes and the 督办 forms. (Project pages print as one-pagers from the
/// browser; forty more PDFs would triple the export time.)
pub fn is_printed(path: &str) -> bool {
    let (folder, name) = path.split_once('/').unwrap_or(("", path));
    matches!(folder, "bulletins" | "handouts" | "meetings" | supervision::FOLDER)
        && name.ends_with(".html")
        && name != "index.html"
        && !name.contains('/')
}

pub use supervision::all as supervision;

/// The handouts of every meeting, into `sink`. (The bulletins are rendered with their
/// period's ledger: `render::render_ledgers`.)
pub fn handouts(ctx: &Ctx, sink: &Sink) -> Result<(), String> {
    let in_folder = ctx.at("../");
    let docket = Docket::new(ctx.ds);
    // The rankings of each period a handout uses, built once and shared.
    let used: std::collections::BTreeSet<crate::model::Month> =
        (0..ctx.ds.meetings.len()).map(|i| handout::period_of(ctx, i).period).collect();
    let rankings: std::collections::BTreeMap<_, _> = used
        .into_par_iter()
        .filter_map(|period| ctx.all.iter().find(|p| p.period == period))
        .map(|pf| (pf.period, handout::rankings(&in_folder.for_period(pf, "../"))))
        .collect();
    (0..ctx.ds.meetings.len()).into_par_iter().try_for_each(|i| {
        let period = handout::period_of(ctx, i).period;
        sink(handout::page(&in_folder, &docket, i, rankings.get(&period).map_or(&[], Vec::as_slice))?)
    })
}
