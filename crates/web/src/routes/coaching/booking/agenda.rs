//! `GET /espace-coach`: a coach's appointments — upcoming by day (name, business, contact,
//! modality, need), past ones (each linking to its report), cancelled ones — with the private
//! calendar feed. Managers of the territory see a coach's with `?coach={slug}`. `POST
//! /espace-coach/rendez-vous/{public_id}/annuler` cancels an upcoming one with a reason, sent
//! to the person.

use super::calendar_links::{feed_url, webcal_url};
use super::person::private;
use super::{modality_label, refusal, when};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::events::staff::grants_and_ancestry;
use crate::routes::events::view::{day_key, day_label};
use crate::routes::privacy::staff::log::record_many;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::{Grant, User};
use tremplin_domain::coaching::manage::{AppointmentManageRepo, can_change, can_view_agenda, cancel_by_coach};
use tremplin_domain::coaching::{Appointment, AppointmentRepo, AppointmentStatus, Beneficiary, Coach, CoachRepo, CoachingError};
use tremplin_domain::privacy::{AccessKind, Subject};

/// How far back the agenda shows past appointments.
const PAST_SECS: i64 = 90 * 86_400;
/// How far ahead it looks (beyond any coach's horizon).
const AHEAD_SECS: i64 = 400 * 86_400;

/// One appointment as the agenda shows it.
pub struct AgendaItem {
    /// Public id.
    pub public_id: String,
    /// "jeudi 03/12/2026, 14:00–15:00".
    pub when: String,
    /// Name, and business after a dash.
    pub who: String,
    /// E-mail and phone.
    pub contact: String,
    /// How it takes place.
    pub how: String,
    /// The need.
    pub need: String,
    /// Who cancelled (`person`, `coach`), for cancelled ones.
    pub cancelled_by: String,
}

/// Upcoming appointments of one local day.
pub struct AgendaDay {
    /// The day, written out.
    pub label: String,
    /// Its appointments.
    pub items: Vec<AgendaItem>,
}

#[derive(Template)]
#[template(path = "coaching_booking/agenda.html")]
struct AgendaPage {
    ctx: Ctx,
    /// `None`: the user has no coach profile (and named none).
    coach: Option<Coach>,
    /// Seen by a manager rather than the coach.
    managed: bool,
    upcoming: Vec<AgendaDay>,
    past: Vec<AgendaItem>,
    cancelled: Vec<AgendaItem>,
    feed: String,
    webcal: String,
    /// The appointment whose cancellation form is wrong, with its errors and reason.
    failed: Option<(String, FormErrors, String)>,
}

impl AgendaPage {
    fn errors_for(&self, public_id: &str) -> Option<&FormErrors> {
        self.failed.as_ref().filter(|(id, _, _)| id == public_id).map(|(_, errors, _)| errors)
    }
    fn reason_for(&self, public_id: &str) -> &str {
        self.failed.as_ref().filter(|(id, _, _)| id == public_id).map(|(_, _, r)| r.as_str()).unwrap_or_default()
    }
    fn cancelled_by(&self, by: &str) -> String {
        let who = self.ctx.tr.t(if by == "coach" { "coach-agenda-by-coach" } else { "coach-agenda-by-person" });
        self.ctx.tr.t1("coach-agenda-cancelled-by", "who", who)
    }
    fn coach_query(&self) -> String {
        match (&self.coach, self.managed) {
            (Some(coach), true) => coach.slug.clone(),
            _ => String::new(),
        }
    }
}

/// The coach whose agenda is asked for (`slug`, or the user's own profile), with the user's
/// grants and the ancestry of the coach's territory; 403 when the user may not see it, 404
/// when there is no such coach.
pub async fn agenda_coach(state: &AppState, ctx: &Ctx, slug: &str) -> Result<(Coach, User, Vec<Grant>, Vec<i64>), AppError> {
    let user = ctx.user.clone().ok_or(AppError::Forbidden)?;
    let coach = if slug.is_empty() { state.db.coach_by_user(user.id).await? } else { state.db.coach_by_slug(slug).await? };
    let coach = coach.ok_or(AppError::NotFound)?;
    let (grants, ancestry) = grants_and_ancestry(state, &user, coach.territory_id).await?;
    if !can_view_agenda(&user, &grants, &ancestry, &coach) {
        return Err(AppError::Forbidden);
    }
    Ok((coach, user, grants, ancestry))
}

fn item(ctx: &Ctx, appointment: &Appointment, person: &Beneficiary, cancelled_by: String) -> AgendaItem {
    let who = if person.business.is_empty() { person.name.clone() } else { format!("{} — {}", person.name, person.business) };
    let contact: Vec<&str> = [person.email.as_deref(), person.phone.as_deref()].into_iter().flatten().collect();
    AgendaItem {
        public_id: appointment.public_id.clone(),
        when: when(&ctx.tr, appointment.starts_at, appointment.ends_at),
        who,
        contact: contact.join(" · "),
        how: modality_label(&ctx.tr, appointment.modality),
        need: appointment.need.clone(),
        cancelled_by,
    }
}

