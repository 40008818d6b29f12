//! axe-core (npm) in headless Chromium driven by playwright-core (tests/accessibility.js) on one
//! page of every type of the sample: no serious or critical violation (contrast, links told
//! apart from text only by colour, names, labels).

mod common;

use std::ffi::OsStr;

#[test]
fn no_serious_accessibility_violation_on_any_page_type() {
    if !common::browser_present(&["playwright-core", "axe-core"]) {
        return;
    }
    let site = common::build(&common::root().join("data"));
    let pages = [
        "index.html",
        "ledger.html",
        "rankings.html",
        "warnings.html",
        "issues.html",
        "decisions.html",
        "supervision.html",
        "periods/index.html",
        "periods/2026-09/index.html",
        "periods/2026-09/warnings.html",
        "meetings/index.html",
        "meetings/2026-07-26-sigeyipi-tuijin.html",
        "projects/CY2026-020.html",
        "groups/industry.html",
        "groups/lead_unit/县交通运输局.html",
        "bulletins/2026-10.html",
        "handouts/2026-07-26-sigeyipi-tuijin.html",
        "supervision/ducha-2026-10.html",
        "supervision/cuiban-2026-10.html",
    ];
    for page in pages {
        assert!(site.join(page).is_file(), "{page}");
    }
    let found =
        common::browser_script("accessibility.js", std::iter::once(site.as_os_str()).chain(pages.map(OsStr::new)));
    assert_eq!(found.as_object().unwrap().len(), pages.len());
    for page in pages {
        assert_eq!(found[page], serde_json::json!([]), "{page}: {:#}", found[page]);
    }
}

/// On a 390 px phone screen the ledger and the project lists show each project's name, 完成率
/// and light without sideways scrolling, and chart text is drawn at 9 px or more (a chart keeps
/// its width and scrolls in its box) (tests/phone.js).
#[test]
fn on_a_phone_project_rows_show_name_rate_and_light_without_scrolling() {
    if !common::browser_present(&["playwright-core"]) {
        return;
    }
    let site = common::build(&common::root().join("data"));
    let pages = [
        "ledger.html",
        "warnings.html",
        "groups/industry/工业.html",
        "issues.html",
        "index.html",
        "projects/CY2026-001.html",
        "rankings.html",
    ];
    let found = common::browser_script("phone.js", std::iter::once(site.as_os_str()).chain(pages.map(OsStr::new)));
    for page in pages {
        assert_eq!(found[page]["sideways"], false, "{page} scrolls sideways");
    }
    for page in &pages[..3] {
        let seen = &found[page];
        assert!(seen["name"] == true && seen["rate"] == true && seen["light"] == true, "{page}: {seen}");
    }
    assert_eq!(found["ledger.html"]["rate_text"], "72.5%");
    for page in ["index.html", "projects/CY2026-001.html", "rankings.html"] {
        let smallest = found[page]["chart_text"].as_f64().unwrap_or_else(|| panic!("{page} has no chart"));
        assert!(smallest >= 9.0, "{page}: chart text drawn at {smallest:.1} px on a phone");
    }
}
