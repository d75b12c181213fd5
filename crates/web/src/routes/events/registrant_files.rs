//! A registrant's own files, behind their link's token (purpose Manage):
//! `GET /inscriptions/{public_id}/{token}/agenda.ics` — the session as an invitation
//! (`METHOD:REQUEST`, the person as `ATTENDEE`, accepted when confirmed, tentative on the
//! waitlist, declined once cancelled), and `GET /inscriptions/{public_id}/{token}/qr.svg` —
//! the check-in QR code (confirmed registrations only), holding the absolute check-in URL.
//! Both are personal: never stored by shared caches.

use super::calendar::{calendar_event, ics_response};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tremplin_domain::events::commands::registration_for_link;
use tremplin_domain::events::tokens::{Purpose, check_in_path};
use tremplin_domain::events::{EventError, Registration, RegistrationStatus};
use tremplin_interchange::icalendar::{Calendar, Method, PartStat, Person, write_calendar};
use tremplin_mail::events::organizer;

const PRIVATE: &str = "private, no-store";

/// The registration of a link; a wrong, expired or other-purpose token is simply not found.
async fn registration(state: &AppState, public_id: &str, token: &str) -> Result<(Registration, tremplin_domain::events::Event), AppError> {
    registration_for_link(&state.db, state.clock.as_ref(), public_id, token, Purpose::Manage).await.map_err(|e| match e {
        EventError::TokenInvalid => AppError::NotFound,
        other => other.into(),
    })
}

/// `GET /inscriptions/{public_id}/{token}/agenda.ics`.
pub async fn agenda(State(state): State<AppState>, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let (registration, event) = registration(&state, &public_id, &token).await?;
    let base = state.config.base_url.trim_end_matches('/');
    let mut item = calendar_event(&event, base);
    let method = match &registration.email {
        // An invitation needs an attendee's address; without one, a plain event.
        Some(email) => {
            let partstat = match registration.status {
                RegistrationStatus::Confirmed => PartStat::Accepted,
                RegistrationStatus::Waitlisted => PartStat::Tentative,
                RegistrationStatus::Cancelled => PartStat::Declined,
            };
            item.organizer = Some(organizer(base));
            item.attendee = Some((Person { name: registration.name.clone(), email: email.clone() }, partstat));
            Method::Request
        }
        None => Method::Publish,
    };
    let calendar = Calendar { method, name: None, stamp: state.clock.now_ts(), events: vec![item] };
    let disposition = format!("attachment; filename=\"{}.ics\"", event.slug);
    Ok(ics_response(write_calendar(&calendar), PRIVATE, disposition))
}

/// `GET /inscriptions/{public_id}/{token}/qr.svg`.
pub async fn qr(State(state): State<AppState>, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let (registration, _) = registration(&state, &public_id, &token).await?;
    if registration.status != RegistrationStatus::Confirmed {
        return Err(AppError::NotFound);
    }
    let base = state.config.base_url.trim_end_matches('/');
    let url = format!("{base}{}", check_in_path(&registration.public_id, &registration.secret));
    let svg = tremplin_interchange::qr::svg(&url).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, PRIVATE)], svg).into_response())
}
