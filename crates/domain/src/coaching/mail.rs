//! The e-mails of appointments. The domain says what each message is about; the mail crate
//! renders it, with the iCalendar attachment built from these values.

use super::model::{Appointment, Beneficiary, Coach, Modality, Slot};
use super::tokens::appointment_path;
use crate::notifications::MailRequest;
use tremplin_kernel::{Email, Locale};

/// Template of the confirmation sent to the person who booked.
pub const BOOKED_TEMPLATE: &str = "appointment_booked";
/// Template telling the coach about a new appointment.
pub const BOOKED_COACH_TEMPLATE: &str = "appointment_booked_coach";
/// Template of a cancellation, to the person and to the coach (`audience`), saying who
/// cancelled (`cancelled_by`) and why (`reason`, when the coach gave one).
pub const CANCELLED_TEMPLATE: &str = "appointment_cancelled";
/// Template of a move to another slot, to the person and to the coach (`audience`).
pub const MOVED_TEMPLATE: &str = "appointment_moved";
/// Template of the reminder the day before, to the person.
pub const REMINDER_TEMPLATE: &str = "appointment_reminder";

/// Where an appointment takes place, on one line (the coach's venue, or the modality).
pub fn place_line(coach: &Coach, modality: Modality) -> String {
    match modality {
        Modality::AtVenue => {
            let mut parts = vec![coach.structure_name.clone()];
            if !coach.base_address.is_empty() {
                parts.push(coach.base_address.clone());
            }
            if let Some(commune) = &coach.base_commune
                && !coach.base_address.contains(commune.as_str())
            {
                parts.push(commune.clone());
            }
            parts.retain(|p| !p.is_empty());
            parts.join(", ")
        }
        _ => String::new(),
    }
}

/// The values both booking e-mails share.
fn appointment_values(mail: MailRequest, coach: &Coach, appointment: &Appointment, beneficiary: &Beneficiary) -> MailRequest {
    mail.with("public_id", appointment.public_id.clone())
        .with("coach_name", coach.display_name.clone())
        .with("coach_slug", coach.slug.clone())
        .with("structure", coach.structure_name.clone())
        .with("starts_at", appointment.starts_at.to_string())
        .with("ends_at", appointment.ends_at.to_string())
        .with("modality", appointment.modality.as_str())
        .with("place", place_line(coach, appointment.modality))
        .with("themes", appointment.themes.join("|"))
        .with("need", appointment.need.clone())
        .with("sequence", appointment.sequence.to_string())
        .with("person_name", beneficiary.name.clone())
        .with("business", beneficiary.business.clone())
}

/// The e-mails of a new appointment: the confirmation to the person (when they gave an
/// e-mail), with the link to see, move or cancel it; and the notice to the coach.
pub fn booking_mails(coach: &Coach, appointment: &Appointment, beneficiary: &Beneficiary) -> Vec<MailRequest> {
    let mut mails: Vec<MailRequest> = person_mail(BOOKED_TEMPLATE, coach, appointment, beneficiary).into_iter().collect();
    if let Some(notice) = coach_notice(BOOKED_COACH_TEMPLATE, coach, appointment, beneficiary) {
        mails.push(notice);
    }
    mails
}

/// The message to the person (when they gave an e-mail), with the link to their page.
fn person_mail(template: &'static str, coach: &Coach, appointment: &Appointment, beneficiary: &Beneficiary) -> Option<MailRequest> {
    let email = beneficiary.email.as_deref().and_then(|e| Email::parse(e).ok())?;
    let locale = Locale::parse(&appointment.locale).unwrap_or_default();
    let mail = MailRequest::new(template, email, locale)
        .with("audience", "person")
        .with("manage_path", appointment_path(&appointment.public_id, &appointment.secret));
    Some(appointment_values(mail, coach, appointment, beneficiary))
}

/// The message to the coach (in French, the working language of the territory's team),
/// with the person's contact details.
fn coach_notice(template: &'static str, coach: &Coach, appointment: &Appointment, beneficiary: &Beneficiary) -> Option<MailRequest> {
    let email = Email::parse(&coach.email).ok()?;
    let notice = MailRequest::new(template, email, Locale::default())
        .with("audience", "coach")
        .with("contact_email", beneficiary.email.clone().unwrap_or_default())
        .with("contact_phone", beneficiary.phone.clone().unwrap_or_default());
    Some(appointment_values(notice, coach, appointment, beneficiary))
}

/// Who called an appointment off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelledBy {
    /// The person who booked, with their link.
    Person,
    /// The coach (or a manager of the territory), from the agenda.
    Coach,
}

impl CancelledBy {
    /// Stable identifier (stored in `appointments.cancelled_by`, given to the e-mails).
    pub fn as_str(self) -> &'static str {
        match self {
            CancelledBy::Person => "person",
            CancelledBy::Coach => "coach",
        }
    }
}

/// The e-mails of a cancellation: to the person and to the coach, each told who cancelled;
/// `appointment` is the cancelled one (its `sequence` already raised).
pub fn cancelled_mails(
    coach: &Coach,
    appointment: &Appointment,
    beneficiary: &Beneficiary,
    by: CancelledBy,
    reason: &str,
) -> Vec<MailRequest> {
    [person_mail(CANCELLED_TEMPLATE, coach, appointment, beneficiary), coach_notice(CANCELLED_TEMPLATE, coach, appointment, beneficiary)]
        .into_iter()
        .flatten()
        .map(|mail| mail.with("cancelled_by", by.as_str()).with("reason", reason))
        .collect()
}

/// The e-mails of a move: to the person (an updated invitation) and to the coach; `previous`
/// is the slot it left, `appointment` the moved one (its `sequence` already raised).
pub fn moved_mails(coach: &Coach, appointment: &Appointment, beneficiary: &Beneficiary, previous: Slot) -> Vec<MailRequest> {
    [person_mail(MOVED_TEMPLATE, coach, appointment, beneficiary), coach_notice(MOVED_TEMPLATE, coach, appointment, beneficiary)]
        .into_iter()
        .flatten()
        .map(|mail| mail.with("previous_starts_at", previous.starts_at.to_string()).with("previous_ends_at", previous.ends_at.to_string()))
        .collect()
}

/// The reminder the day before, to the person (when they gave an e-mail).
pub fn reminder_mail(coach: &Coach, appointment: &Appointment, beneficiary: &Beneficiary) -> Option<MailRequest> {
    person_mail(REMINDER_TEMPLATE, coach, appointment, beneficiary)
}
