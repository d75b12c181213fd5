//! Introductions between two actors with double opt-in, the meetings of a mentoring
//! relationship, reports and the managers' suspensions.

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub mod access;
pub mod answer;
pub mod api;
pub mod list;
pub mod moderation;
pub mod report;
pub mod request;
pub mod show;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/ecosysteme/acteurs/{slug}/mise-en-relation", get(request::show).post(request::submit))
        .route("/ecosysteme/acteurs/{slug}/signaler", get(report::show).post(report::submit))
        .route("/ecosysteme/mises-en-relation", get(list::show))
        .route("/ecosysteme/mises-en-relation/{public_id}", get(show::show))
        .route("/ecosysteme/mises-en-relation/{public_id}/reponse", post(answer::answer))
        .route("/ecosysteme/mises-en-relation/{public_id}/retrait", post(answer::withdraw))
        .route("/ecosysteme/mises-en-relation/{public_id}/rencontres", post(answer::meeting))
        .route("/api/v1/ecosystem/introductions", get(api::list))
        .route("/api/v1/ecosystem/introductions/{public_id}", get(api::detail))
        .route("/territoires/{slug}/ecosysteme", get(moderation::show))
        .route("/territoires/{slug}/ecosysteme/acteurs/{actor}/suspendre", post(moderation::suspend))
        .route("/territoires/{slug}/ecosysteme/acteurs/{actor}/retablir", post(moderation::reinstate))
        .route("/territoires/{slug}/ecosysteme/signalements/{id}/clore", post(moderation::close))
}
