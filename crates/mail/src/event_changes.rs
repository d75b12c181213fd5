//! The e-mail telling a registrant that a session's time or place changed: what it was, what
//! it is now, and for confirmed people an updated invitation (same UID, higher `SEQUENCE`) so
//! that their calendar replaces the entry instead of adding a second one.

use crate::events::{invitation_revision, when_in_words};
use crate::messages::{RenderError, Rendered};
use askama::Template;
use std::collections::BTreeMap;
use tremplin_domain::events::mail::{CHANGED_TEMPLATE, SessionMail};

/// The session, now and before, as the template shows it.
struct ChangeView {
    title: String,
    when: String,
    old_when: String,
    when_changed: bool,
    place: String,
    old_place: String,
    place_changed: bool,
    online_url: String,
    old_online_url: String,
    online_changed: bool,
    confirmed: bool,
    position: Option<i64>,
    manage_link: String,
}

#[derive(Template)]
#[template(path = "event_changed/body.txt")]
struct ChangedText<'a> {
    fr: bool,
    s: &'a ChangeView,
}

#[derive(Template)]
#[template(path = "event_changed/body.html")]
struct ChangedHtml<'a> {
    fr: bool,
    s: &'a ChangeView,
}

fn first_session(params: &BTreeMap<String, String>, name: &'static str) -> Result<SessionMail, RenderError> {
    let missing = || RenderError::MissingParam(CHANGED_TEMPLATE.to_owned(), name);
    let raw = params.get(name).ok_or_else(missing)?;
    let sessions: Vec<SessionMail> = serde_json::from_str(raw).map_err(|_| missing())?;
    sessions.into_iter().next().ok_or_else(missing)
}

/// Renders `event_changed` for `recipient`; `stamp` dates the invitation (Unix seconds).
pub(crate) fn render_changed(
    fr: bool,
    params: &BTreeMap<String, String>,
    base: &str,
    recipient: &str,
    stamp: i64,
) -> Result<Rendered, RenderError> {
    let now = first_session(params, "sessions")?;
    let before = first_session(params, "previous")?;
    let sequence = params
        .get("sequence")
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or_else(|| RenderError::MissingParam(CHANGED_TEMPLATE.to_owned(), "sequence"))?;
    let view = ChangeView {
        title: now.title.clone(),
        when: when_in_words(now.starts_at, now.ends_at, fr),
        old_when: when_in_words(before.starts_at, before.ends_at, fr),
        when_changed: (now.starts_at, now.ends_at) != (before.starts_at, before.ends_at),
        place: now.location.clone(),
        old_place: before.location.clone(),
        place_changed: now.location != before.location,
        online_url: now.online_url.clone(),
        old_online_url: before.online_url.clone(),
        online_changed: now.online_url != before.online_url,
        confirmed: now.status == "confirmed",
        position: now.position,
        manage_link: format!("{base}{}", now.manage_path),
    };
    let subject = if fr { format!("La séance a changé : {}", now.title) } else { format!("The session has changed: {}", now.title) };
    // Waitlisted people have no seat, hence nothing in their calendar to update.
    let attachments = if view.confirmed { vec![invitation_revision(&now, base, recipient, stamp, sequence)] } else { Vec::new() };
    Ok(Rendered { subject, text: ChangedText { fr, s: &view }.render()?, html: ChangedHtml { fr, s: &view }.render()?, attachments })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(starts_at: i64, location: &str, status: &str) -> SessionMail {
        SessionMail {
            slug: "atelier-site-web".into(),
            title: "Créer son site".into(),
            starts_at,
            ends_at: starts_at + 7_200,
            location: location.into(),
            online_url: String::new(),
            status: status.into(),
            position: (status == "waitlisted").then_some(2),
            manage_path: "/inscriptions/p1/t1".into(),
            check_in_path: None,
            survey_path: None,
        }
    }

    fn params(now: &SessionMail, before: &SessionMail) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("sessions".to_owned(), serde_json::to_string(&[now]).expect("json")),
            ("previous".to_owned(), serde_json::to_string(&[before]).expect("json")),
            ("sequence".to_owned(), "3".to_owned()),
        ])
    }

    #[test]
    fn shows_old_and_new_and_updates_the_invitation() {
        let (now, before) = (session(1_796_310_000, "Salle 5", "confirmed"), session(1_796_302_800, "Salle 2", "confirmed"));
        let mail = render_changed(false, &params(&now, &before), "https://t.example", "lea@example.fr", 1_796_000_000).expect("renders");
        assert_eq!(mail.subject, "The session has changed: Créer son site");
        assert!(mail.text.contains("4:00 pm to 6:00 pm") && mail.text.contains("instead of: Thursday 3 December 2026, 2:00 pm"));
        assert!(mail.text.contains("Where: Salle 5") && mail.html.contains("<del>Salle 2</del>"));
        let ics = String::from_utf8(mail.attachments[0].bytes.clone()).expect("utf-8");
        assert!(ics.contains("SEQUENCE:3") && ics.contains("METHOD:REQUEST") && ics.contains("UID:atelier-site-web@t.example"));
    }

    #[test]
    fn waitlisted_people_get_no_invitation_and_a_broken_message_is_refused() {
        let (now, before) = (session(1_796_310_000, "Salle 2", "waitlisted"), session(1_796_302_800, "Salle 2", "waitlisted"));
        let mail = render_changed(true, &params(&now, &before), "https://t.example", "lea@example.fr", 0).expect("renders");
        assert!(mail.attachments.is_empty());
        assert!(mail.text.contains("liste d'attente, n° 2") && !mail.text.contains("au lieu de : Salle"), "{}", mail.text);
        let mut broken = params(&now, &before);
        broken.remove("previous");
        assert!(matches!(render_changed(true, &broken, "", "", 0), Err(RenderError::MissingParam(..))));
    }
}
