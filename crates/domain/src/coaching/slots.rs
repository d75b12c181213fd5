//! Free slots of a coach, computed from weekly hours in Europe/Paris local time, exceptions,
//! the appointments already booked and the booking rules. Pure: the same function lists the
//! slots on a page and checks, inside the booking transaction, that a slot is still free.

use super::model::{Availability, ExceptionKind, Slot, WeeklyHours};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Europe::Paris;

/// Minutes in a day.
const DAY_MINUTES: u16 = 24 * 60;

/// The local (Europe/Paris) date of an instant.
pub fn local_date(at: i64) -> NaiveDate {
    Paris.timestamp_opt(at, 0).single().map(|d| d.date_naive()).unwrap_or_default()
}

/// Parses a local day written `YYYY-MM-DD` (as the store keeps exceptions).
pub fn parse_day(value: &str, format: &str) -> chrono::ParseResult<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), format)
}

/// The instant of a local date and minute of the day; `None` in the spring gap, when clocks
/// jump from 02:00 to 03:00 and that local time does not exist. In the autumn overlap the
/// first of the two instants is taken.
pub fn local_instant(day: NaiveDate, minute: u16) -> Option<i64> {
    let time = NaiveTime::from_num_seconds_from_midnight_opt(u32::from(minute) * 60, 0)?;
    Paris.from_local_datetime(&day.and_time(time)).earliest().map(|d| d.timestamp())
}

/// The spans of one local day, in minutes after midnight, sorted and merged: the weekly hours
/// of its weekday, minus closures, plus one-off openings.
pub fn day_spans(availability: &Availability, day: NaiveDate) -> Vec<(u16, u16)> {
    let weekday = day.weekday().number_from_monday() as u8;
    let mut spans: Vec<(u16, u16)> = availability
        .weekly
        .iter()
        .filter(|h| h.weekday == weekday)
        .map(|h: &WeeklyHours| (h.starts_minute, h.ends_minute.min(DAY_MINUTES)))
        .collect();
    let covering = || availability.exceptions.iter().filter(move |e| e.first_day <= day && day <= e.last_day);
    for closure in covering().filter(|e| e.kind == ExceptionKind::Closed) {
        let (from, to) = closure.minutes.unwrap_or((0, DAY_MINUTES));
        spans = spans.into_iter().flat_map(|span| subtract(span, (from, to))).collect();
    }
    spans.extend(covering().filter(|e| e.kind == ExceptionKind::Open).filter_map(|e| e.minutes));
    merge(spans)
}

/// `span` without `cut`: zero, one or two spans.
fn subtract((start, end): (u16, u16), (cut_start, cut_end): (u16, u16)) -> Vec<(u16, u16)> {
    if cut_end <= start || end <= cut_start {
        return vec![(start, end)];
    }
    [(start, cut_start), (cut_end, end)].into_iter().filter(|(s, e)| s < e).collect()
}

