//! The catalogue of partner offers `/offres`, their submission by providers and their review by managers.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
