//! Helpers shared by the integration tests: fixtures, scratch folders, builds into them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use tongbao::model::Dataset;

pub mod links;
pub mod server;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A fresh, empty folder under the system temp dir, unique to this test run. The first call of
/// a test process removes the folders that test processes no longer running left behind, so
/// that runs do not pile up gigabytes in the temp dir (a test's folder stays while its process
/// runs, to be looked at when it fails).
pub fn scratch(label: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    static SWEPT: std::sync::Once = std::sync::Once::new();
    SWEPT.call_once(remove_folders_of_finished_runs);
    let dir = std::env::temp_dir().join(format!(
        "tongbao-test-{}-{label}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Removes the temp dir's `tongbao-test-<pid>-…` folders whose process has ended (where
/// `/proc` tells which processes run).
fn remove_folders_of_finished_runs() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("tongbao-test-").and_then(|rest| rest.split('-').next()) else { continue };
        let running = Path::new("/proc").join(pid).exists();
        if !running && pid.parse::<u32>().is_ok() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh copy of fixture `name` that a test may change.
pub fn copy_of(name: &str) -> PathBuf {
    let dir = scratch(name).join("data");
    copy_dir(&fixture(name), &dir);
    dir
}

/// A fresh copy of the sample county (`data/`) that a test may change, under `label`.
pub fn sample_copy(label: &str) -> PathBuf {
    let dir = scratch(label).join("data");
    copy_dir(&root().join("data"), &dir);
    dir
}

/// A copy of fixture `name` with `from` replaced by `to` in `file` (which must contain it).
pub fn edited(name: &str, file: &str, from: &str, to: &str) -> PathBuf {
    let dir = copy_of(name);
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    dir
}

/// The `mini` fixture with its decision no.2 (乙局, due 02-10) returned (退办) on 02-05 and
/// assigned to 甲局 on 03-15.
pub fn mini_with_a_returned_decision() -> PathBuf {
    edited(
        "mini",
        "meetings/2026-01-20-diaodu.md",
        "    deadline: 2026-02-10\n    status: 正在办理\n",
        "    deadline: 2026-02-10\n    status: 正在办理\n    feedback:\n      \
         - { date: 2026-02-05, kind: 退办, text: 乙局认为不属本单位职责，退回 }\n      \
         - { date: 2026-03-15, kind: 退办, lead_unit: 甲局, text: 改由甲局牵头 }\n",
    )
}

/// Loads a data folder that must be free of errors.
pub fn dataset(dir: &Path) -> Dataset {
    let loaded = tongbao::load::load(dir, None);
    let ds = loaded.dataset.expect("config and orgs load");
    let findings: Vec<_> = loaded
        .diagnostics
        .into_iter()
        .chain(tongbao::check::check(&ds, &loaded.sources))
        .filter(|d| d.is_error())
        .collect();
    assert!(findings.is_empty(), "unexpected errors: {findings:#?}");
    ds
}

/// Builds `data` with the default theme into a fresh folder; returns the output folder.
pub fn build(data: &Path) -> PathBuf {
    let out = scratch("site").join("site");
    build_into(data, &out);
    out
}

/// Builds `data` with the built-in default theme into `out`.
pub fn build_into(data: &Path, out: &Path) {
    let options = tongbao::BuildOptions {
        data: data.to_path_buf(),
        theme: None,
        out: out.to_path_buf(),
        period: None,
        pdf: false,
        browser: None,
        downloads: true,
    };
    tongbao::build(&options).unwrap_or_else(|e| panic!("build failed:\n{e}"));
}

/// Every file under `dir`, as paths relative to it with `/` separators, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// Each of `files` (paths in the site) of `data` as `tongbao serve` renders it alone, given to
/// `each` with its path: what `build` must have written there.
pub fn rendered_alone(data: &Path, files: &[String], mut each: impl FnMut(&str, Vec<u8>)) {
    let ds = dataset(data);
    let all = tongbao::figures::compute_all(&ds);
    let theme = tongbao::render::Theme::embedded().unwrap();
    let fmt = tongbao::render::Formatter::new(&ds.config);
    let current = ds.config.report.period.unwrap();
    let ctx = tongbao::render::Ctx::new(&ds, &all, current, &fmt, &theme).unwrap();
    for file in files {
        let page =
            tongbao::render_alone(&ctx, file).unwrap_or_else(|| panic!("serve has no route for {file}")).unwrap();
        each(file, page.content());
    }
}

/// Whether a command is on the PATH.
pub fn command_exists(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// Whether python3 can import these modules (`"openpyxl"`, `"jsonschema, yaml"`).
pub fn python_has(modules: &str) -> bool {
    Command::new("python3").args(["-c", &format!("import {modules}")]).output().is_ok_and(|o| o.status.success())
}

/// Whether the independent checker a test borrows is here. When it is not, the test says how
/// to get it and is skipped; under CI, where `.ci/run` installs every checker, it fails.
pub fn checker_present(what: &str, present: bool, install: &str) -> bool {
    if !present {
        assert!(std::env::var_os("CI").is_none(), "CI 需要 {what}：{install}");
        eprintln!("跳过：未找到 {what}（{install}）");
    }
    present
}

/// openpyxl, the independent reader and writer of workbooks.
pub fn openpyxl_present() -> bool {
    checker_present("openpyxl", python_has("openpyxl"), "pip install openpyxl（或 apt-get install python3-openpyxl）")
}

/// `tongbao demo ARGS… --out OUT`: demo data written into `out`, or the test fails saying why.
pub fn demo(out: &Path, args: &[&str]) {
    let run =
        Command::new(env!("CARGO_BIN_EXE_tongbao")).arg("demo").args(args).arg("--out").arg(out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

/// Whether a browser test can run: node, Debian's chromium, and the npm packages `packages`
/// in target/npm (installed by `.ci/run`); says how to get them when not (see [`checker_present`]).
pub fn browser_present(packages: &[&str]) -> bool {
    let modules = root().join("target/npm/node_modules");
    let present =
        command_exists("node") && command_exists("chromium") && packages.iter().all(|p| modules.join(p).is_dir());
    let install =
        format!("apt-get install nodejs npm chromium; npm install --prefix target/npm {}", packages.join(" "));
    checker_present(&format!("node, chromium and {}", packages.join(", ")), present, &install)
}

/// Runs the browser script `tests/<script>` with `args` and reads what it prints as JSON.
pub fn browser_script<A: AsRef<std::ffi::OsStr>>(script: &str, args: impl IntoIterator<Item = A>) -> serde_json::Value {
    let run = Command::new("node")
        .arg(root().join("tests").join(script))
        .args(args)
        .env("NODE_PATH", root().join("target/npm/node_modules"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{script}: {}", String::from_utf8_lossy(&run.stderr));
    serde_json::from_slice(&run.stdout).unwrap()
}
