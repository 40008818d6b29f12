//! `tongbao serve`: a live preview on 127.0.0.1. The data is loaded, checked and its figures
//! computed in memory; each request renders the one page asked for. [`watch`] waits for edits
//! to data/ and the theme; after one, only the changed files are read again, the figures
//! recomputed, and open pages reload themselves: a small script, injected in serve mode only,
//! keeps a request to `/__tongbao/wait/<generation>` open, which the server answers as soon as
//! a rebuild ends. A broken edit shows its diagnostics in the terminal and over the page, and
//! the last good data keeps being served; data broken from the start is shown as its errors
//! until it is fixed. A rebuild or an answer that panics is reported like a broken edit and
//! the server goes on. Requests are resolved by [`route`] alone, and [`connections`] bounds
//! what a client can hold (time, memory, threads).

mod connections;
mod http;
mod route;
mod watch;

use crate::load::Cache;
use crate::render::{Ctx, Formatter, Theme};
use crate::{BuildOptions, Failure, Prepared, prepare};
use http::Request;
use route::Route;
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};
use watch::Edits;

/// Injected before `</body>` of every page served, with the version the page shows in place of
/// `VERSION`: reloads on a new version, shows errors.
const RELOAD_SCRIPT: &str = r#"<script id="tongbao-live-reload">
(function () {
  var seen = VERSION, generation = null;
  function show(errors) {
    var listed = document.getElementById("tongbao-data-errors");
    if (listed) { listed.textContent = errors || ""; return; }
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

/// What the server shows: the last good data (none while the data has never been good), and
/// the errors of the last edit if it broke.
struct State {
    good: Option<Good>,
    /// Goes up with every good rebuild: open pages reload when it changes.
    version: u64,
    errors: Option<String>,
}

/// Data that passed its checks, with what renders it.
struct Good {
    prepared: Prepared,
    theme: Theme,
    fmt: Formatter,
}

/// How long a page's waiting request is held before it is answered anyway (it then asks again).
const LONGEST_WAIT: Duration = Duration::from_secs(25);

/// How many pages' waiting requests are held at once; more are answered at once with 503, and
/// their pages ask again a second later.
const MAX_WAITING: usize = 256;

/// A page's request for the status once a rebuild after generation `seen` has ended.
struct Waiting {
    stream: TcpStream,
    head_only: bool,
    seen: u64,
    until: Instant,
}

/// Counts the rebuilds that ended (with a new version or with errors) and holds the requests
/// waiting for the next one.
#[derive(Default)]
struct Generations {
    count: Mutex<u64>,
    ended: Condvar,
    waiting: Mutex<Vec<Waiting>>,
}

impl Generations {
    fn current(&self) -> u64 {
        *self.count.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn advance(&self) {
        *self.count.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.ended.notify_all();
    }

    /// Holds a waiting request; `Err` gives it back when too many are held.
    fn hold(&self, waiting: Waiting) -> Result<(), Waiting> {
        let mut held = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        if held.len() >= MAX_WAITING {
            return Err(waiting);
        }
        held.push(waiting);
        Ok(())
    }

    /// The held requests that are due: a rebuild after theirs has ended, or they waited
    /// [`LONGEST_WAIT`]. Waits up to a second for a rebuild to end first.
    fn due(&self, seen: &mut u64) -> Vec<Waiting> {
        let count = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        let count = self
            .ended
            .wait_timeout_while(count, Duration::from_secs(1), |c| *c == *seen)
            .map_or_else(|e| e.into_inner().0, |(c, _)| c);
        *seen = *count;
        drop(count);
        let now = Instant::now();
        let mut held = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        let (due, kept) = held.drain(..).partition(|w| w.seen < *seen || w.until <= now);
        *held = kept;
        due
    }
}

/// The server's state and generations, shared by its threads.
struct Server {
    state: RwLock<State>,
    generations: Generations,
}

/// Runs `f`, turning a panic into a failure to report: a defect of tongbao's, which must not
/// stop the server.
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Failure::Other(format!("错误：tongbao 内部出错（{what}）；这是程序的缺陷，请报告。改动数据后会再试\n")))
    })
}

