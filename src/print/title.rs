//! Titles for paper: a document's title as HTML in which the words a line must not split are
//! kept whole (`情况的通报`, `纪要`, `2026年`, `1-10月`), so that the browser, balancing the
//! lines (`text-wrap: balance`), breaks between words and never inside one (`…情况的/通报`,
//! `…纪/要`).

/// Words kept whole, longest first where one contains another.
const WORDS: [&str; 13] = [
    "建设情况的通报",
    "推进情况的通报",
    "情况的通报",
    "重点项目",
    "建设情况",
    "观摩会",
    "调度会",
    "推进会",
    "的通报",
    "纪要",
    "通报",
    "会议",
    "大会",
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A quotation opening with one of these and closing with its pair, within this many
/// characters, is kept whole (`“四个一批”`).
const QUOTES: [(char, char); 4] = [('"', '"'), ('“', '”'), ('「', '」'), ('《', '》')];
const LONGEST_QUOTE: usize = 12;

/// How long the unbreakable run at the start of `rest` is, in bytes: a short quotation, a
/// known word, or a run of digits, Latin letters and `-./` with a following 年, 月, 日 or 期;
/// 0 when none.
fn word_at(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    if let Some((_, open)) = chars.next()
        && let Some(&(_, close)) = QUOTES.iter().find(|(o, _)| *o == open)
        && let Some((at, c)) = chars.take(LONGEST_QUOTE).find(|(_, c)| *c == close)
    {
        return at + c.len_utf8();
    }
    if let Some(word) = WORDS.iter().find(|w| rest.starts_with(**w)) {
        return word.len();
    }
    let run: usize =
        rest.chars().take_while(|c| c.is_ascii_alphanumeric() || "-./".contains(*c)).map(char::len_utf8).sum();
    if run == 0 {
        return 0;
    }
    let unit = rest[run..].chars().next().filter(|c| "年月日期号".contains(*c));
    run + unit.map_or(0, char::len_utf8)
}

/// `title` escaped, its unbreakable words each in a `<span class="nobr">`.
pub fn title_html(title: &str) -> String {
    let mut out = String::with_capacity(title.len() * 2);
    let mut at = 0;
    while at < title.len() {
        let rest = &title[at..];
        let len = word_at(rest);
        if len > 1 && rest[..len].chars().count() > 1 {
            out.push_str(&format!("<span class=\"nobr\">{}</span>", escape(&rest[..len])));
            at += len;
        } else {
            let ch = rest.chars().next().map_or(1, char::len_utf8);
            out.push_str(&escape(&rest[..ch]));
            at += ch;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::title_html;

    #[test]
    fn the_words_of_a_title_stay_whole() {
        assert_eq!(
            title_html("关于2026年1-10月全县重点项目建设情况的通报"),
            "关于<span class=\"nobr\">2026年</span><span class=\"nobr\">1-10月</span>全县<span class=\"nobr\">重点项目</span><span class=\"nobr\">建设情况的通报</span>"
        );
        assert_eq!(
            title_html("县长办公会议<纪要>"),
            "县长办公<span class=\"nobr\">会议</span>&lt;<span class=\"nobr\">纪要</span>&gt;"
        );
        assert_eq!(
            title_html("全县重点项目\"四个一批\"推进大会纪要"),
            "全县<span class=\"nobr\">重点项目</span><span class=\"nobr\">&quot;四个一批&quot;</span>推进<span class=\"nobr\">大会</span><span class=\"nobr\">纪要</span>"
        );
    }
}
