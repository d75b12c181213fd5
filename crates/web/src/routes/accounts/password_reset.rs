//! Password reset: `GET|POST /mot-de-passe/oublie` sends a link; `GET|POST
//! /mot-de-passe/nouveau/{token}` sets the new password and logs in.

use super::log_in_and_go;
use super::login_link::{EmailForm, EmailRequestPage, request_link, token_problem};
use crate::auth::AuthSession;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::accounts::{self, AccountError, TokenPurpose};

/// The request form.
pub async fn show_request(ctx: Ctx) -> Result<Response, AppError> {
    Ok(ok(&EmailRequestPage::new(ctx.with_form().await?, TokenPurpose::PasswordReset)))
}

/// Sends a reset link.
pub async fn submit_request(State(state): State<AppState>, ctx: Ctx, Form(form): Form<EmailForm>) -> Result<Response, AppError> {
    request_link(&state, ctx, form, TokenPurpose::PasswordReset).await
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    ctx: Ctx,
    errors: FormErrors,
    token: String,
}

/// The new-password form, if the link is valid.
pub async fn show_reset(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let ctx = ctx.with_form().await?;
    match accounts::check_link(&state.db, state.clock.as_ref(), &token, TokenPurpose::PasswordReset).await {
        Ok(()) => Ok(ok(&ResetPage { ctx, errors: FormErrors::default(), token })),
        Err(e) => token_problem(ctx, e, TokenPurpose::PasswordReset),
    }
}

/// Field of the new-password form.
#[derive(Debug, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
}

/// Sets the password and logs in.
pub async fn submit_reset(
    State(state): State<AppState>,
    ctx: Ctx,
    mut auth: AuthSession,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    match accounts::reset_password(&state.db, state.clock.as_ref(), &token, &form.password).await {
        Ok(user) => log_in_and_go(&state, &mut auth, user, "reset-done", "/compte").await,
        Err(AccountError::Invalid(errors)) => {
            let ctx = ctx.with_form().await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &ResetPage { ctx, errors: FormErrors(errors), token }))
        }
        Err(e) => token_problem(ctx.with_form().await?, e, TokenPurpose::PasswordReset),
    }
}
