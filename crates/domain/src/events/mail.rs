//! The e-mails of registrations. The domain says what each message is about; the mail crate
//! renders it, with the iCalendar attachment and the check-in QR code built from these values.

use super::model::{Event, Promotion, Registrant, RegistrationOutcome, RegistrationStatus};
use super::tokens::{check_in_path, manage_path, survey_path};
use crate::notifications::MailRequest;
use serde::{Deserialize, Serialize};
use tremplin_kernel::{Email, Locale};

/// Template of the confirmation (or waitlist) of a registration.
pub const REGISTRATION_TEMPLATE: &str = "event_registration";
/// Template telling a waitlisted person they got a seat.
pub const PROMOTION_TEMPLATE: &str = "event_promoted";
/// Template of the reminder the day before.
pub const REMINDER_TEMPLATE: &str = "event_reminder";
/// Template inviting an attendee to the satisfaction survey.
pub const SURVEY_TEMPLATE: &str = "event_survey";
/// Template telling a registrant the session is called off (H6).
pub const CANCELLED_TEMPLATE: &str = "event_cancelled";

/// What an e-mail says about one session, stored as JSON in the outbox (`sessions` value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionMail {
    /// Stable identifier of the session (the iCalendar UID is built from it).
    pub slug: String,
    /// Title.
    pub title: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// Venue name, room and address, on one line (empty when online).
    pub location: String,
    /// Online link (empty when in person).
    pub online_url: String,
    /// `confirmed` or `waitlisted`.
    pub status: String,
    /// Place in the waitlist.
    pub position: Option<i64>,
    /// Path of the page to see and cancel the registration.
    pub manage_path: String,
    /// Path the check-in QR code holds (confirmed only).
    pub check_in_path: Option<String>,
    /// Path of the survey (survey e-mails only).
    pub survey_path: Option<String>,
}

/// One line for a session's place.
pub fn location_line(event: &Event) -> String {
    let venue = &event.venue;
    let mut parts: Vec<String> = Vec::new();
    if !venue.name.is_empty() {
        parts.push(venue.name.clone());
    }
    if !venue.room.is_empty() {
        parts.push(venue.room.clone());
    }
    if !venue.address.is_empty() {
        parts.push(venue.address.clone());
    }
    if let Some(commune) = &venue.commune
        && !venue.address.contains(commune.as_str())
    {
        parts.push(commune.clone());
    }
    parts.join(", ")
}

fn session_mail(event: &Event, public_id: &str, secret: &str, status: RegistrationStatus, position: Option<i64>) -> SessionMail {
    SessionMail {
        slug: event.slug.clone(),
        title: event.title.clone(),
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        location: location_line(event),
        online_url: event.online_url.clone(),
        status: status.as_str().to_owned(),
        position,
        manage_path: manage_path(public_id, secret),
        check_in_path: (status == RegistrationStatus::Confirmed).then(|| check_in_path(public_id, secret)),
        survey_path: None,
    }
}

fn request(template: &'static str, to: &str, locale: Locale, sessions: &[SessionMail]) -> Option<MailRequest> {
    let to = Email::parse(to).ok()?;
    let json = serde_json::to_string(sessions).ok()?;
    Some(MailRequest::new(template, to, locale).with("sessions", json))
}

/// The confirmation of new registrations (none when the person gave no e-mail, or when every
/// session had them registered already).
pub fn registration_mail(events: &[Event], registrant: &Registrant, outcomes: &[RegistrationOutcome]) -> Option<MailRequest> {
    let email = registrant.email.as_ref()?;
    let sessions: Vec<SessionMail> = outcomes
        .iter()
        .filter(|o| !o.already)
        .filter_map(|o| {
            let event = events.iter().find(|e| e.slug == o.event_slug)?;
            Some(session_mail(event, &o.public_id, &o.secret, o.status, o.position))
        })
        .collect();
    if sessions.is_empty() {
        return None;
    }
    request(REGISTRATION_TEMPLATE, email.as_str(), registrant.locale, &sessions)
}

/// The message telling a waitlisted person they have a seat.
pub fn promotion_mail(event: &Event, promotion: &Promotion) -> Option<MailRequest> {
    let email = promotion.email.as_deref()?;
    let locale = Locale::parse(&promotion.locale).unwrap_or_default();
    let session = session_mail(event, &promotion.public_id, &promotion.secret, RegistrationStatus::Confirmed, None);
    request(PROMOTION_TEMPLATE, email, locale, &[session])
}

/// The reminder the day before, for a confirmed registration.
pub fn reminder_mail(event: &Event, public_id: &str, secret: &str, email: &str, locale: &str) -> Option<MailRequest> {
    let locale = Locale::parse(locale).unwrap_or_default();
    let session = session_mail(event, public_id, secret, RegistrationStatus::Confirmed, None);
    request(REMINDER_TEMPLATE, email, locale, &[session])
}

/// The invitation to the survey, for an attendee.
pub fn survey_mail(event: &Event, public_id: &str, secret: &str, email: &str, locale: &str) -> Option<MailRequest> {
    let locale = Locale::parse(locale).unwrap_or_default();
    let mut session = session_mail(event, public_id, secret, RegistrationStatus::Confirmed, None);
    session.check_in_path = None;
    session.survey_path = Some(survey_path(public_id, secret));
    request(SURVEY_TEMPLATE, email, locale, &[session])
}

/// Template telling registrants that a session's time or place changed.
pub const CHANGED_TEMPLATE: &str = "event_changed";

/// The message telling a registrant that a session moved: `sessions` holds it as it is now,
/// `previous` as it was (same shape), `sequence` the revision of the updated invitation.
pub fn changed_mail(before: &Event, after: &Event, person: &super::editing::ToTell, sequence: i64) -> Option<MailRequest> {
    let locale = Locale::parse(&person.locale).unwrap_or_default();
    let session = |event: &Event| session_mail(event, &person.public_id, &person.secret, person.status, person.position);
    let previous = serde_json::to_string(&[session(before)]).ok()?;
    let message = request(CHANGED_TEMPLATE, &person.email, locale, &[session(after)])?;
    Some(message.with("previous", previous).with("sequence", sequence.to_string()))
}

/// What an e-mail says about one session for one registration (for use cases outside this
/// file, e.g. calling off a session).
pub fn session_mail_for(event: &Event, public_id: &str, secret: &str, status: RegistrationStatus, position: Option<i64>) -> SessionMail {
    session_mail(event, public_id, secret, status, position)
}
