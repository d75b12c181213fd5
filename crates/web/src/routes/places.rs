//! `GET /lieux?q=`: the place look-up as a page, which is also what the autocomplete
//! falls back to without JavaScript.

use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::territories::{self, Place};

#[derive(Template)]
#[template(path = "places.html")]
struct PlacesPage {
    ctx: Ctx,
    query: String,
    places: Vec<Place>,
    searched: bool,
}

/// Query of the look-up.
#[derive(Debug, Deserialize)]
pub struct PlacesQuery {
    #[serde(default)]
    q: String,
}

/// Results of the look-up.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Query(query): Query<PlacesQuery>) -> Result<Response, AppError> {
    let q = query.q.trim().to_owned();
    let searched = !q.is_empty();
    let places = if searched { territories::search_places(&state.db, &q, 20).await? } else { Vec::new() };
    Ok(ok(&PlacesPage { ctx, query: q, places, searched }))
}
