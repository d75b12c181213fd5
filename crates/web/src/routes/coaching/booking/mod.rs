//! Booking a slot without an account, the person's appointment page (calendar file, move,
//! cancel), the coach's appointments and private calendar feed.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
