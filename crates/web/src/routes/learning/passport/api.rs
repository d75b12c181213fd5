//! `GET /api/v1/passports/{id}/verification`: a passport's status (valid, revoked with date
//! and reason, unknown), with only what the holder agreed to show. `POST
//! /api/v1/passports/verify`: checks a credential (VC-JWT) — signature against the issuing
//! territory's published key by `kid`, then status; a refused one is `invalid` with a reason.

use super::verify::CREDENTIAL_MAX;
use super::view::{Checked, VerificationDto, check_credential, verification as status_of};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::locale::locale_of;
use crate::routes::events::api::error;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn no_store(response: Response) -> Response {
    crate::routes::events::staff::private(response)
}

/// The status of a passport (404 with `status: unknown` when no such passport).
#[utoipa::path(get, path = "/api/v1/passports/{public_id}/verification", tag = "passports",
    params(("public_id" = String, Path, description = "The passport's public id")),
    responses((status = 200, body = VerificationDto), (status = 404, body = VerificationDto, description = "Unknown passport")))]
pub async fn verification(State(state): State<AppState>, Path(public_id): Path<String>) -> Result<Response, AppError> {
    let v = status_of(&state, &public_id).await?;
    let code = if v.status == "unknown" { StatusCode::NOT_FOUND } else { StatusCode::OK };
    Ok(no_store((code, [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], Json(v)).into_response()))
}

/// A credential to check.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"credential": "eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiIsInR5cCI6InZjK2p3dCJ9.eyJ...In0.c2lnbmF0dXJl"}))]
pub struct VerifyBody {
    /// The VC-JWT, as downloaded by the holder.
    #[serde(default)]
    pub credential: String,
}

/// Why a credential is refused.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonDto {
    /// `malformed`, `algorithm`, `unknown_key`, `signature` or `issuer`.
    pub code: String,
    /// In the request's language.
    pub message: String,
}

/// The answer: `valid`/`revoked`/`unknown` (signature good, then the passport's status), or
/// `invalid` with the reason.
#[derive(Debug, Serialize, ToSchema)]
pub struct CredentialCheckDto {
    /// `valid`, `revoked`, `unknown` or `invalid`.
    pub result: String,
    /// Why it is invalid.
    pub reason: Option<ReasonDto>,
    /// The key that signed it (signature good).
    pub kid: Option<String>,
    /// The passport's status (signature good).
    pub verification: Option<VerificationDto>,
}

/// Checks a credential.
#[utoipa::path(post, path = "/api/v1/passports/verify", tag = "passports", request_body = VerifyBody,
    responses((status = 200, body = CredentialCheckDto), (status = 422, description = "No credential given")))]
pub async fn verify(State(state): State<AppState>, headers: HeaderMap, Json(body): Json<VerifyBody>) -> Result<Response, AppError> {
    let locale = locale_of(&headers);
    let token = body.credential.trim();
    if token.is_empty() || token.len() > CREDENTIAL_MAX {
        let key = if token.is_empty() { "verify-error-empty" } else { "verify-error-too-long" };
        return Ok(error(StatusCode::UNPROCESSABLE_ENTITY, locale, "error-invalid-form", &[("credential", key)]));
    }
    let dto = match check_credential(&state, token).await? {
        Checked::Invalid(reason) => CredentialCheckDto {
            result: "invalid".into(),
            reason: Some(ReasonDto { code: reason.code().into(), message: Tr::new(locale).t(reason.key()) }),
            kid: None,
            verification: None,
        },
        Checked::Signed { kid, verification } => {
            CredentialCheckDto { result: verification.status.clone(), reason: None, kid: Some(kid), verification: Some(*verification) }
        }
    };
    Ok(no_store((StatusCode::OK, Json(dto)).into_response()))
}
