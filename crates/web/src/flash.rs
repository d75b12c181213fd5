//! One-time messages shown on the page after a redirect (POST-redirect-GET).

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "flash";

/// A message to show once: a translation key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flash {
    /// Translation key.
    pub key: String,
    /// A number the message shows (`$count`, for plural forms).
    #[serde(default)]
    pub count: Option<i64>,
}

/// Leaves a message for the next page.
pub async fn push(session: &Session, key: &str) {
    if let Err(e) = session.insert(KEY, Flash { key: key.to_owned(), count: None }).await {
        tracing::warn!(error = %e, "flash message lost");
    }
}

/// Leaves a message for the next page that shows a number (`$count`).
pub async fn push_count(session: &Session, key: &str, count: i64) {
    if let Err(e) = session.insert(KEY, Flash { key: key.to_owned(), count: Some(count) }).await {
        tracing::warn!(error = %e, "flash message lost");
    }
}

/// Takes the pending message, if any.
pub async fn take(session: &Session) -> Option<Flash> {
    session.remove::<Flash>(KEY).await.ok().flatten()
}
