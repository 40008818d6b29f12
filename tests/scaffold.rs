//! `tongbao new`: every scaffolded file passes `tongbao check` as written.

mod common;

use std::path::Path;
use std::process::Command;

fn new(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tongbao")).arg("new").arg("--data").arg(data).args(args).output().unwrap()
}

fn errors(data: &Path) -> Vec<String> {
    let inspection = tongbao::inspect(data).unwrap();
    inspection
        .findings
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{}:{} {}", d.file, d.line, d.column, d.message))
        .collect()
}

#[test]
fn new_month_carries_last_months_figures_over_and_becomes_the_published_month() {
    let data =
        common::edited("mini", "progress/2026-03.yaml", "progress: 主体施工 }", "progress: 主体施工, next: 4月封顶 }");
    // Comments and layout of config.yaml are kept; only the period's value changes.
    let config = data.join("config.yaml");
    let original = std::fs::read_to_string(&config).unwrap().replace("  period: 2026-03", "  period: 2026-03   # 本期");
    std::fs::write(&config, &original).unwrap();
    // The fixture has months after the pinned one: November and December move aside.
    for m in ["11", "12"] {
        std::fs::remove_file(data.join(format!("progress/2026-{m}.yaml"))).unwrap();
    }
    let run = new(&data, &["month", "2026-04"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        format!(
            "已生成 {}：3 个项目，3 个项目沿用 2026-03 的数据；config.yaml 的报告期由 2026-03 改为 2026-04\n",
            data.join("progress/2026-04.yaml").display()
        )
    );
    let text = std::fs::read_to_string(data.join("progress/2026-04.yaml")).unwrap();
    assert_eq!(
        text,
        "period: 2026-04\nas_of: 2026-04-30\nentries:\n  T-1:\n    ytd: 280\n    started: true\n    progress: 主体施工\n    next: 4月封顶\n  T-2:\n    ytd: 90\n    started: true\n    progress: 路基施工\n  T-3:\n    ytd: 0\n    started: false\n    progress: 可研批复\n"
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), original.replace("period: 2026-03", "period: 2026-04"));
    assert_eq!(errors(&data), Vec::<String>::new());
    let ds = common::dataset(&data);
    assert_eq!(ds.config.report.period.map(|p| p.to_string()).as_deref(), Some("2026-04"));
    // A second time it refuses to overwrite.
    assert_eq!(new(&data, &["month", "2026-04"]).status.code(), Some(2));
}

#[test]
fn a_month_of_a_year_without_projects_is_refused() {
    let data = common::copy_of("mini");
    let run = new(&data, &["month", "2029-01"]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "错误：没有列入 2029 年计划的项目，无法生成 2029-01 的月报\n提示：先在项目文件的 years: 下加上 2029（或用 tongbao new project 新建项目）\n"
    );
    assert!(!data.join("progress/2029-01.yaml").exists());
}

#[test]
fn january_starts_again_from_zero() {
    let data = common::edited(
        "mini",
        "projects/T-1.yaml",
        "years:\n",
        "years:\n  2027:\n    level: 省级重点\n    nature: 续建\n    batch: 加快推进\n    plan: 900\n",
    );
    let run = new(&data, &["month", "2027-01"]);
    assert!(String::from_utf8_lossy(&run.stderr).ends_with(
        "1 个项目，1 个项目沿用 2026-12 的数据，累计从 0 开始；config.yaml 的报告期由 2026-03 改为 2027-01，报告年度改为 2027\n"
    ));
    let text = std::fs::read_to_string(data.join("progress/2027-01.yaml")).unwrap();
    assert_eq!(
        text,
        "period: 2027-01\nas_of: 2027-01-31\nentries:\n  T-1:\n    ytd: 0\n    started: true\n    progress: 投产\n"
    );
    let config = std::fs::read_to_string(data.join("config.yaml")).unwrap();
    assert!(config.contains("  year: 2027\n") && config.contains("  period: 2027-01\n"), "{config}");
    assert_eq!(errors(&data), Vec::<String>::new());
}

/// A new project and meeting are valid but for their placeholders, which `check` refuses
/// until they are filled in: a placeholder is never published.
#[test]
fn new_project_and_meeting_must_be_filled_in_before_they_pass() {
    let data = common::copy_of("mini");
    assert!(new(&data, &["project", "T-9"]).status.success());
    // The placeholders of the first do not stop the next new file.
    assert!(new(&data, &["meeting", "2026-04-02", "siyue-diaodu"]).status.success());
    let project = data.join("projects/2026/T-9.yaml");
    let meeting = data.join("meetings/2026-04-02-siyue-diaodu.md");
    assert!(project.is_file() && meeting.is_file(), "projects/<year>/ like the sample");
    assert_eq!(
        errors(&data),
        [
            "meetings/2026-04-02-siyue-diaodu.md:2:8 会议名称还是占位文字「请填写会议名称」",
            "meetings/2026-04-02-siyue-diaodu.md:5:8 会议地点还是占位文字「请填写会议地点」",
            "projects/2026/T-9.yaml:2:7 项目名称还是占位文字「新项目（请填写项目名称）」",
            "projects/2026/T-9.yaml:5:10 建设内容还是占位文字「请填写建设内容及规模」",
            "projects/2026/T-9.yaml:6:8 业主单位还是占位文字「请填写业主单位」",
        ]
    );
    let filled = std::fs::read_to_string(&project)
        .unwrap()
        .replace("新项目（请填写项目名称）", "丙项目")
        .replace("请填写建设内容及规模", "新建厂房")
        .replace("请填写业主单位", "丙公司");
    std::fs::write(&project, filled).unwrap();
    let filled = std::fs::read_to_string(&meeting)
        .unwrap()
        .replace("请填写会议名称", "四月调度会")
        .replace("请填写会议地点", "县政府");
    std::fs::write(&meeting, filled).unwrap();
    assert_eq!(errors(&data), Vec::<String>::new());
    assert_eq!(new(&data, &["project", "T-1"]).status.code(), Some(2), "an existing id is refused");
    assert_eq!(new(&data, &["project", "T 1"]).status.code(), Some(2), "a bad id is refused");
    assert_eq!(
        new(&data, &["meeting", "2026-02-30", "x"]).status.code(),
        Some(2),
        "an impossible date is a usage error"
    );
}

/// A data folder with its schemas has them written anew by `new`: the editor completes the new
/// project's id at once.
#[test]
fn new_project_refreshes_the_schemas_of_the_folder() {
    let data = common::sample_copy("schema-new");
    let run = new(&data, &["project", "CY2026-041"]);
    assert!(
        String::from_utf8_lossy(&run.stderr).ends_with("；已更新 schema/\n"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let progress = std::fs::read_to_string(data.join("schema/progress.schema.json")).unwrap();
    assert!(progress.contains("\"CY2026-041\""), "the new id is not in the progress schema");
}
