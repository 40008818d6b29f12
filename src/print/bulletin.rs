//! 月度通报: the monthly bulletin in the official-document format (GB/T 9704): red header,
//! title, five sections in practitioners' prose, three attachments, 版记. It composes what the
//! site already shows (ledger, rankings, warnings, blockers) with sentences built from figures.

use super::columns::Measure;
use crate::figures::{Group, Light, PeriodFigures};
use crate::model::Subject;
use crate::render::format::months_span;
use crate::render::rankings::RankingView;
use crate::render::views::{BlockerRow, Downloads, GroupRow};
use crate::render::{ChartView, Ctx, Page, chinese_number, markdown_to_html, rankings, s_curve, warnings};
use rust_decimal::Decimal;
use serde::Serialize;
use tera::Value;

/// An attachment of at most this many rows goes on a portrait page: on a landscape page of its
/// own it would leave the page nearly empty.
const PORTRAIT_ROWS: usize = 4;

/// Red-light projects named in the text once they have been red this many months running.
const RED_STREAK_NAMED: u32 = 3;

#[derive(Serialize)]
struct Bulletin {
    issuer: String,
    number: String,
    /// The title, its words kept whole on paper.
    title_html: String,
    lead: String,
    overall: String,
    s_curve: ChartView,
    by_nature: String,
    by_industry: String,
    industry_rows: Vec<GroupRow>,
    by_town: String,
    /// Each ranking under its heading "（一）责任单位逆排名".
    rankings: Vec<(String, RankingView)>,
    lights_heading: String,
    lights: String,
    /// 附件2: red then yellow projects, numbered.
    lit: Vec<LitRow>,
    issues: String,
    /// "超过解决时限的有：…（县供电公司）、…。"
    overdue: String,
    requirements_html: String,
    signature_date: String,
    /// The light rule's thresholds, in percentage points.
    yellow_pp: String,
    red_pp: String,
    open_blockers: Vec<BlockerRow>,
    resolved_blockers: Vec<BlockerRow>,
    /// 附件3 on landscape pages: only when it has more rows than a portrait page takes well.
    blockers_wide: bool,
    /// The columns' shares of the line (landscape or portrait) for 附件3's open and resolved
    /// blockers ([`crate::print::columns`]).
    open_columns: Vec<String>,
    resolved_columns: Vec<String>,
    cc: String,
    issue_date: String,
    downloads: Option<Downloads>,
}

#[derive(Serialize)]
struct LitRow {
    no: usize,
    name: String,
    light: String,
    rate: String,
    deviation: String,
    lead_unit: String,
    leaders: String,
}

/// 附件2: the red projects, then the yellow ones, each furthest behind first.
fn lit_rows(ctx: &Ctx) -> Vec<LitRow> {
    let lit = |light: Light, label: &'static str| warnings::lit(ctx.pf, light).into_iter().map(move |p| (p, label));
    lit(Light::Red, "红灯")
        .chain(lit(Light::Yellow, "黄灯"))
        .enumerate()
        .map(|(i, (p, label))| {
            let project = &ctx.ds.projects[p.index];
            LitRow {
                no: i + 1,
                name: project.name.clone(),
                light: if p.light_streak > 1 {
                    format!("{label}（连续{}个月）", p.light_streak)
                } else {
                    label.to_string()
                },
                rate: ctx.fmt.percent(p.rate),
                deviation: ctx.fmt.deviation(p.deviation_pp),
                lead_unit: project.lead_unit.clone(),
                leaders: project.leaders.join("、"),
            }
        })
        .collect()
}

