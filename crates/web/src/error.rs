//! One error type for handlers, rendered as a page in the visitor's language or as JSON
//! under `/api/`, by the [`render_errors`] middleware that knows the request.

use crate::i18n::Tr;
use crate::locale::locale_of;
use crate::pages::ErrorPage;
use askama::Template;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use tremplin_domain::StoreError;
use tremplin_domain::accounts::AccountError;

/// Why a request failed, as far as the visitor needs to know.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 400 with a translation key.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// 400: some parameters are invalid (API), each with a translation key.
    #[error("invalid parameters")]
    Invalid(Vec<tremplin_domain::accounts::FieldError>),
    /// 403: logged in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// 403: CSRF token or origin check failed.
    #[error("csrf")]
    Csrf,
    /// 404.
    #[error("not found")]
    NotFound,
    /// 429.
    #[error("rate limited")]
    RateLimited,
    /// 503: the database does not answer.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// 500: a bug or a failing dependency; details go to the log only.
    #[error("internal: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let text = e.0;
        // A database that cannot be reached (PostgreSQL down or cut off: the pool times out, a
        // pooled connection breaks) or that another process keeps locked (SQLite, past the busy
        // timeout) is an outage, not a bug: 503, and the next request tries again.
        if text.contains("pool timed out")
            || text.contains("Connection refused")
            || text.contains("connection") && text.contains("closed")
            || text.contains("error communicating with database")
            || text.contains("database is locked")
        {
            AppError::Unavailable(text)
        } else if text.contains("invalid byte sequence for encoding") {
            // PostgreSQL text cannot hold a NUL character (SQLSTATE 22021): a value sent by
            // the client (`%00` in a path, `\u0000` in JSON) that no record can match or hold.
            AppError::BadRequest("error-bad-request")
        } else {
            AppError::Internal(text)
        }
    }
}

impl From<tremplin_domain::directory::ownership::OwnershipError> for AppError {
    fn from(e: tremplin_domain::directory::ownership::OwnershipError) -> Self {
        use tremplin_domain::directory::ownership::OwnershipError;
        match e {
            OwnershipError::Forbidden => AppError::Forbidden,
            OwnershipError::NotFound => AppError::NotFound,
            OwnershipError::Invalid(fields) => AppError::Invalid(fields),
            OwnershipError::Store(s) => s.into(),
        }
    }
}

impl From<tremplin_domain::events::EventError> for AppError {
    fn from(e: tremplin_domain::events::EventError) -> Self {
        use tremplin_domain::events::EventError;
        match e {
            EventError::Forbidden => AppError::Forbidden,
            EventError::NotFound => AppError::NotFound,
            EventError::Invalid(fields) => AppError::Invalid(fields),
            EventError::Store(s) => s.into(),
            other => AppError::BadRequest(other.key()),
        }
    }
}

impl From<AccountError> for AppError {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::Forbidden => AppError::Forbidden,
            AccountError::NotFound => AppError::NotFound,
            AccountError::RateLimited => AppError::RateLimited,
            AccountError::Store(s) => s.into(),
            other => AppError::BadRequest(other.key()),
        }
    }
}

/// Marker left on an error response, for [`render_errors`] to fill in.
#[derive(Debug, Clone)]
pub struct ErrorMarker {
    /// Translation key of the message.
    pub key: &'static str,
    /// Invalid fields and the translation keys of their messages.
    pub fields: Vec<(&'static str, &'static str)>,
}

impl AppError {
    fn status_and_key(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::BadRequest(key) => (StatusCode::BAD_REQUEST, key),
            AppError::Invalid(_) => (StatusCode::BAD_REQUEST, "error-invalid-form"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
            AppError::Csrf => (StatusCode::FORBIDDEN, "error-csrf"),
            AppError::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
            AppError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "error-rate-limited"),
            AppError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "error-unavailable"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error-internal"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, key) = self.status_and_key();
        match &self {
            AppError::Internal(detail) => tracing::error!(error = %detail, "internal error"),
            AppError::Unavailable(detail) => tracing::warn!(error = %detail, "service unavailable"),
            _ => {}
        }
        let fields = match &self {
            AppError::Invalid(errors) => errors.iter().map(|e| (e.field, e.key)).collect(),
            _ => Vec::new(),
        };
        let mut response = status.into_response();
        if matches!(self, AppError::Unavailable(_)) {
            // Clients and proxies may try again soon: the outage is usually short.
            response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("5"));
        }
        response.extensions_mut().insert(ErrorMarker { key, fields });
        response
    }
}

/// Turns the bare 500 that the session and login layers answer when their store fails into a
/// 503. Their store is the database (sessions and accounts live there), and our handlers mark
/// every error they answer, so an unmarked, bodiless 500 from below means the database did not
/// answer (PostgreSQL unreachable, SQLite locked past its busy timeout): the visitor gets the
/// "temporarily unavailable" page, not "something went wrong".
pub async fn session_store_outage(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let bare = response.extensions().get::<ErrorMarker>().is_none() && !response.headers().contains_key(header::CONTENT_TYPE);
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR && bare {
        return AppError::Unavailable("the session store (the database) failed".into()).into_response();
    }
    response
}

