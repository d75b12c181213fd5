//! `GET /ateliers/{slug}/annuler` and `POST /ateliers/{slug}/annuler`: staff call off a whole
//! session (a trainer is ill, the room is unavailable). The page says what will happen — how
//! many confirmed and waitlisted people will be told — and asks for the reason shown to them;
//! posting it cancels the session and e-mails them, in one transaction.

use super::staff::{gestion_path, private, session_for_staff, when};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::events::cancelling::{EventCancellingRepo, REASON_MAX, call_off};
use tremplin_domain::events::{Event, EventError, EventStatus, RegistrationRepo, RegistrationStatus};

/// The confirmation page.
#[derive(Template)]
#[template(path = "events_staff/call_off.html")]
pub struct CallOffPage {
    ctx: Ctx,
    event: Event,
    when: String,
    /// Confirmed people with an e-mail (they will be told).
    confirmed_told: i64,
    /// Waitlisted people with an e-mail.
    waitlisted_told: i64,
    /// Confirmed or waitlisted people without an e-mail (phone only: staff call them).
    not_told: i64,
    /// The reason as typed.
    reason: String,
    errors: FormErrors,
    /// The reason recorded, when the session is called off already.
    recorded_reason: String,
    reason_max: usize,
}

impl CallOffPage {
    fn is_cancelled(&self) -> bool {
        self.event.status == EventStatus::Cancelled
    }
}

async fn build(state: &AppState, ctx: Ctx, event: Event, reason: String, errors: FormErrors) -> Result<CallOffPage, AppError> {
    let registrations = state.db.registrations_of_event(event.id).await?;
    let (mut confirmed_told, mut waitlisted_told, mut not_told) = (0, 0, 0);
    for r in &registrations {
        match (r.status, r.email.is_some()) {
            (RegistrationStatus::Cancelled, _) => {}
            (_, false) => not_told += 1,
            (RegistrationStatus::Confirmed, true) => confirmed_told += 1,
            (RegistrationStatus::Waitlisted, true) => waitlisted_told += 1,
        }
    }
    let recorded_reason = if event.status == EventStatus::Cancelled { state.db.cancel_reason(event.id).await? } else { String::new() };
    Ok(CallOffPage {
        ctx: ctx.with_form().await?,
        when: when(&event),
        event,
        confirmed_told,
        waitlisted_told,
        not_told,
        reason,
        errors,
        recorded_reason,
        reason_max: REASON_MAX,
    })
}

/// What calling off will do, and the form.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    Ok(private(render(StatusCode::OK, &build(&state, ctx, event, String::new(), FormErrors::default()).await?)))
}

/// The form.
#[derive(Debug, Deserialize)]
pub struct CallOffForm {
    #[serde(default)]
    reason: String,
}

/// Calls the session off.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<CallOffForm>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    match call_off(&state.db, state.clock.as_ref(), &event, &form.reason).await {
        Ok(told) => {
            tracing::info!(user_id = user.id, event = %event.slug, told, "session called off");
            flash::push(ctx.session(), "call-off-done").await;
            Ok(Redirect::to(&gestion_path(&slug)).into_response())
        }
        Err(EventError::EventCancelled) => {
            flash::push(ctx.session(), "call-off-already").await;
            Ok(Redirect::to(&gestion_path(&slug)).into_response())
        }
        Err(EventError::Invalid(errors)) => {
            let page = build(&state, ctx, event, form.reason, FormErrors(errors)).await?;
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
        Err(other) => Err(other.into()),
    }
}
