//! Where each value of a YAML file stands: a position tree for pointing diagnostics at
//! `file:line:col`.
//!
//! serde gives typed values without positions, so this module reads the same text once more
//! and records the line and column (1-based, in characters, as libyaml counts them) of every
//! key and value of the block and flow styles the data contract uses. It never fails: where
//! it cannot follow the text, a look-up falls back to the nearest ancestor it did find.

/// One step of a path into a document: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Self {
        Seg::Key(key.to_string())
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Self {
        Seg::Index(index)
    }
}

/// Builds a path into a document, such as `issues[0].unit`: `path!["issues", 0, "unit"]`.
#[macro_export]
macro_rules! path {
    ($($seg:expr),* $(,)?) => { [$($crate::load::Seg::from($seg)),*] };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub line: usize,
    pub col: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Scalar,
    /// (key, where the key stands, the value)
    Map(Vec<(String, (usize, usize), Node)>),
    Seq(Vec<Node>),
}

impl Node {
    /// The node at `path`, or the deepest ancestor found and `false`.
    fn descend(&self, path: &[Seg]) -> (&Node, bool) {
        let mut node = self;
        for seg in path {
            let child = match (seg, &node.kind) {
                (Seg::Key(k), Kind::Map(entries)) => entries.iter().find(|(key, _, _)| key == k).map(|e| &e.2),
                (Seg::Index(i), Kind::Seq(items)) => items.get(*i),
                _ => None,
            };
            match child {
                Some(c) => node = c,
                None => return (node, false),
            }
        }
        (node, true)
    }

    /// The position of the value at `path`, or of the deepest ancestor found.
    pub fn locate(&self, path: &[Seg]) -> (usize, usize) {
        let (node, _) = self.descend(path);
        (node.line, node.col)
    }

    /// The position of the key at the end of `path` (for "unknown key" findings).
    pub fn locate_key(&self, path: &[Seg]) -> (usize, usize) {
        let Some((Seg::Key(last), parent)) = path.split_last() else { return self.locate(path) };
        match self.descend(parent) {
            (Node { kind: Kind::Map(entries), .. }, true) => {
                entries.iter().find(|(key, _, _)| key == last).map_or(self.locate(parent), |e| e.1)
            }
            (node, _) => (node.line, node.col),
        }
    }
}

/// Builds the position tree of `text`; `first_line` is the line number of its first line
/// (not 1 for front matter).
pub fn tree(text: &str, first_line: usize) -> Node {
    let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
    let reader = Reader { lines: &lines, first_line };
    match reader.next_content(0) {
        Some(li) => {
            let col = indent(&lines[li]);
            reader.block(li, col).0
        }
        None => Node { line: first_line, col: 1, kind: Kind::Scalar },
    }
}

fn indent(line: &[char]) -> usize {
    line.iter().take_while(|c| **c == ' ').count()
}

fn is_blank_or_comment(line: &[char]) -> bool {
    let rest = &line[indent(line)..];
    rest.is_empty() || rest[0] == '#'
}

/// The column of the `:` that ends a mapping key starting at `col`, outside quotes and flow
/// brackets, or `None` when the text there is not a key.
fn key_colon(line: &[char], col: usize) -> Option<usize> {
    let mut quote: Option<char> = None;
    let first = *line.get(col)?;
    if first == '[' || first == '{' || first == '#' {
        return None;
    }
    for i in col..line.len() {
        let c = line[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && i == col => quote = Some(c),
            None if c == '#' && i > col && line[i - 1] == ' ' => return None,
            None if c == ':' && line.get(i + 1).is_none_or(|n| *n == ' ') => return Some(i),
            None => {}
        }
    }
    None
}

fn unquote(key: &[char]) -> String {
    let s: String = key.iter().collect();
    let s = s.trim();
    let quoted =
        s.len() >= 2 && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')));
    if quoted { s[1..s.len() - 1].to_string() } else { s.to_string() }
}

struct Reader<'a> {
    lines: &'a [Vec<char>],
    first_line: usize,
}

