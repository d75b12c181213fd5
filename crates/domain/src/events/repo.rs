//! What workshops and registrations need from the store.

use super::model::{Audience, Event, NewEvent, Programme, Promotion, Registrant, Registration, RegistrationOutcome, Series};
use crate::StoreResult;
use crate::notifications::MailRequest;
use std::future::Future;
use tremplin_kernel::GeoPoint;

/// Which sessions an agenda shows. Sessions are ordered by start, then id.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Only sessions organised by these territories.
    pub territory_ids: Option<Vec<i64>>,
    /// Only sessions ending after this instant (Unix seconds).
    pub ends_after: i64,
    /// Only sessions starting before this instant.
    pub starts_before: Option<i64>,
    /// Only sessions with this theme.
    pub theme: Option<String>,
    /// Only sessions for this audience.
    pub audience: Option<Audience>,
    /// Only sessions in these communes (INSEE codes).
    pub communes: Option<Vec<String>>,
    /// Only sessions within `radius_km` of a point.
    pub near: Option<(GeoPoint, f64)>,
    /// Only sessions with seats left.
    pub free_seats: bool,
    /// Only the sessions of a large event.
    pub programme_id: Option<i64>,
    /// Only the sessions of a series.
    pub series_id: Option<i64>,
    /// Include cancelled sessions.
    pub include_cancelled: bool,
    /// At most this many.
    pub limit: u32,
    /// Skip this many.
    pub offset: u32,
}

/// Builds the e-mail for registrations just made, inside their transaction (so that the
/// e-mail is never lost nor sent for a registration that did not happen). Owned, because on
/// SQLite the transaction may be run by another request's task (see `store::registration_batch`).
pub type OutcomeMail = std::sync::Arc<dyn Fn(&[RegistrationOutcome]) -> Option<MailRequest> + Send + Sync>;
/// Builds the e-mail telling a waitlisted person they got a seat.
pub type PromotionMail<'a> = &'a (dyn Fn(&Event, &Promotion) -> Option<MailRequest> + Send + Sync);

/// What cancelling a registration did.
#[derive(Debug, Clone, PartialEq)]
pub enum CancelOutcome {
    /// Cancelled; these waitlisted people got the seat.
    Cancelled(Vec<Promotion>),
    /// It was cancelled already.
    AlreadyCancelled,
}

/// What changing a session's capacity did.
#[derive(Debug, Clone, PartialEq)]
pub enum CapacityOutcome {
    /// Changed; these waitlisted people got a seat.
    Changed(Vec<Promotion>),
    /// Refused: more people are confirmed than the new capacity; nobody is removed silently.
    BelowConfirmed(i64),
}

/// Store of sessions, large events and series.
pub trait EventRepo: Send + Sync {
    /// Creates a large event; returns its id.
    fn create_programme(
        &self,
        territory_id: i64,
        slug: &str,
        title: &str,
        description: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<i64>> + Send;
    /// A large event by slug.
    fn programme_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Programme>>> + Send;
    /// Creates a series; returns its id.
    fn create_series(&self, territory_id: i64, slug: &str, title: &str, now: i64) -> impl Future<Output = StoreResult<i64>> + Send;
    /// A series by slug.
    fn series_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Series>>> + Send;
    /// Whether a session slug is taken.
    fn event_slug_taken(&self, slug: &str) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Creates a session with its trainers; returns its id.
    fn create_event(&self, event: &NewEvent, now: i64) -> impl Future<Output = StoreResult<i64>> + Send;
    /// A session by slug.
    fn event_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Event>>> + Send;
    /// A session by id.
    fn event_by_id(&self, id: i64) -> impl Future<Output = StoreResult<Option<Event>>> + Send;
    /// The sessions matching a filter, by start.
    fn find_events(&self, filter: &EventFilter) -> impl Future<Output = StoreResult<Vec<Event>>> + Send;
}

/// Store of registrations. Capacity holds in these methods: seats are taken and freed by
/// conditional updates of the session row under its lock, in one transaction with the
/// registration and the e-mails it causes.
pub trait RegistrationRepo: Send + Sync {
    /// Registers a person for sessions, given as (id, slug) in id order (to take the rows'
    /// locks in one order): a seat when one is left, else the waitlist. A person already
    /// registered (same e-mail or phone) is recognised and nothing changes for that session.
    fn register(
        &self,
        sessions: &[(i64, String)],
        registrant: &Registrant,
        now: i64,
        mail: OutcomeMail,
    ) -> impl Future<Output = StoreResult<Vec<RegistrationOutcome>>> + Send;
    /// A registration by public id.
    fn registration_by_public_id(&self, public_id: &str) -> impl Future<Output = StoreResult<Option<Registration>>> + Send;
    /// Place in the waitlist (1 = next) of a waitlisted registration.
    fn waitlist_position(&self, registration: &Registration) -> impl Future<Output = StoreResult<i64>> + Send;
    /// Cancels a registration; a seat freed goes to the first of the waitlist.
    fn cancel_registration(
        &self,
        registration_id: i64,
        now: i64,
        mail: PromotionMail<'_>,
    ) -> impl Future<Output = StoreResult<CancelOutcome>> + Send;
    /// Changes a session's capacity; seats added go to the waitlist in order.
    fn set_capacity(
        &self,
        event_id: i64,
        capacity: i64,
        now: i64,
        mail: PromotionMail<'_>,
    ) -> impl Future<Output = StoreResult<CapacityOutcome>> + Send;
    /// Every registration of a session (staff and trainers only), confirmed first, then the
    /// waitlist in order, then cancelled ones.
    fn registrations_of_event(&self, event_id: i64) -> impl Future<Output = StoreResult<Vec<Registration>>> + Send;
}
