//! tongbao as an office gets it: one binary copied into an empty folder, without the source
//! tree or a theme folder; `init` makes a county's repository, and `check`, `build`, `serve`
//! and the CI recipes that `init` writes work there as written.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary copied alone into `root/bin`, so that nothing of the source tree is near it: the
/// release binary when `.ci/run` has made one (static musl, by `.ci/release-binary`, named in
/// `TONGBAO_RELEASE_BINARY`), otherwise the binary of this test build.
fn lone_binary(root: &Path) -> PathBuf {
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let copy = bin.join("tongbao");
    let release = std::env::var_os("TONGBAO_RELEASE_BINARY").map(PathBuf::from);
    std::fs::copy(release.as_deref().unwrap_or(Path::new(env!("CARGO_BIN_EXE_tongbao"))), &copy).unwrap();
    let version = first_run(Command::new(&copy).arg("--version")).stdout;
    // The release binary is made from the same commit as this test build.
    let built = Command::new(env!("CARGO_BIN_EXE_tongbao")).arg("--version").output().unwrap().stdout;
    assert_eq!(version, built);
    copy
}

/// Runs a program just written: it waits while a child that another test thread forked
/// during the writing still holds the file open (Linux: ETXTBSY, "Text file busy"), until that
/// child has started its own program.
fn first_run(command: &mut Command) -> Output {
    for _ in 0..200 {
        match command.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            run => return run.unwrap(),
        }
    }
    panic!("{command:?} stays busy");
}

fn run(bin: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(bin).current_dir(dir).args(args).output().unwrap()
}

fn said(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A new county's repository made by `init` in `root`, its first month 2026-03.
fn county(root: &Path, bin: &Path) -> PathBuf {
    let made = run(bin, root, &["init", "青川县", "--name", "青川县", "--period", "2026-03"]);
    assert!(made.status.success(), "{}", said(&made));
    assert!(said(&made).starts_with("已新建青川县的数据仓库 青川县（9 项）"), "{}", said(&made));
    root.join("青川县")
}

#[test]
fn one_binary_in_an_empty_folder_makes_a_county_and_its_site() {
    let root = common::scratch("one-binary");
    let bin = lone_binary(&root);
    let county = county(&root, &bin);
    let mut files = common::files(&county);
    files.retain(|f| !f.starts_with("schema/"));
    assert_eq!(
        files,
        [
            ".github/workflows/tongbao.yml",
            ".gitignore",
            ".gitlab-ci.yml",
            ".vscode/settings.json",
            "config.yaml",
            "orgs.yaml",
            "progress/2026-03.yaml",
            "projects/2026/XM2026-001.yaml",
        ]
    );
    assert!(county.join("schema/project.schema.json").is_file());
    let config = std::fs::read_to_string(county.join("config.yaml")).unwrap();
    assert!(config.contains("  title: 青川县重点项目建设\n") && config.contains("  period: 2026-03\n"), "{config}");
    assert_eq!(std::fs::read_to_string(county.join(".gitignore")).unwrap().lines().last(), Some("site/"));

    // The data folder is found from the repository and from any folder below it.
    for dir in [county.clone(), county.join("projects/2026")] {
        let checked = run(&bin, &dir, &["check"]);
        assert!(checked.status.success(), "{}", said(&checked));
        assert_eq!(said(&checked), "检查通过（0 个警告）\n");
    }
    let built = run(&bin, &county.join("progress"), &["build", "--quiet"]);
    assert!(built.status.success(), "{}", said(&built));
    let site = county.join("site");
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    // One project: 总投资 30000 = 3.00亿元, 年度计划 12000 = 1.20亿元, 1-3月 0 against 序时 3/12 = 25%.
    assert!(
        index.contains("全县1个重点项目总投资3.00亿元，年度计划投资1.20亿元，1-3月累计完成投资0万元，完成率0.0%，低于序时进度25.0个百分点。"),
        "headline not found"
    );
    // The built-in theme is the source tree's, byte for byte.
    let theme = common::root().join("themes/default/static");
    for file in ["style.css", "print.css", "tongbao.js"] {
        assert_eq!(std::fs::read(site.join("static").join(file)).unwrap(), std::fs::read(theme.join(file)).unwrap());
    }
    let (links, _) = common::links::check_all(&site);
    assert!(links > 50, "only {links} links");

    // serve, from the repository, with nothing named on the command line.
    let mut serve = Command::new(&bin);
    serve.current_dir(&county).arg("serve");
    let server = common::server::spawn(serve);
    let (status, page) = common::server::get(server.port, "index.html");
    assert_eq!(status, 200);
    assert!(page.contains("青川县重点项目建设"), "{page}");
    assert_eq!(common::server::get(server.port, "static/style.css").0, 200);
}

#[test]
fn outside_a_data_repository_the_error_says_where_to_start() {
    let root = common::scratch("no-data-here");
    let bin = lone_binary(&root);
    let empty = root.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let out = run(&bin, &empty, &["build"]);
    assert_eq!(out.status.code(), Some(2));
    let text = said(&out);
    assert!(text.starts_with("错误：找不到数据目录："), "{text}");
    assert!(text.contains("及其上级目录中都没有 config.yaml 或 data/config.yaml\n提示：在数据仓库中运行，或用 --data 指定数据目录；新建一个县的数据仓库用 tongbao init 目录 --name 某某县\n"), "{text}");
    // init writes into a new or empty folder only.
    std::fs::write(empty.join("笔记.txt"), "本县的").unwrap();
    let refused = run(&bin, &root, &["init", "empty", "--name", "青川县"]);
    assert_eq!(said(&refused), "错误：empty 已存在且不是空目录\n提示：为免覆盖已有的文件，请指定一个新目录\n");
    assert_eq!(std::fs::read_to_string(empty.join("笔记.txt")).unwrap(), "本县的");
}

#[test]
fn a_theme_folder_replaces_only_the_files_it_has() {
    let root = common::scratch("partial-theme");
    let bin = lone_binary(&root);
    let exported = run(&bin, &root, &["theme", "export", "full"]);
    assert!(exported.status.success(), "{}", said(&exported));
    assert_eq!(common::files(&root.join("full")), common::files(&common::root().join("themes/default")));
    assert!(!run(&bin, &root, &["theme", "export", "full"]).status.success(), "export does not write over a theme");

    // A county's theme of one file: its own stylesheet; the templates and the script are the default's.
    let own = root.join("own/static");
    std::fs::create_dir_all(&own).unwrap();
    let css = std::fs::read_to_string(root.join("full/static/style.css")).unwrap() + "\n/* 青川县的颜色 */\n";
    std::fs::write(own.join("style.css"), &css).unwrap();
    let data = common::root().join("data");
    let data = data.to_str().unwrap();
    let built = run(&bin, &root, &["build", "--quiet", "--data", data, "--theme", "own", "--out", "site"]);
    assert!(built.status.success(), "{}", said(&built));
    assert_eq!(std::fs::read_to_string(root.join("site/static/style.css")).unwrap(), css);
    let script = common::root().join("themes/default/static/tongbao.js");
    assert_eq!(std::fs::read(root.join("site/static/tongbao.js")).unwrap(), std::fs::read(script).unwrap());
    assert!(root.join("site/ledger.html").is_file());

    let missing = run(&bin, &root, &["build", "--data", data, "--theme", "nowhere"]);
    assert_eq!(
        said(&missing),
        "错误：主题目录 nowhere 不存在\n提示：不用 --theme 即用内置的默认主题；要改主题，先用 tongbao theme export nowhere 导出默认主题\n"
    );
}

/// Runs `git` in `dir`; panics when it fails.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git").current_dir(dir).args(args).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", said(&out));
}