/// Loads the theme and the data, checks it and computes its figures, panics included.
fn load_good(options: &BuildOptions, cache: &mut Cache) -> Result<Good, String> {
    let loaded = guarded(|| {
        let theme = Theme::load(options.theme.as_deref()).map_err(Failure::Other)?;
        let prepared = prepare(options, cache)?;
        let fmt = Formatter::new(&prepared.ds.config);
        Ok(Good { prepared, theme, fmt })
    });
    loaded.map_err(|failure| {
        if matches!(&failure, Failure::Other(text) if text.contains("内部出错")) {
            // What the cache held may be half updated.
            *cache = Cache::default();
        }
        failure.to_string()
    })
}

/// Serves `options.data` on 127.0.0.1:`port` until the process is stopped; with `poll`, edits
/// are found by polling instead of the system's notifications (see [`watch`]). Data with errors
/// is served as its errors until an edit fixes it.
pub fn serve(options: BuildOptions, port: u16, poll: bool) -> Result<(), Failure> {
    if !options.data.is_dir() {
        return Err(Failure::Other(format!("错误：数据目录 {} 不存在\n", options.data.display())));
    }
    let mut cache = Cache::default();
    let (good, errors) = match load_good(&options, &mut cache) {
        Ok(good) => {
            eprint!("{}", good.prepared.warnings);
            (Some(good), None)
        }
        Err(text) => {
            eprint!("{text}");
            (None, Some(text))
        }
    };
    // One rebuild thrown away before serving: a rebuild holds a second copy of the data beside
    // the one being served, and getting that memory from the system the first time is what
    // made the first edit slower than the next ones (10k projects: 620 → 300 ms). Done before
    // the address is said, so that the server's memory is settled when it is ready (done in
    // the background, it grew under a test's first requests).
    drop(load_good(&options, &mut cache));
    let server = Arc::new(Server {
        state: RwLock::new(State { good, version: 1, errors }),
        generations: Generations::default(),
    });
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Failure::Other(format!("错误：无法监听端口 {port}：{e}\n")))?;
    let address = listener.local_addr().map_err(|e| Failure::Other(format!("错误：{e}\n")))?;
    let watched: Vec<&std::path::Path> =
        std::iter::once(options.data.as_path()).chain(options.theme.as_deref()).collect();
    let edits = Edits::watch(&watched, poll);
    eprintln!(
        "预览地址：http://{address}/index.html（修改 {} 或主题后自动刷新，改动由{}发现；Ctrl+C 结束）",
        options.data.display(),
        edits.way()
    );
    let watched = Arc::clone(&server);
    spawn("rebuild", move || rebuild_after_edits(options, cache, edits, &watched));
    let waited = Arc::clone(&server);
    spawn("wait", move || answer_waiting(&waited));
    let answering = Arc::clone(&server);
    connections::serve(listener, Arc::new(move |request, stream| answer(&answering, request, stream)))
        .map_err(Failure::Other)
}

/// Starts a thread of the server; one that cannot be started is said, not a panic.
fn spawn(name: &str, f: impl FnOnce() + Send + 'static) {
    if let Err(e) = std::thread::Builder::new().name(format!("serve-{name}")).spawn(f) {
        eprintln!("错误：无法启动线程 {name}：{e}（预览不会自动刷新）");
    }
}

/// Rebuilds after each edit to the data and theme folders.
fn rebuild_after_edits(options: BuildOptions, mut cache: Cache, mut edits: Edits, server: &Server) {
    loop {
        edits.next();
        let started = Instant::now();
        let loaded = load_good(&options, &mut cache);
        let mut s = server.state.write().unwrap_or_else(PoisonError::into_inner);
        // What the new data replaces is dropped after the lock is released.
        let _replaced = match loaded {
            Ok(good) => {
                eprint!("{}", good.prepared.warnings);
                s.version += 1;
                s.errors = None;
                eprintln!("已更新（{} ms）", started.elapsed().as_millis());
                s.good.replace(good)
            }
            Err(text) => {
                eprint!("{text}");
                s.errors = Some(text);
                None
            }
        };
        drop(s);
        server.generations.advance();
    }
}

/// Answers the held waiting requests as they fall due.
fn answer_waiting(server: &Server) {
    let mut seen = server.generations.current();
    loop {
        for waiting in server.generations.due(&mut seen) {
            respond_status(server, waiting.stream, waiting.head_only);
        }
    }
}

