//! `POST /ateliers/{slug}/annulation/{public_id}`: staff cancel a registration at any time;
//! a seat freed goes to the first of the waitlist, who is told by e-mail.

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
use tremplin_domain::events::CancelOutcome;
use tremplin_domain::events::commands::cancel;

/// The button's fields.
#[derive(Debug, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    q: String,
}

/// Cancels the registration.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, public_id)): Path<(String, String)>,
    Form(form): Form<CancelForm>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    let registration = registration_of(&state, &event, &public_id).await?;
    let key = match cancel(&state.db, state.clock.as_ref(), &registration, &event, true).await? {
        CancelOutcome::Cancelled(promoted) if promoted.is_empty() => "staff-cancelled",
        CancelOutcome::Cancelled(_) => "staff-cancelled-promoted",
        CancelOutcome::AlreadyCancelled => "staff-already-cancelled",
    };
    flash::push(ctx.session(), key).await;
    Ok(Redirect::to(&back_to(&slug, &form.q)).into_response())
}
