//! What coach profiles, availability and booking need from the store. Further traits (the
//! management of appointments, accompaniment records, statistics) sit beside the use cases
//! that need them.

use super::model::{Appointment, Availability, AvailabilityException, Beneficiary, Coach, CoachProfile, NewAppointment, Slot, WeeklyHours};
use crate::StoreResult;
use crate::notifications::MailRequest;
use std::collections::HashMap;
use std::future::Future;

/// Which coaches a finder or a list looks at (ranking is the domain's, see `finder`).
#[derive(Debug, Clone, Default)]
pub struct CoachFilter {
    /// Only coaches of these territories.
    pub territory_ids: Option<Vec<i64>>,
    /// Only active (bookable) coaches.
    pub active_only: bool,
}

/// Builds the e-mails of a booking (to the person, to the coach), inside its transaction.
pub type BookingMail<'a> = &'a (dyn Fn(&Appointment, &Beneficiary) -> Vec<MailRequest> + Send + Sync);

/// What a booking did.
#[derive(Debug, Clone)]
pub enum BookOutcome {
    /// Booked.
    Booked(Box<(Appointment, Beneficiary)>),
    /// The slot is no longer free (taken meanwhile, or off the coach's hours now).
    SlotTaken,
    /// The coach is inactive or unknown.
    NotBookable,
}

/// Store of coach profiles and their availability.
pub trait CoachRepo: Send + Sync {
    /// Creates a coach profile for a user; returns its id.
    fn create_coach(
        &self,
        user_id: i64,
        territory_id: i64,
        slug: &str,
        profile: &CoachProfile,
        feed_secret: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<i64>> + Send;
    /// Rewrites a coach's profile.
    fn update_coach(&self, coach_id: i64, profile: &CoachProfile, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Whether a coach slug is taken.
    fn coach_slug_taken(&self, slug: &str) -> impl Future<Output = StoreResult<bool>> + Send;
    /// A coach by slug.
    fn coach_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Coach>>> + Send;
    /// A coach by id.
    fn coach_by_id(&self, id: i64) -> impl Future<Output = StoreResult<Option<Coach>>> + Send;
    /// The coach profile of a user.
    fn coach_by_user(&self, user_id: i64) -> impl Future<Output = StoreResult<Option<Coach>>> + Send;
    /// Coaches matching a filter, by display name.
    fn find_coaches(&self, filter: &CoachFilter) -> impl Future<Output = StoreResult<Vec<Coach>>> + Send;
    /// Weekly hours, exceptions (those not over yet at `today`, YYYY-MM-DD) and rules of coaches.
    fn availabilities(&self, coaches: &[&Coach], today: &str) -> impl Future<Output = StoreResult<HashMap<i64, Availability>>> + Send;
    /// Replaces a coach's weekly hours.
    fn set_weekly_hours(&self, coach_id: i64, hours: &[WeeklyHours], now: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Adds an exception; returns its id.
    fn add_exception(&self, coach_id: i64, exception: &AvailabilityException, now: i64) -> impl Future<Output = StoreResult<i64>> + Send;
    /// Removes an exception of this coach; whether it existed.
    fn remove_exception(&self, coach_id: i64, exception_id: i64) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Live (booked) appointments of coaches overlapping `[from, until)`, per coach.
    fn booked_slots(&self, coach_ids: &[i64], from: i64, until: i64) -> impl Future<Output = StoreResult<HashMap<i64, Vec<Slot>>>> + Send;
}

/// Store of appointments. No double booking holds here: a booking takes its coach's row lock,
/// checks the slot against the availability and the appointments read under that lock, and
/// inserts; a unique index on live appointments' (coach, start) backs it.
pub trait AppointmentRepo: Send + Sync {
    /// Books a slot: recognises or creates the beneficiary (same e-mail or phone in the
    /// coach's territory), gives the coach access to its follow-up, and enqueues the e-mails,
    /// all in one transaction.
    fn book(&self, appointment: &NewAppointment, now: i64, mail: BookingMail<'_>) -> impl Future<Output = StoreResult<BookOutcome>> + Send;
    /// An appointment by public id.
    fn appointment_by_public_id(&self, public_id: &str) -> impl Future<Output = StoreResult<Option<Appointment>>> + Send;
    /// A beneficiary by id.
    fn beneficiary_by_id(&self, id: i64) -> impl Future<Output = StoreResult<Option<Beneficiary>>> + Send;
}
