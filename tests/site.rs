//! Whole builds: the sample county and the `mini` fixture built into temp folders, checked as
//! a reader and a browser would: exact figures, links that resolve, nothing from outside,
//! the same bytes every time.

mod common;

use std::path::Path;

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The values of every `name="…"` attribute in `html`.
/// The text of each cell of each `<tr>` in `html`, tags stripped.
fn rows(html: &str) -> Vec<Vec<String>> {
    html.split("<tr")
        .skip(1)
        .map(|tr| {
            let tr = &tr[..tr.find("</tr>").unwrap_or(tr.len())];
            tr.split("<td")
                .skip(1)
                .map(|td| {
                    let inner = &td[td.find('>').unwrap() + 1..td.find("</td>").unwrap_or(td.len())];
                    let mut text = String::new();
                    let mut in_tag = false;
                    for c in inner.chars() {
                        match c {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            c if !in_tag => text.push(c),
                            _ => {}
                        }
                    }
                    text.trim().to_string()
                })
                .collect()
        })
        .collect()
}

fn number(cell: &str) -> f64 {
    cell.replace(',', "").parse().unwrap_or_else(|_| panic!("not a number: {cell:?}"))
}

#[test]
fn sample_headline_is_exact() {
    // Computed by hand (and cross-checked with an independent script) from data/:
    // Σtotal_investment = 2,748,400 万元 = 274.84亿元; Σplan = 628,300 = 62.83亿元;
    // Σytd(10月) = 431,387.3 = 43.14亿元; 431387.3 / 628300 = 68.66% → 68.7%;
    // 序时 10/12 = 83.3%; 68.7 − 83.3 = −14.6; 新开工 12, of which 8 have started: 66.7%.
    let site = common::build(&common::root().join("data"));
    let index = read(&site, "index.html");
    assert!(index.contains(
        "全县40个重点项目总投资274.84亿元，年度计划投资62.83亿元，1-10月累计完成投资43.14亿元，完成率68.7%，低于序时进度14.6个百分点。新开工项目12个，已开工8个，开工率66.7%。"
    ), "headline not found");
}

#[test]
fn ledger_subtotals_equal_the_sum_of_their_rows() {
    let site = common::build(&common::root().join("data"));
    let ledger = read(&site, "ledger.html");
    let sections: Vec<&str> = ledger.split("<tbody class=\"section\">").skip(1).collect();
    assert_eq!(sections.len(), 8, "one section per industry with projects");
    let mut grand = [0.0f64; 4];
    for section in &sections {
        let section = &section[..section.find("</tbody>").unwrap()];
        let table = rows(section);
        let (subtotal, items) = table.split_first().unwrap();
        for (k, col) in [3usize, 4, 5, 6].iter().enumerate() {
            let sum: f64 = items.iter().map(|r| number(&r[*col])).sum();
            let shown = number(&subtotal[*col]);
            grand[k] += shown;
            // Rows are rounded to 万元 one by one: they may differ from the subtotal by half a
            // 万元 per row at most; totals and plans are whole numbers in the sample.
            let tolerance = if *col <= 4 { 0.0 } else { 0.5 * items.len() as f64 };
            assert!((sum - shown).abs() <= tolerance, "column {col}: rows add to {sum}, subtotal says {shown}");
        }
    }
    let total_row = rows(
        &ledger[ledger.find("<tbody class=\"total-row\">").unwrap()..ledger.find("<tbody class=\"section\">").unwrap()],
    );
    assert_eq!(number(&total_row[0][3]), grand[0]);
    assert_eq!(number(&total_row[0][4]), grand[1]);
    assert_eq!(total_row[0][6], "431,387");
}

#[test]
fn every_link_resolves_and_nothing_comes_from_outside() {
    let site = common::build(&common::root().join("data"));
    let (checked, fragments) = common::links::check_all(&site);
    assert!(checked > 2000, "only {checked} links checked");
    assert!(fragments >= 40, "only {fragments} links into a page checked (one per project page at least)");
}

