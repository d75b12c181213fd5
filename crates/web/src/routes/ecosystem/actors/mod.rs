//! Actor profiles: the matching page `/ecosysteme` and its API, actor pages, and the editing of one's own profile.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
