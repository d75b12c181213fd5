//! Calendar months in Europe/Paris, the unit of every statistic.

use crate::coaching::slots::local_date;
use chrono::{Datelike, NaiveDate, TimeZone};
use chrono_tz::Europe::Paris;
use std::fmt;

/// A calendar month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    /// Year.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl Month {
    /// The month of an instant, in Europe/Paris.
    pub fn of(at: i64) -> Month {
        let day = local_date(at);
        Month { year: day.year(), month: day.month() }
    }

    /// Parses `YYYY-MM`.
    pub fn parse(value: &str) -> Option<Month> {
        let (year, month) = value.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let (year, month) = (year.parse().ok()?, month.parse().ok()?);
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }

    /// The next month.
    pub fn next(self) -> Month {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { year: self.year, month: self.month + 1 } }
    }

    /// The previous month.
    pub fn previous(self) -> Month {
        if self.month == 1 { Month { year: self.year - 1, month: 12 } } else { Month { year: self.year, month: self.month - 1 } }
    }

    /// `self` moved by `months` (negative: back).
    pub fn plus(self, months: i32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        Month { year: index.div_euclid(12), month: index.rem_euclid(12) as u32 + 1 }
    }

    /// Months from `self` to `other` (0 when equal, negative when `other` is before).
    pub fn months_until(self, other: Month) -> i32 {
        (other.year * 12 + other.month as i32) - (self.year * 12 + self.month as i32)
    }

    /// The first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// The first instant (midnight of the first day, Paris time).
    pub fn start(self) -> i64 {
        let midnight = self.first_day().and_hms_opt(0, 0, 0).unwrap_or_default();
        // Midnight always exists in Paris (clocks change at 02:00 and 03:00).
        Paris.from_local_datetime(&midnight).earliest().map(|d| d.timestamp()).unwrap_or_default()
    }

    /// The instants of the month: `[start, end)`.
    pub fn bounds(self) -> (i64, i64) {
        (self.start(), self.next().start())
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_paris_months() {
        let march = Month::parse("2026-03").expect("month");
        let (start, end) = march.bounds();
        // 1 March 2026 00:00 in Paris is 28 February 23:00 UTC; 1 April 00:00 is 31 March 22:00 UTC (summer time).
        assert_eq!(start, 1_772_319_600);
        assert_eq!(end, 1_774_994_400);
        assert_eq!(Month::of(start), march);
        assert_eq!(Month::of(start - 1).to_string(), "2026-02");
        assert_eq!(Month::of(end - 1), march);
        assert_eq!(Month::of(end).to_string(), "2026-04");
    }

    #[test]
    fn arithmetic_and_parsing() {
        let m = Month::parse("2026-01").expect("month");
        assert_eq!(m.previous().to_string(), "2025-12");
        assert_eq!(m.plus(-13).to_string(), "2024-12");
        assert_eq!(m.plus(23).to_string(), "2027-12");
        assert_eq!(m.months_until(Month::parse("2027-03").expect("month")), 14);
        for bad in ["2026-13", "2026-1", "26-01", "", "2026/01"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }
}