/// A county repository on a branch `change` that raises the example project's 1-3月 to 2500,
/// with `origin` (a bare copy) holding `main`: what a pull request's CI checks out.
fn pull_request(root: &Path, bin: &Path) -> PathBuf {
    let county = county(root, bin);
    git(&county, &["init", "--quiet", "--initial-branch=main"]);
    git(&county, &["-c", "user.name=经办人", "-c", "user.email=clerk@example.org", "add", "."]);
    git(&county, &["-c", "user.name=经办人", "-c", "user.email=clerk@example.org", "commit", "--quiet", "-m", "新建"]);
    git(root, &["clone", "--quiet", "--bare", "青川县", "origin.git"]);
    git(&county, &["remote", "add", "origin", "../origin.git"]);
    git(&county, &["checkout", "--quiet", "-b", "change"]);
    let month = county.join("progress/2026-03.yaml");
    let text =
        std::fs::read_to_string(&month).unwrap().replace("ytd: 0\n    started: false", "ytd: 2500\n    started: true");
    std::fs::write(&month, text).unwrap();
    git(&county, &["-c", "user.name=经办人", "-c", "user.email=clerk@example.org", "commit", "--quiet", "-am", "3月"]);
    county
}

/// A stand-in for a command the CI runner has (`gh`, `curl`): it notes its arguments in
/// `calls.log` and prints `$ANSWER` (what the API would return).
fn stand_in(bin: &Path, name: &str) {
    let path = bin.with_file_name(name);
    std::fs::write(&path, "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> \"$CALLS\"\nprintf '%s' \"$ANSWER\"\n")
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    first_run(Command::new(&path).env("CALLS", "/dev/null"));
}

