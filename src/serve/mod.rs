//! `tongbao serve`: a live preview on 127.0.0.1. The data is loaded, checked and its figures
//! computed in memory; each request renders the one page asked for. [`watch`] waits for edits
//! to data/ and the theme; after one, only the changed files are read again, the figures
//! recomputed, and open pages reload themselves: a small script, injected in serve mode only,
//! keeps a request to `/__tongbao/wait/<generation>` open, which the server answers as soon as
//! a rebuild ends. A broken edit shows its diagnostics in the terminal and over the page, and
//! the last good data keeps being served.

mod http;
mod watch;

use crate::load::Cache;
use crate::render::{Ctx, Formatter, Theme, render_one};
use crate::{BuildOptions, Failure, Prepared, prepare, print};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};
use watch::Edits;

/// Injected before `</body>` of every page served, with the version the page shows in place of
/// `VERSION`: reloads on a new version, shows errors.
const RELOAD_SCRIPT: &str = r#"<script id="tongbao-live-reload">
(function () {
  var seen = VERSION, generation = null;
  function show(errors) {
    var box = document.getElementById("tongbao-errors");
    if (!errors) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "tongbao-errors";
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60%;overflow:auto;margin:0;padding:12px 16px;" +
        "background:#2b0d0d;color:#ffd9d9;font:13px/1.5 monospace;white-space:pre-wrap;z-index:2147483647";
      document.body.appendChild(box);
    }
    box.textContent = "数据有错误，仍显示上一次正确的结果：\n\n" + errors;
  }
  function poll() {
    var url = generation === null ? "/__tongbao/status" : "/__tongbao/wait/" + generation;
    fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (s.version !== seen) { location.reload(); return; }
      generation = s.generation;
      show(s.errors);
      poll();
    }).catch(function () { generation = null; setTimeout(poll, 1000); });
  }
  poll();
})();
</script>
"#;

/// What the server shows: the last good data, and the errors of the last edit if it broke.
struct State {
    prepared: Prepared,
    theme: Theme,
    fmt: Formatter,
    /// Goes up with every good rebuild: open pages reload when it changes.
    version: u64,
    errors: Option<String>,
}

/// How long a page's waiting request is held before it is answered anyway (it then asks again).
const LONGEST_WAIT: Duration = Duration::from_secs(25);

/// Counts the rebuilds that ended (with a new version or with errors) and wakes the requests
/// waiting for the next one.
#[derive(Default)]
struct Generations {
    count: Mutex<u64>,
    ended: Condvar,
}

impl Generations {
    fn current(&self) -> u64 {
        self.count.lock().map_or(0, |c| *c)
    }

    fn advance(&self) {
        if let Ok(mut count) = self.count.lock() {
            *count += 1;
            self.ended.notify_all();
        }
    }

    /// Waits until a rebuild after generation `seen` has ended, or [`LONGEST_WAIT`] has passed.
    fn wait_after(&self, seen: u64) {
        if let Ok(count) = self.count.lock() {
            let _ = self.ended.wait_timeout_while(count, LONGEST_WAIT, |c| *c == seen);
        }
    }
}

/// Serves `options.data` on 127.0.0.1:`port` until the process is stopped; with `poll`, edits
/// are found by polling instead of the system's notifications (see [`watch`]).
pub fn serve(options: BuildOptions, port: u16, poll: bool) -> Result<(), Failure> {
    let mut cache = Cache::default();
    let theme = Theme::load(&options.theme).map_err(Failure::Other)?;
    let prepared = prepare(&options, &mut cache)?;
    eprint!("{}", prepared.warnings);
    let fmt = Formatter::new(&prepared.ds.config);
    let state = Arc::new(RwLock::new(State { prepared, theme, fmt, version: 1, errors: None }));
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Failure::Other(format!("错误：无法监听端口 {port}：{e}\n")))?;
    let address = listener.local_addr().map_err(|e| Failure::Other(format!("错误：{e}\n")))?;
    let edits = Edits::watch(&[options.data.as_path(), options.theme.as_path()], poll);
    eprintln!(
        "预览地址：http://{address}/index.html（修改 {} 或主题后自动刷新，改动由{}发现；Ctrl+C 结束）",
        options.data.display(),
        edits.way()
    );
    let generations = Arc::new(Generations::default());
    let (watched, told) = (Arc::clone(&state), Arc::clone(&generations));
    std::thread::spawn(move || rebuild_after_edits(options, cache, edits, &watched, &told));
    for stream in listener.incoming().flatten() {
        let (state, generations) = (Arc::clone(&state), Arc::clone(&generations));
        std::thread::spawn(move || answer(stream, &state, &generations));
    }
    Ok(())
}

