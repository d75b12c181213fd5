//! Personal data (RGPD): a person's own data (download, erasure) and what staff and the
//! territory's data-protection officer see (the access log, the processings register).

pub mod rights;
pub mod staff;

use crate::state::AppState;
use axum::Router;

/// Every personal-data route.
pub fn router() -> Router<AppState> {
    Router::new().merge(rights::router()).merge(staff::router())
}
