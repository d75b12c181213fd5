//! The managers' dashboard `/pilotage` and their targets.

use crate::state::AppState;
use axum::Router;

/// Routes of the dashboard.
pub fn router() -> Router<AppState> {
    Router::new()
}
