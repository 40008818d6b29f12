//! `tongbao check` from the command line: formats and exit codes; `build --timings`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn check(data: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tongbao")).arg("check").arg("--data").arg(data).args(extra).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn exit_codes_follow_errors_warnings_and_usage() {
    let mini = common::fixture("mini");
    // mini has one warning (a month without T-2) and no error.
    assert_eq!(check(&mini, &[]).status.code(), Some(0));
    assert_eq!(check(&mini, &["--deny-warnings"]).status.code(), Some(1));
    assert_eq!(check(&common::root().join("data"), &["--deny-warnings"]).status.code(), Some(0));
    let broken = common::edited("mini", "projects/T-1.yaml", "lead_unit: 甲局", "lead_unit: 甲居");
    assert_eq!(check(&broken, &[]).status.code(), Some(1));
    assert_eq!(check(Path::new("/nonexistent/tongbao"), &[]).status.code(), Some(2));
    assert_eq!(check(&mini, &["--format", "xml"]).status.code(), Some(2));
}

#[test]
fn json_and_github_formats() {
    let broken = common::edited("mini", "projects/T-1.yaml", "lead_unit: 甲局", "lead_unit: 甲居");
    let json: serde_json::Value = serde_json::from_str(&text(&check(&broken, &["--format", "json"]).stdout)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3, "the error and the fixture's two warnings");
    assert_eq!(json[0]["code"], "W0403", "config.yaml pins 2026-03 and there are later months");
    // Paths as the repository sees them, as in the github and gitlab formats.
    assert_eq!(json[2]["file"], format!("{}/projects/T-1.yaml", broken.to_string_lossy()));
    assert_eq!((json[2]["line"].as_u64(), json[2]["column"].as_u64()), (Some(5), Some(12)));
    // 甲居 is two characters: the range ends before column 14.
    assert_eq!((json[2]["end_line"].as_u64(), json[2]["end_column"].as_u64()), (Some(5), Some(14)));
    assert_eq!(json[2]["code"], "E0301");
    assert_eq!(json[2]["severity"], "error");
    assert_eq!(json[2]["hint"], "是否应为「甲局」？");
    assert!(json[2].get("replacement").is_none(), "a likely name is no certain fix");

    // A slip with a certain fix: machine-applicable.
    let slip = common::edited("mini", "projects/T-1.yaml", "total_investment: 3000", "total_investment: 3,000");
    let json: serde_json::Value = serde_json::from_str(&text(&check(&slip, &["--format", "json"]).stdout)).unwrap();
    let finding = json.as_array().unwrap().iter().find(|f| f["code"] == "E0104").unwrap();
    assert_eq!((finding["column"].as_u64(), finding["end_column"].as_u64()), (Some(19), Some(24)));
    assert_eq!(finding["replacement"], serde_json::json!({ "text": "3000", "applicability": "machine-applicable" }));

    let github = text(&check(&broken, &["--format", "github"]).stdout);
    let prefix = broken.to_string_lossy();
    assert!(
        github.contains(&format!("::error file={prefix}/projects/T-1.yaml,line=5,col=12,title=E0301::未知的单位「甲居」%0A提示：是否应为「甲局」？\n")),
        "{github}"
    );
    assert!(
        github.contains(&format!("::warning file={prefix}/progress/2026-02.yaml,line=3,col=1,title=W0402::")),
        "{github}"
    );
}

#[test]
fn timings_list_every_phase_in_one_aligned_table() {
    let out = common::scratch("timings").join("site");
    let run = Command::new(env!("CARGO_BIN_EXE_tongbao"))
        .args(["build", "--quiet", "--timings", "--data"])
        .arg(common::fixture("mini"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stderr = text(&run.stderr);
    // The table, then the warnings of the fixture (mini has two).
    let lines: Vec<&str> = stderr.lines().take_while(|l| !l.starts_with("警告")).collect();
    let table = lines.join("\n");
    let names: Vec<&str> = lines[1..lines.len() - 1].iter().map(|l| l.split_whitespace().next().unwrap()).collect();
    let mut expected = tongbao::PHASES.to_vec();
    expected.extend(["合计", "其中绘图(CPU)"]);
    assert_eq!(names, expected, "{table}");
    // Every figure ends in the same column: 16 columns of name, 10 of number.
    for line in &lines[1..lines.len() - 1] {
        assert_eq!(unicode_width::UnicodeWidthStr::width(*line), 26, "{line:?}");
    }
    let files = common::files(&out).len();
    let data = common::files(&common::fixture("mini")).len();
    assert!(lines.last().unwrap().starts_with(&format!("数据 {data} 个文件，0.0 MB；文件 {files} 个，")), "{table}");
    if cfg!(target_os = "linux") {
        assert!(lines.last().unwrap().contains("，CPU 用户态 "), "{table}");
    }
}

/// `--version` names the commit the binary was built from (the clone's HEAD, `-dirty` when the
/// tree has uncommitted changes), and `completions` writes a script for each shell that knows
/// every subcommand.
#[test]
fn version_names_the_commit_and_completions_cover_every_shell() {
    let tongbao = || Command::new(env!("CARGO_BIN_EXE_tongbao"));
    let version = text(&tongbao().arg("--version").output().unwrap().stdout);
    let head = Command::new("git").args(["rev-parse", "--short=7", "HEAD"]).current_dir(common::root()).output();
    let head = head.ok().filter(|o| o.status.success()).map(|o| text(&o.stdout).trim().to_string());
    let commit = head.as_deref().unwrap_or("未知");
    assert!(version.starts_with(&format!("tongbao {}（提交 {commit}", env!("CARGO_PKG_VERSION"))), "{version}");
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = tongbao().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        for sub in ["build", "check", "import", "forms", "export", "completions"] {
            assert!(script.contains(sub), "the {shell} completions lack {sub}");
        }
    }
    assert_eq!(tongbao().args(["completions", "tcsh"]).output().unwrap().status.code(), Some(2));
}
