//! Sessions as iCalendar events, shared by the feeds and the registrant's own file: one
//! mapping, so that a session has the same UID, title and place everywhere and a calendar
//! that holds it twice (feed and invitation) shows it once.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use tremplin_domain::events::mail::location_line;
use tremplin_domain::events::{Event, EventStatus};
use tremplin_interchange::icalendar::CalendarEvent;
use tremplin_mail::events::session_uid;

/// Media type of iCalendar files.
pub const ICS_TYPE: &str = "text/calendar; charset=utf-8";

/// The iCalendar event of a session (no organizer nor attendee: feeds are public).
pub fn calendar_event(event: &Event, base_url: &str) -> CalendarEvent {
    let page = format!("{base_url}/ateliers/{}", event.slug);
    let mut description = event.description.trim().to_owned();
    if !event.online_url.is_empty() {
        description.push_str(&format!("\n\n{}", event.online_url));
    }
    if !event.accessibility.is_empty() {
        description.push_str(&format!("\n\n{}", event.accessibility));
    }
    description.push_str(&format!("\n\n{page}"));
    let location = location_line(event);
    CalendarEvent {
        uid: session_uid(&event.slug, base_url),
        summary: event.title.clone(),
        description: description.trim().to_owned(),
        location: if location.is_empty() { event.online_url.clone() } else { location },
        geo: event.venue.latitude.zip(event.venue.longitude),
        url: page,
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        cancelled: event.status == EventStatus::Cancelled,
        categories: event.themes.clone(),
        organizer: None,
        attendee: None,
        // The same revision as the invitations, so a calendar holding both keeps the newest.
        sequence: event.sequence,
    }
}

/// An iCalendar response; `cache` is the `Cache-Control` value, `file` the name offered.
pub fn ics_response(text: String, cache: &'static str, disposition: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, ICS_TYPE.to_owned()),
            (header::CACHE_CONTROL, cache.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response()
}
