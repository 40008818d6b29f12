//! Display formatting of figures: 万元 in tables, 亿元/万元 in prose, percentages, 个百分点,
//! the headline sentence. The one place a number becomes text; templates never format numbers.

use crate::figures::ratio::{percent as percent_value, round_half_up};
use crate::figures::{Aggregate, Light};
use crate::model::{Config, Month, Wan};
use rust_decimal::Decimal;

/// Thousands separators for the integer part of a decimal text: "1234567.8" → "1,234,567.8".
fn group_thousands(text: &str) -> String {
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

fn fixed(value: Decimal, dp: u32) -> String {
    let mut v = round_half_up(value, dp);
    v.rescale(dp);
    if v.is_zero() {
        v = v.abs();
    }
    v.to_string()
}

/// Formats figures by the county's configured decimals and thresholds.
#[derive(Debug, Clone)]
pub struct Formatter {
    money_table: u32,
    money_yi: u32,
    percent_dp: u32,
    yi_threshold: Wan,
    measure_word: String,
}

impl Formatter {
    pub fn new(config: &Config) -> Self {
        let r = &config.report;
        Formatter {
            money_table: r.decimals.money_table,
            money_yi: r.decimals.money_yi,
            percent_dp: r.decimals.percent,
            yi_threshold: r.yi_threshold,
            measure_word: r.measure_word.clone(),
        }
    }

    /// 万元 in a table cell: "85,000".
    pub fn money(&self, w: Wan) -> String {
        group_thousands(&fixed(w.0, self.money_table))
    }

    /// Whether rows rounded for a table fail to add up to their rounded total, which calls for
    /// the footnote "部分数据因四舍五入，存在总计与分项合计不等的情况".
    pub fn rounding_differs(&self, parts: impl Iterator<Item = Wan>, total: Wan) -> bool {
        let shown: Decimal = parts.map(|w| round_half_up(w.0, self.money_table)).sum();
        shown != round_half_up(total.0, self.money_table)
    }

    /// Money in prose: "61.47亿元" at or above the threshold, "7272万元" below.
    pub fn money_prose(&self, w: Wan) -> String {
        if w >= self.yi_threshold {
            format!("{}亿元", fixed(w.0 / Decimal::from(10_000), self.money_yi))
        } else {
            format!("{}万元", fixed(w.0, self.money_table))
        }
    }

    /// A fraction as "80.7%", or "—" where it cannot be computed.
    pub fn percent(&self, fraction: Option<Decimal>) -> String {
        fraction
            .map_or_else(|| "—".into(), |f| format!("{}%", fixed(percent_value(f, self.percent_dp), self.percent_dp)))
    }

    /// The number of a percentage for a chart (display only).
    pub fn percent_number(&self, fraction: Decimal) -> Decimal {
        percent_value(fraction, self.percent_dp)
    }

    /// 偏差 in a table: "+3.2", "−2.6", "0.0", or "—".
    pub fn deviation(&self, pp: Option<Decimal>) -> String {
        match pp {
            None => "—".into(),
            Some(d) if d > Decimal::ZERO => format!("+{}", fixed(d, self.percent_dp)),
            Some(d) if d < Decimal::ZERO => format!("−{}", fixed(-d, self.percent_dp)),
            Some(d) => fixed(d, self.percent_dp),
        }
    }

    /// "低于序时进度2.6个百分点" / "高于…" / "与序时进度持平"
    pub fn against_time_progress(&self, pp: Decimal) -> String {
        if pp < Decimal::ZERO {
            format!("低于序时进度{}个百分点", fixed(-pp, self.percent_dp))
        } else if pp > Decimal::ZERO {
            format!("高于序时进度{}个百分点", fixed(pp, self.percent_dp))
        } else {
            "与序时进度持平".into()
        }
    }

    /// "39个"
    pub fn count(&self, n: usize) -> String {
        format!("{n}{}", self.measure_word)
    }

    /// The headline sentence of a period for a set of projects ("全县").
    pub fn headline(&self, scope: &str, a: &Aggregate, period: Month) -> String {
        let months = months_span(period);
        let mut s = format!(
            "{scope}{}重点项目总投资{}，年度计划投资{}，{months}累计完成投资{}",
            self.count(a.count),
            self.money_prose(a.total_investment),
            self.money_prose(a.plan),
            self.money_prose(a.ytd),
        );
        if let (Some(rate), Some(pp)) = (a.rate, a.deviation_pp) {
            s.push_str(&format!("，完成率{}，{}", self.percent(Some(rate)), self.against_time_progress(pp)));
        }
        s.push('。');
        if a.new_starts > 0 {
            s.push_str(&format!(
                "新开工项目{}，已开工{}，开工率{}。",
                self.count(a.new_starts),
                self.count(a.new_started),
                self.percent(a.start_rate)
            ));
        }
        s
    }
}

/// The span of cumulative figures: "1-10月", or "1月" in January.
pub fn months_span(period: Month) -> String {
    if period.month == 1 { "1月".into() } else { format!("1-{}月", period.month) }
}

/// The light's CSS key and label, or empty strings where there is no light.
pub fn light_parts(light: Option<Light>) -> (&'static str, &'static str) {
    light.map_or(("none", ""), |l| (l.key(), l.label()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn w(s: &str) -> Wan {
        Wan::from_str(s).unwrap()
    }

    fn formatter() -> Formatter {
        Formatter { money_table: 0, money_yi: 2, percent_dp: 1, yi_threshold: w("10000"), measure_word: "个".into() }
    }

    #[test]
    fn money_in_tables_and_prose() {
        let f = formatter();
        assert_eq!(f.money(w("1234567.5")), "1,234,568");
        assert_eq!(f.money(w("999")), "999");
        assert_eq!(f.money(w("0")), "0");
        assert_eq!(f.money_prose(w("614712")), "61.47亿元");
        assert_eq!(f.money_prose(w("10000")), "1.00亿元");
        assert_eq!(f.money_prose(w("7272.4")), "7272万元");
    }

    #[test]
    fn rounding_footnote_when_rows_do_not_add_up() {
        let f = formatter();
        assert!(f.rounding_differs([w("0.4"), w("0.4")].into_iter(), w("0.8")));
        assert!(!f.rounding_differs([w("1.4"), w("2")].into_iter(), w("3.4")));
    }

    #[test]
    fn percents_and_points() {
        let f = formatter();
        assert_eq!(f.percent(Some(Decimal::from_str("0.80749").unwrap())), "80.7%");
        assert_eq!(f.percent(None), "—");
        assert_eq!(f.percent(Some(Decimal::ONE)), "100.0%");
        assert_eq!(f.deviation(Some(Decimal::from_str("-2.6").unwrap())), "−2.6");
        assert_eq!(f.deviation(Some(Decimal::ZERO)), "0.0");
        assert_eq!(f.against_time_progress(Decimal::from_str("-2.6").unwrap()), "低于序时进度2.6个百分点");
    }
}
