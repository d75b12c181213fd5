//! The digital-maturity diagnostic: questionnaire, result with chart and recommendations,
//! a business's history and progress, and the managers' questionnaire versions.

use crate::state::AppState;
use axum::Router;
use axum::http::HeaderValue;
use axum::response::Response;
use axum::routing::get;

pub mod api;
pub mod chart;
pub mod history;
pub mod manage;
pub mod recommend;
pub mod result;
pub mod take;

/// Pages that show a result: answers and scores stay out of shared caches.
pub(crate) fn private(mut response: Response) -> Response {
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

/// The routes of this part.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/diagnostic", get(take::page).post(take::submit))
        .route("/diagnostic/resultats/{public_id}", get(result::page))
        .route("/diagnostic/historique", get(history::page))
        .route("/diagnostic/plateforme", get(manage::platform_page).post(manage::platform_publish))
        .route("/territoires/{slug}/diagnostic", get(manage::territory_page).post(manage::territory_publish))
        .route("/api/v1/diagnostic/questionnaire", get(api::questionnaire))
        .route("/api/v1/diagnostics", axum::routing::post(api::create))
}
