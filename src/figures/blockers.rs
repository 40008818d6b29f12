//! 卡点/堵点/难点 judged at a period's as_of date: new, open, resolved, overdue, age.

use crate::model::{Dataset, Date, Month};

#[derive(Debug, Clone)]
pub struct BlockerState {
    /// Index into `Dataset::projects`.
    pub project: usize,
    /// Index into that project's `issues`.
    pub blocker: usize,
    /// 本期新增: raised in the period.
    pub new: bool,
    /// Not 销号 at as_of.
    pub open: bool,
    /// 已销号 in the period.
    pub resolved_in_period: bool,
    /// Open and past its deadline at as_of.
    pub overdue: bool,
    /// as_of − raised, in days.
    pub age_days: i64,
}

/// Every blocker raised by `as_of`, in project order.
pub fn judge(ds: &Dataset, period: Month, as_of: Date) -> Vec<BlockerState> {
    let mut out = Vec::new();
    for (pi, project) in ds.projects.iter().enumerate() {
        for (bi, b) in project.issues.iter().enumerate() {
            if b.raised > as_of {
                continue;
            }
            let resolved = b.resolved.filter(|r| *r <= as_of);
            let open = resolved.is_none();
            out.push(BlockerState {
                project: pi,
                blocker: bi,
                new: period.contains(b.raised),
                open,
                resolved_in_period: resolved.is_some_and(|r| period.contains(r)),
                overdue: open && b.deadline.is_some_and(|d| d < as_of),
                age_days: as_of.days_since(b.raised),
            });
        }
    }
    out
}
