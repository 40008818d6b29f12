//! 万元 amounts: the one money type of tongbao.
//!
//! `Wan` wraps a `Decimal` so that money never passes through `f64`: a YAML amount is read
//! from its source text ([`Wan::parse`]), every digit kept, and the arithmetic never panics
//! (it saturates; `check` bounds every amount to [`Wan::LIMIT`], far below where that could
//! happen: a sum of a million projects at the limit is 10¹⁴, Decimal's range is 7.9 × 10²⁸).

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};
use std::str::FromStr;

/// An amount of money in 万元 (ten thousand yuan), exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Wan(pub Decimal);

impl Wan {
    pub const ZERO: Wan = Wan(Decimal::ZERO);

    pub fn new(value: Decimal) -> Self {
        Wan(value)
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// The largest amount a project can hold: 10⁸ 万元 (1 万亿元). `check` refuses more.
    pub const LIMIT: Wan = Wan(Decimal::from_parts(100_000_000, 0, 0, false, 0));

    /// The smallest amount above zero: 1 元 (0.0001 万元).
    pub const ONE_YUAN: Wan = Wan(Decimal::from_parts(1, 0, 0, false, 4));

    /// The amount a clerk meant by text that is not one (`9,100` → `9100`, `1.15亿` →
    /// `11500`, `3500万元` → `3500`, `35000000元` → `3500`, full-width digits), when certain.
    pub fn suggest(text: &str) -> Option<String> {
        let half: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                '，' => ',',
                c => c,
            })
            .collect();
        let (number, scale) = if let Some(n) = half.strip_suffix("亿元").or_else(|| half.strip_suffix('亿')) {
            (n, Decimal::from(10_000))
        } else if let Some(n) = half.strip_suffix("万元").or_else(|| half.strip_suffix('万')) {
            (n, Decimal::ONE)
        } else if let Some(n) = half.strip_suffix('元') {
            (n, Decimal::new(1, 4))
        } else {
            (half.as_str(), Decimal::ONE)
        };
        let number = number.trim();
        // Thousands separators only where they stand every three digits.
        let (whole, fraction) = number.split_once('.').map_or((number, None), |(w, f)| (w, Some(f)));
        let groups: Vec<&str> = whole.split(',').collect();
        let grouped = groups.len() == 1
            || groups[0].len() <= 3 && !groups[0].is_empty() && groups[1..].iter().all(|g| g.len() == 3);
        if !grouped {
            return None;
        }
        let plain = groups.concat() + &fraction.map(|f| format!(".{f}")).unwrap_or_default();
        let value = Wan::parse(&plain).ok()?;
        let suggestion = Wan(value.0.checked_mul(scale)?).to_string();
        (suggestion != text).then_some(suggestion)
    }

    /// An amount as written in a YAML file (`3500`, `-12.5`, `1.2e4`), exactly, every digit
    /// kept: never through f64. The error names the text in 「」 and begins with its code.
    pub fn parse(text: &str) -> Result<Wan, String> {
        let not_a_number = || format!("[E0104]类型不符：应为以万元计的数字，如 3500 或 1234.5，实际是「{text}」");
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i64>().map_err(|_| not_a_number())?),
            None => (text, 0),
        };
        let (negative, unsigned) = match mantissa.as_bytes().first() {
            Some(b'-') => (true, &mantissa[1..]),
            Some(b'+') => (false, &mantissa[1..]),
            _ => (false, mantissa),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && fraction.is_empty() || !digits_only(whole) || !digits_only(fraction) {
            return Err(not_a_number());
        }
        // The value is `digits` × 10^`power`, `digits` without leading or trailing zeros.
        let all = format!("{whole}{fraction}");
        let significant = all.trim_start_matches('0');
        let digits = significant.trim_end_matches('0');
        if digits.is_empty() {
            return Ok(Wan::ZERO);
        }
        let trailing = (significant.len() - digits.len()) as i64;
        let power = exponent.saturating_sub(fraction.len() as i64).saturating_add(trailing);
        // The value has `magnitude` digits before the decimal point (≤ 0 for a fraction).
        let magnitude = (digits.len() as i64).saturating_add(power);
        if magnitude > 20 {
            return Err(format!("[E0412]金额「{text}」超出上限：一个项目的金额不超过 1 亿万元（1 万亿元）"));
        }
        if magnitude <= -4 {
            return Err(format!("[E0413]金额「{text}」不足 1 元：金额以万元为单位，最小为 0.0001（1 元）"));
        }
        let plain = if power >= 0 {
            format!("{digits}{}", "0".repeat(power as usize))
        } else if magnitude > 0 {
            let (int, frac) = digits.split_at(magnitude as usize);
            format!("{int}.{frac}")
        } else {
            format!("0.{}{digits}", "0".repeat(magnitude.unsigned_abs() as usize))
        };
        let value = Decimal::from_str_exact(&plain)
            .map_err(|_| format!("[E0407]金额「{text}」的小数位数太多：万元最多精确到 4 位小数（1 元）"))?;
        Ok(Wan(if negative { -value } else { value }))
    }
}

