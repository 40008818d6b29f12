//! Reading one file into a typed value: text checks (UTF-8, BOM), YAML syntax, then the typed
//! pass, with serde's messages turned into Chinese findings at the right line and column.

use crate::diagnostic::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;

/// Reads a file's bytes as UTF-8 text, or says where the first bad byte is.
pub fn text(rel: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) if text.starts_with('\u{feff}') => {
            Err(Diagnostic::error("E0005", rel, (1, 1), "文件以 BOM（字节顺序标记）开头")
                .with_hint(Some("请以不带 BOM 的 UTF-8 保存（记事本：另存为 → 编码选“UTF-8”）".into())))
        }
        Ok(text) => Ok(text),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = String::from_utf8_lossy(good);
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(Diagnostic::error("E0004", rel, (line, column), "文件不是 UTF-8 编码")
                .with_hint(Some("请以 UTF-8 编码保存；GBK/GB2312 文件可用编辑器“转换编码”后再提交".into())))
        }
    }
}

/// Splits a Markdown file into its YAML front matter (from line 2) and its body.
pub fn front_matter<'a>(rel: &str, text: &'a str) -> Result<(&'a str, &'a str), Diagnostic> {
    let missing = || {
        Diagnostic::error("E0006", rel, (1, 1), "Markdown 文件缺少 YAML 头部").with_hint(Some(
            "文件应以一行 --- 开头，写完各字段（会议纪要为 title、kind、date 等）后再以一行 --- 结束".into(),
        ))
    };
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")).ok_or_else(missing)?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Ok((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    Err(missing())
}

/// The deepest nesting of brackets a data file may have: the data model needs 3.
pub const MAX_NESTING: usize = 32;

