//! `GET /espace-coach/beneficiaires/{public_id}`: a beneficiary's follow-up — who, the coaches
//! following it (and who shared it with them), then every appointment and record, newest
//! first. Only its coaches and the managers over its territory see it; others get 404.

use super::labels::Labels;
use super::{ActorData, private};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Ctx, ok};
use crate::routes::privacy::staff::log::record as record_read;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::coaching::follow_up::{follow_up, may_record_contact};
use tremplin_domain::coaching::records::{AppointmentLine, FollowUp};
use tremplin_domain::coaching::{Accompaniment, AppointmentStatus};
use tremplin_domain::privacy::{AccessKind, Subject};

/// One line of a timeline: an appointment or a record.
pub struct Entry {
    /// When (start of the appointment, or of the accompaniment).
    pub at: i64,
    /// The appointment, for an appointment line.
    pub appointment: Option<AppointmentLine>,
    /// The record, for a record line.
    pub record: Option<Accompaniment>,
    /// Link to write or edit the appointment's record, for its coach once it started.
    pub record_link: Option<String>,
    /// Whether the appointment already has its record.
    pub recorded: bool,
}

/// The lines of a follow-up, newest first. `coach_id` is the reader's coach profile: their
/// own past appointments get a link to their record.
pub fn entries(follow_up: &FollowUp, coach_id: Option<i64>, now: i64) -> Vec<Entry> {
    let recorded: Vec<i64> = follow_up.records.iter().filter_map(|r| r.appointment_id).collect();
    let mut lines: Vec<Entry> = follow_up
        .appointments
        .iter()
        .map(|line| {
            let a = &line.appointment;
            let open = coach_id == Some(a.coach_id) && a.status == AppointmentStatus::Booked && a.starts_at <= now;
            Entry {
                at: a.starts_at,
                record_link: open.then(|| format!("/espace-coach/rendez-vous/{}/compte-rendu", a.public_id)),
                recorded: recorded.contains(&a.id),
                appointment: Some(line.clone()),
                record: None,
            }
        })
        .collect();
    lines.extend(follow_up.records.iter().map(|r| Entry {
        at: r.occurred_at,
        appointment: None,
        record: Some(r.clone()),
        record_link: None,
        recorded: true,
    }));
    // Newest first; at one instant, the record after (above) its appointment.
    lines.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.record.is_some().cmp(&a.record.is_some())));
    lines
}

#[derive(Template)]
#[template(path = "coaching_records/timeline.html")]
struct TimelinePage {
    ctx: Ctx,
    follow_up: FollowUp,
    entries: Vec<Entry>,
    may_record: bool,
    is_coach: bool,
}

impl Labels for TimelinePage {
    fn tr(&self) -> &Tr {
        &self.ctx.tr
    }
}

impl TimelinePage {
    fn kind(&self) -> String {
        self.ctx.tr.t(&format!("record-kind-{}", self.follow_up.beneficiary.kind.as_str()))
    }

    fn reason(&self, reason: &str) -> String {
        self.ctx.tr.t(&format!("record-reason-{reason}"))
    }
}

/// The timeline.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
) -> Result<Response, AppError> {
    let data = ActorData::of(&state, user).await?;
    let follow_up = follow_up(&state.db, data.actor(), &public_id).await?;
    // Who read whose follow-up is logged, never what it holds.
    let b = &follow_up.beneficiary;
    let subject = Subject::by_email(b.email.as_deref(), &b.name);
    record_read(&state, &data.user, b.territory_id, AccessKind::FollowUp, &public_id, &[subject]).await?;
    let may_record = may_record_contact(data.actor(), &follow_up);
    let coach_id = data.coach.as_ref().map(|c| c.id);
    let entries = entries(&follow_up, coach_id, state.clock.now_ts());
    Ok(private(ok(&TimelinePage { ctx, follow_up, entries, may_record, is_coach: coach_id.is_some() })))
}
