//! Targets a territory's managers set: an indicator to reach by a date (e.g. 150,000
//! passports by 2027-12-31), counted from a start date.

use super::Month;
use crate::accounts::FieldError;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// What a target is about. Each reads one or two [`super::Metric`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Indicator {
    /// Valid passports issued (issued − revoked).
    Passports,
    /// Businesses accompanied for the first time.
    BusinessesAccompanied,
    /// People attending a workshop for the first time ("people trained").
    PeopleReached,
    /// Workshops held.
    WorkshopsHeld,
    /// Diagnostics taken.
    Diagnostics,
    /// Accompaniments (not no-shows).
    Accompaniments,
}

impl Indicator {
    /// Every indicator, in the order forms list them.
    pub const ALL: [Indicator; 6] = [
        Indicator::Passports,
        Indicator::BusinessesAccompanied,
        Indicator::PeopleReached,
        Indicator::WorkshopsHeld,
        Indicator::Diagnostics,
        Indicator::Accompaniments,
    ];

    /// Stable identifier (database, forms, API).
    pub fn as_str(self) -> &'static str {
        match self {
            Indicator::Passports => "passports",
            Indicator::BusinessesAccompanied => "businesses_accompanied",
            Indicator::PeopleReached => "people_reached",
            Indicator::WorkshopsHeld => "workshops_held",
            Indicator::Diagnostics => "diagnostics",
            Indicator::Accompaniments => "accompaniments",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.as_str() == value)
    }
}

/// A target as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Internal id.
    pub id: i64,
    /// The territory it is set for (its figures roll up its descendants).
    pub territory_id: i64,
    /// What is counted.
    pub indicator: Indicator,
    /// How many.
    pub value: i64,
    /// Counted from (inclusive).
    pub starts_on: NaiveDate,
    /// By (inclusive).
    pub ends_on: NaiveDate,
}

/// A target to save (checked by the form that produced it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInput {
    /// What is counted.
    pub indicator: Indicator,
    /// How many.
    pub value: i64,
    /// Counted from (inclusive).
    pub starts_on: NaiveDate,
    /// By (inclusive).
    pub ends_on: NaiveDate,
}

impl Indicator {
    /// The metric counted, and the one subtracted from it (passports revoked), so that each
    /// indicator is a monthly sum like every statistic.
    pub fn metrics(self) -> (super::Metric, Option<super::Metric>) {
        use super::Metric;
        match self {
            Indicator::Passports => (Metric::PassportsIssued, Some(Metric::PassportsRevoked)),
            Indicator::BusinessesAccompanied => (Metric::BusinessesNew, None),
            Indicator::PeopleReached => (Metric::PeopleNew, None),
            Indicator::WorkshopsHeld => (Metric::WorkshopsHeld, None),
            Indicator::Diagnostics => (Metric::Diagnostics, None),
            Indicator::Accompaniments => (Metric::Accompaniments, None),
        }
    }

    /// The indicator's value per month, from rows without a dimension.
    pub fn monthly(self, rows: &[super::StatRow]) -> BTreeMap<Month, i64> {
        let (plus, minus) = self.metrics();
        let mut months = BTreeMap::new();
        for row in rows.iter().filter(|r| r.dim.is_empty()) {
            let sign = if row.metric == plus.as_str() {
                1
            } else if minus.is_some_and(|m| row.metric == m.as_str()) {
                -1
            } else {
                continue;
            };
            if let Some(month) = Month::parse(&row.month) {
                *months.entry(month).or_default() += sign * row.value;
            }
        }
        months
    }
}

/// Largest target value accepted.
pub const TARGET_MAX: i64 = 10_000_000;

/// What is still needed to reach a target by its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pace {
    /// Achieved so far.
    pub achieved: i64,
    /// Still to achieve (0 when reached).
    pub remaining: i64,
    /// Months left until the end date, this one included (0 once passed).
    pub months_left: i64,
    /// To achieve per month to reach it (rounded up); `None` once the date is passed with
    /// some still missing.
    pub per_month: Option<i64>,
}

/// The pace needed to reach `value` by `ends_on` from `today`, `achieved` being done.
pub fn pace(value: i64, ends_on: NaiveDate, achieved: i64, today: NaiveDate) -> Pace {
    let remaining = (value - achieved).max(0);
    let months_left = if ends_on < today {
        0
    } else {
        i64::from(ends_on.year() - today.year()) * 12 + i64::from(ends_on.month()) - i64::from(today.month()) + 1
    };
    let per_month = match (remaining, months_left) {
        (0, _) => Some(0),
        (_, 0) => None,
        (r, m) => Some((r + m - 1) / m),
    };
    Pace { achieved, remaining, months_left, per_month }
}

