//! Managers' statistics of a territory's coaching over a period: per coach, appointments
//! booked, held, cancelled and missed, the no-show rate, records written, hours of
//! accompaniment, beneficiaries and load; for the territory, the themes asked for and the time
//! from a person's first booking to that appointment. The store counts (GROUP BY); this module
//! turns counts into rates.

use super::follow_up::RecordError;
use super::model::{Availability, Coach, THEMES};
use super::records_policy::{FollowUpActor, steers_coaching};
use super::repo::{CoachFilter, CoachRepo};
use super::slots::{day_spans, local_date, local_instant, parse_day};
use crate::StoreResult;
use crate::accounts::FieldError;
use crate::territories::{TerritoryRepo, ancestry, with_descendants};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;
use std::future::Future;
use tremplin_kernel::Clock;

/// Length of the default period, in days (today included).
pub const DEFAULT_DAYS: u64 = 90;
/// Longest period accepted, in days.
const MAX_DAYS: i64 = 3 * 366;

/// A period of local days, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub first_day: NaiveDate,
    /// Last day (included).
    pub last_day: NaiveDate,
}

impl Period {
    /// `[start of first day, start of the day after the last)` in Unix seconds.
    pub fn bounds(&self) -> (i64, i64) {
        let after = self.last_day.checked_add_days(Days::new(1)).unwrap_or(self.last_day);
        (local_instant(self.first_day, 0).unwrap_or_default(), local_instant(after, 0).unwrap_or_default())
    }

    /// Number of days.
    pub fn days(&self) -> i64 {
        (self.last_day - self.first_day).num_days() + 1
    }
}

/// The period asked for (`du`, `au` as YYYY-MM-DD, each optional): by default the last
/// [`DEFAULT_DAYS`] days up to today.
pub fn period(du: &str, au: &str, now: i64) -> Result<Period, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut day = |value: &str, field: &'static str| -> Option<NaiveDate> {
        if value.trim().is_empty() {
            return None;
        }
        parse_day(value, "%Y-%m-%d").map_err(|_| errors.push(FieldError { field, key: "activity-error-date" })).ok()
    };
    let last_day = day(au, "au").unwrap_or_else(|| local_date(now));
    let first_day = day(du, "du").unwrap_or_else(|| last_day.checked_sub_days(Days::new(DEFAULT_DAYS - 1)).unwrap_or(last_day));
    let period = Period { first_day, last_day };
    if errors.is_empty() && !(1..=MAX_DAYS).contains(&period.days()) {
        errors.push(FieldError { field: "du", key: "activity-error-period" });
    }
    if errors.is_empty() { Ok(period) } else { Err(errors) }
}

/// What the store counts of a coach's appointments starting in a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppointmentCounts {
    /// Booked (cancelled ones included).
    pub booked: i64,
    /// Cancelled.
    pub cancelled: i64,
    /// Started and not recorded as missed.
    pub held: i64,
    /// Recorded as missed.
    pub no_shows: i64,
    /// Distinct beneficiaries of the appointments not cancelled.
    pub beneficiaries: i64,
    /// Minutes of the appointments not cancelled.
    pub booked_minutes: i64,
}

/// What the store counts of a coach's records of a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordCounts {
    /// Records written.
    pub records: i64,
    /// Minutes of accompaniment recorded (no-shows count none).
    pub minutes: i64,
}

/// Store of the counts behind the statistics (each one GROUP BY query).
pub trait ActivityRepo: Send + Sync {
    /// Per coach of these territories, their appointments starting in `[from, until)`.
    fn appointment_counts(
        &self,
        territory_ids: &[i64],
        from: i64,
        until: i64,
        now: i64,
    ) -> impl Future<Output = StoreResult<HashMap<i64, AppointmentCounts>>> + Send;
    /// Per coach of these territories, their records of `[from, until)`.
    fn record_counts(
        &self,
        territory_ids: &[i64],
        from: i64,
        until: i64,
    ) -> impl Future<Output = StoreResult<HashMap<i64, RecordCounts>>> + Send;
    /// Per theme, the appointments (not cancelled) starting in `[from, until)` that asked for it.
    fn theme_counts(
        &self,
        territory_ids: &[i64],
        themes: &[&str],
        from: i64,
        until: i64,
    ) -> impl Future<Output = StoreResult<Vec<(String, i64)>>> + Send;
    /// Seconds from each beneficiary's first booking to that appointment's start, for first
    /// bookings made in `[from, until)`.
    fn first_booking_delays(&self, territory_ids: &[i64], from: i64, until: i64) -> impl Future<Output = StoreResult<Vec<i64>>> + Send;
}

/// One coach's line.
#[derive(Debug, Clone, PartialEq)]
pub struct CoachActivity {
    /// Coach slug.
    pub slug: String,
    /// Coach name.
    pub name: String,
    /// Appointment counts.
    pub counts: AppointmentCounts,
    /// No-shows among the appointments that should have taken place, if any should have.
    pub no_show_rate: Option<f64>,
    /// Records written.
    pub records: i64,
    /// Hours of accompaniment recorded.
    pub hours: f64,
    /// Appointments not cancelled per week of the period.
    pub per_week: f64,
    /// Booked hours over the hours the coach was open, if they were.
    pub load: Option<f64>,
}

