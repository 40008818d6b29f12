//! Calendar dates (`YYYY-MM-DD`) and reporting months (`YYYY-MM`).
//!
//! Small value types with strict parsing and the little arithmetic the rules need (days between
//! two dates, the previous month). No time zones, no clock: output never depends on today.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date, `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A reporting month, `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

fn parse_number(s: &str, digits: usize) -> Option<u32> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

impl Date {
    /// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's `days_from_civil`.
    pub fn day_number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whole days from `earlier` to `self` (negative when `self` is earlier).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.day_number() - earlier.day_number()
    }

    pub fn month_of(self) -> Month {
        Month { year: self.year, month: self.month }
    }

    /// "2026年8月31日"
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

impl Month {
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { year: self.year, month: self.month - 1 }
        }
    }

    pub fn last_day(self) -> Date {
        Date { year: self.year, month: self.month, day: days_in_month(self.year, self.month) }
    }

    pub fn contains(self, date: Date) -> bool {
        date.year == self.year && date.month == self.month
    }

    /// "2026年10月"
    pub fn chinese(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }
}

impl FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || format!("「{s}」不是有效日期，应写作 YYYY-MM-DD，如 2026-08-31");
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(err());
        };
        let (Some(year), Some(month), Some(day)) = (parse_number(y, 4), parse_number(m, 2), parse_number(d, 2)) else {
            return Err(err());
        };
        let year = year as i32;
        if !(1..=12).contains(&month) {
            return Err(format!("「{s}」不是有效日期：没有{month}月"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!("「{s}」不是有效日期：{year}年{month}月只有{}天", days_in_month(year, month)));
        }
        Ok(Date { year, month, day })
    }
}

impl Date {
    /// For `YYYY-MM-DD` with a day its month does not have (`2026-11-31`), the month's last
    /// day: a stand-in to read the rest of a file with, not a fix.
    pub fn nearest_valid(text: &str) -> Option<String> {
        let (month, day) = text.rsplit_once('-')?;
        let month: Month = month.parse().ok()?;
        (day.len() == 2 && day.bytes().all(|b| b.is_ascii_digit())).then(|| month.last_day().to_string())
    }

    /// The date a clerk meant by text in another form (`2025/03/01`, `2025.3.1`,
    /// `2025年3月1日`), when it reads as one valid date.
    pub fn suggest(text: &str) -> Option<String> {
        let parts: Vec<&str> =
            text.trim().trim_end_matches('日').split(['/', '.', '-', '年', '月']).filter(|p| !p.is_empty()).collect();
        let [y, m, d] = parts[..] else { return None };
        let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        let date = format!("{y:04}-{m:02}-{d:02}").parse::<Date>().ok()?.to_string();
        (date != text).then_some(date)
    }
}

impl FromStr for Month {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let err = || format!("「{s}」不是有效月份，应写作 YYYY-MM，如 2026-10");
        let (Some(y), Some(m)) = (s.get(..4), s.get(5..)) else { return Err(err()) };
        if s.as_bytes().get(4) != Some(&b'-') {
            return Err(err());
        }
        match (parse_number(y, 4), parse_number(m, 2)) {
            (Some(year), Some(month)) if (1..=12).contains(&month) => Ok(Month { year: year as i32, month }),
            _ => Err(err()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

macro_rules! serde_via_str {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(de::Error::custom)
            }
        }
    };
}
serde_via_str!(Date);
serde_via_str!(Month);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects() {
        assert_eq!("2024-02-29".parse::<Date>().unwrap().to_string(), "2024-02-29");
        assert!("2026-02-29".parse::<Date>().is_err());
        assert!("2026-13-01".parse::<Date>().is_err());
        assert!("2026-1-01".parse::<Date>().is_err());
        assert_eq!("2026-10".parse::<Month>().unwrap(), Month { year: 2026, month: 10 });
        assert!("2026-00".parse::<Month>().is_err());
        assert!("2026/10".parse::<Month>().is_err());
    }

    #[test]
    fn day_arithmetic() {
        let a: Date = "2026-03-10".parse().unwrap();
        let b: Date = "2026-10-31".parse().unwrap();
        assert_eq!(b.days_since(a), 235);
        assert_eq!("1970-01-01".parse::<Date>().unwrap().day_number(), 0);
        assert_eq!(Month { year: 2026, month: 1 }.previous(), Month { year: 2025, month: 12 });
        assert_eq!(Month { year: 2026, month: 2 }.last_day().day, 28);
    }
}
