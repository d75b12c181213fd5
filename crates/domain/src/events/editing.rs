//! Changing a session after it was created: every field of the creation form but the slug
//! (registrants' links and the calendars keep pointing at it), the capacity (changed only by
//! `commands::change_capacity`, which never removes a confirmed person) and the series.
//!
//! When the time or the place changes, the people registered are told by e-mail, with an
//! updated invitation: the session's iCalendar `SEQUENCE` is raised on its row, in the same
//! transaction as the change and the messages. A counter on the row rather than one derived
//! from `updated_at`: capacity changes and registrations also touch `updated_at`, and a
//! calendar should see a new revision only when what it shows changed.

use super::commands::check_new_event;
use super::error::EventError;
use super::mail::changed_mail;
use super::model::{Event, NewEvent, Registration, RegistrationStatus};
use crate::StoreResult;
use crate::notifications::MailRequest;
use std::future::Future;

/// A registrant to tell about a change (confirmed or waitlisted, with an e-mail).
#[derive(Debug, Clone, PartialEq)]
pub struct ToTell {
    /// Public id of the registration.
    pub public_id: String,
    /// Seed of their tokens.
    pub secret: String,
    /// E-mail.
    pub email: String,
    /// Language.
    pub locale: String,
    /// Confirmed or waitlisted.
    pub status: RegistrationStatus,
    /// Place in the waitlist.
    pub position: Option<i64>,
}

/// Builds the e-mail telling a registrant of the change, given the session's new `SEQUENCE`.
pub type ChangeMail<'a> = &'a (dyn Fn(&ToTell, i64) -> Option<MailRequest> + Send + Sync);

/// What editing a session needs from the store.
pub trait EventEditRepo: Send + Sync {
    /// Replaces a session's fields (not its slug, territory, capacity nor series; its large
    /// event and room, yes) and its trainers, in one transaction. With `notify`, also raises
    /// the session's `sequence` and enqueues, in that transaction, the message `notify` builds
    /// for every confirmed or waitlisted registrant with an e-mail (waitlist positions in
    /// order); returns how many messages were enqueued.
    fn update_event(
        &self,
        event_id: i64,
        changes: &NewEvent,
        now: i64,
        notify: Option<ChangeMail<'_>>,
    ) -> impl Future<Output = StoreResult<usize>> + Send;
}

/// Whether the changes move the session in time or place: what registrants must be told.
pub fn moves_session(event: &Event, changes: &NewEvent) -> bool {
    let (before, after) = (&event.venue, &changes.venue);
    event.starts_at != changes.starts_at
        || event.ends_at != changes.ends_at
        || before.name != after.name
        || before.address != after.address
        || before.room != after.room
        || before.listing_id != after.listing_id
        || event.online_url != changes.online_url
}

/// How many registrants an edit of the time or place would tell (shown on the form).
pub fn registrants_to_tell(registrations: &[Registration]) -> usize {
    registrations
        .iter()
        .filter(|r| matches!(r.status, RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted))
        .filter(|r| r.email.as_deref().is_some_and(|e| !e.is_empty()))
        .count()
}

/// The session as the changes leave it, for the e-mails.
fn edited(event: &Event, changes: &NewEvent) -> Event {
    let mut after = event.clone();
    after.title = changes.title.clone();
    after.starts_at = changes.starts_at;
    after.ends_at = changes.ends_at;
    after.online_url = changes.online_url.clone();
    let commune = event.venue.commune.clone().filter(|_| event.venue.insee == changes.venue.insee);
    after.venue = changes.venue.clone();
    // The form gives the commune's code; its name comes from the reference table on reads.
    if after.venue.commune.is_none() {
        after.venue.commune = commune;
    }
    after
}

/// Checks and saves the changes (the caller checked the user may run the session); returns
/// how many registrants were told of a new time or place (0 when neither changed).
pub async fn update_event(repo: &impl EventEditRepo, event: &Event, changes: &NewEvent, now: i64) -> Result<usize, EventError> {
    check_new_event(changes).map_err(EventError::Invalid)?;
    if !moves_session(event, changes) {
        return Ok(repo.update_event(event.id, changes, now, None).await?);
    }
    let after = edited(event, changes);
    let build = move |person: &ToTell, sequence: i64| changed_mail(event, &after, person, sequence);
    Ok(repo.update_event(event.id, changes, now, Some(&build)).await?)
}
