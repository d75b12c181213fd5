//! Public statistics as open data: `/donnees/statistiques` and `GET /api/v1/stats`.

use crate::state::AppState;
use axum::Router;

/// Routes of the open statistics.
pub fn router() -> Router<AppState> {
    Router::new()
}