impl Add for Wan {
    type Output = Wan;
    fn add(self, rhs: Wan) -> Wan {
        Wan(self.0.saturating_add(rhs.0))
    }
}

impl Sub for Wan {
    type Output = Wan;
    fn sub(self, rhs: Wan) -> Wan {
        Wan(self.0.saturating_sub(rhs.0))
    }
}

impl Sum for Wan {
    fn sum<I: Iterator<Item = Wan>>(iter: I) -> Wan {
        iter.fold(Wan::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Wan> for Wan {
    fn sum<I: Iterator<Item = &'a Wan>>(iter: I) -> Wan {
        iter.copied().sum()
    }
}

impl FromStr for Wan {
    type Err = rust_decimal::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::from_str(s).map(Wan)
    }
}

impl fmt::Display for Wan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

impl Serialize for Wan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Wan {
    /// From the source text where the format gives it (YAML gives every scalar's), else from
    /// the number the format read.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(WanVisitor)
    }
}

struct WanVisitor;

impl Visitor<'_> for WanVisitor {
    type Value = Wan;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("以万元计的数字，如 3500 或 1234.5")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Wan, E> {
        Wan::parse(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Wan, E> {
        Ok(Wan(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Wan, E> {
        Ok(Wan(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Wan, E> {
        // Rust prints the shortest text that reads back as the same f64, which for amounts of
        // up to 15 significant digits is exactly what the YAML file says.
        if !v.is_finite() {
            return Err(E::custom("金额必须是有限的数字"));
        }
        Decimal::from_str(&v.to_string())
            .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
            .map(Wan)
            .map_err(|_| E::custom("金额超出可表示的范围"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        let w: Wan = serde_yaml::from_str("1234.5678").unwrap();
        assert_eq!(w, Wan::from_str("1234.5678").unwrap());
        let sum: Wan = [0.1, 0.2].iter().map(|v| serde_yaml::from_str::<Wan>(&v.to_string()).unwrap()).sum();
        assert_eq!(sum.to_string(), "0.3");
    }

    #[test]
    fn amounts_are_read_from_their_text_with_every_digit() {
        let read = |t: &str| Wan::parse(t).map(|w| w.to_string());
        assert_eq!(read("3500"), Ok("3500".into()));
        assert_eq!(read("-12.50"), Ok("-12.5".into()));
        assert_eq!(read("+0.0001"), Ok("0.0001".into()));
        assert_eq!(read("1.2e4"), Ok("12000".into()));
        assert_eq!(read("125E-2"), Ok("1.25".into()));
        assert_eq!(read("0"), Ok("0".into()));
        assert_eq!(read("0.000e-40"), Ok("0".into()));
        assert_eq!(read("1234.5678901234567"), Ok("1234.5678901234567".into()));
        assert_eq!(read("99999999.9999999999"), Ok("99999999.9999999999".into()));
        assert_eq!(read("7e19"), Ok("70000000000000000000".into()));
        assert!(read("7e28").unwrap_err().starts_with("[E0412]金额「7e28」超出上限"));
        assert!(read("99999999999999999999999").unwrap_err().starts_with("[E0412]"));
        assert!(read("1e-30").unwrap_err().starts_with("[E0413]金额「1e-30」不足 1 元"));
        assert!(read("0.00001").unwrap_err().starts_with("[E0413]"));
        assert!(read("0.1234567890123456789012345678901").unwrap_err().starts_with("[E0407]"));
        for bad in ["9,100", "1.15亿", "true", "", "-", ".", "1e", "e5", "1.2.3", "0x10", "1_000", ".inf"] {
            assert!(read(bad).unwrap_err().starts_with("[E0104]"), "{bad}");
        }
        for (slip, meant) in
            [("9,100", "9100"), ("1.15亿", "11500"), ("3500万元", "3500"), ("35000000元", "3500"), ("１２３４", "1234")]
        {
            assert_eq!(Wan::suggest(slip).as_deref(), Some(meant), "{slip}");
        }
        for unclear in ["91,00", "abc", "1.2.3", "3500"] {
            assert_eq!(Wan::suggest(unclear), None, "{unclear}");
        }
        // Saturating, not panicking, beyond Decimal's range.
        assert_eq!(Wan(Decimal::MAX) + Wan(Decimal::ONE), Wan(Decimal::MAX));
    }
}
