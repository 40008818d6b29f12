//! 项目一页纸: one project on one A4 page: basics, responsibility, money, S-curve, latest
//! 形象进度, open blockers, milestones. Printed by the handout; the project page shows it on
//! screen too, as its facts, and prints as it.

use crate::render::format::months_span;
use crate::render::{ChartView, Ctx};
use serde::Serialize;

/// How many open blockers and milestones a sheet lists at most, each.
const MAX_ROWS: usize = 4;

/// The lines of 10 pt that the two lists (卡点堵点难点 and 节点) may take together on a sheet
/// whose facts take 8 lines, whose 形象进度 takes one and which has no 存在问题: measured at
/// print size, such a sheet with 4 blockers and 4 milestones of one line each, and both lists'
/// 另有 lines, is 230 mm high against the 225 mm of the page; a list's line is 4.7 mm, a line
/// of text 6 mm. With 6, it is 220 mm.
const LIST_LINES: usize = 6;

/// How many characters a line holds, with room to spare: of the sheet's text (11 pt) on the
/// 156 mm line, of a fact's value on a row of its own (10 pt, beside its label), of a blocker's
/// 问题 and of a milestone's 节点 in their columns (10 pt).
const TEXT_CHARS: usize = 40;
const FACT_CHARS: usize = 36;
const PROBLEM_CHARS: usize = 28;
const MILESTONE_CHARS: usize = 30;

/// The lines of facts the measured sheet had.
const FACT_LINES: usize = 8;

/// The lines `text` takes, `chars` characters to a line, measured as the attachments' columns
/// are ([`super::columns::song`]); none when empty.
fn lines(text: &str, chars: usize) -> usize {
    (super::columns::song(text) / chars as f64).ceil() as usize
}

/// The lines a row's cell of `text` takes: one at least.
fn row_lines(text: &str, chars: usize) -> usize {
    lines(text, chars).max(1)
}

/// How many of the blockers and of the milestones a sheet lists, given the lines each row
/// takes and the `budget` of lines the two lists share: the blockers first, in their order,
/// then the milestones, each list at most [`MAX_ROWS`], and the first row of each list always
/// (a list is never cut to nothing but its 另有 line).
fn fit_lists(blockers: &[usize], milestones: &[usize], budget: usize) -> (usize, usize) {
    let mut left = budget;
    let mut take = |rows: &[usize]| {
        let mut n = 0;
        for &lines in rows.iter().take(MAX_ROWS) {
            if n > 0 && lines > left {
                break;
            }
            left = left.saturating_sub(lines);
            n += 1;
        }
        n
    };
    let shown_blockers = take(blockers);
    (shown_blockers, take(milestones))
}

