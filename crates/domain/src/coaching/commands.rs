//! The use cases of booking: check the form, book a free slot.

use super::error::CoachingError;
use super::mail::booking_mails;
use super::model::{Appointment, Beneficiary, Booker, Coach, Modality, NewAppointment, Slot, is_theme};
use super::repo::{AppointmentRepo, BookOutcome};
use crate::accounts::FieldError;
use crate::events::commands::{RegistrationForm, validate_registrant};
use tremplin_kernel::{Clock, Locale};

/// Longest description of the need.
const NEED_MAX: usize = 2_000;

/// A booking form as typed.
#[derive(Debug, Clone, Default)]
pub struct BookingForm {
    /// Start of the chosen slot (Unix seconds, as the slot list gave it).
    pub starts_at: String,
    /// Modality chosen among the coach's.
    pub modality: String,
    /// Themes of the need.
    pub themes: Vec<String>,
    /// The need, in a few words.
    pub need: String,
    /// Name.
    pub name: String,
    /// E-mail (this or the phone).
    pub email: String,
    /// Phone (this or the e-mail).
    pub phone: String,
    /// Business or association, optional.
    pub business: String,
    /// Consent to the processing of these details for the accompaniment.
    pub consent: bool,
}

/// A booking form, checked against the coach's profile (not yet against their free slots:
/// that is decided under the coach's lock in the store).
#[derive(Debug, Clone)]
pub struct CheckedBooking {
    /// The chosen slot.
    pub slot: Slot,
    /// Modality.
    pub modality: Modality,
    /// Themes.
    pub themes: Vec<String>,
    /// The need.
    pub need: String,
    /// Who books.
    pub booker: Booker,
}

/// Checks a booking form; every problem is reported at once, field by field.
pub fn validate_booking(coach: &Coach, form: &BookingForm, locale: Locale) -> Result<CheckedBooking, Vec<FieldError>> {
    let mut errors = Vec::new();
    let length = i64::from(coach.rules.appointment_minutes) * 60;
    let slot = match form.starts_at.trim().parse::<i64>() {
        Ok(starts_at) if starts_at > 0 => Some(Slot { starts_at, ends_at: starts_at + length }),
        _ => {
            errors.push(FieldError { field: "starts_at", key: "coach-error-slot-required" });
            None
        }
    };
    let modality = match Modality::parse(&form.modality) {
        Some(m) if coach.modalities.contains(&m) => Some(m),
        None if form.modality.trim().is_empty() && coach.modalities.len() == 1 => Some(coach.modalities[0]),
        _ => {
            errors.push(FieldError { field: "modality", key: "coach-error-modality" });
            None
        }
    };
    let mut themes: Vec<String> = form.themes.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    themes.sort_unstable();
    themes.dedup();
    if themes.iter().any(|t| !is_theme(t)) {
        errors.push(FieldError { field: "themes", key: "coach-error-theme" });
    }
    let need = form.need.trim();
    if need.is_empty() {
        errors.push(FieldError { field: "need", key: "coach-error-need-required" });
    } else if need.chars().count() > NEED_MAX {
        errors.push(FieldError { field: "need", key: "coach-error-need-too-long" });
    }
    // The contact details are checked as a workshop registration's are.
    let contact = RegistrationForm {
        name: form.name.clone(),
        email: form.email.clone(),
        phone: form.phone.clone(),
        business: form.business.clone(),
        consent: form.consent,
    };
    let booker = match validate_registrant(&contact, locale) {
        Ok(person) => Some(Booker { name: person.name, email: person.email, phone: person.phone, business: person.business, locale }),
        Err(contact_errors) => {
            errors.extend(contact_errors.into_iter().map(|e| match e.field {
                "consent" => FieldError { field: "consent", key: "coach-error-consent-required" },
                _ => e,
            }));
            None
        }
    };
    match (slot, modality, booker) {
        (Some(slot), Some(modality), Some(booker)) if errors.is_empty() => {
            Ok(CheckedBooking { slot, modality, themes, need: need.to_owned(), booker })
        }
        _ => Err(errors),
    }
}

/// Books a slot with a coach, without an account. Exactly one of several people asking for
/// the same slot at once gets it; the others are told it was taken.
pub async fn book_slot(
    repo: &impl AppointmentRepo,
    clock: &dyn Clock,
    coach: &Coach,
    form: &BookingForm,
    locale: Locale,
) -> Result<(Appointment, Beneficiary), CoachingError> {
    if !coach.active {
        return Err(CoachingError::NotBookable);
    }
    let checked = validate_booking(coach, form, locale).map_err(CoachingError::Invalid)?;
    let new = NewAppointment {
        coach_id: coach.id,
        slot: checked.slot,
        modality: checked.modality,
        themes: checked.themes,
        need: checked.need,
        booker: checked.booker,
    };
    let mail = |appointment: &Appointment, beneficiary: &Beneficiary| booking_mails(coach, appointment, beneficiary);
    match repo.book(&new, clock.now_ts(), &mail).await? {
        BookOutcome::Booked(booked) => Ok(*booked),
        BookOutcome::SlotTaken => Err(CoachingError::SlotTaken),
        BookOutcome::NotBookable => Err(CoachingError::NotBookable),
    }
}