#[test]
fn a_project_month_table_is_the_data_of_its_chart() {
    // data/projects/2026/CY2026-001.yaml: monthly_plan 4000, 9000, …, 70000 (10月), 78000, 85000;
    // progress/2026-01…10.yaml: ytd 5,492 (1月), 55,171 (9月), 61,625 (10月); the report period is
    // 10月, so 11月 and 12月 show the plan alone.
    let site = common::build(&common::root().join("data"));
    let page = read(&site, "projects/CY2026-001.html");
    let start = page.find("<section id=\"months\">").expect("the month table has the id the chart links to");
    let body = &page[start..][page[start..].find("<tbody>").unwrap()..];
    let table = rows(&body[..body.find("</tbody>").unwrap()]);
    assert_eq!(table.len(), 12, "every month of the year, as on the chart");
    assert_eq!(table[0], ["1月", "4,000", "5,492", "5,492", "设备基础施工，完成年度工程量6%"]);
    assert_eq!(table[9], ["10月", "70,000", "61,625", "6,454", "厂房主体施工，完成年度工程量72%"]);
    assert_eq!(table[10], ["11月", "78,000", "", "", ""]);
    assert_eq!(table[11][..2], ["12月", "85,000"]);
    // The chart points to the table instead of carrying a copy of it.
    assert!(page.contains("<a href=\"#months\">图表数据见逐月进展表</a>"));
    assert!(!page.contains("class=\"chart-data\""), "a project page has its chart data once");
    assert_eq!(read(&site, "index.html").matches("class=\"chart-data\"").count(), 3, "other charts keep theirs");
}

/// The project page shows its one-page sheet as its facts and prints as it: the facts, the
/// S-curve and the sheet are on the page once (figures from data/projects/2026/CY2026-001.yaml
/// and progress/2026-10.yaml, read by hand).
#[test]
fn a_project_page_carries_its_sheet_once_for_screen_and_print() {
    let site = common::build(&common::root().join("data"));
    let page = read(&site, "projects/CY2026-001.html");
    assert_eq!(page.matches("<section class=\"sheet\">").count(), 1);
    assert_eq!(page.matches("<svg").count(), 1, "one S-curve, on screen and printed");
    assert_eq!(page.matches("澄源新锂科技有限公司").count(), 1, "the owner once");
    // What the screen showed besides the old sheet: the dates, 当月完成, 开工累计 (before_year
    // 102,000 + ytd 61,625 of 320,000).
    let dates =
        "<th scope=\"row\">开工 / 竣工</th><td colspan=\"3\">计划 2025-03-01，实际 2025-04-10 / 计划 2028-12-31</td>";
    assert!(page.contains(dates));
    assert!(page.contains("<th scope=\"col\">当月完成</th>") && page.contains("<td>6,454万元</td>"));
    assert!(page.contains("开工以来累计完成163,625万元，占总投资51.1%。"));
}

