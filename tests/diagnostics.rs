//! Broken data gives findings in Chinese at the exact file:line:col, never a panic, and a failed
//! build leaves the previous output untouched.

mod common;

use std::path::Path;
use std::process::Command;
use tongbao::diagnostic::Diagnostic;

/// Every finding of a data folder as "file:line:col code message".
fn findings(dir: &Path) -> Vec<Diagnostic> {
    let loaded = tongbao::load::load(dir, None);
    let mut out = loaded.diagnostics.clone();
    if let Some(ds) = &loaded.dataset {
        out.extend(tongbao::check::check(ds, &loaded.sources));
    }
    out.sort();
    out
}

fn brief(d: &Diagnostic) -> String {
    format!("{}:{}:{} {} {}", d.file, d.line, d.column, d.code, d.message)
}

/// The one finding of a data folder that must have exactly one error.
fn only_error(dir: &Path) -> Diagnostic {
    let errors: Vec<Diagnostic> = findings(dir).into_iter().filter(Diagnostic::is_error).collect();
    assert_eq!(errors.len(), 1, "expected one error, got {:#?}", errors.iter().map(brief).collect::<Vec<_>>());
    errors.into_iter().next().unwrap()
}

#[test]
fn an_unknown_unit_names_file_line_column_and_the_likely_name() {
    let dir = common::edited("mini", "projects/T-1.yaml", "lead_unit: 甲局", "lead_unit: 甲居");
    let d = only_error(&dir);
    assert_eq!(brief(&d), "projects/T-1.yaml:5:12 E0301 未知的单位「甲居」");
    assert_eq!(d.hint.as_deref(), Some("是否应为「甲局」？"));
}

#[test]
fn a_misspelt_key_points_at_the_key() {
    let dir = common::edited("mini", "projects/T-2.yaml", "lead_unit: 乙局", "lead_unti: 乙局");
    let d = only_error(&dir);
    assert_eq!(brief(&d), "projects/T-2.yaml:5:1 E0102 未知的键「lead_unti」");
    assert_eq!(d.hint.as_deref(), Some("是否应为「lead_unit」？"));
}

#[test]
fn a_broken_project_file_does_not_cascade_into_unknown_references() {
    // T-1 is named by progress files and the meeting; only its own error is reported.
    let dir = common::edited("mini", "projects/T-1.yaml", "lead_unit: 甲局", "lead_unti: 甲局");
    assert_eq!(brief(&only_error(&dir)), "projects/T-1.yaml:5:1 E0102 未知的键「lead_unti」");
}

#[test]
fn a_wrong_type_inside_a_flow_mapping() {
    let dir = common::edited("mini", "progress/2026-03.yaml", "T-2: { ytd: 90", "T-2: { ytd: abc");
    let d = only_error(&dir);
    assert_eq!(
        brief(&d),
        "progress/2026-03.yaml:5:15 E0104 类型不符：应为以万元计的数字，如 3500 或 1234.5，实际是「abc」（位于 entries.T-2.ytd）"
    );
    let rendered = d.render(Some(&std::fs::read_to_string(dir.join("progress/2026-03.yaml")).unwrap()));
    assert!(
        rendered.contains("5 |   T-2: { ytd: abc, started: true, progress: 路基施工 }\n  |               ^^^\n"),
        "{rendered}"
    );
}

#[test]
fn a_tab_is_a_syntax_error_not_a_missing_field() {
    let dir = common::edited("mini", "projects/T-2.yaml", "\nname: 乙项目", "\n\tname: 乙项目");
    let d = only_error(&dir);
    assert_eq!(d.code, "E0101");
    assert_eq!((d.file.as_str(), d.line, d.column), ("projects/T-2.yaml", 2, 1));
    assert!(d.message.contains("制表符"), "{}", d.message);
}

