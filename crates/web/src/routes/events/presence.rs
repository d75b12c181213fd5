//! `POST /ateliers/{slug}/presence/{public_id}`: marks a confirmed person present by hand
//! (`present=1`), or takes the mark back (`present=0`), from the session's staff page.

use super::manage::back_to;
use super::staff::{registration_of, session_for_staff};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::Ctx;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::events::attendance::{AttendanceRepo, CheckInOutcome, check_in};

/// The button's fields.
#[derive(Debug, Deserialize)]
pub struct PresenceForm {
    #[serde(default)]
    present: String,
    #[serde(default)]
    q: String,
}

/// Marks present or takes it back.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, public_id)): Path<(String, String)>,
    Form(form): Form<PresenceForm>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    let registration = registration_of(&state, &event, &public_id).await?;
    let key = match form.present.as_str() {
        "1" => match check_in(&state.db, state.clock.as_ref(), &registration).await? {
            CheckInOutcome::Marked => "staff-checked-in",
            CheckInOutcome::AlreadyPresent => "staff-scan-already",
            CheckInOutcome::NotConfirmed => "staff-not-confirmed",
        },
        "0" => {
            state.db.undo_check_in(registration.id).await?;
            "staff-check-in-undone"
        }
        _ => return Err(AppError::BadRequest("error-bad-request")),
    };
    flash::push(ctx.session(), key).await;
    Ok(Redirect::to(&format!("{}#r-{public_id}", back_to(&slug, &form.q))).into_response())
}
