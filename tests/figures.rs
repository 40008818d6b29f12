//! The rules of rules.md on the `mini` fixture, every expected number computed by hand in the
//! comment beside it.

mod common;

use rust_decimal::Decimal;
use std::str::FromStr;
use tongbao::figures::{self, Alert, Light, MilestoneState, PeriodFigures, Status};
use tongbao::model::{DecisionStatus, Month, Subject, TimeProgressMode, Wan};
use tongbao::render::Formatter;

fn wan(s: &str) -> Wan {
    Wan::from_str(s).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn period(all: &[PeriodFigures], month: u32) -> &PeriodFigures {
    all.iter().find(|p| p.period == Month { year: 2026, month }).unwrap()
}

fn setup() -> (tongbao::model::Dataset, Vec<PeriodFigures>) {
    let ds = common::dataset(&common::fixture("mini"));
    let all = figures::compute_all(&ds);
    (ds, all)
}

/// Index of a project in the dataset (projects are sorted by id: T-1, T-2, T-3, T-4).
fn idx(id: &str) -> usize {
    ["T-1", "T-2", "T-3", "T-4"].iter().position(|x| *x == id).unwrap()
}

#[test]
fn only_projects_listed_for_the_year_count() {
    let (_, all) = setup();
    let march = period(&all, 3);
    // T-4 has only years.2025.
    assert_eq!(march.projects.iter().map(|p| p.index).collect::<Vec<_>>(), vec![0, 1, 2]);
    assert_eq!(march.county.count, 3);
}

#[test]
fn project_figures_in_march() {
    let (ds, all) = setup();
    let fmt = Formatter::new(&ds.config);
    let march = period(&all, 3);
    let t1 = march.project(idx("T-1")).unwrap();
    assert_eq!(t1.ytd, wan("280"));
    assert_eq!(t1.month, wan("130")); // 280 − 150
    assert_eq!(fmt.percent(t1.rate), "23.3%"); // 280 / 1200
    assert_eq!(fmt.percent(Some(t1.time_progress)), "25.0%"); // 3 / 12
    assert_eq!(t1.deviation_pp, Some(d("-1.7"))); // 23.3 − 25.0
    assert_eq!(t1.status, Status::Behind);
    assert_eq!(t1.light, Some(Light::Green)); // −1.7 > −10
    assert_eq!(t1.since_start, Some(wan("780"))); // 500 + 280
    assert_eq!(fmt.percent(t1.share_of_total), "26.0%"); // 780 / 3000
    let months = |p: &tongbao::figures::ProjectFigures| -> Vec<(Wan, Option<String>)> {
        p.by_month().iter().map(|m| (m.ytd, m.progress.as_deref().map(str::to_string))).collect()
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        months(t1),
        vec![(wan("60"), some("场平")), (wan("150"), some("基础施工")), (wan("280"), some("主体施工"))]
    );
    // due 03-15, not done by 03-31
    assert_eq!(t1.milestones, vec![MilestoneState::Overdue]);

    let t2 = march.project(idx("T-2")).unwrap();
    assert_eq!(t2.month, wan("60")); // 90 − 30 (February fell back to January's 30)
    // February's file has no entry: its ytd is January's, and it has no 形象进度 of its own.
    assert_eq!(months(t2), vec![(wan("30"), some("开工")), (wan("30"), None), (wan("90"), some("路基施工"))]);
    assert_eq!(t2.deviation_pp, Some(d("-10.0"))); // 15.0 − 25.0
    assert_eq!(t2.light, Some(Light::Yellow)); // ≤ −10 is yellow, not red
}

#[test]
fn plan_of_zero_shows_a_dash_never_zero_percent() {
    let (ds, all) = setup();
    let fmt = Formatter::new(&ds.config);
    let t3 = period(&all, 3).project(idx("T-3")).unwrap();
    assert_eq!(t3.rate, None);
    assert_eq!(fmt.percent(t3.rate), "—");
    assert_eq!(fmt.deviation(t3.deviation_pp), "—");
    assert_eq!(t3.status, Status::NotApplicable);
    assert_eq!(t3.light, None);
}

#[test]
fn a_project_missing_from_a_month_keeps_its_last_value_flagged() {
    let (_, all) = setup();
    let feb = period(&all, 2);
    let t2 = feb.project(idx("T-2")).unwrap();
    assert!(!t2.reported);
    assert_eq!(t2.ytd, wan("30")); // January's value
    assert_eq!(t2.month, wan("0"));
    assert!(feb.project(idx("T-1")).unwrap().reported);
}

#[test]
fn january_month_is_the_ytd_and_december_benchmark_is_full() {
    let (_, all) = setup();
    let jan = period(&all, 1).project(idx("T-1")).unwrap();
    assert_eq!(jan.month, wan("60"));
    assert_eq!(jan.deviation_pp, Some(d("-3.3"))); // 5.0 − 8.3
    let dec = period(&all, 12);
    let t1 = dec.project(idx("T-1")).unwrap();
    assert_eq!(t1.time_progress, Decimal::ONE);
    assert_eq!(t1.month, wan("230")); // 1230 − 1000
    assert_eq!(t1.deviation_pp, Some(d("2.5"))); // 102.5 − 100.0
    assert_eq!(t1.status, Status::Ahead);
    assert_eq!(dec.project(idx("T-2")).unwrap().deviation_pp, Some(d("-20.0"))); // 80.0 − 100.0
}

#[test]
fn county_aggregate_is_a_rate_of_sums() {
    let (ds, all) = setup();
    let fmt = Formatter::new(&ds.config);
    let c = &period(&all, 3).county;
    assert_eq!(c.total_investment, wan("4800")); // 3000 + 1000 + 800
    assert_eq!(c.plan, wan("1800"));
    assert_eq!(c.ytd, wan("370"));
    assert_eq!(fmt.percent(c.rate), "20.6%"); // 370 / 1800 = 20.56 (the mean of rates would be 19.2)
    assert_eq!(c.deviation_pp, Some(d("-4.4"))); // 20.6 − 25.0
    assert_eq!((c.new_starts, c.new_started), (1, 1));
    assert_eq!(fmt.percent(c.start_rate), "100.0%");
    assert_eq!((c.red, c.yellow, c.green), (0, 1, 1));
    assert_eq!(
        fmt.headline("全县", c, Month { year: 2026, month: 3 }),
        "全县3个重点项目总投资4800万元，年度计划投资1800万元，1-3月累计完成投资370万元，完成率20.6%，低于序时进度4.4个百分点。新开工项目1个，已开工1个，开工率100.0%。"
    );
}

#[test]
fn time_progress_in_plan_mode() {
    let (mut ds, _) = setup();
    ds.config.report.time_progress = TimeProgressMode::Plan;
    let all = figures::compute_all(&ds);
    let march = period(&all, 3);
    let t1 = march.project(idx("T-1")).unwrap();
    assert_eq!(t1.time_progress, d("0.3")); // monthly_plan[3] 360 / 1200
    assert_eq!(t1.deviation_pp, Some(d("-6.7"))); // 23.3 − 30.0
    // T-2 has no monthly plan: N / 12.
    assert_eq!(march.project(idx("T-2")).unwrap().deviation_pp, Some(d("-10.0")));
    // County: (360 + 600·3/12 + 0) / 1800 = 510 / 1800 = 28.3%; 20.6 − 28.3 = −7.7
    assert_eq!(march.county.deviation_pp, Some(d("-7.7")));
}

#[test]
fn light_streaks_count_consecutive_periods_of_the_same_colour() {
    let (_, all) = setup();
    let streak = |m| {
        let p = period(&all, m).project(idx("T-2")).unwrap();
        (p.light, p.light_streak)
    };
    assert_eq!(streak(1), (Some(Light::Green), 0)); // 5.0 − 8.3 = −3.3
    assert_eq!(streak(2), (Some(Light::Yellow), 1)); // 5.0 − 16.7 = −11.7
    assert_eq!(streak(3), (Some(Light::Yellow), 2));
    assert_eq!(streak(11), (Some(Light::Yellow), 3)); // 66.7 − 91.7 = −25.0
    assert_eq!(streak(12), (Some(Light::Yellow), 4));
}

#[test]
fn rankings_break_ties_mark_the_bottom_and_count_streaks() {
    let (_, all) = setup();
    let units = |m| {
        let r = &period(&all, m).rankings[0];
        r.rows.iter().map(|x| (x.rank, x.name.clone(), x.bottom, x.change, x.bottom_streak)).collect::<Vec<_>>()
    };
    // January: 甲局 60/1200 = 5% ties 乙局 30/600 = 5%; the larger plan (甲局) comes first.
    assert_eq!(units(1), vec![(1, "甲局".into(), true, None, 1), (2, "乙局".into(), false, None, 0)]);
    // February: 甲局 12.5%, 乙局 5% → 乙局 worst: up from 2nd to 1st.
    assert_eq!(units(2), vec![(1, "乙局".into(), true, Some(1), 1), (2, "甲局".into(), false, Some(-1), 0)]);
    // March: 甲局 23.3%, 乙局 15% → 乙局 stays at the bottom, two months running.
    assert_eq!(units(3), vec![(1, "乙局".into(), true, Some(0), 2), (2, "甲局".into(), false, Some(0), 0)]);
    assert_eq!(figures::change_label(Some(1)), "↑1");
    assert_eq!(figures::change_label(Some(-2)), "↓2");
    assert_eq!(figures::change_label(Some(0)), "—");
}

#[test]
fn a_project_with_several_leaders_counts_for_each() {
    let (ds, all) = setup();
    let fmt = Formatter::new(&ds.config);
    let march = period(&all, 3);
    let leaders = march.groups_of(Subject::Leader);
    // 张三: T-1 + T-3 = 280 / 1200; 李四: T-1 + T-2 = 370 / 1800.
    let rates: Vec<(String, String)> = leaders.iter().map(|g| (g.name.clone(), fmt.percent(g.figures.rate))).collect();
    assert_eq!(rates, vec![("张三".into(), "23.3%".into()), ("李四".into(), "20.6%".into())]);
    let r = &march.rankings[1];
    assert_eq!(
        r.rows.iter().map(|x| (x.name.as_str(), x.bottom)).collect::<Vec<_>>(),
        vec![("张三", false), ("李四", true)]
    );
}

#[test]
fn blockers_are_judged_at_each_periods_as_of() {
    let (_, all) = setup();
    let feb = &period(&all, 2).blockers;
    assert_eq!(feb.len(), 1); // #2 is raised after 02-28
    assert!(feb[0].open && feb[0].overdue && !feb[0].new);
    assert_eq!(feb[0].age_days, 49); // 01-10 → 02-28
    let march = &period(&all, 3).blockers;
    assert_eq!(march.len(), 2);
    assert!(!march[0].open && march[0].resolved_in_period && !march[0].overdue);
    assert!(march[1].open && march[1].new && !march[1].overdue);
    assert_eq!(march[1].age_days, 11); // 03-20 → 03-31
}

#[test]
fn decisions_are_judged_at_each_periods_as_of() {
    let (_, all) = setup();
    let state =
        |m: u32| period(&all, m).decisions.states.iter().map(|s| (s.status, s.overdue, s.alert)).collect::<Vec<_>>();
    // 02-28: no.1 closed later (03-10) so still in progress, due 03-01 → within 7 days;
    // no.2 past its deadline; no.3 far off.
    assert_eq!(
        state(2),
        vec![
            (DecisionStatus::InProgress, false, Some(Alert::Yellow)),
            (DecisionStatus::InProgress, true, Some(Alert::Red)),
            (DecisionStatus::NotStarted, false, Some(Alert::Blue)),
        ]
    );
    assert_eq!(state(3)[0], (DecisionStatus::Closed, false, None));
    let follow = &period(&all, 3).decisions;
    assert_eq!((follow.by_meeting[&0].closed, follow.by_meeting[&0].total), (1, 3));
    assert_eq!((follow.by_unit["甲局"].closed, follow.by_unit["甲局"].total), (1, 2));
    assert_eq!(period(&all, 2).decisions.by_meeting[&0].closed, 0);
}

#[test]
fn a_handout_finds_the_open_decisions_of_earlier_meetings_on_its_day() {
    let (ds, _) = setup();
    let docket = figures::Docket::new(&ds);
    let on = |day: &str, first: &[usize], limit: usize| {
        let (open, total) = docket.open_before(&ds, day.parse().unwrap(), first, limit);
        (open.iter().map(|s| (s.decision + 1, s.alert)).collect::<Vec<_>>(), total)
    };
    // The meeting's own day: its decisions are not yet of an earlier meeting.
    assert_eq!(on("2026-01-20", &[], 40), (vec![], 0));
    // 03-05: no.1 is 已办结 only from 03-10, so still open (due 03-01: overdue); no.2 overdue
    // since 02-10; no.3 due 12-31.
    let all = vec![(1, Some(Alert::Red)), (2, Some(Alert::Red)), (3, Some(Alert::Blue))];
    assert_eq!(on("2026-03-05", &[], 40), (all, 3));
    // Two of three: the decision about T-1 first, then the most overdue of the rest (no.2,
    // due 02-10, before no.3); listed in meeting order.
    assert_eq!(on("2026-03-05", &[idx("T-1")], 2), (vec![(1, Some(Alert::Red)), (2, Some(Alert::Red))], 3));
    // Without T-1 on the agenda the two most overdue are no.2 (02-10) and no.1 (03-01).
    assert_eq!(on("2026-03-05", &[idx("T-2")], 2), (vec![(1, Some(Alert::Red)), (2, Some(Alert::Red))], 3));
    assert_eq!(on("2026-03-05", &[idx("T-2")], 1), (vec![(2, Some(Alert::Red))], 3));
    // 03-10: no.1 closed that day.
    assert_eq!(on("2026-03-10", &[idx("T-1")], 40), (vec![(2, Some(Alert::Red)), (3, Some(Alert::Blue))], 2));

    // A decision closed at its own meeting never counts at a meeting held the same day.
    let ds = common::dataset(&common::edited(
        "mini",
        "meetings/2026-01-20-diaodu.md",
        "closed: 2026-03-10",
        "closed: 2026-01-20",
    ));
    let docket = figures::Docket::new(&ds);
    assert_eq!(docket.open_before(&ds, "2026-01-20".parse().unwrap(), &[], 40).1, 0);
    assert_eq!(docket.open_before(&ds, "2026-01-21".parse().unwrap(), &[], 40).1, 2);
}

#[test]
fn the_docket_agrees_with_judging_every_decision_of_a_demo_county() {
    let data = common::scratch("docket").join("data");
    let size = tongbao::demo::Size { projects: 300, years: 1, meetings: 60, seed: 7 };
    tongbao::demo::write(size, &data).unwrap();
    let ds = common::dataset(&data);
    let docket = figures::Docket::new(&ds);
    let mut lists_cut_short = 0;
    for (index, meeting) in ds.meetings.iter().enumerate() {
        let day = meeting.front.date;
        let agenda: Vec<usize> = meeting.front.projects.iter().filter_map(|id| ds.index_of(id)).collect();
        let agenda_ids = &meeting.front.projects;
        // Every decision of every earlier meeting, judged on the day: open unless 已办结 by then;
        // about the agenda first, then by deadline (none last), meeting, decision; cut at 5.
        let mut open: Vec<(bool, bool, Option<tongbao::model::Date>, usize, usize)> = Vec::new();
        for (mi, m) in ds.meetings.iter().enumerate().filter(|(_, m)| m.front.date < day) {
            for (di, d) in m.front.decisions.iter().enumerate() {
                let closed = d.status == DecisionStatus::Closed && d.closed.is_none_or(|c| c <= day);
                if !closed {
                    let about_agenda = d.projects.iter().any(|p| agenda_ids.contains(p));
                    open.push((!about_agenda, d.deadline.is_none(), d.deadline, mi, di));
                }
            }
        }
        let total = open.len();
        open.sort();
        open.truncate(5);
        let mut expected: Vec<(usize, usize)> = open.iter().map(|o| (o.3, o.4)).collect();
        expected.sort();
        let (found, found_total) = docket.open_before(&ds, day, &agenda, 5);
        assert_eq!(found_total, total, "meeting {index}");
        assert_eq!(found.iter().map(|s| (s.meeting, s.decision)).collect::<Vec<_>>(), expected, "meeting {index}");
        lists_cut_short += usize::from(total > 5);
    }
    assert!(lists_cut_short > 10, "the demo should have long lists to cut: {lists_cut_short}");
}

/// Decision no.2 of the mini county (乙局, due 02-10) is returned (退办) on 02-05 and assigned
/// to 甲局 on 03-15: in January it counts for 乙局; in February for no unit, as waiting to be
/// assigned again (and overdue); from March for 甲局, with the deadline it had.
#[test]
fn a_returned_decision_counts_for_no_unit_until_it_is_assigned_again() {
    let data = common::mini_with_a_returned_decision();
    let ds = common::dataset(&data);
    let all = figures::compute_all(&ds);
    let units = |m: u32| {
        let d = &period(&all, m).decisions;
        let by_unit: Vec<(&str, usize, usize)> =
            d.by_unit.iter().map(|(u, f)| (u.as_str(), f.total, f.overdue)).collect();
        (by_unit, d.awaiting.total, d.awaiting.overdue, d.all.total, d.all.overdue)
    };
    assert_eq!(units(1), (vec![("乙局", 1, 0), ("甲局", 2, 0)], 0, 0, 3, 0));
    assert_eq!(units(2), (vec![("甲局", 2, 0)], 1, 1, 3, 1));
    assert_eq!(units(3), (vec![("甲局", 3, 1)], 0, 0, 3, 1));
    let second = |m: u32| period(&all, m).decisions.states[1].lead_unit.clone();
    assert_eq!((second(1), second(2), second(3)), (Some("乙局".into()), None, Some("甲局".into())));
    assert_eq!(
        period(&all, 3).decisions.states[1].deadline,
        Some(tongbao::model::Date { year: 2026, month: 2, day: 10 })
    );
}
