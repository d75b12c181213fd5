//! Changing a session after it was created: every field of the creation form but the slug
//! (registrants' links and the calendars keep pointing at it), the capacity (changed only by
//! `commands::change_capacity`, which never removes a confirmed person) and the series.

use super::commands::check_new_event;
use super::error::EventError;
use super::model::{Event, NewEvent};
use crate::StoreResult;
use std::future::Future;

/// What editing a session needs from the store.
pub trait EventEditRepo: Send + Sync {
    /// Replaces a session's fields (not its slug, territory, capacity nor series; its large
    /// event and room, yes) and its trainers, in one transaction.
    fn update_event(&self, event_id: i64, changes: &NewEvent, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
}

/// Checks and saves the changes (the caller checked the user may run the session).
pub async fn update_event(repo: &impl EventEditRepo, event: &Event, changes: &NewEvent, now: i64) -> Result<(), EventError> {
    check_new_event(changes).map_err(EventError::Invalid)?;
    Ok(repo.update_event(event.id, changes, now).await?)
}
