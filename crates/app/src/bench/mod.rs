//! Benchmarks, run on demand (`tremplin bench …`); their figures go to docs/PERFORMANCE.md.

pub mod bookings;
pub mod dashboard;
pub mod directory;
pub mod ecosystem;
mod load;
pub mod registrations;
pub mod stats_data;

pub use directory::{Options, directory};

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tremplin_kernel::SystemClock;

/// The `p` quantile (0–1) of sorted durations, in milliseconds.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

/// Starts `count` server instances on free local ports, each with its own pool. The rate
/// limits are off: a benchmark sends thousands of requests from one address on purpose.
pub(crate) async fn start_instances(settings: &crate::settings::Settings, count: usize) -> anyhow::Result<Vec<SocketAddr>> {
    let settings = &crate::settings::Settings { rate_limits: false, ..settings.clone() };
    let mut addresses = Vec::new();
    for _ in 0..count {
        let db = crate::server::open_database(settings).await?;
        let state = crate::server::state(settings, db, Arc::new(SystemClock));
        let app = tremplin_web::router(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        addresses.push(listener.local_addr()?);
        tokio::spawn(async move { axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await });
    }
    Ok(addresses)
}
