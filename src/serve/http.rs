//! Just enough HTTP/1.1 for a local preview: read a GET request's path, answer with a body.
//! One connection per request (`Connection: close`); nothing leaves 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;

/// The longest request head read.
const MAX_HEAD: usize = 16 * 1024;

/// The decoded path of a GET request, without its leading `/` and query; `None` for anything else.
pub fn read_path(stream: &TcpStream) -> Option<String> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    // Read (and ignore) the headers, to the blank line.
    let mut head = line.len();
    let mut header = String::new();
    while head < MAX_HEAD {
        header.clear();
        match reader.read_line(&mut header) {
            Ok(n) if n > 0 && !header.trim().is_empty() => head += n,
            Ok(_) => break,
            Err(_) => return None,
        }
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?, parts.next()?);
    if method != "GET" && method != "HEAD" {
        return None;
    }
    let path = target.split(['?', '#']).next()?.trim_start_matches('/');
    percent_decode(path)
}

/// `%E5%9F%8E` → `城`; `None` for malformed escapes or text that is not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json; charset=utf-8",
        "png" => "image/png",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Writes a whole response and closes the connection.
pub fn respond(mut stream: TcpStream, status: &str, content_type: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(
            percent_decode("groups/town/%E5%9F%8E%E5%85%B3%E9%95%87.html").as_deref(),
            Some("groups/town/城关镇.html")
        );
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(content_type("x/y.svg"), "image/svg+xml");
    }
}
