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
        .args(["build", "--timings", "--data"])
        .arg(common::fixture("mini"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", text(&run.stderr));
    let stderr = text(&run.stderr);
    // The table, then the warnings of the fixture (mini has two).
    // The summary once: the table, not the line a build without --timings ends with too.
    assert!(!stderr.contains("已生成"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().take_while(|l| !l.starts_with("警告")).collect();
    let table = lines.join("\n");
    let names: Vec<&str> = lines[1..lines.len() - 1].iter().map(|l| l.split_whitespace().next().unwrap()).collect();
    // Every phase but the PDFs', not asked for.
    let mut expected: Vec<&str> = tongbao::PHASES.into_iter().filter(|p| *p != "导出 PDF").collect();
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

/// Every help page and every usage error is in Chinese: none of clap's English words, and
/// every argument has a description.
#[test]
fn help_and_errors_have_no_english_left() {
    let tongbao = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_tongbao")).args(args).output().unwrap();
    let mut pages = vec![vec!["--help"]];
    for sub in [
        "build",
        "init",
        "new",
        "diff",
        "demo",
        "completions",
        "schema",
        "serve",
        "export",
        "forms",
        "import",
        "theme",
        "check",
    ] {
        pages.push(vec![sub, "--help"]);
    }
    for sub in [["new", "project"], ["new", "month"], ["new", "meeting"], ["theme", "export"]] {
        pages.push(vec![sub[0], sub[1], "--help"]);
    }
    let english = [
        "Usage",
        "Options",
        "Commands",
        "Arguments",
        "Print",
        "help",
        "version",
        "default:",
        "possible values",
        "OPTIONS",
        "COMMAND",
        "error",
        "tip:",
        "information",
        "For more",
    ];
    for args in &pages {
        let out = tongbao(args);
        assert!(out.status.success(), "{args:?}");
        let page = text(&out.stdout);
        assert!(page.contains("用法：tongbao") && page.contains("选项：\n"), "{args:?}:\n{page}");
        // The words of the page, leaving out option names (`--help`) and commands (`build`).
        let words: String = page.split_whitespace().filter(|w| !w.starts_with('-')).collect::<Vec<_>>().join(" ");
        for word in english {
            assert!(!words.contains(word), "{args:?} says {word:?}:\n{page}");
        }
        // An argument's line: its name, two spaces, its description (never empty).
        for line in page.lines().filter(|l| l.trim_start().starts_with(['-', '<'])) {
            let described = line.trim().split_once("  ").is_some_and(|(_, d)| !d.trim().is_empty());
            assert!(described, "{args:?}: no description on {line:?}");
        }
    }
    for (args, said) in [
        (vec!["bogus"], "错误：没有命令「bogus」\n\n用法：tongbao [选项] <命令>\n\n更多说明：tongbao --help\n"),
        (
            vec!["buld"],
            "错误：没有命令「buld」\n提示：是不是要写「build」？\n\n用法：tongbao [选项] <命令>\n\n更多说明：tongbao --help\n",
        ),
        (
            vec!["check", "--format", "xml"],
            "错误：--format <格式> 的值「xml」不在可选值之中\n提示：可选的值：human、json、github、gitlab\n\n更多说明：tongbao check --help\n",
        ),
        (
            vec!["build", "--period", "2026-13"],
            "错误：--period <YYYY-MM> 的值「2026-13」有误：「2026-13」不是有效月份，应写作 YYYY-MM，如 2026-10\n\n更多说明：tongbao build --help\n",
        ),
        (
            vec!["forms"],
            "错误：缺少必需的参数 <YYYY-MM>\n\n用法：tongbao forms [选项] <YYYY-MM>\n\n更多说明：tongbao forms --help\n",
        ),
        (
            vec!["serve", "--port", "x"],
            "错误：--port <端口> 的值「x」有误：应为不带符号和小数点的整数\n\n更多说明：tongbao serve --help\n",
        ),
        (
            vec!["new", "month", "2026-13"],
            "错误：<YYYY-MM> 的值「2026-13」有误：「2026-13」不是有效月份，应写作 YYYY-MM，如 2026-10\n\n更多说明：tongbao new month --help\n",
        ),
        (
            vec!["serve", "--port", "99999"],
            "错误：--port <端口> 的值「99999」有误：应在 0 到 65535 之间\n\n更多说明：tongbao serve --help\n",
        ),
    ] {
        let out = tongbao(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr), said, "{args:?}");
    }
}

/// Findings are in colour on a terminal (rustc's red and yellow, a blue gutter) and plain when
/// piped, with `--color never` or with `NO_COLOR` set; `--color always` paints a pipe too.
/// The terminal is `script`'s pseudo-terminal (util-linux, in every Debian).
#[test]
fn colour_on_a_terminal_unless_no_color() {
    let broken = common::edited("mini", "projects/T-1.yaml", "lead_unit: 甲局", "lead_unit: 甲居");
    let red_error = "\x1b[1m\x1b[91m错误[E0301]\x1b[0m";
    let yellow_warning = "\x1b[1m\x1b[33m警告[";
    let piped = |extra: &[&str]| text(&check(&broken, extra).stderr);
    assert!(!piped(&[]).contains('\x1b'), "{}", piped(&[]));
    assert!(!piped(&["--color", "never"]).contains('\x1b'));
    let always = piped(&["--color", "always"]);
    assert!(always.contains(red_error) && always.contains(yellow_warning), "{always:?}");
    // The plain text is the same, the colours taken out.
    assert_eq!(strip_colour(&always), piped(&[]));

    let on_terminal = |no_color: Option<&str>, extra: &str| {
        let line = format!("{} check --data {} {extra}", env!("CARGO_BIN_EXE_tongbao"), broken.display());
        let mut script = Command::new("script");
        script.args(["-qec", &line, "/dev/null"]).env_remove("NO_COLOR");
        if let Some(value) = no_color {
            script.env("NO_COLOR", value);
        }
        let out = script.output().expect("script (util-linux) makes the terminal: apt-get install bsdutils");
        text(&out.stdout).replace("\r\n", "\n")
    };
    assert!(on_terminal(None, "").contains(red_error), "{:?}", on_terminal(None, ""));
    // no-color.org: set to anything but the empty string, it turns colour off.
    assert!(on_terminal(Some(""), "").contains(red_error));
    assert!(!on_terminal(Some("1"), "").contains('\x1b'));
    assert!(!on_terminal(None, "--color never").contains('\x1b'));
    assert!(on_terminal(Some("1"), "--color always").contains(red_error));
}

/// `text` without its ANSI colour sequences (`ESC [ … m`).
fn strip_colour(text: &str) -> String {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('\x1b') {
        plain.push_str(&rest[..start]);
        rest = rest[start..].split_once('m').map_or("", |(_, after)| after);
    }
    plain + rest
}

/// On a terminal a build that takes more than a second shows a bar: the files written so far
/// on a first build; the next build, which expects as many files as the output it replaces
/// has, `n/N 个文件` and the time left. Piped, nothing of it.
#[test]
fn progress_bar_counts_the_files_on_a_terminal() {
    let dir = common::scratch("progress");
    // Big enough to take more than a second in a debug build (about 3 s here).
    common::demo(&dir.join("data"), &["--projects", "500", "--meetings", "4"]);
    let build = || {
        let line = format!("{} build --data data --out site", env!("CARGO_BIN_EXE_tongbao"));
        let out = Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .current_dir(&dir)
            .output()
            .expect("script (util-linux) makes the terminal: apt-get install bsdutils");
        assert!(out.status.success());
        // What the terminal showed, one redraw per line.
        text(&out.stdout).replace("\r\n", "\n").replace('\r', "\n")
    };
    let first = build();
    assert!(first.contains(" 个文件 渲染并写出文件") && first.contains("已写 "), "{first}");
    assert!(!first.contains("约剩"), "{first}");
    let files = common::files(&dir.join("site")).len();
    assert!(first.contains(&format!("已生成 {files} 个文件")), "{first}");
    let second = build();
    let counting = format!("/{files} 个文件 渲染并写出文件，约剩 ");
    assert!(second.contains(&counting) && second.contains(" 秒"), "{counting:?} in {second}");
    // The bar is cleared at the end: the last line is the summary.
    assert!(second.trim_end().rsplit('\n').next().unwrap().contains("已生成 "), "{second}");
    let piped = Command::new(env!("CARGO_BIN_EXE_tongbao"))
        .args(["build", "--data", "data", "--out", "site"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(!text(&piped.stderr).contains("个文件 渲染"), "{}", text(&piped.stderr));
}
