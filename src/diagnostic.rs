//! Findings about the data: errors and warnings that name `file:line:col`, say what was
//! expected and, where one helps, suggest a fix. Collected as values by `load` and `check`,
//! rendered only at the edge (the command line).

use std::fmt::Write;

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
        }
    }

    pub fn warning(code: &'static str, file: &str, at: (usize, usize), message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, at, message) }
    }

    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A rustc-style report: the message, the location, the line of source with a caret under
    /// the value, and the hint. `source` is the file's text when it could be read.
    pub fn render(&self, source: Option<&str>) -> String {
        let label = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        let mut out = format!("{label}[{}]: {}\n", self.code, self.message);
        let gutter = " ".repeat(self.line.to_string().len());
        let _ = writeln!(out, "{gutter}--> {}:{}:{}", self.file, self.line, self.column);
        if let Some(text) = source.and_then(|s| s.lines().nth(self.line.saturating_sub(1))) {
            let before: String = text.chars().take(self.column.saturating_sub(1)).collect();
            let value: String = text.chars().skip(self.column.saturating_sub(1)).collect();
            let width = unicode_width::UnicodeWidthStr::width(token(&value)).max(1);
            let pad = " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_str()));
            let _ = writeln!(out, "{gutter} |\n{} | {text}\n{gutter} | {pad}{}", self.line, "^".repeat(width));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{gutter} = 提示：{hint}");
        }
        out
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
    }
}
