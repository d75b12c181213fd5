//! `GET|POST /pointage/{public_id}/{token}`: where the check-in QR code leads. The session's
//! trainers and staff see the person and mark them present; anyone else learns only that the
//! code is to be shown at the door — never whose it is. The token is of purpose CheckIn
//! (a manage or survey token is refused) and lives from the day before until the end.
//! The camera scan of the staff page POSTs here with `Accept: application/json`.

use super::staff::{log_access, may_run, private, when};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use serde::Deserialize;
use tremplin_domain::events::attendance::{CheckInOutcome, check_in};
use tremplin_domain::events::commands::registration_for_link;
use tremplin_domain::events::tokens::Purpose;
use tremplin_domain::events::{Event, EventError, Registration, RegistrationStatus};
use tremplin_domain::privacy::AccessKind;

/// The page.
#[derive(Template)]
#[template(path = "events_staff/check_in.html")]
struct CheckInPage {
    ctx: Ctx,
    /// The link is unknown, of another purpose, or out of its time.
    invalid: bool,
    /// The viewer runs the session: details are shown.
    staff: Option<StaffView>,
    /// Path of this page (the form's action, the login link's return).
    here: String,
    /// The login page, coming back here.
    login_href: String,
}

struct StaffView {
    event: Event,
    when: String,
    registration: Registration,
    confirmed: bool,
}

async fn find(state: &AppState, public_id: &str, token: &str) -> Result<Option<(Registration, Event)>, AppError> {
    match registration_for_link(&state.db, state.clock.as_ref(), public_id, token, Purpose::CheckIn).await {
        Ok(found) => Ok(Some(found)),
        Err(EventError::TokenInvalid | EventError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// The page the QR code opens.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let here = format!("/pointage/{public_id}/{token}");
    let Some((registration, event)) = find(&state, &public_id, &token).await? else {
        let page = CheckInPage { ctx, invalid: true, staff: None, login_href: String::new(), here };
        return Ok(render(StatusCode::NOT_FOUND, &page));
    };
    let allowed = match &ctx.user {
        Some(user) => Some(may_run(&state, user, &event).await?),
        None => None,
    };
    let (status, staff) = match allowed {
        Some(true) => {
            if let Some(user) = &ctx.user {
                log_access(&state, user, &event, AccessKind::CheckIn, &[&registration]).await?;
            }
            let confirmed = registration.status == RegistrationStatus::Confirmed;
            (StatusCode::OK, Some(StaffView { when: when(&event), event, registration, confirmed }))
        }
        // Logged in without the right to run this session (another trainer): refused, still
        // with the explanation and no details.
        Some(false) => (StatusCode::FORBIDDEN, None),
        None => (StatusCode::OK, None),
    };
    // No session for a visitor: only logged-in staff get the form, and their page has a token.
    let login_href = format!("/connexion?retour={}", crate::auth::urlencode(&here));
    Ok(private(render(status, &CheckInPage { ctx, invalid: false, staff, login_href, here })))
}

/// The check-in form: the camera scan names the session whose page it runs on, so that a
/// code of another session is not checked in by mistake.
#[derive(Debug, Default, Deserialize)]
pub struct CheckInFields {
    #[serde(default)]
    event: String,
}

/// Marks the person present (trainers and staff of the session only).
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    headers: HeaderMap,
    Path((public_id, token)): Path<(String, String)>,
    Form(fields): Form<CheckInFields>,
) -> Result<Response, AppError> {
    let wants_json = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"));
    let Some((registration, event)) = find(&state, &public_id, &token).await? else {
        if wants_json {
            return Ok((StatusCode::NOT_FOUND, Json(serde_json::json!({ "status": "unknown" }))).into_response());
        }
        return Err(AppError::NotFound);
    };
    if !may_run(&state, &user, &event).await? {
        return Err(AppError::Forbidden);
    }
    if !fields.event.is_empty() && fields.event != event.slug {
        let body = serde_json::json!({ "status": "other_session", "event": event.slug });
        return Ok((StatusCode::CONFLICT, Json(body)).into_response());
    }
    let outcome = check_in(&state.db, state.clock.as_ref(), &registration).await?;
    let (status, key) = match outcome {
        CheckInOutcome::Marked => ("marked", "staff-checked-in"),
        CheckInOutcome::AlreadyPresent => ("already", "staff-scan-already"),
        CheckInOutcome::NotConfirmed => ("not_confirmed", "staff-not-confirmed"),
    };
    if wants_json {
        let body =
            serde_json::json!({ "status": status, "public_id": registration.public_id, "event": event.slug, "name": registration.name });
        return Ok(Json(body).into_response());
    }
    flash::push(ctx.session(), key).await;
    Ok(Redirect::to(&format!("/pointage/{public_id}/{token}")).into_response())
}
