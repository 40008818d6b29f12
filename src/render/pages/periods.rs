//! 归档: every period with a progress file, linking to its dashboard, ledger and rankings.

use super::super::views::Downloads;
use super::super::{Ctx, Page};
use serde::Serialize;

#[derive(Serialize)]
struct PeriodItem {
    label: String,
    as_of: String,
    current: bool,
    dashboard: String,
    ledger: String,
    rankings: String,
    bulletin: String,
    headline: String,
    downloads: Option<Downloads>,
}

#[derive(Serialize)]
struct Periods {
    periods: Vec<PeriodItem>,
}

/// `periods/index.html`; `ctx` stands in `periods/`.
pub fn page(ctx: &Ctx) -> Result<Page, String> {
    let periods = ctx
        .all
        .iter()
        .filter(|p| p.period <= ctx.current)
        .rev()
        .map(|p| {
            let current = p.period == ctx.current;
            let folder = if current { ctx.root.clone() } else { format!("{}/", p.period) };
            PeriodItem {
                label: p.period.chinese(),
                as_of: p.as_of.to_string(),
                current,
                dashboard: format!("{folder}index.html"),
                ledger: format!("{folder}ledger.html"),
                rankings: format!("{folder}rankings.html"),
                bulletin: format!("{}bulletins/{}.html", ctx.root, p.period),
                headline: ctx.fmt.headline("全县", &p.county, p.period),
                downloads: ctx.downloads(p.period),
            }
        })
        .collect();
    ctx.page("periods/index.html".into(), "periods.html", "periods", "历史期次归档".into(), &Periods { periods })
}
