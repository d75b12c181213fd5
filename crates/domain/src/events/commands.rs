//! The use cases of workshops: register, cancel, change the capacity, create sessions.

use super::error::EventError;
use super::mail::{promotion_mail, registration_mail};
use super::model::{Event, EventStatus, NewEvent, Registrant, Registration, RegistrationOutcome};
use super::repo::{CancelOutcome, CapacityOutcome, EventRepo, RegistrationRepo};
use super::tokens::{Purpose, token_matches};
use crate::accounts::FieldError;
use tremplin_kernel::text::slugify;
use tremplin_kernel::{Clock, Email, Locale, Phone};

/// Longest name accepted.
const NAME_MAX: usize = 120;
/// Longest business name accepted.
const BUSINESS_MAX: usize = 160;
/// Most sessions registered for in one step.
pub const MAX_SESSIONS_PER_REQUEST: usize = 20;

/// A registration form as typed.
#[derive(Debug, Clone, Default)]
pub struct RegistrationForm {
    /// Name.
    pub name: String,
    /// E-mail (this or the phone).
    pub email: String,
    /// Phone (this or the e-mail).
    pub phone: String,
    /// Business or association, optional.
    pub business: String,
    /// Consent to the processing of these details for the session.
    pub consent: bool,
}

/// Checks a registration form; every problem is reported at once, field by field.
pub fn validate_registrant(form: &RegistrationForm, locale: Locale) -> Result<Registrant, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = form.name.trim();
    if name.is_empty() {
        errors.push(FieldError { field: "name", key: "event-error-name-required" });
    } else if name.chars().count() > NAME_MAX {
        errors.push(FieldError { field: "name", key: "event-error-name-too-long" });
    }
    let email = match Email::parse(&form.email) {
        Ok(email) => Some(email),
        Err(tremplin_kernel::email::EmailError::Empty) => None,
        Err(_) => {
            errors.push(FieldError { field: "email", key: "error-email-invalid" });
            None
        }
    };
    let phone = match Phone::parse(&form.phone) {
        Ok(phone) => Some(phone),
        Err(tremplin_kernel::phone::PhoneError::Empty) => None,
        Err(_) => {
            errors.push(FieldError { field: "phone", key: "event-error-phone-invalid" });
            None
        }
    };
    if form.email.trim().is_empty() && form.phone.trim().is_empty() {
        errors.push(FieldError { field: "email", key: "event-error-contact-required" });
    }
    let business = form.business.trim();
    if business.chars().count() > BUSINESS_MAX {
        errors.push(FieldError { field: "business", key: "event-error-business-too-long" });
    }
    if !form.consent {
        errors.push(FieldError { field: "consent", key: "event-error-consent-required" });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Registrant { name: name.to_owned(), email, phone, business: business.to_owned(), locale })
}

/// Registers a person for one or several sessions in one step. Every session must be open
/// for registration; the answer says, per session, confirmed or waitlisted with the position.
pub async fn register(
    repo: &impl RegistrationRepo,
    clock: &dyn Clock,
    events: &[Event],
    form: &RegistrationForm,
    locale: Locale,
) -> Result<Vec<RegistrationOutcome>, EventError> {
    let registrant = validate_registrant(form, locale).map_err(EventError::Invalid)?;
    if events.is_empty() {
        return Err(EventError::field("sessions", "event-error-no-session"));
    }
    if events.len() > MAX_SESSIONS_PER_REQUEST {
        return Err(EventError::field("sessions", "event-error-too-many-sessions"));
    }
    let now = clock.now_ts();
    for event in events {
        if event.status == EventStatus::Cancelled {
            return Err(EventError::EventCancelled);
        }
        if !event.registration_open(now) {
            return Err(EventError::RegistrationClosed);
        }
    }
    let mut sessions: Vec<(i64, String)> = events.iter().map(|e| (e.id, e.slug.clone())).collect();
    sessions.sort_unstable();
    sessions.dedup();
    let (events, person) = (events.to_vec(), registrant.clone());
    let mail: super::repo::OutcomeMail =
        std::sync::Arc::new(move |outcomes: &[RegistrationOutcome]| registration_mail(&events, &person, outcomes));
    Ok(repo.register(&sessions, &registrant, now, mail).await?)
}

/// Finds the registration a link is for, checking the link's token and time limit.
pub async fn registration_for_link<R: RegistrationRepo + EventRepo>(
    repo: &R,
    clock: &dyn Clock,
    public_id: &str,
    token: &str,
    purpose: Purpose,
) -> Result<(Registration, Event), EventError> {
    let registration = repo.registration_by_public_id(public_id).await?.ok_or(EventError::TokenInvalid)?;
    if !token_matches(&registration.secret, purpose, token) {
        return Err(EventError::TokenInvalid);
    }
    let event = repo.event_by_id(registration.event_id).await?.ok_or(EventError::NotFound)?;
    if !purpose.is_live(&event, clock.now_ts()) {
        return Err(EventError::TokenInvalid);
    }
    Ok((registration, event))
}

