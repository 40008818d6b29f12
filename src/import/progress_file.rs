//! Writing what was imported into `progress/<YYYY-MM>.yaml` as a clerk would: in an existing
//! file only the reported projects' fields change, each in its place, and everything else
//! (comments, order, quoting, other fields) stays as it was; a reported project the file lacks
//! is added in id order. A month without a file gets a new one of the rows read.

use crate::model::{Month, Wan};
use crate::scaffold::scalar;
use std::collections::BTreeMap;

/// What a row reports for one project: the amount, and each other field the row filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub ytd: Wan,
    pub started: Option<bool>,
    pub progress: Option<String>,
    pub problems: Option<String>,
    pub next: Option<String>,
}

impl Update {
    /// The fields to write, in the order of a month file, as YAML values.
    fn fields(&self) -> Vec<(&'static str, String)> {
        let mut out = vec![("ytd", self.ytd.decimal().normalize().to_string())];
        out.extend(self.started.map(|s| ("started", s.to_string())));
        for (name, text) in [("progress", &self.progress), ("problems", &self.problems), ("next", &self.next)] {
            out.extend(text.as_deref().map(|t| (name, scalar(t))));
        }
        out
    }

    fn block(&self, id: &str, indent: usize) -> Vec<String> {
        let pad = " ".repeat(indent);
        let mut lines = vec![format!("{pad}{id}:\n")];
        lines.extend(self.fields().into_iter().map(|(name, value)| format!("{pad}  {name}: {value}\n")));
        lines
    }
}

