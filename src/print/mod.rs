//! Documents for paper: the monthly bulletin of every period, the handout of every meeting,
//! and the one-page project sheet they and the project page print; PDF export through a
//! headless Chromium ([`pdf`]). Each is an HTML page with CSS paged media (GB/T 9704), so
//! printing from the browser and the exported PDF are the same document.

mod bulletin;
mod handout;
pub mod pdf;
mod sheet;

pub use sheet::{Sheet, sheet};

use crate::figures::{PeriodFigures, ProjectFigures};
use crate::render::{Ctx, Page, project_curve_file};
use rayon::prelude::*;

/// Whether an output page is a document for paper, exported as PDF by `build --pdf`: the
/// bulletins, the handouts and the minutes. (Project pages print as one-pagers from the
/// browser; forty more PDFs would triple the export time.)
pub fn is_printed(path: &str) -> bool {
    let (folder, name) = path.split_once('/').unwrap_or(("", path));
    matches!(folder, "bulletins" | "handouts" | "meetings")
        && name.ends_with(".html")
        && name != "index.html"
        && !name.contains('/')
}

/// The S-curves the handouts' sheets show for periods other than the current one (the site
/// writes the current period's), each once.
fn sheet_charts<'a>(ctx: &Ctx<'a>) -> Vec<(&'a PeriodFigures, &'a ProjectFigures)> {
    let mut wanted = std::collections::BTreeSet::new();
    for meeting in 0..ctx.ds.meetings.len() {
        let pf = handout::period_of(ctx, meeting);
        if pf.period != ctx.current {
            for index in handout::projects_of(ctx, meeting).into_iter().filter(|&i| pf.project(i).is_some()) {
                wanted.insert((pf.period, index));
            }
        }
    }
    wanted
        .into_iter()
        .filter_map(|(period, index)| {
            let pf = ctx.all.iter().find(|p| p.period == period)?;
            Some((pf, pf.project(index)?))
        })
        .collect()
}

/// The bulletins of every period up to the current one and the handouts of every meeting.
pub fn documents(ctx: &Ctx) -> Result<Vec<Page>, String> {
    let periods: Vec<_> = ctx.all.iter().filter(|p| p.period <= ctx.current).collect();
    let mut pages: Vec<Page> =
        periods.par_iter().map(|pf| bulletin::page(&ctx.for_period(pf, "../"))).collect::<Result<_, _>>()?;
    let in_folder = ctx.at("../");
    let handouts: Result<Vec<Page>, String> =
        (0..ctx.ds.meetings.len()).into_par_iter().map(|i| handout::page(&in_folder, i)).collect();
    pages.extend(handouts?);
    pages.par_extend(sheet_charts(ctx).into_par_iter().map(|(pf, f)| project_curve_file(&ctx.for_period(pf, ""), f)));
    Ok(pages)
}
