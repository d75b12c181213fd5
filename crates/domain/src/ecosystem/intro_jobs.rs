//! Reminders and expiry of unanswered requests: a reminder to the recipient after 3 and 7
//! days, expiry after 14 (e-mail to the requester). `eco_introductions.due_at` says when the
//! worker next looks at a pending request; the store claims each due row by a conditional
//! update on its `(id, due_at)` and enqueues its e-mail in the same transaction, so two
//! workers never send one reminder twice.

use super::intro_mail;
use super::introductions::{EXPIRY_SECS, Introduction, SECOND_REMINDER_SECS};
use crate::StoreResult;
use crate::notifications::MailRequest;
use std::future::Future;
use tremplin_kernel::Clock;

/// Rows claimed per transaction.
pub const BATCH: u64 = 200;

/// What happens to a due request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reminder number `n` (1 or 2); then due again at `next_due`.
    Remind {
        /// Which reminder.
        number: i64,
        /// When it is due next.
        next_due: i64,
    },
    /// Expires.
    Expire,
}

/// The step of a due request, from how many reminders it had.
pub fn step_of(intro: &Introduction) -> Step {
    match intro.reminders {
        0 => Step::Remind { number: 1, next_due: intro.created_at + SECOND_REMINDER_SECS },
        1 => Step::Remind { number: 2, next_due: intro.created_at + EXPIRY_SECS },
        _ => Step::Expire,
    }
}

/// The e-mail of a step.
pub fn mail_of(intro: &Introduction, step: Step) -> Option<MailRequest> {
    match step {
        Step::Remind { number, .. } => intro_mail::reminder(intro, number),
        Step::Expire => intro_mail::expired(intro),
    }
}

/// What the job needs from the store.
pub trait IntroJobRepo: Send + Sync {
    /// Claims up to `limit` pending requests due at `now`, applying [`step_of`] to each by a
    /// conditional update on `(id, due_at)` and enqueuing [`mail_of`], in one transaction;
    /// returns how many were claimed and how many e-mails were enqueued.
    fn claim_due_introductions(&self, now: i64, limit: u64) -> impl Future<Output = StoreResult<(usize, usize)>> + Send;
}

/// Sends the due reminders and expiries; returns how many e-mails were enqueued.
pub async fn run_intro_job(repo: &impl IntroJobRepo, clock: &dyn Clock) -> StoreResult<usize> {
    let now = clock.now_ts();
    let mut mailed = 0;
    loop {
        let (claimed, enqueued) = repo.claim_due_introductions(now, BATCH).await?;
        mailed += enqueued;
        if (claimed as u64) < BATCH {
            return Ok(mailed);
        }
    }
}
