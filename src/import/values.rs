//! A cell's value as what the data holds: an amount in 万元 (a number, or text such as
//! `5,000` or `5000万元`; never 元), and 是否开工 (是/否/已开工/未开工…). Each refusal quotes the
//! cell's text and says what to write.

use super::finding::Finding;
use super::workbook::Value;
use crate::model::Wan;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

/// The amount in `value` (cell `place`, a `what` column), in 万元; `None` for an empty cell.
pub fn amount(value: &Value, place: &str, what: &str) -> Result<Option<Wan>, Finding> {
    let text = value.text();
    let wrong = |message: String, hint: String| Finding::error("E0605", place, message).hint(hint);
    let parsed = match value {
        Value::Empty => return Ok(None),
        Value::Text(_) if text.is_empty() => return Ok(None),
        // What Excel holds as a float, to 元 (4 decimals of 万元): 1234.5 stays 1234.5, not
        // 1234.4999999999.
        Value::Number(n) => Decimal::from_f64(*n).map(|d| Wan::new(d.round_dp(4).normalize())),
        // Text that certainly means an amount (`9,100`, `5000万元`, `1.15亿`) is read as it.
        Value::Text(t) => {
            let t = t.trim();
            if t.ends_with('元') && !t.ends_with("万元") {
                let meant = Wan::suggest(t).map_or(String::new(), |w| format!("，即 {w}"));
                return Err(Finding::error("E0606", place, format!("{what}写的是元：“{text}”"))
                    .hint(format!("数据以万元为单位：把元数除以 10000{meant}")));
            }
            Wan::parse(t).ok().or_else(|| Wan::suggest(t)?.parse().ok())
        }
    };
    let amount = parsed.ok_or_else(|| {
        wrong(format!("{what}不是数字：“{text}”"), "填万元数，如 5200 或 5200.5；不要写文字或说明".into())
    })?;
    if amount.decimal().is_sign_negative() {
        return Err(wrong(format!("{what}是负数：“{text}”"), "累计完成投资不能为负".into()));
    }
    if amount.decimal() > Wan::LIMIT.decimal() {
        return Err(Finding::error("E0606", place, format!("{what}大得不像万元：“{text}”"))
            .hint("这像是按元填写的：把元数除以 10000"));
    }
    Ok(Some(amount))
}

/// 是否开工 in `value` (cell `place`); `None` for an empty cell.
pub fn started(value: &Value, place: &str) -> Result<Option<bool>, Finding> {
    let text = value.text();
    let t = super::columns::normalize(&text);
    match t.as_str() {
        "" => Ok(None),
        "是" | "已开工" | "已开复工" | "已开(复)工" | "已开（复）工" | "开工" | "已复工" | "√" | "1" => {
            Ok(Some(true))
        }
        "否" | "未开工" | "未开复工" | "未开（复）工" | "未开" | "×" | "0" => Ok(Some(false)),
        _ => Err(Finding::error("E0608", place, format!("是否开工看不懂：“{text}”"))
            .hint("填“是”或“否”（也认“已开工”“未开工”）")),
    }
}