/// Runs the shell text `script` in `dir` as a CI runner would (`bash -e`), with the lone
/// binary and the stand-ins (beside it) on PATH and `env` set; the calls the stand-ins saw.
fn run_step(script: &str, dir: &Path, bin: &Path, env: &[(&str, &str)]) -> String {
    let calls = dir.join("../calls.log");
    let _ = std::fs::remove_file(&calls);
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("bash")
        .current_dir(dir)
        .args(["-e", "-c", script])
        .env("PATH", path)
        .env("CALLS", &calls)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success(), "step failed:\n{script}\n{}{}", String::from_utf8_lossy(&out.stdout), said(&out));
    std::fs::read_to_string(&calls).unwrap_or_default()
}

#[test]
fn the_github_recipe_runs_as_written_and_keeps_one_comment() {
    if !common::checker_present("git", common::command_exists("git"), "apt-get install git") {
        return;
    }
    let root = common::scratch("github-recipe");
    let bin = lone_binary(&root);
    stand_in(&bin, "gh");
    let county = pull_request(&root, &bin);
    let text = std::fs::read_to_string(county.join(".github/workflows/tongbao.yml")).unwrap();
    let recipe: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(recipe["permissions"]["contents"].as_str(), Some("read"));
    assert_eq!(recipe["permissions"]["pull-requests"].as_str(), Some("write"));
    let steps = recipe["jobs"]["data"]["steps"].as_sequence().unwrap();
    let named =
        |name: &str| steps.iter().find(|s| s["name"].as_str() == Some(name)).unwrap_or_else(|| panic!("{name}"));
    // Installing needs cargo and the network: the test puts the lone binary on PATH instead.
    assert!(named("安装 tongbao")["run"].as_str().unwrap().starts_with("cargo install --git \"$TONGBAO_GIT\""));
    assert_eq!(named("安装 tongbao")["if"].as_str(), Some("steps.tongbao.outputs.cache-hit != 'true'"));
    let script = |name: &str| named(name)["run"].as_str().unwrap().to_string();
    let env = [("BASE_REF", "main"), ("GITHUB_REPOSITORY", "office/qingchuan"), ("PR", "7"), ("GH_TOKEN", "x")];
    run_step(&script("把 tongbao 加入 PATH"), &county, &bin, &[("GITHUB_PATH", "../github-path")]);
    run_step(&script("检查（问题标注在对应行）"), &county, &bin, &env);
    run_step(&script("生成网站"), &county, &bin, &env);
    assert!(county.join("site/index.html").is_file());
    run_step(&script("比较对发布数据的影响"), &county, &bin, &env);
    let diff = std::fs::read_to_string(county.join("diff.md")).unwrap();
    assert!(diff.contains("XM2026-001"), "{diff}");
    assert!(county.join("diff.html").is_file());

    // The first push comments; the next one updates that comment.
    let comment = script("贴出或更新比较结果的评论");
    let first = run_step(&comment, &county, &bin, &[env.as_slice(), &[("ANSWER", "")]].concat());
    assert_eq!(
        first,
        "gh api repos/office/qingchuan/issues/7/comments --paginate --jq .[] | select(.body | startswith(\"<!-- tongbao-diff -->\")) | .id\ngh pr comment 7 --body-file comment.md\n"
    );
    let again = run_step(&comment, &county, &bin, &[env.as_slice(), &[("ANSWER", "4242\n")]].concat());
    assert!(
        again.ends_with("gh api --method PATCH repos/office/qingchuan/issues/comments/4242 -F body=@comment.md\n"),
        "{again}"
    );
    let posted = std::fs::read_to_string(county.join("comment.md")).unwrap();
    assert_eq!(posted, format!("<!-- tongbao-diff -->\n{diff}"));
}

