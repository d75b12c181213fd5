//! `GET|POST /annuaire/{slug}/revendiquer` and `POST …/revendiquer/code`: a business claims its
//! listing, proven by a code sent to the listing's own e-mail address, or approved by a manager.

use super::find;
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
use tremplin_domain::directory::Listing;
use tremplin_domain::directory::ownership::{self, ClaimStarted, OwnershipError};

#[derive(Template)]
#[template(path = "directory/claim.html")]
struct ClaimPage {
    ctx: Ctx,
    listing: Listing,
    code_step: bool,
    errors: FormErrors,
}

/// Explains the claim and asks for a word to the manager.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(_user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    Ok(ok(&ClaimPage { ctx: ctx.with_form().await?, listing, code_step: false, errors: FormErrors::default() }))
}

/// Field of the claim form.
#[derive(Debug, Deserialize)]
pub struct ClaimForm {
    #[serde(default)]
    message: String,
}

/// Starts the claim.
pub async fn start(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<ClaimForm>,
) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    match ownership::start_claim(&state.db, state.clock.as_ref(), &user, &listing, &form.message).await? {
        ClaimStarted::CodeSent => {
            Ok(ok(&ClaimPage { ctx: ctx.with_form().await?, listing, code_step: true, errors: FormErrors::default() }))
        }
        ClaimStarted::AwaitingManager => {
            flash::push(ctx.session(), "claim-awaiting-manager").await;
            Ok(Redirect::to(&format!("/annuaire/{slug}")).into_response())
        }
        ClaimStarted::AlreadyOwner => Ok(Redirect::to(&format!("/annuaire/{slug}/modifier")).into_response()),
    }
}

/// Field of the code form.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Checks the code; the user becomes an owner.
pub async fn confirm(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    match ownership::confirm_claim(&state.db, state.clock.as_ref(), &user, &listing, &form.code).await {
        Ok(()) => {
            flash::push(ctx.session(), "claim-approved").await;
            Ok(Redirect::to(&format!("/annuaire/{slug}/modifier")).into_response())
        }
        Err(OwnershipError::Invalid(errors)) => {
            let ctx = ctx.with_form().await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &ClaimPage { ctx, listing, code_step: true, errors: FormErrors(errors) }))
        }
        Err(OwnershipError::NotFound) => Ok(Redirect::to(&format!("/annuaire/{slug}/revendiquer")).into_response()),
        Err(other) => Err(other.into()),
    }
}
