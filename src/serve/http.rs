//! Just enough HTTP/1.1 for a local preview: a request head read within fixed bounds, and a
//! response with a body (or, for HEAD, without). One request per connection
//! (`Connection: close`); nothing leaves 127.0.0.1. Which file or page a request names is
//! [`super::route`]'s business, not this module's.

use std::io::Write;

/// The longest request line read (method, target, version): longer gets 414.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// The most header bytes read after the request line: more gets 431.
pub const MAX_HEADERS: usize = 64 * 1024;

/// What a request asks.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// HEAD: the response's headers only.
    pub head_only: bool,
    /// The request target as sent (`/static/style.css?x`), not yet decoded.
    pub target: String,
}

/// A request refused before it is looked at: its status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    BadRequest,
    UriTooLong,
    HeadersTooLarge,
    MethodNotAllowed,
}

impl Refusal {
    pub fn status(self) -> &'static str {
        match self {
            Refusal::BadRequest => "400 Bad Request",
            Refusal::UriTooLong => "414 URI Too Long",
            Refusal::HeadersTooLarge => "431 Request Header Fields Too Large",
            Refusal::MethodNotAllowed => "405 Method Not Allowed",
        }
    }
}

/// Reads a request head from the bytes received so far: `Ok(None)` while it is incomplete and
/// still within bounds. Looks only at the bytes it was given, once each call.
pub fn parse_head(received: &[u8]) -> Result<Option<Request>, Refusal> {
    let Some(line_end) = received.iter().position(|&b| b == b'\n') else {
        return if received.len() > MAX_REQUEST_LINE { Err(Refusal::UriTooLong) } else { Ok(None) };
    };
    if line_end > MAX_REQUEST_LINE {
        return Err(Refusal::UriTooLong);
    }
    let headers = &received[line_end + 1..];
    let end = headers.windows(2).position(|w| w == b"\n\n").or_else(|| {
        // `\r\n\r\n`, or a request with no headers at all (`\r\n` right after the line).
        headers.windows(4).position(|w| w == b"\r\n\r\n").or_else(|| headers.starts_with(b"\r\n").then_some(0))
    });
    let headers_end = match end {
        Some(end) => end,
        None if headers.len() > MAX_HEADERS => return Err(Refusal::HeadersTooLarge),
        None if headers.starts_with(b"\n") => 0,
        None => return Ok(None),
    };
    if headers_end > MAX_HEADERS {
        return Err(Refusal::HeadersTooLarge);
    }
    let line = std::str::from_utf8(&received[..line_end]).map_err(|_| Refusal::BadRequest)?;
    let mut parts = line.split_whitespace();
    let (method, target, version) = (parts.next(), parts.next(), parts.next());
    let (Some(method), Some(target), Some(version)) = (method, target, version) else {
        return Err(Refusal::BadRequest);
    };
    if !version.starts_with("HTTP/") || parts.next().is_some() {
        return Err(Refusal::BadRequest);
    }
    match method {
        "GET" | "HEAD" => Ok(Some(Request { head_only: method == "HEAD", target: target.to_string() })),
        _ => Err(Refusal::MethodNotAllowed),
    }
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
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The plain-text type of error bodies.
pub const TEXT: &str = "text/plain; charset=utf-8";

/// Writes a whole response (for HEAD, its head only); the connection closes when `stream` is
/// dropped.
pub fn respond(mut stream: impl Write, head_only: bool, status: &str, content_type: &str, body: &[u8]) {
    let allow = if status.starts_with("405") { "Allow: GET, HEAD\r\n" } else { "" };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{allow}Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(body);
    }
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

    #[test]
    fn a_head_is_read_when_whole_and_refused_past_its_bounds() {
        let get = |target: &str| Ok(Some(Request { head_only: false, target: target.into() }));
        assert_eq!(parse_head(b"GET /a.html HTTP/1.1\r\nHost: x\r\n\r\n"), get("/a.html"));
        assert_eq!(parse_head(b"GET / HTTP/1.0\r\n\r\n"), get("/"));
        assert_eq!(parse_head(b"GET / HTTP/1.0\n\n"), get("/"));
        assert_eq!(parse_head(b"GET /a.html HTTP/1.1\r\nHost: x\r\n"), Ok(None));
        assert_eq!(parse_head(b"GET /a.html"), Ok(None));
        assert_eq!(parse_head(b"HEAD /a HTTP/1.1\r\n\r\n"), Ok(Some(Request { head_only: true, target: "/a".into() })));
        assert_eq!(parse_head(b"POST /a HTTP/1.1\r\n\r\n"), Err(Refusal::MethodNotAllowed));
        assert_eq!(parse_head(b"GET /a\r\n\r\n"), Err(Refusal::BadRequest));
        let long = format!("GET /{} HTTP/1.1", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(parse_head(long.as_bytes()), Err(Refusal::UriTooLong));
        assert_eq!(parse_head(format!("{long}\r\n\r\n").as_bytes()), Err(Refusal::UriTooLong));
        let headers = format!("GET / HTTP/1.1\r\nX: {}\r\n", "b".repeat(MAX_HEADERS));
        assert_eq!(parse_head(headers.as_bytes()), Err(Refusal::HeadersTooLarge));
    }
}
