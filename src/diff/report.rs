//! The comparison as Markdown for a pull-request comment, and as a standalone HTML page whose
//! long tables fold into real `<details>` (the Markdown renderer shows raw HTML as text, so the
//! page marks the folds itself).

use super::changes::{Change, Changes};
use super::periods::{PeriodChange, ProjectMove, RankingChange};
use std::fmt::Write;

/// Tables longer than this fold into `<details>` so that the comment stays readable.
const FOLD_AFTER: usize = 10;

/// How many paths of changed pages are named.
const PAGES_NAMED: usize = 20;

/// How a fold is written: as HTML in Markdown (GitHub and GitLab render it), or as marks that
/// [`html`] turns into elements after the Markdown is rendered.
#[derive(Clone, Copy)]
enum Folds {
    Markdown,
    Marks,
}

/// The marks of [`Folds::Marks`]: private-use characters, which no data holds.
const FOLD_OPEN: char = '\u{F8F0}';
const FOLD_CLOSE: char = '\u{F8F1}';

fn fold_open(out: &mut String, folds: Folds, n: usize) {
    match folds {
        Folds::Markdown => {
            let _ = writeln!(out, "<details><summary>共 {n} 项，点击展开</summary>\n");
        }
        Folds::Marks => {
            let _ = writeln!(out, "{FOLD_OPEN}{n}\n");
        }
    }
}

fn fold_close(out: &mut String, folds: Folds) {
    match folds {
        Folds::Markdown => out.push_str("\n</details>\n"),
        Folds::Marks => {
            let _ = writeln!(out, "\n{FOLD_CLOSE}");
        }
    }
}

/// A table with a head and rows, folded when long.
fn rows_table(out: &mut String, folds: Folds, heads: &[&str], rows: &[Vec<String>]) {
    let fold = rows.len() > FOLD_AFTER;
    if fold {
        fold_open(out, folds, rows.len());
    }
    let _ = writeln!(out, "| {} |", heads.join(" | "));
    let _ = writeln!(out, "|---|{}", "---:|".repeat(heads.len() - 1));
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    if fold {
        fold_close(out, folds);
    }
    out.push('\n');
}

