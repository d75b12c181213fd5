//! Check-in at the door and people added there (walk-ins). A person is marked present only
//! while confirmed; a walk-in takes a seat by the same conditional update as a registration,
//! so the door never overbooks a session either.

use super::error::EventError;
use super::model::{Event, EventStatus, Registrant, Registration, RegistrationStatus};
use crate::StoreResult;
use crate::accounts::FieldError;
use std::collections::HashMap;
use std::future::Future;
use tremplin_kernel::{Clock, Email, Locale, Phone};

/// Longest name accepted at the door.
const NAME_MAX: usize = 120;

/// What marking a person present did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckInOutcome {
    /// Marked present now.
    Marked,
    /// Was marked present already (nothing changed).
    AlreadyPresent,
    /// Not confirmed (waitlisted or cancelled): not marked.
    NotConfirmed,
}

/// What adding a walk-in did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkInOutcome {
    /// Added, confirmed and present; its public id.
    Added(String),
    /// The person (same e-mail or phone) is registered already: check them in instead.
    AlreadyRegistered(String),
    /// No seat left: nobody added.
    Full,
}

/// A walk-in as typed at the door: a name, and a contact if the person gives one.
#[derive(Debug, Clone, Default)]
pub struct WalkInForm {
    /// Name.
    pub name: String,
    /// E-mail or phone, optional.
    pub contact: String,
}

/// A person added at the door. `person_key` is the registrant's when a contact was given
/// (so that the same person is recognised), else unique to this walk-in.
#[derive(Debug, Clone)]
pub struct WalkIn {
    /// Name, e-mail, phone (personal data).
    pub registrant: Registrant,
}

/// What check-in needs from the store.
pub trait AttendanceRepo: Send + Sync {
    /// Marks a confirmed registration present (once: a second call changes nothing).
    fn check_in(&self, registration_id: i64, now: i64) -> impl Future<Output = StoreResult<CheckInOutcome>> + Send;
    /// Takes back a mark of presence; returns whether one was taken back.
    fn undo_check_in(&self, registration_id: i64) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Adds a person at the door, confirmed and present, if a seat is left.
    fn add_walk_in(&self, event_id: i64, walk_in: &WalkIn, now: i64) -> impl Future<Output = StoreResult<WalkInOutcome>> + Send;
    /// The sessions a trainer runs that end after `ends_after`, by start (at most `limit`).
    fn sessions_of_trainer(&self, user_id: i64, ends_after: i64, limit: u32) -> impl Future<Output = StoreResult<Vec<Event>>> + Send;
    /// How many people were marked present, per session.
    fn present_counts(&self, event_ids: &[i64]) -> impl Future<Output = StoreResult<HashMap<i64, i64>>> + Send;
}

/// Checks a walk-in form.
pub fn validate_walk_in(form: &WalkInForm, locale: Locale) -> Result<WalkIn, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = form.name.trim();
    if name.is_empty() {
        errors.push(FieldError { field: "walk_in_name", key: "event-error-name-required" });
    } else if name.chars().count() > NAME_MAX {
        errors.push(FieldError { field: "walk_in_name", key: "event-error-name-too-long" });
    }
    let contact = form.contact.trim();
    let (mut email, mut phone) = (None, None);
    if contact.contains('@') {
        match Email::parse(contact) {
            Ok(e) => email = Some(e),
            Err(_) => errors.push(FieldError { field: "walk_in_contact", key: "error-email-invalid" }),
        }
    } else if !contact.is_empty() {
        match Phone::parse(contact) {
            Ok(p) => phone = Some(p),
            Err(_) => errors.push(FieldError { field: "walk_in_contact", key: "staff-error-contact-invalid" }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(WalkIn { registrant: Registrant { name: name.to_owned(), email, phone, business: String::new(), locale } })
}

/// Marks a person present (the caller checked the user may run the session).
pub async fn check_in(repo: &impl AttendanceRepo, clock: &dyn Clock, registration: &Registration) -> Result<CheckInOutcome, EventError> {
    if registration.status != RegistrationStatus::Confirmed {
        return Ok(CheckInOutcome::NotConfirmed);
    }
    Ok(repo.check_in(registration.id, clock.now_ts()).await?)
}

/// Adds a walk-in (the caller checked the user may run the session): refused when the
/// session is cancelled, accepted only while seats remain.
pub async fn add_walk_in(
    repo: &impl AttendanceRepo,
    clock: &dyn Clock,
    event: &Event,
    form: &WalkInForm,
    locale: Locale,
) -> Result<WalkInOutcome, EventError> {
    let walk_in = validate_walk_in(form, locale).map_err(EventError::Invalid)?;
    if event.status == EventStatus::Cancelled {
        return Err(EventError::EventCancelled);
    }
    Ok(repo.add_walk_in(event.id, &walk_in, clock.now_ts()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_in_needs_a_name_and_a_valid_contact_if_any() {
        let ok = validate_walk_in(&WalkInForm { name: " Léa ".into(), contact: String::new() }, Locale::Fr).expect("valid");
        assert_eq!((ok.registrant.name.as_str(), ok.registrant.person_key().as_str()), ("Léa", ""));
        let phone = validate_walk_in(&WalkInForm { name: "Léa".into(), contact: "06 12 34 56 78".into() }, Locale::Fr).expect("valid");
        assert_eq!(phone.registrant.person_key(), "phone:+33612345678");
        let bad = validate_walk_in(&WalkInForm { name: String::new(), contact: "x@".into() }, Locale::Fr).expect_err("invalid");
        assert_eq!(bad.iter().map(|e| e.field).collect::<Vec<_>>(), ["walk_in_name", "walk_in_contact"]);
    }
}
