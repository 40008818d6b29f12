//! One broken copy of the `mini` fixture per rule: each edit must give exactly one error (or,
//! for warning rules, that warning) at the exact file:line:col, with its code. Each position was
//! checked by hand against the edited file.

mod common;

/// (file, text to replace, replacement ("\\n" for a new line), expected "file:line:col CODE")
const CASES: &[(&str, &str, &str, &str)] = &[
    ("config.yaml", "  year: 2026", "  year: 2026\\n  yeer: 1", "config.yaml:6:3 E0102"),
    // The interface is in Chinese only: there is no site.language to set.
    ("config.yaml", "site:", "site:\\n  language: en", "config.yaml:2:3 E0102"),
    ("config.yaml", "  period: 2026-03", "  period: 2026-13", "config.yaml:6:11 E0106"),
    ("config.yaml", "  period: 2026-03", "  period: 2026-05", "config.yaml:6:11 E0409"),
    ("config.yaml", "  period: 2026-03", "  period: 2025-03", "config.yaml:6:11 E0409"),
    (
        "orgs.yaml",
        "  - { name: 一号指挥部, commander: 张三 }",
        "  - { name: 一号指挥部, commander: 张五 }",
        "orgs.yaml:6:31 E0304",
    ),
    ("orgs.yaml", "  - { name: 东镇, kind: 乡镇 }", "  - { name: 东镇, kind: 乡镇, size: 1 }", "orgs.yaml:4:27 E0102"),
    ("projects/T-1.yaml", "industry: 工业", "industry: 工叶", "projects/T-1.yaml:3:11 E0306"),
    ("projects/T-1.yaml", "town: 东镇", "town: 甲局", "projects/T-1.yaml:4:7 E0302"),
    ("projects/T-1.yaml", "hq: 一号指挥部", "hq: 二号指挥部", "projects/T-1.yaml:7:5 E0303"),
    ("projects/T-1.yaml", "leaders: [张三, 李四]", "leaders: [张三, 李斯]", "projects/T-1.yaml:6:15 E0304"),
    ("projects/T-1.yaml", "total_investment: 3000", "total_investment: -3000", "projects/T-1.yaml:8:19 E0406"),
    ("projects/T-1.yaml", "total_investment: 3000", "total_investment: 3000.12345", "projects/T-1.yaml:8:19 E0407"),
    ("projects/T-1.yaml", "total_investment: 3000", "total_investment: 7e28", "projects/T-1.yaml:8:19 E0412"),
    ("projects/T-1.yaml", "total_investment: 3000", "total_investment: 1e-30", "projects/T-1.yaml:8:19 E0413"),
    ("projects/T-2.yaml", "    plan: 600", "    plan: 0.5", "projects/T-2.yaml:15:11 E0414"),
    ("projects/T-1.yaml", "total_investment: 3000", "total_investment: 30000000", "projects/T-1.yaml:8:19 E0415"),
    ("progress/2026-03.yaml", "T-2: { ytd: 90,", "T-2: { ytd: 1500,", "progress/2026-03.yaml:5:15 E0416"),
    ("projects/T-1.yaml", "end_year: 2027", "end_year: 2024", "projects/T-1.yaml:10:11 E0403"),
    ("projects/T-1.yaml", "name: 甲项目", "name: 请填写项目名称", "projects/T-1.yaml:2:7 E0418"),
    ("projects/T-1.yaml", "    plan: 1200", "    plan: 1200\\n    plan: 1300", "projects/T-1.yaml:18:5 E0107"),
    ("projects/T-1.yaml", "[50, 150, 360, 400", "[50, 150, 60, 400", "projects/T-1.yaml:19:29 E0402"),
    ("projects/T-1.yaml", "1100, 1200]", "1100, 1250]", "projects/T-1.yaml:19:76 E0402"),
    ("projects/T-1.yaml", "1100, 1200]", "1100]", "projects/T-1.yaml:19:19 E0402"),
    ("projects/T-1.yaml", "    nature: 续建", "    nature: 续见", "projects/T-1.yaml:15:13 E0306"),
    ("projects/T-1.yaml", "    resolved: 2026-03-05", "    resolved: 2026-01-05", "projects/T-1.yaml:32:15 E0403"),
    ("projects/T-1.yaml", "    deadline: 2026-02-15", "    deadline: 2026-02-30", "projects/T-1.yaml:30:15 E0106"),
    ("projects/T-1.yaml", "  - id: 2", "  - id: 1", "projects/T-1.yaml:34:9 E0408"),
    ("projects/T-1.yaml", "    category: 资金", "    category: 钱", "projects/T-1.yaml:37:15 E0306"),
    ("projects/T-1.yaml", "    kind: 难点", "    kind: 痛点", "projects/T-1.yaml:36:11 E0306"),
    ("projects/T-1.yaml", "name: 甲项目\\n", "", "projects/T-1.yaml:1:1 E0103"),
    (
        "projects/T-1.yaml",
        "actual_start: 2025-04-01",
        "actual_start: 2025-04-01\\nactual_completion: 2025-01-01",
        "projects/T-1.yaml:12:20 E0403",
    ),
    ("progress/2026-03.yaml", "as_of: 2026-03-31", "as_of: 2026-04-01", "progress/2026-03.yaml:2:8 E0411"),
    // A key given twice: in order (checked against the key before it) and out of order.
    ("projects/T-1.yaml", "milestones:", "  2026: {}\\nmilestones:", "projects/T-1.yaml:20:3 E0107"),
    ("progress/2026-03.yaml", "  T-3:", "  T-2: { ytd: 91 }\\n  T-3:", "progress/2026-03.yaml:6:3 E0107"),
    ("progress/2026-03.yaml", "可研批复 }", "可研批复 }\\n  T-1: { ytd: 281 }", "progress/2026-03.yaml:7:3 E0107"),
    (
        "progress/2026-03.yaml",
        "T-1: { ytd: 280, started: true",
        "T-1: { ytd: 280, started: yes please",
        "progress/2026-03.yaml:4:29 E0104",
    ),
    ("progress/2026-12.yaml", "T-1: { ytd: 1230", "T-1: { ytd: 3000", "progress/2026-12.yaml:4:15 W0401"),
    ("meetings/2026-01-20-diaodu.md", "kind: 调度会", "kind: 座谈会", "meetings/2026-01-20-diaodu.md:3:7 E0306"),
    ("meetings/2026-01-20-diaodu.md", "host: 张三", "host: 张山", "meetings/2026-01-20-diaodu.md:5:7 E0304"),
    ("meetings/2026-01-20-diaodu.md", "  - no: 2", "  - no: 1", "meetings/2026-01-20-diaodu.md:16:9 E0405"),
    ("meetings/2026-01-20-diaodu.md", "    closed: 2026-03-10\\n", "", "meetings/2026-01-20-diaodu.md:14:13 E0404"),
    // A decision's history (decision 2, 正在办理): 延期 needs a new deadline, only 延期 has one,
    // 办结 only on a decision 已办结 on that day, and nothing before the meeting.
    (
        "meetings/2026-01-20-diaodu.md",
        "    status: 正在办理",
        "    status: 正在办理\\n    feedback:\\n      - { date: 2026-02-01, kind: 延期, text: 申请延期 }",
        "meetings/2026-01-20-diaodu.md:22:35 E0419",
    ),
    (
        "meetings/2026-01-20-diaodu.md",
        "    status: 正在办理",
        "    status: 正在办理\\n    feedback:\\n      - { date: 2026-02-01, deadline: 2026-03-01, text: 进展 }",
        "meetings/2026-01-20-diaodu.md:22:39 E0419",
    ),
    (
        "meetings/2026-01-20-diaodu.md",
        "    status: 正在办理",
        "    status: 正在办理\\n    feedback:\\n      - { date: 2026-02-01, kind: 办结, text: 已办结 }",
        "meetings/2026-01-20-diaodu.md:22:17 E0420",
    ),
    (
        "meetings/2026-01-20-diaodu.md",
        "    status: 正在办理",
        "    status: 正在办理\\n    feedback:\\n      - { date: 2026-01-01, text: 提前反馈 }",
        "meetings/2026-01-20-diaodu.md:22:17 E0403",
    ),
    // A unit assigned again only on a 退办 entry, and one that exists.
    (
        "meetings/2026-01-20-diaodu.md",
        "    status: 正在办理",
        "    status: 正在办理\\n    feedback:\\n      - { date: 2026-02-01, lead_unit: 甲局, text: 进展 }",
        "meetings/2026-01-20-diaodu.md:22:40 E0421",
    ),
    (
        "meetings/2026-01-20-diaodu.md",
        "    status: 正在办理",
        "    status: 正在办理\\n    feedback:\\n      - { date: 2026-02-01, kind: 退办, lead_unit: 丙局, text: 退回 }",
        "meetings/2026-01-20-diaodu.md:22:50 E0301",
    ),
    (
        "meetings/2026-01-20-diaodu.md",
        "    status: 未启动",
        "    status: 未启动\\n    closed: 2026-12-01",
        "meetings/2026-01-20-diaodu.md:26:13 E0404",
    ),
    (
        "meetings/2026-01-20-diaodu.md",
        "    closed: 2026-03-10",
        "    closed: 2026-01-01",
        "meetings/2026-01-20-diaodu.md:15:13 E0403",
    ),
    (
        "meetings/2026-01-20-diaodu.md",
        "    lead_unit: 乙局",
        "    lead_unit: 丙局",
        "meetings/2026-01-20-diaodu.md:18:16 E0301",
    ),
    ("meetings/2026-01-20-diaodu.md", "---\\ntitle", "title", "meetings/2026-01-20-diaodu.md:1:1 E0006"),
    (
        "meetings/2026-01-20-diaodu.md",
        "    status: 正在办理",
        "    status: 办理中",
        "meetings/2026-01-20-diaodu.md:20:13 E0105",
    ),
];

