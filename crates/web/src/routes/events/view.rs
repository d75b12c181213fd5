//! What the public pages of workshops share: dates in Europe/Paris, labels of themes,
//! audiences and levels, the seats line, and the API's view of a session (never a
//! registrant's name).

use crate::i18n::Tr;
use chrono::{DateTime, Datelike};
use chrono_tz::Europe::Paris;
use chrono_tz::Tz;
use serde::Serialize;
use tremplin_domain::directory::hours::weekday_key;
use tremplin_domain::events::{Audience, Event, EventStatus, Level};
use tremplin_interchange::event_jsonld::paris_iso;
use utoipa::ToSchema;

/// An instant in Europe/Paris.
pub fn paris(ts: i64) -> DateTime<Tz> {
    DateTime::from_timestamp(ts, 0).unwrap_or_default().with_timezone(&Paris)
}

/// The day of an instant, written out: "jeudi 03/12/2026".
pub fn day_label(tr: &Tr, ts: i64) -> String {
    let at = paris(ts);
    format!("{} {}", tr.t(weekday_key(at.weekday().number_from_monday())), at.format("%d/%m/%Y"))
}

/// The key grouping sessions by local day.
pub fn day_key(ts: i64) -> String {
    paris(ts).format("%Y-%m-%d").to_string()
}

/// "14:00–16:00", local time.
pub fn time_range(event: &Event) -> String {
    format!("{}–{}", paris(event.starts_at).format("%H:%M"), paris(event.ends_at).format("%H:%M"))
}

/// "jeudi 03/12/2026, 14:00–16:00" (the end date added when the session spans days).
pub fn when(tr: &Tr, event: &Event) -> String {
    if day_key(event.starts_at) == day_key(event.ends_at) {
        format!("{}, {}", day_label(tr, event.starts_at), time_range(event))
    } else {
        format!(
            "{} {} – {} {}",
            day_label(tr, event.starts_at),
            paris(event.starts_at).format("%H:%M"),
            day_label(tr, event.ends_at),
            paris(event.ends_at).format("%H:%M")
        )
    }
}

/// Label of a theme slug.
pub fn theme_label(tr: &Tr, theme: &str) -> String {
    tr.t(&format!("event-theme-{}", theme.replace('_', "-")))
}

/// Label of an audience.
pub fn audience_label(tr: &Tr, audience: &Audience) -> String {
    tr.t(&format!("event-audience-{}", audience.as_str()))
}

/// Label of a level.
pub fn level_label(tr: &Tr, level: &Level) -> String {
    tr.t(&format!("event-level-{}", level.as_str()))
}

/// "12 places restantes", "Complet — liste d'attente (3)", or "Annulée".
pub fn seats_text(tr: &Tr, event: &Event) -> String {
    if event.status == EventStatus::Cancelled {
        tr.t("event-status-cancelled")
    } else if event.seats_left() > 0 {
        tr.tn("event-seats-left", "count", event.seats_left())
    } else {
        tr.tn("event-full-waitlist", "count", event.waitlisted)
    }
}

/// CSS class of the seats line.
pub fn seats_class(event: &Event) -> &'static str {
    if event.status == EventStatus::Cancelled || event.seats_left() == 0 { "seats full" } else { "seats" }
}

/// Where: the venue's name and commune, or "en ligne".
pub fn where_text(tr: &Tr, event: &Event) -> String {
    if event.is_online() {
        return tr.t("event-online");
    }
    let mut text = event.venue.name.clone();
    if let Some(commune) = &event.venue.commune
        && !commune.is_empty()
    {
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(commune);
    }
    if text.is_empty() { event.venue.address.clone() } else { text }
}

/// The venue of a session in the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct VenueDto {
    /// Name of the place.
    pub name: String,
    /// Street address.
    pub address: String,
    /// Commune name.
    pub commune: Option<String>,
    /// Commune INSEE code.
    pub insee: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Room.
    pub room: String,
    /// Slug of the directory place (`/annuaire/{slug}`), when the venue is one.
    pub listing_slug: Option<String>,
}

