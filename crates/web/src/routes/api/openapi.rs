//! `GET /api/v1/openapi.json`.

use axum::Json;
use utoipa::OpenApi;

/// The OpenAPI document of the public API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tremplin API",
        description = "Open API of a Tremplin deployment. Data under Licence Ouverte 2.0 unless stated otherwise."
    ),
    paths(
        super::places::search,
        super::territories::list,
        crate::routes::directory::search::api,
        crate::routes::directory::show::api,
        crate::routes::directory::show::hours_api,
        crate::routes::ops::healthz,
        crate::routes::ops::readyz
    ),
    components(schemas(
        super::places::PlaceDto,
        super::territories::TerritoryDto,
        crate::routes::directory::search::ListingPageDto,
        crate::routes::directory::search::ListingHitDto,
        crate::routes::directory::show::HoursDto
    ))
)]
pub struct ApiDoc;

/// The document as JSON.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