#[test]
fn every_page_type_exists() {
    let site = common::build(&common::root().join("data"));
    let files = common::files(&site);
    for page in [
        "index.html",
        "ledger.html",
        "projects/CY2026-001.html",
        "groups/industry.html",
        "groups/town.html",
        "groups/nature.html",
        "groups/level.html",
        "groups/lead_unit.html",
        "groups/leader.html",
        "groups/hq.html",
        "groups/industry/工业.html",
        "groups/hq/交通重点项目建设指挥部.html",
        "rankings.html",
        "warnings.html",
        "issues.html",
        "meetings/index.html",
        "meetings/2026-07-26-sigeyipi-tuijin.html",
        "decisions.html",
        "periods/index.html",
        "periods/2026-09/index.html",
        "periods/2026-01/ledger.html",
        "periods/2026-05/rankings.html",
        "static/style.css",
        "static/print.css",
        "static/tongbao.js",
        "bulletins/2026-10.html",
        "bulletins/2026-01.html",
        "handouts/2026-07-26-sigeyipi-tuijin.html",
    ] {
        assert!(files.iter().any(|f| f == page), "{page} is missing");
    }
    assert_eq!(files.iter().filter(|f| f.starts_with("projects/")).count(), 40);
    // Each earlier period: its dashboard, ledger, rankings, lit projects, blockers and decisions.
    assert_eq!(files.iter().filter(|f| f.starts_with("periods/2026-")).count(), 9 * 6);
    // Charts are inlined SVG with a title and a text alternative.
    let index = read(&site, "index.html");
    assert_eq!(index.matches("<svg role=\"img\"").count(), 3);
    assert!(index.contains("<title>全县重点项目2026年10月累计完成投资</title>"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let data = common::root().join("data");
    let (a, b) = (common::build(&data), common::build(&data));
    let files = common::files(&a);
    assert_eq!(files, common::files(&b));
    for f in &files {
        assert!(
            std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(),
            "{f} differs between two builds"
        );
    }
}

#[test]
fn archive_pages_show_their_own_period() {
    let site = common::build(&common::root().join("data"));
    let sept = read(&site, "periods/2026-09/index.html");
    assert!(sept.contains("归档：本页为 <strong>2026年9月</strong>"));
    assert!(sept.contains("1-9月累计完成投资"));
    assert!(sept.contains("数据截至 2026年9月30日"));
    // Its cards lead to September's lists, which count as they stood then.
    for page in ["warnings.html", "issues.html", "decisions.html", "ledger.html", "rankings.html"] {
        assert!(sept.contains(&format!("<a href=\"{page}\">")), "{page}");
        let archived = read(&site, &format!("periods/2026-09/{page}"));
        assert!(archived.contains("归档：本页为 <strong>2026年9月</strong>"), "{page}");
    }
    let lit = read(&site, "periods/2026-09/warnings.html");
    assert!(lit.contains("2026年9月亮灯项目"));
}

#[test]
fn meeting_bodies_are_sanitised_and_project_links_resolve() {
    let site = common::build(&common::fixture("mini"));
    let page = read(&site, "meetings/2026-01-20-diaodu.html");
    assert!(page.contains("会议研究了<a href=\"../projects/T-1.html\">T-1</a>。&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("<a href=\"\">危险</a>"));
    assert!(!page.contains("javascript:"));
    // The missing February report is shown, not hidden.
    let feb = read(&site, "periods/2026-02/ledger.html");
    assert!(feb.contains("乙项目</a> <span class=\"tag warn\">未报送</span>"));
}

#[test]
fn a_month_without_its_report_shows_未报送_in_the_project_month_table() {
    let site = common::build(&common::fixture("mini"));
    let page = read(&site, "projects/T-2.html");
    // T-2 is missing from February's file: its ytd stays at January's 30 (nothing that month),
    // and the month's 形象进度 is not January's carried over.
    assert!(page.contains("<tr><td>1月</td><td>50</td><td>30</td><td>30</td><td>开工</td></tr>"));
    assert!(page.contains("<tr><td>2月</td><td>100</td><td>30</td><td>0</td><td>未报送</td></tr>"));
    assert!(page.contains("<tr><td>3月</td><td>150</td><td>90</td><td>60</td><td>路基施工</td></tr>"));
}

#[test]
fn the_bulletin_has_every_part_of_a_tongbao() {
    let site = common::build(&common::root().join("data"));
    let html = read(&site, "bulletins/2026-10.html");
    let order = [
        "<p class=\"issuer\">澄源县重点项目推进服务中心</p>",
        "<p class=\"number\">2026年第10期</p>",
        // The title's words kept whole on paper (print::title_html).
        "<h1 class=\"title\">关于<span class=\"nobr\">2026年</span><span class=\"nobr\">1-10月</span>全县<span class=\"nobr\">重点项目</span><span class=\"nobr\">建设情况的通报</span></h1>",
        "为全面掌握全县重点项目建设进展",
        "<h2>一、总体情况</h2>",
        "<p>全县40个重点项目总投资274.84亿元",
        "10月当月完成投资",
        "<h2>二、分类推进情况</h2>",
        "分建设性质看，新开工项目12个",
        "<h2>三、排名与亮灯</h2>",
        "<h3>（一）责任单位逆排名</h3>",
        "责任单位逆排名后3名：县生态环境局、县商务局、县城管局。",
        "<h3>（四）亮灯情况</h3>",
        "全县亮红灯项目9个、黄灯项目6个",
        "<h2>四、存在问题</h2>",
        "<h2>五、下步工作要求</h2>",
        "（一）全力冲刺全年目标",
        "<section class=\"attachment wide dense\">\n<p class=\"label\">附件1</p>",
        "<p class=\"label\">附件2</p>",
        "<p class=\"label\">附件3</p>",
        "<b>抄送：</b><span>县委办公室，县人大常委会办公室，县政府办公室，县政协办公室。</span>",
        "<span>2026年11月5日印发</span>",
    ];
    let mut from = 0;
    for part in order {
        let at = html[from..].find(part).unwrap_or_else(|| panic!("{part:?} missing or out of order"));
        from += at + part.len();
    }
    // Without an office text the bulletin still renders its computed sections, and no 五.
    let september = read(&site, "bulletins/2026-09.html");
    assert!(september.contains("<h2>四、存在问题</h2>") && !september.contains("五、下步工作要求"));
    assert!(september.contains("2026年第9期") && september.contains("<span class=\"nobr\">1-9月</span>全县"));
}

/// The rows of a ledger page's table (the total, then each section's subtotal and project
/// rows), checked against the rows of the bulletin's 附件1 cell for cell.
fn ledger_rows_and_attachment_1_agree(site: &Path, ledger: &str, bulletin: &str) -> Vec<Vec<String>> {
    let cells = |table: &str| -> Vec<Vec<String>> {
        rows(table).into_iter().map(|r| [0, 1, 3, 4, 5, 6, 7, 8].iter().map(|&c| r[c].clone()).collect()).collect()
    };
    let ledger = read(site, ledger);
    let screen = &ledger[ledger.find("<tbody class=\"total-row\">").unwrap()..ledger.find("</table>").unwrap()];
    let document = read(site, bulletin);
    let attachment = &document[document.find("<p class=\"label\">附件1</p>").unwrap()..];
    let print = &attachment[attachment.find("<tbody>").unwrap()..attachment.find("</table>").unwrap()];
    let (screen, print) = (cells(screen), cells(print));
    // The print rows mark an unreported project in the name cell; the page with a tag.
    let unmarked = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.replace("（未报送）", "").replace(" 未报送", "")).collect()).collect()
    };
    assert_eq!(unmarked(&print), unmarked(&screen), "{bulletin} 附件1 differs from the ledger");
    screen
}

