//! `GET /api/v1/territories`.

use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use tremplin_domain::territories::TerritoryRepo;
use utoipa::ToSchema;

/// A territory served by this deployment.
#[derive(Debug, Serialize, ToSchema)]
pub struct TerritoryDto {
    /// Stable identifier.
    pub slug: String,
    /// Name.
    pub name: String,
    /// `commune`, `epci`, `department`, `region` or `custom`.
    pub kind: String,
    /// Slug of the territory containing it.
    pub parent: Option<String>,
    /// Communes it covers directly.
    pub commune_count: i64,
    /// Population of those communes.
    pub population: i64,
}

/// Every territory, parents first.
#[utoipa::path(get, path = "/api/v1/territories", tag = "territories",
    responses((status = 200, description = "Territories", body = [TerritoryDto])))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<TerritoryDto>>, AppError> {
    let all = state.db.list_territories().await?;
    let slug_of = |id: Option<i64>| id.and_then(|id| all.iter().find(|t| t.id == id)).map(|t| t.slug.clone());
    Ok(Json(
        all.iter()
            .map(|t| TerritoryDto {
                slug: t.slug.clone(),
                name: t.name.clone(),
                kind: t.kind.as_str().to_owned(),
                parent: slug_of(t.parent_id),
                commune_count: t.commune_count,
                population: t.population,
            })
            .collect(),
    ))
}