/// The status: the version shown, the errors, and the generation of the last rebuild.
fn respond_status(server: &Server, stream: TcpStream, head_only: bool) {
    let generation = server.generations.current();
    let s = server.state.read().unwrap_or_else(PoisonError::into_inner);
    let body = serde_json::json!({ "version": s.version, "errors": s.errors, "generation": generation }).to_string();
    drop(s);
    http::respond(stream, head_only, "200 OK", http::content_type("x.json"), body.as_bytes());
}

fn answer(server: &Server, request: Request, stream: TcpStream) {
    let head_only = request.head_only;
    let not_found = |stream| http::respond(stream, head_only, "404 Not Found", http::TEXT, "没有这个文件".as_bytes());
    let Some(route) = route::resolve(&request.target) else { return not_found(stream) };
    let path = match route {
        Route::Status => return respond_status(server, stream, head_only),
        Route::Wait(seen) => {
            let until = Instant::now() + LONGEST_WAIT;
            return match server.generations.hold(Waiting { stream, head_only, seen, until }) {
                Ok(()) => {
                    // A rebuild may have ended just before it was held.
                    server.generations.ended.notify_all();
                }
                Err(w) => http::respond(w.stream, head_only, "503 Service Unavailable", http::TEXT, b""),
            };
        }
        Route::Static(path) | Route::Page(path) => path,
    };
    let s = server.state.read().unwrap_or_else(PoisonError::into_inner);
    let Some(good) = &s.good else {
        let page = broken_page(s.errors.as_deref().unwrap_or(""), s.version);
        return http::respond(stream, head_only, "200 OK", http::content_type("x.html"), page.as_bytes());
    };
    if path.starts_with("static/") {
        return match good.theme.static_file(&path) {
            Some(bytes) => http::respond(stream, head_only, "200 OK", http::content_type(&path), bytes),
            None => not_found(stream),
        };
    }
    let p = &good.prepared;
    let page = guarded(|| {
        let ctx = Ctx::new(&p.ds, &p.all, p.current, &good.fmt, &good.theme).map_err(Failure::Other)?;
        crate::render_alone(&ctx, &path).transpose().map_err(Failure::Other)
    });
    match page {
        Ok(Some(page)) if path.ends_with(".html") => {
            let script = RELOAD_SCRIPT.replacen("VERSION", &s.version.to_string(), 1);
            let html = String::from_utf8_lossy(&page.content()).replacen("</body>", &format!("{script}</body>"), 1);
            http::respond(stream, head_only, "200 OK", http::content_type(&path), html.as_bytes());
        }
        Ok(Some(page)) => http::respond(stream, head_only, "200 OK", http::content_type(&path), &page.content()),
        Ok(None) => http::respond(
            stream,
            head_only,
            "404 Not Found",
            "text/html; charset=utf-8",
            "<p>没有这个页面。</p>".as_bytes(),
        ),
        Err(e) => http::respond(stream, head_only, "500 Internal Server Error", http::TEXT, e.to_string().as_bytes()),
    }
}

/// The page served for every path while the data has never been good: its errors, and the
/// script that reloads it once they are fixed.
fn broken_page(errors: &str, version: u64) -> String {
    let escaped = errors.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let script = RELOAD_SCRIPT.replacen("VERSION", &version.to_string(), 1);
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>数据有错误</title>\n\
         <style>body{{margin:0;font:16px/1.6 system-ui,\"Noto Sans CJK SC\",sans-serif;color:#1f2328;background:#f6f7f9}}\
         main{{max-width:60rem;margin:2rem auto;padding:0 1rem}}h1{{font-size:1.5rem;color:#8a1c1c;margin:0 0 .25rem}}\
         pre{{background:#fff;border:1px solid #e0c4c4;border-left:4px solid #b42318;padding:1rem;overflow:auto;\
         font:14px/1.5 \"Noto Sans Mono CJK SC\",monospace;white-space:pre-wrap}}</style></head>\n\
         <body><main><h1>数据有错误，网站暂时无法生成</h1><p>改正下列问题并保存后，本页会自动刷新。</p>\n\
         <pre id=\"tongbao-data-errors\">{escaped}</pre></main>\n{script}</body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_rebuilding_becomes_a_failure_to_show() {
        let failed = guarded::<()>(|| panic!("figures went wrong"));
        let Err(Failure::Other(text)) = failed else { panic!("a panic must become a failure") };
        assert!(text.contains("内部出错（figures went wrong）"), "{text}");
        assert!(matches!(guarded(|| Ok(7)), Ok(7)));
    }
}