/// Refuses YAML whose flow collections (`[…]`, `{…}`) nest deeper than [`MAX_NESTING`], in one
/// pass over the text, before the parser sees it (100,000 `[` took it seconds and hundreds of
/// MB). A bracket opens a level only where a value begins (after `: `, `- `, `[`, `{`, `,` or
/// at the start of a line), not inside quotes, comments or plain text (`一期[二]`).
pub fn nesting(rel: &str, yaml: &str, first_line: usize) -> Result<(), Diagnostic> {
    // Bytes, not characters: every mark looked for is ASCII, and no byte of a multi-byte
    // character is one. The column is counted only for a finding.
    let (mut depth, mut line, mut line_start) = (0usize, first_line, 0usize);
    let mut at_value = true;
    let mut quote: Option<u8> = None;
    let mut comment = false;
    // Whether the bracket just read opened a level.
    let mut opened = false;
    let mut previous = b'\n';
    for (i, &c) in yaml.as_bytes().iter().enumerate() {
        if c == b'\n' {
            (line, line_start, at_value, comment) = (line + 1, i + 1, true, false);
            previous = c;
            continue;
        }
        if comment {
            continue;
        }
        match quote {
            Some(q) => {
                if c == q && previous != b'\\' {
                    quote = None;
                }
            }
            None => match c {
                b'#' if previous.is_ascii_whitespace() => comment = true,
                b'\'' | b'"' if at_value => quote = Some(c),
                b'[' | b'{' if at_value => {
                    opened = true;
                    depth += 1;
                    if depth > MAX_NESTING {
                        let column = yaml[line_start..i].chars().count() + 1;
                        return Err(Diagnostic::error(
                            "E0108",
                            rel,
                            (line, column),
                            format!("括号嵌套超过 {MAX_NESTING} 层"),
                        )
                        .with_hint(Some("数据文件用不到这么深的 [ ] 或 { }；检查是否多写了括号".into())));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        at_value = match c {
            b'[' | b'{' => std::mem::take(&mut opened),
            b',' => quote.is_none() && depth > 0,
            b' ' | b'\t' => at_value || matches!(previous, b':' | b'-') && quote.is_none(),
            _ => false,
        };
        previous = c;
    }
    Ok(())
}

/// How many bad values of one file are read past, as rustc reads past an error: each is
/// reported, and the file is read on with the value replaced.
const MAX_READ_PAST: usize = 50;

/// Parses `yaml` (which starts at line `first_line` of the file) into `T`, reading past bad
/// amounts and dates (`9,100`, `2025/03/01`) so that every finding of the file is reported
/// in one run: each is put in `found`, and the value is read as what it surely meant (the fix
/// of the finding) or as a neutral value, so that the record still exists for the checks
/// (which then find, say, the misspelt unit the bad date would have hidden). `Err` when the
/// file cannot be read past its error.
pub fn yaml<T: DeserializeOwned>(
    rel: &str,
    yaml: &str,
    first_line: usize,
    found: &mut Vec<Diagnostic>,
) -> Result<T, Diagnostic> {
    let mut text = std::borrow::Cow::Borrowed(yaml);
    loop {
        let error = match serde_yaml::from_str::<T>(&text) {
            Ok(value) => return Ok(value),
            Err(typed) => first_finding(rel, &text, &typed, first_line),
        };
        match read_past(&text, &error, first_line).filter(|_| found.len() < MAX_READ_PAST) {
            Some(patched) => {
                found.push(error);
                text = std::borrow::Cow::Owned(patched);
            }
            None => return Err(error),
        }
    }
}

/// The finding of a failed typed pass. An untyped pass tells a real syntax error, which must
/// be reported as such, from a typed one; a number too large for the untyped pass
/// (`99999999999999999999999`) is no syntax error: the typed pass, which reads amounts from
/// their text, tells what is wrong with it.
fn first_finding(rel: &str, yaml: &str, typed: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Err(syntax) if !syntax.to_string().contains("invalid type: integer") => {
            finding(rel, yaml, &syntax, first_line, true)
        }
        _ => finding(rel, yaml, typed, first_line, false),
    }
}

/// `yaml` read past the finding `d`: what it covers replaced by its fix or stand-in (a bad
/// amount or date; a misspelt key by the nearest known one), or a misspelt key with no near
/// one removed with its value, when it stands alone on its line. `None` when the finding
/// cannot be read past.
fn read_past(yaml: &str, d: &Diagnostic, first_line: usize) -> Option<String> {
    let width = d.width()?;
    let line_start: usize = yaml.split_inclusive('\n').take(d.line.checked_sub(first_line)?).map(str::len).sum();
    let line = yaml[line_start..].split('\n').next()?;
    let start = line_start + line.char_indices().nth(d.column.checked_sub(1)?)?.0;
    let end = start + yaml[start..].char_indices().nth(width).map_or(yaml.len() - start, |(i, _)| i);
    // Every line and column after it must stay where it was: the findings still to come are
    // placed by it. So a shorter stand-in is padded with spaces, and a removed key leaves
    // empty lines.
    if let Some(replacement) = d.stand_in() {
        let pad = " ".repeat(yaml[start..end].chars().count().saturating_sub(replacement.chars().count()));
        let replaced = format!("{replacement}{pad}");
        return (replaced != yaml[start..end]).then(|| format!("{}{replaced}{}", &yaml[..start], &yaml[end..]));
    }
    if d.code != "E0102" || !yaml[line_start..start].trim().is_empty() {
        return None;
    }
    // The key's line and the lines under it, indented deeper.
    let indent = start - line_start;
    let mut block_end = (line_start + line.len() + 1).min(yaml.len());
    for next in yaml[block_end..].split_inclusive('\n') {
        let deeper = next.len() - next.trim_start().len() > indent || next.trim().is_empty();
        if !deeper {
            break;
        }
        block_end += next.len();
    }
    let removed = "\n".repeat(yaml[line_start..block_end].matches('\n').count());
    Some(format!("{}{removed}{}", &yaml[..line_start], &yaml[block_end..]))
}

/// The position of the first `key:` in `yaml` at or after line `from` (0-based) that is a
/// whole key (not the end of `monthly_plan:` when looking for `plan:`).
fn find_key_from(yaml: &str, from: usize, key: &str, first_line: usize) -> Option<(usize, usize)> {
    let needle = format!("{key}:");
    yaml.lines().enumerate().skip(from).find_map(|(i, line)| {
        line.match_indices(&needle)
            .find(|(byte, _)| line[..*byte].chars().last().is_none_or(|c| matches!(c, ' ' | '{' | ',' | '-')))
            .map(|(byte, _)| (i + first_line, line[..byte].chars().count() + 1))
    })
}

/// The position of the first `needle` in `yaml` at or after line `from` (0-based), as a file
/// position; `None` when it does not occur there.
fn find_from(yaml: &str, from: usize, needle: &str, first_line: usize) -> Option<(usize, usize)> {
    yaml.lines()
        .enumerate()
        .skip(from)
        .find_map(|(i, line)| line.find(needle).map(|byte| (i + first_line, line[..byte].chars().count() + 1)))
}

fn finding(rel: &str, yaml: &str, e: &serde_yaml::Error, first_line: usize, syntax: bool) -> Diagnostic {
    let at = e.location().map_or((first_line, 1), |l| (l.line() + first_line - 1, l.column()));
    let line_index = at.0 - first_line;
    let full = e.to_string();
    let text = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
    // serde_yaml prefixes nested errors with their path: "years.2026: missing field `plan`".
    let (field_path, msg) = match text.split_once(": ") {
        Some((p, m)) if !p.contains(' ') && !syntax => (Some(p), m),
        _ => (None, text),
    };
    let place = field_path.map(|p| format!("（位于 {p}）")).unwrap_or_default();
    // The key is quoted when it is a string ("plan") and bare when it is a number (2026).
    let duplicate = text.split("duplicate entry with key ").nth(1).map(|k| k.trim_matches(['"', '`']));
    if let Some(key) = duplicate {
        // libyaml points at the mapping; the finding belongs on the second of the two keys.
        let key_at = |from: usize| find_key_from(yaml, from, key, first_line);
        let second = key_at(line_index).and_then(|(line, _)| key_at(line + 1 - first_line)).unwrap_or(at);
        let place = text.split_once(": duplicate").map(|(p, _)| format!("（位于 {p}）")).unwrap_or_default();
        return Diagnostic::error("E0107", rel, second, format!("重复的键「{key}」{place}"))
            .with_hint(Some("同一层级的每个键只能出现一次；删去多余的一行".into()));
    }
    if syntax {
        return Diagnostic::error("E0101", rel, at, format!("YAML 语法错误：{}", syntax_in_chinese(msg)))
            .with_hint(Some(format!("解析器原文：{msg}。检查缩进（只用空格）、冒号后的空格和引号是否成对")));
    }
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(expected);
        let nearest = crate::diagnostic::nearest(field, known.iter().map(String::as_str)).map(str::to_string);
        let hint = did_you_mean(field, known.iter().map(String::as_str))
            .or_else(|| (!known.is_empty()).then(|| format!("可用的键：{}", known.join("、"))));
        // Read on with the nearest key in its place (or without it): a misspelt key hides
        // nothing else of the file.
        let covers = yaml.lines().nth(line_index).is_some_and(|l| {
            l.chars().skip(at.1.saturating_sub(1)).collect::<String>().starts_with(&format!("{field}:"))
        });
        // Not the nearest key where the mapping has it already (that would make it twice).
        let line = yaml.lines().nth(line_index).unwrap_or("");
        let lead: String = line.chars().take(at.1.saturating_sub(1)).collect();
        let taken = |key: &String| {
            let own = format!("{lead}{key}:");
            line.contains(&format!(" {key}:")) || yaml.lines().any(|l| l.starts_with(&own))
        };
        let nearest = nearest.filter(|key| !taken(key));
        let d = Diagnostic::error("E0102", rel, at, format!("未知的键「{field}」{place}")).with_hint(hint);
        return if covers { d.with_width(field.chars().count()).with_stand_in(nearest) } else { d };
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error("E0103", rel, at, format!("缺少必填字段「{field}」{place}"))
            .with_hint(Some(format!("请补上 {field}: …，字段说明见 docs/数据格式.md")));
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let (value, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known = backticked(expected);
        return Diagnostic::error("E0105", rel, at, format!("不允许的取值「{value}」{place}"))
            .with_hint(Some(format!("可选的值：{}", known.join("、"))));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Diagnostic::error(
            "E0104",
            rel,
            at,
            format!("类型不符{place}：应为{}，实际是{}", kind_in_chinese(expected), kind_in_chinese(found)),
        );
    }
    // A custom error (a date, a month, an amount) is placed at its mapping; the value itself is
    // named in 「…」 in the message, so look for it from there.
    let bad_value = msg.split('「').nth(1).and_then(|v| v.split('」').next());
    let found = bad_value.and_then(|v| find_from(yaml, line_index, v, first_line));
    let at = found.unwrap_or(at);
    // The caret covers the value whole (`9,100`, not its first digit), when it was found.
    let width = |d: Diagnostic| match (found, bad_value) {
        (Some(_), Some(v)) => d.with_width(v.chars().count()),
        _ => d,
    };
    if let Some((code, message)) = coded(msg) {
        let fix = bad_value.and_then(crate::model::Wan::suggest);
        let hint = match &fix {
            Some(fix) => format!("是否应为 {fix}？{}", amount_hint(code)),
            None => amount_hint(code).to_string(),
        };
        let d = Diagnostic::error(code, rel, at, format!("{message}{place}")).with_hint(Some(hint)).with_fix(fix);
        return width(d.with_stand_in(Some("0".into())));
    }
    let fix = bad_value.and_then(crate::model::Date::suggest);
    let hint = fix.as_ref().map(|f| format!("是否应为 {f}？日期一律写作 YYYY-MM-DD"));
    let stand_in = bad_value.and_then(crate::model::Date::nearest_valid);
    let d = Diagnostic::error("E0106", rel, at, format!("取值无效{place}：{}", kind_in_chinese(msg)));
    width(d.with_hint(hint).with_fix(fix).with_stand_in(stand_in))
}

/// The codes a custom error may begin with (`[E0412]金额…`, see [`crate::model::Wan::parse`]).
const CODED: [&str; 4] = ["E0104", "E0407", "E0412", "E0413"];

/// A custom error's code and message, when it begins with one of [`CODED`].
fn coded(msg: &str) -> Option<(&'static str, &str)> {
    let rest = msg.strip_prefix('[')?;
    let (code, message) = rest.split_once(']')?;
    CODED.iter().find(|c| **c == code).map(|c| (*c, message))
}

/// The hint of an amount's error, by its code.
fn amount_hint(code: &str) -> &'static str {
    match code {
        "E0412" => "tongbao 的金额以万元为单位；这个数像是按元填写的，请除以 10000",
        "E0413" => "金额以万元为单位，最多精确到 4 位小数（1 元）；没有金额时填 0",
        "E0407" => "金额以万元为单位，最多精确到 4 位小数（1 元）",
        _ => "金额只写数字，不加千位逗号、单位或文字，如 9100 或 1234.5（万元）",
    }
}

fn backticked(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

fn kind_in_chinese(text: &str) -> String {
    let table = [
        ("a sequence", "列表（[a, b] 或以 - 开头的多行）"),
        ("sequence", "列表"),
        ("a map", "映射（键: 值）"),
        ("struct ", "映射（键: 值），即 "),
        ("map", "映射"),
        ("a string", "文本"),
        ("string ", "文本 "),
        ("unit value", "空值"),
        ("a boolean", "true 或 false"),
        ("boolean ", "布尔值 "),
        ("u32", "非负整数"),
        ("i32", "整数"),
        ("usize", "非负整数"),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("invalid value: ", ""),
    ];
    let mut out = text.to_string();
    for (en, zh) in table {
        if out.starts_with(en) || out.contains(&format!(" {en}")) {
            out = out.replacen(en, zh, 1);
        }
    }
    out
}

fn syntax_in_chinese(msg: &str) -> &'static str {
    let table = [
        ("found character that cannot start any token", "此处的字符不能开始一个值（常见原因：用了制表符 Tab 缩进）"),
        ("mapping values are not allowed", "此处不允许出现“键: 值”（常见原因：值里有冒号却没加引号，或缩进错位）"),
        ("did not find expected key", "缩进错位，找不到预期的键"),
        ("did not find expected '-'", "列表项缩进错位"),
        ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
        ("did not find expected ',' or ']'", "方括号列表没有正确闭合"),
        ("did not find expected ',' or '}'", "花括号映射没有正确闭合"),
        ("found a tab character", "缩进中出现了制表符 Tab，只能用空格"),
        ("could not find expected ':'", "缺少冒号"),
    ];
    table.iter().find(|(en, _)| msg.contains(en)).map_or("无法解析", |(_, zh)| zh)
}
