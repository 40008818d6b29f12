//! `tongbao serve` under attack and fault, with a real process and real sockets: it hands out
//! only the site, bounds what a client can hold, and goes on serving through broken data.

mod common;

use common::server::{get, raw, start, start_with_theme};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[test]
fn no_request_reaches_a_file_outside_the_site() {
    // A theme whose static folder holds a link to a file outside it.
    let theme = common::scratch("theme").join("theme");
    common::copy_dir(&common::root().join("themes/default"), &theme);
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", theme.join("static/leak.css")).unwrap();
    let server = start_with_theme(&common::fixture("mini"), &theme, &[]);
    let port = server.port;
    assert_eq!(get(port, "static/style.css").0, 200);
    for target in [
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
        "/static/%2fetc%2fpasswd",
        "/static///etc/passwd",
        "/static//proc/self/environ",
        "/static/%2F%2Fproc%2Fself%2Fenviron",
        "/static/../../../../etc/passwd",
        "/static/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/static/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/%252E%252E/etc/passwd",
        "/static/..\\..\\etc\\passwd",
        "/static/%5C..%5C..%5Cetc%5Cpasswd",
        "/static/style.css%00.js",
        "/static/leak.css",
        "//etc/passwd",
        "/../../etc/passwd",
        "/static/C:/Windows/win.ini",
    ] {
        let (status, _, body) = raw(port, format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes());
        assert_eq!(status, 404, "{target}: {body}");
        assert!(!body.contains("root:") && !body.contains("PATH="), "{target} leaked: {body}");
    }
}

#[test]
fn head_has_no_body_and_other_methods_are_not_allowed() {
    let server = start(&common::fixture("mini"), &[]);
    let (status, head, body) = raw(server.port, b"HEAD /index.html HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(status, 200);
    assert!(body.is_empty(), "HEAD sent a body: {body:?}");
    let length: usize = head.lines().find_map(|l| l.strip_prefix("Content-Length: ")).unwrap().parse().unwrap();
    assert_eq!(length, get(server.port, "index.html").1.len(), "HEAD tells the length of the GET");
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let (status, head, _) = raw(server.port, format!("{method} /index.html HTTP/1.1\r\n\r\n").as_bytes());
        assert_eq!(status, 405, "{method}");
        assert!(head.contains("Allow: GET, HEAD"), "{head}");
    }
    assert_eq!(raw(server.port, b"GET\r\n\r\n").0, 400);
}

#[test]
fn an_endless_request_line_is_refused_without_holding_its_bytes() {
    let server = start(&common::fixture("mini"), &[]);
    // One ordinary request first, so that what serving any request sets up (the first render,
    // the worker's buffers) is in the baseline and only the long line is measured.
    assert_eq!(raw(server.port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").0, 200);
    let before = server.peak_memory();
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut sender = stream.try_clone().unwrap();
    // 100 MB of request line; the server stops reading long before, so sending may fail.
    let sending = std::thread::spawn(move || {
        let chunk = vec![b'a'; 1 << 20];
        let _ = sender.write_all(b"GET /");
        for _ in 0..100 {
            if sender.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 414 "), "{response}");
    drop(stream);
    sending.join().unwrap();
    let after = server.peak_memory();
    assert!(after < 100 << 20, "the server's memory peaked at {} MB", after >> 20);
    assert!(after < before + (8 << 20), "a long request line grew the server from {before} to {after} bytes");

    let headers = format!("GET / HTTP/1.1\r\n{}", "X-Filler: 0123456789abcdef\r\n".repeat(3000));
    assert_eq!(raw(server.port, headers.as_bytes()).0, 431);
}

#[test]
fn idle_connections_neither_block_requests_nor_stay_open() {
    let server = start(&common::fixture("mini"), &[]);
    let opened = Instant::now();
    let idle: Vec<TcpStream> = (0..500).map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap()).collect();
    // A normal request is answered at once, beside 500 connections that send nothing.
    std::thread::sleep(Duration::from_millis(200));
    let asked = Instant::now();
    let (status, page) = get(server.port, "index.html");
    let took = asked.elapsed();
    assert_eq!(status, 200);
    assert!(page.contains("全县3个重点项目"));
    assert!(took < Duration::from_secs(1), "took {took:?} beside 500 idle connections");
    // And every idle one is closed by the server after 10 s.
    let mut first = &idle[0];
    first.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut buf = [0u8; 16];
    assert_eq!(first.read(&mut buf).unwrap(), 0, "the server closes an idle connection");
    let after = opened.elapsed();
    assert!(after >= Duration::from_millis(9_500) && after < Duration::from_secs(13), "closed after {after:?}");
    let mut last = &idle[499];
    last.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    assert_eq!(last.read(&mut buf).unwrap(), 0);
}

/// Data broken from the start: the server starts all the same, every page shows the errors,
/// and fixing them brings the site.
#[test]
fn serve_starts_on_broken_data_and_shows_its_errors_until_they_are_fixed() {
    let data = common::edited("mini", "projects/T-1.yaml", "lead_unit: 甲局", "lead_unit: 甲居");
    let server = start(&data, &[]);
    let (status, page) = get(server.port, "projects/T-1.html");
    assert_eq!(status, 200);
    assert!(page.contains("数据有错误") && page.contains("未知的单位「甲居」"), "{page}");
    assert!(page.contains("tongbao-live-reload"), "the error page reloads itself once fixed");
    let text = std::fs::read_to_string(data.join("projects/T-1.yaml")).unwrap();
    std::fs::write(data.join("projects/T-1.yaml"), text.replace("lead_unit: 甲居", "lead_unit: 甲局")).unwrap();
    let start = Instant::now();
    loop {
        let (_, page) = get(server.port, "projects/T-1.html");
        if page.contains("<h1>甲项目</h1>") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "the fix did not reach the page: {page}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
