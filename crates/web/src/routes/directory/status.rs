//! "Open until 19:00", "Closed · opens Tuesday at 09:00": the opening status in words.

use crate::i18n::Tr;
use chrono::{Datelike, NaiveDateTime};
use tremplin_domain::directory::hours::weekday_key;

/// The status of a listing at `at` (local time), in the visitor's language.
pub fn status_text(tr: &Tr, is_open: Option<bool>, next_change: Option<NaiveDateTime>, at: NaiveDateTime) -> String {
    let when = |change: NaiveDateTime| {
        let time = change.format("%H:%M").to_string();
        if change.date() == at.date() {
            time
        } else {
            format!("{} {}", tr.t(weekday_key(change.weekday().number_from_monday())).to_lowercase(), time)
        }
    };
    match (is_open, next_change) {
        (Some(true), Some(change)) => format!("{} · {}", tr.t("directory-open"), tr.t1("directory-until", "time", when(change))),
        (Some(true), None) => tr.t("directory-open"),
        (Some(false), Some(change)) => format!("{} · {}", tr.t("directory-closed"), tr.t1("directory-opens-at", "when", when(change))),
        (Some(false), None) => tr.t("directory-closed"),
        (None, _) => tr.t("directory-hours-unknown"),
    }
}

/// A CSS class for the status badge.
pub fn status_class(is_open: Option<bool>) -> &'static str {
    match is_open {
        Some(true) => "status-open",
        Some(false) => "status-closed",
        None => "status-unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tremplin_kernel::Locale;

    #[test]
    fn in_words() {
        let tr = Tr::new(Locale::Fr);
        let at = NaiveDateTime::parse_from_str("2026-11-26 10:00", "%Y-%m-%d %H:%M").expect("date");
        let noon = NaiveDateTime::parse_from_str("2026-11-26 12:00", "%Y-%m-%d %H:%M").ok();
        assert_eq!(status_text(&tr, Some(true), noon, at), "Ouvert · jusqu'à 12:00");
        let friday = NaiveDateTime::parse_from_str("2026-11-27 09:00", "%Y-%m-%d %H:%M").ok();
        assert_eq!(status_text(&tr, Some(false), friday, at), "Fermé · ouvre vendredi 09:00");
        assert_eq!(status_text(&Tr::new(Locale::En), None, None, at), "Hours not given");
    }
}
