//! A province's monthly file read in pieces: tens of thousands of entries, a few MB. serde_yaml
//! first turns a whole file into a list of its events (about 100 bytes each, half a million
//! for 50,000 entries, in a list that doubles as it grows) and only then into the model: at
//! 50k projects, two such lists at a time took a quarter of a GB of fresh memory, the largest
//! share of the build's (perf: `Loader::next_document` in `clear_page`).
//!
//! So the `entries:` mapping is cut, at the lines of its keys, into pieces of about [`PIECE`]
//! bytes, and serde_yaml reads each piece on its own, as the mapping it is; the lines before
//! `entries:` are read as the rest of the file. Whenever the file is not laid out so that this
//! reads exactly what the whole file says (`entries:` not the last key, written in flow style,
//! a piece that does not read on its own, keys out of order from one piece to the next), the
//! file is read whole instead, which is also what gives a broken file its finding.

use crate::model::{Entry, Progress, SortedMap};

/// Files smaller than this are read whole (a county's monthly file is a few KB).
const IN_PIECES_FROM: usize = 256 * 1024;

/// About how many bytes of entries one piece has: a few hundred entries, whose events take a
/// few hundred KB.
const PIECE: usize = 64 * 1024;

/// The monthly file `yaml`, if reading it in pieces reads exactly what it says.
pub fn progress(yaml: &str) -> Option<Progress> {
    if yaml.len() < IN_PIECES_FROM {
        return None;
    }
    let (head, entries) = split_at_entries(yaml)?;
    let mut progress: Progress = serde_yaml::from_str(head).ok()?;
    for piece in pieces(entries)? {
        let piece: SortedMap<String, Entry> = serde_yaml::from_str(piece).ok()?;
        progress.entries = std::mem::take(&mut progress.entries).followed_by(piece)?;
    }
    Some(progress)
}

/// The lines before a line `entries:` (nothing after the colon but a comment), and the lines
/// after it, when these are all the file's last key holds: indented, blank, or comments.
fn split_at_entries(yaml: &str) -> Option<(&str, &str)> {
    let mut at = 0;
    for line in yaml.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("entries:") {
            let after = &yaml[at + line.len()..];
            // Nothing after the colon but a comment, which needs a space before its `#`.
            let bare = rest.trim().is_empty() || (rest.starts_with([' ', '\t']) && rest.trim_start().starts_with('#'));
            let last = after.split_inclusive('\n').all(|l| l.starts_with(' ') || is_blank(l));
            return (bare && last).then_some((&yaml[..at], after));
        }
        at += line.len();
    }
    None
}

/// How many spaces a line starts with.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line holds no node: empty, spaces, or a comment.
fn is_blank(line: &str) -> bool {
    let text = line.trim_start_matches(' ').trim_end();
    text.is_empty() || text.starts_with('#')
}

/// `entries` (the mapping's lines) cut before lines of its keys, every [`PIECE`] bytes or so:
/// a key's line is one indented as the first key, with no more spaces. `None` when the first
/// line of a node is not such a key (a sequence, a flow collection).
fn pieces(entries: &str) -> Option<Vec<&str>> {
    let first = entries.split_inclusive('\n').find(|l| !is_blank(l))?;
    let keys_at = indent(first);
    if first[keys_at..].starts_with(['-', '{', '[', '?']) {
        return None;
    }
    let mut pieces = Vec::new();
    let (mut start, mut at) = (0, 0);
    for line in entries.split_inclusive('\n') {
        let a_key = !is_blank(line) && indent(line) == keys_at;
        if a_key && at - start >= PIECE {
            pieces.push(&entries[start..at]);
            start = at;
        }
        at += line.len();
    }
    pieces.push(&entries[start..]);
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A monthly file of `n` entries in the generated layout, with `extra` after the header.
    fn file(n: usize, extra: &str) -> String {
        let mut yaml = format!("period: 2026-06\nas_of: 2026-06-30\n{extra}entries:\n");
        for i in 0..n {
            let next = if i % 3 == 0 { "    next: |\n      验收\n\n      移交\n" } else { "" };
            yaml += &format!("  P-{i:06}:\n    ytd: {i}.5\n    started: {}\n    progress: 第{i}号\n{next}", i % 2 == 0);
        }
        yaml
    }

    /// What the whole file reads as, in the loader's terms, and in pieces.
    fn both(yaml: &str) -> (String, Option<String>) {
        let whole: Progress = serde_yaml::from_str(yaml).unwrap();
        (format!("{whole:?}"), progress(yaml).map(|p| format!("{p:?}")))
    }

    #[test]
    fn a_large_file_in_pieces_reads_as_the_whole_file() {
        let yaml = file(20_000, "# 说明\n").replacen("entries:\n", "entries:  # 各项目\n", 1);
        let (head, entries) = split_at_entries(&yaml).unwrap();
        assert!(head.ends_with("# 说明\n"));
        assert!(pieces(entries).unwrap().len() > 10);
        let (whole, pieces) = both(&yaml);
        assert_eq!(pieces.as_deref(), Some(whole.as_str()));
        // `entries:#…` is another key, not `entries` with a comment.
        assert!(progress(&yaml.replacen("entries:  # 各项目", "entries:#各项目", 1)).is_none());
    }

    #[test]
    fn a_file_laid_out_otherwise_is_read_whole() {
        let entries = file(20_000, "");
        let read_whole = |yaml: &str| {
            assert!(serde_yaml::from_str::<Progress>(yaml).is_ok(), "the whole file reads");
            assert!(progress(yaml).is_none(), "read in pieces: {}", &yaml[..60]);
        };
        // `entries:` not the last key.
        read_whole(&(entries.replacen("period: 2026-06\n", "", 1) + "period: 2026-06\n"));
        // In flow style.
        let flow: Vec<String> = (0..30_000).map(|i| format!("P-{i:06}: {{ytd: {i}}}")).collect();
        read_whole(&format!("{}  {{{}}}\n", file(0, ""), flow.join(", ")));
        // An alias in one piece of an anchor in another.
        let anchored = entries.replacen("progress: 第0号", "progress: &first 第0号", 1);
        read_whole(&anchored.replacen("progress: 第19999号", "progress: *first", 1));
        // A key out of order from one piece to the next (the whole file sorts them).
        read_whole(&(file(20_000, "").replacen("  P-000000:", "  P-100000:", 1)));
        // A small file (a county's).
        read_whole(&file(10, ""));
    }
}