/// The statistics of a territory over a period.
#[derive(Debug, Clone)]
pub struct Activity {
    /// The period.
    pub period: Period,
    /// One line per coach, by name.
    pub coaches: Vec<CoachActivity>,
    /// Themes asked for, most asked first.
    pub themes: Vec<(String, i64)>,
    /// First bookings counted for the time to first appointment.
    pub first_bookings: usize,
    /// Median time to first appointment, in days.
    pub median_days: Option<f64>,
    /// Average time to first appointment, in days.
    pub average_days: Option<f64>,
}

/// The median of some values (the mean of the two middle ones for an even count).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Minutes a coach is open over a period, from the weekly hours and exceptions.
pub fn open_minutes(availability: &Availability, period: &Period) -> i64 {
    period
        .first_day
        .iter_days()
        .take_while(|d| *d <= period.last_day)
        .flat_map(|d| day_spans(availability, d))
        .map(|(s, e)| i64::from(e) - i64::from(s))
        .sum()
}

/// One coach's line from the counts.
pub fn coach_line(coach: &Coach, counts: AppointmentCounts, records: RecordCounts, open: i64, period: &Period) -> CoachActivity {
    let expected = counts.held + counts.no_shows;
    let live = counts.booked - counts.cancelled;
    CoachActivity {
        slug: coach.slug.clone(),
        name: coach.display_name.clone(),
        no_show_rate: (expected > 0).then(|| counts.no_shows as f64 / expected as f64),
        records: records.records,
        hours: records.minutes as f64 / 60.0,
        per_week: live as f64 * 7.0 / period.days() as f64,
        load: (open > 0).then(|| counts.booked_minutes as f64 / open as f64),
        counts,
    }
}

/// The statistics of a territory (and the territories in it), for its managers.
pub async fn activity(
    repo: &(impl ActivityRepo + CoachRepo + TerritoryRepo),
    clock: &dyn Clock,
    actor: FollowUpActor<'_>,
    territory_id: i64,
    du: &str,
    au: &str,
) -> Result<Activity, RecordError> {
    let all = repo.list_territories().await?;
    let ancestry_ids: Vec<i64> = ancestry(&all, territory_id).iter().map(|t| t.id).collect();
    if !steers_coaching(actor, &ancestry_ids) {
        return Err(RecordError::Forbidden);
    }
    let now = clock.now_ts();
    let period = period(du, au, now).map_err(RecordError::Invalid)?;
    let (from, until) = period.bounds();
    let ids = with_descendants(&all, territory_id);
    let coaches = repo.find_coaches(&CoachFilter { territory_ids: Some(ids.clone()), active_only: false }).await?;
    let refs: Vec<&Coach> = coaches.iter().collect();
    // Exceptions still running on the first day are read too: they shape the open hours.
    let availabilities = repo.availabilities(&refs, &period.first_day.format("%Y-%m-%d").to_string()).await?;
    let mut appointments = repo.appointment_counts(&ids, from, until, now).await?;
    let mut records = repo.record_counts(&ids, from, until).await?;
    let lines = coaches
        .iter()
        .map(|c| {
            let open = availabilities.get(&c.id).map(|a| open_minutes(a, &period)).unwrap_or_default();
            coach_line(c, appointments.remove(&c.id).unwrap_or_default(), records.remove(&c.id).unwrap_or_default(), open, &period)
        })
        .collect();
    let mut themes = repo.theme_counts(&ids, &THEMES, from, until).await?;
    themes.retain(|(_, n)| *n > 0);
    themes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let delays: Vec<f64> = repo.first_booking_delays(&ids, from, until).await?.into_iter().map(|s| s as f64 / 86_400.0).collect();
    let average_days = (!delays.is_empty()).then(|| delays.iter().sum::<f64>() / delays.len() as f64);
    Ok(Activity { period, coaches: lines, themes, first_bookings: delays.len(), median_days: median(&delays), average_days })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_takes_the_middle() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 10.0]), Some(3.0));
    }

    #[test]
    fn the_period_defaults_to_ninety_days_and_refuses_nonsense() {
        let now = local_instant(NaiveDate::from_ymd_opt(2026, 11, 26).expect("day"), 600).expect("instant");
        let default = period("", "", now).expect("valid");
        assert_eq!(default.days(), 90);
        assert_eq!(default.last_day, NaiveDate::from_ymd_opt(2026, 11, 26).expect("day"));
        let chosen = period("2026-10-01", "2026-10-31", now).expect("valid");
        assert_eq!(chosen.days(), 31);
        let (from, until) = chosen.bounds();
        assert_eq!(until - from, 31 * 86_400 + 3_600, "the October clock change adds an hour");
        assert_eq!(period("2026-10-31", "2026-10-01", now).expect_err("reversed")[0].key, "activity-error-period");
        assert_eq!(period("hier", "", now).expect_err("bad")[0].field, "du");
    }
}
