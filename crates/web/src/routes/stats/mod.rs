//! Steering statistics: the managers' dashboard (`/pilotage`, targets) and the public open
//! statistics (`/donnees/statistiques`, `GET /api/v1/stats`). Both read the precomputed
//! aggregates of `tremplin_store::stats`, brought up to date first.

use crate::state::AppState;
use axum::Router;

pub mod dashboard;
pub mod opendata;

/// Every route of the statistics.
pub fn router() -> Router<AppState> {
    Router::new().merge(dashboard::router()).merge(opendata::router())
}
