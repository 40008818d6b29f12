//! The workbook's other sheets, each a list the office keeps beside the 台账: 分组汇总 (every
//! dimension's groups with their figures), 问题清单 (the blockers open at the period's date, then
//! those 销号 in it, as in the bulletin's 附件3) and 督办事项 (every decision of the meetings held
//! by then, with how it stands).

use super::table::{Cell, Column, Row, Shade, Table};
use crate::figures::{BlockerState, PeriodFigures};
use crate::model::{Dataset, Date, Subject};

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn date(d: Option<Date>) -> Cell {
    d.map_or(Cell::Blank, |d| text(d.to_string()))
}

/// Columns under no merged heading, each with its name and its widest width.
fn plain_columns(spec: &[(&str, f64)]) -> Vec<Column> {
    spec.iter().map(|(heading, widest)| Column::new(*heading, None, *widest)).collect()
}

/// 分组汇总: for each dimension with groups, a heading row (`一、按行业（5个）`) and a row per group.
pub fn groups(ds: &Dataset, pf: &PeriodFigures) -> Table {
    let mut columns = plain_columns(&[("分组", 24.0), ("项目数", 8.0)]);
    columns.extend(super::ledger::figure_columns(pf));
    columns.extend(plain_columns(&[("新开工开工率", 9.0), ("红灯", 6.0), ("黄灯", 6.0)]));
    let mut rows = Vec::new();
    let subjects = Subject::ALL.into_iter().filter(|s| !pf.groups_of(*s).is_empty());
    for (i, subject) in subjects.enumerate() {
        let groups = pf.groups_of(subject);
        let heading = format!("{}、按{}（{}个）", crate::render::chinese_number(i + 1), subject.label(), groups.len());
        let mut cells = vec![text(heading)];
        cells.extend((1..columns.len()).map(|_| Cell::Blank));
        rows.push(Row { cells, shade: Shade::Subtotal });
        for g in groups {
            let a = &g.figures;
            rows.push(Row {
                cells: vec![
                    Cell::Wrap(g.name.clone()),
                    Cell::Whole(a.count),
                    Cell::Money(a.total_investment),
                    Cell::Money(a.plan),
                    Cell::Money(a.month),
                    Cell::Money(a.ytd),
                    Cell::Rate(a.rate),
                    Cell::Points(a.deviation_pp),
                    Cell::Rate(a.start_rate),
                    Cell::Whole(a.red),
                    Cell::Whole(a.yellow),
                ],
                shade: Shade::of(a.light),
            });
        }
    }
    let title = format!("{}{}重点项目分组汇总表", super::ledger::county(ds), pf.period.chinese());
    Table {
        sheet: "分组汇总", title, note: "单位：万元", columns, rows, frozen_columns: 1, light_column: None
    }
}

/// How a blocker stands at the period's date.
fn blocker_state(b: &BlockerState) -> &'static str {
    match (b.open, b.overdue, b.new) {
        (true, true, _) => "超过时限",
        (true, false, true) => "本期新增",
        (true, false, false) => "推进中",
        (false, _, _) => "本期销号",
    }
}

/// 问题清单: the blockers open at the period's date, then those 销号 in the period.
pub fn blockers(ds: &Dataset, pf: &PeriodFigures) -> Table {
    let columns = plain_columns(&[
        ("序号", 6.0),
        ("问题编号", 14.0),
        ("项目名称", 30.0),
        ("类型", 6.0),
        ("类别", 10.0),
        ("问题", 36.0),
        ("责任单位", 16.0),
        ("协调领导", 10.0),
        ("提出日期", 12.0),
        ("解决时限", 12.0),
        ("状态", 10.0),
        ("已用天数", 8.0),
        ("解决措施", 36.0),
        ("销号日期", 12.0),
        ("销号情况", 30.0),
    ]);
    let listed = pf.blockers.iter().filter(|b| b.open).chain(pf.blockers.iter().filter(|b| b.resolved_in_period));
    let rows = listed
        .enumerate()
        .map(|(i, s)| {
            let project = &ds.projects[s.project];
            let b = &project.issues[s.blocker];
            let resolved = if s.open { None } else { b.resolved };
            Row {
                cells: vec![
                    Cell::Whole(i + 1),
                    text(format!("{}#{}", project.id, b.id)),
                    Cell::Wrap(project.name.clone()),
                    text(b.kind.clone()),
                    text(b.category.clone()),
                    Cell::Wrap(b.title.clone()),
                    text(b.unit.clone()),
                    text(b.leader.clone().unwrap_or_default()),
                    date(Some(b.raised)),
                    date(b.deadline),
                    text(blocker_state(s)),
                    Cell::Whole(s.age_days.max(0) as usize),
                    Cell::Wrap(b.measures.clone()),
                    date(resolved),
                    Cell::Wrap(if s.open { String::new() } else { b.resolution.clone().unwrap_or_default() }),
                ],
                shade: if s.overdue { Shade::Light(crate::figures::Light::Red) } else { Shade::Plain },
            }
        })
        .collect();
    let title = format!("{}重点项目问题清单（截至{}）", super::ledger::county(ds), pf.as_of.chinese());
    Table { sheet: "问题清单", title, note: "", columns, rows, frozen_columns: 3, light_column: None }
}

/// 督办事项: every decision of the meetings held by the period's date, with its status then.
pub fn decisions(ds: &Dataset, pf: &PeriodFigures) -> Table {
    let columns = plain_columns(&[
        ("序号", 6.0),
        ("会议", 30.0),
        ("会议日期", 12.0),
        ("事项", 6.0),
        ("议定事项", 48.0),
        ("牵头单位", 16.0),
        ("配合单位", 20.0),
        ("办理时限", 12.0),
        ("办理状态", 10.0),
        ("办结日期", 12.0),
        ("预警", 6.0),
        ("最新进展", 40.0),
    ]);
    let rows = pf
        .decisions
        .states
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let meeting = &ds.meetings[s.meeting];
            let d = &meeting.front.decisions[s.decision];
            let latest = d.feedback.iter().rfind(|f| f.date <= pf.as_of);
            Row {
                cells: vec![
                    Cell::Whole(i + 1),
                    Cell::Wrap(meeting.front.title.clone()),
                    date(Some(meeting.front.date)),
                    text(format!("第{}件", d.no)),
                    Cell::Wrap(d.text.clone()),
                    text(d.lead_unit.clone()),
                    Cell::Wrap(d.co_units.join("、")),
                    date(d.deadline),
                    text(s.status.label()),
                    date(d.closed.filter(|c| *c <= pf.as_of)),
                    text(s.alert.map_or("", |a| a.label())),
                    Cell::Wrap(latest.map_or(String::new(), |f| format!("{}：{}", f.date, f.text))),
                ],
                shade: if s.overdue { Shade::Light(crate::figures::Light::Red) } else { Shade::Plain },
            }
        })
        .collect();
    let title = format!("{}重点项目会议议定事项督办表（截至{}）", super::ledger::county(ds), pf.as_of.chinese());
    Table { sheet: "督办事项", title, note: "", columns, rows, frozen_columns: 2, light_column: None }
}
