//! 问题: the period's blockers in three parts: 本期新增, 推进中 (open), 已销号 (resolved this period).

use super::super::Ctx;
use super::{RowList, blocker_list};
use serde::Serialize;

#[derive(Serialize)]
struct Blockers {
    new: RowList,
    open: RowList,
    resolved: RowList,
    overdue: usize,
}

pub fn page(ctx: &Ctx, path: &str) -> Result<super::super::Page, String> {
    let pf = ctx.pf;
    let list = |keep: fn(&crate::figures::BlockerState) -> bool, resolved| {
        blocker_list(ctx, pf.blockers.iter().filter(|b| keep(b)), resolved)
    };
    let body = Blockers {
        new: list(|b| b.new, false)?,
        open: list(|b| b.open, false)?,
        resolved: list(|b| b.resolved_in_period, true)?,
        overdue: pf.blockers.iter().filter(|b| b.overdue).count(),
    };
    ctx.page(path.into(), "issues.html", "issues", format!("{}问题清单", pf.period.chinese()), &body)
}