/// A session in the API: what its public page shows.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDto {
    /// Identifier in URLs (`/ateliers/{slug}`).
    pub slug: String,
    /// Page of the session.
    pub url: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Module references.
    pub modules: Vec<String>,
    /// `public`, `professionals`, `students`, `seniors`.
    pub audiences: Vec<String>,
    /// `beginner`, `intermediate`, `advanced`.
    pub level: String,
    /// Language tag.
    pub language: String,
    /// `scheduled` or `cancelled`.
    pub status: String,
    /// Start, ISO 8601 with the Europe/Paris offset.
    pub starts_at: String,
    /// End, ISO 8601 with offset.
    pub ends_at: String,
    /// Venue (absent when online only).
    pub venue: Option<VenueDto>,
    /// Link to join online.
    pub online_url: Option<String>,
    /// Accessibility notes.
    pub accessibility: String,
    /// Seats in all.
    pub capacity: i64,
    /// Seats left.
    pub seats_left: i64,
    /// People on the waitlist.
    pub waitlisted: i64,
    /// Whether one can register now.
    pub registration_open: bool,
    /// Trainers' names.
    pub trainers: Vec<String>,
    /// Organising territory (slug).
    pub territory: String,
    /// Large event (slug), when part of one.
    pub programme: Option<String>,
    /// Series (slug), when part of one.
    pub series: Option<String>,
}

impl EventDto {
    /// The API view of a session at `now`.
    pub fn new(event: &Event, base_url: &str, now: i64) -> Self {
        let in_person = !event.venue.name.is_empty() || !event.venue.address.is_empty();
        let v = &event.venue;
        EventDto {
            slug: event.slug.clone(),
            url: format!("{base_url}/ateliers/{}", event.slug),
            title: event.title.clone(),
            description: event.description.clone(),
            themes: event.themes.clone(),
            modules: event.modules.clone(),
            audiences: event.audiences.iter().map(|a| a.as_str().to_owned()).collect(),
            level: event.level.as_str().to_owned(),
            language: event.language.clone(),
            status: event.status.as_str().to_owned(),
            starts_at: paris_iso(event.starts_at),
            ends_at: paris_iso(event.ends_at),
            venue: in_person.then(|| VenueDto {
                name: v.name.clone(),
                address: v.address.clone(),
                commune: v.commune.clone(),
                insee: v.insee.clone(),
                lat: v.latitude,
                lon: v.longitude,
                room: v.room.clone(),
                listing_slug: v.listing_slug.clone(),
            }),
            online_url: (!event.online_url.is_empty()).then(|| event.online_url.clone()),
            accessibility: event.accessibility.clone(),
            capacity: event.capacity,
            seats_left: event.seats_left(),
            waitlisted: event.waitlisted,
            registration_open: event.registration_open(now),
            trainers: event.trainers.iter().map(|t| t.name.clone()).collect(),
            territory: event.territory_slug.clone(),
            programme: event.programme_slug.clone(),
            series: event.series_slug.clone(),
        }
    }
}

/// Sessions of one local day.
#[derive(Debug)]
pub struct DayGroup {
    /// "jeudi 03/12/2026".
    pub label: String,
    /// Sessions, by start.
    pub events: Vec<Event>,
}

/// Groups sessions (sorted by start) by local day.
pub fn by_day(tr: &Tr, events: Vec<Event>) -> Vec<DayGroup> {
    let mut groups: Vec<(String, DayGroup)> = Vec::new();
    for event in events {
        let key = day_key(event.starts_at);
        match groups.last_mut() {
            Some((last, group)) if *last == key => group.events.push(event),
            _ => groups.push((key, DayGroup { label: day_label(tr, event.starts_at), events: vec![event] })),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}
