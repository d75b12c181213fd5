//! How long a request may take and how large its body may be. Every page gets 30 seconds and
//! 2 MB; the import upload (`/territoires/{slug}/imports`) gets 64 MB and 10 minutes, since
//! it reads and saves a whole file while the manager waits for the report.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;

/// Largest body of an ordinary request.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Largest upload of the import page.
pub const UPLOAD_LIMIT: usize = 64 * 1024 * 1024;
/// The same in megabytes, as shown to people.
pub const UPLOAD_LIMIT_MB: i64 = (UPLOAD_LIMIT / (1024 * 1024)) as i64;
/// Time to answer an ordinary request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Time to answer an upload.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(600);

/// Whether `path` is the import upload.
fn is_upload(path: &str) -> bool {
    path.strip_prefix("/territoires/").and_then(|rest| rest.strip_suffix("/imports")).is_some_and(|slug| !slug.contains('/'))
}

/// Answers 408 when a request takes longer than its time.
pub async fn deadline(request: Request, next: Next) -> Response {
    let budget = if is_upload(request.uri().path()) { UPLOAD_TIMEOUT } else { REQUEST_TIMEOUT };
    match tokio::time::timeout(budget, next.run(request)).await {
        Ok(response) => response,
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_upload;

    #[test]
    fn only_the_import_page_is_an_upload() {
        assert!(is_upload("/territoires/angers/imports"));
        assert!(!is_upload("/territoires/angers/moderation"));
        assert!(!is_upload("/territoires/angers/x/imports"));
        assert!(!is_upload("/territoires//imports/"));
    }
}
