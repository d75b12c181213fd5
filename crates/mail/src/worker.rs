//! Delivers the outbox.

use crate::messages::render_to;
use crate::transport::Mailer;
use tremplin_domain::StoreResult;
use tremplin_kernel::{Clock, Locale};
use tremplin_store::Db;
use tremplin_store::outbox::{claim_due, mark_failed, mark_sent};

/// How long a claimed message stays reserved for the worker that claimed it.
const LEASE_SECS: i64 = 120;
/// Messages claimed per round.
const BATCH: u64 = 50;

/// What one round of delivery did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Messages handed to the transport.
    pub sent: usize,
    /// Messages that failed and were rescheduled (or given up).
    pub failed: usize,
}

/// Sends every due message once; failures are rescheduled with back-off.
pub async fn deliver_due(db: &Db, mailer: &Mailer, clock: &dyn Clock, base_url: &str) -> StoreResult<DeliveryReport> {
    let mut report = DeliveryReport::default();
    loop {
        let batch = claim_due(db, clock.now_ts(), BATCH, LEASE_SECS).await?;
        if batch.is_empty() {
            return Ok(report);
        }
        let claimed = batch.len();
        for message in batch {
            let locale = Locale::parse(&message.locale).unwrap_or_default();
            let outcome = match render_to(&message.template, locale, &message.params(), base_url, &message.recipient, clock.now_ts()) {
                Ok(rendered) => mailer.send(&message.recipient, &rendered).await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            match outcome {
                Ok(()) => {
                    mark_sent(db, message.id, clock.now_ts()).await?;
                    report.sent += 1;
                }
                Err(error) => {
                    tracing::warn!(message_id = message.id, attempts = message.attempts + 1, %error, "mail delivery failed");
                    mark_failed(db, &message, clock.now_ts(), &error).await?;
                    report.failed += 1;
                }
            }
        }
        if (claimed as u64) < BATCH || report.failed > 0 {
            // A failing server: stop this round rather than hammer it.
            return Ok(report);
        }
    }
}
