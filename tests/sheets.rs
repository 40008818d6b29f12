//! `tongbao export`: a period's 台账 as the workbook an office hands in, read back by an
//! independent reader (Python's openpyxl, run by tests/workbook.py), every figure computed by
//! hand from the `mini` fixture.

mod common;

use std::process::Command;

fn export(period: &str) -> std::path::PathBuf {
    let out = common::scratch("export").join("台账.xlsx");
    let run = Command::new(env!("CARGO_BIN_EXE_tongbao"))
        .args(["export", "--period", period, "--data"])
        .arg(common::fixture("mini"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    out
}

#[test]
fn the_ledger_workbook_is_what_an_office_hands_in() {
    let file = export("2026-03");
    assert!(std::fs::read(&file).unwrap() == std::fs::read(export("2026-03")).unwrap(), "same data, same bytes");
    if !common::openpyxl_present() {
        return;
    }
    let out = Command::new("python3").arg(common::root().join("tests/workbook.py")).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let book: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // A row with its rate (column H, a fraction of unrounded Decimals made a float) checked
    // to within a float's last digits and left out.
    let row = |i: usize| book["rows"][i].clone();
    let without_rate = |i: usize, rate: f64| {
        let mut r = row(i);
        let got = r[7].as_f64().unwrap();
        assert!((got - rate).abs() < 1e-12, "row {i}: rate {got}, expected {rate}");
        r[7] = serde_json::Value::Null;
        r
    };
    assert_eq!(row(0)[0], "测试县2026年1-3月重点项目计划完成情况一览表");
    assert_eq!(row(1)[0], "单位：万元");
    assert_eq!(
        book["merged"],
        serde_json::json!([
            "A1:M1", "A2:M2", "A3:A4", "B3:B4", "C3:C4", "D3:G3", "H3:I3", "J3:J4", "K3:K4", "L3:L4", "M3:M4"
        ])
    );
    assert_eq!(row(2)[3], "投资（万元）");
    assert_eq!(row(3)[6], "1-3月累计");
    // 合计: total 3000 + 1000 + 800; plan 1200 + 600; ytd 280 + 90; 当月 (280 − 150) + (90 − 30,
    // T-2's January: it was not in February's report); rate 370 / 1800; 20.6 − 25.0 = −4.4.
    let total =
        serde_json::json!([null, "合计（3项）", null, 4800, 1800, 190, 370, null, -4.4, null, null, null, null]);
    assert_eq!(without_rate(4, 370.0 / 1800.0), total);
    assert_eq!(row(5)[1], "一、工业（2项）");
    assert_eq!(row(5).as_array().unwrap()[3..7], [3800, 1200, 130, 280].map(serde_json::Value::from));
    let first = serde_json::json!([
        1,
        "甲项目",
        "续建",
        3000,
        1200,
        130,
        280,
        null,
        -1.7,
        "绿灯",
        "主体施工",
        "甲局",
        "张三、李四"
    ]);
    assert_eq!(without_rate(6, 280.0 / 1200.0), first);
    assert_eq!(row(7)[7], "—", "a plan of 0 has no rate");
    assert_eq!(row(8)[1], "二、交通（1项）");
    assert_eq!(row(9)[9], "黄灯");
    assert_eq!(
        book["formats"],
        serde_json::json!({
            "D5": "#,##0", "H5": "0.0%", "I5": "+0.0;-0.0;0.0",
            "D7": "#,##0", "H7": "0.0%", "I7": "+0.0;-0.0;0.0", "B7": "General", "K7": "General"
        })
    );
    // Rows filled by their light (the subtotal rows blue, 丙项目 without a light unfilled), from
    // the first column to the last.
    let fills = serde_json::json!(["00000000", "FFDDEBF7", "FFC6EFCE", "00000000", "FFDDEBF7", "FFFFEB9C"]);
    assert_eq!(book["fills"], fills);
    assert_eq!(book["last_column_fills"], fills);
    assert_eq!(book["freeze"], "C5");
    assert_eq!(book["print"], serde_json::json!(["landscape", 8, true, 0, "$3:$4"]), "A3 landscape, fit to width");
}

/// The workbook as an office's LibreOffice prints it: an A3 landscape page per sheet's width,
/// the title and the 合计 row on the first page, the headings whole (none cut to `名/次`).
#[test]
fn libreoffice_prints_the_ledger_on_a3_landscape() {
    let install = "apt-get update && apt-get install libreoffice-calc-nogui poppler-utils";
    let present = common::command_exists("soffice") && common::command_exists("pdftotext");
    if !common::checker_present("LibreOffice 与 poppler", present, install) {
        return;
    }
    let file = export("2026-03");
    let dir = file.parent().unwrap();
    let profile = common::scratch("libreoffice-profile");
    let run = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&file)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let pdf = dir.join("台账.pdf");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(info.contains("Page size:       1190.55 x 841.89 pts (A3)"), "{info}");
    let first = Command::new("pdftotext").args(["-f", "1", "-l", "1", "-layout"]).arg(&pdf).arg("-").output().unwrap();
    let first = String::from_utf8(first.stdout).unwrap();
    for expected in ["测试县2026年1-3月重点项目计划完成情况一览表", "单位：万元", "合计（3项）", "1-3月累计", "甲项目"]
    {
        assert!(first.contains(expected), "page 1 lacks {expected}:\n{first}");
    }
    // Every column of the 台账 on the page's width: the last one, 挂包领导, with its people.
    assert!(first.contains("挂包领导") && first.contains("张三、李四"), "{first}");
}

/// `build --no-downloads` writes no workbook and no CSV, and no page links to one; a plain
/// build of the same data has both for every period, linked from the ledger.
#[test]
fn a_build_without_downloads_has_none_and_links_none() {
    let root = common::scratch("no-downloads");
    let build = |out: &str, extra: &[&str]| {
        let run = Command::new(env!("CARGO_BIN_EXE_tongbao"))
            .args(["build", "--quiet", "--data"])
            .arg(common::fixture("mini"))
            .arg("--out")
            .arg(root.join(out))
            .args(extra)
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        common::files(&root.join(out))
    };
    let with = build("with", &[]);
    assert!(
        with.iter().any(|f| f == "downloads/台账-2026-03.xlsx")
            && with.iter().any(|f| f == "downloads/台账-2026-03.csv")
    );
    let ledger = std::fs::read_to_string(root.join("with/ledger.html")).unwrap();
    assert!(ledger.contains("downloads/台账-2026-03.xlsx"), "the ledger links its workbook");
    let without = build("without", &["--no-downloads"]);
    assert!(without.iter().all(|f| !f.starts_with("downloads/")), "{without:?}");
    for page in without.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(root.join("without").join(page)).unwrap();
        assert!(!html.contains("downloads/"), "{page} links a download that was not written");
    }
}