#[test]
fn the_bulletins_attachment_1_is_the_periods_ledger_row_for_row() {
    let site = common::build(&common::root().join("data"));
    // Both are rendered from the same values (ledger_rows.html and bulletin_ledger_rows.html,
    // inside ledger_section.html and bulletin_ledger_section.html).
    for (ledger, bulletin) in
        [("ledger.html", "bulletins/2026-10.html"), ("periods/2026-02/ledger.html", "bulletins/2026-02.html")]
    {
        let rows = ledger_rows_and_attachment_1_agree(&site, ledger, bulletin);
        assert_eq!(rows.len(), 1 + 8 + 40, "the total, 8 industries and 40 projects");
    }
}

/// The error of a build whose theme has `template` print `variable` escaped (without `| safe`);
/// such a build must leave no output.
fn build_with_escaped(label: &str, template: &str, variable: &str) -> String {
    let theme = common::scratch(label).join("theme");
    common::copy_dir(&common::root().join("themes/default"), &theme);
    let path = theme.join("templates").join(template);
    let text = std::fs::read_to_string(&path).unwrap();
    let safe = format!("{{{{ {variable} | safe }}}}");
    assert!(text.contains(&safe), "{template} prints {variable}");
    std::fs::write(&path, text.replace(&safe, &format!("{{{{ {variable} }}}}"))).unwrap();
    let out = common::scratch(label).join("site");
    let options = tongbao::BuildOptions {
        data: common::root().join("data"),
        theme: Some(theme),
        out: out.clone(),
        period: None,
        pdf: false,
        browser: None,
        downloads: true,
    };
    let error = tongbao::build(&options).unwrap_err().to_string();
    assert!(!out.exists(), "a failed build writes no output");
    error
}

#[test]
fn a_theme_that_escapes_the_ledger_sections_is_told_to_mark_them_safe() {
    // The sections are put in the page where the template outputs ledger.sections_html; a
    // theme that escapes it would show a marker instead of the ledger.
    let error = build_with_escaped("escaping-theme", "ledger.html", "ledger.sections_html");
    assert!(error.contains("ledger.html 的模板把台账各节当作文字转义了"), "{error}");
    assert!(error.contains("{{ ledger.sections_html | safe }}"), "{error}");
}

#[test]
fn a_theme_that_escapes_a_sections_rows_is_told_to_mark_them_safe() {
    // Likewise the rows of each section, put where the section template outputs them.
    let error = build_with_escaped("escaping-section", "ledger_section.html", "section.rows_html");
    assert!(error.contains("错误：模板 ledger_section.html 把本节的项目行当作文字转义了"), "{error}");
    assert!(error.contains("{{ section.rows_html | safe }}"), "{error}");
}

