//! `POST /ecosysteme/mises-en-relation/{public_id}/reponse` (the recipient accepts or
//! declines, while pending), `…/retrait` (the requester withdraws, while pending) and
//! `…/rencontres` (either side logs a meeting of a mentoring relationship; 422 with the
//! input kept when invalid).

use super::access::{LIST_PATH, seen_by, status_of};
use super::show::{page, respond};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::ecosystem::ActorRepo;
use tremplin_domain::ecosystem::introductions::{self, Decision, IntroError, MeetingInput, Side};

/// The answer form.
#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    decision: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    mentoring: Option<String>,
}

/// The recipient's answer.
pub async fn answer(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let (intro, side) = seen_by(&state, &user, &public_id).await?;
    if side != Side::Recipient {
        return Err(AppError::Forbidden);
    }
    let actor = state.db.actor_by_id(intro.recipient.actor_id).await?.ok_or(AppError::NotFound)?;
    let decision = match form.decision.as_str() {
        "accept" => Decision::Accept { mentoring: form.mentoring.is_some_and(|m| matches!(m.as_str(), "true" | "on" | "1")) },
        "decline" => Decision::Decline,
        _ => return Err(AppError::BadRequest("error-invalid-form")),
    };
    match introductions::answer(&state.db, state.clock.as_ref(), &intro, &actor, decision, &form.answer).await {
        Ok(()) => {}
        Err(IntroError::Invalid(errors)) => return Err(AppError::Invalid(errors)),
        Err(other) => return Err(status_of(other)),
    }
    let key = if decision == Decision::Decline { "eco-intro-declined" } else { "eco-intro-accepted" };
    flash::push(ctx.session(), key).await;
    Ok(Redirect::to(&format!("{LIST_PATH}/{public_id}")).into_response())
}

/// The requester takes a pending request back.
pub async fn withdraw(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
) -> Result<Response, AppError> {
    let (intro, side) = seen_by(&state, &user, &public_id).await?;
    if side != Side::Requester {
        return Err(AppError::Forbidden);
    }
    let actor = state.db.actor_by_id(intro.requester.actor_id).await?.ok_or(AppError::NotFound)?;
    introductions::withdraw(&state.db, state.clock.as_ref(), &intro, &actor).await.map_err(status_of)?;
    flash::push(ctx.session(), "eco-intro-withdrawn").await;
    Ok(Redirect::to(LIST_PATH).into_response())
}

/// The meeting form.
#[derive(Debug, Deserialize)]
pub struct MeetingForm {
    #[serde(default)]
    met_on: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    next_steps: String,
}

/// Logs a meeting.
pub async fn meeting(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
    Form(form): Form<MeetingForm>,
) -> Result<Response, AppError> {
    let (intro, side) = seen_by(&state, &user, &public_id).await?;
    let actor_id = if side == Side::Requester { intro.requester.actor_id } else { intro.recipient.actor_id };
    let actor = state.db.actor_by_id(actor_id).await?.ok_or(AppError::NotFound)?;
    let input = MeetingInput { met_on: form.met_on, minutes: form.minutes, summary: form.summary, next_steps: form.next_steps };
    match introductions::log_meeting(&state.db, state.clock.as_ref(), &intro, &actor, &input).await {
        Ok(()) => {
            flash::push(ctx.session(), "eco-meeting-saved").await;
            Ok(Redirect::to(&format!("{LIST_PATH}/{public_id}#meetings")).into_response())
        }
        Err(IntroError::Invalid(errors)) => {
            let page = page(&state, ctx, &user, &public_id, input, FormErrors(errors)).await?;
            Ok(respond(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(status_of(other)),
    }
}
