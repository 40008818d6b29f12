//! `build` never destroys what it did not write: a folder of someone else's files is refused,
//! a file where the output should be is left alone, an old file is removed only when the
//! previous build's marker lists it, and a build stopped by a signal or killed leaves the
//! previous site byte-identical and no staging folder behind.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// `tongbao build --quiet` of `data` into `out` with the default theme, to run.
fn build_command(data: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tongbao"));
    command.args(["build", "--quiet", "--theme"]).arg(common::root().join("themes/default"));
    command.arg("--data").arg(data).arg("--out").arg(out);
    command
}

fn build(data: &Path, out: &Path) -> Output {
    build_command(data, out).output().unwrap()
}

/// Every file under `dir` with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::files(dir).into_iter().map(|f| (std::fs::read(dir.join(&f)).unwrap(), f)).map(|(b, f)| (f, b)).collect()
}

/// The names in `dir`'s parent that begin with `.<name of dir>.`: the build's folders beside it.
fn beside(dir: &Path) -> Vec<String> {
    let prefix = format!(".{}.", dir.file_name().unwrap().to_string_lossy());
    let mut names: Vec<String> = std::fs::read_dir(dir.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_of_someone_elses_files_is_refused_and_left_as_it_was() {
    let out = common::scratch("docs").join("docs");
    std::fs::create_dir_all(out.join("notes")).unwrap();
    std::fs::write(out.join("README.md"), "我的文档").unwrap();
    std::fs::write(out.join("notes/a.txt"), "笔记").unwrap();
    let before = contents(&out);
    for _ in 0..2 {
        let run = build(&common::fixture("mini"), &out);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert_eq!(
            stderr,
            format!(
                "错误：输出目录 {} 不是 tongbao 生成的（其中没有 .tongbao 标记），已有 2 项：README.md、notes；为免覆盖或删除这些文件，不写入这个目录\n\
                 提示：用 --out 指定一个新目录或空目录（如 --out site）；确要用这个目录，请先把其中的文件移走\n",
                out.display()
            )
        );
        assert_eq!(contents(&out), before);
        assert_eq!(beside(&out), Vec::<String>::new(), "nothing made beside it");
    }
}

#[test]
fn a_file_where_the_output_should_be_is_refused() {
    let out = common::scratch("file").join("site");
    std::fs::write(&out, "不是目录").unwrap();
    let run = build(&common::fixture("mini"), &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with(&format!("错误：输出位置 {} 是一个文件，不是目录", out.display())), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "不是目录");
    assert_eq!(beside(&out), Vec::<String>::new());
}

#[test]
fn an_empty_folder_is_used_and_marked() {
    let out = common::scratch("empty").join("site");
    std::fs::create_dir_all(&out).unwrap();
    let run = build(&common::fixture("mini"), &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let marker = std::fs::read_to_string(out.join(".tongbao")).unwrap();
    let listed: Vec<&str> = marker.lines().skip(3).collect();
    let files: Vec<String> = common::files(&out).into_iter().filter(|f| f != ".tongbao").collect();
    assert_eq!(listed, files, "the marker lists every file written");
    assert!(marker.starts_with("# tongbao 输出目录标记") && marker.contains("\nversion: "), "{marker}");
}

/// Old files go only when the previous build's marker lists them: a project's page leaves with
/// the project, a file someone put into the site stays.
#[test]
fn only_files_the_previous_build_wrote_are_removed() {
    let data = common::copy_of("mini");
    let out = common::scratch("stale").join("site");
    for _ in 0..2 {
        assert!(build(&data, &out).status.success());
    }
    std::fs::write(out.join("说明.txt"), "办公室自己放的文件").unwrap();
    assert!(out.join("projects/T-4.html").is_file());
    // T-4 leaves the data (its progress entries with it).
    std::fs::remove_file(data.join("projects/T-4.yaml")).unwrap();
    for month in common::files(&data.join("progress")) {
        let path = data.join("progress").join(month);
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text.split_inclusive('\n').collect();
        let mut out_text = String::new();
        let mut skipping = false;
        for line in kept {
            if line.starts_with("  T-4:") {
                skipping = true;
                continue;
            }
            if skipping && line.starts_with("    ") {
                continue;
            }
            skipping = false;
            out_text.push_str(line);
        }
        std::fs::write(&path, out_text).unwrap();
    }
    for round in 0..3 {
        let run = build(&data, &out);
        assert!(run.status.success(), "round {round}: {}", String::from_utf8_lossy(&run.stderr));
        assert!(!out.join("projects/T-4.html").exists(), "round {round}: a removed project's page is published");
    }
    let kept: Vec<String> = common::files(&out).into_iter().filter(|f| f.ends_with(".txt")).collect();
    assert_eq!(kept, ["说明.txt"], "a file tongbao did not write was removed");
    assert_eq!(std::fs::read_to_string(out.join("说明.txt")).unwrap(), "办公室自己放的文件");
}

/// A demo county large enough that its build takes a moment, built once into `out`.
fn county_with_a_site(label: &str) -> (PathBuf, PathBuf) {
    let dir = common::scratch(label);
    let data = dir.join("data");
    common::demo(&data, &["--projects", "3000", "--meetings", "20"]);
    let out = dir.join("site");
    let run = build(&data, &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    (data, out)
}

/// Starts a build of `data` into `out` and sends it `signal` once its staging folder exists.
fn stopped_build(data: &Path, out: &Path, signal: &str) -> std::process::ExitStatus {
    let mut child = build_command(data, out).stderr(std::process::Stdio::null()).spawn().unwrap();
    let staging = out.with_file_name(format!(".site.new-{}", child.id()));
    let start = Instant::now();
    while !staging.join("static").is_dir() {
        assert!(start.elapsed() < Duration::from_secs(60), "the build made no staging folder");
        assert!(child.try_wait().unwrap().is_none(), "the build ended before it could be stopped");
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert!(child.try_wait().unwrap().is_none(), "the build ended before it could be stopped");
    Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
    child.wait().unwrap()
}

#[cfg(unix)]
#[test]
fn a_build_stopped_by_a_signal_leaves_the_site_as_it_was_and_nothing_beside() {
    let (data, out) = county_with_a_site("signal");
    let before = contents(&out);
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let status = stopped_build(&data, &out, signal);
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert!(contents(&out) == before, "SIG{signal} changed the site");
        let left: Vec<String> = beside(&out).into_iter().filter(|n| n.contains(".new-")).collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_site_as_it_was_and_the_next_build_clears_its_folder() {
    let (data, out) = county_with_a_site("kill");
    let before = contents(&out);
    let status = stopped_build(&data, &out, "KILL");
    assert_eq!(status.code(), None, "killed");
    assert!(contents(&out) == before, "a killed build changed the site");
    let left: Vec<String> = beside(&out).into_iter().filter(|n| n.contains(".new-")).collect();
    assert_eq!(left.len(), 1, "a killed build cannot clean up: {left:?}");
    let run = build(&data, &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let left: Vec<String> = beside(&out).into_iter().filter(|n| n.contains(".new-")).collect();
    assert!(left.is_empty(), "the next build left {left:?}");
    assert!(contents(&out) == before, "the same data builds the same site");
}