#[test]
fn a_ledger_with_sections_longer_than_a_batch_of_rows_keeps_every_row_once_in_order() {
    // 2,400 projects in 8 industries: sections of about 300 rows, more than the build turns
    // into template values at once (256), so each section is rendered in two batches.
    let data = common::scratch("ledger-2400").join("data");
    tongbao::demo::write(tongbao::demo::Size { projects: 2400, years: 1, meetings: 20, seed: 7 }, &data).unwrap();
    let site = common::build(&data);
    let rows = ledger_rows_and_attachment_1_agree(&site, "ledger.html", "bulletins/2026-12.html");
    let mut numbers = Vec::new();
    let mut longest = 0;
    // After the total: each subtotal (empty first cell, "一、工业（262个）") and its project rows.
    let mut section: Option<(String, usize)> = None;
    let mut close = |section: Option<(String, usize)>| {
        if let Some((heading, count)) = section {
            assert!(heading.ends_with(&format!("（{count}个）")), "{heading} has {count} rows");
            longest = longest.max(count);
        }
    };
    for row in &rows[1..] {
        if row[0].is_empty() {
            close(section.replace((row[1].clone(), 0)));
        } else {
            numbers.push(row[0].parse::<usize>().unwrap());
            section.as_mut().expect("a project row before any subtotal").1 += 1;
        }
    }
    close(section);
    assert_eq!(numbers, (1..=2400).collect::<Vec<_>>(), "every project once, numbered in order");
    assert!(longest > 256, "no section is longer than a batch ({longest} rows)");
}

#[test]
fn the_dashboard_lists_the_five_highest_and_lowest_rates_of_the_ledger() {
    let site = common::build(&common::root().join("data"));
    let percent = |cell: &str| cell.trim_end_matches('%').parse::<f64>().ok();
    let ledger = read(&site, "ledger.html");
    let items = &ledger[ledger.find("<tbody class=\"section\">").unwrap()..ledger.find("</table>").unwrap()];
    // (name, rate) of every project with a rate: rows of 13 cells whose first is a number.
    let all: Vec<(String, f64)> = rows(items)
        .into_iter()
        .filter(|r| r.len() > 7 && !r[0].is_empty())
        .filter_map(|r| Some((r[1].clone(), percent(&r[7])?)))
        .collect();
    assert!(all.len() > 10, "{}", all.len());
    let dashboard = read(&site, "index.html");
    let table = |heading: &str| -> Vec<(String, f64)> {
        let from = dashboard.find(heading).unwrap();
        let html = &dashboard[from..from + dashboard[from..].find("</table>").unwrap()];
        rows(html).into_iter().filter(|r| r.len() > 7).map(|r| (r[1].clone(), percent(&r[7]).unwrap())).collect()
    };
    let (top, bottom) = (table("完成率前5名项目"), table("完成率后5名项目"));
    assert_eq!((top.len(), bottom.len()), (5, 5));
    let others = |shown: &[(String, f64)]| -> Vec<f64> {
        all.iter().filter(|(name, _)| !shown.iter().any(|(n, _)| n == name)).map(|(_, r)| *r).collect()
    };
    // Best first and worst first, and nobody left out ranks beyond them.
    assert!(top.windows(2).all(|w| w[0].1 >= w[1].1), "{top:?}");
    assert!(bottom.windows(2).all(|w| w[0].1 <= w[1].1), "{bottom:?}");
    assert!(others(&top).iter().all(|&r| r <= top[4].1), "{top:?}");
    assert!(others(&bottom).iter().all(|&r| r >= bottom[4].1), "{bottom:?}");
}

