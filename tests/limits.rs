//! Bounded cost on hostile input: what would take a parser or a renderer seconds, or make a
//! site of gigabytes, is refused by `check` in linear time with its exact finding, and what is
//! accepted renders in linear time. The limits are in docs/限制.md.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};
use tongbao::diagnostic::Diagnostic;

fn errors(dir: &Path) -> Vec<String> {
    let inspection = tongbao::inspect(dir).unwrap();
    inspection
        .findings
        .iter()
        .filter(|d| d.is_error())
        .map(|d: &Diagnostic| format!("{}:{}:{} {} {}", d.file, d.line, d.column, d.code, d.message))
        .collect()
}

/// `f` and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

#[test]
fn deep_brackets_are_refused_before_the_parser_sees_them() {
    let dir = common::copy_of("mini");
    std::fs::write(dir.join("projects/T-4.yaml"), "[".repeat(100_000)).unwrap();
    let (found, took) = timed(|| errors(&dir));
    assert_eq!(found, ["projects/T-4.yaml:1:33 E0108 括号嵌套超过 32 层"]);
    assert!(took < Duration::from_secs(2), "took {took:?}");
    // Brackets inside quotes, comments and plain text are no nesting.
    let text = std::fs::read_to_string(dir.join("projects/T-1.yaml")).unwrap().replace(
        "name: 甲项目",
        &format!("name: \"{}\"  # {}\nowner: 一期{}", "[".repeat(50), "{".repeat(50), "[".repeat(50)),
    );
    std::fs::write(dir.join("projects/T-1.yaml"), text).unwrap();
    std::fs::remove_file(dir.join("projects/T-4.yaml")).unwrap();
    let found = errors(&dir);
    assert!(found.iter().all(|e| !e.contains("E0108")), "{found:?}");
}

#[test]
fn a_body_of_brackets_renders_in_linear_time() {
    let dir = common::copy_of("mini");
    let meeting = dir.join("meetings/2026-01-20-diaodu.md");
    let text = std::fs::read_to_string(&meeting).unwrap();
    std::fs::write(&meeting, format!("{text}\n{}\n\n{}\n", "[[".repeat(60_000), "[a](b)".repeat(10_000))).unwrap();
    let ds = common::dataset(&dir);
    let theme = tongbao::render::Theme::load(Some(&common::root().join("themes/default"))).unwrap();
    let (built, took) = timed(|| tongbao::render_in_memory(&ds, &theme));
    assert!(built.is_ok());
    assert!(took < Duration::from_secs(5), "rendering took {took:?}");
}

#[test]
fn names_and_texts_are_bounded_in_length() {
    let dir = common::edited("mini", "projects/T-1.yaml", "name: 甲项目", &format!("name: {}", "长".repeat(1_000_000)));
    let (found, took) = timed(|| errors(&dir));
    assert_eq!(found, ["projects/T-1.yaml:2:7 E0501 项目名称超过 100 个字"]);
    assert!(took < Duration::from_secs(3), "took {took:?}");
    let long = "字".repeat(2_001);
    let dir = common::edited("mini", "progress/2026-03.yaml", "progress: 主体施工", &format!("progress: {long}"));
    assert_eq!(errors(&dir), ["progress/2026-03.yaml:4:45 E0501 形象进度超过 2000 个字"]);
    let dir = common::edited("mini", "orgs.yaml", "甲局", &"局".repeat(41));
    assert!(errors(&dir).contains(&"orgs.yaml:2:13 E0501 单位名称超过 40 个字".to_string()), "{:?}", errors(&dir));
}

#[test]
fn two_names_never_share_a_page() {
    let (spaced, underscored) = (tongbao::model::file_name_of("新 区"), tongbao::model::file_name_of("新_区"));
    assert_eq!(underscored, "新_区");
    assert!(spaced.starts_with("新_区-") && spaced != underscored, "{spaced}");
    assert_eq!(tongbao::model::file_name_of("城关镇"), "城关镇", "a plain name is its own file name");
    assert_eq!(tongbao::model::file_name_of("a/b"), tongbao::model::file_name_of("a/b"), "the same every time");
    assert_ne!(tongbao::model::file_name_of("a/b"), tongbao::model::file_name_of("a?b"));
    for name in ["..", ".hidden", "", "a\u{0}b"] {
        let file = tongbao::model::file_name_of(name);
        assert!(!file.starts_with('.') && !file.contains('\0') && !file.is_empty(), "{name:?} → {file:?}");
    }
}

/// A name made to be another's file name (the hashed one of a name with a space) is told.
#[test]
fn two_names_with_one_page_are_refused() {
    let clash = tongbao::model::file_name_of("东 镇");
    let dir = common::edited(
        "mini",
        "orgs.yaml",
        "  - { name: 乙局, kind: 部门 }",
        &format!(
            "  - {{ name: 乙局, kind: 部门 }}\n  - {{ name: 东 镇, kind: 乡镇 }}\n  - {{ name: {clash}, kind: 乡镇 }}"
        ),
    );
    assert_eq!(
        errors(&dir),
        [format!("orgs.yaml:5:13 E0502 「{clash}」与「东 镇」生成同一个页面文件 groups/lead_unit/{clash}.html")]
    );
}

#[test]
fn a_meeting_file_name_that_a_link_cannot_carry_is_refused() {
    let dir = common::copy_of("mini");
    let meetings = dir.join("meetings");
    std::fs::rename(meetings.join("2026-01-20-diaodu.md"), meetings.join("2026-01-20-调度#1.md")).unwrap();
    assert_eq!(errors(&dir), ["meetings/2026-01-20-调度#1.md:1:1 E0504 会议纪要的文件名含有「#」"]);
    std::fs::rename(meetings.join("2026-01-20-调度#1.md"), meetings.join(format!("2026-01-20-{}.md", "d".repeat(100))))
        .unwrap();
    let found = errors(&dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with(":1:1 E0501 会议纪要的文件名超过 100 个字"), "{found:?}");
}

#[test]
fn pictures_from_outside_are_refused() {
    let dir = common::copy_of("mini");
    let meeting = dir.join("meetings/2026-01-20-diaodu.md");
    let text = std::fs::read_to_string(&meeting).unwrap();
    let lines = text.lines().count();
    std::fs::write(
        &meeting,
        format!("{text}现场照片：![工地](https://example.com/a.png)，另见[通知](https://example.com/n.html)。\n"),
    )
    .unwrap();
    assert_eq!(
        errors(&dir),
        [format!("meetings/2026-01-20-diaodu.md:{}:12 E0503 正文中的图片来自外部网站", lines + 1)],
        "a picture is refused, a link is not"
    );
}
