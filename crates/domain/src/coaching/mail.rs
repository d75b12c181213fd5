//! The e-mails of appointments. The domain says what each message is about; the mail crate
//! renders it, with the iCalendar attachment built from these values.

use super::model::{Appointment, Beneficiary, Coach, Modality};
use super::tokens::appointment_path;
use crate::notifications::MailRequest;
use tremplin_kernel::{Email, Locale};

/// Template of the confirmation sent to the person who booked.
pub const BOOKED_TEMPLATE: &str = "appointment_booked";
/// Template telling the coach about a new appointment.
pub const BOOKED_COACH_TEMPLATE: &str = "appointment_booked_coach";

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
    let mut mails = Vec::new();
    let person_locale = Locale::parse(&appointment.locale).unwrap_or_default();
    if let Some(email) = beneficiary.email.as_deref().and_then(|e| Email::parse(e).ok()) {
        let mail = MailRequest::new(BOOKED_TEMPLATE, email, person_locale)
            .with("manage_path", appointment_path(&appointment.public_id, &appointment.secret));
        mails.push(appointment_values(mail, coach, appointment, beneficiary));
    }
    let Ok(coach_email) = Email::parse(&coach.email) else { return mails };
    let notice = MailRequest::new(BOOKED_COACH_TEMPLATE, coach_email, Locale::default())
        .with("contact_email", beneficiary.email.clone().unwrap_or_default())
        .with("contact_phone", beneficiary.phone.clone().unwrap_or_default());
    mails.push(appointment_values(notice, coach, appointment, beneficiary));
    mails
}
