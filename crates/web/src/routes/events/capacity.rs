//! `POST /ateliers/{slug}/capacite`: trainers and staff change a session's capacity. Lowering
//! it below the confirmed count is refused with that count (nobody is removed silently);
//! raising it gives the new seats to the waitlist, in order, each told by e-mail.

use super::manage::{Forms, build};
use super::staff::{gestion_path, private, session_for_staff};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, render};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::events::commands::change_capacity;
use tremplin_domain::events::{CapacityOutcome, EventError};

/// The capacity form.
#[derive(Debug, Deserialize)]
pub struct CapacityForm {
    #[serde(default)]
    capacity: String,
}

/// Changes the capacity.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<CapacityForm>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    let refused = |message: String| Forms { capacity: form.capacity.clone(), capacity_error: Some(message), ..Forms::default() };
    let Ok(capacity) = form.capacity.trim().parse::<i64>() else {
        let forms = refused(ctx.tr.t("event-error-capacity-invalid"));
        return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &build(&state, ctx, event, String::new(), forms).await?)));
    };
    match change_capacity(&state.db, state.clock.as_ref(), &event, capacity).await {
        Ok(CapacityOutcome::Changed(promoted)) => {
            let key = if promoted.is_empty() { "staff-capacity-changed" } else { "staff-capacity-changed-promoted" };
            flash::push(ctx.session(), key).await;
            Ok(Redirect::to(&gestion_path(&slug)).into_response())
        }
        Ok(CapacityOutcome::BelowConfirmed(confirmed)) | Err(EventError::BelowConfirmed(confirmed)) => {
            let forms = refused(ctx.tr.tn("staff-capacity-below-confirmed", "confirmed", confirmed));
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &build(&state, ctx, event, String::new(), forms).await?)))
        }
        Err(EventError::Invalid(errors)) => {
            let key = errors.first().map(|e| e.key).unwrap_or("event-error-capacity-invalid");
            let forms = refused(ctx.tr.t(key));
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &build(&state, ctx, event, String::new(), forms).await?)))
        }
        Err(other) => Err(other.into()),
    }
}
