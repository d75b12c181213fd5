//! `GET|POST /connexion`: log in with e-mail and password.

use super::log_in_and_go;
use crate::auth::AuthSession;
use crate::client::ClientIp;
use crate::error::AppError;
use crate::locale::safe_return;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::accounts::{self, AccountError};

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    ctx: Ctx,
    errors: FormErrors,
    failure: Option<&'static str>,
    email: String,
    retour: String,
}

/// Where to go after logging in.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    retour: Option<String>,
}

/// The login form.
pub async fn show(ctx: Ctx, Query(query): Query<LoginQuery>) -> Result<Response, AppError> {
    let ctx = ctx.with_form().await?;
    let retour = safe_return(query.retour.as_deref());
    Ok(ok(&LoginPage { ctx, errors: FormErrors::default(), failure: None, email: String::new(), retour }))
}

/// Fields of the login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    retour: Option<String>,
}

/// Checks the credentials; on failure the form again, e-mail kept (401, 422 or 429).
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(client): ClientIp,
    mut auth: AuthSession,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let retour = safe_return(form.retour.as_deref());
    let outcome = accounts::authenticate(&state.db, state.clock.as_ref(), &form.email, &form.password, client.as_deref()).await;
    let (status, errors, failure) = match outcome {
        Ok(user) => {
            let to = if retour == "/" { "/compte".to_owned() } else { retour };
            return log_in_and_go(&state, &mut auth, user, "login-done", &to).await;
        }
        Err(AccountError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors(errors), None),
        Err(AccountError::BadCredentials) => (StatusCode::UNAUTHORIZED, FormErrors::default(), Some("error-bad-credentials")),
        Err(AccountError::RateLimited) => (StatusCode::TOO_MANY_REQUESTS, FormErrors::default(), Some("error-rate-limited")),
        Err(other) => return Err(other.into()),
    };
    let ctx = ctx.with_form().await?;
    Ok(render(status, &LoginPage { ctx, errors, failure, email: form.email, retour }))
}