#[test]
fn references_in_meetings_and_progress_are_checked() {
    let dir = common::edited("mini", "meetings/2026-01-20-diaodu.md", "会议研究了[[T-1]]", "会议研究了[[T-9]]");
    assert_eq!(brief(&only_error(&dir)), "meetings/2026-01-20-diaodu.md:27:8 E0305 正文链接的项目编号「T-9」不存在");
    let dir = common::edited("mini", "progress/2026-01.yaml", "  T-3: { ytd: 0", "  T-5: { ytd: 0");
    assert_eq!(brief(&only_error(&dir)), "progress/2026-01.yaml:6:3 E0305 未知的项目编号「T-5」");
    let dir = common::edited("mini", "meetings/2026-01-20-diaodu.md", "status: 未启动", "status: 已完成");
    let d = only_error(&dir);
    assert_eq!(
        brief(&d),
        "meetings/2026-01-20-diaodu.md:25:13 E0105 不允许的取值「已完成」（位于 decisions[2].status）"
    );
    assert_eq!(d.hint.as_deref(), Some("可选的值：未启动、正在办理、已办结、延期"));
}

#[test]
fn ids_and_periods_must_match_their_file_names() {
    let dir = common::edited("mini", "projects/T-2.yaml", "id: T-2", "id: T-22");
    assert_eq!(brief(&only_error(&dir)), "projects/T-2.yaml:1:5 E0201 项目编号「T-22」与文件名「T-2.yaml」不一致");
    let dir = common::edited("mini", "progress/2026-02.yaml", "period: 2026-02", "period: 2026-04");
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert!(
        errors.contains(&"progress/2026-02.yaml:1:9 E0203 月份「2026-04」与文件名「2026-02.yaml」不一致".to_string()),
        "{errors:#?}"
    );
}

#[test]
fn ytd_may_not_decrease_within_a_year() {
    let dir = common::edited("mini", "progress/2026-03.yaml", "T-1: { ytd: 280", "T-1: { ytd: 140");
    assert_eq!(brief(&only_error(&dir)), "progress/2026-03.yaml:4:15 E0401 累计完成投资 140 小于上月的 150");
}

#[test]
fn a_missing_month_entry_is_a_warning_at_the_entries_key() {
    let all = findings(&common::fixture("mini"));
    assert_eq!(
        all.iter().map(brief).collect::<Vec<_>>(),
        vec![
            "config.yaml:6:11 W0403 已有更新的月报 progress/2026-12.yaml，但网站发布的仍是 2026-03",
            "progress/2026-02.yaml:3:1 W0402 2026-02 月报中没有项目 T-2（乙项目）"
        ]
    );
}

#[test]
fn symlinks_and_non_utf8_files_are_reported_not_followed() {
    let dir = common::copy_of("mini");
    std::fs::write(dir.join("projects/T-9.yaml"), b"id: T-9\nname: \xc4\xe3\xba\xc3\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", dir.join("projects/link.yaml")).unwrap();
    let all: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert!(all.contains(&"projects/T-9.yaml:2:7 E0004 文件不是 UTF-8 编码".to_string()), "{all:#?}");
    #[cfg(unix)]
    assert!(all.contains(&"projects/link.yaml:1:1 E0003 数据目录中的符号链接不会被跟随".to_string()), "{all:#?}");
}

#[test]
fn the_sample_county_is_clean() {
    let all = findings(&common::root().join("data"));
    assert!(all.is_empty(), "{:#?}", all.iter().map(brief).collect::<Vec<_>>());
}

#[test]
fn a_failed_build_keeps_the_previous_site_and_exits_1() {
    let out = common::scratch("keep").join("site");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "previous").unwrap();
    let broken = common::edited("mini", "projects/T-1.yaml", "lead_unit: 甲局", "lead_unit: 甲居");
    let run = Command::new(env!("CARGO_BIN_EXE_tongbao"))
        .args(["build", "--quiet", "--theme"])
        .arg(common::root().join("themes/default"))
        .arg("--data")
        .arg(&broken)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("错误[E0301]: 未知的单位「甲居」\n --> projects/T-1.yaml:5:12\n"), "{stderr}");
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "previous");
    assert_eq!(common::files(out.parent().unwrap()), vec!["site/index.html"], "no temporary folder is left behind");
}

