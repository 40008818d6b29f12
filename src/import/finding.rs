//! What `tongbao import` finds wrong in a workbook: like `check`'s findings, with a code, a
//! message that quotes the cell's text and a hint, but placed at a cell
//! (`县经信局.xlsx!填报!F12`) instead of a line and column.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// `file.xlsx!Sheet!D12`, or the file alone.
    pub place: String,
    pub error: bool,
    /// A stable code (`E0605`), listed in docs/诊断代码.md.
    pub code: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl Finding {
    pub fn error(code: &'static str, place: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding { place: place.into(), error: true, code, message: message.into(), hint: None }
    }

    pub fn warning(code: &'static str, place: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding { error: false, ..Finding::error(code, place, message) }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Finding {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = if self.error { "错误" } else { "警告" };
        writeln!(f, "{level}[{}]: {}", self.code, self.message)?;
        writeln!(f, " --> {}", self.place)?;
        if let Some(hint) = &self.hint {
            writeln!(f, "  = 提示：{hint}")?;
        }
        Ok(())
    }
}

/// The findings one after another, and a count of each kind.
pub fn render(findings: &[Finding]) -> String {
    let mut out: String = findings.iter().map(|f| format!("{f}\n")).collect();
    let errors = findings.iter().filter(|f| f.error).count();
    out.push_str(&format!("发现 {errors} 个错误、{} 个警告。\n", findings.len() - errors));
    out
}
