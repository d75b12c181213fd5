//! The module catalogue, each module's page and quiz, a holder's path, and the managers'
//! passport path and target for their territory.

pub mod api;
pub mod catalogue;
pub mod my_path;
pub mod quiz;
pub mod territory_counts;
pub mod territory_path;

use crate::i18n::Tr;
use crate::state::AppState;
use axum::Router;
use axum::routing::get;
use tremplin_domain::learning::{CompletionSource, ModuleLevel};

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/modules", get(catalogue::list))
        .route("/modules/{slug}", get(catalogue::show))
        .route("/modules/{slug}/quiz", get(quiz::show).post(quiz::submit))
        .route("/mon-parcours", get(my_path::show))
        .route("/territoires/{slug}/parcours", get(territory_path::show).post(territory_path::submit))
        .route("/territoires/{slug}/parcours/passeports.csv", get(territory_counts::download))
        .route("/api/v1/modules", get(api::list))
        .route("/api/v1/modules/{slug}", get(api::detail))
}

/// Label of a module's level.
pub fn level_label(tr: &Tr, level: ModuleLevel) -> String {
    tr.t(&format!("module-level-{}", level.as_str()))
}

/// Label of a completion's source.
pub fn source_label(tr: &Tr, source: CompletionSource) -> String {
    tr.t(&format!("module-source-{}", source.as_str()))
}

/// "2 h 30" or "45 min".
pub fn duration_label(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

/// Path of a module's page.
pub fn module_path(slug: &str) -> String {
    format!("/modules/{slug}")
}
