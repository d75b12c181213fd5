//! The few static files, embedded in the binary: one stylesheet, one small script, an icon.

use axum::http::header;
use axum::response::IntoResponse;

const CACHE: &str = "public, max-age=86400";

/// `GET /static/app.css`.
pub async fn css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], include_str!("../../static/app.css"))
}

/// `GET /static/places.js`: progressive enhancement of the place field.
pub async fn places_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], include_str!("../../static/places.js"))
}

/// `GET /static/near-me.js`: the "near me" button of the directory.
pub async fn near_me_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], include_str!("../../static/near-me.js"))
}

/// `GET /static/favicon.svg`.
pub async fn favicon() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, CACHE)], include_str!("../../static/favicon.svg"))
}

/// `GET /static/check-in.js`: the camera scan of the staff page of a session.
pub async fn check_in_js() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, CACHE)], include_str!("../../static/check-in.js"))
}
