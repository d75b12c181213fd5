//! Actor profiles: the matching page `/ecosysteme` and its API, actor pages, and the editing of one's own profile.

use crate::state::AppState;
use axum::Router;
use axum::http::HeaderValue;
use axum::http::header::CACHE_CONTROL;
use axum::response::Response;
use axum::routing::get;

pub mod actor_page;
pub mod api;
pub mod page;
pub mod profile;
pub mod query;
pub mod search;
pub mod view;

/// Marks a page holding personal data (a profile's contact, a hidden profile) as never to be
/// stored by a cache.
pub fn private(mut response: Response) -> Response {
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ecosysteme", get(page::page))
        .route(profile::PROFILE_PATH, get(profile::show).post(profile::submit))
        .route("/ecosysteme/acteurs/{slug}", get(actor_page::show))
        .route("/api/v1/ecosystem/matches", get(api::matches))
        .route("/api/v1/ecosystem/actors/{slug}", get(api::actor))
}
