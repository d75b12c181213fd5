//! The e-mail telling a registrant that staff called off a session, with the reason. A
//! confirmed person also gets an iCalendar `METHOD:CANCEL` with the session's UID and
//! `STATUS:CANCELLED`, so that calendar apps remove the invitation they accepted.

use crate::events::{organizer, session_uid, when_in_words};
use crate::messages::{Attachment, RenderError, Rendered};
use askama::Template;
use std::collections::BTreeMap;
use tremplin_domain::events::mail::{CANCELLED_TEMPLATE, SessionMail};
use tremplin_interchange::icalendar::{Calendar, CalendarEvent, Method, PartStat, Person, write_calendar};

/// Media type of the cancellation; `method=CANCEL` makes mail clients remove the event.
pub const ICS_CANCEL_CONTENT_TYPE: &str = "text/calendar; charset=utf-8; method=CANCEL";

/// One session as the templates show it.
struct CancelledView {
    title: String,
    when: String,
    place: String,
}

#[derive(Template)]
#[template(path = "event_cancelled/body.txt")]
struct CancelledText<'a> {
    fr: bool,
    sessions: &'a [CancelledView],
    reason: &'a str,
    any_confirmed: bool,
    agenda_link: &'a str,
}

#[derive(Template)]
#[template(path = "event_cancelled/body.html")]
struct CancelledHtml<'a> {
    fr: bool,
    sessions: &'a [CancelledView],
    reason: &'a str,
    any_confirmed: bool,
    agenda_link: &'a str,
}

/// Whether `template` is this e-mail.
pub fn is_cancelled_template(template: &str) -> bool {
    template == CANCELLED_TEMPLATE
}

/// The `METHOD:CANCEL` of a confirmed session, naming the recipient as the attendee the
/// invitation named.
fn cancellation(session: &SessionMail, base: &str, recipient: &str, stamp: i64, reason: &str, sequence: i64) -> Attachment {
    let event = CalendarEvent {
        sequence,
        uid: session_uid(&session.slug, base),
        summary: session.title.clone(),
        description: reason.to_owned(),
        location: if session.location.is_empty() { session.online_url.clone() } else { session.location.clone() },
        geo: None,
        url: format!("{base}/ateliers/{}", session.slug),
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        cancelled: true,
        categories: Vec::new(),
        organizer: Some(organizer(base)),
        attendee: (!recipient.is_empty()).then(|| (Person { name: String::new(), email: recipient.to_owned() }, PartStat::Accepted)),
    };
    let text = write_calendar(&Calendar { method: Method::Cancel, name: None, stamp, events: vec![event] });
    Attachment { name: format!("{}.ics", session.slug), content_type: ICS_CANCEL_CONTENT_TYPE.into(), bytes: text.into_bytes() }
}

/// Renders the e-mail for `recipient`; `stamp` dates the cancellation (Unix seconds).
pub(crate) fn render_cancelled(
    fr: bool,
    params: &BTreeMap<String, String>,
    base: &str,
    recipient: &str,
    stamp: i64,
) -> Result<Rendered, RenderError> {
    let missing = |name: &'static str| RenderError::MissingParam(CANCELLED_TEMPLATE.to_owned(), name);
    let raw = params.get("sessions").ok_or_else(|| missing("sessions"))?;
    let sessions: Vec<SessionMail> = serde_json::from_str(raw).map_err(|_| missing("sessions"))?;
    let first = sessions.first().ok_or_else(|| missing("sessions"))?;
    let reason = params.get("reason").map(String::as_str).unwrap_or_default();
    let sequence = params.get("sequence").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let views: Vec<CancelledView> = sessions
        .iter()
        .map(|s| CancelledView { title: s.title.clone(), when: when_in_words(s.starts_at, s.ends_at, fr), place: s.location.clone() })
        .collect();
    let any_confirmed = sessions.iter().any(|s| s.status == "confirmed");
    let agenda_link = format!("{base}/ateliers");
    let subject = if fr { format!("Séance annulée : {}", first.title) } else { format!("Session cancelled: {}", first.title) };
    let text = CancelledText { fr, sessions: &views, reason, any_confirmed, agenda_link: &agenda_link }.render()?;
    let html = CancelledHtml { fr, sessions: &views, reason, any_confirmed, agenda_link: &agenda_link }.render()?;
    // Only a confirmed person accepted an invitation; a waiting one has nothing to remove.
    let attachments =
        sessions.iter().filter(|s| s.status == "confirmed").map(|s| cancellation(s, base, recipient, stamp, reason, sequence)).collect();
    Ok(Rendered { subject, text, html, attachments })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(status: &str) -> BTreeMap<String, String> {
        let session = SessionMail {
            slug: "atelier-site-web-2026-12-03".into(),
            title: "Créer son site".into(),
            starts_at: 1_796_302_800,
            ends_at: 1_796_310_000,
            location: "Médiathèque Toussaint".into(),
            online_url: String::new(),
            status: status.into(),
            position: None,
            manage_path: "/inscriptions/p1/t1".into(),
            check_in_path: None,
            survey_path: None,
        };
        BTreeMap::from([
            ("sessions".to_owned(), serde_json::to_string(&[session]).expect("json")),
            ("reason".to_owned(), "Formatrice malade".to_owned()),
        ])
    }

    #[test]
    fn confirmed_people_get_a_cancel_with_the_same_uid() {
        let mail = render_cancelled(true, &params("confirmed"), "https://t.example", "lea@example.fr", 1_796_000_000).expect("renders");
        assert!(mail.subject.starts_with("Séance annulée"), "{}", mail.subject);
        assert!(mail.text.contains("Motif : Formatrice malade"), "{}", mail.text);
        let ics = String::from_utf8(mail.attachments[0].bytes.clone()).expect("utf-8");
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"), "{ics}");
        assert!(ics.contains("UID:atelier-site-web-2026-12-03@t.example"), "{ics}");
    }

    #[test]
    fn waitlisted_people_get_no_calendar() {
        let mail = render_cancelled(false, &params("waitlisted"), "https://t.example", "lea@example.fr", 0).expect("renders");
        assert!(mail.text.contains("Reason: Formatrice malade"));
        assert!(mail.attachments.is_empty());
    }
}
