//! The finder `/coachs`, the coaches API, coach pages with their free slots, and the editing of
//! profiles and availability.

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub mod access;
pub mod api;
pub mod availability;
pub mod availability_form;
pub mod coach_page;
pub mod exception_form;
pub mod page;
pub mod profile;
pub mod profile_form;
pub mod query;
pub mod search;
pub mod territory;
pub mod view;

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/coachs", get(page::page))
        .route("/coachs/{slug}", get(coach_page::show))
        .route("/api/v1/coaches", get(api::list))
        .route("/api/v1/coaches/{slug}", get(api::detail))
        .route("/espace-coach/profil", get(profile::show).post(profile::submit))
        .route("/espace-coach/disponibilites", get(availability::show).post(availability::save_hours))
        .route("/espace-coach/disponibilites/exceptions", post(availability::add_exception))
        .route("/espace-coach/disponibilites/exceptions/{id}/supprimer", post(availability::remove_exception))
        .route("/territoires/{slug}/coachs", get(territory::show).post(territory::create))
}
