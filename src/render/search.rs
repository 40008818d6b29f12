//! The site's search index, `search-index.js`: every project, group (责任单位, 乡镇, 挂包领导
//! and the other dimensions), 卡点问题, 议定事项 and meeting as a document (title, link from
//! the site root, a line of text), and for each token of their words the documents that have
//! it. Tokens are CJK character bigrams and whole Latin or number words, after folding
//! full-width letters and digits and upper case; `static/tongbao.js` cuts a query the same way,
//! intersects the lists and keeps the documents whose words hold the whole query.
//!
//! A script that sets a global, not JSON fetched: `fetch()` and module imports fail on
//! `file://`, a `<script>` added to the page does not. The pages load it only when the search
//! box is used, and every page is complete without it.

use super::{Ctx, Page};
use crate::model::Subject;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Where the index is written, from the site root.
pub const PATH: &str = "search-index.js";

/// One thing the search finds.
struct Doc {
    title: String,
    href: String,
    text: String,
}

/// `c` folded as the index and the query both fold it: full-width ASCII to ASCII, upper case to
/// lower case.
fn fold(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Whether `c` is a CJK ideograph (the blocks the sample's names use, and their extensions A
/// and compatibility forms).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// The tokens of `text`: each pair of neighbouring ideographs (a lone one by itself), each run of
/// Latin letters and digits whole. `static/tongbao.js` (`tokens`) does the same.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut han, mut word) = (Vec::<char>::new(), String::new());
    let flush_han = |han: &mut Vec<char>, out: &mut Vec<String>| {
        match han.len() {
            0 => {}
            1 => out.push(han[0].to_string()),
            _ => out.extend(han.windows(2).map(|w| w.iter().collect::<String>())),
        }
        han.clear();
    };
    for c in text.chars().map(fold) {
        if is_han(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            han.push(c);
        } else if c.is_ascii_alphanumeric() {
            flush_han(&mut han, &mut out);
            word.push(c);
        } else {
            flush_han(&mut han, &mut out);
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    flush_han(&mut han, &mut out);
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Every document of the site at the context's period: projects first, then the groups, the
/// meetings, their decisions and the blockers, each kind in the order the site lists it.
fn documents(ctx: &Ctx) -> Vec<Doc> {
    let ds = ctx.ds;
    let mut docs = Vec::new();
    for p in &ds.projects {
        let mut text = vec![p.id.as_str(), p.industry.as_str(), p.town.as_str(), p.lead_unit.as_str()];
        text.extend(p.leaders.iter().map(String::as_str));
        docs.push(Doc { title: p.name.clone(), href: format!("projects/{}.html", p.id), text: text.join(" · ") });
    }
    for subject in Subject::ALL {
        for g in ctx.pf.groups_of(subject) {
            docs.push(Doc {
                title: g.name.clone(),
                href: subject.group_page(&g.name),
                text: format!("{} · {}个项目", subject.label(), g.members.len()),
            });
        }
    }
    for m in &ds.meetings {
        let href = format!("meetings/{}.html", m.stem);
        let f = &m.front;
        docs.push(Doc { title: f.title.clone(), href: href.clone(), text: format!("{} · {}", f.date, f.kind) });
        for d in &f.decisions {
            docs.push(Doc {
                title: d.text.clone(),
                href: format!("{href}#decision-{}", d.no),
                text: format!("议定事项 · {}第{}件 · {}", f.title, d.no, d.lead_unit),
            });
        }
    }
    for p in &ds.projects {
        for b in &p.issues {
            let state = if b.resolved.is_some_and(|r| r <= ctx.pf.as_of) { "已销号" } else { "未销号" };
            docs.push(Doc {
                title: b.title.clone(),
                href: format!("projects/{}.html#issues", p.id),
                text: format!("{}·{} · {} · {} · {state}", b.kind, b.category, p.name, b.unit),
            });
        }
    }
    docs
}

/// `numbers` (ascending) as the gaps between them in base 36, comma-separated: the short form
/// `static/tongbao.js` (`postings`) reads back.
fn gaps(numbers: &[u32]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (i, &n) in numbers.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut gap = n - last;
        last = n;
        let mut digits = Vec::new();
        loop {
            digits.push(std::char::from_digit(gap % 36, 36).unwrap_or('0'));
            gap /= 36;
            if gap == 0 {
                break;
            }
        }
        out.extend(digits.iter().rev());
    }
    out
}

/// `search-index.js` for the context's period (the current one: the index is the site's).
pub fn page(ctx: &Ctx) -> Result<Page, String> {
    let docs = documents(ctx);
    let mut index: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let number = u32::try_from(i).map_err(|_| "错误：搜索索引的条目过多\n".to_string())?;
        for token in tokens(&doc.title).into_iter().chain(tokens(&doc.text)) {
            let list = index.entry(token).or_default();
            if list.last() != Some(&number) {
                list.push(number);
            }
        }
    }
    let rows: Vec<[&str; 3]> = docs.iter().map(|d| [d.title.as_str(), d.href.as_str(), d.text.as_str()]).collect();
    let mut out = String::from("// tongbao 的全站搜索索引（由 tongbao build 生成）\nwindow.tongbaoSearch={\"docs\":");
    out.push_str(&serde_json::to_string(&rows).map_err(|e| format!("错误：无法写出搜索索引：{e}\n"))?);
    out.push_str(",\"index\":{");
    for (n, (token, list)) in index.iter().enumerate() {
        let key = serde_json::to_string(token).map_err(|e| format!("错误：无法写出搜索索引：{e}\n"))?;
        let _ = write!(out, "{}{key}:\"{}\"", if n > 0 { "," } else { "" }, gaps(list));
    }
    out.push_str("}};\n");
    Ok(Page::new(PATH.to_string(), out.into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cut_into_bigrams_and_whole_latin_words() {
        assert_eq!(tokens("青山水库"), ["青山", "山水", "水库"]);
        assert_eq!(tokens("S208线"), ["s208", "线"]);
        assert_eq!(tokens("ＣＹ２０２６-001 镇"), ["cy2026", "001", "镇"]);
        assert_eq!(tokens("县交通局（牵头）"), ["县交", "交通", "通局", "牵头"]);
        assert!(tokens("—，。 ").is_empty());
    }

    #[test]
    fn posting_lists_are_gaps_in_base_36() {
        assert_eq!(gaps(&[0, 1, 37, 1333]), "0,1,10,100");
        assert_eq!(gaps(&[5]), "5");
    }
}
