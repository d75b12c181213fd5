//! The managers' dashboard as numbers: the aggregates of a period, of the period just before
//! (as long), the stock of listings, the history of the indicators targets read, and the
//! targets, turned into figures, splits, monthly series and progress against targets. Pure,
//! so that the page, its CSV downloads and the tests agree.

use super::targets::{Indicator, Progress, Target, progress};
use super::{Metric, Month, StatRow};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Months `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
}

impl Period {
    /// Longest period shown (ten years).
    pub const MAX_MONTHS: i32 = 120;

    /// The 12 months ending with `month`.
    pub fn year_to(month: Month) -> Period {
        Period { from: month.plus(-11), to: month }
    }

    /// Number of months.
    pub fn month_count(&self) -> i32 {
        self.from.months_until(self.to) + 1
    }

    /// The period as long just before.
    pub fn previous(&self) -> Period {
        Period { from: self.from.plus(-self.month_count()), to: self.from.previous() }
    }

    /// The months, in order.
    pub fn months(&self) -> Vec<Month> {
        (0..self.month_count()).map(|i| self.from.plus(i)).collect()
    }

    /// Whether `month` (`YYYY-MM`) falls in it.
    fn holds(&self, month: &str) -> bool {
        Month::parse(month).is_some_and(|m| m >= self.from && m <= self.to)
    }
}

/// Sums of rows, by (metric, dim).
#[derive(Debug, Clone, Default)]
struct Sums(BTreeMap<(String, String), i64>);

impl Sums {
    fn of<'a>(rows: impl IntoIterator<Item = &'a StatRow>) -> Sums {
        let mut sums = Sums::default();
        for row in rows {
            *sums.0.entry((row.metric.clone(), row.dim.clone())).or_default() += row.value;
        }
        sums
    }

    /// The total of a metric over its dims.
    fn total(&self, metric: Metric) -> i64 {
        self.0.iter().filter(|((m, _), _)| m == metric.as_str()).map(|(_, v)| v).sum()
    }

    /// The metric's value per dim.
    fn by_dim(&self, metric: Metric) -> BTreeMap<String, i64> {
        self.0.iter().filter(|((m, _), _)| m == metric.as_str()).map(|((_, d), v)| (d.clone(), *v)).collect()
    }
}

/// How a figure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A count.
    Count,
    /// A share, in per cent.
    Percent,
    /// A mark out of 5.
    OutOfFive,
    /// Hours.
    Hours,
}

/// A key figure of the period, with the previous period's.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Identifier (also the message key's suffix).
    pub id: &'static str,
    /// Unit.
    pub unit: Unit,
    /// This period (`None`: nothing to divide by).
    pub value: Option<f64>,
    /// The previous period (`None` for what has no previous: cumulative and stock figures are
    /// compared with their value at the end of the previous period).
    pub previous: Option<f64>,
}

impl Figure {
    /// This period minus the previous one.
    pub fn change(&self) -> Option<f64> {
        Some(self.value? - self.previous?)
    }
}

fn ratio(part: i64, whole: i64, scale: f64) -> Option<f64> {
    (whole != 0).then(|| part as f64 * scale / whole as f64)
}

/// A value split by a dimension (audience, axis, level, coach), with the previous period's.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// The dimension's value (audience id, axis id, level id, coach id).
    pub dim: String,
    /// This period.
    pub value: Option<f64>,
    /// The previous period.
    pub previous: Option<f64>,
}

/// A coach's activity in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoachLine {
    /// Coach id.
    pub coach_id: i64,
    /// Accompaniments.
    pub accompaniments: i64,
    /// Minutes.
    pub minutes: i64,
}

/// One month of the series drawn.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MonthLine {
    /// The month.
    pub month: Option<Month>,
    /// People reached for the first time.
    pub people_new: i64,
    /// People reached since the beginning, at the end of the month.
    pub people_cumulative: i64,
    /// Workshops held.
    pub workshops_held: i64,
    /// Seats at them.
    pub seats: i64,
    /// Registered.
    pub registered: i64,
    /// Attended.
    pub attended: i64,
    /// No-shows.
    pub no_shows: i64,
    /// Diagnostics taken.
    pub diagnostics: i64,
    /// Valid passports issued.
    pub passports: i64,
    /// Valid passports since the beginning, at the end of the month.
    pub passports_cumulative: i64,
}

/// Directory coverage now.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Published listings.
    pub listings: i64,
    /// With a website.
    pub with_website: i64,
    /// Offering click & collect.
    pub click_collect: i64,
    /// With an online shop.
    pub online_shop: i64,
}

impl Coverage {
    /// A part as a share of the listings, in per cent.
    pub fn share(&self, part: i64) -> Option<f64> {
        ratio(part, self.listings, 100.0)
    }
}

/// What the dashboard reads.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// The period shown.
    pub period: Period,
    /// The rows of the previous period and of the period (`stat_rows` over both).
    pub rows: &'a [StatRow],
    /// Rows without a dimension of every month up to the period's end, for the metrics of
    /// [`history_metrics`] (cumulative figures and targets).
    pub history: &'a [StatRow],
    /// Stock rows.
    pub stock: &'a [StatRow],
    /// The territory's targets.
    pub targets: &'a [Target],
    /// Today, Paris.
    pub today: NaiveDate,
}

/// The metrics whose whole history the dashboard needs.
pub fn history_metrics() -> Vec<Metric> {
    let mut metrics = vec![Metric::PeopleNew, Metric::BusinessesNew, Metric::PassportsIssued, Metric::PassportsRevoked];
    for indicator in Indicator::ALL {
        let (plus, minus) = indicator.metrics();
        metrics.extend(std::iter::once(plus).chain(minus));
    }
    metrics.sort();
    metrics.dedup();
    metrics
}

/// The dashboard.
#[derive(Debug, Clone)]
pub struct Dashboard {
    /// The period shown.
    pub period: Period,
    /// The period compared.
    pub previous: Period,
    /// Reach and workshops.
    pub reach: Vec<Figure>,
    /// Attendance by audience.
    pub audiences: Vec<Split>,
    /// Satisfaction, diagnostics and passports.
    pub results: Vec<Figure>,
    /// Average maturity per axis, in per cent.
    pub axes: Vec<Split>,
    /// Diagnostics per maturity level.
    pub levels: Vec<Split>,
    /// Coaching.
    pub coaching: Vec<Figure>,
    /// Per coach, most accompaniments first.
    pub coaches: Vec<CoachLine>,
    /// Directory coverage.
    pub coverage: Coverage,
    /// The period month by month.
    pub months: Vec<MonthLine>,
    /// Valid passports the passport targets' lines stand for: the target value plus those
    /// valid before its start (so that it reads against the cumulative series).
    pub passport_target_levels: Vec<(Target, i64)>,
    /// Targets with their progress.
    pub targets: Vec<Progress>,
}

fn count(id: &'static str, now: i64, before: i64) -> Figure {
    Figure { id, unit: Unit::Count, value: Some(now as f64), previous: Some(before as f64) }
}

fn splits(now: BTreeMap<String, i64>, before: BTreeMap<String, i64>, scale: impl Fn(i64, bool) -> Option<f64>) -> Vec<Split> {
    let mut dims: Vec<&String> = now.keys().chain(before.keys()).collect();
    dims.sort();
    dims.dedup();
    dims.into_iter()
        .map(|dim| Split {
            dim: dim.clone(),
            value: scale(now.get(dim).copied().unwrap_or(0), true),
            previous: scale(before.get(dim).copied().unwrap_or(0), false),
        })
        .collect()
}

/// Builds the dashboard.
pub fn build(input: &Input<'_>) -> Dashboard {
    let period = input.period;
    let previous = period.previous();
    let now = Sums::of(input.rows.iter().filter(|r| period.holds(&r.month)));
    let before = Sums::of(input.rows.iter().filter(|r| previous.holds(&r.month)));
    let history_until = |end: Month, metric: Metric| -> i64 {
        input
            .history
            .iter()
            .filter(|r| r.dim.is_empty() && r.metric == metric.as_str() && Month::parse(&r.month).is_some_and(|m| m <= end))
            .map(|r| r.value)
            .sum()
    };
    let cumulative = |metric: Metric, end: Month| history_until(end, metric);
    let valid = |s: &Sums| s.total(Metric::PassportsIssued) - s.total(Metric::PassportsRevoked);
    let valid_until = |end: Month| cumulative(Metric::PassportsIssued, end) - cumulative(Metric::PassportsRevoked, end);

    let rate = |id, part: Metric, whole: Metric, scale: f64, unit| Figure {
        id,
        unit,
        value: ratio(now.total(part), now.total(whole), scale),
        previous: ratio(before.total(part), before.total(whole), scale),
    };
    let reach = vec![
        count("people_reached", now.total(Metric::PeopleNew), before.total(Metric::PeopleNew)),
        count("people_cumulative", cumulative(Metric::PeopleNew, period.to), cumulative(Metric::PeopleNew, previous.to)),
        count("businesses_accompanied", now.total(Metric::BusinessesNew), before.total(Metric::BusinessesNew)),
        count("businesses_cumulative", cumulative(Metric::BusinessesNew, period.to), cumulative(Metric::BusinessesNew, previous.to)),
        count("workshops_held", now.total(Metric::WorkshopsHeld), before.total(Metric::WorkshopsHeld)),
        count("attended", now.total(Metric::Attended), before.total(Metric::Attended)),
        rate("fill_rate", Metric::Registered, Metric::Seats, 100.0, Unit::Percent),
        rate("no_show_rate", Metric::NoShows, Metric::Registered, 100.0, Unit::Percent),
    ];
    let audiences = splits(now.by_dim(Metric::AttendedByAudience), before.by_dim(Metric::AttendedByAudience), |v, _| Some(v as f64));
    let results = vec![
        Figure {
            id: "satisfaction",
            unit: Unit::OutOfFive,
            value: ratio(now.total(Metric::SatisfactionPoints), 4 * now.total(Metric::SurveyResponses), 1.0),
            previous: ratio(before.total(Metric::SatisfactionPoints), 4 * before.total(Metric::SurveyResponses), 1.0),
        },
        count("survey_responses", now.total(Metric::SurveyResponses), before.total(Metric::SurveyResponses)),
        count("diagnostics", now.total(Metric::Diagnostics), before.total(Metric::Diagnostics)),
        rate("average_maturity", Metric::DiagnosticOverallPoints, Metric::Diagnostics, 1.0, Unit::Percent),
        count("passports", valid(&now), valid(&before)),
        count("passports_cumulative", valid_until(period.to), valid_until(previous.to)),
    ];
    let (diagnostics_now, diagnostics_before) = (now.total(Metric::Diagnostics), before.total(Metric::Diagnostics));
    let axes = splits(now.by_dim(Metric::DiagnosticAxisPoints), before.by_dim(Metric::DiagnosticAxisPoints), |points, current| {
        ratio(points, if current { diagnostics_now } else { diagnostics_before }, 1.0)
    });
    let levels = splits(now.by_dim(Metric::DiagnosticsByLevel), before.by_dim(Metric::DiagnosticsByLevel), |v, _| Some(v as f64));
    let minutes = |s: &Sums| s.total(Metric::AccompanimentMinutes) as f64 / 60.0;
    let coaching = vec![
        count("accompaniments", now.total(Metric::Accompaniments), before.total(Metric::Accompaniments)),
        Figure { id: "accompaniment_hours", unit: Unit::Hours, value: Some(minutes(&now)), previous: Some(minutes(&before)) },
        count("accompaniment_no_shows", now.total(Metric::AccompanimentNoShows), before.total(Metric::AccompanimentNoShows)),
        count("appointments_booked", now.total(Metric::AppointmentsBooked), before.total(Metric::AppointmentsBooked)),
        count("appointments_cancelled", now.total(Metric::AppointmentsCancelled), before.total(Metric::AppointmentsCancelled)),
    ];
    let (coach_count, coach_minutes) = (now.by_dim(Metric::CoachAccompaniments), now.by_dim(Metric::CoachMinutes));
    let coach_ids: std::collections::BTreeSet<i64> =
        coach_count.keys().chain(coach_minutes.keys()).filter_map(|dim| dim.parse().ok()).collect();
    let mut coaches: Vec<CoachLine> = coach_ids
        .into_iter()
        .map(|coach_id| CoachLine {
            coach_id,
            accompaniments: coach_count.get(&coach_id.to_string()).copied().unwrap_or(0),
            minutes: coach_minutes.get(&coach_id.to_string()).copied().unwrap_or(0),
        })
        .collect();
    coaches.sort_by(|a, b| b.accompaniments.cmp(&a.accompaniments).then(b.minutes.cmp(&a.minutes)).then(a.coach_id.cmp(&b.coach_id)));
    let stock = Sums::of(input.stock);
    let coverage = Coverage {
        listings: stock.total(Metric::Listings),
        with_website: stock.total(Metric::ListingsWithWebsite),
        click_collect: stock.total(Metric::ListingsClickCollect),
        online_shop: stock.total(Metric::ListingsOnlineShop),
    };
    let months = months(input, period, &valid_until, &cumulative);
    let passport_target_levels = input
        .targets
        .iter()
        .filter(|t| t.indicator == Indicator::Passports)
        .map(|t| {
            let start = Month { year: chrono::Datelike::year(&t.starts_on), month: chrono::Datelike::month(&t.starts_on) };
            (t.clone(), t.value + valid_until(start.previous()))
        })
        .collect();
    let targets = input.targets.iter().map(|t| progress(t, &t.indicator.monthly(input.history), input.today)).collect();
    Dashboard {
        period,
        previous,
        reach,
        audiences,
        results,
        axes,
        levels,
        coaching,
        coaches,
        coverage,
        months,
        passport_target_levels,
        targets,
    }
}

fn months(
    input: &Input<'_>,
    period: Period,
    valid_until: &dyn Fn(Month) -> i64,
    cumulative: &dyn Fn(Metric, Month) -> i64,
) -> Vec<MonthLine> {
    let mut lines: BTreeMap<Month, MonthLine> =
        period.months().into_iter().map(|m| (m, MonthLine { month: Some(m), ..MonthLine::default() })).collect();
    for row in input.rows.iter().filter(|r| r.dim.is_empty()) {
        let Some(line) = Month::parse(&row.month).and_then(|m| lines.get_mut(&m)) else { continue };
        match Metric::parse(&row.metric) {
            Some(Metric::PeopleNew) => line.people_new += row.value,
            Some(Metric::WorkshopsHeld) => line.workshops_held += row.value,
            Some(Metric::Seats) => line.seats += row.value,
            Some(Metric::Registered) => line.registered += row.value,
            Some(Metric::Attended) => line.attended += row.value,
            Some(Metric::NoShows) => line.no_shows += row.value,
            Some(Metric::Diagnostics) => line.diagnostics += row.value,
            Some(Metric::PassportsIssued) => line.passports += row.value,
            Some(Metric::PassportsRevoked) => line.passports -= row.value,
            _ => {}
        }
    }
    for (month, line) in &mut lines {
        line.people_cumulative = cumulative(Metric::PeopleNew, *month);
        line.passports_cumulative = valid_until(*month);
    }
    lines.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(month: &str, metric: Metric, dim: &str, value: i64) -> StatRow {
        StatRow { month: month.into(), metric: metric.as_str().into(), dim: dim.into(), value }
    }

    fn month(s: &str) -> Month {
        Month::parse(s).expect("month")
    }

    fn figure<'a>(figures: &'a [Figure], id: &str) -> &'a Figure {
        figures.iter().find(|f| f.id == id).expect("figure")
    }

    #[test]
    fn periods_compare_with_the_one_just_before() {
        let p = Period { from: month("2026-03"), to: month("2026-05") };
        assert_eq!(p.month_count(), 3);
        assert_eq!(p.previous(), Period { from: month("2025-12"), to: month("2026-02") });
        assert_eq!(Period::year_to(month("2026-11")).from, month("2025-12"));
    }

    #[test]
    fn figures_rates_and_splits() {
        let rows = vec![
            row("2026-01", Metric::Seats, "", 10),
            row("2026-01", Metric::Registered, "", 4),
            row("2026-01", Metric::NoShows, "", 1),
            row("2026-02", Metric::Seats, "", 10),
            row("2026-02", Metric::Registered, "", 8),
            row("2026-02", Metric::NoShows, "", 2),
            row("2026-02", Metric::PeopleNew, "", 5),
            row("2026-02", Metric::AttendedByAudience, "public", 6),
            row("2026-02", Metric::SurveyResponses, "", 2),
            row("2026-02", Metric::SatisfactionPoints, "", 34),
            row("2026-02", Metric::Diagnostics, "", 2),
            row("2026-02", Metric::DiagnosticAxisPoints, "presence", 150),
            row("2026-02", Metric::CoachAccompaniments, "7", 3),
            row("2026-02", Metric::CoachMinutes, "7", 90),
            row("2026-02", Metric::AccompanimentMinutes, "", 90),
            row("2026-02", Metric::PassportsIssued, "", 3),
            row("2026-02", Metric::PassportsRevoked, "", 1),
        ];
        let history = vec![
            row("2025-06", Metric::PeopleNew, "", 7),
            row("2026-02", Metric::PeopleNew, "", 5),
            row("2025-06", Metric::PassportsIssued, "", 4),
            row("2026-02", Metric::PassportsIssued, "", 3),
            row("2026-02", Metric::PassportsRevoked, "", 1),
        ];
        let stock = vec![row("stock", Metric::Listings, "", 4), row("stock", Metric::ListingsWithWebsite, "", 1)];
        let today = NaiveDate::from_ymd_opt(2026, 2, 10).expect("day");
        let target = Target {
            id: 1,
            territory_id: 1,
            indicator: Indicator::Passports,
            value: 10,
            starts_on: NaiveDate::from_ymd_opt(2026, 1, 1).expect("day"),
            ends_on: NaiveDate::from_ymd_opt(2026, 12, 31).expect("day"),
        };
        let d = build(&Input {
            period: Period { from: month("2026-02"), to: month("2026-02") },
            rows: &rows,
            history: &history,
            stock: &stock,
            targets: std::slice::from_ref(&target),
            today,
        });
        assert_eq!(figure(&d.reach, "fill_rate").value, Some(80.0));
        assert_eq!(figure(&d.reach, "fill_rate").previous, Some(40.0));
        assert_eq!(figure(&d.reach, "fill_rate").change(), Some(40.0));
        assert_eq!(figure(&d.reach, "no_show_rate").value, Some(25.0));
        assert_eq!(figure(&d.reach, "people_cumulative").value, Some(12.0));
        assert_eq!(figure(&d.reach, "people_cumulative").previous, Some(7.0));
        assert_eq!(figure(&d.results, "satisfaction").value, Some(4.25));
        assert_eq!(figure(&d.results, "satisfaction").previous, None, "nothing to divide by");
        assert_eq!(figure(&d.results, "passports").value, Some(2.0));
        assert_eq!(figure(&d.results, "passports_cumulative").value, Some(6.0));
        assert_eq!(d.axes, vec![Split { dim: "presence".into(), value: Some(75.0), previous: None }]);
        assert_eq!(d.audiences[0].value, Some(6.0));
        assert_eq!(d.coaches, vec![CoachLine { coach_id: 7, accompaniments: 3, minutes: 90 }]);
        assert_eq!(figure(&d.coaching, "accompaniment_hours").value, Some(1.5));
        assert_eq!(d.coverage.share(d.coverage.with_website), Some(25.0));
        assert_eq!(Coverage { listings: 0, with_website: 0, click_collect: 0, online_shop: 0 }.share(0), None);
        assert_eq!(d.months.len(), 1);
        assert_eq!((d.months[0].passports, d.months[0].passports_cumulative, d.months[0].people_cumulative), (2, 6, 12));
        // The passport target counts from January: 2 so far, its line at 4 + 10.
        assert_eq!(d.targets[0].pace.achieved, 2);
        assert_eq!(d.passport_target_levels[0].1, 14);
    }
}