#[test]
fn garbled_copies_of_every_sample_file_never_panic() {
    let data = common::root().join("data");
    for file in common::files(&data) {
        let text = std::fs::read(data.join(&file)).unwrap();
        for cut in [text.len() / 3, text.len() / 2, text.len() - 1] {
            let dir = common::scratch("garbled").join("data");
            common::copy_dir(&data, &dir);
            let mut broken = text[..cut].to_vec();
            broken.extend_from_slice(b"\n  - { :: [ \n\t\"");
            std::fs::write(dir.join(&file), broken).unwrap();
            let _ = findings(&dir);
            let _ = std::fs::remove_dir_all(dir.parent().unwrap());
        }
    }
}

#[test]
fn whole_file_rules() {
    let codes = |dir: &Path| findings(dir).iter().map(brief).collect::<Vec<_>>();

    let dir = common::copy_of("mini");
    std::fs::remove_file(dir.join("orgs.yaml")).unwrap();
    assert_eq!(codes(&dir), vec!["orgs.yaml:1:1 E0001 数据目录中没有 orgs.yaml"]);

    let dir = common::copy_of("mini");
    let text = std::fs::read_to_string(dir.join("projects/T-2.yaml")).unwrap();
    std::fs::write(dir.join("projects/T-2.yaml"), format!("\u{feff}{text}")).unwrap();
    std::fs::write(dir.join("projects/T-5.yml"), "id: T-5\n").unwrap();
    let found = codes(&dir);
    assert!(found.contains(&"projects/T-2.yaml:1:1 E0005 文件以 BOM（字节顺序标记）开头".to_string()), "{found:#?}");
    assert!(found.contains(&"projects/T-5.yml:1:1 W0001 此文件不会被读取".to_string()), "{found:#?}");

    let dir = common::copy_of("mini");
    std::fs::create_dir_all(dir.join("projects/old")).unwrap();
    std::fs::copy(dir.join("projects/T-2.yaml"), dir.join("projects/old/T-2.yaml")).unwrap();
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert_eq!(errors, vec!["projects/old/T-2.yaml:1:5 E0202 项目编号「T-2」重复，已在 projects/T-2.yaml 中使用"]);

    let dir = common::copy_of("mini");
    std::fs::write(dir.join("projects/T_9.yaml"), "id: T_9\nname: 戊\nindustry: 工业\ntown: 东镇\nlead_unit: 甲局\ntotal_investment: 1\nstart_year: 2026\nend_year: 2026\n").unwrap();
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert_eq!(errors, vec!["projects/T_9.yaml:1:5 E0204 项目编号「T_9」含有不允许的字符"]);

    let dir = common::copy_of("mini");
    std::fs::create_dir_all(dir.join("bulletins")).unwrap();
    std::fs::write(dir.join("bulletins/十月.md"), "---\n---\n").unwrap();
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert_eq!(
        errors,
        vec![
            "bulletins/十月.md:1:1 E0205 通报文字的文件名应为 YYYY-MM.md：「十月」不是有效月份，应写作 YYYY-MM，如 2026-10"
        ]
    );

    let dir = common::edited("mini", "config.yaml", "period: 2026-03", "period: 2025-12");
    std::fs::write(dir.join("progress/2025-12.yaml"), "period: 2025-12\nas_of: 2025-12-31\nentries: {}\n").unwrap();
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert_eq!(errors, vec!["config.yaml:6:11 E0410 报告期 2025-12 不在报告年度 2026 内"]);
}

