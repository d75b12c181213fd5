//! Start-up: database, mailer, router, listener.

use crate::settings::Settings;
use anyhow::Context;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::sync::watch;
use tremplin_kernel::{Clock, SystemClock};
use tremplin_mail::transport::SmtpSettings;
use tremplin_mail::{Mailer, Transport};
use tremplin_store::Db;
use tremplin_web::{AppState, WebConfig};

/// Opens the database (creating the SQLite file's folder if needed), applies migrations
/// and loads the reference geography.
pub async fn open_database(settings: &Settings) -> anyhow::Result<Db> {
    if let Some(path) = settings.database_url.strip_prefix("sqlite://").or_else(|| settings.database_url.strip_prefix("sqlite:")) {
        let path = path.split('?').next().unwrap_or(path);
        if let Some(parent) = std::path::Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).with_context(|| format!("creating the database folder {}", parent.display()))?;
        }
    }
    let db = Db::connect(&settings.database_url)
        .await
        .with_context(|| format!("connecting to {}", crate::settings::redact_url(&settings.database_url)))?;
    tremplin_store::prepare(&db).await.map_err(|e| anyhow::anyhow!("preparing the database: {}", e.0))?;
    Ok(db)
}

/// The mailer chosen by the settings.
pub fn mailer(settings: &Settings) -> anyhow::Result<Mailer> {
    let transport = match settings.mail_transport.as_str() {
        "smtp" => Transport::smtp(&SmtpSettings {
            host: settings.smtp_host.clone(),
            port: settings.smtp_port,
            security: settings.smtp_security.clone(),
            username: settings.smtp_username.clone(),
            password: settings.smtp_password.clone(),
        })?,
        _ => Transport::Log,
    };
    let from = settings.mail_from.parse().context("mail_from")?;
    Ok(Mailer { transport, from })
}

/// The router's state.
pub fn state(settings: &Settings, db: Db, clock: Arc<dyn Clock>) -> AppState {
    let base_url = settings.base_url();
    AppState {
        db,
        clock,
        config: Arc::new(WebConfig {
            secure_cookies: base_url.starts_with("https://"),
            trust_proxy: settings.trust_proxy,
            rate_limits: settings.rate_limits,
            retention: settings.retention(),
            base_url,
        }),
        search_index: Arc::default(),
    }
}

/// Serves until Ctrl-C or SIGTERM, finishing requests in flight; runs the worker
/// alongside when the settings say so.
pub async fn serve(settings: &Settings, db: Db) -> anyhow::Result<()> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let (stop_tx, stop_rx) = watch::channel(false);
    let worker = if settings.run_worker {
        let mailer = mailer(settings)?;
        let (db, clock, base_url, every) = (db.clone(), clock.clone(), settings.base_url(), settings.worker_interval_secs);
        let retention = settings.retention();
        Some(tokio::spawn(async move { crate::worker::run(db, mailer, clock, base_url, retention, every, stop_rx).await }))
    } else {
        None
    };
    let state = state(settings, db.clone(), clock);
    // Build the search index now rather than on the first search (seconds at a million
    // listings); searches meanwhile wait for it.
    let (index, index_db) = (state.search_index.clone(), db.clone());
    tokio::spawn(async move {
        let started = std::time::Instant::now();
        match index.view(&index_db).await {
            Ok(view) => tracing::info!(listings = view.len(), ms = started.elapsed().as_millis() as u64, "search index built"),
            Err(error) => tracing::error!(%error, "building the search index"),
        }
    });
    let app = tremplin_web::router(state);
    let listener = tokio::net::TcpListener::bind(&settings.bind).await.with_context(|| format!("listening on {}", settings.bind))?;
    tracing::info!(address = %settings.bind, "serving");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown_signal()).await?;
    let _ = stop_tx.send(true);
    if let Some(worker) = worker {
        let _ = worker.await;
    }
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
