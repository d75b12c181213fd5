//! The reminder the day before an appointment. Each reminder goes once even when several
//! workers run at once: the store claims an appointment by a conditional update of its
//! `reminder_sent_at` and writes the e-mail in the same transaction. A move clears
//! `reminder_sent_at`, so the new time is reminded too.

use super::mail::reminder_mail;
use super::model::{Appointment, Beneficiary, Coach};
use super::repo::CoachRepo;
use crate::StoreResult;
use crate::notifications::MailRequest;
use std::collections::HashMap;
use std::future::Future;
use tremplin_kernel::Clock;

/// Reminders go to appointments starting within this many seconds.
pub const REMINDER_WINDOW_SECS: i64 = 86_400;
/// Appointments claimed per transaction.
pub const REMINDER_BATCH: u64 = 200;

/// Builds the reminder of a claimed appointment, inside the claiming transaction (`None`:
/// claimed without a message).
pub type ReminderMail<'a> = &'a (dyn Fn(&Appointment, &Beneficiary) -> Option<MailRequest> + Send + Sync);

/// What the reminder job needs from the store.
pub trait AppointmentJobRepo: Send + Sync {
    /// The coaches of booked appointments starting in `(from, until]` whose reminder is due.
    fn reminder_coach_ids(&self, from: i64, until: i64) -> impl Future<Output = StoreResult<Vec<i64>>> + Send;
    /// Claims up to `limit` booked appointments starting in `(from, until]` without a
    /// reminder (marking them reminded at `now`, each by a conditional update checked for one
    /// row) and enqueues their e-mails, in one transaction; returns how many were claimed and
    /// how many e-mails were enqueued.
    fn claim_reminders(
        &self,
        from: i64,
        until: i64,
        now: i64,
        limit: u64,
        mail: ReminderMail<'_>,
    ) -> impl Future<Output = StoreResult<(usize, usize)>> + Send;
}

/// Enqueues the reminder of every appointment starting within a day; returns how many
/// e-mails were enqueued.
pub async fn run_reminders(repo: &(impl AppointmentJobRepo + CoachRepo), clock: &dyn Clock) -> StoreResult<usize> {
    let now = clock.now_ts();
    let until = now + REMINDER_WINDOW_SECS;
    let ids = repo.reminder_coach_ids(now, until).await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let mut coaches: HashMap<i64, Coach> = HashMap::new();
    for id in ids {
        if let Some(coach) = repo.coach_by_id(id).await? {
            coaches.insert(id, coach);
        }
    }
    let mail = |appointment: &Appointment, beneficiary: &Beneficiary| {
        // Booked within the day: the confirmation just said it all.
        if appointment.created_at > appointment.starts_at - REMINDER_WINDOW_SECS {
            return None;
        }
        coaches.get(&appointment.coach_id).and_then(|coach| reminder_mail(coach, appointment, beneficiary))
    };
    let mut mailed = 0;
    loop {
        let (claimed, enqueued) = repo.claim_reminders(now, until, now, REMINDER_BATCH, &mail).await?;
        mailed += enqueued;
        if (claimed as u64) < REMINDER_BATCH {
            return Ok(mailed);
        }
    }
}
