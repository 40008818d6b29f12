//! `tongbao diff` on a git data repository made by the test: what a pull request changes in
//! the published figures, with every expected line computed by hand from the `mini` fixture.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(repo)
        .args(["-c", "user.name=测试", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn diff(repo: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tongbao"))
        .current_dir(repo)
        .arg("diff")
        .args(args)
        .arg("--theme")
        .arg(common::root().join("themes/default"))
        .output()
        .unwrap()
}

/// A repository whose HEAD~1 is `mini` and whose HEAD is the pull request below.
fn repository() -> std::path::PathBuf {
    let repo = common::scratch("repo");
    common::copy_dir(&common::fixture("mini"), &repo.join("data"));
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "mini"]);
    let data = repo.join("data");
    edit(&data.join("progress/2026-03.yaml"), "T-2: { ytd: 90", "T-2: { ytd: 200");
    edit(
        &data.join("projects/T-1.yaml"),
        "    deadline: 2026-04-30\n    resolved: null",
        "    deadline: 2026-04-30\n    resolved: 2026-03-25",
    );
    edit(&data.join("meetings/2026-01-20-diaodu.md"), "status: 未启动", "status: 正在办理");
    git(&repo, &["commit", "-q", "-am", "三月数据"]);
    repo
}

#[test]
fn a_pull_request_is_described_by_its_effect_on_the_figures() {
    let repo = repository();
    let out = diff(&repo, &["HEAD~1", "HEAD", "--html", "diff.html"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    for line in [
        "## 数据变更：HEAD~1 → HEAD",
        // County: ytd 370 → 480 of a plan of 1800; 20.6% → 26.7%; 序时 25.0.
        "| 累计完成投资 | 370万元 | 480万元 |",
        "| 完成率 | 20.6% | 26.7% |",
        "| 偏差（个百分点） | −4.4 | +1.7 |",
        "| 红灯 / 黄灯 | 0 / 1 | 0 / 0 |",
        "#### 2026年3月",
        // T-2: ytd 90 → 200; its 当月 against January's 30 (February did not report it);
        // 15.0 − 25.0 = −10.0 (yellow) → 33.3 − 25.0 = +8.3 (green).
        "| T-2 乙项目 | 90 → 200 | 60 → 170 | 15.0% → 33.3% | 黄灯 → 绿灯 |",
        // 乙局 (T-2 + T-3) 15% → 33.3% passes 甲局 (T-1) 23.3%.
        "- 责任单位逆排名：\n  - 甲局：第2 → 第1，完成率 23.3%\n  - 乙局：第1 → 第2，完成率 15.0% → 33.3%\n  - 新进入末位 甲局；退出末位 乙局",
        // 李四 (T-1 + T-2) 370/1800 → 480/1800 = 26.7% passes 张三 (T-1 + T-3) 23.3%.
        "- 领导排名：\n  - 李四：第2 → 第1，完成率 20.6% → 26.7%\n  - 张三：第1 → 第2，完成率 23.3%\n  - 新进入末位 张三；退出末位 李四",
        "### 销号问题（1）\n\n- T-1#2 甲项目：资金未到位",
        "- **T-1 甲项目**\n  - `issues[1].resolved`：null → 2026-03-25",
        "| 一月调度会 第3件 | 未启动 | 正在办理 |",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    assert!(!md.contains("新增项目") && !md.contains("删除项目"));
    let html = std::fs::read_to_string(repo.join("diff.html")).unwrap();
    assert!(html.contains("<td>T-2 乙项目</td>") && !html.contains("http"), "{html}");
}

#[test]
fn no_change_says_so_and_bad_sides_are_reported() {
    let repo = repository();
    let same = diff(&repo, &["HEAD", "data"]);
    assert!(String::from_utf8(same.stdout).unwrap().contains("发布的数据没有变化。"));

    let unknown = diff(&repo, &["no-such-rev", "HEAD"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8(unknown.stderr).unwrap().contains("「no-such-rev」既不是数据目录，也不是 git 版本"));

    edit(&repo.join("data/projects/T-2.yaml"), "lead_unit: 乙局", "lead_unit: 乙居");
    git(&repo, &["commit", "-q", "-am", "错误"]);
    let broken = diff(&repo, &["HEAD~1", "HEAD"]);
    assert_eq!(broken.status.code(), Some(1));
    let stderr = String::from_utf8(broken.stderr).unwrap();
    assert!(stderr.contains("「HEAD」的数据有错误，无法比较") && stderr.contains("projects/T-2.yaml:5:12"), "{stderr}");
}

/// An edit to February shows as February's change and as the change it makes to March (its
/// 当月 is March's ytd less February's).
#[test]
fn an_edit_to_an_earlier_month_shows_in_every_later_month() {
    let repo = common::scratch("repo-feb");
    common::copy_dir(&common::fixture("mini"), &repo.join("data"));
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "mini"]);
    edit(&repo.join("data/progress/2026-02.yaml"), "T-1: { ytd: 150", "T-1: { ytd: 120");
    git(&repo, &["commit", "-q", "-am", "二月核减"]);
    let md = String::from_utf8(diff(&repo, &["HEAD~1", "HEAD"]).stdout).unwrap();
    for line in [
        "#### 2026年2月",
        // T-1: 150 → 120 of 1200; 当月 against January's 60: 90 → 60.
        "| T-1 甲项目 | 150 → 120 | 90 → 60 | 12.5% → 10.0% | 绿灯 |",
        "#### 2026年3月",
        // March's ytd is unchanged (280), its 当月 280 − 150 = 130 → 280 − 120 = 160.
        "| T-1 甲项目 | 280 | 130 → 160 | 23.3% | 绿灯 |",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    assert!(!md.contains("#### 2026年1月"), "January did not change:\n{md}");
}

/// The long tables of the HTML page fold into real `<details>`, and the page renders.
#[test]
fn the_html_page_folds_long_tables_into_details() {
    let repo = common::scratch("repo-html");
    common::copy_dir(&common::root().join("data"), &repo.join("data"));
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "sample"]);
    // Every October figure a tenth higher: more than ten projects change.
    let path = repo.join("data/progress/2026-10.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let raised: String = text
        .lines()
        .map(|l| match l.strip_prefix("    ytd: ").and_then(|v| v.parse::<u64>().ok()) {
            Some(v) if v > 0 => format!("    ytd: {}\n", v + v / 10),
            _ => format!("{l}\n"),
        })
        .collect();
    std::fs::write(&path, raised).unwrap();
    git(&repo, &["commit", "-q", "-am", "十月"]);
    let out = diff(&repo, &["HEAD~1", "HEAD", "--html", "diff.html"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(repo.join("diff.html")).unwrap();
    assert!(html.contains("<details><summary>共 "), "no fold in the page");
    assert!(!html.contains("&lt;details"), "a fold escaped into text");
    assert_eq!(html.matches("<details>").count(), html.matches("</details>").count());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("<details><summary>共 "), "the Markdown folds too");
    // In a real browser: the folds are elements of the page, not text.
    if !common::checker_present(
        "Chromium",
        common::command_exists("chromium"),
        "apt-get update && apt-get install chromium",
    ) {
        return;
    }
    let profile = common::scratch("chromium-profile");
    let dom = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", repo.join("diff.html").display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("<details><summary>共 "), "the browser sees no <details>: {dom}");
    assert!(!dom.contains("&lt;details"), "the browser shows a fold as text");
}

/// One random edit of a data file: a comment, trailing spaces, a digit, a word added to a
/// text, a sentence added to a body.
#[derive(Debug, Clone)]
enum Edit {
    Comment,
    TrailingSpaces(f64),
    Digit(f64, char),
    Word(f64),
    Sentence,
}

fn apply(text: &str, edit: &Edit, markdown: bool) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let pick = |f: f64, keep: &dyn Fn(&str) -> bool| {
        let candidates: Vec<usize> = (0..lines.len()).filter(|&i| keep(lines[i])).collect();
        (!candidates.is_empty()).then(|| candidates[((candidates.len() as f64 * f) as usize).min(candidates.len() - 1)])
    };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    match edit {
        Edit::Comment if !markdown => out.push("# 审核备注".into()),
        Edit::TrailingSpaces(f) if !markdown => {
            if let Some(i) = pick(*f, &|l| !l.is_empty()) {
                out[i].push_str("   ");
            }
        }
        Edit::Digit(f, d) => {
            if let Some(i) = pick(*f, &|l| l.contains(|c: char| c.is_ascii_digit()) && !l.starts_with("period")) {
                let at = out[i].rfind(|c: char| c.is_ascii_digit()).unwrap();
                out[i].replace_range(at..at + 1, &d.to_string());
            }
        }
        Edit::Word(f) => {
            let texts = ["name: ", "progress: ", "title: ", "measures: "];
            if let Some(i) = pick(*f, &|l| texts.iter().any(|t| l.trim_start().starts_with(t)) && !l.contains('{')) {
                out[i].push_str("（调整）");
            }
        }
        Edit::Sentence if markdown => out.push("\n会议还要求各单位按月报送进展。".into()),
        _ => {}
    }
    out.join("\n") + "\n"
}

fn random_edit() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    prop_oneof![
        Just(Edit::Comment),
        (0.0..1.0).prop_map(Edit::TrailingSpaces),
        (0.0..1.0, proptest::char::range('0', '9')).prop_map(|(f, d)| Edit::Digit(f, d)),
        (0.0..1.0).prop_map(Edit::Word),
        Just(Edit::Sentence),
    ]
}

/// The reviewer's guarantee, by construction: for random edits of the sample, `diff` says "no
/// change" if and only if the two builds are byte-identical.
#[test]
fn diff_says_no_change_exactly_when_the_builds_are_identical() {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let sample = common::root().join("data");
    let files: Vec<String> = common::files(&sample).into_iter().filter(|f| !f.starts_with("schema/")).collect();
    let theme = tongbao::render::Theme::load(Some(&common::root().join("themes/default"))).unwrap();
    let before_site = common::build(&sample);
    let before = tongbao::diff::open(sample.to_str().unwrap(), &sample).unwrap();
    let config = Config { cases: 16, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[15; 32]));
    let (same, differ) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let strategy = proptest::collection::vec((0..files.len(), random_edit()), 1..3);
    runner
        .run(&strategy, |edits| {
            let data = common::scratch("edited").join("data");
            common::copy_dir(&sample, &data);
            for (file, e) in &edits {
                let path = data.join(&files[*file]);
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, apply(&text, e, files[*file].ends_with(".md"))).unwrap();
            }
            let Ok(after) = tongbao::diff::open(data.to_str().unwrap(), &data) else { return Ok(()) };
            let changes = tongbao::diff::compare(&before, &after, &theme).unwrap();
            let site = common::build(&data);
            let identical = common::files(&site) == common::files(&before_site)
                && common::files(&site)
                    .iter()
                    .all(|f| std::fs::read(site.join(f)).unwrap() == std::fs::read(before_site.join(f)).unwrap());
            if identical { &same } else { &differ }.fetch_add(1, Ordering::Relaxed);
            proptest::prop_assert_eq!(
                changes.is_empty(),
                identical,
                "edits {:?}: diff says {}",
                edits,
                tongbao::diff::markdown(&changes)
            );
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let (same, differ) = (same.into_inner(), differ.into_inner());
    assert!(same > 0 && differ > 0, "the cases must include both: {same} identical, {differ} different");
}
