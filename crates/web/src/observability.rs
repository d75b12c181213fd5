//! Request metrics for Prometheus.

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            // Only one global recorder per process; a second router (tests) shares it.
            metrics::set_global_recorder(recorder).ok().map(|_| handle)
        })
        .as_ref()
}

/// Installs the recorder (idempotent).
pub fn init() {
    let _ = handle();
}

/// The metrics in Prometheus text format.
pub fn render_metrics() -> String {
    handle().map(|h| h.render()).unwrap_or_default()
}

/// Sets the gauges read from the database at scrape time: whether it answers, the e-mails
/// waiting and the age of the oldest (a growing age means mail is not going out: SMTP down or
/// no worker running), e-mails given up, statistics marks not settled, the pool's connections.
pub async fn record_database(db: &tremplin_store::Db, now: i64) {
    let (open, idle) = tremplin_store::health::pool_connections(db);
    metrics::gauge!("tremplin_db_pool_connections").set(open as f64);
    metrics::gauge!("tremplin_db_pool_idle_connections").set(idle as f64);
    let read = tokio::time::timeout(std::time::Duration::from_secs(2), tremplin_store::health::backlog(db)).await;
    let Ok(Ok(backlog)) = read else {
        metrics::gauge!("tremplin_database_up").set(0.0);
        return;
    };
    metrics::gauge!("tremplin_database_up").set(1.0);
    metrics::gauge!("tremplin_outbox_pending").set(backlog.outbox_pending as f64);
    metrics::gauge!("tremplin_outbox_failed").set(backlog.outbox_failed as f64);
    let age = backlog.oldest_pending_at.map_or(0, |at| (now - at).max(0));
    metrics::gauge!("tremplin_outbox_oldest_pending_age_seconds").set(age as f64);
    metrics::gauge!("tremplin_stat_marks_pending").set(backlog.stat_marks_pending as f64);
}

/// Counts requests and their durations by route pattern (never by raw path: no personal
/// data, bounded cardinality) and status.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "unmatched".into());
    let method = request.method().to_string();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route).record(started.elapsed().as_secs_f64());
    response
}

/// The path as logged: the secret segment of link URLs (login, password reset, a registrant's
/// links: their page and files, check-in, survey) is hidden.
pub fn redact_path(path: &str) -> String {
    for prefix in ["/connexion/lien/", "/mot-de-passe/nouveau/", "/inscriptions/", "/pointage/", "/enquete/", "/rendez-vous/"] {
        if path.starts_with(prefix) && path.len() > prefix.len() {
            return format!("{prefix}…");
        }
    }
    // A passport holder's page carries its token; the public verification page does not.
    if path.starts_with("/passeport/") && !path.starts_with("/passeport/verifier") {
        return "/passeport/…".to_owned();
    }
    path.to_owned()
}

#[cfg(test)]
mod tests {
    use super::redact_path;

    #[test]
    fn link_tokens_never_reach_the_log() {
        assert_eq!(redact_path("/inscriptions/abc/secret-token/agenda.ics"), "/inscriptions/…");
        assert_eq!(redact_path("/pointage/abc/secret-token"), "/pointage/…");
        assert_eq!(redact_path("/connexion/lien/secret"), "/connexion/lien/…");
        assert_eq!(redact_path("/rendez-vous/abc/secret-token/deplacer"), "/rendez-vous/…");
        assert_eq!(redact_path("/ateliers/atelier-site/agenda.ics"), "/ateliers/atelier-site/agenda.ics");
        assert_eq!(redact_path("/passeport/abc/secret-token/passeport.pdf"), "/passeport/…");
        assert_eq!(redact_path("/passeport/verifier/abc"), "/passeport/verifier/abc");
    }
}