impl Reader<'_> {
    fn next_content(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| !is_blank_or_comment(&self.lines[i]))
    }

    fn pos(&self, li: usize, col: usize) -> (usize, usize) {
        (li + self.first_line, col + 1)
    }

    fn scalar(&self, li: usize, col: usize) -> Node {
        let (line, col) = self.pos(li, col);
        Node { line, col, kind: Kind::Scalar }
    }

    /// A block node starting at (li, col); returns it and the next line index after it.
    fn block(&self, li: usize, col: usize) -> (Node, usize) {
        let line = &self.lines[li];
        match line.get(col) {
            Some('-') if line.get(col + 1).is_none_or(|c| *c == ' ') => self.sequence(li, col),
            Some('[') | Some('{') => {
                let mut cur = Cursor { lines: self.lines, li, ci: col };
                let node = self.flow(&mut cur);
                (node, cur.li + 1)
            }
            Some('|') | Some('>') => (self.scalar(li, col), self.skip_deeper(li + 1, indent(line))),
            _ if key_colon(line, col).is_some() => self.mapping(li, col),
            _ => (self.scalar(li, col), li + 1),
        }
    }

    fn skip_deeper(&self, mut li: usize, than: usize) -> usize {
        while li < self.lines.len() && (is_blank_or_comment(&self.lines[li]) || indent(&self.lines[li]) > than) {
            li += 1;
        }
        li
    }

    fn sequence(&self, li: usize, col: usize) -> (Node, usize) {
        let mut items = Vec::new();
        let mut cur = Some(li);
        let mut next = li + 1;
        while let Some(i) = cur {
            let line = &self.lines[i];
            if indent(line) != col && i != li
                || line.get(col) != Some(&'-')
                || line.get(col + 1).is_some_and(|c| *c != ' ')
            {
                break;
            }
            let value_col = (col + 1..line.len()).find(|&c| line[c] != ' ');
            let (item, after) = match value_col {
                Some(vc) if line[vc] != '#' => self.block(i, vc),
                _ => self.child_or_null(i, col + 1, col),
            };
            items.push(item);
            next = after;
            cur = self.next_content(after);
        }
        let (line, c) = self.pos(li, col);
        (Node { line, col: c, kind: Kind::Seq(items) }, next)
    }

    fn mapping(&self, li: usize, col: usize) -> (Node, usize) {
        let mut entries = Vec::new();
        let mut cur = Some(li);
        let mut next = li + 1;
        while let Some(i) = cur {
            let line = &self.lines[i];
            if i != li && indent(line) != col {
                break;
            }
            let Some(colon) = key_colon(line, col) else { break };
            let key = unquote(&line[col..colon]);
            let value_col = (colon + 1..line.len()).find(|&c| line[c] != ' ');
            let (value, after) = match value_col {
                Some(vc) if line[vc] != '#' => self.block(i, vc),
                _ => self.child_or_null(i, colon, col),
            };
            entries.push((key, self.pos(i, col), value));
            next = after;
            cur = self.next_content(after);
        }
        let (line, c) = self.pos(li, col);
        (Node { line, col: c, kind: Kind::Map(entries) }, next)
    }

    /// The value of a key or item whose line ends after the indicator: the block on the
    /// following lines, or a null at the indicator.
    fn child_or_null(&self, li: usize, at: usize, parent_col: usize) -> (Node, usize) {
        if let Some(ni) = self.next_content(li + 1) {
            let line = &self.lines[ni];
            let ind = indent(line);
            let same_level_seq =
                ind == parent_col && line.get(ind) == Some(&'-') && key_colon(&self.lines[li], parent_col).is_some();
            if ind > parent_col || same_level_seq {
                return self.block(ni, ind);
            }
        }
        (self.scalar(li, at), li + 1)
    }

    fn flow(&self, cur: &mut Cursor) -> Node {
        let (line, col) = self.pos(cur.li, cur.ci);
        let open = cur.peek();
        cur.bump();
        let close = if open == Some('{') { '}' } else { ']' };
        let mut entries = Vec::new();
        let mut items = Vec::new();
        loop {
            cur.skip_space();
            match cur.peek() {
                None => break,
                Some(c) if c == close => {
                    cur.bump();
                    break;
                }
                Some(',') => cur.bump(),
                Some(_) if close == '}' => {
                    let key_pos = self.pos(cur.li, cur.ci);
                    let key = cur.take_until(&[':', ',', '}']);
                    if cur.peek() == Some(':') {
                        cur.bump();
                        cur.skip_space();
                    }
                    let value = self.flow_value(cur, close);
                    entries.push((unquote(&key), key_pos, value));
                }
                Some(_) => items.push(self.flow_value(cur, close)),
            }
        }
        let kind = if close == '}' { Kind::Map(entries) } else { Kind::Seq(items) };
        Node { line, col, kind }
    }

    fn flow_value(&self, cur: &mut Cursor, close: char) -> Node {
        match cur.peek() {
            Some('{') | Some('[') => self.flow(cur),
            _ => {
                let node = self.scalar(cur.li, cur.ci);
                cur.take_until(&[',', close]);
                node
            }
        }
    }
}

