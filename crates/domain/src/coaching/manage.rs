//! After booking: the person opens their appointment with the link of their e-mail, moves it
//! to another free slot of the same coach or cancels it (until it starts); the coach (or a
//! manager of the territory) sees the agenda, cancels with a reason, and renews the key of the
//! private calendar feed.

use super::error::CoachingError;
use super::mail::{CancelledBy, cancelled_mails, moved_mails};
use super::model::{Appointment, AppointmentStatus, Beneficiary, Coach, Slot};
use super::repo::{AppointmentRepo, BookingMail, CoachRepo};
use super::tokens::manage_token_matches;
use crate::StoreResult;
use crate::accounts::policy::roles_over;
use crate::accounts::{FieldError, Grant, User};
use std::collections::HashMap;
use std::future::Future;
use tremplin_kernel::token::{new_token, tokens_equal};
use tremplin_kernel::{Clock, Role};

/// Longest reason a coach may give when cancelling.
const REASON_MAX: usize = 500;

/// What a move did.
#[derive(Debug, Clone)]
pub enum MoveOutcome {
    /// Moved: the appointment at its new slot, and the person.
    Moved(Box<(Appointment, Beneficiary)>),
    /// The new slot is not free (taken meanwhile, or off the coach's hours).
    SlotTaken,
    /// The appointment was cancelled or has started.
    Closed,
}

