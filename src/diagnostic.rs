//! Findings about the data: errors and warnings that name `file:line:col`, say what was
//! expected and, where one helps, suggest a fix. Collected as values by `load` and `check`,
//! rendered only at the edge (the command line).

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether findings are drawn in colour (red errors, yellow warnings, blue gutter, as rustc
/// does on a terminal): set once by the command line from `--color` and `NO_COLOR`.
static IN_COLOUR: AtomicBool = AtomicBool::new(false);

/// Findings rendered from now on are in colour (`true`) or plain text.
pub fn use_colour(on: bool) {
    IN_COLOUR.store(on, Ordering::Relaxed);
}

/// `text` in bold and the colour of `severity`, when findings are drawn in colour: what the
/// command line uses for its own `错误：` lines too.
pub fn painted(text: &str, severity: Severity) -> String {
    if !IN_COLOUR.load(Ordering::Relaxed) {
        return text.to_string();
    }
    // annotate-snippets' colours: bright red for errors, yellow for warnings.
    let colour = match severity {
        Severity::Error => "91",
        Severity::Warning => "33",
    };
    format!("\x1b[1m\x1b[{colour}m{text}\x1b[0m")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    /// The file, relative to the data folder, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// A stable code such as `E0301`, listed in docs/诊断代码.md.
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
    /// What the finding covers exactly, when known (boxed: most findings have none).
    #[serde(skip)]
    pub exact: Option<Box<Exact>>,
}

/// A finding's exact extent and certain fix.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Exact {
    /// How many characters the finding covers from its column (the value a parse error names);
    /// without it, the token there ([`token`]).
    pub width: Option<usize>,
    /// A replacement for what the finding covers, when it is certain (`9,100` → `9100`):
    /// machine-applicable, as `--format json` gives it.
    pub fix: Option<String>,
    /// What to read in its place to go on reading the file (a neutral amount, the nearest
    /// key), when there is no certain fix: never shown, never applied to the file.
    pub stand_in: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: &str, (line, column): (usize, usize), message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            column,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
            exact: None,
        }
    }

    pub fn warning(code: &'static str, file: &str, at: (usize, usize), message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, at, message) }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// The finding covers `width` characters from its column.
    pub fn with_width(mut self, width: usize) -> Self {
        self.exact.get_or_insert_default().width = Some(width);
        self
    }

    /// A certain replacement for what the finding covers.
    pub fn with_fix(mut self, fix: Option<String>) -> Self {
        if fix.is_some() {
            self.exact.get_or_insert_default().fix = fix;
        }
        self
    }

    /// What to read in place of what the finding covers, to go on reading the file.
    pub fn with_stand_in(mut self, stand_in: Option<String>) -> Self {
        if stand_in.is_some() {
            self.exact.get_or_insert_default().stand_in = stand_in;
        }
        self
    }

    /// What to read in place of what the finding covers: its fix, else its stand-in.
    pub fn stand_in(&self) -> Option<&str> {
        self.fix().or_else(|| self.exact.as_ref().and_then(|e| e.stand_in.as_deref()))
    }

    /// How many characters the finding covers, when known exactly.
    pub fn width(&self) -> Option<usize> {
        self.exact.as_ref().and_then(|e| e.width)
    }

    /// The certain replacement of what the finding covers.
    pub fn fix(&self) -> Option<&str> {
        self.exact.as_ref().and_then(|e| e.fix.as_deref())
    }

    /// The byte range the finding covers in its line of source `line`: its width from its
    /// column when known, else the token there (at least one character).
    pub fn span_in(&self, line: &str) -> std::ops::Range<usize> {
        let start = line.char_indices().nth(self.column.saturating_sub(1)).map_or(line.len(), |(i, _)| i);
        let end = match self.width() {
            Some(w) => line[start..].char_indices().nth(w).map_or(line.len(), |(i, _)| start + i),
            None => start + token(&line[start..]).len(),
        };
        if end > start { start..end } else { start..(start + line[start..].chars().next().map_or(0, char::len_utf8)) }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A rustc-style report drawn by annotate-snippets: the message, the location, the line
    /// of source with a caret under the value, and the hint. `source` is the file's text when
    /// it could be read.
    pub fn render(&self, source: Option<&str>) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name("错误"),
            Severity::Warning => Level::WARNING.with_name("警告"),
        };
        let line = source.and_then(|s| s.lines().nth(self.line.saturating_sub(1)));
        let title = level.primary_title(self.message.as_str()).id(self.code);
        let place = match line {
            Some(text) => Snippet::source(text)
                .line_start(self.line)
                .path(self.file.as_str())
                .annotation(AnnotationKind::Primary.span(self.span_in(text))),
            None => Snippet::source("").line_start(self.line).path(self.file.as_str()),
        };
        // Under the snippet's gutter, as wide as the line number.
        let gutter = if line.is_some() { " ".repeat(self.line.to_string().len() + 1) } else { "  ".into() };
        let in_colour = IN_COLOUR.load(Ordering::Relaxed);
        // Like rustc's `= help:`: the `=` in the gutter's blue, the word in bold.
        let said = if in_colour { "\x1b[1m\x1b[94m=\x1b[0m \x1b[1m提示\x1b[0m：" } else { "= 提示：" };
        let hint = self.hint.as_ref().map(|h| format!("{gutter}{said}{h}\n")).unwrap_or_default();
        if line.is_none() {
            // Without the text, say where it is the way the snippet would.
            return format!(
                "{}: {}\n --> {}:{}:{}\n{hint}",
                painted(&format!("{}[{}]", self.label(), self.code), self.severity),
                self.message,
                self.file,
                self.line,
                self.column
            );
        }
        // The hint in the same words as in every other format (提示：), under the snippet.
        let renderer = if in_colour { Renderer::styled() } else { Renderer::plain() };
        let mut out = renderer.render(&[title.element(place)]);
        out.push('\n');
        out.push_str(&hint);
        out
    }

    fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// The token a finding points at: up to the end of the value in a flow collection (`,` `}`
