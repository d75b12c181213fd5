//! `GET /api/v1/places?q=`: the place look-up.

use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use tremplin_domain::territories::{self, Place};
use utoipa::{IntoParams, ToSchema};

/// A commune found by the look-up.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceDto {
    /// INSEE code.
    pub insee: String,
    /// Commune name.
    pub name: String,
    /// Postcode that matched (or the first one).
    pub postcode: String,
    /// "Angers (49000)".
    pub label: String,
    /// Department code.
    pub department: String,
    /// Department name.
    pub department_name: String,
    /// Town-hall latitude (WGS84).
    pub lat: Option<f64>,
    /// Town-hall longitude (WGS84).
    pub lon: Option<f64>,
    /// Municipal population.
    pub population: Option<i64>,
}

impl From<Place> for PlaceDto {
    fn from(p: Place) -> Self {
        PlaceDto {
            label: p.label(),
            insee: p.insee,
            name: p.name,
            postcode: p.postcode,
            department: p.department,
            department_name: p.department_name,
            lat: p.lat,
            lon: p.lon,
            population: p.population,
        }
    }
}

/// Parameters of the look-up.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PlacesParams {
    /// Commune name (accents, case and hyphens ignored; "St" for "Saint") or postcode prefix.
    pub q: Option<String>,
    /// Maximum results, 1 to 50 (default 10).
    pub limit: Option<u32>,
}

/// Communes matching a name or postcode, best first.
#[utoipa::path(get, path = "/api/v1/places", params(PlacesParams), tag = "places",
    responses((status = 200, description = "Matching communes, best first", body = [PlaceDto]),
              (status = 400, description = "Missing `q`")))]
pub async fn search(State(state): State<AppState>, Query(params): Query<PlacesParams>) -> Result<Json<Vec<PlaceDto>>, AppError> {
    let q = params.q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(AppError::BadRequest("error-place-query"));
    }
    let places = territories::search_places(&state.db, &q, params.limit.unwrap_or(10)).await?;
    Ok(Json(places.into_iter().map(PlaceDto::from).collect()))
}
