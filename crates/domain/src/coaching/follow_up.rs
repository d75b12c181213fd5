//! The use cases of the follow-up: read a beneficiary's timeline, write the record of an
//! appointment or of a contact without one, share the follow-up with another coach, list
//! beneficiaries, and the person's own copy. Every one checks `records_policy` first; what
//! the actor may not read is answered "not found", so its existence is not revealed.

use super::model::{Accompaniment, Appointment, Beneficiary, Coach};
use super::records::{FollowUp, Follower, NewRecord, RecordForm, RecordRepo, validate_record};
use super::records_policy::{
    FollowUpActor, can_read_follow_up, can_record_appointment, can_record_contact, can_share_follow_up, steers_coaching,
};
use super::repo::{AppointmentRepo, CoachFilter, CoachRepo};
use super::slots::{local_date, local_instant, parse_day};
use super::tokens::manage_token_matches;
use crate::StoreError;
use crate::accounts::FieldError;
use crate::territories::{TerritoryRepo, ancestry, with_descendants};
use tremplin_kernel::Clock;

/// Most beneficiaries listed on one page.
pub const LIST_LIMIT: u32 = 200;

/// Why a follow-up use case refused.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// Some fields are invalid.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The appointment has not started yet: nothing to record.
    #[error("appointment not started")]
    NotYet,
    /// The appointment was cancelled.
    #[error("appointment cancelled")]
    Cancelled,
    /// Unknown, or not for this actor (the same answer, on purpose).
    #[error("not found")]
    NotFound,
    /// The actor may not do this here (a page whose existence is public, like a territory's).
    #[error("forbidden")]
    Forbidden,
    /// The person's link is wrong.
    #[error("token invalid")]
    TokenInvalid,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Ids of a territory's ancestry, outermost first, itself last.
async fn ancestry_ids(repo: &impl TerritoryRepo, territory_id: i64) -> Result<Vec<i64>, StoreError> {
    let all = repo.list_territories().await?;
    Ok(ancestry(&all, territory_id).iter().map(|t| t.id).collect())
}

/// A beneficiary the actor may read, with its followers; `NotFound` otherwise.
async fn readable(
    repo: &(impl RecordRepo + TerritoryRepo),
    actor: FollowUpActor<'_>,
    public_id: &str,
) -> Result<(Beneficiary, Vec<Follower>, Vec<i64>), RecordError> {
    let beneficiary = repo.beneficiary_by_public_id(public_id).await?.ok_or(RecordError::NotFound)?;
    let followers = repo.followers(beneficiary.id).await?;
    let coach_ids: Vec<i64> = followers.iter().map(|f| f.coach_id).collect();
    let ids = ancestry_ids(repo, beneficiary.territory_id).await?;
    if !can_read_follow_up(actor, &ids, &coach_ids) {
        return Err(RecordError::NotFound);
    }
    Ok((beneficiary, followers, coach_ids))
}

/// Everything about a beneficiary, newest first.
async fn gather(repo: &impl RecordRepo, beneficiary: Beneficiary, followers: Vec<Follower>) -> Result<FollowUp, RecordError> {
    let appointments = repo.appointments_of_beneficiary(beneficiary.id).await?;
    let records = repo.records_of_beneficiary(beneficiary.id).await?;
    Ok(FollowUp { beneficiary, followers, appointments, records })
}

/// A beneficiary's timeline, for a coach following it or a manager over it.
pub async fn follow_up(
    repo: &(impl RecordRepo + TerritoryRepo),
    actor: FollowUpActor<'_>,
    public_id: &str,
) -> Result<FollowUp, RecordError> {
    let (beneficiary, followers, _) = readable(repo, actor, public_id).await?;
    gather(repo, beneficiary, followers).await
}

/// Whether the actor may write a contact record for this readable beneficiary.
pub fn may_record_contact(actor: FollowUpActor<'_>, follow_up: &FollowUp) -> bool {
    let coach_ids: Vec<i64> = follow_up.followers.iter().map(|f| f.coach_id).collect();
    can_record_contact(actor, &coach_ids)
}

