//! The site's search in a real browser: the sample built, a page opened from `file://` (an
//! archived period's, two folders down), queries typed into the box by playwright-core driving
//! Debian's chromium (tests/search_browser.js), the results read and the first one followed.
//! The expected results are read off the sample's data by hand.

mod common;

#[derive(serde::Deserialize)]
struct Found {
    count: String,
    results: Vec<Hit>,
}

#[derive(serde::Deserialize)]
struct Hit {
    title: String,
    text: String,
    marked: String,
    href: String,
}

#[test]
fn search_finds_projects_units_blockers_and_meetings_from_file_urls() {
    if !common::browser_present(&["playwright-core"]) {
        return;
    }
    let site = common::build(&common::root().join("data"));
    let queries = ["水库", "征地", "县交通运输局", "赵建军", "ＣＹ2026-02", "镇", "没有这个词"];
    let mut args = vec![site.into_os_string(), "periods/2026-09/index.html".into()];
    args.extend(queries.iter().map(Into::into));
    let out = common::browser_script("search_browser.js", args);
    let found = |q: &str| -> Found { serde_json::from_value(out["queries"][q].clone()).unwrap() };

    // 水库: the project whose name has it first, then the decision and the two blockers about it.
    let reservoir = found("水库");
    assert_eq!(reservoir.count, "找到 4 条");
    let titles: Vec<&str> = reservoir.results.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "青山水库工程",
            "由县财政局负责，8月31日前拨付青山水库工程中央预算内资金",
            "库区移民安置点选址调整",
            "中央预算内资金拨付滞后"
        ]
    );
    assert_eq!(reservoir.results[0].href, "../../projects/CY2026-020.html");
    assert_eq!(reservoir.results[1].href, "../../meetings/2026-07-26-sigeyipi-tuijin.html#decision-1");
    assert_eq!(reservoir.results[2].href, "../../projects/CY2026-020.html#issues");
    assert_eq!(reservoir.results[2].text, "难点·规划 · 青山水库工程 · 县自然资源局 · 未销号");
    assert!(reservoir.results.iter().all(|h| h.marked == "水库"));

    // 征地: the meeting on it, its decisions and the blockers of 征地拆迁.
    let land = found("征地");
    assert_eq!(land.count, "找到 5 条");
    assert_eq!(land.results[0].title, "重点项目征地拆迁专题会议");
    assert!(
        land.results.iter().any(|h| h.title == "厂房用地征地拆迁未完成" && h.href.ends_with("CY2026-005.html#issues"))
    );

    // A unit: its group page first, then what it leads.
    let unit = found("县交通运输局");
    assert_eq!(
        (unit.results[0].title.as_str(), unit.results[0].href.as_str()),
        ("县交通运输局", "../../groups/lead_unit/县交通运输局.html")
    );
    assert!(unit.results.iter().any(|h| h.title == "县城东环线"));
    // A leader, by name; a project number typed in full-width letters, half typed.
    let leader = found("赵建军");
    assert_eq!(leader.results[0].href, "../../groups/leader/赵建军.html");
    let numbered = found("ＣＹ2026-02");
    assert!(numbered.results.iter().any(|h| h.title == "青山水库工程"), "{:?}", numbered.count);
    assert!(numbered.results.iter().all(|h| h.text.contains("CY2026-02")));
    // One character, which the index has only where it stands alone: read off the documents.
    let town = found("镇");
    assert!(town.results.len() > 5 && town.results.iter().all(|h| h.title.contains('镇') || h.text.contains('镇')));
    assert!(town.results[0].title.contains('镇'));
    assert_eq!(found("没有这个词").count, "没有找到“没有这个词”");

    // Following the first result opens that page.
    assert!(out["followed"]["url"].as_str().unwrap().ends_with("/projects/CY2026-020.html"), "{}", out["followed"]);
    assert!(out["followed"]["title"].as_str().unwrap().starts_with("青山水库工程"));
}

/// The index is a script that sets one global, cut as tongbao.js cuts a query.
#[test]
fn the_index_is_a_script_that_loads_from_file_urls() {
    let site = common::build(&common::root().join("data"));
    let index = std::fs::read_to_string(site.join("search-index.js")).unwrap();
    assert!(index.starts_with("// tongbao 的全站搜索索引（由 tongbao build 生成）\nwindow.tongbaoSearch={\"docs\":[["));
    assert!(index.contains("\"水库\":\""), "the bigram 水库 is a token");
    // Every page has the box (hidden until tongbao.js shows it) pointing at the site's root.
    let archived = std::fs::read_to_string(site.join("periods/2026-09/index.html")).unwrap();
    assert!(archived.contains("<div class=\"search\" role=\"search\" hidden data-root=\"../../\">"));
}