#[test]
fn the_gitlab_recipe_writes_a_code_quality_report_and_keeps_one_note() {
    let tools = common::command_exists("git") && common::command_exists("jq");
    if !common::checker_present("git and jq", tools, "apt-get install git jq") {
        return;
    }
    let root = common::scratch("gitlab-recipe");
    let bin = lone_binary(&root);
    stand_in(&bin, "curl");
    let county = pull_request(&root, &bin);
    let text = std::fs::read_to_string(county.join(".gitlab-ci.yml")).unwrap();
    let recipe: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let job = &recipe["data"];
    assert_eq!(job["artifacts"]["reports"]["codequality"].as_str(), Some("gl-code-quality-report.json"));
    let before: Vec<&str> = job["before_script"].as_sequence().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(before[1].starts_with("test -x .tongbao/bin/tongbao || cargo install --git"), "{}", before[1]);
    let script: Vec<&str> = job["script"].as_sequence().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    // GitLab runs the lines of `script` as one shell script.
    let script = script.join("\n");
    let env = [
        ("CI_MERGE_REQUEST_IID", "3"),
        ("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
        ("CI_API_V4_URL", "https://gitlab.example.org/api/v4"),
        ("CI_PROJECT_ID", "12"),
        ("TONGBAO_BOT_TOKEN", "t"),
    ];
    let notes = "https://gitlab.example.org/api/v4/projects/12/merge_requests/3/notes";
    let first = run_step(&script, &county, &bin, &[env.as_slice(), &[("ANSWER", "[]")]].concat());
    // The body is the diff as JSON (several lines in the log).
    assert!(first.starts_with(&format!("curl -sf --header PRIVATE-TOKEN: t {notes}?per_page=100\n")), "{first}");
    let post = "curl -sf --request POST --header PRIVATE-TOKEN: t --header Content-Type: application/json --data {\n  \"body\": \"<!-- tongbao-diff -->\n## 数据变更：origin/main → HEAD\n";
    assert!(first.contains(post) && first.trim_end().ends_with(notes), "{first}");
    let existing = r#"[{"id": 5, "body": "别的评论"}, {"id": 9, "body": "<!-- tongbao-diff -->\n旧的"}]"#;
    let again = run_step(&script, &county, &bin, &[env.as_slice(), &[("ANSWER", existing)]].concat());
    assert!(again.contains("curl -sf --request PUT ") && !again.contains("POST"), "{again}");
    assert!(again.trim_end().ends_with(&format!("{notes}/9")), "{again}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(county.join("gl-code-quality-report.json")).unwrap()).unwrap();
    assert_eq!(report, serde_json::json!([]), "clean data, an empty report");
    assert!(county.join("site/index.html").is_file() && county.join("diff.md").is_file());
}

/// The release workflow builds the three platforms' binaries on a `v*` tag with
/// `.ci/release-binary` and attaches them to the tag's release; what can run here does: every
/// shell step is valid bash, the script refuses a tag that is not the crate's version, and
/// (when `.ci/run` has made the musl archive, `TONGBAO_RELEASE_ARCHIVE`) the workflow's trial
/// step runs on it as written. The other two platforms and the upload need GitHub's runners.
#[test]
fn the_release_recipe_builds_three_platforms_on_a_tag() {
    let root = common::root();
    let text = std::fs::read_to_string(root.join(".github/workflows/release.yml")).unwrap();
    let recipe: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(recipe["on"]["push"]["tags"][0].as_str(), Some("v*"));
    assert_eq!(recipe["permissions"]["contents"].as_str(), Some("write"));
    let targets: Vec<&str> = recipe["jobs"]["binary"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["x86_64-unknown-linux-musl", "aarch64-unknown-linux-musl", "x86_64-pc-windows-msvc"]);
    let mut steps = recipe["jobs"]["binary"]["steps"].as_sequence().unwrap().clone();
    steps.extend(recipe["jobs"]["release"]["steps"].as_sequence().unwrap().iter().cloned());
    let scripts: Vec<(&str, &str)> =
        steps.iter().filter_map(|s| Some((s["name"].as_str()?, s["run"].as_str()?))).collect();
    assert_eq!(scripts.len(), 5, "{scripts:?}");
    for (name, script) in &scripts {
        let syntax = Command::new("bash").args(["-n", "-c", script]).output().unwrap();
        assert!(syntax.status.success(), "{name}: {}", said(&syntax));
    }
    let build = scripts.iter().find(|(name, _)| *name == "编译并打包").unwrap().1;
    assert_eq!(build, ".ci/release-binary \"$TARGET\" \"$GITHUB_REF_NAME\" dist");

    let wrong = Command::new(root.join(".ci/release-binary")).args(["x86_64-unknown-linux-musl", "v9.9.9"]).output();
    let wrong = wrong.unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(said(&wrong), format!("错误：标签 v9.9.9 与 Cargo.toml 的版本 {version} 不符（应为 v{version}）\n"));

    let Some(archive) = std::env::var_os("TONGBAO_RELEASE_ARCHIVE").map(PathBuf::from) else {
        eprintln!("注意：没有发布版的压缩包（由 .ci/run 的 .ci/release-binary 生成），跳过试运行");
        return;
    };
    let name = archive.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name, format!("tongbao-v{version}-x86_64-unknown-linux-musl.tar.gz"));
    let sums = std::fs::read_to_string(archive.with_file_name(name.replace(".tar.gz", ".sha256"))).unwrap();
    assert!(sums.trim_end().ends_with(&format!("  {name}")), "{sums}");
    let dir = common::scratch("release-trial");
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::copy(&archive, dir.join("dist").join(&name)).unwrap();
    let trial = scripts.iter().find(|(name, _)| *name == "试运行").unwrap().1;
    let out = Command::new("bash").current_dir(&dir).args(["-e", "-c", trial]).output().unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), said(&out));
    for file in ["tongbao", "README.md", "审核指南.md"] {
        assert!(dir.join("try").join(file).is_file(), "{file} not in the archive");
    }
    assert!(dir.join("try/county/site/index.html").is_file());
}