/// The appointment to record, its beneficiary and the record already written: only its coach,
/// once it has started, unless it was cancelled.
pub async fn appointment_to_record(
    repo: &(impl RecordRepo + AppointmentRepo),
    clock: &dyn Clock,
    actor: FollowUpActor<'_>,
    public_id: &str,
) -> Result<(Appointment, Beneficiary, Option<Accompaniment>), RecordError> {
    let appointment = repo.appointment_by_public_id(public_id).await?.ok_or(RecordError::NotFound)?;
    if !can_record_appointment(actor, appointment.coach_id) {
        return Err(RecordError::NotFound);
    }
    if appointment.status != super::model::AppointmentStatus::Booked {
        return Err(RecordError::Cancelled);
    }
    if clock.now_ts() < appointment.starts_at {
        return Err(RecordError::NotYet);
    }
    let beneficiary = repo.beneficiary_by_id(appointment.beneficiary_id).await?.ok_or(RecordError::NotFound)?;
    let record = repo.record_of_appointment(appointment.id).await?;
    Ok((appointment, beneficiary, record))
}

/// Writes (or rewrites) the record of an appointment; returns the beneficiary's public id.
pub async fn record_appointment(
    repo: &(impl RecordRepo + AppointmentRepo),
    clock: &dyn Clock,
    actor: FollowUpActor<'_>,
    public_id: &str,
    form: &RecordForm,
) -> Result<String, RecordError> {
    let (appointment, beneficiary, _) = appointment_to_record(repo, clock, actor, public_id).await?;
    let input = validate_record(form).map_err(RecordError::Invalid)?;
    let record = NewRecord {
        beneficiary_id: beneficiary.id,
        coach_id: appointment.coach_id,
        appointment_id: Some(appointment.id),
        occurred_at: appointment.starts_at,
        input,
    };
    repo.save_record(&record, clock.now_ts()).await?;
    Ok(beneficiary.public_id)
}

/// When a contact of local day `day` (YYYY-MM-DD, empty for today) took place: now for today,
/// noon for a past day; a day to come is refused.
fn contact_moment(clock: &dyn Clock, day: &str) -> Result<i64, FieldError> {
    let now = clock.now_ts();
    let invalid = FieldError { field: "date", key: "record-error-date" };
    if day.trim().is_empty() {
        return Ok(now);
    }
    let day = parse_day(day.trim(), "%Y-%m-%d").map_err(|_| invalid.clone())?;
    let today = local_date(now);
    if day > today {
        return Err(invalid);
    }
    if day == today { Ok(now) } else { local_instant(day, 12 * 60).ok_or(invalid) }
}

/// Writes the record of a contact without appointment (a phone call, a visit) by a coach
/// following the beneficiary; returns its public id.
pub async fn record_contact(
    repo: &(impl RecordRepo + TerritoryRepo),
    clock: &dyn Clock,
    actor: FollowUpActor<'_>,
    public_id: &str,
    form: &RecordForm,
    day: &str,
) -> Result<String, RecordError> {
    let (beneficiary, _, coach_ids) = readable(repo, actor, public_id).await?;
    let coach_id = actor.coach_id.filter(|_| can_record_contact(actor, &coach_ids)).ok_or(RecordError::NotFound)?;
    let moment = contact_moment(clock, day);
    let input = validate_record(form);
    let (occurred_at, input) = match (moment, input) {
        (Ok(at), Ok(input)) => (at, input),
        (moment, input) => {
            let mut errors = input.err().unwrap_or_default();
            errors.extend(moment.err());
            return Err(RecordError::Invalid(errors));
        }
    };
    let record = NewRecord { beneficiary_id: beneficiary.id, coach_id, appointment_id: None, occurred_at, input };
    repo.save_record(&record, clock.now_ts()).await?;
    Ok(beneficiary.public_id)
}

