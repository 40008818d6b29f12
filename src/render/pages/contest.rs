//! 观摩评比: a meeting's contest as display values (the score table, the 红榜 and 黑榜, one
//! score card per entrant with each judge's sheet) and its page `contests/<stem>.html`. The
//! meeting's handout prints the same view. The scores are `figures::contest`'s.

use super::super::{Ctx, Page};
use crate::figures::contest::{ContestScores, EntrantScore};
use rust_decimal::Decimal;
use serde::Serialize;

/// An entrant's row of the score table.
#[derive(Serialize, Clone)]
pub struct EntrantRow {
    rank: usize,
    name: String,
    /// Its project page, when it is a project.
    href: String,
    /// Its score card's anchor on the contest page.
    card: String,
    means: Vec<String>,
    judged: String,
    rate: String,
    time_progress: String,
    progress: String,
    red: usize,
    penalty: String,
    computed: String,
    total: String,
}

/// One judge's sheet on a score card.
#[derive(Serialize, Clone)]
pub struct JudgeSheet {
    judge: String,
    points: Vec<String>,
    sum: String,
}

/// An entrant's score card: its row and every judge's sheet.
#[derive(Serialize, Clone)]
pub struct Card {
    row: EntrantRow,
    sheets: Vec<JudgeSheet>,
}

/// The contest of a meeting, ready to show.
#[derive(Serialize, Clone)]
pub struct ContestView {
    /// 项目 / 乡镇（园区） / 责任单位 / 指挥部
    entrant_word: String,
    /// "2026年9月": the figures the computed part reads.
    period_label: String,
    /// (评分项, 满分)
    criteria: Vec<(String, String)>,
    judges: String,
    /// How the score is made, in one sentence.
    formula: String,
    rows: Vec<EntrantRow>,
    red_list: Vec<EntrantRow>,
    black_list: Vec<EntrantRow>,
    cards: Vec<Card>,
}

#[derive(Serialize)]
struct ContestPage {
    title: String,
    meeting_href: String,
    handout_href: String,
    contest: ContestView,
}

/// A score with its two decimals: `27.50`.
fn points(d: Decimal) -> String {
    format!("{:.2}", d.round_dp(2))
}

fn row(ctx: &Ctx, e: &EntrantScore, i: usize) -> EntrantRow {
    EntrantRow {
        rank: e.rank,
        name: e.name.clone(),
        href: e.project.map(|p| format!("{}projects/{}.html", ctx.root, ctx.ds.projects[p].id)).unwrap_or_default(),
        card: format!("card-{}", i + 1),
        means: e.means.iter().map(|m| m.map_or("—".into(), points)).collect(),
        judged: points(e.judged),
        rate: ctx.fmt.percent(e.rate),
        time_progress: ctx.fmt.percent(Some(e.time_progress)),
        progress: points(e.progress),
        red: e.red,
        penalty: points(e.penalty),
        computed: points(e.computed),
        total: points(e.total),
    }
}

/// The formula of the contest's score, as the page states it.
fn formula(rules: &crate::model::ContestRules) -> String {
    let trim = if rules.trim {
        "去掉一个最高分和一个最低分后（某项不足 3 位评委时不去掉）"
    } else {
        ""
    };
    let mut text = format!("评委评分：各评分项取评委{trim}的平均分，保留两位小数，相加。");
    if rules.progress_points > Decimal::ZERO {
        text.push_str(&format!(
            "进度得分：{} 分 ×（完成率 ÷ 序时进度），完成率达到序时进度得满分，保留两位小数；",
            rules.progress_points.normalize()
        ));
        if rules.red_light_penalty > Decimal::ZERO {
            text.push_str(&format!("每个亮红灯的项目扣 {} 分，扣完为止。", rules.red_light_penalty.normalize()));
        } else {
            text.push('。');
        }
    }
    text.push_str("总分为两者之和；总分相同的，评委评分高者在前，两者都相同的并列。");
    text
}

/// The contest of meeting `index` with its scores, ready to show; `None` when it has none.
pub fn view(ctx: &Ctx, index: usize) -> Option<ContestView> {
    let meeting = &ctx.ds.meetings[index];
    let contest = meeting.front.contest.as_ref()?;
    let rules = ctx.ds.config.contest.as_ref()?;
    let pf = crate::print::handout::period_of(ctx, index);
    let scores: ContestScores = crate::figures::contest::score(ctx.ds, pf, meeting)?;
    let ctx = ctx.for_period(pf, &ctx.root);
    let rows: Vec<EntrantRow> = scores.entrants.iter().enumerate().map(|(i, e)| row(&ctx, e, i)).collect();
    let cards = scores
        .entrants
        .iter()
        .zip(&rows)
        .map(|(e, r)| Card {
            row: r.clone(),
            sheets: contest
                .judges
                .iter()
                .filter_map(|judge| contest.scores.iter().find(|s| &s.judge == judge && s.entrant == e.key))
                .map(|s| JudgeSheet {
                    judge: s.judge.clone(),
                    points: rules
                        .criteria
                        .iter()
                        .map(|c| s.points.get(&c.name).map_or("—".into(), |p| points(*p)))
                        .collect(),
                    sum: points(s.points.values().sum()),
                })
                .collect(),
        })
        .collect();
    let black_from = rows.len() - scores.black_list;
    Some(ContestView {
        entrant_word: scores.by.label().to_string(),
        period_label: pf.period.chinese(),
        criteria: rules.criteria.iter().map(|c| (c.name.clone(), c.points.normalize().to_string())).collect(),
        judges: contest.judges.join("、"),
        formula: formula(rules),
        red_list: rows[..scores.red_list].to_vec(),
        black_list: rows[black_from..].iter().rev().cloned().collect(),
        rows,
        cards,
    })
}

/// The page of a contest's path, `contests/<stem>.html`.
pub fn path(stem: &str) -> String {
    format!("contests/{stem}.html")
}

/// `contests/<stem>.html` for meeting `index`; `ctx` stands in `contests/`. `None` when the
/// meeting has no contest.
pub fn page(ctx: &Ctx, index: usize) -> Option<Result<Page, String>> {
    let m = &ctx.ds.meetings[index];
    let contest = view(ctx, index)?;
    let body = ContestPage {
        title: m.front.title.clone(),
        meeting_href: format!("{}meetings/{}.html", ctx.root, m.stem),
        handout_href: format!("{}handouts/{}.html", ctx.root, m.stem),
        contest,
    };
    Some(ctx.page(path(&m.stem), "contest.html", "meetings", format!("{}观摩评比", m.front.title), &body))
}
