//! The catalogue of partner offers `/offres`, their submission by providers and their review by managers.

use crate::state::AppState;
use axum::Router;
use axum::response::Response;
use axum::routing::{get, post};

pub mod api;
pub mod catalogue;
pub mod detail;
pub mod mine;
pub mod review;
pub mod submit;
pub mod view;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/offres", get(catalogue::page))
        .route("/offres/proposer", get(submit::show).post(submit::submit))
        .route("/offres/mes-propositions", get(mine::show))
        .route("/offres/mes-propositions/{offer}/retirer", post(mine::withdraw))
        .route("/offres/{offer}", get(detail::show))
        .route("/api/v1/ecosystem/offers", get(api::list))
        .route("/territoires/{slug}/offres", get(review::show))
        .route("/territoires/{slug}/offres/{offer}/decision", post(review::decide))
        .route("/territoires/{slug}/offres/{offer}/retirer", post(review::withdraw))
}

/// Marks a page about someone's submissions or a review queue as never to be stored by a
/// cache (a shared computer, a proxy).
pub fn private(mut response: Response) -> Response {
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-store"));
    response
}