/// More projects at 0.0 % than the bottom list holds: the biggest stalled plans are listed,
/// and the page says how many more share the rate.
#[test]
fn a_tie_at_the_bottom_lists_the_biggest_stalled_plans_and_says_more_are_tied() {
    let data = common::sample_copy("tie");
    // CY2026-003 (plan 22,000) and CY2026-005 (12,000) report nothing all year: with the
    // sample's four stalled projects, six at 0.0 %.
    for file in common::files(&data.join("progress")) {
        let path = data.join("progress").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut out = String::new();
        let mut stalled = false;
        for line in text.lines() {
            if stalled && line.starts_with("    ytd:") {
                out.push_str("    ytd: 0\n");
                stalled = false;
                continue;
            }
            stalled = line == "  CY2026-003:" || line == "  CY2026-005:";
            out.push_str(line);
            out.push('\n');
        }
        std::fs::write(&path, out).unwrap();
    }
    let site = common::build(&data);
    let ledger = read(&site, "ledger.html");
    let items = &ledger[ledger.find("<tbody class=\"section\">").unwrap()..ledger.find("</table>").unwrap()];
    let plan = |cell: &str| cell.replace(',', "").parse::<u64>().unwrap();
    let mut stalled: Vec<(u64, String)> = rows(items)
        .into_iter()
        .filter(|r| r.len() > 7 && !r[0].is_empty() && r[7] == "0.0%")
        .map(|r| (plan(&r[4]), r[1].clone()))
        .collect();
    assert_eq!(stalled.len(), 6, "{stalled:?}");
    stalled.sort_by_key(|s| std::cmp::Reverse(s.0));
    let dashboard = read(&site, "index.html");
    let from = dashboard.find("完成率后5名项目").unwrap();
    let html = &dashboard[from..from + dashboard[from..].find("</table>").unwrap()];
    let bottom: Vec<(u64, String)> =
        rows(html).into_iter().filter(|r| r.len() > 7).map(|r| (plan(&r[4]), r[1].clone())).collect();
    assert_eq!(bottom, stalled[..5], "the biggest stalled plans first");
    assert_eq!(bottom[0].1, "绿色建材产业园一期", "CY2026-003, the largest plan at 0.0 %");
    assert!(dashboard.contains("另有1个项目完成率同为0.0%，按年度计划从大到小列前5。"));
}

#[test]
fn the_warnings_page_lists_the_ledgers_red_and_yellow_projects_furthest_behind_first() {
    let site = common::build(&common::root().join("data"));
    let ledger = read(&site, "ledger.html");
    let items = &ledger[ledger.find("<tbody class=\"section\">").unwrap()..ledger.find("</table>").unwrap()];
    let ledger_rows: Vec<Vec<String>> = rows(items).into_iter().filter(|r| r.len() > 9 && !r[0].is_empty()).collect();
    let warnings = read(&site, "warnings.html");
    for (light, heading, expected) in [("红灯", "红灯项目", 9), ("黄灯", "黄灯项目", 6)] {
        let mut lit: Vec<&str> =
            ledger_rows.iter().filter(|r| r[9].starts_with(light)).map(|r| r[1].as_str()).collect();
        let from = warnings.find(&format!("<h2>{heading}（")).unwrap();
        let count = warnings[from..].split(['（', '）']).nth(1).unwrap();
        let table = &warnings[from..from + warnings[from..].find("</table>").unwrap()];
        let shown: Vec<(String, f64)> = rows(table)
            .into_iter()
            .filter(|r| r.len() > 9)
            .map(|r| (r[1].clone(), number(&r[8].replace('−', "-"))))
            .collect();
        assert_eq!((count, shown.len(), lit.len()), (expected.to_string().as_str(), expected, expected), "{heading}");
        assert!(shown.windows(2).all(|w| w[0].1 <= w[1].1), "{heading} furthest behind first: {shown:?}");
        let mut names: Vec<&str> = shown.iter().map(|(n, _)| n.as_str()).collect();
        names.sort();
        lit.sort();
        assert_eq!(names, lit, "{heading}");
    }
}

#[test]
fn the_issues_page_lists_as_many_blockers_as_its_headline_says() {
    let site = common::build(&common::root().join("data"));
    let issues = read(&site, "issues.html");
    let headline = &issues[issues.find("本期新增问题").unwrap()..];
    let counts: Vec<usize> = headline.split(' ').filter_map(|w| w.parse().ok()).take(4).collect::<Vec<_>>();
    let (new, open, overdue, resolved) = (counts[0], counts[1], counts[2], counts[3]);
    let table = |heading: &str| -> Vec<Vec<String>> {
        let from = issues.find(&format!("<h2>{heading}</h2>")).unwrap();
        let rest = &issues[from..];
        let end = rest[4..].find("<h2>").map_or(rest.len(), |e| e + 4);
        rows(&rest[..end]).into_iter().filter(|r| r.len() > 9).collect()
    };
    let open_rows = table("推进中");
    assert_eq!((table("本期新增").len(), open_rows.len(), table("本期已销号").len()), (new, open, resolved));
    assert_eq!(open_rows.iter().filter(|r| r[2].contains("已超期")).count(), overdue);
    assert!(open > 0 && resolved > 0, "the sample has open and resolved blockers");
}

