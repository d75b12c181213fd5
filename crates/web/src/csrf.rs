//! Cross-site request forgery protection for every form: a per-session token in a hidden
//! field (`_csrf`), checked by a middleware on every unsafe method outside `/api/`, plus
//! an `Origin` / `Sec-Fetch-Site` check. Cookies are also `SameSite=Lax`.
//!
//! A `multipart/form-data` form (a file upload) carries its token in the query string of its
//! `action` (`…?_csrf=…`) instead: finding a field in a multipart body would mean reading the
//! whole upload here, before the handler's own size limit applies. Only multipart requests may
//! do so; any other form must carry the token in its body or in the `x-csrf-token` header.

use crate::error::AppError;
use crate::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;
use tremplin_kernel::token::new_token;

const SESSION_KEY: &str = "csrf";
/// Name of the hidden form field.
pub const FIELD: &str = "_csrf";
/// Largest form body read for the check (uploads use their own limits).
const MAX_FORM_BYTES: usize = crate::limits::BODY_LIMIT;

/// The session's token, created on first use (this is what creates a visitor's session:
/// only pages with a form do it).
pub async fn token(session: &Session) -> Result<String, AppError> {
    if let Some(existing) = session.get::<String>(SESSION_KEY).await.map_err(|e| AppError::Internal(e.to_string()))? {
        return Ok(existing);
    }
    let fresh = new_token();
    session.insert(SESSION_KEY, &fresh).await.map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(fresh)
}

fn same_origin(request: &Request, base_url: &str) -> bool {
    if let Some(site) = request.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match request.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true, // old browsers and non-browser clients; the token still applies
        Some(origin) => {
            let host = request.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
            origin == base_url.trim_end_matches('/') || origin.split_once("://").is_some_and(|(_, h)| h == host)
        }
    }
}

/// Whether the request body is `multipart/form-data`.
fn is_multipart(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("multipart/form-data"))
}

/// The token field of urlencoded text (a form body or a query string).
fn field_of(urlencoded: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(urlencoded)
        .ok()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == FIELD).map(|(_, v)| v))
}

/// Refuses unsafe requests to pages that do not carry the session's token.
pub async fn verify(State(state): State<AppState>, session: Session, request: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !unsafe_method || request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    if !same_origin(&request, &state.config.base_url) {
        return AppError::Csrf.into_response();
    }
    let expected = match session.get::<String>(SESSION_KEY).await {
        Ok(Some(token)) => token,
        _ => return AppError::Csrf.into_response(),
    };
    let header_token = request.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    if is_multipart(&request) {
        let presented = header_token.or_else(|| request.uri().query().and_then(|q| field_of(q.as_bytes())));
        if presented.as_deref() != Some(expected.as_str()) {
            return AppError::Csrf.into_response();
        }
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => bytes,
        // Larger than any form: the same 413 as the body limit further in gives.
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let presented = header_token.or_else(|| field_of(&bytes));
    if presented.as_deref() != Some(expected.as_str()) {
        return AppError::Csrf.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}
