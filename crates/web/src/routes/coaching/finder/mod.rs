//! The finder `/coachs`, the coaches API, coach pages with their free slots, and the editing of
//! profiles and availability.

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub mod api;
pub mod coach_page;
pub mod page;
pub mod query;
pub mod search;
pub mod view;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/coachs", get(page::page))
        .route("/coachs/{slug}", get(coach_page::show))
        .route("/api/v1/coaches", get(api::list))
        .route("/api/v1/coaches/{slug}", get(api::detail))
}
