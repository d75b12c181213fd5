//! A passport's credential: the territory's active key (drawn on first use), recorded on the
//! passport once so that the credential stays the same after a rotation, then the Open
//! Badges document signed as a VC-JWT. Nothing is cached: signing takes well under a
//! millisecond, and a cached copy could outlive a change of the base URL.

use crate::error::AppError;
use crate::state::AppState;
use rand::RngCore;
use serde_json::Value;
use tremplin_credentials::badge::{BadgeInput, BadgeModule, EvidenceInput, credential};
use tremplin_credentials::{CredentialError, KeyMaterial, sign};
use tremplin_domain::learning::Passport;
use tremplin_domain::learning::credentials::{CredentialKey, CredentialRepo, NewKey};
use tremplin_domain::territories::Territory;

/// A freshly drawn key pair.
pub fn new_key() -> NewKey {
    let mut seed = [0u8; 32];
    rand::rng().fill_bytes(&mut seed);
    let KeyMaterial { kid, public_key, private_key } = KeyMaterial::from_seed(seed);
    NewKey { kid, public_key, private_key }
}

/// The territory's active key, created if it has none.
pub async fn active_key(state: &AppState, territory_id: i64) -> Result<CredentialKey, AppError> {
    Ok(state.db.active_key_or_insert(territory_id, &new_key(), state.clock.now_ts()).await?)
}

fn internal(e: CredentialError) -> AppError {
    AppError::Internal(e.to_string())
}

/// The salt of the holder's hashed e-mail: derived from the passport's secret, so stable
/// (the credential is reproducible) and unguessable.
fn salt(passport: &Passport) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new().chain_update(b"passport-identity-salt:").chain_update(passport.secret.as_bytes()).finalize();
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// The facts the credential states.
pub async fn badge_input(state: &AppState, passport: &Passport, territory: &Territory) -> Result<BadgeInput, AppError> {
    Ok(BadgeInput {
        base_url: state.config.base_url.trim_end_matches('/').to_owned(),
        public_id: passport.public_id.clone(),
        territory_slug: territory.slug.clone(),
        territory_name: territory.name.clone(),
        modules: passport
            .modules
            .iter()
            .map(|m| BadgeModule {
                slug: m.slug.clone(),
                title: m.title.clone(),
                completed_at: m.completed_at,
                evidence: m
                    .evidence
                    .iter()
                    .map(|e| EvidenceInput {
                        source: e.source.as_str().to_owned(),
                        narrative: e.narrative.clone(),
                        completed_at: e.completed_at,
                    })
                    .collect(),
            })
            .collect(),
        recipient_email: state.db.holder_email(passport.beneficiary_id).await?,
        salt: salt(passport),
        issued_at: passport.issued_at,
    })
}

/// The credential document and its VC-JWT.
pub async fn signed(state: &AppState, passport: &Passport, territory: &Territory) -> Result<(Value, String), AppError> {
    let kid = match &passport.key_id {
        Some(kid) => kid.clone(),
        None => {
            let active = active_key(state, passport.territory_id).await?;
            state.db.assign_key(passport.id, &active.kid).await?
        }
    };
    let key = state.db.key_by_kid(&kid).await?.ok_or_else(|| AppError::Internal(format!("passport key {kid} missing")))?;
    let document = credential(&badge_input(state, passport, territory).await?);
    let token = sign(&document, &key.kid, &key.private_key, passport.issued_at).map_err(internal)?;
    Ok((document, token))
}