#[test]
fn the_decisions_page_lists_every_decision_with_its_warning() {
    let data = common::root().join("data");
    let (site, ds) = (common::build(&data), common::dataset(&data));
    let page = read(&site, "decisions.html");
    let table = &page[page.find("<table").unwrap()..page.find("</table>").unwrap()];
    let listed = rows(table).into_iter().filter(|r| r.len() == 7).count();
    assert_eq!(listed, ds.meetings.iter().map(|m| m.front.decisions.len()).sum::<usize>());
    // "超期 N 件（红）、7日内到期 N 件（黄）、按期推进 N 件（蓝）": as many as the table marks.
    let headline = &page[page.find("未办结议定事项中").unwrap()..];
    let said: Vec<usize> = headline.split(' ').filter_map(|w| w.parse().ok()).take(3).collect();
    let marked: Vec<usize> = ["alert-red", "alert-yellow", "alert-blue"]
        .iter()
        .map(|c| table.matches(&format!("alert {c}")).count())
        .collect();
    assert_eq!(said, marked);
    assert!(marked.iter().all(|&n| n > 0), "the sample has every colour: {marked:?}");
    // The decision whose 延期 entry moved its deadline (专题会议, 第1件) is marked so.
    assert!(table.contains("<td class=\"nowrap\">2026-11-30（延期）</td>"), "the 延期 is not marked");
    assert_eq!(table.matches("（延期）").count(), 1);
    // Each meeting's page lists its own decisions.
    for m in &ds.meetings {
        let page = read(&site, &format!("meetings/{}.html", m.stem));
        let shown = page.find("<h2>议定事项</h2>").map_or(0, |from| {
            let table = &page[from..from + page[from..].find("</table>").unwrap()];
            rows(table).into_iter().filter(|r| r.len() == 6).count()
        });
        assert_eq!(shown, m.front.decisions.len(), "{}", m.stem);
    }
}

#[test]
fn handouts_have_a_sheet_per_project_discussed() {
    let site = common::build(&common::root().join("data"));
    let html = read(&site, "handouts/2026-10-20-sanjidu-guanmo.html");
    assert_eq!(html.matches("<section class=\"sheet\">").count(), 4);
    // Prepared before the meeting of 10-20: the figures of September (as_of 09-30).
    assert!(html.contains("数据截至2026年9月"));
    // The open decisions of earlier meetings, judged on the meeting day.
    assert!(html.contains("由临江高新园区负责，7月底前完成农机装备制造产业园厂房用地征收"));
    assert!(
        !html.contains("由县交通运输局负责，11月15日前取得城乡供水管网穿越国道许可"),
        "its own decisions are not 'earlier'"
    );
}

/// Pages of a MB and more (a city's ledger pages) are written by a thread of their own, straight
/// to the disk: each is still exactly the page, in a new folder and over a changed file in a
/// reused one.
#[test]
fn large_pages_are_written_whole_in_a_new_folder_and_over_a_reused_one() {
    let data = common::scratch("large-data").join("data");
    common::demo(&data, &["--projects", "3000", "--years", "1", "--meetings", "10"]);
    let out = common::scratch("large").join("site");
    common::build_into(&data, &out);
    let size = |file: &String| std::fs::metadata(out.join(file)).unwrap().len();
    let large: Vec<String> = common::files(&out).into_iter().filter(|f| size(f) >= 1 << 20).collect();
    assert!(large.len() >= 10, "3,000 projects make a ledger page of over 1 MB a month: {large:?}");
    let mut pages = Vec::new();
    common::rendered_alone(&data, &large, |file, page| {
        assert!(page == std::fs::read(out.join(file)).unwrap(), "{file} differs in a new folder");
        pages.push(page);
    });

    // The second build moves the first output aside; the third writes over it.
    common::build_into(&data, &out);
    let kept = out.with_file_name(".site.previous");
    let ledger = kept.join("ledger.html");
    let mut changed = std::fs::read(&ledger).unwrap();
    changed[1 << 20] = b'x';
    std::fs::write(&ledger, changed).unwrap();
    common::build_into(&data, &out);
    for (file, page) in large.iter().zip(&pages) {
        assert!(*page == std::fs::read(out.join(file)).unwrap(), "{file} differs written over");
    }
}