async fn agenda_page(state: &AppState, ctx: Ctx, slug: &str) -> Result<AgendaPage, AppError> {
    let ctx = ctx.with_form().await?;
    let user = ctx.user.clone().ok_or(AppError::Forbidden)?;
    if slug.is_empty() && state.db.coach_by_user(user.id).await?.is_none() {
        let (upcoming, past, cancelled) = (Vec::new(), Vec::new(), Vec::new());
        return Ok(AgendaPage {
            ctx,
            coach: None,
            managed: false,
            upcoming,
            past,
            cancelled,
            feed: String::new(),
            webcal: String::new(),
            failed: None,
        });
    }
    let (coach, user, _, _) = agenda_coach(state, &ctx, slug).await?;
    let now = state.clock.now_ts();
    let all = state.db.coach_appointments(coach.id, now - PAST_SECS, now + AHEAD_SECS).await?;
    let (mut upcoming, mut past, mut cancelled): (Vec<AgendaDay>, Vec<AgendaItem>, Vec<AgendaItem>) = (Vec::new(), Vec::new(), Vec::new());
    let cancelled_ids: Vec<i64> = all.iter().filter(|(a, _)| a.status == AppointmentStatus::Cancelled).map(|(a, _)| a.id).collect();
    let mut cancelled_by = state.db.cancelled_by(&cancelled_ids).await?;
    let mut last_day = String::new();
    for (appointment, person) in &all {
        if appointment.status == AppointmentStatus::Cancelled {
            let by = cancelled_by.remove(&appointment.id).unwrap_or_default();
            cancelled.push(item(&ctx, appointment, person, by));
        } else if can_change(appointment, now) {
            let key = day_key(appointment.starts_at);
            if key != last_day {
                upcoming.push(AgendaDay { label: day_label(&ctx.tr, appointment.starts_at), items: Vec::new() });
                last_day = key;
            }
            if let Some(day) = upcoming.last_mut() {
                day.items.push(item(&ctx, appointment, person, String::new()));
            }
        } else {
            past.push(item(&ctx, appointment, person, String::new()));
        }
    }
    // The people on the agenda, for the access log (a manager reading a coach's agenda, or the
    // coach their own bookings: the data is the people's).
    let subjects = all.iter().map(|(_, p)| (p.territory_id, Subject::by_email(p.email.as_deref(), &p.name)));
    record_many(state, &user, AccessKind::Appointments, &coach.slug, subjects).await?;
    // The most recent first.
    past.reverse();
    cancelled.reverse();
    let path = format!("/coachs/{}/agenda-prive.ics?cle={}", coach.slug, coach.feed_secret);
    let (feed, webcal) = (feed_url(&state.config.base_url, &path), webcal_url(&state.config.base_url, &path));
    let managed = coach.user_id != user.id;
    Ok(AgendaPage { ctx, coach: Some(coach), managed, upcoming, past, cancelled, feed, webcal, failed: None })
}

/// The coach named, for managers.
#[derive(Debug, Deserialize)]
pub struct AgendaQuery {
    /// A coach's slug.
    #[serde(default)]
    coach: String,
}

/// The agenda.
pub async fn show(
    State(state): State<AppState>,
    _user: RequireUser,
    ctx: Ctx,
    Query(query): Query<AgendaQuery>,
) -> Result<Response, AppError> {
    let page = agenda_page(&state, ctx, &query.coach).await?;
    Ok(private(render(StatusCode::OK, &page)))
}

/// The reason typed.
#[derive(Debug, Deserialize)]
pub struct CancelInput {
    /// Why the coach cancels.
    #[serde(default)]
    reason: String,
}

/// The coach (or a manager) cancels an upcoming appointment with a reason.
pub async fn cancel(
    State(state): State<AppState>,
    _user: RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
    Form(input): Form<CancelInput>,
) -> Result<Response, AppError> {
    let appointment = state.db.appointment_by_public_id(&public_id).await?.ok_or(AppError::NotFound)?;
    let coach = state.db.coach_by_id(appointment.coach_id).await?.ok_or(AppError::NotFound)?;
    let (coach, user, grants, ancestry) = agenda_coach(&state, &ctx, &coach.slug).await?;
    let slug = if coach.user_id == user.id { String::new() } else { coach.slug.clone() };
    let back = if slug.is_empty() { "/espace-coach".to_owned() } else { format!("/espace-coach?coach={slug}") };
    match cancel_by_coach(&state.db, state.clock.as_ref(), (&user, &grants, &ancestry), &coach, &appointment, &input.reason).await {
        Ok(_) => flash::push(ctx.session(), "coach-agenda-flash-cancelled").await,
        Err(CoachingError::AppointmentClosed) => flash::push(ctx.session(), "appointment-flash-closed").await,
        Err(CoachingError::Invalid(errors)) => {
            let mut page = agenda_page(&state, ctx, &slug).await?;
            page.failed = Some((public_id, FormErrors(errors), input.reason));
            return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)));
        }
        Err(other) => return Err(refusal(other)),
    }
    Ok(Redirect::to(&back).into_response())
}
