//! `tongbao diff` on a git data repository made by the test: what a pull request changes in
//! the published figures, with every expected line computed by hand from the `mini` fixture.

mod common;

use std::path::Path;
use std::process::{Command, Output};

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
    Command::new(env!("CARGO_BIN_EXE_tongbao")).current_dir(repo).arg("diff").args(args).output().unwrap()
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
        "| T-2 乙项目 | 90 | 200 |",
        // T-2: 15.0 − 25.0 = −10.0 (yellow) → 33.3 − 25.0 = +8.3 (green).
        "| T-2 乙项目 | 黄灯 | 绿灯 |",
        // 乙局 (T-2 + T-3) 15% → 33.3% passes 甲局 (T-1) 23.3%.
        "- 责任单位逆排名：新进入末位 甲局；退出末位 乙局",
        // 李四 (T-1 + T-2) 370/1800 → 480/1800 = 26.7% passes 张三 (T-1 + T-3) 23.3%.
        "- 领导排名：新进入末位 张三；退出末位 李四",
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
