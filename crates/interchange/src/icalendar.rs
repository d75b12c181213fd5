//! iCalendar (RFC 5545) writer for workshop sessions: agenda feeds (`METHOD:PUBLISH`) and the
//! invitation a registrant receives (`METHOD:REQUEST` with an `ORGANIZER` and the person as
//! `ATTENDEE`, which is what makes Gmail and Outlook offer "add to calendar").
//!
//! Written by hand rather than with the `icalendar` crate: the format needs a few dozen lines
//! (escaping, folding, CRLF), and owning them keeps the exact output — parameters of
//! `ATTENDEE`, `X-WR-CALNAME`, folding inside multi-byte characters — under our tests, which
//! read every output back with an independent parser.
//!
//! Times are written in UTC (`19970714T173000Z`), which needs no `VTIMEZONE`.

use chrono::DateTime;
use std::fmt::Write as _;

/// Longest line in octets, CRLF excluded (RFC 5545 §3.1).
const MAX_LINE: usize = 75;

/// What a calendar is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A feed: events to show.
    Publish,
    /// An invitation with an organizer and attendees.
    Request,
    /// The organizer calls off an event sent before (same UID, `STATUS:CANCELLED`).
    Cancel,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

/// A participant's answer (`PARTSTAT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStat {
    /// Has a seat.
    Accepted,
    /// On the waitlist.
    Tentative,
    /// Cancelled.
    Declined,
}

impl PartStat {
    fn as_str(self) -> &'static str {
        match self {
            PartStat::Accepted => "ACCEPTED",
            PartStat::Tentative => "TENTATIVE",
            PartStat::Declined => "DECLINED",
        }
    }
}

/// Someone named in an event (`ORGANIZER` or `ATTENDEE`).
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Display name (`CN`), may be empty.
    pub name: String,
    /// E-mail address (written as a `mailto:` URI).
    pub email: String,
}

/// One session as a `VEVENT`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CalendarEvent {
    /// Globally unique and stable (`<slug>@<host>`), so that a calendar updates the event
    /// instead of adding it twice.
    pub uid: String,
    /// Title.
    pub summary: String,
    /// Plain text, any characters.
    pub description: String,
    /// Place on one line.
    pub location: String,
    /// Latitude and longitude.
    pub geo: Option<(f64, f64)>,
    /// Page of the session.
    pub url: String,
    /// Unix seconds (UTC).
    pub starts_at: i64,
    /// Unix seconds (UTC).
    pub ends_at: i64,
    /// Called off (`STATUS:CANCELLED`) rather than confirmed.
    pub cancelled: bool,
    /// Themes (`CATEGORIES`).
    pub categories: Vec<String>,
    /// Organizer (required with [`Method::Request`]).
    pub organizer: Option<Person>,
    /// The attendee and their answer (invitations).
    pub attendee: Option<(Person, PartStat)>,
    /// Revision (`SEQUENCE`): 0 at first, raised when the time or place changes, so that a
    /// calendar receiving the same UID again replaces its entry (RFC 5546 §2.1.4).
    pub sequence: i64,
}

/// A calendar of sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// Publish (feeds) or request (invitations).
    pub method: Method,
    /// Name shown by calendar applications for a subscribed feed (`X-WR-CALNAME`).
    pub name: Option<String>,
    /// When this file was produced (Unix seconds): every event's `DTSTAMP`.
    pub stamp: i64,
    /// The events.
    pub events: Vec<CalendarEvent>,
}

/// Our product identifier (`PRODID`).
pub const PRODID: &str = "-//Tremplin//Ateliers//FR";

/// Writes the calendar as RFC 5545 text: CRLF line ends, lines folded at 75 octets.
pub fn write_calendar(calendar: &Calendar) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold_into(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN".into());
    line(format!("METHOD:{}", calendar.method.as_str()));
    if let Some(name) = &calendar.name {
        line(format!("X-WR-CALNAME:{}", escape_text(name)));
    }
    for event in &calendar.events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape_text(&event.uid)));
        line(format!("DTSTAMP:{}", utc(calendar.stamp)));
        line(format!("DTSTART:{}", utc(event.starts_at)));
        line(format!("DTEND:{}", utc(event.ends_at.max(event.starts_at))));
        // Invitations are updated by sending them again with the same UID and a higher SEQUENCE.
        line(format!("SEQUENCE:{}", event.sequence.max(0)));
        line(format!("SUMMARY:{}", escape_text(&event.summary)));
        if !event.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape_text(&event.description)));
        }
        if !event.location.is_empty() {
            line(format!("LOCATION:{}", escape_text(&event.location)));
        }
        if let Some((lat, lon)) = event.geo
            && lat.is_finite()
            && lon.is_finite()
        {
            line(format!("GEO:{lat:.6};{lon:.6}"));
        }
        if !event.url.is_empty() {
            line(format!("URL:{}", event.url));
        }
        if !event.categories.is_empty() {
            let list: Vec<String> = event.categories.iter().map(|c| escape_text(c)).collect();
            line(format!("CATEGORIES:{}", list.join(",")));
        }
        line(format!("STATUS:{}", if event.cancelled { "CANCELLED" } else { "CONFIRMED" }));
        line("TRANSP:OPAQUE".into());
        if let Some(organizer) = &event.organizer {
            line(format!("ORGANIZER{}:mailto:{}", cn(&organizer.name), organizer.email));
        }
        if let Some((attendee, partstat)) = &event.attendee {
            line(format!(
                "ATTENDEE{};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={};RSVP=FALSE:mailto:{}",
                cn(&attendee.name),
                partstat.as_str(),
                attendee.email
            ));
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// `19970714T173000Z`.
fn utc(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).map(|d| d.format("%Y%m%dT%H%M%SZ").to_string()).unwrap_or_else(|| "19700101T000000Z".into())
}

