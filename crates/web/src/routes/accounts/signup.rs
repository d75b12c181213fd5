//! `GET|POST /inscription`: create an account with a password.

use super::log_in_and_go;
use crate::auth::AuthSession;
use crate::client::ClientIp;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::rate_limit::{self, Limit};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::accounts::{self, AccountError, SignUp};

#[derive(Template)]
#[template(path = "accounts/signup.html")]
struct SignupPage {
    ctx: Ctx,
    errors: FormErrors,
    email: String,
    display_name: String,
    /// A refusal of the whole form (too many sign-ups from this client).
    failure: Option<&'static str>,
}

/// The sign-up form.
pub async fn show(ctx: Ctx) -> Result<Response, AppError> {
    let ctx = ctx.with_form().await?;
    Ok(ok(&SignupPage { ctx, errors: FormErrors::default(), email: String::new(), display_name: String::new(), failure: None }))
}

/// Fields of the sign-up form.
#[derive(Debug, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    display_name: String,
}

/// Creates the account and logs in; on bad input, the form again with messages (422).
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(client): ClientIp,
    mut auth: AuthSession,
    Form(form): Form<SignupForm>,
) -> Result<Response, AppError> {
    if !rate_limit::allow(&state, Limit::SignUpPerClient, client.as_deref()).await? {
        let ctx = ctx.with_form().await?;
        let page = SignupPage {
            ctx,
            errors: FormErrors::default(),
            email: form.email,
            display_name: form.display_name,
            failure: Some("rate-limit-signup"),
        };
        return Ok(render(StatusCode::TOO_MANY_REQUESTS, &page));
    }
    let input =
        SignUp { email: form.email.clone(), password: form.password, display_name: form.display_name.clone(), locale: ctx.tr.locale };
    match accounts::sign_up(&state.db, state.clock.as_ref(), input).await {
        Ok(user) => log_in_and_go(&state, &mut auth, user, "signup-done", "/compte").await,
        Err(AccountError::Invalid(errors)) => {
            let ctx = ctx.with_form().await?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &SignupPage { ctx, errors: FormErrors(errors), email: form.email, display_name: form.display_name, failure: None },
            ))
        }
        Err(other) => Err(other.into()),
    }
}
