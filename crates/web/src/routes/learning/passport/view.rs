//! What a verification answers, for the page and the API alike: the status, the territory
//! and the issue date, and only what the holder agreed to show (name, modules).

use crate::error::AppError;
use crate::state::AppState;
use chrono::DateTime;
use chrono_tz::Europe::Paris;
use serde::Serialize;
use tremplin_credentials::VerifyError;
use tremplin_credentials::jwks::Jwk;
use tremplin_domain::learning::credentials::CredentialRepo;
use tremplin_domain::learning::{LearningRepo, Passport};
use tremplin_domain::territories::{Territory, TerritoryRepo};
use utoipa::ToSchema;

/// `12/03/2026`, the day in Paris.
pub fn paris_day(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).map(|d| d.with_timezone(&Paris).format("%d/%m/%Y").to_string()).unwrap_or_default()
}

/// A module as the verification shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerifiedModuleDto {
    /// Module slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Completion (Unix seconds).
    pub completed_at: i64,
    /// Completion day (DD/MM/YYYY, Europe/Paris).
    pub completed_on: String,
}

/// The status of a passport.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerificationDto {
    /// `valid`, `revoked` or `unknown`.
    pub status: String,
    /// The passport's public id (as asked).
    pub id: String,
    /// Issuing territory's name (absent when unknown).
    pub territory: Option<String>,
    /// Issuing territory's slug.
    pub territory_slug: Option<String>,
    /// Issue (Unix seconds).
    pub issued_at: Option<i64>,
    /// Issue day (DD/MM/YYYY).
    pub issued_on: Option<String>,
    /// Revocation (Unix seconds), when revoked.
    pub revoked_at: Option<i64>,
    /// Revocation day, when revoked.
    pub revoked_on: Option<String>,
    /// Why revoked.
    pub revoked_reason: Option<String>,
    /// The holder's name, if they agreed to show it.
    pub holder_name: Option<String>,
    /// The holder's business, if they agreed to show their name.
    pub business: Option<String>,
    /// The modules, if they agreed to show them.
    pub modules: Option<Vec<VerifiedModuleDto>>,
}

impl VerificationDto {
    /// The answer for an unknown id.
    pub fn unknown(id: &str) -> Self {
        VerificationDto {
            status: "unknown".into(),
            id: id.to_owned(),
            territory: None,
            territory_slug: None,
            issued_at: None,
            issued_on: None,
            revoked_at: None,
            revoked_on: None,
            revoked_reason: None,
            holder_name: None,
            business: None,
            modules: None,
        }
    }

    /// The answer for a known passport, with only what the holder agreed to show.
    pub fn of(passport: &Passport, territory: &Territory) -> Self {
        VerificationDto {
            status: if passport.is_revoked() { "revoked" } else { "valid" }.into(),
            id: passport.public_id.clone(),
            territory: Some(territory.name.clone()),
            territory_slug: Some(territory.slug.clone()),
            issued_at: Some(passport.issued_at),
            issued_on: Some(paris_day(passport.issued_at)),
            revoked_at: passport.revoked_at,
            revoked_on: passport.revoked_at.map(paris_day),
            revoked_reason: passport.revoked_reason.clone(),
            holder_name: passport.show_name.then(|| passport.holder_name.clone()),
            business: (passport.show_name && !passport.business.is_empty()).then(|| passport.business.clone()),
            modules: passport.show_modules.then(|| {
                passport
                    .modules
                    .iter()
                    .map(|m| VerifiedModuleDto {
                        slug: m.slug.clone(),
                        title: m.title.clone(),
                        completed_at: m.completed_at,
                        completed_on: paris_day(m.completed_at),
                    })
                    .collect()
            }),
        }
    }
}

/// The territory of an id.
pub async fn territory(state: &AppState, id: i64) -> Result<Territory, AppError> {
    state.db.list_territories().await?.into_iter().find(|t| t.id == id).ok_or(AppError::NotFound)
}

/// The status of the passport `public_id`.
pub async fn verification(state: &AppState, public_id: &str) -> Result<VerificationDto, AppError> {
    let Some(passport) = state.db.passport_by_public_id(public_id).await? else {
        return Ok(VerificationDto::unknown(public_id));
    };
    let territory = territory(state, passport.territory_id).await?;
    Ok(VerificationDto::of(&passport, &territory))
}

/// What checking a pasted credential found: its signature refused (with why), or the
/// status of the passport it is about.
pub enum Checked {
    /// The signature or the key is wrong.
    Invalid(VerifyError),
    /// Signed by the territory it names; here is the passport's status.
    Signed {
        /// Key that signed it.
        kid: String,
        /// Status.
        verification: Box<VerificationDto>,
    },
}

/// Checks a pasted VC-JWT: its `kid` among the published keys, the signature, that the key
/// belongs to the issuer the credential names, then the passport's status.
pub async fn check_credential(state: &AppState, token: &str) -> Result<Checked, AppError> {
    let kid = match tremplin_credentials::jwt::key_id(token) {
        Ok(kid) => kid,
        Err(e) => return Ok(Checked::Invalid(e)),
    };
    let Some(key) = state.db.key_by_kid(&kid).await? else {
        return Ok(Checked::Invalid(VerifyError::UnknownKey));
    };
    let claims = match tremplin_credentials::verify(token, &Jwk::ed25519(&key.kid, &key.public_key)) {
        Ok(claims) => claims,
        Err(e) => return Ok(Checked::Invalid(e)),
    };
    let territory = territory(state, key.territory_id).await?;
    let base = state.config.base_url.trim_end_matches('/');
    if claims["issuer"]["id"].as_str() != Some(format!("{base}/territoires/{}", territory.slug).as_str()) {
        return Ok(Checked::Invalid(VerifyError::Issuer));
    }
    let prefix = format!("{base}/passeport/verifier/");
    let Some(public_id) = claims["id"].as_str().and_then(|id| id.strip_prefix(&prefix)) else {
        return Ok(Checked::Invalid(VerifyError::Malformed));
    };
    let verification = match state.db.passport_by_public_id(public_id).await? {
        Some(passport) if passport.territory_id == key.territory_id => VerificationDto::of(&passport, &territory),
        _ => VerificationDto::unknown(public_id),
    };
    Ok(Checked::Signed { kid, verification: Box::new(verification) })
}
