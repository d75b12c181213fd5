//! `GET /inscriptions/{public_id}/{token}`: the registrant's own page (reached by the link
//! of their e-mail or right after registering); `POST …/annuler`: they cancel, and the seat
//! goes to the first of the waitlist. Only the holder of the link sees this page; it shows
//! nobody else's name.

use super::view;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::events::cancelling::EventCancellingRepo;
use tremplin_domain::events::commands::{self, registration_for_link};
use tremplin_domain::events::tokens::Purpose;
use tremplin_domain::events::{CancelOutcome, Event, EventError, Registration, RegistrationRepo, RegistrationStatus};

#[derive(Template)]
#[template(path = "events/registrant.html")]
struct RegistrantPage {
    ctx: Ctx,
    event: Event,
    registration: Registration,
    position: Option<i64>,
    base: String,
    can_cancel: bool,
    /// Why staff called the session off (H6), when they did.
    cancel_reason: String,
}

impl RegistrantPage {
    fn when(&self) -> String {
        view::when(&self.ctx.tr, &self.event)
    }
    fn place(&self) -> String {
        view::where_text(&self.ctx.tr, &self.event)
    }
    fn status(&self) -> String {
        match (self.registration.status, self.position) {
            (RegistrationStatus::Confirmed, _) => self.ctx.tr.t("event-status-confirmed"),
            (RegistrationStatus::Waitlisted, Some(p)) => self.ctx.tr.tn("event-status-waitlisted", "position", p),
            (RegistrationStatus::Waitlisted, None) => self.ctx.tr.tn("event-status-waitlisted", "position", 0),
            (RegistrationStatus::Cancelled, _) => self.ctx.tr.t("event-status-registration-cancelled"),
        }
    }
    fn is_confirmed(&self) -> bool {
        self.registration.status == RegistrationStatus::Confirmed
    }
}

/// The page shown for a link that is unknown, expired or meant for something else.
#[derive(Template)]
#[template(path = "events/link_invalid.html")]
struct LinkInvalidPage {
    ctx: Ctx,
}

/// 404 with an explanation, rather than the generic error page.
fn link_invalid(ctx: Ctx) -> Response {
    render(StatusCode::NOT_FOUND, &LinkInvalidPage { ctx })
}

/// The registration and its session, or the page of an invalid link.
async fn find(state: &AppState, public_id: &str, token: &str) -> Result<Option<(Registration, Event)>, AppError> {
    match registration_for_link(&state.db, state.clock.as_ref(), public_id, token, Purpose::Manage).await {
        Ok(found) => Ok(Some(found)),
        Err(EventError::TokenInvalid | EventError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// The registrant's page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let Some((registration, event)) = find(&state, &public_id, &token).await? else { return Ok(link_invalid(ctx)) };
    let position = match registration.status {
        RegistrationStatus::Waitlisted => Some(state.db.waitlist_position(&registration).await?),
        _ => None,
    };
    let called_off = event.status == tremplin_domain::events::EventStatus::Cancelled;
    // Nothing to free in a session called off.
    let can_cancel = registration.status != RegistrationStatus::Cancelled && state.clock.now_ts() < event.starts_at && !called_off;
    let ctx = if can_cancel { ctx.with_form().await? } else { ctx };
    let base = format!("/inscriptions/{public_id}/{token}");
    let cancel_reason = if called_off { state.db.cancel_reason(event.id).await? } else { String::new() };
    Ok(render(StatusCode::OK, &RegistrantPage { ctx, event, registration, position, base, can_cancel, cancel_reason }))
}

/// Cancels the registration; back to the page with a message.
pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((public_id, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let Some((registration, event)) = find(&state, &public_id, &token).await? else { return Ok(link_invalid(ctx)) };
    let key = match commands::cancel(&state.db, state.clock.as_ref(), &registration, &event, false).await {
        Ok(CancelOutcome::Cancelled(_)) => "event-flash-cancelled",
        Ok(CancelOutcome::AlreadyCancelled) => "event-flash-already-cancelled",
        Err(EventError::RegistrationClosed) => "event-cancel-too-late",
        Err(other) => return Err(other.into()),
    };
    flash::push(ctx.session(), key).await;
    Ok(Redirect::to(&format!("/inscriptions/{public_id}/{token}")).into_response())
}
