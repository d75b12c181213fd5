//! Public verification: `GET /passeport/verifier/{id}` answers valid, revoked (with date and
//! reason) or unknown, with only what the holder agreed to show; `GET|POST
//! /passeport/verifier` checks a pasted credential (VC-JWT): signature against the issuing
//! territory's published key, then the passport's status.

use super::view::{Checked, VerificationDto, check_credential, verification};
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::events::staff::private;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::accounts::FieldError;

#[derive(Template)]
#[template(path = "learning_passport/verification.html")]
struct VerificationPage {
    ctx: Ctx,
    v: VerificationDto,
}

/// The status page of a passport (200 even when unknown: the answer is the content).
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path(public_id): Path<String>) -> Result<Response, AppError> {
    let v = verification(&state, &public_id).await?;
    let status = if v.status == "unknown" { StatusCode::NOT_FOUND } else { StatusCode::OK };
    Ok(private(render(status, &VerificationPage { ctx, v })))
}

#[derive(Template)]
#[template(path = "learning_passport/verify_form.html")]
struct FormPage {
    ctx: Ctx,
    credential: String,
    errors: FormErrors,
    /// The reason key when the credential is refused.
    invalid: Option<&'static str>,
    /// The status when its signature is good.
    result: Option<VerificationDto>,
    kid: String,
}

impl FormPage {
    async fn new(ctx: Ctx) -> Result<Self, AppError> {
        Ok(FormPage {
            ctx: ctx.with_form().await?,
            credential: String::new(),
            errors: FormErrors::default(),
            invalid: None,
            result: None,
            kid: String::new(),
        })
    }
}

/// The empty form.
pub async fn form(ctx: Ctx) -> Result<Response, AppError> {
    Ok(private(render(StatusCode::OK, &FormPage::new(ctx).await?)))
}

/// The pasted credential.
#[derive(Debug, Deserialize)]
pub struct CheckFields {
    #[serde(default)]
    credential: String,
}

/// Longest credential accepted (a passport's is a few kilobytes).
pub const CREDENTIAL_MAX: usize = 64 * 1024;

/// Checks it and shows the answer under the form, which keeps what was pasted.
pub async fn check(State(state): State<AppState>, ctx: Ctx, Form(fields): Form<CheckFields>) -> Result<Response, AppError> {
    let mut page = FormPage::new(ctx).await?;
    let token = fields.credential.trim().to_owned();
    page.credential = fields.credential;
    if token.is_empty() || token.len() > CREDENTIAL_MAX {
        let key = if token.is_empty() { "verify-error-empty" } else { "verify-error-too-long" };
        page.errors = FormErrors(vec![FieldError { field: "credential", key }]);
        return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)));
    }
    match check_credential(&state, &token).await? {
        Checked::Invalid(reason) => page.invalid = Some(reason.key()),
        Checked::Signed { kid, verification } => {
            page.kid = kid;
            page.result = Some(*verification);
        }
    }
    Ok(private(render(StatusCode::OK, &page)))
}
