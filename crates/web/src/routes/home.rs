//! `GET /`: what Tremplin is, the territories served, a place search.

use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tremplin_domain::territories::{Territory, TerritoryRepo};

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    territories: Vec<Territory>,
}

/// The home page.
pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let territories = state.db.list_territories().await?;
    Ok(ok(&HomePage { ctx, territories }))
}
