//! Opening hours in OpenStreetMap `opening_hours` syntax, evaluated in Europe/Paris time with
//! French public holidays (the `opening-hours` crate parses and evaluates; this module only
//! shapes its answers for pages and the API).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Paris;
use chrono_tz::Tz;
use opening_hours::localization::{Country, TzLocation};
use opening_hours::{Context, OpeningHours, RuleKind};
use serde::Serialize;

/// Longest accepted value (OSM's own limit on tag values).
pub const MAX_LENGTH: usize = 255;

/// How far ahead the next change of state is looked for: beyond a year and a bit, a
/// listing's page has nothing useful to say ("opens again in 14 months").
pub const NEXT_CHANGE_HORIZON_DAYS: i64 = 400;

/// Why a value is not valid opening hours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HoursError {
    /// The parser's explanation, pointing at the problem.
    pub message: String,
}

/// One opening interval, local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interval {
    /// Opening time, `HH:MM`.
    pub from: String,
    /// Closing time, `HH:MM` (`24:00` for midnight at the end of the day).
    pub to: String,
    /// Whether the state is only "unknown" (e.g. "on appointment").
    pub unknown: bool,
    /// The value's comment for this interval, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A day of the week ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    /// The date.
    pub date: NaiveDate,
    /// ISO weekday number, 1 = Monday.
    pub weekday: u32,
    /// Open intervals that day.
    pub intervals: Vec<Interval>,
}

/// Opening hours evaluated at an instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HoursReport {
    /// Open at that instant; `None` when the value says "unknown" then.
    pub is_open: Option<bool>,
    /// Next change of state (local time), if within the year.
    pub next_change: Option<NaiveDateTime>,
    /// The seven days starting at that instant's date.
    pub week: Vec<Day>,
    /// Remarks on a value that parses but could be written better.
    pub warnings: Vec<String>,
}

/// Parsed opening hours, ready to evaluate many times.
#[derive(Clone)]
pub struct Hours {
    inner: OpeningHours<TzLocation<Tz>>,
    warnings: Vec<String>,
}

impl std::fmt::Debug for Hours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Hours({})", self.inner)
    }
}

/// The local date-time in Europe/Paris of an instant.
pub fn paris_local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&Paris).naive_local()
}

/// The instant of a Europe/Paris local date-time (the later one in the autumn overlap; the
/// first valid minute after a spring gap).
pub fn from_paris_local(local: NaiveDateTime) -> DateTime<Utc> {
    let mut probe = local;
    for _ in 0..180 {
        if let Some(at) = Paris.from_local_datetime(&probe).latest() {
            return at.with_timezone(&Utc);
        }
        probe += Duration::minutes(1);
    }
    Utc.from_utc_datetime(&local)
}

