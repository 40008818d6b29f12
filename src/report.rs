//! How findings are shown: rustc-style snippets for people, JSON for tools, and GitHub
//! workflow commands that annotate the lines of a pull request.

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Sources;
use std::path::Path;

/// The output formats of `tongbao check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// 带源码片段的中文报告
    Human,
    /// JSON 数组，每条发现一个对象
    Json,
    /// GitHub Actions 的 ::error / ::warning 注释
    Github,
    /// GitLab 代码质量报告（Code Quality JSON）
    Gitlab,
}

/// Every finding with its line of source, then a count.
pub fn human(findings: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in findings {
        out.push_str(&d.render(sources.file(&d.file).map(|f| f.text.as_str())));
        out.push('\n');
    }
    let errors = findings.iter().filter(|d| d.is_error()).count();
    let warnings = findings.len() - errors;
    if errors > 0 {
        out.push_str(&format!("发现 {errors} 个错误、{warnings} 个警告。\n"));
    }
    out
}

/// A JSON array of {file, line, column, severity, code, message, hint}.
pub fn json(findings: &[Diagnostic]) -> String {
    let mut text = serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// One `::error file=…,line=…,col=…,title=…::message` line per finding; `data` is the data
/// folder as the repository sees it, so that the annotations land on the right files.
pub fn github(findings: &[Diagnostic], data: &Path) -> String {
    findings
        .iter()
        .map(|d| {
            let level = if d.severity == Severity::Error { "error" } else { "warning" };
            let file = repository_path(data, &d.file);
            let mut message = d.message.clone();
            if let Some(hint) = &d.hint {
                message.push_str("\n提示：");
                message.push_str(hint);
            }
            format!(
                "::{level} file={},line={},col={},title={}::{}\n",
                property(&file),
                d.line,
                d.column,
                property(d.code),
                data_text(&message)
            )
        })
        .collect()
}

/// A GitLab Code Quality report: a JSON array of issues with a stable fingerprint each.
pub fn gitlab(findings: &[Diagnostic], data: &Path) -> String {
    let issues: Vec<serde_json::Value> = findings
        .iter()
        .map(|d| {
            let path = repository_path(data, &d.file);
            let description = match &d.hint {
                Some(h) => format!("{} {}（提示：{h}）", d.code, d.message),
                None => format!("{} {}", d.code, d.message),
            };
            serde_json::json!({
                "description": description,
                "check_name": d.code,
                "fingerprint": format!("{:016x}", fnv1a(&format!("{}|{}|{}|{}", d.code, path, d.line, d.message))),
                "severity": if d.severity == Severity::Error { "major" } else { "minor" },
                "location": { "path": path, "lines": { "begin": d.line } }
            })
        })
        .collect();
    serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into()) + "\n"
}

/// 64-bit FNV-1a: a stable fingerprint without a hashing dependency.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A finding's file as the repository sees it: the data folder joined with the file.
fn repository_path(data: &Path, file: &str) -> String {
    let prefix = data.to_string_lossy().replace('\\', "/");
    let prefix = prefix.trim_end_matches('/');
    if prefix.is_empty() || prefix == "." { file.to_string() } else { format!("{prefix}/{file}") }
}

fn data_text(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data_text(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding() -> Diagnostic {
        Diagnostic::error("E0301", "projects/A.yaml", (5, 12), "未知的单位「甲居」")
            .with_hint(Some("是否应为「甲局」？".into()))
    }

    #[test]
    fn github_annotations_escape_their_fields() {
        assert_eq!(
            github(&[finding()], Path::new("data/")),
            "::error file=data/projects/A.yaml,line=5,col=12,title=E0301::未知的单位「甲居」%0A提示：是否应为「甲局」？\n"
        );
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn gitlab_code_quality_issues() {
        let value: serde_json::Value = serde_json::from_str(&gitlab(&[finding()], Path::new("data"))).unwrap();
        assert_eq!(value[0]["check_name"], "E0301");
        assert_eq!(value[0]["severity"], "major");
        assert_eq!(
            value[0]["location"],
            serde_json::json!({ "path": "data/projects/A.yaml", "lines": { "begin": 5 } })
        );
        assert_eq!(value[0]["description"], "E0301 未知的单位「甲居」（提示：是否应为「甲局」？）");
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn json_has_one_object_per_finding() {
        let value: serde_json::Value = serde_json::from_str(&json(&[finding()])).unwrap();
        assert_eq!(
            value,
            serde_json::json!([{
                "file": "projects/A.yaml", "line": 5, "column": 12, "severity": "error",
                "code": "E0301", "message": "未知的单位「甲居」", "hint": "是否应为「甲局」？"
            }])
        );
    }
}
