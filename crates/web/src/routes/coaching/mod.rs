//! Coaches and accompaniment: the finder and coach profiles (with their availability), booking
//! and the person's appointment page, and the accompaniment records with each beneficiary's
//! follow-up. Each part declares its own routes.

use crate::state::AppState;
use axum::Router;

pub mod booking;
pub mod finder;
pub mod records;

/// Every route of coaching.
pub fn router() -> Router<AppState> {
    Router::new().merge(finder::router()).merge(booking::router()).merge(records::router())
}
