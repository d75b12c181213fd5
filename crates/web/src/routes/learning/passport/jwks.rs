//! The published keys: `GET /territoires/{slug}/jwks.json` (one territory's) and `GET
//! /.well-known/jwks.json` (every territory's), active and retired, so that any credential
//! ever signed can be checked by anyone with a standard JOSE library.

use crate::error::AppError;
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tremplin_credentials::{Jwk, Jwks};
use tremplin_domain::learning::credentials::{CredentialKey, CredentialRepo};

fn publish(keys: Vec<CredentialKey>) -> Response {
    let set = Jwks { keys: keys.iter().map(|k| Jwk::ed25519(&k.kid, &k.public_key)).collect() };
    (
        [
            (header::CONTENT_TYPE, "application/jwk-set+json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            // A rotation must be seen soon; public data, so shared caches may keep it a little.
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        Json(set),
    )
        .into_response()
}

/// One territory's keys.
pub async fn territory(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, AppError> {
    let (territory, _, _) = find_territory(&state, &slug).await?;
    Ok(publish(state.db.keys_of(Some(territory.id)).await?))
}

/// Every territory's keys.
pub async fn all(State(state): State<AppState>) -> Result<Response, AppError> {
    Ok(publish(state.db.keys_of(None).await?))
}