fn table(out: &mut String, folds: Folds, heads: [&str; 3], rows: &[Change]) {
    let rows: Vec<Vec<String>> = rows.iter().map(|r| vec![r.what.clone(), r.old.clone(), r.new.clone()]).collect();
    rows_table(out, folds, &heads, &rows);
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `old → new`, or the value alone when it did not change.
fn moved((old, new): &(String, String)) -> String {
    if old == new { old.clone() } else { format!("{old} → {new}") }
}

fn list(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {heading}（{}）\n", items.len());
    for i in items {
        let _ = writeln!(out, "- {i}");
    }
    out.push('\n');
}

/// Projects' figures before and after: 1–N月累计, 当月, 完成率, light.
fn project_table(out: &mut String, folds: Folds, projects: &[ProjectMove]) {
    let rows: Vec<Vec<String>> = projects
        .iter()
        .map(|m| vec![m.project.clone(), moved(&m.ytd), moved(&m.month), moved(&m.rate), moved(&m.light)])
        .collect();
    rows_table(out, folds, &["项目", "1–N月累计（万元）", "当月（万元）", "完成率", "亮灯"], &rows);
}

fn period(out: &mut String, folds: Folds, p: &PeriodChange) {
    let _ = writeln!(out, "#### {}{}\n", p.period, p.only.map(|o| format!("（{o}）")).unwrap_or_default());
    if !p.county.is_empty() {
        let county: Vec<String> = p.county.iter().map(|c| format!("{} {} → {}", c.what, c.old, c.new)).collect();
        let _ = writeln!(out, "全县：{}\n", county.join("；"));
    }
    if !p.projects.is_empty() {
        project_table(out, folds, &p.projects);
    }
    ranking_list(out, &p.rankings);
}

/// Each ranking's moves: every group whose rank or rate moved, and the bottom N's entries and exits.
fn ranking_list(out: &mut String, rankings: &[RankingChange]) {
    for r in rankings {
        let _ = writeln!(out, "- {}：", r.name);
        for m in &r.moves {
            let _ = writeln!(out, "  - {}：{}，完成率 {}", m.name, moved(&m.rank), moved(&m.rate));
        }
        if !r.entered.is_empty() || !r.left.is_empty() {
            let join = |v: &Vec<String>| if v.is_empty() { "无".to_string() } else { v.join("、") };
            let _ = writeln!(out, "  - 新进入末位 {}；退出末位 {}", join(&r.entered), join(&r.left));
        }
    }
    if !rankings.is_empty() {
        out.push('\n');
    }
}

fn write_markdown(c: &Changes, folds: Folds) -> String {
    let mut out = format!("## 数据变更：{} → {}\n\n", c.old_label, c.new_label);
    let _ = writeln!(out, "报告期：{} → {}\n", c.old_period, c.new_period);
    if c.is_empty() {
        out.push_str("发布的数据没有变化。\n");
        return out;
    }
    let _ = writeln!(out, "> {}\n", c.new_headline);
    out.push_str("### 总体指标\n\n");
    table(&mut out, folds, ["指标", "变更前", "变更后"], &c.headline);
    list(&mut out, "新增项目", &c.added);
    list(&mut out, "删除项目", &c.removed);
    if !c.fields.is_empty() {
        let _ = writeln!(out, "### 项目字段变更（{}个项目）\n", c.fields.len());
        for (project, changes) in &c.fields {
            let _ = writeln!(out, "- **{project}**");
            for ch in changes {
                let _ = writeln!(out, "  - `{}`：{} → {}", ch.what, ch.old, ch.new);
            }
        }
        out.push('\n');
    }
    if !c.periods.is_empty() {
        let _ = writeln!(out, "### 各期数据变化（因数据改动，{}期）\n", c.periods.len());
        for p in &c.periods {
            period(&mut out, folds, p);
        }
    }
    if let Some(m) = &c.moved {
        let (from, to) = (&m.from, &m.to);
        let _ = writeln!(out, "### 报告期推移（{from} → {to}）\n");
        if !m.projects.is_empty() {
            let _ = writeln!(out, "发布的各项目数字（变更前{from} → 变更后{to}，{}个项目）：\n", m.projects.len());
            project_table(&mut out, folds, &m.projects);
        }
        ranking_list(&mut out, &m.rankings);
        if m.lights.is_empty() {
            out.push_str("没有项目因报告期推移而改变亮灯。\n\n");
        } else {
            let _ = writeln!(
                out,
                "以下 {} 个项目的亮灯随报告期推移而变化（都按变更后的数据，{from}与{to}相比；对已发布各期数据的改动见上一节）：\n",
                m.lights.len()
            );
            table(&mut out, folds, ["项目", from.as_str(), to.as_str()], &m.lights);
        }
    }
    list(&mut out, "新增问题", &c.blockers_opened);
    list(&mut out, "销号问题", &c.blockers_closed);
    if !c.decisions.is_empty() {
        let _ = writeln!(out, "### 议定事项状态变化（{}件）\n", c.decisions.len());
        table(&mut out, folds, ["事项", "变更前", "变更后"], &c.decisions);
    }
    pages(&mut out, c);
    out
}

fn pages(out: &mut String, c: &Changes) {
    let p = &c.pages;
    if p.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### 发布的页面（{} 个改变，{} 个新增，{} 个删除）\n",
        p.changed.len(),
        p.added.len(),
        p.removed.len()
    );
    let named = p.changed.iter().map(|f| ("改变", f)).chain(p.added.iter().map(|f| ("新增", f)));
    let named: Vec<(&str, &String)> = named.chain(p.removed.iter().map(|f| ("删除", f))).collect();
    for (what, file) in named.iter().take(PAGES_NAMED) {
        let _ = writeln!(out, "- {what} `{file}`");
    }
    if named.len() > PAGES_NAMED {
        let _ = writeln!(out, "- ……共 {} 个页面", named.len());
    }
    out.push('\n');
}

/// The comparison as Markdown, for a pull-request comment.
pub fn markdown(c: &Changes) -> String {
    write_markdown(c, Folds::Markdown)
}

/// A standalone page (no outside requests) with the same content.
pub fn html(c: &Changes) -> String {
    let body = crate::render::markdown_to_html(&write_markdown(c, Folds::Marks), "", &|_| false);
    let mut folded = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let text = line.trim_end().trim_start_matches("<p>").trim_end_matches("</p>");
        if let Some(n) = text.strip_prefix(FOLD_OPEN) {
            let _ = writeln!(folded, "<details><summary>共 {n} 项，点击展开</summary>");
        } else if text == FOLD_CLOSE.to_string() {
            folded.push_str("</details>\n");
        } else {
            folded.push_str(line);
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>数据变更：{} → {}</title><style>body{{font:15px/1.6 sans-serif;max-width:960px;margin:20px auto;padding:0 16px;color:#1d2530}}\
         table{{border-collapse:collapse}}td,th{{border:1px solid #d8dee6;padding:4px 8px}}th{{background:#f3f5f8}}\
         summary{{cursor:pointer;color:#1f5fa8;margin:4px 0}}\
         blockquote{{background:#f3f5f8;margin:0;padding:8px 14px}}code{{background:#f3f5f8;padding:0 3px}}</style></head>\n<body>\n{folded}</body></html>\n",
        escape(&c.old_label),
        escape(&c.new_label)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