/// A character cursor over lines that reads line ends as spaces (flow collections may span lines).
struct Cursor<'a> {
    lines: &'a [Vec<char>],
    li: usize,
    ci: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        let line = self.lines.get(self.li)?;
        Some(line.get(self.ci).copied().unwrap_or('\n'))
    }

    fn bump(&mut self) {
        if self.ci < self.lines[self.li].len() {
            self.ci += 1;
        } else {
            self.li += 1;
            self.ci = 0;
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ') | Some('\n')) {
            self.bump();
        }
    }

    /// Reads a scalar up to one of `stops` (outside quotes and nested brackets).
    fn take_until(&mut self, stops: &[char]) -> Vec<char> {
        let mut out = Vec::new();
        let mut quote: Option<char> = None;
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '[' || c == '{' => depth += 1,
                None if (c == ']' || c == '}') && depth > 0 => depth -= 1,
                None if depth == 0 && stops.contains(&c) => break,
                None => {}
            }
            if c != '\n' {
                out.push(c);
            }
            self.bump();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "id: A-1\nname: 甲项目\nleaders: [张三, 李四]\nyears:\n  2026:\n    plan: 100\nissues:\n  - id: 1\n    unit: 县水利局\n  - { id: 2, unit: 县财政局 }\nmilestones:\n- name: 封顶\n  due: 2026-08-31\ncontent: |\n  多行\n  文本\nlast: x # 注释\n";

    #[test]
    fn finds_block_and_flow_values() {
        let t = tree(DOC, 1);
        assert_eq!(t.locate(&path!["name"]), (2, 7));
        assert_eq!(t.locate(&path!["leaders", 1]), (3, 15));
        assert_eq!(t.locate(&path!["years", "2026", "plan"]), (6, 11));
        assert_eq!(t.locate(&path!["issues", 0, "unit"]), (9, 11));
        assert_eq!(t.locate(&path!["issues", 1, "unit"]), (10, 20));
        assert_eq!(t.locate(&path!["milestones", 0, "due"]), (13, 8));
        assert_eq!(t.locate(&path!["last"]), (17, 7));
        assert_eq!(t.locate_key(&path!["issues", 1, "unit"]), (10, 14));
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let t = tree(DOC, 1);
        assert_eq!(t.locate(&path!["issues", 5, "unit"]), (8, 3));
        assert_eq!(t.locate(&path!["nothing"]), (1, 1));
        assert_eq!(tree("", 3).locate(&path!["x"]), (3, 1));
    }

    #[test]
    fn garbage_never_panics() {
        for text in ["- [", "{a: [1, {b", "a:\n  - b: |\n", ": :", "'a: b", "- - - x"] {
            let _ = tree(text, 1).locate(&path!["a", 0, "b"]);
        }
    }
}
