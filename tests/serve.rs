//! `tongbao serve`: every page it renders on request is the page `build` writes, and an edit
//! to the data reaches the browser; a broken edit shows its diagnostics while the last good
//! pages are still served. Tested with a real process, a real HTTP client and file changes, and
//! in headless Chromium (tests/live_reload.py drives it over the DevTools pipe).

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn every_built_file_is_what_serve_renders() {
    let data = common::root().join("data");
    let site = common::build(&data);
    let files: Vec<String> =
        common::files(&site).into_iter().filter(|f| !f.starts_with("static/") && f != ".tongbao").collect();
    assert!(files.len() > 100, "the sample builds 150 pages and documents, found {}", files.len());
    common::rendered_alone(&data, &files, |file, page| {
        assert!(page == std::fs::read(site.join(file)).unwrap(), "{file} differs");
    });
}

use common::server::{get, start};

fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "__tongbao/status").1).unwrap()
}

/// Waits until `done` holds for the server's status; returns how long it took.
fn wait_for(port: u16, done: impl Fn(&serde_json::Value) -> bool) -> Duration {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if done(&status(port)) {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the server did not pick the change up: {}", status(port));
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edit_reloads_the_page_and_a_broken_edit_shows_its_diagnostics() {
    edits_reach_the_page(&[], "改动由系统通知发现");
}

/// The same with `--poll` (for data on a network share, where the system tells of no edits).
#[test]
fn an_edit_reaches_the_page_when_serve_polls() {
    edits_reach_the_page(&["--poll"], "改动由每 100 毫秒检查一次发现");
}

/// Edits to the mini data reach a server started with `extra` arguments, which says it finds
/// them by `way`: each good edit makes exactly one new version, a broken one shows its
/// diagnostics, and nothing else rebuilds.
fn edits_reach_the_page(extra: &[&str], way: &str) {
    let data = common::copy_of("mini");
    let server = start(&data, extra);
    let port = server.port;
    assert!(server.greeting.contains(way), "{}", server.greeting);

    let (code, page) = get(port, "projects/T-1.html");
    assert_eq!(code, 200);
    assert!(page.contains("<h1>甲项目</h1>") && page.contains("tongbao-live-reload"), "{page}");
    assert!(get(port, "index.html").1.contains("全县3个重点项目"));
    assert_eq!(get(port, "no/such/page.html").0, 404);
    assert_eq!(get(port, "static/style.css").0, 200);
    assert_eq!(status(port)["version"], 1);
    assert!(page.contains("var seen = 1,"), "the page's script knows which version it shows");

    // The page's waiting request: held open until a rebuild ends, then answered at once.
    let generation = status(port)["generation"].as_u64().unwrap();
    let waiting = std::thread::spawn(move || {
        let asked = Instant::now();
        let answer = get(port, &format!("__tongbao/wait/{generation}")).1;
        (serde_json::from_str::<serde_json::Value>(&answer).unwrap(), asked.elapsed())
    });
    // Reading is not editing: the server's own reads (a static file, a rebuild's) change nothing;
    // nor does an editor's hidden swap file, which tongbao does not read.
    assert_eq!(get(port, "static/style.css").0, 200);
    std::fs::write(data.join("projects/.T-1.yaml.swp"), "swap").unwrap();
    std::thread::sleep(Duration::from_millis(400));
    assert!(!waiting.is_finished(), "the wait was answered before anything changed");

    // An edit: the version moves on and the page shows the new name.
    edit(&data.join("projects/T-1.yaml"), "name: 甲项目", "name: 甲项目（二期）");
    let took = wait_for(port, |s| s["version"] == 2);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let (answer, waited) = waiting.join().unwrap();
    assert_eq!(answer["version"], 2, "{answer}");
    assert!(answer["generation"].as_u64().unwrap() > generation);
    assert!(waited >= Duration::from_millis(400) && waited < Duration::from_secs(10), "{waited:?}");
    assert!(get(port, "projects/T-1.html").1.contains("<h1>甲项目（二期）</h1>"));
    // One edit, one rebuild: the rebuild reading the files did not count as another edit.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(status(port)["version"], 2, "a rebuild without an edit");

    // A broken edit: diagnostics in the status (the page shows them as an overlay), last good data served.
    edit(&data.join("projects/T-1.yaml"), "lead_unit: 甲局", "lead_unit: 甲居");
    wait_for(port, |s| s["errors"].is_string());
    let errors = status(port)["errors"].as_str().unwrap().to_string();
    assert!(
        errors.contains("错误[E0301]: 未知的单位「甲居」") && errors.contains("projects/T-1.yaml:5:12"),
        "{errors}"
    );
    assert_eq!(status(port)["version"], 2);
    let (code, page) = get(port, "projects/T-1.html");
    assert_eq!(code, 200);
    assert!(page.contains("<h1>甲项目（二期）</h1>"));

    // Fixed again, saved as many editors do, into a hidden file renamed over the old one:
    // errors gone, a new version.
    let (file, saved) = (data.join("projects/T-1.yaml"), data.join("projects/.T-1.yaml.tmp"));
    std::fs::write(&saved, std::fs::read_to_string(&file).unwrap().replacen("lead_unit: 甲居", "lead_unit: 甲局", 1))
        .unwrap();
    std::fs::rename(&saved, &file).unwrap();
    wait_for(port, |s| s["errors"].is_null() && s["version"] == 3);
}

/// The same edits in a real browser: the open page reloads itself after a good edit and shows
/// the diagnostics over the last good page after a broken one. Needs chromium and python3
/// (.ci/run installs them); without them it fails under CI and is skipped elsewhere.
#[test]
fn an_open_page_in_chromium_reloads_itself_and_shows_the_overlay() {
    let present = common::command_exists("chromium") && common::command_exists("python3");
    if !common::checker_present("Chromium 与 python3", present, "apt-get update && apt-get install chromium python3") {
        return;
    }
    let data = common::copy_of("mini");
    let server = start(&data, &[]);
    let run = Command::new("python3")
        .arg(common::root().join("tests/live_reload.py"))
        .arg(server.port.to_string())
        .arg("projects/T-1.html")
        .arg(data.join("projects/T-1.yaml"))
        .args(["甲项目", "甲项目（二期）", "lead_unit: 甲局", "lead_unit: 甲居"])
        .output()
        .unwrap();
    let seen = String::from_utf8_lossy(&run.stdout).to_string();
    assert!(run.status.success(), "{seen}{}", String::from_utf8_lossy(&run.stderr));
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(lines.len(), 4, "{seen}");
    assert_eq!(lines[0], "甲项目", "the page before any edit");
    assert_eq!(lines[1], "甲项目（二期）", "the page reloaded itself after the edit");
    assert!(lines[2].contains("错误[E0301]: 未知的单位「甲居」"), "the overlay: {}", lines[2]);
    assert_eq!(lines[3], "甲项目（二期）", "the last good page stays under the overlay");
}