/// A new month file of `updates`.
pub fn new_file(period: Month, updates: &BTreeMap<String, Update>) -> String {
    let mut out = format!("period: {period}\nas_of: {}\nentries:\n", period.last_day());
    for (id, update) in updates {
        out.extend(update.block(id, 2));
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line holds nothing but a comment or blanks.
fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The key a line starts, if it is `key:` (followed by a value or nothing).
fn key_of(line: &str) -> Option<&str> {
    let t = line.trim();
    let (key, rest) = t.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some(key)
}

/// An entry of the file: its id, its first line and the line after its last (comments and
/// blank lines after it belong to what follows).
struct Block {
    id: String,
    start: usize,
    end: usize,
}

/// The entries of `lines`, and the indent of their keys; `None` without an `entries:` line.
fn blocks(lines: &[String]) -> Option<(usize, usize, Vec<Block>)> {
    let at = lines.iter().position(|l| indent(l) == 0 && key_of(l) == Some("entries"))?;
    let mut out: Vec<Block> = Vec::new();
    let mut entry_indent = None;
    for (i, line) in lines.iter().enumerate().skip(at + 1) {
        if is_blank(line) {
            continue;
        }
        let n = indent(line);
        if n == 0 {
            break;
        }
        let level = *entry_indent.get_or_insert(n);
        if n == level
            && let Some(id) = key_of(line)
        {
            out.push(Block { id: id.to_string(), start: i, end: i + 1 });
        } else if let Some(last) = out.last_mut() {
            last.end = i + 1;
        }
    }
    Some((at, entry_indent.unwrap_or(2), out))
}

/// The line `line` (`  ytd: 100  # 核实`) with its value made `value`, its comment kept.
fn with_value(line: &str, value: &str) -> String {
    let (key, rest) = line.split_once(':').unwrap_or((line, ""));
    let rest = rest.trim_end();
    // The comment with the spaces before it, as the clerk aligned it.
    let comment = rest.find(" #").filter(|_| !rest.contains(['"', '\''])).map(|at| {
        let start = rest[..at].trim_end().len();
        &rest[start..]
    });
    format!("{key}: {value}{}\n", comment.unwrap_or(""))
}

/// The lines of block `b` with `update`'s fields set.
fn updated(lines: &[String], b: &Block, update: &Update, entry_indent: usize) -> Vec<String> {
    let head = &lines[b.start];
    // A flow entry (`ID: { ytd: 1 }`) is written again in block style.
    if head.split_once(':').is_some_and(|(_, rest)| !rest.trim().is_empty() && !rest.trim().starts_with('#')) {
        return update.block(&b.id, entry_indent);
    }
    let mut body: Vec<String> = lines[b.start + 1..b.end].to_vec();
    let field_indent = body.iter().find(|l| !is_blank(l)).map_or(entry_indent + 2, |l| indent(l));
    for (name, value) in update.fields() {
        let found = body.iter().position(|l| indent(l) == field_indent && key_of(l) == Some(name));
        match found {
            Some(i) => {
                // The value's own lines (a block scalar, a wrapped string) go with it.
                let mut end = i + 1;
                while end < body.len() && (is_blank(&body[end]) || indent(&body[end]) > field_indent) {
                    end += 1;
                }
                while end > i + 1 && is_blank(&body[end - 1]) {
                    end -= 1;
                }
                let line = with_value(&body[i], &value);
                body.splice(i..end, [line]);
            }
            None => {
                let last = body.iter().rposition(|l| !is_blank(l)).map_or(0, |i| i + 1);
                body.insert(last, format!("{}{name}: {value}\n", " ".repeat(field_indent)));
            }
        }
    }
    std::iter::once(head.clone()).chain(body).collect()
}

/// `text` (a month file) with `updates` applied.
pub fn apply(text: &str, updates: &BTreeMap<String, Update>) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    if let Some(last) = lines.last_mut().filter(|l| !l.ends_with('\n')) {
        last.push('\n');
    }
    if blocks(&lines).is_none() {
        lines.push("entries:\n".into());
    }
    if let Some(at) = lines.iter().position(|l| indent(l) == 0 && key_of(l) == Some("entries")) {
        // `entries: {}` of an empty month: its entries follow as a block.
        lines[at] = with_value(&lines[at], "").replace(": \n", ":\n");
    }
    let Some((_, entry_indent, existing)) = blocks(&lines) else { return lines.concat() };
    // Bottom up, so that the blocks above keep their lines.
    for b in existing.iter().rev() {
        if let Some(update) = updates.get(&b.id) {
            let new = updated(&lines, b, update, entry_indent);
            lines.splice(b.start..b.end, new);
        }
    }
    let known: std::collections::BTreeSet<&str> = existing.iter().map(|b| b.id.as_str()).collect();
    for (id, update) in updates.iter().filter(|(id, _)| !known.contains(id.as_str())) {
        let Some((at, _, now)) = blocks(&lines) else { break };
        let place = match now.iter().find(|b| b.id.as_str() > id.as_str()) {
            // Before the next id, and before the comments just above it.
            Some(next) => {
                let mut i = next.start;
                while i > at + 1 && lines[i - 1].trim().starts_with('#') {
                    i -= 1;
                }
                i
            }
            None => now.last().map_or(at + 1, |b| b.end),
        };
        lines.splice(place..place, update.block(id, entry_indent));
    }
    lines.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(ytd: &str, progress: Option<&str>) -> Update {
        Update {
            ytd: ytd.parse().unwrap(),
            started: Some(true),
            progress: progress.map(str::to_string),
            problems: None,
            next: None,
        }
    }

    #[test]
    fn only_the_reported_fields_change_and_comments_stay() {
        let text = "# 十月\nperiod: 2026-10\nas_of: 2026-10-31\nentries:\n  A-1:\n    ytd: 100  # 核实过\n    started: false\n    progress: |\n      旧的\n      两行\n    next: 下月\n  # 乙\n  C-3: { ytd: 5 }\n";
        let updates = BTreeMap::from([
            ("A-1".to_string(), update("120.5", Some("主体完工: 80%"))),
            ("B-2".to_string(), update("7", None)),
            ("C-3".to_string(), update("6", Some("开工"))),
        ]);
        assert_eq!(
            apply(text, &updates),
            "# 十月\nperiod: 2026-10\nas_of: 2026-10-31\nentries:\n  A-1:\n    ytd: 120.5  # 核实过\n    started: true\n    progress: '主体完工: 80%'\n    next: 下月\n  B-2:\n    ytd: 7\n    started: true\n  # 乙\n  C-3:\n    ytd: 6\n    started: true\n    progress: 开工\n"
        );
    }

    #[test]
    fn an_empty_month_gets_its_entries() {
        let updates = BTreeMap::from([("A-1".to_string(), update("1", Some("第一行\n第二行")))]);
        assert_eq!(
            apply("period: 2026-10\nas_of: 2026-10-31\nentries: {}\n", &updates),
            "period: 2026-10\nas_of: 2026-10-31\nentries:\n  A-1:\n    ytd: 1\n    started: true\n    progress: \"第一行\\n第二行\"\n"
        );
    }
}
