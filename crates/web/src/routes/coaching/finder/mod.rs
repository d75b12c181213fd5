//! The finder `/coachs`, the coaches API, coach pages with their free slots, and the editing of
//! profiles and availability.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