/// "分行业看，完成率最高的是能源（83.6%），最低的是农业（55.1%）；3个行业超过序时进度。"
fn spread(ctx: &Ctx, dimension: &str, groups: &[Group]) -> String {
    let mut rated: Vec<&Group> = groups.iter().filter(|g| g.figures.rate.is_some()).collect();
    rated.sort_by(|a, b| b.figures.rate.cmp(&a.figures.rate).then(a.name.cmp(&b.name)));
    let (Some(best), Some(worst)) = (rated.first(), rated.last()) else { return String::new() };
    let ahead = rated.iter().filter(|g| g.figures.deviation_pp.is_some_and(|d| d >= Decimal::ZERO)).count();
    let pct = |g: &Group| ctx.fmt.percent(g.figures.rate);
    let against_time = match ahead {
        0 => format!("各{dimension}均未达到序时进度"),
        n if n == rated.len() => format!("各{dimension}均达到或超过序时进度"),
        n => format!("{n}个{dimension}达到或超过序时进度"),
    };
    format!(
        "分{dimension}看，完成率最高的是{}（{}），最低的是{}（{}）；{against_time}。",
        best.name,
        pct(best),
        worst.name,
        pct(worst)
    )
}

/// The towns' sentence, pointing to their ranking below when one is configured.
fn by_town(ctx: &Ctx) -> String {
    let spread = spread(ctx, "乡镇（园区）", ctx.pf.groups_of(Subject::Town));
    let ranked = ctx.pf.rankings.iter().any(|r| r.spec.subject == Subject::Town);
    if ranked && !spread.is_empty() {
        format!("{spread}各乡镇（园区）完成情况见下文排名。")
    } else {
        spread
    }
}

fn by_nature(ctx: &Ctx) -> String {
    let parts: Vec<String> = ctx
        .pf
        .groups_of(Subject::Nature)
        .iter()
        .map(|g| {
            let f = &g.figures;
            match f.rate {
                None => format!("{}项目{}，本年度无投资计划", g.name, ctx.fmt.count(f.count)),
                Some(_) => format!(
                    "{}项目{}，年度计划投资{}，累计完成{}，完成率{}",
                    g.name,
                    ctx.fmt.count(f.count),
                    ctx.fmt.money_prose(f.plan),
                    ctx.fmt.money_prose(f.ytd),
                    ctx.fmt.percent(f.rate)
                ),
            }
        })
        .collect();
    if parts.is_empty() { String::new() } else { format!("分建设性质看，{}。", parts.join("；")) }
}

fn lights(ctx: &Ctx) -> String {
    let c = &ctx.pf.county;
    let mut s = format!("全县亮红灯项目{}、黄灯项目{}，名单见附件2。", ctx.fmt.count(c.red), ctx.fmt.count(c.yellow));
    let long_red: Vec<String> = ctx
        .pf
        .projects
        .iter()
        .filter(|p| p.light == Some(Light::Red) && p.light_streak >= RED_STREAK_NAMED)
        .map(|p| format!("{}（连续{}个月）", ctx.ds.projects[p.index].name, p.light_streak))
        .collect();
    if !long_red.is_empty() {
        s.push_str(&format!("其中，{}持续亮红灯，请责任单位和挂包领导高度重视。", long_red.join("、")));
    }
    s
}

fn issues(ctx: &Ctx, pf: &PeriodFigures) -> String {
    let open = pf.blockers.iter().filter(|b| b.open).count();
    let new = pf.blockers.iter().filter(|b| b.new).count();
    let overdue = pf.blockers.iter().filter(|b| b.overdue).count();
    let resolved = pf.blockers.iter().filter(|b| b.resolved_in_period).count();
    format!(
        "截至{}，全县重点项目共有未销号卡点堵点难点问题{}，其中本期新增{}、超过解决时限{}；本期销号{}。问题清单见附件3。",
        pf.as_of.chinese(),
        ctx.fmt.count(open),
        ctx.fmt.count(new),
        ctx.fmt.count(overdue),
        ctx.fmt.count(resolved)
    )
}

/// The overdue blockers in one sentence, each with its unit and how long it has been open.
fn overdue(ctx: &Ctx) -> String {
    let items: Vec<String> = ctx
        .pf
        .blockers
        .iter()
        .filter(|b| b.overdue)
        .map(|b| {
            let p = &ctx.ds.projects[b.project];
            let issue = &p.issues[b.blocker];
            format!("{}“{}”（{}，已历{}天）", p.name, issue.title, issue.unit, b.age_days)
        })
        .collect();
    if items.is_empty() { String::new() } else { format!("超过解决时限的问题：{}。", items.join("；")) }
}

