//! Meeting bodies from CommonMark to safe HTML: raw HTML is shown as text, only http, https,
//! mailto and relative link targets survive, `[[ID]]` becomes a link to the project page, and a
//! table's header cells say they head their columns (`scope="col"`).

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

/// True for targets a page may link to: http(s), mailto, or a relative path.
fn safe_target(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') && !scheme.contains('?') && !scheme.contains('#') => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => !lower.starts_with("//"),
    }
}

/// Replaces `[[ID]]` with a Markdown link to the project page, given the path to the site root.
fn project_links(text: &str, root: &str, exists: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (range, id) in crate::model::project_links(text).into_iter().filter(|(_, id)| exists(id)) {
        out.push_str(&text[done..range.start]);
        out.push_str(&format!("[{id}]({root}projects/{id}.html)"));
        done = range.end;
    }
    out.push_str(&text[done..]);
    out
}

/// Renders `markdown` for a page whose path to the site root is `root` ("../").
pub fn to_html(markdown: &str, root: &str, project_exists: &dyn Fn(&str) -> bool) -> String {
    let text = project_links(markdown, root, project_exists);
    let parser =
        Parser::new_ext(&text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if !safe_target(&dest_url) => {
                Event::Start(Tag::Link { link_type, dest_url: CowStr::from(""), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) if !safe_target(&dest_url) => {
                Event::Start(Tag::Image { link_type, dest_url: CowStr::from(""), title, id })
            }
            other => other,
        });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    // Only the writer makes tags (raw HTML is text), and it makes `<th>` in a table's head only.
    out.replace("<th>", "<th scope=\"col\">").replace("<th style=", "<th scope=\"col\" style=")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> String {
        to_html(md, "../", &|id| id == "QX-1")
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(render("a <script>alert(1)</script> b"), "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>\n");
        assert_eq!(render("<div onclick=x>y</div>\n"), "&lt;div onclick=x&gt;y&lt;/div&gt;\n");
    }

    #[test]
    fn only_safe_link_targets_survive() {
        assert_eq!(render("[x](javascript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
        assert_eq!(render("[x](JavaScript:alert(1))"), "<p><a href=\"\">x</a></p>\n");
        assert_eq!(render("[x](data:text/html,hi)"), "<p><a href=\"\">x</a></p>\n");
        assert_eq!(render("[x](https://a.cn/)"), "<p><a href=\"https://a.cn/\">x</a></p>\n");
        assert_eq!(render("[x](../ledger.html)"), "<p><a href=\"../ledger.html\">x</a></p>\n");
        assert_eq!(render("[x](mailto:a@b.cn)"), "<p><a href=\"mailto:a@b.cn\">x</a></p>\n");
    }

    #[test]
    fn table_heads_head_their_columns() {
        let html = render("| 项目 | 万元 |\n|---|--:|\n| 甲 | 1 |\n");
        assert!(
            html.contains(
                "<thead><tr><th scope=\"col\">项目</th><th scope=\"col\" style=\"text-align: right\">万元</th>"
            ),
            "{html}"
        );
        assert!(html.contains("<td>甲</td>"), "{html}");
        assert_eq!(render("<th>x</th>"), "&lt;th&gt;x&lt;/th&gt;", "raw HTML stays text");
    }

    #[test]
    fn project_references_become_links() {
        assert_eq!(render("见[[QX-1]]。"), "<p>见<a href=\"../projects/QX-1.html\">QX-1</a>。</p>\n");
        assert_eq!(render("[[NOPE]]"), "<p>[[NOPE]]</p>\n");
    }
}
