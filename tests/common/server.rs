//! A running `tongbao serve` for the tests, and a plain HTTP client for it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

/// A running `tongbao serve`, its port, its first words and all it has said on stderr since;
/// stopped when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub greeting: String,
    pub said: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The peak resident memory of the server process so far, in bytes (Linux).
    pub fn peak_memory(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).unwrap();
        kb.trim().trim_end_matches("kB").trim().parse::<u64>().unwrap() * 1024
    }
}

/// Starts `tongbao serve` on `data` with the default theme, with `extra` arguments.
pub fn start(data: &Path, extra: &[&str]) -> Server {
    start_with_theme(data, &super::root().join("themes/default"), extra)
}

/// Starts `tongbao serve` on `data` with `theme`, with `extra` arguments.
pub fn start_with_theme(data: &Path, theme: &Path, extra: &[&str]) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tongbao"));
    command.args(["serve", "--theme"]).arg(theme).arg("--data").arg(data).args(extra);
    spawn(command)
}

/// Starts `command`, a `tongbao serve` told nothing about its port, on a port of its choosing.
pub fn spawn(mut command: Command) -> Server {
    let mut child = command.args(["--port", "0"]).stderr(Stdio::piped()).spawn().unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let said = Arc::new(Mutex::new(String::new()));
    let (port, greeting) = loop {
        let line = lines.next().expect("serve said nothing").unwrap();
        said.lock().unwrap().push_str(&format!("{line}\n"));
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break (rest.split('/').next().unwrap().parse().unwrap(), line);
        }
    };
    let heard = Arc::clone(&said);
    std::thread::spawn(move || {
        lines.map_while(Result::ok).for_each(|l| heard.lock().unwrap().push_str(&format!("{l}\n")))
    });
    Server { child, port, greeting, said }
}

/// Sends `request` as it is and reads the whole response: (status code, headers, body).
pub fn raw(port: u16, request: &[u8]) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response.split_whitespace().nth(1).unwrap_or_else(|| panic!("no status: {response:?}"));
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (status.parse().unwrap(), head.to_string(), body.to_string())
}

/// GET `/path`: (status code, body).
pub fn get(port: u16, path: &str) -> (u16, String) {
    let (status, _, body) = raw(port, format!("GET /{path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes());
    (status, body)
}