/// The coaches a readable follow-up may be shared with: the active coaches of its territory
/// (and the territories in it) who do not follow it yet.
pub async fn share_candidates(
    repo: &(impl RecordRepo + CoachRepo + TerritoryRepo),
    actor: FollowUpActor<'_>,
    public_id: &str,
) -> Result<(Beneficiary, Vec<Follower>, Vec<Coach>), RecordError> {
    let (beneficiary, followers, coach_ids) = readable(repo, actor, public_id).await?;
    let all = repo.list_territories().await?;
    let filter = CoachFilter { territory_ids: Some(with_descendants(&all, beneficiary.territory_id)), active_only: false };
    let coaches = repo.find_coaches(&filter).await?.into_iter().filter(|c| !coach_ids.contains(&c.id)).collect();
    Ok((beneficiary, followers, coaches))
}

/// Shares a follow-up with a coach of its territory (chosen by slug); false when they already
/// followed it. The person is not told; the timeline shows who shared it and when.
pub async fn share(
    repo: &(impl RecordRepo + CoachRepo + TerritoryRepo),
    clock: &dyn Clock,
    actor: FollowUpActor<'_>,
    public_id: &str,
    coach_slug: &str,
) -> Result<bool, RecordError> {
    let (beneficiary, followers, candidates) = share_candidates(repo, actor, public_id).await?;
    let coach_ids: Vec<i64> = followers.iter().map(|f| f.coach_id).collect();
    let ids = ancestry_ids(repo, beneficiary.territory_id).await?;
    if !can_share_follow_up(actor, &ids, &coach_ids) {
        return Err(RecordError::NotFound);
    }
    let slug = coach_slug.trim();
    let Some(coach) = candidates.iter().find(|c| c.slug == slug) else {
        // Either unknown, from elsewhere, or already following: say which kindly.
        let already = repo.coach_by_slug(slug).await?.is_some_and(|c| coach_ids.contains(&c.id));
        if already {
            return Ok(false);
        }
        return Err(RecordError::Invalid(vec![FieldError { field: "coach", key: "record-error-coach" }]));
    };
    Ok(repo.share_follow_up(beneficiary.id, coach.id, actor.user.id, clock.now_ts()).await?)
}

/// The beneficiaries a coach follows; `NotFound` for an account without a coach profile.
pub async fn my_beneficiaries(
    repo: &impl RecordRepo,
    actor: FollowUpActor<'_>,
    query: &str,
) -> Result<Vec<super::records::BeneficiarySummary>, RecordError> {
    let coach_id = actor.coach_id.ok_or(RecordError::NotFound)?;
    Ok(repo.beneficiaries_of_coach(coach_id, query.trim(), LIST_LIMIT).await?)
}

/// The beneficiaries of a territory (and those in it), for its managers.
pub async fn territory_beneficiaries(
    repo: &(impl RecordRepo + TerritoryRepo),
    actor: FollowUpActor<'_>,
    territory_id: i64,
    query: &str,
) -> Result<Vec<super::records::BeneficiarySummary>, RecordError> {
    let all = repo.list_territories().await?;
    let ids: Vec<i64> = ancestry(&all, territory_id).iter().map(|t| t.id).collect();
    if !steers_coaching(actor, &ids) {
        return Err(RecordError::Forbidden);
    }
    Ok(repo.beneficiaries_of_territories(&with_descendants(&all, territory_id), query.trim(), LIST_LIMIT).await?)
}

/// What the person sees of what is recorded about them, through the link of one of their
/// appointments (no account): their details, every appointment and every record, all coaches.
pub async fn person_copy(repo: &(impl RecordRepo + AppointmentRepo), public_id: &str, token: &str) -> Result<FollowUp, RecordError> {
    let appointment = repo.appointment_by_public_id(public_id).await?.ok_or(RecordError::TokenInvalid)?;
    if !manage_token_matches(&appointment.secret, token) {
        return Err(RecordError::TokenInvalid);
    }
    let beneficiary = repo.beneficiary_by_id(appointment.beneficiary_id).await?.ok_or(RecordError::TokenInvalid)?;
    let followers = repo.followers(beneficiary.id).await?;
    gather(repo, beneficiary, followers).await
}
