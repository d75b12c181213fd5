//! A person's own data: download everything held about them, erase it.

use crate::state::AppState;
use axum::Router;

/// The person's routes.
pub fn router() -> Router<AppState> {
    Router::new()
}
