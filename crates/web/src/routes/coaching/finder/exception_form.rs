//! The exception form's fields and their checking: closed or open, a run of days, the hours
//! (none: the whole day, closures only) and a note.

use super::availability_form::parse_minute;
use chrono::NaiveDate;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::coaching::{AvailabilityException, ExceptionKind};

/// Longest run of days an exception covers.
const MAX_EXCEPTION_DAYS: i64 = 366;
/// Longest note of an exception.
const MAX_NOTE: usize = 200;

/// An exception as typed.
#[derive(Debug, Clone, Default)]
pub struct ExceptionFields {
    /// `closed` or `open`.
    pub kind: String,
    /// First day, `YYYY-MM-DD`.
    pub first_day: String,
    /// Last day (empty: the first).
    pub last_day: String,
    /// From (empty: the whole day, closures only).
    pub from: String,
    /// To.
    pub to: String,
    /// Why.
    pub note: String,
}

impl ExceptionFields {
    /// Reads a submitted form.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut fields = ExceptionFields { kind: "closed".into(), ..ExceptionFields::default() };
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "kind" => fields.kind = value,
                "first_day" => fields.first_day = value,
                "last_day" => fields.last_day = value,
                "from" => fields.from = value,
                "to" => fields.to = value,
                "note" => fields.note = value,
                _ => {}
            }
        }
        fields
    }

    /// Checks the fields: valid dates, last ≥ first, a year at most; hours both or neither,
    /// end after start; an opening always has hours.
    pub fn parse(&self) -> Result<AvailabilityException, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = ExceptionKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(FieldError { field: "kind", key: "coach-edit-exception-error-kind" });
        }
        let day = |value: &str| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
        let first = day(&self.first_day);
        if first.is_none() {
            errors.push(FieldError { field: "first_day", key: "coach-edit-exception-error-date" });
        }
        let last = if self.last_day.is_empty() { first } else { day(&self.last_day) };
        match (first, last) {
            (_, None) => errors.push(FieldError { field: "last_day", key: "coach-edit-exception-error-date" }),
            (Some(f), Some(l)) if l < f => errors.push(FieldError { field: "last_day", key: "coach-edit-exception-error-order" }),
            (Some(f), Some(l)) if (l - f).num_days() > MAX_EXCEPTION_DAYS => {
                errors.push(FieldError { field: "last_day", key: "coach-edit-exception-error-long" })
            }
            _ => {}
        }
        let minutes = match (self.from.is_empty(), self.to.is_empty()) {
            (true, true) => None,
            _ => match (parse_minute(&self.from), parse_minute(&self.to)) {
                (Some(s), Some(e)) if s < e => Some((s, e)),
                (Some(_), Some(_)) => {
                    errors.push(FieldError { field: "from", key: "coach-edit-hours-error-order" });
                    None
                }
                _ => {
                    errors.push(FieldError { field: "from", key: "coach-edit-hours-error-time" });
                    None
                }
            },
        };
        if kind == Some(ExceptionKind::Open) && minutes.is_none() && !errors.iter().any(|e| e.field == "from") {
            errors.push(FieldError { field: "from", key: "coach-edit-exception-error-open-hours" });
        }
        if self.note.chars().count() > MAX_NOTE {
            errors.push(FieldError { field: "note", key: "coach-edit-form-error-too-long" });
        }
        match (kind, first, last) {
            (Some(kind), Some(first_day), Some(last_day)) if errors.is_empty() => {
                Ok(AvailabilityException { id: 0, kind, first_day, last_day, minutes, note: self.note.clone() })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn exceptions_need_valid_dates_in_order_and_openings_hours() {
        let closed = ExceptionFields::from_pairs(&pairs(&[("kind", "closed"), ("first_day", "2026-12-21"), ("note", "Congés")]))
            .parse()
            .expect("valid");
        assert_eq!((closed.first_day, closed.last_day, closed.minutes), (closed.first_day, closed.first_day, None));
        let reversed = ExceptionFields::from_pairs(&pairs(&[("first_day", "2026-12-21"), ("last_day", "2026-12-01")])).parse();
        assert_eq!(reversed.expect_err("invalid")[0].field, "last_day");
        let open = ExceptionFields::from_pairs(&pairs(&[("kind", "open"), ("first_day", "2026-12-05")])).parse();
        assert_eq!(open.expect_err("invalid")[0].key, "coach-edit-exception-error-open-hours");
        let bad_date = ExceptionFields::from_pairs(&pairs(&[("first_day", "2026-02-30")])).parse();
        assert_eq!(bad_date.expect_err("invalid")[0].field, "first_day");
    }
}
