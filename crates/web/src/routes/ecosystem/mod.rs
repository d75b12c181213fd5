//! The local ecosystem: actor profiles and matching (`/ecosysteme`), introductions with double
//! opt-in and mentoring meetings (`/ecosysteme/mises-en-relation`), reports and suspensions,
//! and the neutral catalogue of partner offers (`/offres`).

use crate::state::AppState;
use axum::Router;

pub mod access;
pub mod actors;
pub mod introductions;
pub mod labels;
pub mod offers;

/// Every route of the ecosystem.
pub fn router() -> Router<AppState> {
    Router::new().merge(actors::router()).merge(introductions::router()).merge(offers::router())
}
