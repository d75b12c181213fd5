//! The e-mails of appointments with a coach: the confirmation to the person (with an
//! iCalendar `METHOD:REQUEST`) and the notice to the coach, the cancellation (a
//! `METHOD:CANCEL` to the person) saying who cancelled, the move (an updated `REQUEST`, its
//! `SEQUENCE` raised) and the reminder the day before. One UID per appointment everywhere
//! (invitations, the person's file, the coach's feed), so calendars update one entry.

use crate::events::{host_of, organizer, when_in_words};
use crate::messages::{Attachment, RenderError, Rendered};
use askama::Template;
use std::collections::BTreeMap;
use tremplin_domain::coaching::mail::{BOOKED_COACH_TEMPLATE, BOOKED_TEMPLATE, CANCELLED_TEMPLATE, MOVED_TEMPLATE, REMINDER_TEMPLATE};
use tremplin_interchange::icalendar::{Calendar, CalendarEvent, Method, PartStat, Person, write_calendar};

/// The stable iCalendar UID of an appointment.
pub fn appointment_uid(public_id: &str, base_url: &str) -> String {
    format!("rendez-vous-{public_id}@{}", host_of(base_url))
}

/// How an appointment takes place, in words.
pub fn modality_label(modality: &str, fr: bool) -> &'static str {
    match (modality, fr) {
        ("at_business", true) => "dans votre entreprise",
        ("at_business", false) => "at your business",
        ("at_venue", true) => "sur place, dans les locaux du conseiller",
        ("at_venue", false) => "at the coach's venue",
        ("phone", true) => "par téléphone",
        ("phone", false) => "by phone",
        ("video", true) => "en visioconférence",
        ("video", false) => "by video call",
        (_, true) => "à convenir",
        (_, false) => "to be agreed",
    }
}

/// What every appointment e-mail shows.
struct AppointmentView {
    fr: bool,
    to_coach: bool,
    coach_name: String,
    structure: String,
    when: String,
    previous_when: String,
    how: String,
    place: String,
    need: String,
    person_name: String,
    business: String,
    contact_email: String,
    contact_phone: String,
    manage_link: String,
    agenda_link: String,
    cancelled_by_coach: bool,
    reason: String,
}

macro_rules! appointment_templates {
    ($($text:ident, $text_path:literal, $html:ident, $html_path:literal;)*) => {$(
        #[derive(Template)]
        #[template(path = $text_path)]
        struct $text<'a> {
            a: &'a AppointmentView,
        }

        #[derive(Template)]
        #[template(path = $html_path)]
        struct $html<'a> {
            a: &'a AppointmentView,
        }
    )*};
}

appointment_templates! {
    BookedText, "appointment_booked/body.txt", BookedHtml, "appointment_booked/body.html";
    BookedCoachText, "appointment_booked_coach/body.txt", BookedCoachHtml, "appointment_booked_coach/body.html";
    CancelledText, "appointment_cancelled/body.txt", CancelledHtml, "appointment_cancelled/body.html";
    MovedText, "appointment_moved/body.txt", MovedHtml, "appointment_moved/body.html";
    ReminderText, "appointment_reminder/body.txt", ReminderHtml, "appointment_reminder/body.html";
}

/// Whether `template` is one of the appointment e-mails.
pub fn is_appointment_template(template: &str) -> bool {
    [BOOKED_TEMPLATE, BOOKED_COACH_TEMPLATE, CANCELLED_TEMPLATE, MOVED_TEMPLATE, REMINDER_TEMPLATE].contains(&template)
}

/// The appointment as a calendar event, for the invitations and the person's file.
pub struct AppointmentEvent<'a> {
    /// Public id (the UID).
    pub public_id: &'a str,
    /// The coach's name.
    pub coach_name: &'a str,
    /// Their structure.
    pub structure: &'a str,
    /// Modality identifier.
    pub modality: &'a str,
    /// The coach's venue, when the appointment is there.
    pub place: &'a str,
    /// The need.
    pub need: &'a str,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// Revision.
    pub sequence: i64,
    /// Called off.
    pub cancelled: bool,
    /// The person's page, absolute.
    pub url: String,
}

/// The `VEVENT` of an appointment; `fr` picks the language of its text.
pub fn calendar_event(event: &AppointmentEvent<'_>, base: &str, fr: bool) -> CalendarEvent {
    let summary = if fr { format!("Rendez-vous avec {}", event.coach_name) } else { format!("Appointment with {}", event.coach_name) };
    let how = modality_label(event.modality, fr);
    let location = if event.place.is_empty() { how.to_owned() } else { event.place.to_owned() };
    CalendarEvent {
        uid: appointment_uid(event.public_id, base),
        summary,
        description: format!("{} ({how})\n\n{}\n\n{}", event.structure, event.need, event.url).trim().to_owned(),
        location,
        geo: None,
        url: event.url.clone(),
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        cancelled: event.cancelled,
        categories: Vec::new(),
        organizer: None,
        attendee: None,
        sequence: event.sequence,
    }
}

