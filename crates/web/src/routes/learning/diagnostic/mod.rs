//! The digital-maturity diagnostic: questionnaire, result with chart and recommendations,
//! a business's history and progress, and the managers' questionnaire versions.

use crate::state::AppState;
use axum::Router;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
}