/// Store of the changes to an appointment after booking, and of the coach's agenda.
pub trait AppointmentManageRepo: Send + Sync {
    /// Cancels an appointment still booked and not started at `now` (raising its sequence)
    /// and enqueues the e-mails, in one transaction; `None` when it was not cancellable.
    fn cancel_appointment(
        &self,
        appointment_id: i64,
        by: CancelledBy,
        now: i64,
        mail: BookingMail<'_>,
    ) -> impl Future<Output = StoreResult<Option<Appointment>>> + Send;
    /// Moves an appointment to `slot` under its coach's lock, exactly like a booking: the
    /// old slot is freed and the new one taken in one transaction, the sequence raised, the
    /// reminder to be sent again; enqueues the e-mails.
    fn move_appointment(
        &self,
        appointment_id: i64,
        slot: Slot,
        now: i64,
        mail: BookingMail<'_>,
    ) -> impl Future<Output = StoreResult<MoveOutcome>> + Send;
    /// A coach's appointments (any status) starting in `[from, until)`, with their person,
    /// by start.
    fn coach_appointments(
        &self,
        coach_id: i64,
        from: i64,
        until: i64,
    ) -> impl Future<Output = StoreResult<Vec<(Appointment, Beneficiary)>>> + Send;
    /// Who cancelled each of these appointments (`person`, `coach`), for those cancelled.
    fn cancelled_by(&self, appointment_ids: &[i64]) -> impl Future<Output = StoreResult<HashMap<i64, String>>> + Send;
    /// Replaces the secret of a coach's private calendar feed.
    fn set_feed_secret(&self, coach_id: i64, secret: &str, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
}

/// An appointment, its coach and its person, opened with the link's token; a wrong token
/// and an unknown appointment are the same refusal, so a link reveals nothing.
pub async fn appointment_for_link(
    repo: &(impl AppointmentRepo + CoachRepo),
    public_id: &str,
    token: &str,
) -> Result<(Appointment, Coach, Beneficiary), CoachingError> {
    let Some(appointment) = repo.appointment_by_public_id(public_id).await? else { return Err(CoachingError::TokenInvalid) };
    if !manage_token_matches(&appointment.secret, token) {
        return Err(CoachingError::TokenInvalid);
    }
    let coach = repo.coach_by_id(appointment.coach_id).await?.ok_or(CoachingError::NotFound)?;
    let beneficiary = repo.beneficiary_by_id(appointment.beneficiary_id).await?.ok_or(CoachingError::NotFound)?;
    Ok((appointment, coach, beneficiary))
}

/// Whether an appointment can still be moved or cancelled: booked, and not started.
pub fn can_change(appointment: &Appointment, now: i64) -> bool {
    appointment.status == AppointmentStatus::Booked && now < appointment.starts_at
}

/// The person cancels their appointment; both are told.
pub async fn cancel_by_person(
    repo: &impl AppointmentManageRepo,
    clock: &dyn Clock,
    coach: &Coach,
    appointment: &Appointment,
) -> Result<Appointment, CoachingError> {
    cancel(repo, clock, coach, appointment, CancelledBy::Person, "").await
}

/// The coach (or a manager of their territory: `ancestry_ids` is the ancestry of the coach's
/// territory) cancels an appointment with a reason, told to the person.
pub async fn cancel_by_coach(
    repo: &impl AppointmentManageRepo,
    clock: &dyn Clock,
    actor: (&User, &[Grant], &[i64]),
    coach: &Coach,
    appointment: &Appointment,
    reason: &str,
) -> Result<Appointment, CoachingError> {
    let (user, grants, ancestry_ids) = actor;
    if !can_view_agenda(user, grants, ancestry_ids, coach) || appointment.coach_id != coach.id {
        return Err(CoachingError::Forbidden);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(CoachingError::Invalid(vec![FieldError { field: "reason", key: "booking-error-reason-required" }]));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(CoachingError::Invalid(vec![FieldError { field: "reason", key: "booking-error-reason-too-long" }]));
    }
    cancel(repo, clock, coach, appointment, CancelledBy::Coach, reason).await
}

async fn cancel(
    repo: &impl AppointmentManageRepo,
    clock: &dyn Clock,
    coach: &Coach,
    appointment: &Appointment,
    by: CancelledBy,
    reason: &str,
) -> Result<Appointment, CoachingError> {
    let now = clock.now_ts();
    if !can_change(appointment, now) {
        return Err(CoachingError::AppointmentClosed);
    }
    let mail = |cancelled: &Appointment, beneficiary: &Beneficiary| cancelled_mails(coach, cancelled, beneficiary, by, reason);
    repo.cancel_appointment(appointment.id, by, now, &mail).await?.ok_or(CoachingError::AppointmentClosed)
}

/// Moves the person's appointment to another free slot of the same coach, starting at
/// `starts_at` (Unix seconds, as the slot list gave it); both are told, the person with an
/// updated invitation.
pub async fn move_appointment(
    repo: &impl AppointmentManageRepo,
    clock: &dyn Clock,
    coach: &Coach,
    appointment: &Appointment,
    starts_at: &str,
) -> Result<(Appointment, Beneficiary), CoachingError> {
    let now = clock.now_ts();
    if !can_change(appointment, now) {
        return Err(CoachingError::AppointmentClosed);
    }
    let Some(starts_at) = starts_at.trim().parse::<i64>().ok().filter(|s| *s > 0) else {
        return Err(CoachingError::field("starts_at", "coach-error-slot-required"));
    };
    let slot = Slot { starts_at, ends_at: starts_at + i64::from(coach.rules.appointment_minutes) * 60 };
    let previous = Slot { starts_at: appointment.starts_at, ends_at: appointment.ends_at };
    let mail = |moved: &Appointment, beneficiary: &Beneficiary| moved_mails(coach, moved, beneficiary, previous);
    match repo.move_appointment(appointment.id, slot, now, &mail).await? {
        MoveOutcome::Moved(moved) => Ok(*moved),
        MoveOutcome::SlotTaken => Err(CoachingError::SlotTaken),
        MoveOutcome::Closed => Err(CoachingError::AppointmentClosed),
    }
}

/// Whether `user` may see `coach`'s agenda and cancel their appointments: the coach
/// themself, the staff (admins, managers) of the coach's territory or of one containing it
/// (`ancestry_ids`), platform admins.
pub fn can_view_agenda(user: &User, grants: &[Grant], ancestry_ids: &[i64], coach: &Coach) -> bool {
    coach.user_id == user.id || user.is_platform_admin || roles_over(grants, ancestry_ids).into_iter().any(Role::is_staff)
}

/// Whether `key` opens `coach`'s private calendar feed (compared in constant time).
pub fn feed_key_matches(coach: &Coach, key: &str) -> bool {
    !coach.feed_secret.is_empty() && tokens_equal(&coach.feed_secret, key)
}

/// Gives the coach's feed a new key: the old address stops working. Only the coach or the
/// staff of their territory may.
pub async fn renew_feed_secret(
    repo: &impl AppointmentManageRepo,
    clock: &dyn Clock,
    actor: (&User, &[Grant], &[i64]),
    coach: &Coach,
) -> Result<String, CoachingError> {
    let (user, grants, ancestry_ids) = actor;
    if !can_view_agenda(user, grants, ancestry_ids, coach) {
        return Err(CoachingError::Forbidden);
    }
    let secret = new_token();
    repo.set_feed_secret(coach.id, &secret, clock.now_ts()).await?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::{grant, user};

    fn coach(user_id: i64) -> Coach {
        Coach {
            id: 1,
            user_id,
            email: String::new(),
            slug: "c".into(),
            territory_id: 3,
            territory_slug: String::new(),
            territory_name: String::new(),
            display_name: String::new(),
            structure_kind: super::super::StructureKind::Cci,
            structure_name: String::new(),
            presentation: String::new(),
            themes: Vec::new(),
            languages: Vec::new(),
            audiences: Vec::new(),
            zone_communes: Vec::new(),
            zone_radius_km: None,
            base_insee: None,
            base_commune: None,
            base_address: String::new(),
            latitude: None,
            longitude: None,
            modalities: Vec::new(),
            accessibility: String::new(),
            rules: Default::default(),
            feed_secret: "s3cret".into(),
            active: true,
        }
    }

    #[test]
    fn the_agenda_is_the_coach_s_and_their_managers() {
        let ancestry = [1, 2, 3];
        assert!(can_view_agenda(&user(7), &[grant(3, Role::Coach)], &ancestry, &coach(7)));
        assert!(!can_view_agenda(&user(8), &[grant(3, Role::Coach)], &ancestry, &coach(7)), "another coach");
        assert!(can_view_agenda(&user(9), &[grant(2, Role::Manager)], &ancestry, &coach(7)));
        assert!(!can_view_agenda(&user(9), &[grant(4, Role::Manager)], &ancestry, &coach(7)), "manager elsewhere");
    }

    #[test]
    fn the_feed_key_must_match_exactly() {
        assert!(feed_key_matches(&coach(7), "s3cret"));
        assert!(!feed_key_matches(&coach(7), "s3cre"));
        let mut without = coach(7);
        without.feed_secret.clear();
        assert!(!feed_key_matches(&without, ""));
    }
}
