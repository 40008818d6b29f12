//! 问题: the period's blockers in three parts: 本期新增, 推进中 (open), 已销号 (resolved this period).

use super::super::Ctx;
use super::super::views::BlockerRow;
use serde::Serialize;

#[derive(Serialize)]
struct Blockers {
    new: Vec<BlockerRow>,
    open: Vec<BlockerRow>,
    resolved: Vec<BlockerRow>,
    overdue: usize,
}

pub fn page(ctx: &Ctx) -> Result<super::super::Page, String> {
    let pf = ctx.pf;
    let rows = |keep: fn(&crate::figures::BlockerState) -> bool| {
        pf.blockers.iter().filter(|b| keep(b)).map(|b| ctx.blocker_row(b)).collect()
    };
    let body = Blockers {
        new: rows(|b| b.new),
        open: rows(|b| b.open),
        resolved: rows(|b| b.resolved_in_period),
        overdue: pf.blockers.iter().filter(|b| b.overdue).count(),
    };
    ctx.page("issues.html".into(), "issues.html", "issues", format!("{}问题清单", pf.period.chinese()), &body)
}
