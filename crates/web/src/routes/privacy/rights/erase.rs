//! `GET|POST /compte/effacement`: an account holder erases everything held about them,
//! confirming with their password; an account without a password gets a link by e-mail.

use super::by_link::send_link;
use super::{ERASE, private};
use crate::auth::{AuthSession, RequireUser};
use crate::client::ClientIp;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::accounts::{self, AccountError, FieldError};
use tremplin_store::privacy::Subject;
use tremplin_store::privacy::erase::erase;

/// The erasure page: what goes, what stays anonymised, the confirmation.
#[derive(Template)]
#[template(path = "privacy/erase.html")]
pub struct ErasePage {
    pub(crate) ctx: Ctx,
    pub(crate) errors: FormErrors,
    pub(crate) failure: Option<&'static str>,
    /// Confirmation by password (else by an e-mailed link).
    pub(crate) has_password: bool,
    /// The form's action.
    pub(crate) action: String,
    /// The link was e-mailed.
    pub(crate) sent: bool,
}

/// The page shown once the data is erased.
#[derive(Template)]
#[template(path = "privacy/erased.html")]
pub struct ErasedPage {
    pub(crate) ctx: Ctx,
}

/// The page.
pub async fn show(RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let ctx = ctx.with_form().await?;
    let page = ErasePage {
        ctx,
        errors: FormErrors::default(),
        failure: None,
        has_password: user.password_hash.is_some(),
        action: "/compte/effacement".into(),
        sent: false,
    };
    Ok(private(ok(&page)))
}

/// Fields of the confirmation.
#[derive(Debug, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// Erases the account (password and box checked), or e-mails the link.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    mut auth: AuthSession,
    ClientIp(client): ClientIp,
    ctx: Ctx,
    Form(form): Form<EraseForm>,
) -> Result<Response, AppError> {
    let has_password = user.password_hash.is_some();
    let page = |ctx: Ctx, errors: Vec<FieldError>, failure: Option<&'static str>, sent: bool| ErasePage {
        ctx,
        errors: FormErrors(errors),
        failure,
        has_password,
        action: "/compte/effacement".into(),
        sent,
    };
    if !has_password {
        send_link(&state, user.email.as_str(), ERASE, ctx.tr.locale).await?;
        return Ok(private(ok(&page(ctx.with_form().await?, Vec::new(), None, true))));
    }
    let mut errors = Vec::new();
    if form.confirm != "yes" {
        errors.push(FieldError { field: "confirm", key: "privacy-erase-confirm-required" });
    }
    if form.password.is_empty() {
        errors.push(FieldError { field: "password", key: "error-password-empty" });
    } else {
        match accounts::authenticate(&state.db, state.clock.as_ref(), user.email.as_str(), &form.password, client.as_deref()).await {
            Ok(_) => {}
            Err(AccountError::RateLimited) => {
                let page = page(ctx.with_form().await?, errors, Some("error-rate-limited"), false);
                return Ok(private(render(StatusCode::TOO_MANY_REQUESTS, &page)));
            }
            Err(_) => errors.push(FieldError { field: "password", key: "privacy-erase-bad-password" }),
        }
    }
    if !errors.is_empty() {
        return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page(ctx.with_form().await?, errors, None, false))));
    }
    let subject = Subject { user_id: Some(user.id), email: user.email.as_str().to_owned() };
    erase(&state.db, &subject, state.clock.now_ts()).await?;
    auth.logout().await.map_err(|e| AppError::Internal(format!("logout: {e}")))?;
    Ok(private(ok(&ErasedPage { ctx })))
}