/// Cancels a registration (by its person, until the session starts; by staff at any time);
/// the first of the waitlist gets the seat and an e-mail.
pub async fn cancel(
    repo: &impl RegistrationRepo,
    clock: &dyn Clock,
    registration: &Registration,
    event: &Event,
    by_staff: bool,
) -> Result<CancelOutcome, EventError> {
    let now = clock.now_ts();
    if !by_staff && now >= event.starts_at {
        return Err(EventError::RegistrationClosed);
    }
    let mail = |event: &Event, promotion: &super::model::Promotion| promotion_mail(event, promotion);
    Ok(repo.cancel_registration(registration.id, now, &mail).await?)
}

/// Changes a session's capacity (the caller checked the user may run it). Lowering it below
/// the confirmed count is refused; raising it promotes the waitlist in order.
pub async fn change_capacity(
    repo: &impl RegistrationRepo,
    clock: &dyn Clock,
    event: &Event,
    capacity: i64,
) -> Result<CapacityOutcome, EventError> {
    if !(0..=100_000).contains(&capacity) {
        return Err(EventError::field("capacity", "event-error-capacity-invalid"));
    }
    let mail = |event: &Event, promotion: &super::model::Promotion| promotion_mail(event, promotion);
    match repo.set_capacity(event.id, capacity, clock.now_ts(), &mail).await? {
        CapacityOutcome::BelowConfirmed(confirmed) => Err(EventError::BelowConfirmed(confirmed)),
        changed => Ok(changed),
    }
}

/// A free slug for a session: its title and date (`atelier-site-web-2026-12-03`), with a
/// number added when taken.
pub async fn free_event_slug(repo: &impl EventRepo, title: &str, starts_at: i64) -> Result<String, EventError> {
    let date = chrono::DateTime::from_timestamp(starts_at, 0)
        .map(|d| d.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let base: String = slugify(title).chars().take(60).collect::<String>().trim_end_matches('-').to_owned();
    let base = if base.is_empty() { "atelier".to_owned() } else { base };
    let base = format!("{base}-{date}");
    if !repo.event_slug_taken(&base).await? {
        return Ok(base);
    }
    for n in 2..1000 {
        let candidate = format!("{base}-{n}");
        if !repo.event_slug_taken(&candidate).await? {
            return Ok(candidate);
        }
    }
    Err(EventError::field("title", "event-error-slug-exhausted"))
}

/// Checks the rules every session obeys, whoever creates it.
pub fn check_new_event(event: &NewEvent) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if event.title.trim().is_empty() {
        errors.push(FieldError { field: "title", key: "event-error-title-required" });
    }
    if event.ends_at <= event.starts_at {
        errors.push(FieldError { field: "ends_at", key: "event-error-ends-before-start" });
    }
    if !(0..=100_000).contains(&event.capacity) {
        errors.push(FieldError { field: "capacity", key: "event-error-capacity-invalid" });
    }
    if event.venue.name.trim().is_empty() && event.venue.address.trim().is_empty() && event.online_url.trim().is_empty() {
        errors.push(FieldError { field: "venue", key: "event-error-venue-required" });
    }
    let url = &event.online_url;
    if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
        errors.push(FieldError { field: "online_url", key: "event-error-online-url-invalid" });
    }
    if event.themes.iter().any(|t| !super::model::is_theme(t)) {
        errors.push(FieldError { field: "themes", key: "event-error-theme-unknown" });
    }
    if let (Some(opens), Some(closes)) = (event.registration_opens_at, event.registration_closes_at)
        && closes <= opens
    {
        errors.push(FieldError { field: "registration_closes_at", key: "event-error-window-invalid" });
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Creates a session after checking it; returns its id.
pub async fn create_event(repo: &impl EventRepo, event: &NewEvent, now: i64) -> Result<i64, EventError> {
    check_new_event(event).map_err(EventError::Invalid)?;
    Ok(repo.create_event(event, now).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RegistrationForm {
        RegistrationForm {
            name: "Léa Martin".into(),
            email: "Lea@Example.fr".into(),
            phone: String::new(),
            business: String::new(),
            consent: true,
        }
    }

    #[test]
    fn registrant_is_recognised_by_email_then_phone() {
        let r = validate_registrant(&form(), Locale::Fr).expect("valid");
        assert_eq!(r.person_key(), "email:lea@example.fr");
        let by_phone = RegistrationForm { email: String::new(), phone: "06 12 34 56 78".into(), ..form() };
        assert_eq!(validate_registrant(&by_phone, Locale::Fr).expect("valid").person_key(), "phone:+33612345678");
    }

    #[test]
    fn every_problem_is_reported() {
        let bad =
            RegistrationForm { name: " ".into(), email: "nope".into(), phone: "12".into(), business: "x".repeat(200), consent: false };
        let fields: Vec<&str> = validate_registrant(&bad, Locale::Fr).expect_err("invalid").iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "email", "phone", "business", "consent"]);
        let none = RegistrationForm { email: String::new(), ..form() };
        let errors = validate_registrant(&none, Locale::Fr).expect_err("no contact");
        assert_eq!(errors[0].key, "event-error-contact-required");
    }
}
