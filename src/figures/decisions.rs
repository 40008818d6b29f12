//! 议定事项 follow-up (督办) judged at a period's as_of date: status, overdue, warning colour,
//! follow-up rates per meeting and per unit.

use super::ratio::ratio;
use crate::model::{Dataset, Date, DecisionStatus};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// 蓝 on time, 黄 due within 7 days, 红 overdue; none once closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alert {
    Blue,
    Yellow,
    Red,
}

impl Alert {
    pub fn label(self) -> &'static str {
        match self {
            Alert::Blue => "蓝",
            Alert::Yellow => "黄",
            Alert::Red => "红",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Alert::Blue => "blue",
            Alert::Yellow => "yellow",
            Alert::Red => "red",
        }
    }
}

/// Days before a deadline from which an open decision shows 黄.
pub const DUE_SOON_DAYS: i64 = 7;

#[derive(Debug, Clone)]
pub struct DecisionState {
    /// Index into `Dataset::meetings`.
    pub meeting: usize,
    /// Index into that meeting's decisions.
    pub decision: usize,
    /// The status as it stood at as_of (a later 办结 counts as 正在办理).
    pub status: DecisionStatus,
    pub overdue: bool,
    pub alert: Option<Alert>,
}

/// A follow-up rate: 已办结 ÷ all.
#[derive(Debug, Clone, Default)]
pub struct FollowUp {
    pub total: usize,
    pub closed: usize,
    pub rate: Option<Decimal>,
}

impl FollowUp {
    fn add(&mut self, closed: bool) {
        self.total += 1;
        self.closed += usize::from(closed);
        self.rate = ratio(Decimal::from(self.closed), Decimal::from(self.total));
    }
}

#[derive(Debug, Clone, Default)]
pub struct DecisionFigures {
    pub states: Vec<DecisionState>,
    /// By meeting index.
    pub by_meeting: BTreeMap<usize, FollowUp>,
    /// By lead unit.
    pub by_unit: BTreeMap<String, FollowUp>,
}

/// The state of every decision of the meetings held by `as_of`.
pub fn states(ds: &Dataset, as_of: Date) -> Vec<DecisionState> {
    let mut out = Vec::new();
    for (mi, meeting) in ds.meetings.iter().enumerate() {
        if meeting.front.date > as_of {
            continue;
        }
        for (di, d) in meeting.front.decisions.iter().enumerate() {
            let status = match d.status {
                DecisionStatus::Closed if d.closed.is_some_and(|c| c > as_of) => DecisionStatus::InProgress,
                s => s,
            };
            let closed = status == DecisionStatus::Closed;
            let overdue = !closed && d.deadline.is_some_and(|dl| dl < as_of);
            let alert = match (closed, overdue, d.deadline) {
                (true, _, _) => None,
                (_, true, _) => Some(Alert::Red),
                (_, _, Some(dl)) if dl.days_since(as_of) <= DUE_SOON_DAYS => Some(Alert::Yellow),
                _ => Some(Alert::Blue),
            };
            out.push(DecisionState { meeting: mi, decision: di, status, overdue, alert });
        }
    }
    out
}

/// The states and the follow-up rates per meeting and per lead unit.
pub fn judge(ds: &Dataset, as_of: Date) -> DecisionFigures {
    let mut out = DecisionFigures { states: states(ds, as_of), ..DecisionFigures::default() };
    for s in &out.states {
        let closed = s.status == DecisionStatus::Closed;
        out.by_meeting.entry(s.meeting).or_default().add(closed);
        let unit = &ds.meetings[s.meeting].front.decisions[s.decision].lead_unit;
        out.by_unit.entry(unit.clone()).or_default().add(closed);
    }
    out
}
