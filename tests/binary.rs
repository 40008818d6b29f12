//! tongbao as an office gets it: one binary copied into an empty folder, without the source
//! tree or a theme folder; `init` makes a county's repository, and `check`, `build`, `serve`
//! and the CI recipes that `init` writes work there as written.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary copied alone into `root/bin`, so that nothing of the source tree is near it.
fn lone_binary(root: &Path) -> PathBuf {
    let bin = root.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let copy = bin.join("tongbao");
    std::fs::copy(env!("CARGO_BIN_EXE_tongbao"), &copy).unwrap();
    copy
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
