//! The weekly hours form's fields and their checking: a few spans per weekday
//! (`09:00`–`12:00`) and the booking rules.

use std::sync::LazyLock;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::coaching::{Availability, BookingRules, WeeklyHours};

/// Spans offered per weekday on the form.
pub const SPANS_PER_DAY: usize = 3;

/// The field name of each span's start (`h1_0` … `h7_2`), which carries its error; static so
/// that an error can name it.
static SPAN_FIELDS: LazyLock<Vec<String>> =
    LazyLock::new(|| (1..=7).flat_map(|d| (0..SPANS_PER_DAY).map(move |i| format!("h{d}_{i}"))).collect());

fn span_field(weekday: u8, index: usize) -> &'static str {
    SPAN_FIELDS.get(usize::from(weekday - 1) * SPANS_PER_DAY + index).map(String::as_str).unwrap_or("hours")
}

/// "09:00" → minutes after midnight; "24:00" is the end of the day.
pub fn parse_minute(value: &str) -> Option<u16> {
    let (h, m) = value.trim().split_once(':')?;
    let (h, m) = (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

/// Minutes after midnight → "09:00".
pub fn minute_text(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// One span as typed.
#[derive(Debug, Clone, Default)]
pub struct SpanFields {
    /// Field name of its start (its end is the same with `_end`).
    pub name: &'static str,
    /// Start.
    pub start: String,
    /// End.
    pub end: String,
}

/// The weekly hours and rules as typed.
#[derive(Debug, Clone, Default)]
pub struct HoursFields {
    /// Per weekday (1 = Monday), [`SPANS_PER_DAY`] spans.
    pub days: Vec<(u8, Vec<SpanFields>)>,
    /// Appointment length, minutes.
    pub appointment_minutes: String,
    /// Buffer, minutes.
    pub buffer_minutes: String,
    /// Most per day.
    pub max_per_day: String,
    /// Notice, hours.
    pub notice_hours: String,
    /// Horizon, days.
    pub horizon_days: String,
}

impl HoursFields {
    fn empty() -> Self {
        let days = (1..=7u8)
            .map(|d| (d, (0..SPANS_PER_DAY).map(|i| SpanFields { name: span_field(d, i), ..SpanFields::default() }).collect()))
            .collect();
        HoursFields { days, ..HoursFields::default() }
    }

    /// The fields of a coach's availability.
    pub fn of(availability: &Availability) -> Self {
        let mut fields = HoursFields::empty();
        for (weekday, spans) in &mut fields.days {
            let mut hours: Vec<&WeeklyHours> = availability.weekly.iter().filter(|h| h.weekday == *weekday).collect();
            hours.sort_by_key(|h| h.starts_minute);
            for (span, hours) in spans.iter_mut().zip(hours) {
                span.start = minute_text(hours.starts_minute);
                span.end = minute_text(hours.ends_minute);
            }
        }
        let rules = availability.rules;
        fields.appointment_minutes = rules.appointment_minutes.to_string();
        fields.buffer_minutes = rules.buffer_minutes.to_string();
        fields.max_per_day = rules.max_per_day.to_string();
        fields.notice_hours = rules.notice_hours.to_string();
        fields.horizon_days = rules.horizon_days.to_string();
        fields
    }

    /// Reads a submitted form.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut fields = HoursFields::empty();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "appointment_minutes" => fields.appointment_minutes = value,
                "buffer_minutes" => fields.buffer_minutes = value,
                "max_per_day" => fields.max_per_day = value,
                "notice_hours" => fields.notice_hours = value,
                "horizon_days" => fields.horizon_days = value,
                _ => {
                    for span in fields.days.iter_mut().flat_map(|(_, spans)| spans.iter_mut()) {
                        if key == span.name {
                            span.start = value.clone();
                        } else if key.strip_suffix("_end") == Some(span.name) {
                            span.end = value.clone();
                        }
                    }
                }
            }
        }
        fields
    }

    /// Checks the fields: spans inside the day, end after start, not overlapping; rules
    /// within their bounds.
    pub fn parse(&self) -> Result<(Vec<WeeklyHours>, BookingRules), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut hours = Vec::new();
        for (weekday, spans) in &self.days {
            let mut day: Vec<(u16, u16, &'static str)> = Vec::new();
            for span in spans {
                if span.start.is_empty() && span.end.is_empty() {
                    continue;
                }
                match (parse_minute(&span.start), parse_minute(&span.end)) {
                    (Some(start), Some(end)) if start < end => day.push((start, end, span.name)),
                    (Some(_), Some(_)) => errors.push(FieldError { field: span.name, key: "coach-edit-hours-error-order" }),
                    _ => errors.push(FieldError { field: span.name, key: "coach-edit-hours-error-time" }),
                }
            }
            day.sort_unstable();
            for pair in day.windows(2) {
                if pair[1].0 < pair[0].1 {
                    errors.push(FieldError { field: pair[1].2, key: "coach-edit-hours-error-overlap" });
                }
            }
            hours.extend(day.iter().map(|(s, e, _)| WeeklyHours { weekday: *weekday, starts_minute: *s, ends_minute: *e }));
        }
        let mut number = |value: &str, field: &'static str, range: std::ops::RangeInclusive<u16>, key: &'static str| -> u16 {
            match value.parse::<u16>() {
                Ok(n) if range.contains(&n) => n,
                _ => {
                    errors.push(FieldError { field, key });
                    *range.start()
                }
            }
        };
        let rules = BookingRules {
            appointment_minutes: number(&self.appointment_minutes, "appointment_minutes", 15..=240, "coach-edit-rules-error-length"),
            buffer_minutes: number(&self.buffer_minutes, "buffer_minutes", 0..=120, "coach-edit-rules-error-buffer"),
            max_per_day: number(&self.max_per_day, "max_per_day", 1..=20, "coach-edit-rules-error-max"),
            notice_hours: number(&self.notice_hours, "notice_hours", 0..=336, "coach-edit-rules-error-notice"),
            horizon_days: number(&self.horizon_days, "horizon_days", 1..=365, "coach-edit-rules-error-horizon"),
        };
        if errors.is_empty() { Ok((hours, rules)) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn rules() -> Vec<(&'static str, &'static str)> {
        vec![("appointment_minutes", "45"), ("buffer_minutes", "15"), ("max_per_day", "4"), ("notice_hours", "24"), ("horizon_days", "30")]
    }

    #[test]
    fn spans_must_be_ordered_inside_the_day_and_apart() {
        let mut ok = rules();
        ok.extend([
            ("h1_0", "09:00"),
            ("h1_0_end", "12:00"),
            ("h1_1", "14:00"),
            ("h1_1_end", "17:30"),
            ("h5_0", "08:30"),
            ("h5_0_end", "24:00"),
        ]);
        let (hours, parsed) = HoursFields::from_pairs(&pairs(&ok)).parse().expect("valid");
        assert_eq!(hours.len(), 3);
        assert_eq!((hours[1].starts_minute, hours[1].ends_minute), (14 * 60, 17 * 60 + 30));
        assert_eq!((parsed.appointment_minutes, parsed.horizon_days), (45, 30));
        let mut bad = rules();
        bad.extend([
            ("h2_0", "10:00"),
            ("h2_0_end", "09:00"),
            ("h3_0", "09:00"),
            ("h3_0_end", "12:00"),
            ("h3_1", "11:00"),
            ("h3_1_end", "13:00"),
        ]);
        bad.extend([("h4_0", "25:00"), ("h4_0_end", "26:00")]);
        bad[0].1 = "10";
        let errors = HoursFields::from_pairs(&pairs(&bad)).parse().expect_err("invalid");
        let fields: Vec<(&str, &str)> = errors.iter().map(|e| (e.field, e.key)).collect();
        assert_eq!(
            fields,
            [
                ("h2_0", "coach-edit-hours-error-order"),
                ("h3_1", "coach-edit-hours-error-overlap"),
                ("h4_0", "coach-edit-hours-error-time"),
                ("appointment_minutes", "coach-edit-rules-error-length")
            ]
        );
    }
}
