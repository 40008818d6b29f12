//! Ratios and percentage points: unrounded fractions in, one half-up rounding at the edge.
//! Checked: a ratio past Decimal's range is `None` (shown as "—"), never a panic; data that
//! passes `check` cannot get there (amounts ≤ 10⁸ 万元, a plan 0 or ≥ 1 万元).

use rust_decimal::{Decimal, RoundingStrategy};

/// `part ÷ whole` as an unrounded fraction; `None` when `whole` is zero (shown as "—").
pub fn ratio(part: Decimal, whole: Decimal) -> Option<Decimal> {
    part.checked_div(whole)
}

/// Rounds half away from zero (四舍五入) to `dp` decimals.
pub fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// A fraction as a percentage rounded for display: 0.80729 → 80.7 with `dp` = 1.
pub fn percent(fraction: Decimal, dp: u32) -> Decimal {
    round_half_up(fraction.saturating_mul(Decimal::ONE_HUNDRED), dp)
}

/// 偏差 in 个百分点: the displayed rate minus the displayed 序时进度, so that a reader with a
/// calculator gets the printed number.
pub fn deviation_pp(rate: Decimal, time_progress: Decimal, dp: u32) -> Decimal {
    percent(rate, dp).saturating_sub(percent(time_progress, dp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rounds_half_up_once() {
        assert_eq!(percent(d("0.80725"), 1), d("80.7"));
        assert_eq!(percent(d("0.80750"), 1), d("80.8"));
        assert_eq!(ratio(d("1"), Decimal::ZERO), None);
        // 10/12 = 83.333…% → 83.3; 80.75% → 80.8; deviation = 80.8 − 83.3 = −2.5
        assert_eq!(deviation_pp(d("0.8075"), d("10") / d("12"), 1), d("-2.5"));
    }
}
