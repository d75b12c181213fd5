//! What managers and the data-protection officer see: the access log to personal data
//! (`journal.rs`, written by every staff page through `log.rs`) and the register of
//! processings with the residents' privacy notice (`register.rs`).

pub mod journal;
pub mod log;
pub mod register;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

/// The staff routes, and the public privacy notice.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/territoires/{slug}/journal-acces", get(journal::show))
        .route("/territoires/{slug}/journal-acces.csv", get(journal::download))
        .route("/territoires/{slug}/registre-des-traitements", get(register::show))
        .route("/confidentialite", get(register::notice))
}
