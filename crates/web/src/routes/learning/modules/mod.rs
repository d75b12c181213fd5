//! The module catalogue, each module's page and quiz, a holder's path, and the managers'
//! passport path and target for their territory.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
