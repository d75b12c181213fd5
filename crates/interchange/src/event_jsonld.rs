//! schema.org `Event` data of a workshop session, embedded in its page as JSON-LD so that
//! search engines and aggregators read the date, the place, the seats and the audience.
//!
//! Mapping: `name` ← title; `description`; `startDate`/`endDate` ← ISO 8601 with the
//! Europe/Paris offset; `eventStatus` ← `EventScheduled` or `EventCancelled`;
//! `eventAttendanceMode` ← offline, online or mixed (venue and link); `location` ← `Place`
//! (`PostalAddress`, `GeoCoordinates`, `url` of the directory place) and/or `VirtualLocation`;
//! `organizer` ← the territory (`GovernmentOrganization`); `offers` ← free (`price` 0 EUR),
//! `InStock` or `SoldOut`; `maximumAttendeeCapacity`, `remainingAttendeeCapacity`;
//! `audience` ← `Audience` per audience (French label); `inLanguage`; `performer` ← trainers;
//! `superEvent` ← the large event, when part of one.

use chrono::DateTime;
use chrono_tz::Europe::Paris;
use serde_json::{Value, json};
use tremplin_domain::events::{Event, EventStatus};

/// An instant as ISO 8601 with the Europe/Paris offset (`2026-12-03T14:00:00+01:00`).
pub fn paris_iso(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).map(|d| d.with_timezone(&Paris).to_rfc3339()).unwrap_or_default()
}

/// The schema.org `Event` of a session; `base_url` without a trailing slash.
pub fn event_json_ld(event: &Event, base_url: &str) -> Value {
    let page = format!("{base_url}/ateliers/{}", event.slug);
    let has_venue = !event.venue.name.is_empty() || !event.venue.address.is_empty();
    let has_link = !event.online_url.is_empty();
    let mode = match (has_venue, has_link) {
        (true, true) => "https://schema.org/MixedEventAttendanceMode",
        (false, true) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let status = match event.status {
        EventStatus::Scheduled => "https://schema.org/EventScheduled",
        EventStatus::Cancelled => "https://schema.org/EventCancelled",
    };
    let mut locations = Vec::new();
    if has_venue {
        let mut place = json!({
            "@type": "Place",
            "name": if event.venue.name.is_empty() { &event.venue.address } else { &event.venue.name },
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.venue.address,
                "addressLocality": event.venue.commune.clone().unwrap_or_default(),
                "addressCountry": "FR",
            },
        });
        if let (Some(lat), Some(lon)) = (event.venue.latitude, event.venue.longitude) {
            place["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
        }
        if let Some(slug) = &event.venue.listing_slug {
            place["url"] = Value::String(format!("{base_url}/annuaire/{slug}"));
        }
        locations.push(place);
    }
    if has_link {
        locations.push(json!({"@type": "VirtualLocation", "url": event.online_url}));
    }
    let availability = if event.seats_left() > 0 { "https://schema.org/InStock" } else { "https://schema.org/SoldOut" };
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": page,
        "url": page,
        "name": event.title,
        "description": event.description,
        "startDate": paris_iso(event.starts_at),
        "endDate": paris_iso(event.ends_at),
        "eventStatus": status,
        "eventAttendanceMode": mode,
        "location": if locations.len() == 1 { locations.remove(0) } else { Value::Array(locations) },
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": event.territory_name,
            "url": format!("{base_url}/territoires/{}", event.territory_slug),
        },
        "offers": {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "EUR",
            "availability": availability,
            "url": page,
        },
        "isAccessibleForFree": true,
        "maximumAttendeeCapacity": event.capacity,
        "remainingAttendeeCapacity": event.seats_left(),
        "audience": event.audiences.iter().map(|a| json!({"@type": "Audience", "audienceType": a.label_fr()})).collect::<Vec<_>>(),
        "inLanguage": event.language,
    });
    if !event.trainers.is_empty() {
        data["performer"] = event.trainers.iter().map(|t| json!({"@type": "Person", "name": t.name})).collect::<Vec<_>>().into();
    }
    if let (Some(slug), Some(title)) = (&event.programme_slug, &event.programme_title) {
        data["superEvent"] = json!({"@type": "Event", "name": title, "url": format!("{base_url}/evenements/{slug}")});
    }
    data
}

/// JSON text safe inside `<script type="application/ld+json">`: a `</script>` in a value
/// must not close the element.
pub fn embeddable(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tremplin_domain::events::{Audience, Level, Venue};

    fn event() -> Event {
        Event {
            id: 1,
            slug: "site-web".into(),
            territory_id: 1,
            territory_slug: "angers".into(),
            territory_name: "Angers".into(),
            programme_id: None,
            programme_slug: None,
            programme_title: None,
            series_id: None,
            series_slug: None,
            title: "Créer son site </script>".into(),
            description: String::new(),
            themes: vec![],
            modules: vec![],
            audiences: vec![Audience::Seniors],
            level: Level::Beginner,
            language: "fr".into(),
            venue: Venue { name: "Médiathèque".into(), latitude: Some(47.4), longitude: Some(-0.5), ..Venue::default() },
            online_url: String::new(),
            accessibility: String::new(),
            starts_at: 1_796_302_800, // 2026-12-03 13:00 UTC
            ends_at: 1_796_310_000,
            capacity: 2,
            confirmed: 2,
            waitlisted: 0,
            registration_opens_at: None,
            registration_closes_at: None,
            status: EventStatus::Scheduled,
            sequence: 0,
            trainers: vec![],
        }
    }

    #[test]
    fn maps_dates_place_and_seats() {
        let data = event_json_ld(&event(), "https://t.example");
        assert_eq!(data["startDate"], "2026-12-03T14:00:00+01:00");
        assert_eq!(data["location"]["@type"], "Place");
        assert_eq!(data["location"]["geo"]["latitude"], 47.4);
        assert_eq!(data["offers"]["availability"], "https://schema.org/SoldOut");
        assert_eq!(data["remainingAttendeeCapacity"], 0);
        assert_eq!(data["audience"][0]["audienceType"], "Seniors");
        assert!(!embeddable(&data).contains("</script>"));
    }
}
