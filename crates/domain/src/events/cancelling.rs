//! Staff call off a whole session (a trainer is ill, the room is unavailable): the session
//! becomes cancelled, its registrations stay as history, no seat can be taken any more, and
//! every confirmed or waitlisted registrant with an e-mail is told why.

use super::error::EventError;
use super::mail::{CANCELLED_TEMPLATE, session_mail_for};
use super::model::{Event, EventStatus, RegistrationStatus};
use crate::StoreResult;
use crate::notifications::MailRequest;
use std::future::Future;
use tremplin_kernel::{Clock, Email, Locale};

/// Longest reason, in characters (it is shown in e-mails and on the session's page).
pub const REASON_MAX: usize = 300;

/// A registrant to tell that the session is called off.
#[derive(Debug, Clone, PartialEq)]
pub struct CancelledRecipient {
    /// Public id of the registration.
    pub public_id: String,
    /// Secret of its links.
    pub secret: String,
    /// E-mail address.
    pub email: String,
    /// Locale tag.
    pub locale: String,
    /// Confirmed or waitlisted.
    pub status: RegistrationStatus,
}

/// Builds the e-mail of one registrant, written in the same transaction as the change.
pub type CancelledMail<'a> = &'a (dyn Fn(&Event, &CancelledRecipient) -> Option<MailRequest> + Send + Sync);

/// The store side of calling off a session.
pub trait EventCancellingRepo: Send + Sync {
    /// In one transaction: marks the session cancelled with its reason (only if it was
    /// scheduled) and enqueues `mail` for every confirmed or waitlisted registration with an
    /// e-mail. Returns the number of e-mails enqueued, or `None` when it was cancelled already.
    fn call_off_event(
        &self,
        event: &Event,
        reason: &str,
        now: i64,
        mail: CancelledMail<'_>,
    ) -> impl Future<Output = StoreResult<Option<usize>>> + Send;

    /// Why a session was called off (empty when no reason was recorded).
    fn cancel_reason(&self, event_id: i64) -> impl Future<Output = StoreResult<String>> + Send;
}

/// The e-mail telling one registrant the session is called off.
pub fn cancelled_mail(event: &Event, recipient: &CancelledRecipient, reason: &str) -> Option<MailRequest> {
    let to = Email::parse(&recipient.email).ok()?;
    let locale = Locale::parse(&recipient.locale).unwrap_or_default();
    let mut session = session_mail_for(event, &recipient.public_id, &recipient.secret, recipient.status, None);
    // Nothing to check in to any more.
    session.check_in_path = None;
    let json = serde_json::to_string(&[session]).ok()?;
    // The cancellation is the session's next revision: calendars drop the entry only for a
    // SEQUENCE at least that of the invitation they hold.
    Some(
        MailRequest::new(CANCELLED_TEMPLATE, to, locale)
            .with("sessions", json)
            .with("reason", reason.to_owned())
            .with("sequence", (event.sequence + 1).to_string()),
    )
}

/// Calls off a session; returns the number of people told by e-mail. The reason is required
/// (1 to [`REASON_MAX`] characters). The caller has checked `policy::can_run_event`.
pub async fn call_off(repo: &impl EventCancellingRepo, clock: &dyn Clock, event: &Event, reason: &str) -> Result<usize, EventError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(EventError::field("reason", "event-error-reason-required"));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(EventError::field("reason", "event-error-reason-too-long"));
    }
    if event.status == EventStatus::Cancelled {
        return Err(EventError::EventCancelled);
    }
    let mail = |event: &Event, recipient: &CancelledRecipient| cancelled_mail(event, recipient, reason);
    repo.call_off_event(event, reason, clock.now_ts(), &mail).await?.ok_or(EventError::EventCancelled)
}