/// Amounts that once passed `check` and then panicked the build, and amounts read through f64:
/// each is an amount error at its exact span, and nothing else.
#[test]
fn amounts_beyond_what_a_project_can_hold_are_errors_at_their_span() {
    let dir = common::edited("mini", "projects/T-1.yaml", "total_investment: 3000", "total_investment: 7e28");
    let path = dir.join("projects/T-2.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("total_investment: 1000", "total_investment: 7e28")).unwrap();
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert_eq!(
        errors,
        [
            "projects/T-1.yaml:8:19 E0412 金额「7e28」超出上限：一个项目的金额不超过 1 亿万元（1 万亿元）（位于 total_investment）",
            "projects/T-2.yaml:7:19 E0412 金额「7e28」超出上限：一个项目的金额不超过 1 亿万元（1 万亿元）（位于 total_investment）",
        ]
    );

    let dir = common::edited("mini", "projects/T-2.yaml", "plan: 600", "plan: 7e28");
    let d = only_error(&dir);
    assert_eq!(
        brief(&d),
        "projects/T-2.yaml:15:11 E0412 金额「7e28」超出上限：一个项目的金额不超过 1 亿万元（1 万亿元）（位于 years.2026.plan）"
    );
    assert_eq!(d.hint.as_deref(), Some("tongbao 的金额以万元为单位；这个数像是按元填写的，请除以 10000"));
    let rendered = d.render(Some(&std::fs::read_to_string(dir.join("projects/T-2.yaml")).unwrap()));
    assert!(rendered.contains("15 |     plan: 7e28\n   |           ^^^^\n"), "{rendered}");

    // A plan of 1 元 with a huge ytd: the plan is too small to be a rate's denominator, the
    // ytd above the limit (read exactly, not through f64).
    let dir = common::edited("mini", "projects/T-2.yaml", "plan: 600", "plan: 0.0001");
    let path = dir.join("progress/2026-03.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("T-2: { ytd: 90,", "T-2: { ytd: 900000000000000000000,")).unwrap();
    // (Past 20 digits the amount is refused as it is read; up to them, by the check.)
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert_eq!(
        errors,
        [
            "progress/2026-03.yaml:5:15 E0412 金额「900000000000000000000」超出上限：一个项目的金额不超过 1 亿万元（1 万亿元）（位于 entries.T-2.ytd）",
            "projects/T-2.yaml:15:11 E0414 年度计划投资 0.0001 万元不足 1 万元，完成率将失去意义",
        ]
    );

    let dir = common::edited("mini", "projects/T-2.yaml", "plan: 600", "plan: 1e-30");
    assert_eq!(
        brief(&only_error(&dir)),
        "projects/T-2.yaml:15:11 E0413 金额「1e-30」不足 1 元：金额以万元为单位，最小为 0.0001（1 元）（位于 years.2026.plan）"
    );
    let dir = common::edited(
        "mini",
        "projects/T-1.yaml",
        "total_investment: 3000",
        "total_investment: 99999999999999999999999",
    );
    assert_eq!(
        brief(&only_error(&dir)),
        "projects/T-1.yaml:8:19 E0412 金额「99999999999999999999999」超出上限：一个项目的金额不超过 1 亿万元（1 万亿元）（位于 total_investment）"
    );
    // 17 significant digits, every one kept (through f64 the last would change).
    let dir =
        common::edited("mini", "projects/T-1.yaml", "total_investment: 3000", "total_investment: 1234.5678901234567");
    assert_eq!(brief(&only_error(&dir)), "projects/T-1.yaml:8:19 E0407 金额 1234.5678901234567 超过 4 位小数");
}

#[test]
fn an_amount_just_past_the_limit_is_refused_by_the_check() {
    let dir = common::edited("mini", "progress/2026-03.yaml", "T-2: { ytd: 90,", "T-2: { ytd: 100000000.0001,");
    let d = only_error(&dir);
    assert_eq!(
        brief(&d),
        "progress/2026-03.yaml:5:15 E0412 金额 100000000.0001 万元超出上限：一个项目的金额不超过 1 亿万元（1 万亿元）"
    );
    let dir = common::edited("mini", "progress/2026-03.yaml", "T-2: { ytd: 90,", "T-2: { ytd: 100000000,");
    assert!(findings(&dir).iter().all(|d| d.code != "E0412"), "the limit itself is within it");
}

/// A total typed in 元 instead of 万元: 10,000 times too large, an error with the amount in 万元.
#[test]
fn an_amount_typed_in_yuan_is_an_error() {
    let dir = common::edited("mini", "projects/T-1.yaml", "total_investment: 3000", "total_investment: 30000000");
    let d = only_error(&dir);
    assert_eq!(
        brief(&d),
        "projects/T-1.yaml:8:19 E0415 总投资 30000000 是本项目其他金额（最大 1230）的 1000 倍以上，像是按元填写的"
    );
    assert_eq!(d.hint.as_deref(), Some("tongbao 的金额以万元为单位；按万元应为 3000"));
    let dir = common::edited("mini", "progress/2026-03.yaml", "T-2: { ytd: 90,", "T-2: { ytd: 6000000,");
    assert_eq!(
        brief(&only_error(&dir)),
        "progress/2026-03.yaml:5:15 E0415 1–N 月累计完成 6000000 是本项目其他金额（最大 1000）的 1000 倍以上，像是按元填写的"
    );
    let dir = common::edited("mini", "projects/T-2.yaml", "plan: 600", "plan: 6000000");
    assert_eq!(
        brief(&only_error(&dir)),
        "projects/T-2.yaml:15:11 E0415 年度计划 6000000 是本项目其他金额（最大 1000）的 1000 倍以上，像是按元填写的"
    );
}

#[test]
fn a_ytd_above_the_total_investment_is_an_error() {
    let dir = common::edited("mini", "progress/2026-03.yaml", "T-2: { ytd: 90,", "T-2: { ytd: 1500,");
    let d = only_error(&dir);
    assert_eq!(brief(&d), "progress/2026-03.yaml:5:15 E0416 1–N 月累计完成 1500 超过项目总投资 1000");
    assert_eq!(d.hint.as_deref(), Some("核对 ytd 与 projects/T-2.yaml 中的 total_investment"));
}

/// A project file cut off before `years:`: every month that reports the project says so,
/// instead of the project silently dropping out of every total.
#[test]
fn a_reported_project_without_a_plan_for_the_year_is_an_error() {
    let dir = common::copy_of("mini");
    let path = dir.join("projects/T-3.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.find("years:").unwrap()]).unwrap();
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    let month = |m: &str, line: usize| {
        format!("progress/2026-{m}.yaml:{line}:3 E0417 项目 T-3（丙项目）没有 2026 年的计划，本月数据不会计入任何合计")
    };
    assert_eq!(errors, [month("01", 6), month("02", 5), month("03", 6), month("11", 6), month("12", 6)]);
}

/// The newest month's entries that are last month's, unchanged, are one warning naming them.
#[test]
fn entries_not_updated_this_month_are_listed() {
    let dir = common::edited(
        "mini",
        "progress/2026-12.yaml",
        "T-1: { ytd: 1230, started: true, progress: 投产 }",
        "T-1: { ytd: 1000, started: true, progress: 设备安装 }",
    );
    let path = dir.join("progress/2026-12.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "T-3: { ytd: 0, started: false, progress: 初设批复 }",
        "T-3: { ytd: 0, started: false, progress: 初设 }",
    );
    std::fs::write(&path, text).unwrap();
    let warnings: Vec<String> = findings(&dir).iter().filter(|d| d.code == "W0404").map(brief).collect();
    assert_eq!(
        warnings,
        ["progress/2026-12.yaml:3:1 W0404 本月未更新：2 个项目的数据与上月完全相同：T-1（甲项目）、T-3（丙项目）"]
    );
}

/// One file's every finding in one run, as rustc gives them: a bad date and a bad amount do not
/// hide the misspelt unit, and each slip comes with what was surely meant.
#[test]
fn every_finding_of_a_file_comes_in_one_run_with_its_fix() {
    let dir = common::edited("mini", "projects/T-1.yaml", "lead_unit: 甲局", "lead_unit: 甲居");
    let path = dir.join("projects/T-1.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("total_investment: 3000", "total_investment: 9,100")
        .replace("actual_start: 2025-04-01", "actual_start: 2025/03/01")
        .replace("    plan: 1200", "    plan: 1.15亿")
        .replace("    deadline: 2026-02-15", "    deadline: 2026-11-31");
    std::fs::write(&path, text).unwrap();
    let found: Vec<Diagnostic> = findings(&dir).into_iter().filter(|d| d.is_error()).collect();
    let shown: Vec<(String, Option<&str>, Option<&str>)> =
        found.iter().map(|d| (brief(d), d.hint.as_deref(), d.fix())).collect();
    assert_eq!(
        shown,
        [
            ("projects/T-1.yaml:5:12 E0301 未知的单位「甲居」".to_string(), Some("是否应为「甲局」？"), None),
            (
                "projects/T-1.yaml:8:19 E0104 类型不符：应为以万元计的数字，如 3500 或 1234.5，实际是「9,100」（位于 total_investment）".to_string(),
                Some("是否应为 9100？金额只写数字，不加千位逗号、单位或文字，如 9100 或 1234.5（万元）"),
                Some("9100")
            ),
            (
                "projects/T-1.yaml:11:15 E0106 取值无效：「2025/03/01」不是有效日期，应写作 YYYY-MM-DD，如 2026-08-31".to_string(),
                Some("是否应为 2025-03-01？日期一律写作 YYYY-MM-DD"),
                Some("2025-03-01")
            ),
            (
                "projects/T-1.yaml:17:11 E0104 类型不符：应为以万元计的数字，如 3500 或 1234.5，实际是「1.15亿」（位于 years.2026.plan）".to_string(),
                Some("是否应为 11500？金额只写数字，不加千位逗号、单位或文字，如 9100 或 1234.5（万元）"),
                Some("11500")
            ),
            (
                "projects/T-1.yaml:30:15 E0106 取值无效（位于 issues[0]）：「2026-11-31」不是有效日期：2026年11月只有30天".to_string(),
                None,
                None
            ),
        ]
    );
    // The caret covers each value whole.
    let source = std::fs::read_to_string(&path).unwrap();
    let rendered = found[1].render(Some(&source));
    assert!(
        rendered.contains("8 | total_investment: 9,100\n  |                   ^^^^^\n  = 提示：是否应为 9100？"),
        "{rendered}"
    );
}

#[test]
fn an_unknown_project_with_no_near_id_is_offered_new_project() {
    let dir = common::edited("mini", "progress/2026-03.yaml", "  T-3:", "  XM-77: { ytd: 1 }\n  T-3:");
    let d = only_error(&dir);
    assert_eq!(brief(&d), "progress/2026-03.yaml:6:3 E0305 未知的项目编号「XM-77」");
    assert_eq!(
        d.hint.as_deref(),
        Some("没有相近的项目编号；若是新项目，先运行 tongbao new project XM-77 建立它的文件")
    );
}

/// A misspelt key hides nothing else of its file: the file is read on with the nearest key in
/// its place, so an unknown town in the same file is found in the same run, and the lines
/// after keep their numbers.
#[test]
fn a_misspelt_key_hides_nothing_else_of_its_file() {
    let dir = common::edited("mini", "projects/T-2.yaml", "lead_unit: 乙局", "lead_unti: 乙局");
    let path = dir.join("projects/T-2.yaml");
    let text =
        std::fs::read_to_string(&path).unwrap().replace("town: 东镇", "town: 西镇").replace("plan: 600", "plan: 6,00");
    std::fs::write(&path, text).unwrap();
    let errors: Vec<String> = findings(&dir).iter().filter(|d| d.is_error()).map(brief).collect();
    assert_eq!(
        errors,
        [
            "projects/T-2.yaml:4:7 E0302 未知的乡镇（园区）「西镇」",
            "projects/T-2.yaml:5:1 E0102 未知的键「lead_unti」",
            "projects/T-2.yaml:15:11 E0104 类型不符：应为以万元计的数字，如 3500 或 1234.5，实际是「6,00」（位于 years.2026.plan）",
        ]
    );
}
