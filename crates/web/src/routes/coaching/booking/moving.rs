//! `GET /rendez-vous/{public_id}/{token}/deplacer`: the coach's other free slots; `POST`
//! moves the appointment there, atomically (the new slot is taken under the coach's lock like
//! a booking, the old one freed in the same transaction). A slot taken meanwhile brings the
//! list back (409) with the message.

use super::person::{find, private};
use super::{SlotDay, free_days, link_invalid, refusal, when};
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::coaching::manage::{can_change, move_appointment};
use tremplin_domain::coaching::{Appointment, Coach, CoachingError};

/// Most slots offered.
const SLOTS_SHOWN: usize = 40;

/// The page to pick a new slot.
#[derive(Template)]
#[template(path = "coaching_booking/move.html")]
struct MovePage {
    ctx: Ctx,
    base: String,
    current: String,
    days: Vec<SlotDay>,
    /// A refusal (slot taken, no slot chosen).
    refusal: Option<&'static str>,
}

/// The chosen slot.
#[derive(Debug, Deserialize)]
pub struct MoveInput {
    /// Start of the new slot (Unix seconds).
    #[serde(default)]
    starts_at: String,
}

async fn page(state: &AppState, ctx: Ctx, base: String, coach: &Coach, appointment: &Appointment) -> Result<MovePage, AppError> {
    let current = when(&ctx.tr, appointment.starts_at, appointment.ends_at);
    let days = free_days(state, &ctx.tr, coach, SLOTS_SHOWN).await?;
    Ok(MovePage { ctx: ctx.with_form().await?, base, current, days, refusal: None })
}

/// The free slots to move to.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let Some((appointment, coach, _)) = find(&state, &public_id, &token).await? else { return Ok(link_invalid(ctx)) };
    let base = format!("/rendez-vous/{public_id}/{token}");
    if !can_change(&appointment, state.clock.now_ts()) {
        flash::push(ctx.session(), "appointment-flash-closed").await;
        return Ok(Redirect::to(&base).into_response());
    }
    let page = page(&state, ctx, base, &coach, &appointment).await?;
    Ok(private(render(StatusCode::OK, &page)))
}

/// Moves the appointment.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((public_id, token)): Path<(String, String)>,
    Form(input): Form<MoveInput>,
) -> Result<Response, AppError> {
    let Some((appointment, coach, _)) = find(&state, &public_id, &token).await? else { return Ok(link_invalid(ctx)) };
    let base = format!("/rendez-vous/{public_id}/{token}");
    let (status, key) = match move_appointment(&state.db, state.clock.as_ref(), &coach, &appointment, &input.starts_at).await {
        Ok(_) => {
            flash::push(ctx.session(), "appointment-flash-moved").await;
            return Ok(Redirect::to(&base).into_response());
        }
        Err(CoachingError::AppointmentClosed) => {
            flash::push(ctx.session(), "appointment-flash-closed").await;
            return Ok(Redirect::to(&base).into_response());
        }
        Err(CoachingError::SlotTaken) => (StatusCode::CONFLICT, "coach-error-slot-taken"),
        Err(CoachingError::Invalid(_)) => (StatusCode::UNPROCESSABLE_ENTITY, "coach-error-slot-required"),
        Err(other) => return Err(refusal(other)),
    };
    let mut page = page(&state, ctx, base, &coach, &appointment).await?;
    page.refusal = Some(key);
    Ok(private(render(status, &page)))
}
