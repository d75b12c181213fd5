//! One-time messages shown on the page after a redirect (POST-redirect-GET).

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

const KEY: &str = "flash";

/// A message to show once: a translation key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flash {
    /// Translation key.
    pub key: String,
}

/// Leaves a message for the next page.
pub async fn push(session: &Session, key: &str) {
    if let Err(e) = session.insert(KEY, Flash { key: key.to_owned() }).await {
        tracing::warn!(error = %e, "flash message lost");
    }
}

/// Takes the pending message, if any.
pub async fn take(session: &Session) -> Option<Flash> {
    session.remove::<Flash>(KEY).await.ok().flatten()
}
