//! iCalendar files of appointments: `GET /rendez-vous/{public_id}/{token}/agenda.ics` (the
//! person's, with the same UID and SEQUENCE as their invitation) and the coach's private feed
//! `GET /coachs/{slug}/agenda-prive.ics?cle={secret}` (booked appointments from 30 days back
//! to the coach's horizon; a wrong key is a 404 like an unknown coach). `POST
//! /espace-coach/agenda-prive/renouveler` gives the feed a new key.

use super::agenda::agenda_coach;
use super::person::find;
use super::{link_invalid, modality_label, refusal};
use crate::error::AppError;
use crate::flash;
use crate::pages::Ctx;
use crate::routes::events::calendar::ics_response;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::coaching::manage::{AppointmentManageRepo, feed_key_matches, renew_feed_secret};
use tremplin_domain::coaching::tokens::appointment_path;
use tremplin_domain::coaching::{Appointment, AppointmentStatus, Beneficiary, Coach, CoachRepo};
use tremplin_interchange::icalendar::{Calendar, CalendarEvent, Method, write_calendar};
use tremplin_mail::appointments::{AppointmentEvent, appointment_uid, calendar_event};

/// How far back the feed goes.
const FEED_PAST_SECS: i64 = 30 * 86_400;
/// Personal data: never kept by a shared cache.
const PRIVATE_CACHE: &str = "private, no-store";

/// The person's calendar file.
pub async fn person_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((public_id, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let Some((appointment, coach, _)) = find(&state, &public_id, &token).await? else { return Ok(link_invalid(ctx)) };
    let base = state.config.base_url.trim_end_matches('/');
    let place = tremplin_domain::coaching::mail::place_line(&coach, appointment.modality);
    let event = AppointmentEvent {
        public_id: &appointment.public_id,
        coach_name: &coach.display_name,
        structure: &coach.structure_name,
        modality: appointment.modality.as_str(),
        place: &place,
        need: &appointment.need,
        starts_at: appointment.starts_at,
        ends_at: appointment.ends_at,
        sequence: appointment.sequence,
        cancelled: appointment.status == AppointmentStatus::Cancelled,
        url: format!("{base}{}", appointment_path(&appointment.public_id, &appointment.secret)),
    };
    let calendar = Calendar {
        method: Method::Publish,
        name: None,
        stamp: state.clock.now_ts(),
        events: vec![calendar_event(&event, base, ctx.is_fr())],
    };
    Ok(ics_response(write_calendar(&calendar), PRIVATE_CACHE, "attachment; filename=\"rendez-vous.ics\"".into()))
}

/// The key of the private feed.
#[derive(Debug, Deserialize)]
pub struct FeedQuery {
    /// The feed's secret.
    #[serde(default)]
    cle: String,
}

/// One appointment in the coach's feed: who, their contact, the need.
fn feed_event(ctx: &Ctx, coach: &Coach, appointment: &Appointment, person: &Beneficiary, base: &str) -> CalendarEvent {
    let who = if person.business.is_empty() { person.name.clone() } else { format!("{} ({})", person.name, person.business) };
    let contact: Vec<&str> = [person.email.as_deref(), person.phone.as_deref()].into_iter().flatten().collect();
    let how = modality_label(&ctx.tr, appointment.modality);
    let place = tremplin_domain::coaching::mail::place_line(coach, appointment.modality);
    CalendarEvent {
        uid: appointment_uid(&appointment.public_id, base),
        summary: format!("{} — {who}", ctx.tr.t("appointment-title")),
        description: format!("{how}\n{}\n\n{}", contact.join(" · "), appointment.need),
        location: if place.is_empty() { how } else { place },
        url: format!("{base}/espace-coach"),
        starts_at: appointment.starts_at,
        ends_at: appointment.ends_at,
        sequence: appointment.sequence,
        ..CalendarEvent::default()
    }
}

/// The coach's private feed.
pub async fn private_feed(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<FeedQuery>,
) -> Result<Response, AppError> {
    let coach = state.db.coach_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    if !feed_key_matches(&coach, &query.cle) {
        return Err(AppError::NotFound);
    }
    let now = state.clock.now_ts();
    let until = now + i64::from(coach.rules.horizon_days.max(1)) * 86_400;
    let appointments = state.db.coach_appointments(coach.id, now - FEED_PAST_SECS, until).await?;
    let base = state.config.base_url.trim_end_matches('/');
    let events = appointments
        .iter()
        .filter(|(a, _)| a.status == AppointmentStatus::Booked)
        .map(|(a, p)| feed_event(&ctx, &coach, a, p, base))
        .collect();
    let calendar = Calendar { method: Method::Publish, name: Some(format!("Tremplin — {}", coach.display_name)), stamp: now, events };
    Ok(ics_response(write_calendar(&calendar), PRIVATE_CACHE, "inline; filename=\"agenda.ics\"".into()))
}

/// Which coach's key to renew (a manager names them; a coach renews their own).
#[derive(Debug, Deserialize)]
pub struct RenewInput {
    /// The coach's slug (empty: the user's own profile).
    #[serde(default)]
    coach: String,
}

/// Renews the feed's key; back to the agenda.
pub async fn renew_key(State(state): State<AppState>, ctx: Ctx, Form(input): Form<RenewInput>) -> Result<Response, AppError> {
    let (coach, user, grants, ancestry) = agenda_coach(&state, &ctx, &input.coach).await?;
    renew_feed_secret(&state.db, state.clock.as_ref(), (&user, &grants, &ancestry), &coach).await.map_err(refusal)?;
    flash::push(ctx.session(), "coach-agenda-feed-renewed").await;
    let back = if input.coach.is_empty() { "/espace-coach".to_owned() } else { format!("/espace-coach?coach={}", coach.slug) };
    Ok(Redirect::to(&back).into_response())
}