/// The invitation (`REQUEST`) or its cancellation (`CANCEL`) for the person.
fn invitation(event: &AppointmentEvent<'_>, base: &str, fr: bool, recipient: &str, stamp: i64) -> Attachment {
    let mut vevent = calendar_event(event, base, fr);
    vevent.organizer = Some(organizer(base));
    let answer = if event.cancelled { PartStat::Declined } else { PartStat::Accepted };
    vevent.attendee = (!recipient.is_empty()).then(|| (Person { name: String::new(), email: recipient.to_owned() }, answer));
    let method = if event.cancelled { Method::Cancel } else { Method::Request };
    let text = write_calendar(&Calendar { method, name: None, stamp, events: vec![vevent] });
    let content_type =
        if event.cancelled { "text/calendar; charset=utf-8; method=CANCEL" } else { "text/calendar; charset=utf-8; method=REQUEST" };
    Attachment { name: "rendez-vous.ics".into(), content_type: content_type.into(), bytes: text.into_bytes() }
}

/// Renders an appointment e-mail for `recipient` at `stamp` (Unix seconds).
pub(crate) fn render_appointment(
    template: &str,
    fr: bool,
    params: &BTreeMap<String, String>,
    base: &str,
    recipient: &str,
    stamp: i64,
) -> Result<Rendered, RenderError> {
    let text = |name: &str| params.get(name).cloned().unwrap_or_default();
    let number = |name: &'static str| {
        params.get(name).and_then(|v| v.parse::<i64>().ok()).ok_or_else(|| RenderError::MissingParam(template.to_owned(), name))
    };
    let (starts_at, ends_at) = (number("starts_at")?, number("ends_at")?);
    let public_id = params.get("public_id").ok_or_else(|| RenderError::MissingParam(template.to_owned(), "public_id"))?;
    let to_coach = text("audience") == "coach" || template == BOOKED_COACH_TEMPLATE;
    let manage_path = text("manage_path");
    let view = AppointmentView {
        fr,
        to_coach,
        coach_name: text("coach_name"),
        structure: text("structure"),
        when: when_in_words(starts_at, ends_at, fr),
        previous_when: match (number("previous_starts_at"), number("previous_ends_at")) {
            (Ok(s), Ok(e)) => when_in_words(s, e, fr),
            _ => String::new(),
        },
        how: modality_label(&text("modality"), fr).to_owned(),
        place: text("place"),
        need: text("need"),
        person_name: text("person_name"),
        business: text("business"),
        contact_email: text("contact_email"),
        contact_phone: text("contact_phone"),
        manage_link: if manage_path.is_empty() { String::new() } else { format!("{base}{manage_path}") },
        agenda_link: format!("{base}/espace-coach"),
        cancelled_by_coach: text("cancelled_by") == "coach",
        reason: text("reason"),
    };
    let a = &view;
    let pick = |fr_text: String, en_text: String| if fr { fr_text } else { en_text };
    let (subject, body_text, body_html) = match template {
        BOOKED_TEMPLATE => (
            pick(format!("Rendez-vous confirmé avec {}", a.coach_name), format!("Appointment confirmed with {}", a.coach_name)),
            BookedText { a }.render()?,
            BookedHtml { a }.render()?,
        ),
        BOOKED_COACH_TEMPLATE => (
            pick(format!("Nouveau rendez-vous : {}", a.person_name), format!("New appointment: {}", a.person_name)),
            BookedCoachText { a }.render()?,
            BookedCoachHtml { a }.render()?,
        ),
        CANCELLED_TEMPLATE => (
            pick(format!("Rendez-vous annulé : {}", a.when), format!("Appointment cancelled: {}", a.when)),
            CancelledText { a }.render()?,
            CancelledHtml { a }.render()?,
        ),
        MOVED_TEMPLATE => (
            pick(format!("Rendez-vous déplacé : {}", a.when), format!("Appointment moved: {}", a.when)),
            MovedText { a }.render()?,
            MovedHtml { a }.render()?,
        ),
        REMINDER_TEMPLATE => (
            pick(format!("Demain : rendez-vous avec {}", a.coach_name), format!("Tomorrow: appointment with {}", a.coach_name)),
            ReminderText { a }.render()?,
            ReminderHtml { a }.render()?,
        ),
        other => return Err(RenderError::UnknownTemplate(other.to_owned())),
    };
    // The person's calendar follows the appointment: invited, moved (same UID, higher
    // SEQUENCE), cancelled. The coach has their private feed instead.
    let mut attachments = Vec::new();
    if !to_coach && [BOOKED_TEMPLATE, MOVED_TEMPLATE, CANCELLED_TEMPLATE].contains(&template) {
        let event = AppointmentEvent {
            public_id,
            coach_name: &a.coach_name,
            structure: &a.structure,
            modality: params.get("modality").map(String::as_str).unwrap_or_default(),
            place: &a.place,
            need: &a.need,
            starts_at,
            ends_at,
            sequence: number("sequence").unwrap_or(0),
            cancelled: template == CANCELLED_TEMPLATE,
            url: a.manage_link.clone(),
        };
        attachments.push(invitation(&event, base, fr, recipient, stamp));
    }
    Ok(Rendered { subject, text: body_text, html: body_html, attachments })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(audience: &str) -> BTreeMap<String, String> {
        [
            ("public_id", "rdv1"),
            ("coach_name", "Camille Conseil"),
            ("structure", "CCI Maine-et-Loire"),
            ("starts_at", "1796302800"),
            ("ends_at", "1796306400"),
            ("modality", "at_venue"),
            ("place", "CCI Maine-et-Loire, 8 boulevard du Roi René, 49100 Angers"),
            ("need", "Un site pour ma boutique."),
            ("sequence", "2"),
            ("person_name", "Léa Martin"),
            ("business", "Boutique Léa"),
            ("audience", audience),
            ("manage_path", "/rendez-vous/rdv1/tok"),
            ("contact_email", "lea@example.fr"),
            ("previous_starts_at", "1796216400"),
            ("previous_ends_at", "1796220000"),
            ("cancelled_by", "coach"),
            ("reason", "Malade"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn every_appointment_mail_renders_in_both_languages() {
        for template in [BOOKED_TEMPLATE, BOOKED_COACH_TEMPLATE, CANCELLED_TEMPLATE, MOVED_TEMPLATE, REMINDER_TEMPLATE] {
            for fr in [true, false] {
                let mail = render_appointment(template, fr, &params("person"), "https://t.example", "lea@example.fr", 0).expect("renders");
                assert!(mail.text.contains("Camille Conseil") || mail.text.contains("Léa Martin"), "{template}: {}", mail.text);
                let day = if fr { "jeudi 3 décembre 2026" } else { "Thursday 3 December 2026" };
                assert!(mail.text.contains(day), "{template} {fr}: {}", mail.text);
                assert!(!mail.subject.is_empty() && mail.html.starts_with("<!doctype html>"));
            }
        }
    }

    #[test]
    fn the_person_s_calendar_follows_the_appointment() {
        let booked =
            render_appointment(BOOKED_TEMPLATE, true, &params("person"), "https://t.example", "lea@example.fr", 0).expect("renders");
        let ics = String::from_utf8(booked.attachments[0].bytes.clone()).expect("utf-8");
        assert!(ics.contains("METHOD:REQUEST") && ics.contains("UID:rendez-vous-rdv1@t.example") && ics.contains("SEQUENCE:2"));
        assert!(booked.text.contains("https://t.example/rendez-vous/rdv1/tok"));
        let cancelled =
            render_appointment(CANCELLED_TEMPLATE, true, &params("person"), "https://t.example", "lea@example.fr", 0).expect("renders");
        let ics = String::from_utf8(cancelled.attachments[0].bytes.clone()).expect("utf-8");
        assert!(ics.contains("METHOD:CANCEL") && ics.contains("STATUS:CANCELLED"));
        assert!(cancelled.text.contains("Camille Conseil a annulé votre rendez-vous") && cancelled.text.contains("Motif : Malade"));
        let moved =
            render_appointment(MOVED_TEMPLATE, false, &params("person"), "https://t.example", "lea@example.fr", 0).expect("renders");
        assert!(moved.text.contains("Before: Wednesday 2 December 2026"), "{}", moved.text);
        let reminder =
            render_appointment(REMINDER_TEMPLATE, true, &params("person"), "https://t.example", "lea@example.fr", 0).expect("renders");
        assert!(reminder.attachments.is_empty());
        // The coach has the feed: no invitation, the person's contact instead.
        let notice =
            render_appointment(CANCELLED_TEMPLATE, true, &params("coach"), "https://t.example", "c@example.fr", 0).expect("renders");
        assert!(notice.attachments.is_empty() && notice.text.contains("Vous avez annulé") && notice.text.contains("lea@example.fr"));
    }
}
