//! What every handler can reach.

use std::sync::Arc;
use tremplin_domain::directory::SearchIndex;
use tremplin_domain::privacy::RetentionPolicy;
use tremplin_kernel::Clock;
use tremplin_store::Db;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Public URL of the site, without trailing slash (used in e-mails and for the Origin check).
    pub base_url: String,
    /// Whether cookies get the `Secure` flag (true when `base_url` is https).
    pub secure_cookies: bool,
    /// Whether to believe `X-Forwarded-For` (only behind a reverse proxy of ours).
    pub trust_proxy: bool,
    /// Whether the per-client and per-address rate limits apply (off only for benchmarks).
    pub rate_limits: bool,
    /// How long each kind of personal data is kept (shown in the processings register).
    pub retention: RetentionPolicy,
}

/// Shared state of the router.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Settings.
    pub config: Arc<WebConfig>,
    /// The directory's search index, shared by the handlers of this instance.
    pub search_index: Arc<SearchIndex>,
}