/// A `CN` parameter, quoted; a parameter value cannot hold a double quote nor a line break.
fn cn(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !c.is_control()).map(|c| if c == '"' { '\'' } else { c }).collect();
    if clean.trim().is_empty() { String::new() } else { format!(";CN=\"{}\"", clean.trim()) }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `text` as one content line, folded so that no line exceeds 75 octets (a fold
/// never splits a UTF-8 character), each line ended by CRLF.
fn fold_into(out: &mut String, text: &str) {
    let mut used = 0;
    for c in text.chars() {
        let len = c.len_utf8();
        if used + len > MAX_LINE {
            out.push_str("\r\n ");
            // The leading space counts in the continuation line's length.
            used = 1;
        }
        out.push(c);
        used += len;
    }
    let _ = out.write_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tricky() -> CalendarEvent {
        CalendarEvent {
            uid: "atelier-site-web-2026-12-03@tremplin.example".into(),
            summary: "Créer son site, vendre; en ligne \\ facilement".into(),
            description: format!("Ligne un,\r\nligne deux; fin\n{}", "é".repeat(80)),
            location: "Médiathèque Toussaint, Salle 2, 49 rue Toussaint, 49000 Angers".into(),
            geo: Some((47.4695, -0.5567)),
            url: "https://tremplin.example/ateliers/atelier-site-web-2026-12-03".into(),
            starts_at: 1_796_302_800,
            ends_at: 1_796_310_000,
            cancelled: false,
            categories: vec!["website".into(), "a,b".into()],
            organizer: Some(Person { name: "Tremplin \"Angers\"".into(), email: "ne-pas-repondre@tremplin.example".into() }),
            attendee: Some((Person { name: "Léa; Martin".into(), email: "lea@example.fr".into() }, PartStat::Accepted)),
            sequence: 2,
        }
    }

    #[test]
    fn lines_are_crlf_and_folded_at_75_octets() {
        let text = write_calendar(&Calendar { method: Method::Request, name: None, stamp: 1_796_000_000, events: vec![tricky()] });
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "no bare LF");
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "line too long: {line:?}");
        }
        assert!(text.contains("DTSTART:20261203T130000Z\r\n"));
        assert!(text.contains("METHOD:REQUEST\r\n"));
    }

    #[test]
    fn an_independent_parser_reads_back_every_value() {
        let mut cancelled = tricky();
        cancelled.uid = "autre@tremplin.example".into();
        cancelled.cancelled = true;
        cancelled.attendee = None;
        let calendar = Calendar {
            method: Method::Publish,
            name: Some("Ateliers, Angers".into()),
            stamp: 1_796_000_000,
            events: vec![tricky(), cancelled],
        };
        let text = write_calendar(&calendar);
        let parsed = ical::IcalParser::new(text.as_bytes()).next().expect("one calendar").expect("parses");
        let prop = |props: &[ical::property::Property], name: &str| {
            props.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default()
        };
        assert_eq!(prop(&parsed.properties, "VERSION"), "2.0");
        assert_eq!(prop(&parsed.properties, "METHOD"), "PUBLISH");
        assert_eq!(unescape(&prop(&parsed.properties, "X-WR-CALNAME")), "Ateliers, Angers");
        assert_eq!(parsed.events.len(), 2);
        let first = &parsed.events[0].properties;
        assert_eq!(unescape(&prop(first, "SUMMARY")), "Créer son site, vendre; en ligne \\ facilement");
        assert_eq!(unescape(&prop(first, "DESCRIPTION")), format!("Ligne un,\nligne deux; fin\n{}", "é".repeat(80)));
        assert_eq!(prop(first, "GEO"), "47.469500;-0.556700");
        assert_eq!(prop(first, "STATUS"), "CONFIRMED");
        assert_eq!(prop(&parsed.events[1].properties, "STATUS"), "CANCELLED");
        let attendee = first.iter().find(|p| p.name == "ATTENDEE").expect("attendee");
        assert_eq!(attendee.value.as_deref(), Some("mailto:lea@example.fr"));
        let params = attendee.params.clone().unwrap_or_default();
        let partstat = params.iter().find(|(k, _)| k == "PARTSTAT").map(|(_, v)| v.join(","));
        assert_eq!(partstat.as_deref(), Some("ACCEPTED"));
        let name = params.iter().find(|(k, _)| k == "CN").map(|(_, v)| v.join(","));
        assert_eq!(name.as_deref().map(|n| n.trim_matches('"')), Some("Léa; Martin"));
    }

    /// The reverse of [`escape_text`], for the test (the `ical` crate leaves values escaped).
    fn unescape(value: &str) -> String {
        let mut out = String::new();
        let mut chars = value.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