/// Sorts spans and merges those that overlap or touch.
fn merge(mut spans: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
    spans.retain(|(s, e)| s < e);
    spans.sort_unstable();
    let mut merged: Vec<(u16, u16)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The free slots starting in `[from, until)`, and no sooner than the notice nor later than
/// the horizon allow from `now`. `booked` are the coach's live appointments (any order): a slot
/// keeps the buffer away from each, and a local day holding `max_per_day` of them has none.
pub fn free_slots(availability: &Availability, booked: &[Slot], now: i64, from: i64, until: i64) -> Vec<Slot> {
    let rules = availability.rules;
    let length = i64::from(rules.appointment_minutes) * 60;
    let buffer = i64::from(rules.buffer_minutes) * 60;
    if length <= 0 {
        return Vec::new();
    }
    let from = from.max(now + i64::from(rules.notice_hours) * 3600);
    let until = until.min(now + i64::from(rules.horizon_days) * 86_400);
    if from >= until {
        return Vec::new();
    }
    let step = rules.appointment_minutes + rules.buffer_minutes;
    let mut slots = Vec::new();
    let mut day = local_date(from);
    let last_day = local_date(until);
    while day <= last_day {
        let taken_today = booked.iter().filter(|b| local_date(b.starts_at) == day).count();
        if taken_today < usize::from(rules.max_per_day) {
            for (span_start, span_end) in day_spans(availability, day) {
                let mut minute = span_start;
                while minute + rules.appointment_minutes <= span_end {
                    if let Some(starts_at) = local_instant(day, minute) {
                        let slot = Slot { starts_at, ends_at: starts_at + length };
                        let clear = booked.iter().all(|b| slot.starts_at >= b.ends_at + buffer || b.starts_at >= slot.ends_at + buffer);
                        if clear && (from..until).contains(&starts_at) {
                            slots.push(slot);
                        }
                    }
                    minute += step.max(1);
                }
            }
        }
        day += Duration::days(1);
    }
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// Whether `slot` is one of the free slots at `now`: what a booking checks under the coach's
/// lock, with the appointments read inside the same transaction.
pub fn is_free(availability: &Availability, booked: &[Slot], now: i64, slot: Slot) -> bool {
    free_slots(availability, booked, now, slot.starts_at, slot.starts_at + 1).first() == Some(&slot)
}

/// The first free slot, if any within the horizon.
pub fn next_free_slot(availability: &Availability, booked: &[Slot], now: i64) -> Option<Slot> {
    let horizon = now + i64::from(availability.rules.horizon_days) * 86_400;
    // Look a week at a time: most coaches have a slot within the first week.
    let mut from = now;
    while from < horizon {
        let until = (from + 7 * 86_400).min(horizon);
        if let Some(slot) = free_slots(availability, booked, now, from, until).first() {
            return Some(*slot);
        }
        from = until;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coaching::model::{AvailabilityException, BookingRules};

    fn ts(day: &str, hm: &str) -> i64 {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("test value");
        let (h, m) = hm.split_once(':').expect("test value");
        local_instant(day, h.parse::<u16>().expect("test value") * 60 + m.parse::<u16>().expect("test value")).expect("test value")
    }

    fn day(value: &str) -> NaiveDate {
        NaiveDate::parse_from_str(value, "%Y-%m-%d").expect("test value")
    }

    /// Mondays 09:00–12:00, hour-long appointments, 15 minutes' buffer, no notice.
    fn mondays() -> Availability {
        Availability {
            weekly: vec![WeeklyHours { weekday: 1, starts_minute: 9 * 60, ends_minute: 12 * 60 }],
            exceptions: vec![],
            rules: BookingRules { appointment_minutes: 60, buffer_minutes: 15, max_per_day: 10, notice_hours: 0, horizon_days: 365 },
        }
    }

    fn starts(slots: &[Slot]) -> Vec<i64> {
        slots.iter().map(|s| s.starts_at).collect()
    }

    #[test]
    fn weekly_hours_give_slots_spaced_by_length_and_buffer() {
        let now = ts("2026-11-01", "00:00");
        let slots = free_slots(&mondays(), &[], now, ts("2026-11-02", "00:00"), ts("2026-11-03", "00:00"));
        // 09:00–10:00, 10:15–11:15; 11:30 would end at 12:30, after closing.
        assert_eq!(starts(&slots), vec![ts("2026-11-02", "09:00"), ts("2026-11-02", "10:15")]);
        assert_eq!(slots[0].ends_at - slots[0].starts_at, 3600);
    }

    #[test]
    fn local_hours_hold_across_the_daylight_saving_changes() {
        let now = ts("2026-03-01", "00:00");
        let week = 7 * 86_400;
        // Monday 23 March 2026 is in winter time (UTC+1), Monday 30 March in summer time (UTC+2).
        let winter = free_slots(&mondays(), &[], now, ts("2026-03-23", "00:00"), ts("2026-03-24", "00:00"));
        let summer = free_slots(&mondays(), &[], now, ts("2026-03-30", "00:00"), ts("2026-03-31", "00:00"));
        assert_eq!(winter[0].starts_at % 86_400, 8 * 3600, "09:00 in Paris is 08:00 UTC in winter");
        assert_eq!(summer[0].starts_at % 86_400, 7 * 3600, "09:00 in Paris is 07:00 UTC in summer");
        assert_eq!(summer[0].starts_at - winter[0].starts_at, week - 3600, "the week of the change is an hour short");
        // Autumn: Monday 26 October 2026 is back in winter time.
        let autumn = free_slots(&mondays(), &[], now, ts("2026-10-26", "00:00"), ts("2026-10-27", "00:00"));
        assert_eq!(autumn[0].starts_at % 86_400, 8 * 3600);
    }

    #[test]
    fn the_spring_gap_has_no_slot_and_the_autumn_overlap_one() {
        let now = ts("2026-03-01", "00:00");
        let mut night = mondays();
        night.rules.buffer_minutes = 0;
        // A one-off opening from 01:00 to 04:00 on the night clocks go forward (29 March 2026).
        night.exceptions.push(AvailabilityException {
            id: 1,
            kind: ExceptionKind::Open,
            first_day: day("2026-03-29"),
            last_day: day("2026-03-29"),
            minutes: Some((60, 240)),
            note: String::new(),
        });
        let slots = free_slots(&night, &[], now, ts("2026-03-29", "00:00"), ts("2026-03-30", "00:00"));
        // 01:00 (00:00 UTC) and 03:00 (01:00 UTC): 02:00 does not exist that night.
        assert_eq!(starts(&slots), vec![ts("2026-03-29", "01:00"), ts("2026-03-29", "03:00")]);
        assert_eq!(slots[1].starts_at - slots[0].starts_at, 3600);
        assert!(local_instant(day("2026-03-29"), 150).is_none());
        // The night clocks go back (25 October 2026), 02:00 happens twice: one slot, the first.
        night.exceptions[0].first_day = day("2026-10-25");
        night.exceptions[0].last_day = day("2026-10-25");
        let slots = free_slots(&night, &[], now, ts("2026-10-25", "00:00"), ts("2026-10-26", "00:00"));
        assert_eq!(slots.len(), 3);
        assert_eq!(slots[1].starts_at - slots[0].starts_at, 3600);
        assert_eq!(slots[2].starts_at - slots[1].starts_at, 7200, "02:00 CEST, then 03:00 CET two hours later");
    }

    #[test]
    fn closures_remove_and_openings_add() {
        let now = ts("2026-11-01", "00:00");
        let mut a = mondays();
        a.exceptions = vec![
            // Holidays over two Mondays.
            AvailabilityException {
                id: 1,
                kind: ExceptionKind::Closed,
                first_day: day("2026-12-21"),
                last_day: day("2027-01-03"),
                minutes: None,
                note: "Congés".into(),
            },
            // A morning off on 9 November from 10:00.
            AvailabilityException {
                id: 2,
                kind: ExceptionKind::Closed,
                first_day: day("2026-11-09"),
                last_day: day("2026-11-09"),
                minutes: Some((600, 720)),
                note: String::new(),
            },
            // A Saturday opening.
            AvailabilityException {
                id: 3,
                kind: ExceptionKind::Open,
                first_day: day("2026-11-14"),
                last_day: day("2026-11-14"),
                minutes: Some((14 * 60, 16 * 60)),
                note: "Salon".into(),
            },
        ];
        let between = |from: &str, to: &str| starts(&free_slots(&a, &[], now, ts(from, "00:00"), ts(to, "00:00")));
        assert!(between("2026-12-21", "2027-01-04").is_empty(), "no slot during the holidays");
        assert_eq!(between("2027-01-04", "2027-01-05").len(), 2, "back after them");
        assert_eq!(between("2026-11-09", "2026-11-10"), vec![ts("2026-11-09", "09:00")]);
        assert_eq!(between("2026-11-14", "2026-11-15"), vec![ts("2026-11-14", "14:00")]);
    }

    #[test]
    fn booked_appointments_notice_horizon_and_daily_maximum() {
        let now = ts("2026-11-01", "00:00");
        let monday = |hm| ts("2026-11-02", hm);
        let mut a = mondays();
        a.weekly[0].ends_minute = 18 * 60;
        let all = free_slots(&a, &[], now, monday("00:00"), monday("23:00"));
        assert_eq!(all.len(), 7);
        // An appointment booked 10:15–11:15 keeps its neighbours a buffer away.
        let booked = [Slot { starts_at: monday("10:15"), ends_at: monday("11:15") }];
        let free = free_slots(&a, &booked, now, monday("00:00"), monday("23:00"));
        assert_eq!(free.len(), 6);
        assert!(!free.iter().any(|s| s.starts_at == monday("10:15")));
        assert!(is_free(&a, &booked, now, all[0]));
        assert!(!is_free(&a, &booked, now, all[1]));
        // A slot off the grid is not free even when nothing is booked then.
        assert!(!is_free(&a, &[], now, Slot { starts_at: monday("09:05"), ends_at: monday("10:05") }));
        // An appointment at another time overlapping the buffer also blocks.
        let odd = [Slot { starts_at: monday("11:00"), ends_at: monday("11:20") }];
        assert!(!is_free(&a, &odd, now, all[2]), "11:30 is only 10 minutes after 11:20");
        // Daily maximum: two booked, at most two a day: nothing left that day.
        a.rules.max_per_day = 2;
        let two = [all[0], all[3]];
        assert!(free_slots(&a, &two, now, monday("00:00"), monday("23:00")).is_empty());
        // Notice: 24 hours from Monday 08:00 leaves nothing that Monday.
        a.rules.notice_hours = 24;
        assert!(free_slots(&a, &[], monday("08:00"), monday("00:00"), monday("23:00")).is_empty());
        // Horizon: 7 days from the Sunday before does not reach the Monday after next.
        a.rules.horizon_days = 7;
        let next = next_free_slot(&a, &[], now).expect("test value");
        assert_eq!(next.starts_at, ts("2026-11-02", "09:00"));
        assert!(free_slots(&a, &[], now, ts("2026-11-09", "00:00"), ts("2026-11-10", "00:00")).is_empty());
    }
}