/// When the target is reached if the current pace holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forecast {
    /// Already reached.
    Reached,
    /// In that month.
    In(Month),
    /// Never: nothing achieved lately.
    Never,
}

/// Months the current pace is averaged over (the current month and the two before it, or
/// fewer when the target started since).
pub const PACE_WINDOW: i32 = 3;

/// A target with where the territory stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The target.
    pub target: Target,
    /// What is needed.
    pub pace: Pace,
    /// Average achieved per month over the last [`PACE_WINDOW`] months.
    pub current_per_month: f64,
    /// When it is reached at that pace.
    pub forecast: Forecast,
    /// Whether the forecast month is after the end date.
    pub late: bool,
}

/// Where `target` stands from the indicator's monthly values. Statistics are monthly, so the
/// month of `starts_on` counts whole.
pub fn progress(target: &Target, monthly: &BTreeMap<Month, i64>, today: NaiveDate) -> Progress {
    let start = Month { year: target.starts_on.year(), month: target.starts_on.month() };
    let now = Month { year: today.year(), month: today.month() };
    // `range` panics on an empty range (a target starting after this month).
    let sum = |from: Month| if from > now { 0 } else { monthly.range(from..=now).map(|(_, v)| v).sum::<i64>() };
    let achieved = sum(start);
    let pace = pace(target.value, target.ends_on, achieved, today);
    let window_start = Ord::max(start, now.plus(1 - PACE_WINDOW));
    let window_months = window_start.months_until(now) + 1;
    let window_sum = if window_months > 0 { sum(window_start) } else { 0 };
    let current_per_month = if window_months > 0 { window_sum as f64 / f64::from(window_months) } else { 0.0 };
    let forecast = if pace.remaining == 0 {
        Forecast::Reached
    } else if window_sum <= 0 {
        Forecast::Never
    } else {
        // Whole numbers, so that 9 at 1 every 3 months is exactly 27 months. The current month
        // is the first of the months counted, as in the pace needed.
        let months = (pace.remaining * i64::from(window_months) + window_sum - 1) / window_sum;
        Forecast::In(now.plus(i32::try_from(months).unwrap_or(i32::MAX / 24) - 1))
    };
    let end = Month { year: target.ends_on.year(), month: target.ends_on.month() };
    let late = match forecast {
        Forecast::Reached => false,
        Forecast::In(month) => month > end,
        Forecast::Never => true,
    };
    Progress { target: target.clone(), pace, current_per_month, forecast, late }
}

/// The target form as typed.
#[derive(Debug, Clone, Default)]
pub struct TargetForm {
    /// Indicator identifier.
    pub indicator: String,
    /// Value.
    pub value: String,
    /// Start (YYYY-MM-DD).
    pub starts_on: String,
    /// End (YYYY-MM-DD).
    pub ends_on: String,
}

