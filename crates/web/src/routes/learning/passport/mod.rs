//! The digital passport: the holder's page, PDF and signed credential; the public
//! verification page and API; the territories' published keys; revocation by managers.

pub mod api;
pub mod holder;
pub mod jwks;
pub mod manage;
pub mod signing;
pub mod verify;
pub mod view;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/passeport/verifier", get(verify::form).post(verify::check))
        .route("/passeport/verifier/{public_id}", get(verify::page))
        .route("/passeport/{public_id}/{token}", get(holder::page).post(holder::consent))
        .route("/passeport/{public_id}/{token}/passeport.pdf", get(holder::pdf))
        .route("/passeport/{public_id}/{token}/passeport.jwt", get(holder::jwt))
        .route("/passeport/{public_id}/{token}/passeport.json", get(holder::json))
        .route("/territoires/{slug}/jwks.json", get(jwks::territory))
        .route("/.well-known/jwks.json", get(jwks::all))
        .route("/territoires/{slug}/passeports", get(manage::list))
        .route("/territoires/{slug}/passeports/{public_id}/revoquer", get(manage::revoke_form).post(manage::revoke))
        .route("/territoires/{slug}/passeports/cle", post(manage::rotate))
        .route("/api/v1/passports/{public_id}/verification", get(api::verification))
        .route("/api/v1/passports/verify", post(api::verify))
}
