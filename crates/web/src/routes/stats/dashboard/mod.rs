//! The managers' dashboard `/pilotage` and their targets.

use crate::state::AppState;
use axum::Router;
use axum::routing::get;

mod access;
mod chart;
mod page;
mod targets;
mod view;

/// Routes of the dashboard.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pilotage", get(page::show))
        .route("/pilotage/export.csv", get(page::export))
        .route("/pilotage/objectifs", get(targets::show).post(targets::submit))
        .route("/pilotage/objectifs/{id}/supprimer", get(targets::confirm_delete).post(targets::delete))
}