/// Renders error responses that have no body yet: a page in the visitor's language, or a
/// JSON error `{"error": {"code", "message"}}` under `/api/`. Also covers the 404 of
/// unknown routes and 405s.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let locale = locale_of(request.headers());
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let marker = response.extensions().get::<ErrorMarker>().cloned();
    // Our handlers answer errors with a page or JSON of their own (a form with its messages);
    // a plain-text body is axum's rejection of a malformed path, query or form ("Failed to
    // deserialize …", in English): that one becomes our error page or JSON error too.
    let plain_text =
        response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/plain"));
    let has_body = response.headers().contains_key(header::CONTENT_TYPE);
    if marker.is_none() && has_body && !plain_text {
        return response;
    }
    let fields = marker.as_ref().map(|m| m.fields.clone()).unwrap_or_default();
    let key = marker.map(|m| m.key).unwrap_or(match status {
        StatusCode::NOT_FOUND => "error-not-found",
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::TOO_MANY_REQUESTS => "error-rate-limited",
        StatusCode::SERVICE_UNAVAILABLE => "error-unavailable",
        s if s.is_server_error() => "error-internal",
        _ => "error-bad-request",
    });
    let tr = Tr::new(locale);
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    // The rejection's `text/plain` would otherwise win over the type of the body written
    // here (the parts' headers are applied last).
    parts.headers.remove(header::CONTENT_TYPE);
    if is_api {
        let mut error = serde_json::json!({"code": key.trim_start_matches("error-"), "message": tr.t(key)});
        if !fields.is_empty() {
            error["fields"] = fields
                .iter()
                .map(|(field, key)| ((*field).to_owned(), serde_json::Value::String(tr.t(key))))
                .collect::<serde_json::Map<_, _>>()
                .into();
        }
        let body = serde_json::json!({ "error": error });
        return (parts, axum::Json(body)).into_response();
    }
    let page = ErrorPage::new(tr, status.as_u16(), key);
    match page.render() {
        Ok(html) => (parts, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            (parts, tr.t(key)).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::{Body, to_bytes};
    use axum::http::Request;
    use axum::middleware::from_fn;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn page(path: &str, language: &str) -> (StatusCode, String) {
        let app = Router::new()
            .route("/boom", get(|| async { Err::<(), _>(AppError::Internal("disk on fire".into())) }))
            .route("/api/boom", get(|| async { Err::<(), _>(AppError::Internal("disk on fire".into())) }))
            .route("/closed", get(|| async { Err::<(), _>(AppError::Forbidden) }))
            .layer(from_fn(render_errors));
        let request = Request::builder().uri(path).header(header::ACCEPT_LANGUAGE, language).body(Body::empty()).expect("request");
        let response = app.oneshot(request).await.expect("response");
        let status = response.status();
        let body = to_bytes(response.into_body(), usize::MAX).await.expect("body");
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// Found by the API property test: a malformed JSON body got our JSON error with axum's
    /// `content-type: text/plain` (and a malformed query, an HTML page served as text).
    #[tokio::test]
    async fn rejections_take_the_content_type_of_the_body_written() {
        let rejection = || async { (StatusCode::BAD_REQUEST, "Failed to parse the request body as JSON") };
        let app = Router::new().route("/api/json", get(rejection)).route("/page", get(rejection)).layer(from_fn(render_errors));
        for (path, expected) in [("/api/json", "application/json"), ("/page", "text/html")] {
            let request = Request::builder().uri(path).body(Body::empty()).expect("request");
            let response = app.clone().oneshot(request).await.expect("response");
            assert_eq!(response.status(), StatusCode::BAD_REQUEST);
            let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
            assert!(content_type.starts_with(expected), "{path}: {content_type}");
            let body = to_bytes(response.into_body(), usize::MAX).await.expect("body");
            assert!(!String::from_utf8_lossy(&body).contains("Failed to parse"), "{path}: axum's English text replaced");
        }
    }

    /// Found by the API property test: `GET /api/v1/ecosystem/actors/%00` was a 500 on
    /// PostgreSQL.
    #[test]
    fn a_nul_character_refused_by_postgresql_is_the_client_s_error() {
        let refused = StoreError(r#"error returned from database: invalid byte sequence for encoding "UTF8": 0x00"#.into());
        assert!(matches!(AppError::from(refused), AppError::BadRequest("error-bad-request")));
        assert!(matches!(AppError::from(StoreError("disk I/O error".into())), AppError::Internal(_)));
    }

    #[tokio::test]
    async fn server_errors_are_pages_in_both_languages_without_details() {
        let (status, fr) = page("/boom", "fr").await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(fr.contains("Erreur 500") && fr.contains("lang=\"fr\""), "{fr}");
        assert!(!fr.contains("disk on fire"), "internal details never reach the visitor");
        let (_, en) = page("/boom", "en").await;
        assert!(en.contains("Error 500") && en.contains("Something went wrong"), "{en}");
        let (status, forbidden) = page("/closed", "en").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(forbidden.contains("Error 403"));
        let (_, json) = page("/api/boom", "fr").await;
        assert_eq!(serde_json::from_str::<serde_json::Value>(&json).expect("json")["error"]["code"], "internal");
    }
}
