//! Background jobs of workshops: the reminder the day before and the invitation to the
//! survey after the session. Each message is sent once per registration even when several
//! workers run at once: the store claims a registration by a conditional update of its
//! `reminder_sent_at` / `survey_sent_at` and writes the e-mail in the same transaction.

use super::mail::{reminder_mail, survey_mail};
use super::model::Event;
use super::repo::{EventFilter, EventRepo};
use crate::StoreResult;
use crate::notifications::MailRequest;
use std::future::Future;
use tremplin_kernel::Clock;

/// Reminders go to sessions starting within this many seconds.
pub const REMINDER_WINDOW_SECS: i64 = 86_400;
/// Survey invitations go to sessions ended within this many seconds.
pub const SURVEY_WINDOW_SECS: i64 = 7 * 86_400;
/// Registrations claimed per transaction.
pub const JOB_BATCH: u64 = 200;
/// Most sessions looked at per round (a large event has about a hundred a day).
const SESSIONS_PER_ROUND: u32 = 5_000;

/// Which message a job sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventJob {
    /// The day before: confirmed registrations with an e-mail.
    Reminder,
    /// After the session: registrations checked in, with an e-mail.
    Survey,
}

/// The registration a job claimed, as the e-mail needs it.
#[derive(Debug, Clone)]
pub struct JobRecipient {
    /// Public id.
    pub public_id: String,
    /// Seed of the person's tokens.
    pub secret: String,
    /// E-mail.
    pub email: String,
    /// Language.
    pub locale: String,
    /// When the seat was given (Unix seconds).
    pub confirmed_at: Option<i64>,
}

/// Builds the e-mail of a claimed registration, inside the claiming transaction.
pub type JobMail<'a> = &'a (dyn Fn(&Event, &JobRecipient) -> Option<MailRequest> + Send + Sync);

/// What the jobs need from the store.
pub trait EventJobRepo: Send + Sync {
    /// Claims up to `limit` registrations of `events` due for `job` (marking them sent at
    /// `now`, each by a conditional update checked for one row) and enqueues their e-mails,
    /// in one transaction; returns how many were claimed and how many e-mails were enqueued.
    fn claim_job(
        &self,
        job: EventJob,
        events: &[Event],
        now: i64,
        limit: u64,
        mail: JobMail<'_>,
    ) -> impl Future<Output = StoreResult<(usize, usize)>> + Send;
}

/// Sends `job` for every registration due now; returns the number of e-mails enqueued.
pub async fn run_job(repo: &(impl EventJobRepo + EventRepo), clock: &dyn Clock, job: EventJob) -> StoreResult<usize> {
    let now = clock.now_ts();
    let filter = match job {
        // Sessions not started yet, starting within a day.
        EventJob::Reminder => EventFilter {
            ends_after: now,
            starts_before: Some(now + REMINDER_WINDOW_SECS + 1),
            limit: SESSIONS_PER_ROUND,
            ..EventFilter::default()
        },
        // Sessions ended within the last week.
        EventJob::Survey => EventFilter {
            ends_after: now - SURVEY_WINDOW_SECS,
            starts_before: Some(now),
            limit: SESSIONS_PER_ROUND,
            ..EventFilter::default()
        },
    };
    let events: Vec<Event> = repo
        .find_events(&filter)
        .await?
        .into_iter()
        .filter(|e| match job {
            EventJob::Reminder => e.starts_at > now && e.starts_at <= now + REMINDER_WINDOW_SECS,
            EventJob::Survey => e.ends_at <= now,
        })
        .collect();
    if events.is_empty() {
        return Ok(0);
    }
    let mail = move |event: &Event, r: &JobRecipient| match job {
        // Someone who got their seat within the day just had an e-mail saying all of it
        // (confirmation or promotion): no reminder on top.
        EventJob::Reminder if r.confirmed_at.is_some_and(|at| at > event.starts_at - REMINDER_WINDOW_SECS) => None,
        EventJob::Reminder => reminder_mail(event, &r.public_id, &r.secret, &r.email, &r.locale),
        EventJob::Survey => survey_mail(event, &r.public_id, &r.secret, &r.email, &r.locale),
    };
    let mut mailed = 0;
    loop {
        let (claimed, enqueued) = repo.claim_job(job, &events, now, JOB_BATCH, &mail).await?;
        mailed += enqueued;
        if (claimed as u64) < JOB_BATCH {
            return Ok(mailed);
        }
    }
}
