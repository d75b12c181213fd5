//! `GET /rendez-vous/{public_id}/{token}`: the person's own page (no account: the link of
//! their e-mail): when, with whom, where or how, the need; links to add it to a calendar,
//! move it, cancel it, and see what is recorded about them. `GET …/annuler` asks to confirm,
//! `POST …/annuler` cancels (until the appointment starts). A wrong token gets the same page
//! as an unknown appointment.

use super::{link_invalid, place, refusal, when};
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, render};
use crate::routes::events::view::theme_label;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::coaching::manage::{AppointmentManageRepo, appointment_for_link, can_change, cancel_by_person};
use tremplin_domain::coaching::{Appointment, AppointmentStatus, Beneficiary, Coach, CoachingError};

/// The person's page.
#[derive(Template)]
#[template(path = "coaching_booking/appointment.html")]
struct AppointmentPage {
    ctx: Ctx,
    appointment: Appointment,
    coach: Coach,
    person: Beneficiary,
    /// `/rendez-vous/{public_id}/{token}`.
    base: String,
    /// Whether it can still be moved or cancelled.
    changeable: bool,
    /// Who cancelled it (`person`, `coach`), when it is cancelled.
    cancelled_by: String,
}

impl AppointmentPage {
    fn when(&self) -> String {
        when(&self.ctx.tr, self.appointment.starts_at, self.appointment.ends_at)
    }
    fn place(&self) -> String {
        place(&self.ctx.tr, &self.coach, &self.appointment)
    }
    fn themes(&self) -> String {
        self.appointment.themes.iter().map(|t| theme_label(&self.ctx.tr, t)).collect::<Vec<_>>().join(", ")
    }
    fn status_label(&self) -> String {
        self.ctx.tr.t(&format!("appointment-status-{}", self.appointment.status.as_str()))
    }
    fn is_cancelled(&self) -> bool {
        self.appointment.status == AppointmentStatus::Cancelled
    }
}

/// The confirmation asked before cancelling.
#[derive(Template)]
#[template(path = "coaching_booking/cancel.html")]
struct CancelPage {
    ctx: Ctx,
    base: String,
    when: String,
    coach_name: String,
}

/// The appointment behind a link, or `None` for a wrong or unknown one.
pub async fn find(state: &AppState, public_id: &str, token: &str) -> Result<Option<(Appointment, Coach, Beneficiary)>, AppError> {
    match appointment_for_link(&state.db, public_id, token).await {
        Ok(found) => Ok(Some(found)),
        Err(CoachingError::TokenInvalid | CoachingError::NotFound) => Ok(None),
        Err(other) => Err(refusal(other)),
    }
}

/// Who cancelled (`person`, `coach`), when it is cancelled.
async fn cancelled_by(state: &AppState, appointment: &Appointment) -> Result<String, AppError> {
    if appointment.status != AppointmentStatus::Cancelled {
        return Ok(String::new());
    }
    Ok(state.db.cancelled_by(&[appointment.id]).await?.remove(&appointment.id).unwrap_or_default())
}

/// The person's page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let Some((appointment, coach, person)) = find(&state, &public_id, &token).await? else { return Ok(link_invalid(ctx)) };
    let changeable = can_change(&appointment, state.clock.now_ts());
    let cancelled_by = cancelled_by(&state, &appointment).await?;
    let base = format!("/rendez-vous/{public_id}/{token}");
    let page = AppointmentPage { ctx, appointment, coach, person, base, changeable, cancelled_by };
    Ok(private(render(StatusCode::OK, &page)))
}

/// Asks to confirm the cancellation.
pub async fn confirm_cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((public_id, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let Some((appointment, coach, _)) = find(&state, &public_id, &token).await? else { return Ok(link_invalid(ctx)) };
    let base = format!("/rendez-vous/{public_id}/{token}");
    if !can_change(&appointment, state.clock.now_ts()) {
        flash::push(ctx.session(), "appointment-flash-closed").await;
        return Ok(Redirect::to(&base).into_response());
    }
    let when = when(&ctx.tr, appointment.starts_at, appointment.ends_at);
    let page = CancelPage { ctx: ctx.with_form().await?, base, when, coach_name: coach.display_name };
    Ok(private(render(StatusCode::OK, &page)))
}

/// Cancels; back to the page with a message.
pub async fn cancel(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((public_id, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let Some((appointment, coach, _)) = find(&state, &public_id, &token).await? else { return Ok(link_invalid(ctx)) };
    let key = match cancel_by_person(&state.db, state.clock.as_ref(), &coach, &appointment).await {
        Ok(_) => "appointment-flash-cancelled",
        Err(CoachingError::AppointmentClosed) => "appointment-flash-closed",
        Err(other) => return Err(refusal(other)),
    };
    flash::push(ctx.session(), key).await;
    Ok(Redirect::to(&format!("/rendez-vous/{public_id}/{token}")).into_response())
}

/// Marks a page holding a person's details as never to be stored by a cache.
pub fn private(mut response: Response) -> Response {
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-store"));
    response
}
