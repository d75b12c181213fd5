//! What managers and the data-protection officer see: the access log to personal data and
//! the register of processings.

use crate::state::AppState;
use axum::Router;

/// The staff routes.
pub fn router() -> Router<AppState> {
    Router::new()
}