#[derive(Debug, Serialize)]
pub struct Sheet {
    pub id: String,
    pub name: String,
    /// The basics and the responsibility as table rows of one or two (label, value) pairs
    /// ([`rows_of`]).
    pub facts: Vec<Vec<(String, String)>>,
    pub money: Vec<(String, String)>,
    /// 开工累计 and its share of the total investment, as a sentence; empty when not reported.
    pub since_start: String,
    pub light: &'static str,
    pub light_label: &'static str,
    pub chart: Option<ChartView>,
    pub progress: std::sync::Arc<str>,
    pub next: std::sync::Arc<str>,
    pub problems: std::sync::Arc<str>,
    /// (问题, 责任单位, 时限, 超期)
    pub blockers: Vec<(String, String, String, bool)>,
    pub more_blockers: usize,
    /// (节点, 计划, 状态)
    pub milestones: Vec<(String, String, &'static str)>,
    pub more_milestones: usize,
}

/// How wide a value may be (in columns: a Chinese character is two) to share its row with
/// another: half of the page's width beside two labels, about 15 characters at 10 pt on A4.
const SHORT: usize = 30;

/// `facts` as the rows of a table of four columns: the short ones two to a row in their order,
/// then each long one on a row of its own. A sheet of one page has room for no more rows.
fn rows_of(facts: Vec<(String, String)>) -> Vec<Vec<(String, String)>> {
    let (short, long): (Vec<_>, Vec<_>) =
        facts.into_iter().partition(|(_, value)| unicode_width::UnicodeWidthStr::width(value.as_str()) <= SHORT);
    let mut rows: Vec<Vec<_>> = Vec::new();
    for fact in short {
        match rows.last_mut() {
            Some(row) if row.len() == 1 => row.push(fact),
            _ => rows.push(vec![fact]),
        }
    }
    rows.extend(long.into_iter().map(|fact| vec![fact]));
    rows
}

/// The sheet of `ds.projects[index]`, showing `chart` (the project's S-curve).
pub fn sheet(ctx: &Ctx, index: usize, chart: Option<ChartView>) -> Sheet {
    let ds = ctx.ds;
    let p = &ds.projects[index];
    let f = ctx.pf.project(index);
    let year = p.years.get(&ctx.pf.period.year);
    let leader = |n: &String| ds.orgs.leader(n).map_or(n.clone(), |l| format!("{n}（{}）", l.title));
    let pair = |a: &str, b: String| (a.to_string(), b);
    // 计划 and 实际 of a start or a completion, as far as known.
    let dates = |planned: Option<crate::model::Date>, actual: Option<crate::model::Date>| {
        let known =
            [("计划", planned), ("实际", actual)].into_iter().filter_map(|(w, d)| d.map(|d| format!("{w} {d}")));
        let text = known.collect::<Vec<_>>().join("，");
        if text.is_empty() { "—".to_string() } else { text }
    };
    let mut basics = vec![
        pair("项目编号", p.id.clone()),
        pair("行业 / 乡镇", format!("{} / {}", p.industry, p.town)),
        pair("建设性质", year.map(|y| format!("{}（{}，{}）", y.nature, y.level, y.batch)).unwrap_or_default()),
        pair("建设年限", format!("{}—{}年", p.start_year, p.end_year)),
        pair(
            "开工 / 竣工",
            format!(
                "{} / {}",
                dates(p.planned_start, p.actual_start),
                dates(p.planned_completion, p.actual_completion)
            ),
        ),
        pair("业主单位", p.owner.clone()),
        pair("建设内容", p.content.clone()),
    ];
    if let Some(t) = year.and_then(|y| y.target.clone()) {
        basics.push(pair("年度目标", t));
    }
    if !p.tags.is_empty() {
        basics.push(pair("标签", p.tags.join("、")));
    }
    let mut responsibility = vec![pair("责任单位", p.lead_unit.clone())];
    if !p.co_units.is_empty() {
        responsibility.push(pair("配合单位", p.co_units.join("、")));
    }
    responsibility.push(pair("挂包县领导", p.leaders.iter().map(leader).collect::<Vec<_>>().join("、")));
    if let Some(hq) = p.hq.as_ref().and_then(|h| ds.orgs.hq(h)) {
        responsibility.push(pair("指挥部", format!("{}（指挥长：{}）", hq.name, hq.commander)));
    }
    let fmt = ctx.fmt;
    let mut money = vec![pair("总投资", format!("{}万元", fmt.money(p.total_investment)))];
    if let Some(f) = f {
        money.push(pair("年度计划", format!("{}万元", fmt.money(f.plan))));
        money.push(pair(&format!("{}累计", months_span(ctx.pf.period)), format!("{}万元", fmt.money(f.ytd))));
        money.push(pair("当月完成", format!("{}万元", fmt.money(f.month))));
        money.push(pair("完成率 / 序时", format!("{} / {}", fmt.percent(f.rate), fmt.percent(Some(f.time_progress)))));
        money.push(pair("偏差", format!("{}个百分点", fmt.deviation(f.deviation_pp))));
    }
    let since_start =
        f.and_then(|f| Some((f.since_start?, f.share_of_total))).map_or_else(String::new, |(s, share)| {
            format!("开工以来累计完成{}万元，占总投资{}。", fmt.money(s), fmt.percent(share))
        });
    let (light, light_label) = crate::render::format::light_parts(f.and_then(|f| f.light));
    let open: Vec<_> = ctx.pf.blockers_of(index).iter().filter(|b| b.open).collect();
    let blockers: Vec<_> = open
        .iter()
        .map(|b| {
            let issue = &p.issues[b.blocker];
            (
                issue.title.clone(),
                issue.unit.clone(),
                issue.deadline.map(|d| d.to_string()).unwrap_or_default(),
                b.overdue,
            )
        })
        .collect();
    let states = f.map(|f| f.milestones.clone()).unwrap_or_default();
    let milestones: Vec<_> =
        p.milestones.iter().zip(states).map(|(m, s)| (m.name.clone(), m.due.to_string(), s.label())).collect();
    let progress = f.map(|f| f.progress.clone()).unwrap_or_default();
    let next = f.and_then(|f| f.next.clone()).unwrap_or_default();
    let problems = f.and_then(|f| f.problems.clone()).unwrap_or_default();
    let facts = rows_of(basics.into_iter().chain(responsibility).collect());
    // Text beyond one line of 形象进度 leaves the lists less room (a line of text is 4/3 of a
    // list's line), and so do facts beyond eight lines.
    let said = if next.is_empty() { progress.to_string() } else { format!("{progress}。下步：{next}") };
    let text = row_lines(&said, TEXT_CHARS) - 1 + lines(&problems, TEXT_CHARS);
    let fact_lines: usize =
        facts.iter().map(|row| row.iter().map(|(_, v)| row_lines(v, FACT_CHARS)).max().unwrap_or(1)).sum();
    let budget = LIST_LINES.saturating_sub((text * 4).div_ceil(3) + fact_lines.saturating_sub(FACT_LINES));
    let blocker_lines: Vec<usize> = blockers
        .iter()
        .map(|b| row_lines(&format!("{}{}", b.0, if b.3 { "（超期）" } else { "" }), PROBLEM_CHARS))
        .collect();
    let milestone_lines: Vec<usize> = milestones.iter().map(|m| row_lines(&m.0, MILESTONE_CHARS)).collect();
    let (shown_blockers, shown_milestones) = fit_lists(&blocker_lines, &milestone_lines, budget);
    Sheet {
        id: p.id.clone(),
        name: p.name.clone(),
        facts,
        money,
        since_start,
        light,
        light_label,
        chart,
        progress,
        next,
        problems,
        more_blockers: blockers.len() - shown_blockers,
        blockers: blockers.into_iter().take(shown_blockers).collect(),
        more_milestones: milestones.len() - shown_milestones,
        milestones: milestones.into_iter().take(shown_milestones).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blockers come first and take what they need, four at most; the milestones get the
    /// rest; a list's first row is shown whatever the budget, the next ones only while they fit.
    #[test]
    fn the_lists_share_the_lines_left_on_the_page() {
        assert_eq!(fit_lists(&[1, 1, 1, 1, 1], &[1, 1, 1, 1], 6), (4, 2));
        // 1 + 2 + 2 leave 1 line, too few for the fourth blocker's 2; the first milestone is
        // shown all the same, the second no longer.
        assert_eq!(fit_lists(&[1, 2, 2, 2], &[1, 1, 1, 1, 1], 6), (3, 1));
        assert_eq!(fit_lists(&[], &[1, 1], 0), (0, 1));
        assert_eq!(fit_lists(&[3], &[], 2), (1, 0));
        assert_eq!(fit_lists(&[1, 1], &[1, 1, 1, 1, 1], 10), (2, 4));
    }

    #[test]
    fn lines_of_text_count_whole_characters() {
        assert_eq!(lines("", 40), 0);
        assert_eq!(lines(&"字".repeat(40), 40), 1);
        assert_eq!(lines(&"字".repeat(41), 40), 2);
        assert_eq!(lines("abc", 1), 2, "a Latin letter is half a character");
    }

    #[test]
    fn short_facts_share_rows_in_their_order_and_long_ones_come_after_alone() {
        let fact = |label: &str, value: &str| (label.to_string(), value.to_string());
        let long = "建设正极材料生产线4条及配套仓储、研发中心";
        let rows = rows_of(vec![
            fact("项目编号", "CY2026-001"),
            fact("建设内容", long),
            fact("业主单位", "澄源新锂科技有限公司"),
            fact("责任单位", "县经信局"),
            fact("建设年限", "2025—2028年"),
        ]);
        let labels: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(|(l, _)| l.as_str()).collect()).collect();
        assert_eq!(labels, [vec!["项目编号", "业主单位"], vec!["责任单位", "建设年限"], vec!["建设内容"]]);
        // Exactly 15 Chinese characters still share a row; 16 do not.
        let rows = rows_of(vec![fact("a", &"字".repeat(15)), fact("b", &"字".repeat(16)), fact("c", "x")]);
        assert_eq!(rows.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
    }
}
