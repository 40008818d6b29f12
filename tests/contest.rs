//! 观摩评比: a contest added to a copy of the `mini` fixture, its scores computed by hand from
//! the judges' sheets and the figures of 2026-03 (序时 3/12 = 25 %), as the contest page and
//! the meeting's handout show them; and each broken score sheet with its diagnostic.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const RULES: &str = "contest:
  criteria:
    - { name: 形象进度, points: 30 }
    - { name: 亮点特色, points: 20 }
  progress_points: 30
  red_light_penalty: 5
  trim: true
  red_list: 1
  black_list: 1
";

/// Line 9 is the first score sheet; each sheet is one line.
const MEETING: &str = "---
title: 一季度现场观摩会
kind: 现场观摩会
date: 2026-04-10
contest:
  by: project
  entrants: [T-1, T-2, T-3]
  judges: [张三, 李四, 王五]
  scores:
    - { judge: 张三, entrant: T-1, points: { 形象进度: 27, 亮点特色: 18 } }
    - { judge: 李四, entrant: T-1, points: { 形象进度: 25, 亮点特色: 16 } }
    - { judge: 王五, entrant: T-1, points: { 形象进度: 26, 亮点特色: 17 } }
    - { judge: 张三, entrant: T-2, points: { 形象进度: 28, 亮点特色: 19 } }
    - { judge: 李四, entrant: T-2, points: { 形象进度: 24, 亮点特色: 18 } }
    - { judge: 王五, entrant: T-2, points: { 形象进度: 25, 亮点特色: 15 } }
    - { judge: 张三, entrant: T-3, points: { 形象进度: 29, 亮点特色: 19 } }
    - { judge: 李四, entrant: T-3, points: { 形象进度: 28, 亮点特色: 20 } }
---
观摩了三个项目。
";