/// Checks a target form field by field.
pub fn validate(form: &TargetForm) -> Result<TargetInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let indicator = Indicator::parse(form.indicator.trim());
    if indicator.is_none() {
        errors.push(FieldError { field: "indicator", key: "target-error-indicator" });
    }
    let value = form.value.trim().parse::<i64>().ok().filter(|n| (1..=TARGET_MAX).contains(n));
    if value.is_none() {
        errors.push(FieldError { field: "value", key: "target-error-value" });
    }
    let day = |raw: &str| NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
    let starts_on = day(&form.starts_on);
    if starts_on.is_none() {
        errors.push(FieldError { field: "starts_on", key: "target-error-starts-on" });
    }
    let ends_on = day(&form.ends_on);
    if ends_on.is_none() {
        errors.push(FieldError { field: "ends_on", key: "target-error-ends-on" });
    }
    match (indicator, value, starts_on, ends_on) {
        (Some(indicator), Some(value), Some(starts_on), Some(ends_on)) if ends_on > starts_on => {
            Ok(TargetInput { indicator, value, starts_on, ends_on })
        }
        (_, _, Some(_), Some(_)) if errors.is_empty() => Err(vec![FieldError { field: "ends_on", key: "target-error-order" }]),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
    }

    fn target(value: i64, from: &str, by: &str) -> Target {
        Target { id: 1, territory_id: 1, indicator: Indicator::Passports, value, starts_on: day(from), ends_on: day(by) }
    }

    fn months(values: &[(&str, i64)]) -> BTreeMap<Month, i64> {
        values.iter().map(|(m, v)| (Month::parse(m).expect("month"), *v)).collect()
    }

    #[test]
    fn the_pace_spreads_what_is_missing_over_the_months_left() {
        let today = day("2026-11-26");
        let p = pace(100, day("2027-04-30"), 40, today);
        assert_eq!((p.remaining, p.months_left, p.per_month), (60, 6, Some(10)));
        // Past the date with some missing: no pace can reach it.
        assert_eq!(pace(100, day("2026-01-31"), 40, today).per_month, None);
        // Reached, even past the date.
        let reached = pace(10, day("2026-01-31"), 12, today);
        assert_eq!((reached.remaining, reached.per_month), (0, Some(0)));
        // The last day of the current month still leaves this month.
        assert_eq!(pace(5, day("2026-11-30"), 0, today).per_month, Some(5));
    }

    #[test]
    fn progress_counts_from_the_start_and_forecasts_at_the_current_pace() {
        let today = day("2026-11-26");
        let monthly = months(&[("2026-05", 50), ("2026-09", 10), ("2026-10", 20), ("2026-11", 0)]);
        let p = progress(&target(100, "2026-06-15", "2027-04-30"), &monthly, today);
        assert_eq!(p.pace.achieved, 30, "May is before the start");
        assert_eq!(p.pace.per_month, Some(12), "70 over 6 months");
        assert!((p.current_per_month - 10.0).abs() < 1e-9, "30 over Sep–Nov");
        assert_eq!(p.forecast, Forecast::In(Month::parse("2027-05").expect("month")), "7 months from November");
        assert!(p.late);
        // Nothing lately: never at this pace.
        let idle = progress(&target(100, "2026-01-01", "2027-04-30"), &months(&[("2026-02", 5)]), today);
        assert_eq!(idle.forecast, Forecast::Never);
        assert_eq!(idle.current_per_month, 0.0);
        // Reached.
        let done = progress(&target(20, "2026-01-01", "2026-03-31"), &monthly, today);
        assert_eq!((done.forecast, done.late, done.pace.remaining), (Forecast::Reached, false, 0));
        // A target starting this month: the window is one month, no division by zero.
        let fresh = progress(&target(10, "2026-11-01", "2026-12-31"), &months(&[("2026-11", 4)]), today);
        assert!((fresh.current_per_month - 4.0).abs() < 1e-9);
        assert_eq!(fresh.forecast, Forecast::In(Month::parse("2026-12").expect("month")));
        assert!(!fresh.late);
        // A target starting later: nothing achieved, nothing averaged.
        let later = progress(&target(10, "2027-03-01", "2027-12-31"), &monthly, today);
        assert_eq!((later.pace.achieved, later.forecast), (0, Forecast::Never));
    }

    #[test]
    fn indicators_read_their_metrics() {
        let row = |month: &str, metric: &str, dim: &str, value| super::super::StatRow {
            month: month.into(),
            metric: metric.into(),
            dim: dim.into(),
            value,
        };
        let rows = [
            row("2026-01", "passports_issued", "", 5),
            row("2026-01", "passports_revoked", "", 1),
            row("2026-02", "passports_issued", "", 2),
            row("2026-02", "people_new", "", 9),
        ];
        assert_eq!(Indicator::Passports.monthly(&rows), months(&[("2026-01", 4), ("2026-02", 2)]));
        assert_eq!(Indicator::PeopleReached.monthly(&rows), months(&[("2026-02", 9)]));
    }

    #[test]
    fn the_form_is_checked_field_by_field() {
        let form = |i: &str, v: &str, s: &str, e: &str| TargetForm {
            indicator: i.into(),
            value: v.into(),
            starts_on: s.into(),
            ends_on: e.into(),
        };
        let ok = validate(&form("passports", "150000", "2026-01-01", "2027-12-31")).expect("valid");
        assert_eq!((ok.indicator, ok.value), (Indicator::Passports, 150_000));
        let keys = |f: TargetForm| validate(&f).expect_err("invalid").iter().map(|e| (e.field, e.key)).collect::<Vec<_>>();
        assert_eq!(
            keys(form("nope", "0", "01/01/2026", "")),
            [
                ("indicator", "target-error-indicator"),
                ("value", "target-error-value"),
                ("starts_on", "target-error-starts-on"),
                ("ends_on", "target-error-ends-on")
            ]
        );
        assert_eq!(keys(form("passports", "10000001", "2026-01-01", "2027-01-01")), [("value", "target-error-value")]);
        assert_eq!(keys(form("passports", "10", "2027-01-01", "2027-01-01")), [("ends_on", "target-error-order")]);
        assert_eq!(keys(form("passports", "1.5", "2027-01-01", "2026-01-01")), [("value", "target-error-value")]);
    }
}
