//! Learning: the digital-maturity diagnostic, the module catalogue with quizzes and each
//! holder's path, and the digital passport (holder's page, PDF, verifiable credential,
//! public verification, revocation). Each part declares its own routes.

use crate::state::AppState;
use axum::Router;

pub mod diagnostic;
pub mod modules;
pub mod passport;

/// Every route of learning.
pub fn router() -> Router<AppState> {
    Router::new().merge(diagnostic::router()).merge(modules::router()).merge(passport::router())
}
