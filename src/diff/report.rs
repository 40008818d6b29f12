//! The comparison as Markdown for a pull-request comment, and as a standalone HTML page.

use super::changes::{Change, Changes};
use std::fmt::Write;

/// Tables longer than this fold into `<details>` so that the comment stays readable.
const FOLD_AFTER: usize = 10;

fn table(out: &mut String, heads: [&str; 3], rows: &[Change]) {
    let fold = rows.len() > FOLD_AFTER;
    if fold {
        let _ = writeln!(out, "<details><summary>共 {} 项，点击展开</summary>\n", rows.len());
    }
    let _ = writeln!(out, "| {} | {} | {} |\n|---|---:|---:|", heads[0], heads[1], heads[2]);
    for r in rows {
        let _ = writeln!(out, "| {} | {} | {} |", cell(&r.what), cell(&r.old), cell(&r.new));
    }
    if fold {
        out.push_str("\n</details>\n");
    }
    out.push('\n');
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
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

pub fn markdown(c: &Changes) -> String {
    let mut out = format!("## 数据变更：{} → {}\n\n", c.old_label, c.new_label);
    let _ = writeln!(out, "报告期：{} → {}\n", c.old_period, c.new_period);
    if c.is_empty() {
        out.push_str("发布的数据没有变化。\n");
        return out;
    }
    let _ = writeln!(out, "> {}\n", c.new_headline);
    out.push_str("### 总体指标\n\n");
    table(&mut out, ["指标", "变更前", "变更后"], &c.headline);
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
    if !c.ytd.is_empty() {
        let _ = writeln!(out, "### 累计完成投资变化（{}个项目，万元）\n", c.ytd.len());
        table(&mut out, ["项目", "变更前", "变更后"], &c.ytd);
    }
    if !c.lights.is_empty() {
        let _ = writeln!(out, "### 亮灯变化（{}个项目）\n", c.lights.len());
        table(&mut out, ["项目", "变更前", "变更后"], &c.lights);
    }
    if !c.bottom.is_empty() {
        out.push_str("### 排名末位变化\n\n");
        for (name, entered, left) in &c.bottom {
            let join = |v: &Vec<String>| if v.is_empty() { "无".to_string() } else { v.join("、") };
            let _ = writeln!(out, "- {name}：新进入末位 {}；退出末位 {}", join(entered), join(left));
        }
        out.push('\n');
    }
    list(&mut out, "新增问题", &c.blockers_opened);
    list(&mut out, "销号问题", &c.blockers_closed);
    if !c.decisions.is_empty() {
        let _ = writeln!(out, "### 议定事项状态变化（{}件）\n", c.decisions.len());
        table(&mut out, ["事项", "变更前", "变更后"], &c.decisions);
    }
    out
}

/// A standalone page (no outside requests) with the same content.
pub fn html(c: &Changes) -> String {
    let body = crate::render::markdown_to_html(&markdown(c), "", &|_| false);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>数据变更：{} → {}</title><style>body{{font:15px/1.6 sans-serif;max-width:960px;margin:20px auto;padding:0 16px;color:#1d2530}}\
         table{{border-collapse:collapse}}td,th{{border:1px solid #d8dee6;padding:4px 8px}}th{{background:#f3f5f8}}\
         blockquote{{background:#f3f5f8;margin:0;padding:8px 14px}}code{{background:#f3f5f8;padding:0 3px}}</style></head>\n<body>\n{body}</body></html>\n",
        c.old_label, c.new_label
    )
}
