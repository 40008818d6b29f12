//! Every link and source of a built site, resolved: within the site, to a file that exists,
//! and to an id that exists when it names one; nothing fetched from outside.

use std::collections::BTreeSet;
use std::path::Path;

/// The values of every `name="…"` attribute in `html`.
pub fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

/// Checks every link of every page of `site`; how many links it followed and how many of
/// them point into a page (`#id`).
pub fn check_all(site: &Path) -> (usize, usize) {
    let read = |rel: &str| std::fs::read_to_string(site.join(rel)).unwrap();
    let files = super::files(site);
    let all: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    let (mut checked, mut fragments) = (0, 0);
    for page in files.iter().filter(|f| f.ends_with(".html")) {
        let html = read(page);
        let folder = Path::new(page).parent().unwrap();
        for target in attributes(&html, "href").into_iter().chain(attributes(&html, "src")) {
            assert!(
                !target.starts_with("http:") && !target.starts_with("https:") && !target.starts_with("//"),
                "{page} refers outside: {target}"
            );
            if target.starts_with("mailto:") || target.is_empty() {
                continue;
            }
            // A link into a page (`#months`, `x.html#months`) needs that id on the page.
            if let Some(fragment) = target.strip_prefix('#') {
                assert!(html.contains(&format!(" id=\"{fragment}\"")), "{page}: {target} has no such id on the page");
                fragments += 1;
                continue;
            }
            let path = target.split(['#', '?']).next().unwrap();
            assert!(!path.ends_with('/'), "{page} links to a bare folder: {target}");
            let mut parts: Vec<&str> = folder.iter().map(|s| s.to_str().unwrap()).collect();
            for part in path.split('/') {
                match part {
                    ".." => assert!(parts.pop().is_some(), "{page}: {target} leaves the site"),
                    "." | "" => {}
                    p => parts.push(p),
                }
            }
            let resolved = parts.join("/");
            assert!(all.contains(resolved.as_str()), "{page}: {target} → {resolved} does not exist");
            if let Some((_, fragment)) = target.split_once('#') {
                let into = read(&resolved);
                assert!(into.contains(&format!(" id=\"{fragment}\"")), "{page}: {target} → no such id in {resolved}");
                fragments += 1;
            }
            checked += 1;
        }
        assert!(!html.contains("@import") && !html.contains("url(http"), "{page} imports from outside");
    }
    let css = read("static/style.css");
    assert!(!css.contains("url(") && !css.contains("@import"), "the stylesheet must not fetch anything");
    (checked, fragments)
}
