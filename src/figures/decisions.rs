//! 议定事项 follow-up (督办) judged at a period's as_of date: status, overdue, warning colour,
//! follow-up rates per meeting and per unit.

use super::ratio::ratio;
use crate::model::{Dataset, Date, Decision, DecisionStatus, FollowUpKind};
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
    /// The deadline in force then (a 延期 entry's, or the meeting's).
    pub deadline: Option<Date>,
    /// Whether a 延期 entry moved the deadline by then.
    pub extended: bool,
    /// 催办 entries by then.
    pub urged: usize,
    /// The unit in charge then ([`Decision::lead_unit_at`]): the meeting's, the one a 退办
    /// was assigned to again, or none while it waits to be.
    pub lead_unit: Option<String>,
}

/// A follow-up rate: 已办结 ÷ all; and how many are overdue (逾期), the rest being 正在办理.
#[derive(Debug, Clone, Default)]
pub struct FollowUp {
    pub total: usize,
    pub closed: usize,
    pub overdue: usize,
    pub rate: Option<Decimal>,
}

impl FollowUp {
    fn add(&mut self, s: &DecisionState) {
        self.total += 1;
        self.closed += usize::from(s.status == DecisionStatus::Closed);
        self.overdue += usize::from(s.overdue);
        self.rate = ratio(Decimal::from(self.closed), Decimal::from(self.total));
    }

    /// 正在办理: neither closed nor overdue.
    pub fn in_progress(&self) -> usize {
        self.total - self.closed - self.overdue
    }

    /// `part` of the total as a fraction; `None` when there is none.
    pub fn share(&self, part: usize) -> Option<Decimal> {
        ratio(Decimal::from(part), Decimal::from(self.total))
    }
}

#[derive(Debug, Clone, Default)]
pub struct DecisionFigures {
    /// In meeting order, then decision order.
    pub states: Vec<DecisionState>,
    /// By meeting index.
    pub by_meeting: BTreeMap<usize, FollowUp>,
    /// By the unit in charge at the date (a returned decision by the unit it was assigned to
    /// again; one waiting to be assigned again under none).
    pub by_unit: BTreeMap<String, FollowUp>,
    /// The decisions returned by their unit (退办) and not yet assigned again.
    pub awaiting: FollowUp,
    /// Every decision of the meetings held by then.
    pub all: FollowUp,
}

/// How decision `di` of meeting `mi` stands on day `as_of`.
fn judge_one(mi: usize, di: usize, d: &Decision, as_of: Date) -> DecisionState {
    let status = match d.status {
        DecisionStatus::Closed if d.closed.is_some_and(|c| c > as_of) => DecisionStatus::InProgress,
        s => s,
    };
    let closed = status == DecisionStatus::Closed;
    let deadline = d.deadline_at(as_of);
    let overdue = !closed && deadline.is_some_and(|dl| dl < as_of);
    let alert = match (closed, overdue, deadline) {
        (true, _, _) => None,
        (_, true, _) => Some(Alert::Red),
        (_, _, Some(dl)) if dl.days_since(as_of) <= DUE_SOON_DAYS => Some(Alert::Yellow),
        _ => Some(Alert::Blue),
    };
    let extended = deadline != d.deadline;
    let urged = d.count_by(FollowUpKind::Urged, as_of);
    let lead_unit = d.lead_unit_at(as_of).map(str::to_string);
    DecisionState { meeting: mi, decision: di, status, overdue, alert, deadline, extended, urged, lead_unit }
}

/// The state of every decision of the meetings held by `as_of`.
fn states(ds: &Dataset, as_of: Date) -> Vec<DecisionState> {
    let held = ds.meetings.iter().enumerate().take_while(|(_, m)| m.front.date <= as_of);
    held.flat_map(|(mi, m)| m.front.decisions.iter().enumerate().map(move |(di, d)| judge_one(mi, di, d, as_of)))
        .collect()
}

