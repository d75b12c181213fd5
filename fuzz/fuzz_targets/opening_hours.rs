//! An `opening_hours` value as typed in the listing form or sent to `/api/v1/opening-hours`:
//! parsing must not panic, and a value accepted is written back (`normalized`) as a value
//! that parses again to the same canonical text. Evaluating it (the listing page's week and
//! "open now", the search's filter) must not panic either.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use tremplin_domain::directory::hours::Hours;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = std::str::from_utf8(data) else { return };
    let Ok(hours) = Hours::parse(value) else { return };
    let canonical = hours.normalized();
    let again = Hours::parse(&canonical).unwrap_or_else(|e| panic!("{value:?} normalised to {canonical:?}, which does not parse: {e:?}"));
    assert_eq!(again.normalized(), canonical, "normalising {value:?} twice gives two values");
    // A fixed instant (a Thursday in winter, a day before a public holiday), not the clock,
    // so that a crash replays.
    let at = Utc.with_ymd_and_hms(2026, 12, 24, 16, 30, 0).single().expect("valid instant");
    let _ = hours.report(at);
});
