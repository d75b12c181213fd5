//! Login without a password: `GET|POST /connexion/lien` asks for a link by e-mail;
//! `GET /connexion/lien/{token}` shows a button and `POST` uses the link. The extra click
//! keeps mail scanners, which open links, from using it up.

use super::log_in_and_go;
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

/// The form that asks for an e-mailed link (login or password reset).
#[derive(Template)]
#[template(path = "accounts/email_request.html")]
pub struct EmailRequestPage {
    pub(crate) ctx: Ctx,
    pub(crate) errors: FormErrors,
    pub(crate) failure: Option<&'static str>,
    pub(crate) email: String,
    pub(crate) sent: bool,
    pub(crate) action: &'static str,
    pub(crate) title_key: &'static str,
    pub(crate) intro_key: &'static str,
    pub(crate) submit_key: &'static str,
    pub(crate) sent_key: &'static str,
}

impl EmailRequestPage {
    /// The empty form for `purpose`.
    pub fn new(ctx: Ctx, purpose: TokenPurpose) -> Self {
        let (action, title_key, intro_key, submit_key, sent_key) = match purpose {
            TokenPurpose::Login => ("/connexion/lien", "login-link-title", "login-link-intro", "login-link-submit", "login-link-sent"),
            TokenPurpose::PasswordReset => {
                ("/mot-de-passe/oublie", "reset-request-title", "reset-request-intro", "reset-request-submit", "reset-request-sent")
            }
        };
        Self {
            ctx,
            errors: FormErrors::default(),
            failure: None,
            email: String::new(),
            sent: false,
            action,
            title_key,
            intro_key,
            submit_key,
            sent_key,
        }
    }
}

/// Field of the request form.
#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// Sends the link of `purpose`; the same answer whether the account exists or not.
pub async fn request_link(state: &AppState, ctx: Ctx, form: EmailForm, purpose: TokenPurpose) -> Result<Response, AppError> {
    let outcome = accounts::send_link(&state.db, state.clock.as_ref(), &form.email, purpose).await;
    let ctx = ctx.with_form().await?;
    let mut page = EmailRequestPage::new(ctx, purpose);
    page.email = form.email;
    let status = match outcome {
        Ok(()) => {
            page.sent = true;
            StatusCode::OK
        }
        Err(AccountError::Invalid(errors)) => {
            page.errors = FormErrors(errors);
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AccountError::RateLimited) => {
            page.failure = Some("error-rate-limited");
            StatusCode::TOO_MANY_REQUESTS
        }
        Err(other) => return Err(other.into()),
    };
    Ok(render(status, &page))
}

/// The request form.
pub async fn show_request(ctx: Ctx) -> Result<Response, AppError> {
    Ok(ok(&EmailRequestPage::new(ctx.with_form().await?, TokenPurpose::Login)))
}

/// Sends a login link.
pub async fn submit_request(State(state): State<AppState>, ctx: Ctx, Form(form): Form<EmailForm>) -> Result<Response, AppError> {
    request_link(&state, ctx, form, TokenPurpose::Login).await
}

#[derive(Template)]
#[template(path = "accounts/link_confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    token: String,
}

/// A link that cannot be used, with a way to ask for another.
#[derive(Template)]
#[template(path = "accounts/token_problem.html")]
pub struct TokenProblemPage {
    pub(crate) ctx: Ctx,
    pub(crate) key: &'static str,
    pub(crate) retry_href: &'static str,
    pub(crate) retry_key: &'static str,
}

/// Answers a token that is invalid or expired (410 Gone for both).
pub fn token_problem(ctx: Ctx, error: AccountError, purpose: TokenPurpose) -> Result<Response, AppError> {
    let key = match error {
        AccountError::TokenExpired => "error-token-expired",
        AccountError::TokenInvalid => "error-token-invalid",
        other => return Err(other.into()),
    };
    let (retry_href, retry_key) = match purpose {
        TokenPurpose::Login => ("/connexion/lien", "login-link-instead"),
        TokenPurpose::PasswordReset => ("/mot-de-passe/oublie", "login-forgot"),
    };
    Ok(render(StatusCode::GONE, &TokenProblemPage { ctx, key, retry_href, retry_key }))
}

/// The confirmation button for a valid link.
pub async fn show_confirm(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    let ctx = ctx.with_form().await?;
    match accounts::check_link(&state.db, state.clock.as_ref(), &token, TokenPurpose::Login).await {
        Ok(()) => Ok(ok(&ConfirmPage { ctx, token })),
        Err(e) => token_problem(ctx, e, TokenPurpose::Login),
    }
}

/// Uses the link and logs in.
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    mut auth: AuthSession,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match accounts::consume_login_link(&state.db, state.clock.as_ref(), &token).await {
        Ok(user) => log_in_and_go(&state, &mut auth, user, "login-done", "/compte").await,
        Err(e) => token_problem(ctx.with_form().await?, e, TokenPurpose::Login),
    }
}