/// Rebuilds after each edit to the data and theme folders.
fn rebuild_after_edits(
    options: BuildOptions,
    mut cache: Cache,
    mut edits: Edits,
    state: &RwLock<State>,
    generations: &Generations,
) {
    // One rebuild thrown away at once: a rebuild holds a second copy of the data beside the
    // one being served, and getting that memory from the system the first time is what made
    // the first edit slower than the next ones (10k projects: 620 → 300 ms).
    drop(prepare(&options, &mut cache));
    loop {
        edits.next();
        let started = Instant::now();
        let theme = Theme::load(&options.theme);
        let prepared = prepare(&options, &mut cache);
        let Ok(mut s) = state.write() else { return };
        // What the new data replaces is dropped after the lock is released.
        let _replaced = match (theme, prepared) {
            (Ok(theme), Ok(prepared)) => {
                eprint!("{}", prepared.warnings);
                s.fmt = Formatter::new(&prepared.ds.config);
                s.theme = theme;
                s.version += 1;
                s.errors = None;
                eprintln!("已更新（{} ms）", started.elapsed().as_millis());
                Some(std::mem::replace(&mut s.prepared, prepared))
            }
            (Err(text), _) | (_, Err(Failure::Data(text) | Failure::Other(text))) => {
                eprint!("{text}");
                s.errors = Some(text);
                None
            }
        };
        drop(s);
        generations.advance();
    }
}

fn answer(stream: TcpStream, state: &RwLock<State>, generations: &Generations) {
    let Some(path) = http::read_path(&stream) else {
        return http::respond(stream, "400 Bad Request", "text/plain; charset=utf-8", b"bad request");
    };
    // `__tongbao/wait/<generation>`: the status once a rebuild after that generation has ended.
    if let Some(seen) = path.strip_prefix("__tongbao/wait/").and_then(|g| g.parse().ok()) {
        generations.wait_after(seen);
    }
    let generation = generations.current();
    let Ok(s) = state.read() else {
        return http::respond(stream, "500 Internal Server Error", "text/plain; charset=utf-8", b"");
    };
    if path == "__tongbao/status" || path.starts_with("__tongbao/wait/") {
        let body =
            serde_json::json!({ "version": s.version, "errors": s.errors, "generation": generation }).to_string();
        return http::respond(stream, "200 OK", http::content_type("x.json"), body.as_bytes());
    }
    if let Some(file) = path.strip_prefix("static/").filter(|f| !f.split('/').any(|p| p == "..")) {
        return match std::fs::read(s.theme.static_dir.join(file)) {
            Ok(bytes) => http::respond(stream, "200 OK", http::content_type(file), &bytes),
            Err(_) => http::respond(stream, "404 Not Found", "text/plain; charset=utf-8", "没有这个文件".as_bytes()),
        };
    }
    let path = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path };
    let p = &s.prepared;
    let page = match Ctx::new(&p.ds, &p.all, p.current, &s.fmt, &s.theme) {
        Ok(ctx) => render_one(&ctx, &path).or_else(|| print::one(&ctx, &path)),
        Err(e) => Some(Err(e)),
    };
    match page {
        Some(Ok(page)) if path.ends_with(".html") => {
            let script = RELOAD_SCRIPT.replacen("VERSION", &s.version.to_string(), 1);
            let html = String::from_utf8_lossy(&page.content()).replacen("</body>", &format!("{script}</body>"), 1);
            http::respond(stream, "200 OK", http::content_type(&path), html.as_bytes());
        }
        Some(Ok(page)) => http::respond(stream, "200 OK", http::content_type(&path), &page.content()),
        Some(Err(e)) => http::respond(stream, "500 Internal Server Error", "text/plain; charset=utf-8", e.as_bytes()),
        None => http::respond(stream, "404 Not Found", "text/html; charset=utf-8", "<p>没有这个页面。</p>".as_bytes()),
    }
}