/// `bulletins/<YYYY-MM>.html` for the context's period, with `ledger` (the period's ledger,
/// `render::ledger::tables`) as 附件1; `ctx` stands in `bulletins/`.
pub fn page(ctx: &Ctx, ledger: &Value) -> Result<Page, String> {
    let (ds, pf) = (ctx.ds, ctx.pf);
    let cfg = ds.config.bulletin.as_ref();
    let issuer = cfg.map_or_else(|| ds.config.site.organization.clone(), |b| b.issuer.clone());
    let text = ds.bulletins.get(&pf.period);
    let front = text.map(|t| t.front.clone()).unwrap_or_default();
    let issue_date = front.date.unwrap_or(pf.as_of);
    let months = months_span(pf.period);
    let rows = |s: Subject| pf.groups_of(s).iter().map(|g| ctx.group_row(None, &g.name, &g.figures)).collect();
    let ranking_views = rankings::views(ctx, false);
    let lights_heading = format!("（{}）亮灯情况", chinese_number(ranking_views.len() + 1));
    let (yellow_pp, red_pp) = warnings::thresholds(ctx);
    let open_blockers: Vec<BlockerRow> = pf.blockers.iter().filter(|b| b.open).map(|b| ctx.blocker_row(b)).collect();
    let resolved_blockers: Vec<BlockerRow> =
        pf.blockers.iter().filter(|b| b.resolved_in_period).map(|b| ctx.blocker_row(b)).collect();
    let blockers_wide = open_blockers.len() + resolved_blockers.len() > PORTRAIT_ROWS;
    let fitted = |rows: &[BlockerRow], resolved| Measure::blockers(rows, resolved, blockers_wide).shares();
    let body = Bulletin {
        issuer: issuer.clone(),
        number: front.number.unwrap_or_else(|| format!("{}年第{}期", pf.period.year, pf.period.month)),
        title_html: super::title_html(
            &front.title.unwrap_or_else(|| format!("关于{}年{months}全县重点项目建设情况的通报", pf.period.year)),
        ),
        lead: front.lead.unwrap_or_default(),
        overall: format!(
            "{}{}月当月完成投资{}。",
            ctx.fmt.headline("全县", &pf.county, pf.period),
            pf.period.month,
            ctx.fmt.money_prose(pf.county.month)
        ),
        s_curve: s_curve(ctx, format!("全县重点项目{months}累计完成投资"), &pf.curve),
        by_nature: by_nature(ctx),
        by_industry: spread(ctx, "行业", pf.groups_of(Subject::Industry)),
        industry_rows: rows(Subject::Industry),
        by_town: by_town(ctx),
        rankings: ranking_views
            .into_iter()
            .enumerate()
            .map(|(i, r)| (format!("（{}）{}", chinese_number(i + 1), r.name), r))
            .collect(),
        lights_heading,
        lights: lights(ctx),
        lit: lit_rows(ctx),
        issues: issues(ctx, pf),
        overdue: overdue(ctx),
        requirements_html: text
            .map(|t| markdown_to_html(&t.body, &ctx.root, &|id| ds.project(id).is_some()))
            .unwrap_or_default(),
        signature_date: issue_date.chinese(),
        yellow_pp,
        red_pp,
        open_columns: fitted(&open_blockers, false),
        resolved_columns: fitted(&resolved_blockers, true),
        open_blockers,
        resolved_blockers,
        blockers_wide,
        cc: cfg.map(|b| b.cc.join("，")).unwrap_or_default(),
        issue_date: issue_date.chinese(),
        downloads: ctx.downloads(pf.period),
    };
    let title = format!("{}重点项目建设通报", pf.period.chinese());
    let path = format!("bulletins/{}.html", pf.period);
    ctx.page_sharing(path, "bulletin.html", "index", title, &body, Some(("ledger", ledger)))
}