/// `]`), the `:` after a key, or a comment.
fn token(rest: &str) -> &str {
    let ends = [", ", ",", "}", "]", ": ", " #"];
    let end = ends.iter().filter_map(|e| rest.find(e)).min().unwrap_or(rest.len());
    let end = if rest.ends_with(':') && end == rest.len() { end - 1 } else { end };
    rest[..end].trim_end()
}

/// The name closest to `wrong` among `known`, when it is close enough to be a likely typo.
pub fn nearest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong: Vec<char> = wrong.chars().collect();
    known
        .into_iter()
        .map(|k| (edit_distance(&wrong, &k.chars().collect::<Vec<_>>()), k))
        .filter(|(d, k)| *d > 0 && *d <= (k.chars().count().max(wrong.len()) / 2).max(1))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// "是否应为「县水利局」？" for the nearest known name, if any.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(wrong, known).map(|k| format!("是否应为「{k}」？"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["县水利局", "县财政局", "县发改局"];
        assert_eq!(nearest("县水力局", known), Some("县水利局"));
        assert_eq!(nearest("市场监管总局", known), None);
        assert_eq!(nearest("lead_unti", ["lead_unit", "leaders"]), Some("lead_unit"));
    }

    #[test]
    fn carets_cover_one_token() {
        assert_eq!(token("abc, started: true }"), "abc");
        assert_eq!(token("lead_unti: 甲局"), "lead_unti");
        assert_eq!(token("entries:"), "entries");
        assert_eq!(token("县水利局 # 注释"), "县水利局");
        assert_eq!(token("由县水利局负责，于8月31日前完成"), "由县水利局负责，于8月31日前完成");
    }

    #[test]
    fn renders_a_caret_under_the_value() {
        let d = Diagnostic::error("E0301", "projects/A.yaml", (2, 12), "未知的责任单位「县水力局」")
            .with_hint(Some("是否应为「县水利局」？".into()));
        let text = d.render(Some("id: A\nlead_unit: 县水力局\n"));
        assert_eq!(
            text,
            "错误[E0301]: 未知的责任单位「县水力局」\n --> projects/A.yaml:2:12\n  |\n2 | lead_unit: 县水力局\n  |            ^^^^^^^^\n  = 提示：是否应为「县水利局」？\n"
        );
        let unread = Diagnostic::error("E0004", "a.yaml", (3, 1), "文件不是 UTF-8 编码").render(None);
        assert_eq!(unread, "错误[E0004]: 文件不是 UTF-8 编码\n --> a.yaml:3:1\n");
        let amount = Diagnostic::error("E0104", "p.yaml", (1, 7), "类型不符").with_width(5);
        assert_eq!(amount.span_in("plan: 9,100 # 万元"), 6..11, "the caret covers 9,100 whole");
        assert!(amount.render(Some("plan: 9,100\n")).contains("1 | plan: 9,100\n  |       ^^^^^\n"));
    }
}
