//! 万元 amounts: the one money type of tongbao.
//!
//! `Wan` wraps a `Decimal` so that money never passes through `f64` in arithmetic. YAML numbers
//! are read exactly: integers directly, decimals from their shortest textual form.

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
}

impl Add for Wan {
    type Output = Wan;
    fn add(self, rhs: Wan) -> Wan {
        Wan(self.0 + rhs.0)
    }
}

impl Sub for Wan {
    type Output = Wan;
    fn sub(self, rhs: Wan) -> Wan {
        Wan(self.0 - rhs.0)
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
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(WanVisitor)
    }
}

struct WanVisitor;

impl Visitor<'_> for WanVisitor {
    type Value = Wan;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("以万元计的数字，如 3500 或 1234.5")
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
}
