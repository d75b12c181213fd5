//! The digital passport: the holder's page, PDF and signed credential; the public
//! verification page and API; the territories' published keys; revocation by managers.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
