//! Dates as the credential and the PDF write them: RFC 3339 in UTC for machines, a French
//! day in Europe/Paris for people.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Paris;

const MONTHS: [&str; 12] =
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/// `2026-03-12T12:00:00Z`.
pub fn rfc3339(ts: i64) -> String {
    DateTime::<Utc>::from_timestamp(ts, 0).unwrap_or_default().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `12 mars 2026`, the day in Paris.
pub fn french_date(ts: i64) -> String {
    let day = DateTime::<Utc>::from_timestamp(ts, 0).unwrap_or_default().with_timezone(&Paris);
    format!("{} {} {}", day.day(), MONTHS[day.month0() as usize], day.year())
}
