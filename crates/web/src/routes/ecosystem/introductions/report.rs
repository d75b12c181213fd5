//! `GET|POST /ecosysteme/acteurs/{slug}/signaler`: report an actor to the managers of its
//! territory. One open report per reporter and actor, ten per reporter per day (counted in
//! the report's transaction); a refusal is a 429 with the input kept, invalid input a 422.

use super::access::private;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::ecosystem::reports::{ReportReason, ReportRepo, check_report};
use tremplin_domain::ecosystem::{Actor, ActorRepo};

#[derive(Template)]
#[template(path = "ecosystem_introductions/report.html")]
struct ReportPage {
    ctx: Ctx,
    actor: Actor,
    reason: String,
    details: String,
    errors: FormErrors,
    refusal: Option<&'static str>,
}

impl ReportPage {
    fn reasons(&self) -> Vec<(&'static str, String)> {
        ReportReason::ALL.iter().map(|r| (r.as_str(), self.ctx.tr.t(&format!("eco-report-reason-{}", r.as_str())))).collect()
    }
}

/// The form's fields.
#[derive(Debug, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    details: String,
}

async fn reported(state: &AppState, slug: &str, user_id: i64) -> Result<Actor, AppError> {
    let actor = state.db.actor_by_slug(slug).await?.ok_or(AppError::NotFound)?;
    if actor.user_id == user_id {
        return Err(AppError::Forbidden);
    }
    Ok(actor)
}

/// The form.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let actor = reported(&state, &slug, user.id).await?;
    let page = ReportPage {
        ctx: ctx.with_form().await?,
        actor,
        reason: String::new(),
        details: String::new(),
        errors: FormErrors::default(),
        refusal: None,
    };
    Ok(private(ok(&page)))
}

/// Files the report.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<ReportForm>,
) -> Result<Response, AppError> {
    let actor = reported(&state, &slug, user.id).await?;
    let (status, errors, refusal) = match check_report(&form.reason, &form.details) {
        Ok((reason, details)) => match state.db.create_report(actor.id, user.id, reason, &details, state.clock.now_ts()).await? {
            Ok(()) => {
                flash::push(ctx.session(), "eco-report-sent").await;
                return Ok(Redirect::to(&format!("/ecosysteme/acteurs/{slug}")).into_response());
            }
            Err(refusal) => (StatusCode::TOO_MANY_REQUESTS, FormErrors::default(), Some(refusal.key())),
        },
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors(errors), None),
    };
    let page = ReportPage { ctx: ctx.with_form().await?, actor, reason: form.reason, details: form.details, errors, refusal };
    Ok(private(render(status, &page)))
}
