//! Introductions between two actors with double opt-in, the meetings of a mentoring relationship, reports and the managers' suspensions.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