/// Every decision of every meeting, arranged so that the open decisions of the meetings before
/// any day can be found without judging every decision again. A meeting's handout lists them,
/// and judging all decisions once per meeting grew with the square of the number of meetings
/// (6,300 decisions for each of 2,500 meetings in the 50k demo).
pub struct Docket {
    /// (meeting, decision), most overdue first: by deadline (none last), meeting, decision.
    by_deadline: Vec<(usize, usize)>,
    /// For each project (index into `Dataset::projects`), the positions in `by_deadline` of the
    /// decisions about it, ascending.
    by_project: Vec<Vec<usize>>,
    /// The day number of each decision's meeting, ascending.
    held: Vec<i64>,
    /// For each decision marked 已办结, the first day on which it no longer counts as open
    /// at a later meeting: the day after its meeting, or its 办结 date if that is later
    /// (a 已办结 decision without a date counts as closed from the start). Ascending.
    settled: Vec<i64>,
}

impl Docket {
    pub fn new(ds: &Dataset) -> Docket {
        let all = || {
            ds.meetings
                .iter()
                .enumerate()
                .flat_map(|(mi, m)| m.front.decisions.iter().enumerate().map(move |(di, d)| (mi, di, d)))
        };
        let day_of = |mi: usize| ds.meetings[mi].front.date.day_number();
        let mut by_deadline: Vec<(usize, usize)> = all().map(|(mi, di, _)| (mi, di)).collect();
        by_deadline.sort_by_key(|&(mi, di)| {
            let deadline = ds.meetings[mi].front.decisions[di].deadline;
            (deadline.is_none(), deadline, mi, di)
        });
        let mut by_project = vec![Vec::new(); ds.projects.len()];
        for (pos, &(mi, di)) in by_deadline.iter().enumerate() {
            for id in &ds.meetings[mi].front.decisions[di].projects {
                if let Some(project) = ds.index_of(id) {
                    by_project[project].push(pos);
                }
            }
        }
        let mut held: Vec<i64> = all().map(|(mi, _, _)| day_of(mi)).collect();
        held.sort_unstable();
        let mut settled: Vec<i64> = all()
            .filter(|(_, _, d)| d.status == DecisionStatus::Closed)
            .map(|(mi, _, d)| (day_of(mi) + 1).max(d.closed.map_or(i64::MIN, Date::day_number)))
            .collect();
        settled.sort_unstable();
        Docket { by_deadline, by_project, held, settled }
    }

    /// The decisions of the meetings held before `day` that are still open on it, judged on
    /// that day: at most `limit`, those about the projects `first` (indices into
    /// `Dataset::projects`) before the others, each most overdue first, listed in meeting
    /// order; and how many are open in all.
    pub fn open_before(&self, ds: &Dataset, day: Date, first: &[usize], limit: usize) -> (Vec<DecisionState>, usize) {
        let today = day.day_number();
        let total = self.held.partition_point(|&h| h < today) - self.settled.partition_point(|&s| s <= today);
        let judged = |pos: usize| {
            let (mi, di) = self.by_deadline[pos];
            let meeting = &ds.meetings[mi].front;
            let state = judge_one(mi, di, &meeting.decisions[di], day);
            (meeting.date < day && state.alert.is_some()).then_some(state)
        };
        let mut about: Vec<usize> =
            first.iter().flat_map(|&p| self.by_project.get(p).into_iter().flatten()).copied().collect();
        about.sort_unstable();
        about.dedup();
        let mut picked: Vec<DecisionState> = about.iter().filter_map(|&pos| judged(pos)).take(limit).collect();
        // The most overdue of the rest: a walk from the earliest deadline that stops at `limit`.
        let rest = (0..self.by_deadline.len()).filter(|pos| about.binary_search(pos).is_err());
        let room = limit - picked.len();
        picked.extend(rest.filter_map(judged).take(room));
        picked.sort_by_key(|s| (s.meeting, s.decision));
        (picked, total)
    }
}

impl DecisionFigures {
    /// The states of the decisions of meeting `index`.
    pub fn of_meeting(&self, index: usize) -> &[DecisionState] {
        let start = self.states.partition_point(|s| s.meeting < index);
        let end = self.states.partition_point(|s| s.meeting <= index);
        &self.states[start..end]
    }
}

/// The states and the follow-up rates per meeting and per lead unit.
pub fn judge(ds: &Dataset, as_of: Date) -> DecisionFigures {
    let mut out = DecisionFigures { states: states(ds, as_of), ..DecisionFigures::default() };
    for s in &out.states {
        out.all.add(s);
        out.by_meeting.entry(s.meeting).or_default().add(s);
        match &s.lead_unit {
            Some(unit) => out.by_unit.entry(unit.clone()).or_default().add(s),
            None => out.awaiting.add(s),
        }
    }
    out
}