impl Hours {
    /// Parses a value; the error says where it goes wrong.
    pub fn parse(value: &str) -> Result<Hours, HoursError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(HoursError { message: "empty value".into() });
        }
        if value.chars().count() > MAX_LENGTH {
            return Err(HoursError { message: format!("longer than {MAX_LENGTH} characters") });
        }
        let mut warnings = Vec::new();
        // The parser borrows `warnings` until the end of this block.
        let parsed = {
            let mut parser = opening_hours_syntax::Parser::default()
                .with_warning_handler(|w: opening_hours_syntax::Warning| warnings.push(w.to_string()));
            OpeningHours::parse_with(&mut parser, value).map_err(|e| HoursError { message: e.to_string() })?
        };
        // The canonical text is what the API gives back (`normalized`): it must be a value this
        // function accepts too, and writing it out can make it longer ("off" → "24/7 closed").
        if parsed.normalize().to_string().chars().count() > MAX_LENGTH {
            return Err(HoursError { message: format!("longer than {MAX_LENGTH} characters once written the standard way") });
        }
        let context = Context::default().with_holidays(Country::FR.holidays()).with_locale(TzLocation::new(Paris));
        Ok(Hours { inner: parsed.with_context(context), warnings })
    }

    /// The value written the canonical way.
    pub fn normalized(&self) -> String {
        self.inner.normalize().to_string()
    }

    /// Whether open at `at`; `None` if the value says "unknown" then.
    pub fn is_open(&self, at: DateTime<Utc>) -> Option<bool> {
        match self.inner.state(at.with_timezone(&Paris)).0 {
            RuleKind::Open => Some(true),
            RuleKind::Closed => Some(false),
            RuleKind::Unknown => None,
        }
    }

    /// The next change of state after `at` within [`NEXT_CHANGE_HORIZON_DAYS`], local time.
    ///
    /// Not the crate's `next_change`: for a value whose state never changes ("Mo-Fr
    /// 09:00-12:00 off", closed every day) it walks day by day to the year 10,000, 12 s per
    /// call (found by fuzzing); every listing page and `/api/v1/opening-hours` call it.
    pub fn next_change(&self, at: DateTime<Utc>) -> Option<NaiveDateTime> {
        let start = at.with_timezone(&Paris);
        let horizon = start + Duration::days(NEXT_CHANGE_HORIZON_DAYS);
        let current = self.inner.iter_range(start, horizon).next()?;
        (current.range.end < horizon).then(|| current.range.end.naive_local())
    }

    /// The open intervals of the seven days starting on `at`'s local date.
    pub fn week(&self, at: DateTime<Utc>) -> Vec<Day> {
        let first = paris_local(at).date();
        (0..7)
            .filter_map(|offset| first.checked_add_signed(Duration::days(offset)))
            .map(|date| {
                let start = Paris.from_local_datetime(&date.and_time(NaiveTime::MIN)).earliest();
                let end = date.succ_opt().and_then(|next| Paris.from_local_datetime(&next.and_time(NaiveTime::MIN)).earliest());
                let intervals = match (start, end) {
                    (Some(start), Some(end)) => self
                        .inner
                        .iter_range(start, end)
                        .filter(|r| r.kind != RuleKind::Closed)
                        .map(|r| {
                            let from = r.range.start.naive_local();
                            let to = r.range.end.naive_local();
                            Interval {
                                from: from.format("%H:%M").to_string(),
                                to: if to.date() > date { "24:00".into() } else { to.format("%H:%M").to_string() },
                                unknown: r.kind == RuleKind::Unknown,
                                comment: Some(r.comment.to_string()).filter(|c| !c.is_empty()),
                            }
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                Day { date, weekday: date.weekday().number_from_monday(), intervals }
            })
            .collect()
    }

    /// Everything at once, for the API and the listing page.
    pub fn report(&self, at: DateTime<Utc>) -> HoursReport {
        HoursReport { is_open: self.is_open(at), next_change: self.next_change(at), week: self.week(at), warnings: self.warnings.clone() }
    }
}

/// French name of a weekday, for pages.
pub fn weekday_key(weekday: u32) -> &'static str {
    match Weekday::try_from(u8::try_from(weekday.saturating_sub(1)).unwrap_or(0)).unwrap_or(Weekday::Mon) {
        Weekday::Mon => "weekday-1",
        Weekday::Tue => "weekday-2",
        Weekday::Wed => "weekday-3",
        Weekday::Thu => "weekday-4",
        Weekday::Fri => "weekday-5",
        Weekday::Sat => "weekday-6",
        Weekday::Sun => "weekday-7",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(local: &str) -> DateTime<Utc> {
        from_paris_local(NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").expect("date"))
    }

    #[test]
    fn open_now_and_next_change_in_paris_time() {
        let hours = Hours::parse("Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off").expect("valid");
        // Thursday 26 November 2026, 10:00 in Paris (09:00 UTC).
        assert_eq!(hours.is_open(at("2026-11-26 10:00")), Some(true));
        assert_eq!(hours.next_change(at("2026-11-26 10:00")), NaiveDateTime::parse_from_str("2026-11-26 12:00", "%Y-%m-%d %H:%M").ok());
        assert_eq!(hours.is_open(at("2026-11-26 13:00")), Some(false));
        // Sunday closed, Saturday morning open.
        assert_eq!(hours.is_open(at("2026-11-29 10:00")), Some(false));
        assert_eq!(hours.is_open(at("2026-11-28 10:00")), Some(true));
        // 11 November (Armistice, a Wednesday in 2026) is a public holiday: closed.
        assert_eq!(hours.is_open(at("2026-11-11 10:00")), Some(false));
        assert_eq!(hours.is_open(at("2026-11-10 10:00")), Some(true));
    }

    #[test]
    fn around_midnight() {
        let bar = Hours::parse("Mo-Su 18:00-02:00").expect("valid");
        assert_eq!(bar.is_open(at("2026-11-26 23:59")), Some(true));
        assert_eq!(bar.is_open(at("2026-11-27 00:30")), Some(true));
        assert_eq!(bar.is_open(at("2026-11-27 02:30")), Some(false));
        let week = bar.week(at("2026-11-26 12:00"));
        assert_eq!(week.len(), 7);
        assert_eq!(week[0].weekday, 4);
        assert_eq!(week[0].intervals.last().map(|i| (i.from.as_str(), i.to.as_str())), Some(("18:00", "24:00")));
        assert_eq!(week[1].intervals.first().map(|i| (i.from.as_str(), i.to.as_str())), Some(("00:00", "02:00")));
    }

    #[test]
    fn errors_point_at_the_problem() {
        let error = Hours::parse("Mo-Fr 09:00-25:99").expect_err("invalid");
        assert!(!error.message.is_empty());
        assert!(Hours::parse("n'importe quoi").is_err());
        assert!(Hours::parse("").is_err());
        assert!(Hours::parse("24/7").expect("valid").is_open(at("2026-12-25 03:00")) == Some(true));
    }

    /// Found by fuzzing (`fuzz/fuzz_targets/opening_hours.rs`): a value that is closed at
    /// every hour took 12 s to report, looking for a change until the year 10,000.
    #[test]
    fn a_value_that_never_changes_reports_quickly_without_a_next_change() {
        let started = std::time::Instant::now();
        let never = Hours::parse("Mo-Fr 09:00-12:00,14:00-18:00 off").expect("valid");
        let report = never.report(at("2026-12-24 16:30"));
        assert_eq!(report.is_open, Some(false));
        assert_eq!(report.next_change, None);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        // A change within the horizon is still found, as the crate finds it.
        let shop = Hours::parse("Mo-Fr 09:00-12:00").expect("valid");
        let next = shop.next_change(at("2026-12-24 16:30")).expect("a change");
        assert_eq!(next.format("%Y-%m-%d %H:%M").to_string(), "2026-12-25 09:00");
        let far = Hours::parse("Jan 10 10:00-11:00").expect("valid");
        assert_eq!(far.next_change(at("2026-12-24 16:30")).map(|d| d.to_string()), Some("2027-01-10 10:00:00".into()));
    }

    /// Found by fuzzing: a value under the length limit whose canonical text is over it was
    /// accepted, and the API then gave back a value that it refuses.
    #[test]
    fn a_value_accepted_normalises_to_a_value_accepted() {
        let long = format!("{}; Fr 08:00+", ["Jan-Mar Mo 10:00-12:00 \"sur rendez-vous\"; easter;off"; 4].join("; "));
        assert!(long.chars().count() <= MAX_LENGTH, "{}", long.len());
        let refused = Hours::parse(&long).expect_err("too long once normalised");
        assert!(refused.message.contains("standard way"), "{}", refused.message);
        let short = Hours::parse("Mo 10:00-12:00; easter;off").expect("valid");
        assert!(Hours::parse(&short.normalized()).is_ok());
    }
}