/// The mini fixture with the contest rules, the meeting, and lights at 5 / 8 points behind.
fn with_contest(label: &str, meeting: &str) -> PathBuf {
    let data = common::scratch(label).join("data");
    common::copy_dir(&common::fixture("mini"), &data);
    let edit = |file: &str, from: &str, to: &str| {
        let path = data.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("config.yaml", "rankings:", &format!("{RULES}rankings:"));
    edit("config.yaml", "meeting_kinds: [调度会]", "meeting_kinds: [调度会, 现场观摩会]");
    edit("config.yaml", "  yellow_pp: 10\n  red_pp: 30", "  yellow_pp: 5\n  red_pp: 8");
    std::fs::write(data.join("meetings/2026-04-10-guanmo.md"), meeting).unwrap();
    data
}

fn tongbao(args: &[&str], data: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tongbao")).args(args).arg("--data").arg(data).output().unwrap()
}

/// The text of an HTML page, tags dropped and spaces squeezed.
fn text_of(path: &Path) -> String {
    let html = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_contest_is_scored_by_hand_on_its_page_and_in_the_handout() {
    let data = with_contest("contest", MEETING);
    let check = tongbao(&["check"], &data);
    let stderr = String::from_utf8_lossy(&check.stderr).to_string() + &String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{stderr}");
    // 王五 did not score T-3: its means are over two sheets, untrimmed.
    assert!(stderr.contains("W0405") && stderr.contains("「T-3」没有评委 王五 的评分"), "{stderr}");
    let out = common::build(&data);
    let page = text_of(&out.join("contests/2026-04-10-guanmo.html"));
    // T-1: 形象进度 27, 25, 26 → trimmed to 26; 亮点特色 18, 16, 17 → 17; judged 43.
    // 完成率 280 / 1200 = 23.3 % against 25 %: 30 × (7/30 ÷ 1/4) = 28.00; green. Total 71.00.
    let t1 = "1 甲项目 26.00 17.00 43.00 23.3% 25.0% 28.00 0.00 71.00";
    // T-2: 28, 24, 25 → 25; 19, 18, 15 → 18; judged 43. 90 / 600 = 15 %: 30 × 0.6 = 18.00,
    // 10 points behind: red, 5 off: 13.00. Total 56.00.
    let t2 = "2 乙项目 25.00 18.00 43.00 15.0% 25.0% 18.00 −5.00 56.00";
    // T-3: two sheets, not trimmed: (29 + 28) / 2 = 28.50, (19 + 20) / 2 = 19.50; judged 48.
    // No plan, so no 完成率: 0 points. Total 48.00, last.
    let t4 = "3 丙项目 28.50 19.50 48.00 — 25.0% 0.00 0.00 48.00";
    for row in [t1, t2, t4] {
        assert!(page.contains(row), "the contest page lacks «{row}»:\n{page}");
    }
    assert!(page.find(t1) < page.find(t2) && page.find(t2) < page.find(t4), "ranked by total");
    assert!(page.contains("红榜（先进） 第1名 甲项目 71.00 分"), "{page}");
    assert!(page.contains("黑榜（后进） 第3名 丙项目 48.00 分"), "{page}");
    // 丙项目's card: the two judges' sheets, their sums and means; 乙项目's total made.
    assert!(page.contains("张三 29.00 19.00 48.00 李四 28.00 20.00 48.00 平均 28.50 19.50 48.00"), "{page}");
    let made =
        "评委评分 43.00 ＋ 进度得分 13.00（完成率 15.0%，序时进度 25.0%，18.00 分，红灯 1 个扣 5.00 分）＝ 总分 56.00";
    assert!(page.contains(made), "{page}");
    let handout = text_of(&out.join("handouts/2026-04-10-guanmo.html"));
    assert!(
        handout.contains("观摩评比结果")
            && handout.contains(t4)
            && handout.contains("黑榜（后进） 第3名 丙项目 48.00 分")
    );
    let meeting = std::fs::read_to_string(out.join("meetings/2026-04-10-guanmo.html")).unwrap();
    assert!(meeting.contains("href=\"../contests/2026-04-10-guanmo.html\""), "the minutes link the contest");
}

/// Each broken sheet gives its error at the exact line and column (checked by hand).
#[test]
fn broken_score_sheets_are_pointed_at() {
    let sheet = "    - { judge: 张三, entrant: T-1, points: { 形象进度: 27, 亮点特色: 18 } }";
    let cases = [
        // Above its full marks (30).
        (
            "    - { judge: 张三, entrant: T-1, points: { 形象进度: 31, 亮点特色: 18 } }",
            "2026-04-10-guanmo.md:10:50 E0426",
        ),
        // A judge not on the panel.
        (
            "    - { judge: 赵六, entrant: T-1, points: { 形象进度: 27, 亮点特色: 18 } }",
            "2026-04-10-guanmo.md:10:16 E0424",
        ),
        // An entrant not in the contest.
        (
            "    - { judge: 张三, entrant: T-4, points: { 形象进度: 27, 亮点特色: 18 } }",
            "2026-04-10-guanmo.md:10:29 E0423",
        ),
        // A criterion that is not one (at its name; the sheet then lacks 亮点特色, at 10:42).
        ("    - { judge: 张三, entrant: T-1, points: { 形象进度: 27, 亮点: 18 } }", "2026-04-10-guanmo.md:10:54 E0427"),
        // The same judge scoring T-1 twice.
        (
            "    - { judge: 张三, entrant: T-1, points: { 形象进度: 27, 亮点特色: 18 } }\n    - { judge: 张三, entrant: T-1, points: { 形象进度: 20, 亮点特色: 10 } }",
            "2026-04-10-guanmo.md:11:16 E0425",
        ),
    ];
    for (i, (broken, expected)) in cases.iter().enumerate() {
        let data = with_contest(&format!("contest-broken-{i}"), &MEETING.replacen(sheet, broken, 1));
        let run = tongbao(&["check"], &data);
        let report = String::from_utf8_lossy(&run.stderr).to_string() + &String::from_utf8_lossy(&run.stdout);
        assert_eq!(run.status.code(), Some(1), "{broken}: {report}");
        let (place, code) = expected.split_once(' ').unwrap();
        let at = report
            .lines()
            .position(|l| l.contains(&format!("[{code}]")))
            .unwrap_or_else(|| panic!("no {code}:\n{report}"));
        let errors: Vec<&str> = report.lines().filter(|l| l.starts_with("错误")).collect();
        assert!(errors.iter().all(|l| l.contains(code)), "only {code} errors: {errors:?}");
        assert!(
            report.contains(&format!("--> meetings/{place}")),
            "{code} not at {place}:\n{}",
            &report.lines().skip(at).take(3).collect::<Vec<_>>().join("\n")
        );
    }
    // Rules that name a criterion twice, or give one no marks: at the name and at the points.
    for (rule, expected) in [
        ("    - { name: 亮点特色, points: 20 }", "config.yaml:23:15 E0428"),
        ("    - { name: 形象进度, points: 0 }", "config.yaml:23:29 E0428"),
    ] {
        let data = with_contest("contest-rules", MEETING);
        let config = std::fs::read_to_string(data.join("config.yaml")).unwrap();
        let config = config.replacen(
            "    - { name: 亮点特色, points: 20 }",
            &format!("    - {{ name: 亮点特色, points: 20 }}\n{rule}"),
            1,
        );
        std::fs::write(data.join("config.yaml"), config).unwrap();
        let report = String::from_utf8_lossy(&tongbao(&["check"], &data).stderr).to_string();
        let (place, code) = expected.split_once(' ').unwrap();
        assert!(report.contains(&format!("--> {place}")) && report.contains(code), "{rule}: {report}");
    }
    // A contest with no rules in config.yaml.
    let data = with_contest("contest-no-rules", MEETING);
    let config = std::fs::read_to_string(data.join("config.yaml")).unwrap().replace(RULES, "");
    std::fs::write(data.join("config.yaml"), config).unwrap();
    let report = String::from_utf8_lossy(&tongbao(&["check"], &data).stderr).to_string();
    assert!(report.contains("2026-04-10-guanmo.md:5:1") && report.contains("E0422"), "{report}");
}

/// Entrants that are units are scored on their groups' figures: 甲局 has T-1 (280 of 1200);
/// 乙局 has T-2 (90 of 600, red at 10 points behind) and T-3 (no plan).
#[test]
fn units_are_scored_on_their_groups() {
    let meeting = "---
title: 一季度单位擂台赛
kind: 现场观摩会
date: 2026-04-10
contest:
  by: lead_unit
  entrants: [甲局, 乙局]
  judges: [张三, 李四]
  scores:
    - { judge: 张三, entrant: 甲局, points: { 形象进度: 20, 亮点特色: 10 } }
    - { judge: 李四, entrant: 甲局, points: { 形象进度: 22, 亮点特色: 12 } }
    - { judge: 张三, entrant: 乙局, points: { 形象进度: 25, 亮点特色: 15 } }
    - { judge: 李四, entrant: 乙局, points: { 形象进度: 26, 亮点特色: 16 } }
---
";
    let data = with_contest("contest-units", meeting);
    let out = common::build(&data);
    let page = text_of(&out.join("contests/2026-04-10-guanmo.html"));
    // 甲局: two judges, not trimmed: 21, 11; judged 32. 23.3 % of 25 %: 28.00. Total 60.00.
    // 乙局: 25.5, 15.5; judged 41. 15 % of 25 %: 18.00, one red project: 13.00. Total 54.00.
    let first = "1 甲局 21.00 11.00 32.00 23.3% 25.0% 28.00 0.00 60.00";
    let second = "2 乙局 25.50 15.50 41.00 15.0% 25.0% 18.00 −5.00 54.00";
    assert!(page.contains(first) && page.contains(second), "{page}");
    assert!(page.find(first) < page.find(second));
    assert!(page.contains("责任单位"), "the entrants' column is named for them");
}
