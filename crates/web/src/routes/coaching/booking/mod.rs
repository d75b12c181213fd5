//! Booking a slot without an account, the person's appointment page (calendar file, move,
//! cancel), the coach's appointments and private calendar feed.

use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Ctx, render};
use crate::routes::events::view::{day_key, day_label, paris};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use tremplin_domain::coaching::slots::{free_slots, local_date};
use tremplin_domain::coaching::{Appointment, Coach, CoachRepo, CoachingError, Modality, Slot};

pub mod agenda;
pub mod api;
pub mod calendar;
pub mod form;
pub mod moving;
pub mod person;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/coachs/{slug}/reserver", get(form::show).post(form::submit))
        .route("/coachs/{slug}/agenda-prive.ics", get(calendar::private_feed))
        .route("/rendez-vous/{public_id}/{token}", get(person::page))
        .route("/rendez-vous/{public_id}/{token}/agenda.ics", get(calendar::person_file))
        .route("/rendez-vous/{public_id}/{token}/annuler", get(person::confirm_cancel).post(person::cancel))
        .route("/rendez-vous/{public_id}/{token}/deplacer", get(moving::show).post(moving::submit))
        .route("/espace-coach", get(agenda::show))
        .route("/espace-coach/rendez-vous/{public_id}/annuler", post(agenda::cancel))
        .route("/espace-coach/agenda-prive/renouveler", post(calendar::renew_key))
        .route("/api/v1/coaches/{slug}/appointments", post(api::book))
}

/// Turns a refusal of the coaching domain into the error page it deserves.
pub fn refusal(error: CoachingError) -> AppError {
    match error {
        CoachingError::Forbidden => AppError::Forbidden,
        CoachingError::NotFound | CoachingError::TokenInvalid => AppError::NotFound,
        CoachingError::Invalid(fields) => AppError::Invalid(fields),
        CoachingError::Store(e) => e.into(),
        other => AppError::BadRequest(other.key()),
    }
}

/// The page shown for a link that is unknown or wrong (404, like the workshops' links), so
/// that it tells nothing about whether the appointment exists.
#[derive(Template)]
#[template(path = "coaching_booking/link_invalid.html")]
struct LinkInvalidPage {
    ctx: Ctx,
}

/// 404 with the explanation of an invalid link.
pub fn link_invalid(ctx: Ctx) -> Response {
    render(StatusCode::NOT_FOUND, &LinkInvalidPage { ctx })
}

/// "jeudi 03/12/2026, 14:00–15:00" in Europe/Paris.
pub fn when(tr: &Tr, starts_at: i64, ends_at: i64) -> String {
    format!("{}, {}–{}", day_label(tr, starts_at), paris(starts_at).format("%H:%M"), paris(ends_at).format("%H:%M"))
}

/// Label of a modality.
pub fn modality_label(tr: &Tr, modality: Modality) -> String {
    tr.t(&format!("booking-modality-{}", modality.as_str().replace('_', "-")))
}

/// Free slots of one local day.
pub struct SlotDay {
    /// The day, written out.
    pub label: String,
    /// Its slots: start (Unix seconds) and "14:00".
    pub slots: Vec<(i64, String)>,
}

/// How many days of slots the move page and the "slot taken" answer offer.
const SLOT_DAYS_SHOWN: i64 = 21;

/// The coach's free slots from now over the next weeks (within their horizon), by day.
pub async fn free_days(state: &AppState, tr: &Tr, coach: &Coach, limit: usize) -> Result<Vec<SlotDay>, AppError> {
    let now = state.clock.now_ts();
    let until = now + SLOT_DAYS_SHOWN.min(i64::from(coach.rules.horizon_days).max(1)) * 86_400;
    let today = local_date(now).format("%Y-%m-%d").to_string();
    let availability = state.db.availabilities(&[coach], &today).await?.remove(&coach.id).unwrap_or_default();
    let booked = state.db.booked_slots(&[coach.id], now, until).await?.remove(&coach.id).unwrap_or_default();
    let slots: Vec<Slot> = free_slots(&availability, &booked, now, now, until).into_iter().take(limit).collect();
    let mut days: Vec<(String, SlotDay)> = Vec::new();
    for slot in slots {
        let key = day_key(slot.starts_at);
        let time = paris(slot.starts_at).format("%H:%M").to_string();
        match days.last_mut() {
            Some((last, day)) if *last == key => day.slots.push((slot.starts_at, time)),
            _ => days.push((key, SlotDay { label: day_label(tr, slot.starts_at), slots: vec![(slot.starts_at, time)] })),
        }
    }
    Ok(days.into_iter().map(|(_, day)| day).collect())
}

/// Where an appointment takes place, for pages: the coach's venue, or the modality.
pub fn place(tr: &Tr, coach: &Coach, appointment: &Appointment) -> String {
    let venue = tremplin_domain::coaching::mail::place_line(coach, appointment.modality);
    if venue.is_empty() {
        modality_label(tr, appointment.modality)
    } else {
        format!("{} — {venue}", modality_label(tr, appointment.modality))
    }
}

/// Addresses of the coach's private feed.
pub mod calendar_links {
    /// The `https://` address of `path` on the site.
    pub fn feed_url(base_url: &str, path: &str) -> String {
        format!("{}{path}", base_url.trim_end_matches('/'))
    }

    /// The `webcal://` address of `path`, to subscribe in one click.
    pub fn webcal_url(base_url: &str, path: &str) -> String {
        crate::routes::events::webcal::webcal(base_url, path)
    }
}
