//! What a request target names, resolved once, here and nowhere else: the server's status, a
//! page's wait for the next rebuild, a file of the theme's static folder, or a page of the site
//! (rendered in memory by its path, never read from disk). Anything that could reach outside
//! those is refused: a target that does not decode, holds NUL, a backslash or a colon, names an
//! absolute path or has an empty, `.` or `..` segment, and a static file whose canonical path
//! (symbolic links followed) is not inside the static folder.

use super::http::percent_decode;

/// A resolved request target.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// `/__tongbao/status`: the version and errors, at once.
    Status,
    /// `/__tongbao/wait/<generation>`: the status once a rebuild after that generation ended.
    Wait(u64),
    /// A file of the theme's static folder: its path in the site (`static/…`).
    Static(String),
    /// A page of the site, by its path (`index.html`, `projects/X.html`).
    Page(String),
}

/// The route of a request target (`/groups/town/%E5%9F%8E.html?x`), or `None` (404) for
/// anything that is not a plain relative path of the site.
pub fn resolve(target: &str) -> Option<Route> {
    let path = target.split(['?', '#']).next()?.strip_prefix('/')?;
    let path = percent_decode(path)?;
    if path.contains(['\0', '\\', ':']) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    // Only the last segment may be empty (a folder's index page, `groups/`).
    let (last, folders) = segments.split_last()?;
    if folders.iter().any(|s| matches!(*s, "" | "." | "..")) || matches!(*last, "." | "..") {
        return None;
    }
    if path == "__tongbao/status" {
        return Some(Route::Status);
    }
    if let Some(generation) = path.strip_prefix("__tongbao/wait/") {
        return generation.parse().ok().map(Route::Wait);
    }
    if path.starts_with("static/") {
        return (!last.is_empty()).then_some(Route::Static(path));
    }
    let page = if last.is_empty() { format!("{path}index.html") } else { path };
    Some(Route::Page(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_resolve_and_nothing_else_does() {
        assert_eq!(resolve("/"), Some(Route::Page("index.html".into())));
        assert_eq!(resolve("/groups/"), Some(Route::Page("groups/index.html".into())));
        assert_eq!(resolve("/groups/town/%E5%9F%8E.html?v=1#top"), Some(Route::Page("groups/town/城.html".into())));
        assert_eq!(resolve("/static/style.css"), Some(Route::Static("static/style.css".into())));
        assert_eq!(resolve("/__tongbao/status"), Some(Route::Status));
        assert_eq!(resolve("/__tongbao/wait/7"), Some(Route::Wait(7)));
        for bad in [
            "/static//etc/passwd",
            "/static/%2Fetc%2Fpasswd",
            "/static///etc/passwd",
            "/static//proc/self/environ",
            "/static/../../etc/passwd",
            "/static/%2E%2E/%2E%2E/etc/passwd",
            "/static/..%2F..%2Fetc%2Fpasswd",
            "/static/%5C..%5Cetc",
            "/static/a%00.css",
            "/static/C:/x",
            "//etc/passwd",
            "/./index.html",
            "/static/",
            "/__tongbao/wait/x",
            "index.html",
            "/a%2",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }
}
