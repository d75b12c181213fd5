//! `GET|POST /enquete/{public_id}/{token}`: the satisfaction survey after a session, without
//! an account (token of purpose Survey; a manage or check-in token is refused). One answer per
//! registration: a second one says "already answered" and changes nothing.

use super::staff::when;
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
use tremplin_domain::events::commands::registration_for_link;
use tremplin_domain::events::survey::{QUESTIONS, SurveyForm, SurveyRepo, validate_survey};
use tremplin_domain::events::tokens::Purpose;
use tremplin_domain::events::{Event, EventError, Registration, RegistrationStatus};

/// The page.
#[derive(Template)]
#[template(path = "events_staff/survey.html")]
struct SurveyPage {
    ctx: Ctx,
    event: Option<Event>,
    when: String,
    answered: bool,
    errors: FormErrors,
    /// Scores as typed, in the order of the questions.
    typed: [String; 4],
    comment: String,
    questions: [&'static str; 4],
    scores: [u8; 5],
    here: String,
}

impl SurveyPage {
    /// Whether `score` is the one typed for question `i`.
    fn checked(&self, i: &usize, score: &u8) -> bool {
        self.typed.get(*i).is_some_and(|v| v.trim() == score.to_string())
    }

    /// The legend of a question.
    fn question(&self, q: &str) -> String {
        self.ctx.tr.t(&format!("survey-q-{q}"))
    }

    /// The label of a score ("5 — très satisfait").
    fn score_label(&self, score: &u8) -> String {
        self.ctx.tr.t(&format!("survey-score-{score}"))
    }
}

async fn find(state: &AppState, public_id: &str, token: &str) -> Result<Option<(Registration, Event)>, AppError> {
    match registration_for_link(&state.db, state.clock.as_ref(), public_id, token, Purpose::Survey).await {
        // Only a person who had a seat is asked about the session.
        Ok((r, e)) if r.status == RegistrationStatus::Confirmed => Ok(Some((r, e))),
        Ok(_) | Err(EventError::TokenInvalid | EventError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

fn page(ctx: Ctx, event: Option<Event>, answered: bool, here: String) -> SurveyPage {
    SurveyPage {
        when: event.as_ref().map(when).unwrap_or_default(),
        ctx,
        event,
        answered,
        errors: FormErrors::default(),
        typed: Default::default(),
        comment: String::new(),
        questions: QUESTIONS,
        scores: [1, 2, 3, 4, 5],
        here,
    }
}

/// The survey form (or "already answered").
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let here = format!("/enquete/{public_id}/{token}");
    let Some((registration, event)) = find(&state, &public_id, &token).await? else {
        return Ok(render(StatusCode::NOT_FOUND, &page(ctx, None, false, here)));
    };
    let answered = state.db.has_answered(registration.id).await?;
    let ctx = ctx.with_form().await?;
    Ok(render(StatusCode::OK, &page(ctx, Some(event), answered, here)))
}

/// The answers as posted.
#[derive(Debug, Deserialize)]
pub struct SurveyFields {
    #[serde(default)]
    content: String,
    #[serde(default)]
    trainer: String,
    #[serde(default)]
    usefulness: String,
    #[serde(default)]
    recommend: String,
    #[serde(default)]
    comment: String,
}

/// Saves the answer, once.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((public_id, token)): Path<(String, String)>,
    Form(fields): Form<SurveyFields>,
) -> Result<Response, AppError> {
    let here = format!("/enquete/{public_id}/{token}");
    let Some((registration, event)) = find(&state, &public_id, &token).await? else {
        return Ok(render(StatusCode::NOT_FOUND, &page(ctx, None, false, here)));
    };
    let form = SurveyForm {
        content: fields.content.clone(),
        trainer: fields.trainer.clone(),
        usefulness: fields.usefulness.clone(),
        recommend: fields.recommend.clone(),
        comment: fields.comment.clone(),
    };
    let answer = match validate_survey(&form) {
        Ok(answer) => answer,
        Err(errors) => {
            let ctx = ctx.with_form().await?;
            let mut refused = page(ctx, Some(event), false, here);
            refused.errors = FormErrors(errors);
            refused.typed = [fields.content, fields.trainer, fields.usefulness, fields.recommend];
            refused.comment = fields.comment;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &refused));
        }
    };
    let saved = state.db.save_survey(registration.id, event.id, &answer, state.clock.now_ts()).await?;
    flash::push(ctx.session(), if saved { "survey-thanks" } else { "survey-already" }).await;
    Ok(Redirect::to(&here).into_response())
}