#[test]
fn a_rebuild_writes_over_the_previous_output_and_leaves_nothing_stale() {
    let data = common::copy_of("mini");
    let out = common::scratch("rebuild").join("site");
    let kept = out.with_file_name(".site.previous");
    let meeting = data.join("meetings/2026-01-20-diaodu.md");
    let text = std::fs::read(&meeting).unwrap();

    common::build_into(&data, &out);
    assert!(out.join("meetings/2026-01-20-diaodu.html").is_file() && !kept.exists());

    // Without the meeting: its pages are gone, and the first output is kept for reuse.
    std::fs::remove_file(&meeting).unwrap();
    common::build_into(&data, &out);
    assert!(!out.join("meetings/2026-01-20-diaodu.html").exists());
    assert!(!out.join("handouts/2026-01-20-diaodu.html").exists());
    assert!(kept.join("meetings/2026-01-20-diaodu.html").is_file());

    // With it again, written over the first output: the same files and bytes as a fresh build.
    std::fs::write(&meeting, text).unwrap();
    // A page of the same length but other bytes must still be written over.
    let len = std::fs::metadata(kept.join("index.html")).unwrap().len() as usize;
    std::fs::write(kept.join("index.html"), "x".repeat(len)).unwrap();
    // A page an earlier build wrote (its marker lists it) that this build does not write.
    std::fs::write(kept.join("stale.html"), "left over").unwrap();
    let marker = std::fs::read_to_string(kept.join(".tongbao")).unwrap();
    std::fs::write(kept.join(".tongbao"), format!("{marker}stale.html\n")).unwrap();
    common::build_into(&data, &out);
    let fresh = common::build(&data);
    assert_eq!(common::files(&out), common::files(&fresh));
    assert!(out.join(".tongbao").is_file());
    for file in common::files(&fresh) {
        assert!(std::fs::read(out.join(&file)).unwrap() == std::fs::read(fresh.join(&file)).unwrap(), "{file} differs");
    }
    let folders = |dir: &Path| {
        walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_dir()).count()
    };
    assert_eq!(folders(&out), folders(&fresh), "no empty folder is left behind");
}

/// A returned decision (退办) on the site and the forms: waiting, it is said so, counted in the
/// 督查通报 for the office and urged on no unit; assigned again, it is the new unit's.
#[test]
fn a_returned_decision_is_shown_as_waiting_then_as_the_new_units() {
    let data = common::mini_with_a_returned_decision();
    let words = |site: &Path, page: &str| {
        let html = read(site, page);
        let text: String = html.split('<').map(|part| part.split_once('>').map_or(part, |(_, t)| t)).collect();
        text.split_whitespace().collect::<String>()
    };
    let february = common::scratch("returned").join("site");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_tongbao"))
        .args(["build", "--quiet", "--period", "2026-02", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&february)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(words(&february, "decisions.html").contains("乙局（已退办，待重新交办）"));
    let report = words(&february, "supervision/ducha-2026-02.html");
    assert!(
        report.contains("逾期未办结1件，占33.3%。其中1件经牵头单位退办，待重新交办（1件已过办理时限）。"),
        "{report}"
    );
    assert!(report.contains("各牵头单位的议定事项均在办理时限内推进，无逾期事项。"), "{report}");
    let notices = words(&february, "supervision/cuiban-2026-02.html");
    assert!(!notices.contains("乙局：") && !notices.contains("乙局二月十日前筹措资金"), "{notices}");

    let march = common::build(&data);
    assert!(words(&march, "decisions.html").contains("甲局（改派，原乙局）"));
    let notices = words(&march, "supervision/cuiban-2026-03.html");
    assert!(
        notices.contains("甲局：截至2026年3月31日，你单位牵头办理的下列1项事项中，有1项已超过办理时限。"),
        "{notices}"
    );
    assert!(notices.contains("议定事项乙局二月十日前筹措资金一月调度会第2件2026年2月10日逾期49天"), "{notices}");
    assert!(
        words(&march, "supervision/ducha-2026-03.html").contains("办理滞后、存在逾期事项的单位：甲局（逾期1件）。")
    );
}
