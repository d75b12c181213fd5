//! What the staff pages of workshops share: finding a session and checking that the user
//! may run it (staff of its territory or an enclosing one, platform admins, its trainers),
//! and times written in Europe/Paris.

use crate::error::AppError;
use crate::state::AppState;
use chrono::DateTime;
use chrono_tz::Europe::Paris;
use tremplin_domain::accounts::{AccountRepo, Grant, User};
use tremplin_domain::events::policy::{can_create_events, can_run_event, can_steer_events};
use tremplin_domain::events::{Event, EventRepo, RegistrationRepo};
use tremplin_domain::territories::{Territory, TerritoryRepo, ancestry};

/// The user's grants and the ids of a territory's ancestry (outermost first, itself last).
pub async fn grants_and_ancestry(state: &AppState, user: &User, territory_id: i64) -> Result<(Vec<Grant>, Vec<i64>), AppError> {
    let all = state.db.list_territories().await?;
    let ids = ancestry(&all, territory_id).iter().map(|t| t.id).collect();
    Ok((state.db.grants_of(user.id).await?, ids))
}

/// A session the user may run (see the registrants, check in, change the capacity), or
/// 404 when unknown and 403 when not allowed.
pub async fn session_for_staff(state: &AppState, user: &User, slug: &str) -> Result<(Event, bool), AppError> {
    let event = state.db.event_by_slug(slug).await?.ok_or(AppError::NotFound)?;
    let (grants, ids) = grants_and_ancestry(state, user, event.territory_id).await?;
    if !can_run_event(user, &grants, &ids, &event) {
        return Err(AppError::Forbidden);
    }
    let steers = can_steer_events(user, &grants, &ids);
    Ok((event, steers))
}

/// Whether the user may run this session (no error: for pages that show something else
/// to others).
pub async fn may_run(state: &AppState, user: &User, event: &Event) -> Result<bool, AppError> {
    let (grants, ids) = grants_and_ancestry(state, user, event.territory_id).await?;
    Ok(can_run_event(user, &grants, &ids, event))
}

/// Whether the user may create sessions in the territory.
pub async fn may_create(state: &AppState, user: &User, territory: &Territory) -> Result<bool, AppError> {
    let (grants, ids) = grants_and_ancestry(state, user, territory.id).await?;
    Ok(can_create_events(user, &grants, &ids))
}

/// Whether the user steers the territory's workshops (staff).
pub async fn may_steer(state: &AppState, user: &User, territory: &Territory) -> Result<bool, AppError> {
    let (grants, ids) = grants_and_ancestry(state, user, territory.id).await?;
    Ok(can_steer_events(user, &grants, &ids))
}

/// A registration of this session by public id, or 404 (also when it belongs to another).
pub async fn registration_of(state: &AppState, event: &Event, public_id: &str) -> Result<tremplin_domain::events::Registration, AppError> {
    match state.db.registration_by_public_id(public_id).await? {
        Some(r) if r.event_id == event.id => Ok(r),
        _ => Err(AppError::NotFound),
    }
}

/// `2026-12-03 14:00` in Europe/Paris.
pub fn paris_datetime(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).map(|d| d.with_timezone(&Paris).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
}

/// `14:00` in Europe/Paris.
pub fn paris_time(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).map(|d| d.with_timezone(&Paris).format("%H:%M").to_string()).unwrap_or_default()
}

/// "2026-12-03 14:00–16:00": a session's date and hours.
pub fn when(event: &Event) -> String {
    format!("{}–{}", paris_datetime(event.starts_at), paris_time(event.ends_at))
}

/// The staff page of a session.
pub fn gestion_path(slug: &str) -> String {
    format!("/ateliers/{slug}/gestion")
}

/// Writes in the staff access log that `user` is shown these registrants of a session (one
/// row per person; the user's own registration is left out).
pub async fn log_access(
    state: &AppState,
    user: &User,
    event: &Event,
    kind: tremplin_domain::privacy::AccessKind,
    registrations: &[&tremplin_domain::events::Registration],
) -> Result<(), AppError> {
    let subjects: Vec<tremplin_domain::privacy::Subject> =
        registrations.iter().map(|r| tremplin_domain::privacy::Subject::by_email(r.email.as_deref(), &r.name)).collect();
    crate::routes::privacy::staff::log::record(state, user, event.territory_id, kind, &event.slug, &subjects).await
}

/// Marks a page holding registrants' details as never to be stored by a cache (a shared
/// computer at the door, a proxy).
pub fn private(mut response: axum::response::Response) -> axum::response::Response {
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-store"));
    response
}

/// The label of a theme, audience or level (`kind` = `theme`, `audience`, `level`): the
/// public side's `event-<kind>-<slug>` message, or the slug itself while that message is
/// missing.
pub fn vocabulary_label(tr: &crate::i18n::Tr, kind: &str, slug: &str) -> String {
    let key = format!("event-{kind}-{slug}");
    match tr.t(&key) {
        text if text == key => slug.to_owned(),
        text => text,
    }
}
