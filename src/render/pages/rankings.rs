//! 排名: every configured ranking with rank, change, bottom N and streaks, and its bar chart.

use super::super::Ctx;
use super::super::format::light_parts;
use super::charts::ChartView;
use crate::charts::{self, BarRow};
use crate::figures::change_label;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

#[derive(Clone, Serialize)]
struct Row {
    rank: usize,
    name: String,
    href: String,
    count: String,
    plan: String,
    ytd: String,
    rate: String,
    deviation: String,
    change: String,
    bottom: bool,
    streak: String,
    light: &'static str,
}

#[derive(Clone, Serialize)]
pub struct RankingView {
    pub(crate) name: String,
    subject: &'static str,
    order: &'static str,
    bottom_n: usize,
    /// "连续2个月列末位的：…" in words, for the bulletin and the page.
    sentence: String,
    rows: Vec<Row>,
    unranked: Vec<String>,
    /// Only on the site: printed documents show the table alone.
    chart: Option<ChartView>,
    /// Rows left out of an abridged table (handouts).
    omitted: usize,
}

impl RankingView {
    /// The first and last `keep` rows and every bottom-N row; a long ranking in a handout.
    pub fn abridged(mut self, keep: usize) -> RankingView {
        let n = self.rows.len();
        if n > 4 * keep {
            self.rows.retain(|r| r.rank <= keep || r.rank > n - keep || r.bottom);
            self.omitted = n - self.rows.len();
        }
        self
    }
}

#[derive(Serialize)]
struct Rankings {
    rankings: Vec<RankingView>,
}

pub fn page(ctx: &Ctx, path: &str) -> Result<super::super::Page, String> {
    let title = format!("{}排名", ctx.pf.period.chinese());
    ctx.page(path.to_string(), "rankings.html", "rankings", title, &Rankings { rankings: views(ctx, true) })
}

/// Every configured ranking with its table (and chart, for the site); the bulletin and handouts
/// show the tables too.
pub fn views(ctx: &Ctx, with_charts: bool) -> Vec<RankingView> {
    let pf = ctx.pf;
    pf.rankings
        .iter()
        .map(|r| {
            let groups = pf.groups_of(r.spec.subject);
            let rows: Vec<Row> = r
                .rows
                .iter()
                .map(|row| {
                    let g = &groups[row.group].figures;
                    Row {
                        rank: row.rank,
                        name: row.name.clone(),
                        href: ctx.group_row(Some(r.spec.subject), &row.name, g).href,
                        count: ctx.fmt.count(g.count),
                        plan: ctx.fmt.money(g.plan),
                        ytd: ctx.fmt.money(g.ytd),
                        rate: ctx.fmt.percent(g.rate),
                        deviation: ctx.fmt.deviation(g.deviation_pp),
                        change: change_label(row.change),
                        bottom: row.bottom,
                        streak: if row.bottom_streak > 1 {
                            format!("连续{}个月", row.bottom_streak)
                        } else {
                            String::new()
                        },
                        light: light_parts(g.light).0,
                    }
                })
                .collect();
            let bottom: Vec<String> = r.rows.iter().filter(|x| x.bottom).map(|x| x.name.clone()).collect();
            let sentence = if bottom.is_empty() {
                String::new()
            } else {
                format!("{}后{}名：{}。", r.spec.name, bottom.len(), bottom.join("、"))
            };
            let chart = with_charts.then(|| chart(ctx, r, groups, &rows));
            RankingView {
                name: r.spec.name.clone(),
                subject: r.spec.subject.label(),
                order: if r.spec.order == crate::model::RankOrder::Asc {
                    "由低到高（逆排名）"
                } else {
                    "由高到低"
                },
                bottom_n: r.spec.bottom,
                sentence,
                rows,
                unranked: r.unranked.clone(),
                chart,
                omitted: 0,
            }
        })
        .collect()
}

/// The bar chart of a ranking, bottom N in red and marked 末位 in words.
fn chart(ctx: &Ctx, r: &crate::figures::Ranking, groups: &[crate::figures::Group], rows: &[Row]) -> ChartView {
    let bars: Vec<BarRow> = r
        .rows
        .iter()
        .map(|row| {
            let g = &groups[row.group].figures;
            let rate = ctx.fmt.percent(g.rate);
            BarRow {
                label: format!("{}. {}", row.rank, row.name),
                percent: g.rate.and_then(|x| ctx.fmt.percent_number(x).to_f64()),
                text: if row.bottom { format!("{rate} 末位") } else { rate },
                tone: if row.bottom { "red" } else { "none" },
            }
        })
        .collect();
    let time_progress = ctx.pf.county.time_progress;
    let reference = ctx.fmt.percent_number(time_progress).to_f64().unwrap_or(0.0);
    let svg = ctx.draw(|| charts::rate_bars(&r.spec.name, &bars, reference, &ctx.fmt.percent(Some(time_progress))));
    let table = rows.iter().map(|x| vec![x.rank.to_string(), x.name.clone(), x.rate.clone()]).collect();
    ChartView { svg, title: r.spec.name.clone(), head: vec!["名次", "名称", "完成率"], rows: table }
}
