//! Accompaniment records, each beneficiary's follow-up timeline and who may read it, and
//! what a person can see and download of what is recorded about them.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
