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

/// A JSON array, one object per finding: the file as the repository sees it (like the
/// github and gitlab formats), where the finding begins and ends (the end column is the one
/// after the last character covered), its severity, code, message and hint (提示), and, when
/// a fix is certain, a machine-applicable `replacement` of that range.
pub fn json(findings: &[Diagnostic], sources: &Sources, data: &Path) -> String {
    let objects: Vec<serde_json::Value> = findings
        .iter()
        .map(|d| {
            let line = sources.file(&d.file).and_then(|f| f.text.lines().nth(d.line.saturating_sub(1)));
            let end_column = line.map_or(d.column + d.width().unwrap_or(1), |text| {
                let span = d.span_in(text);
                text[..span.end].chars().count() + 1
            });
            let mut object = serde_json::json!({
                "file": repository_path(data, &d.file),
                "line": d.line,
                "column": d.column,
                "end_line": d.line,
                "end_column": end_column,
                "severity": d.severity,
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
            });
            if let Some(fix) = d.fix() {
                object["replacement"] = serde_json::json!({ "text": fix, "applicability": "machine-applicable" });
            }
            object
        })
        .collect();
    serde_json::to_string_pretty(&objects).unwrap_or_else(|_| "[]".into()) + "\n"
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
    fn json_has_one_object_per_finding_with_its_range_and_fix() {
        let value: serde_json::Value =
            serde_json::from_str(&json(&[finding()], &Sources::default(), Path::new("data"))).unwrap();
        assert_eq!(
            value,
            serde_json::json!([{
                "file": "data/projects/A.yaml", "line": 5, "column": 12, "end_line": 5, "end_column": 13,
                "severity": "error", "code": "E0301", "message": "未知的单位「甲居」", "hint": "是否应为「甲局」？"
            }])
        );
        let amount =
            Diagnostic::error("E0104", "p.yaml", (1, 7), "类型不符").with_width(5).with_fix(Some("9100".into()));
        let value: serde_json::Value =
            serde_json::from_str(&json(&[amount], &Sources::default(), Path::new("."))).unwrap();
        assert_eq!(value[0]["file"], "p.yaml");
        assert_eq!(value[0]["end_column"], 12);
        assert_eq!(
            value[0]["replacement"],
            serde_json::json!({ "text": "9100", "applicability": "machine-applicable" })
        );
    }
}