#[test]
fn every_rule_points_at_the_value_at_fault() {
    let mut failures = Vec::new();
    for (file, from, to, expected) in CASES {
        let dir = common::edited("mini", file, &from.replace("\\n", "\n"), &to.replace("\\n", "\n"));
        let inspection = tongbao::inspect(&dir).unwrap();
        let errors: Vec<_> = inspection.findings.iter().filter(|d| d.is_error()).collect();
        let found = match errors.as_slice() {
            [one] => format!("{}:{}:{} {}", one.file, one.line, one.column, one.code),
            [] => inspection
                .findings
                .iter()
                // The fixture's own warnings: T-2 missing from February, months after the pinned one.
                .find(|d| d.code != "W0402" && d.code != "W0403")
                .map_or("nothing".into(), |d| format!("{}:{}:{} {}", d.file, d.line, d.column, d.code)),
            many => format!("{} errors", many.len()),
        };
        if found != *expected {
            failures.push(format!("{file}: {from:?} → {to:?}: expected {expected}, found {found}"));
        }
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_documented_code_has_a_case() {
    let docs = std::fs::read_to_string(common::root().join("docs/诊断代码.md")).unwrap();
    let covered: Vec<&str> = CASES.iter().map(|c| c.3.rsplit(' ').next().unwrap()).collect();
    // Codes whose cases need more than one edit (new, renamed or missing files) are tested in
    // tests/diagnostics.rs.
    let elsewhere = [
        "E0001", "E0003", "E0004", "E0005", "E0101", "E0201", "E0202", "E0203", "E0204", "E0205", "E0305", "E0401",
        "E0410", "E0417", "W0001", "W0402", "W0403", "W0404",
    ];
    // The limits, with inputs too long to write here: tests/limits.rs.
    let elsewhere = [elsewhere.as_slice(), &["E0108", "E0501", "E0502", "E0503", "E0504"]].concat();
    // Findings in workbooks: tests/import.rs.
    let imports = ["E0601", "E0602", "E0603", "E0604", "E0605", "E0606", "E0607", "E0608", "E0609", "E0610", "W0601"];
    let elsewhere = [elsewhere.as_slice(), &imports].concat();
    // The contest's score sheets (观摩评比), on a meeting added to the fixture: tests/contest.rs.
    let contest = ["E0422", "E0423", "E0424", "E0425", "E0426", "E0427", "E0428", "W0405"];
    let elsewhere = [elsewhere.as_slice(), &contest].concat();
    // E0002 (a file that cannot be read) cannot be produced here: tests run as root, and
    // permission bits do not stop root.
    let untestable_here = ["E0002"];
    for code in docs.split('|').map(str::trim).filter(|c| c.len() == 5 && (c.starts_with('E') || c.starts_with('W'))) {
        assert!(
            covered.contains(&code) || elsewhere.contains(&code) || untestable_here.contains(&code),
            "{code} has no test case"
        );
    }
}
