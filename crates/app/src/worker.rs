//! The background worker: enqueues workshop reminders and survey invitations and appointment
//! reminders, delivers the e-mail outbox, brings the statistics up to date and cleans expired
//! sessions; once a day it enforces the retention of personal data. Safe to run in several instances at once (the outbox, the workshop e-mails and the
//! reminders are claimed row by row; statistics rounds take turns on a lock).

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tremplin_domain::coaching::jobs::run_reminders;
use tremplin_domain::events::jobs::{EventJob, run_job};
use tremplin_domain::privacy::RetentionPolicy;
use tremplin_kernel::Clock;
use tremplin_mail::{Mailer, deliver_due};
use tremplin_store::privacy::{self, retention::RetentionReport};
use tremplin_store::{Db, DbSessionStore};

/// One round of every job.
pub async fn run_once(db: &Db, mailer: &Mailer, clock: &Arc<dyn Clock>, base_url: &str) {
    // Workshop e-mails first, so that this round's delivery already sends them.
    for job in [EventJob::Reminder, EventJob::Survey] {
        match run_job(db, clock.as_ref(), job).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(?job, count = n, "workshop e-mails enqueued"),
            Err(e) => tracing::warn!(?job, error = %e, "workshop job failed"),
        }
    }
    match run_reminders(db, clock.as_ref()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(count = n, "appointment reminders enqueued"),
        Err(e) => tracing::warn!(error = %e, "appointment reminder job failed"),
    }
    // Ecosystem — part B: reminders and expiry of unanswered introductions.
    match tremplin_domain::ecosystem::intro_jobs::run_intro_job(db, clock.as_ref()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(count = n, "introduction reminders enqueued"),
        Err(e) => tracing::warn!(error = %e, "introduction job failed"),
    }
    match deliver_due(db, mailer, clock.as_ref(), base_url).await {
        Ok(report) if report.sent + report.failed > 0 => tracing::info!(sent = report.sent, failed = report.failed, "outbox delivered"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "outbox round failed"),
    }
    match tremplin_store::stats::settle(db, clock.now_ts()).await {
        Ok(report) if report.marks > 0 => tracing::debug!(marks = report.marks, buckets = report.buckets, "statistics settled"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "statistics round failed"),
    }
    if let Err(e) = DbSessionStore::new(db.clone(), clock.clone()).delete_expired().await {
        tracing::warn!(error = %e, "session clean-up failed");
    }
}

/// The daily jobs: the retention of personal data (`RetentionPolicy`). Every instance's
/// worker calls this each round; one of them, once per UTC day, takes the turn (a
/// conditional update of `scheduled_jobs`). Returns what the run changed, if it ran.
pub async fn run_daily(db: &Db, clock: &Arc<dyn Clock>, retention: &RetentionPolicy) -> Option<RetentionReport> {
    let now = clock.now_ts();
    match privacy::schedule::claim_daily(db, RETENTION_JOB, now).await {
        Ok(true) => {}
        Ok(false) => return None,
        Err(e) => {
            tracing::warn!(error = %e, "daily job claim failed");
            return None;
        }
    }
    match privacy::retention::enforce(db, retention, now).await {
        Ok(report) => {
            tracing::info!(changed = report.total(), "retention job done");
            Some(report)
        }
        Err(e) => {
            // Today's turn is taken: tomorrow's run catches up (every step is conditional).
            tracing::warn!(error = %e, "retention job failed");
            None
        }
    }
}

/// The name of the retention job in `scheduled_jobs`.
pub const RETENTION_JOB: &str = "retention";

/// Runs rounds every `every_secs` until `stop` turns true.
pub async fn run(
    db: Db,
    mailer: Mailer,
    clock: Arc<dyn Clock>,
    base_url: String,
    retention: RetentionPolicy,
    every_secs: u64,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        run_daily(&db, &clock, &retention).await;
        run_once(&db, &mailer, &clock, &base_url).await;
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(every_secs)) => {}
            _ = stop.changed() => return,
        }
    }
}
