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
fn new_month_carries_last_months_figures_over() {
    let data = common::copy_of("mini");
    assert!(new(&data, &["month", "2026-04"]).status.success());
    let text = std::fs::read_to_string(data.join("progress/2026-04.yaml")).unwrap();
    assert_eq!(
        text,
        "period: 2026-04\nas_of: 2026-04-30\nentries:\n  T-1:\n    ytd: 280\n    started: true\n    progress: 主体施工\n  T-2:\n    ytd: 90\n    started: true\n    progress: 路基施工\n  T-3:\n    ytd: 0\n    started: false\n    progress: 可研批复\n"
    );
    assert_eq!(errors(&data), Vec::<String>::new());
    // A second time it refuses to overwrite.
    assert_eq!(new(&data, &["month", "2026-04"]).status.code(), Some(2));
}

#[test]
fn january_starts_again_from_zero() {
    let data = common::edited(
        "mini",
        "projects/T-1.yaml",
        "years:\n",
        "years:\n  2027:\n    level: 省级重点\n    nature: 续建\n    batch: 加快推进\n    plan: 900\n",
    );
    assert!(new(&data, &["month", "2027-01"]).status.success());
    let text = std::fs::read_to_string(data.join("progress/2027-01.yaml")).unwrap();
    assert_eq!(
        text,
        "period: 2027-01\nas_of: 2027-01-31\nentries:\n  T-1:\n    ytd: 0\n    started: true\n    progress: 投产\n"
    );
    assert_eq!(errors(&data), Vec::<String>::new());
}

#[test]
fn new_project_and_meeting_are_valid_as_written() {
    let data = common::copy_of("mini");
    assert!(new(&data, &["project", "T-9"]).status.success());
    assert!(new(&data, &["meeting", "2026-04-02", "siyue-diaodu"]).status.success());
    assert!(data.join("projects/T-9.yaml").is_file());
    assert!(data.join("meetings/2026-04-02-siyue-diaodu.md").is_file());
    assert_eq!(errors(&data), Vec::<String>::new());
    assert_eq!(new(&data, &["project", "T-1"]).status.code(), Some(2), "an existing id is refused");
    assert_eq!(new(&data, &["project", "T 1"]).status.code(), Some(2), "a bad id is refused");
    assert_eq!(
        new(&data, &["meeting", "2026-02-30", "x"]).status.code(),
        Some(2),
        "an impossible date is a usage error"
    );
}
