//! `/espace-coach/disponibilites`: a coach's weekly hours and booking rules (one form), their
//! exceptions (add a closure or an opening, remove one), and a preview of the next free
//! slots. Managers act on a coach of their territories with `?coach={slug}`.

use super::access::{CoachParam, existing, suffix};
use super::availability_form::{HoursFields, minute_text};
use super::exception_form::ExceptionFields;
use super::search::coach_slots;
use super::view::slot_label;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::User;
use tremplin_domain::coaching::slots::local_date;
use tremplin_domain::coaching::{Availability, AvailabilityException, Coach, CoachProfile, CoachRepo, ExceptionKind};

/// The availability page.
pub const AVAILABILITY_PATH: &str = "/espace-coach/disponibilites";
/// Free slots shown in the preview.
const PREVIEW: usize = 8;
/// Days the preview looks ahead.
const PREVIEW_DAYS: i64 = 28;

/// An exception as listed.
pub struct ExceptionRow {
    /// Id (for the remove button).
    pub id: i64,
    /// "Fermé", "Ouverture exceptionnelle".
    pub kind: String,
    /// "2026-12-21 → 2027-01-03", "09:00–12:00" or "toute la journée".
    pub when: String,
    /// Note.
    pub note: String,
}

#[derive(Template)]
#[template(path = "coaching_finder/availability.html")]
struct AvailabilityPage {
    ctx: Ctx,
    coach: Coach,
    suffix: String,
    hours: HoursFields,
    hours_errors: FormErrors,
    exception: ExceptionFields,
    exception_errors: FormErrors,
    exceptions: Vec<ExceptionRow>,
    preview: Vec<String>,
}

impl AvailabilityPage {
    fn weekday(&self, weekday: &u8) -> String {
        self.ctx.tr.t(&format!("weekday-{weekday}"))
    }
    fn span_label(&self, weekday: &u8, index: &usize) -> String {
        self.ctx.tr.args("coach-edit-hours-span", &[("day", self.weekday(weekday)), ("n", (index + 1).to_string())])
    }
}

/// The profile of a coach as it stands, to rewrite it with other rules.
fn profile_of(coach: &Coach) -> CoachProfile {
    CoachProfile {
        display_name: coach.display_name.clone(),
        structure_kind: coach.structure_kind,
        structure_name: coach.structure_name.clone(),
        presentation: coach.presentation.clone(),
        themes: coach.themes.clone(),
        languages: coach.languages.clone(),
        audiences: coach.audiences.clone(),
        zone_communes: coach.zone_communes.clone(),
        zone_radius_km: coach.zone_radius_km,
        base_insee: coach.base_insee.clone(),
        base_address: coach.base_address.clone(),
        latitude: coach.latitude,
        longitude: coach.longitude,
        modalities: coach.modalities.clone(),
        accessibility: coach.accessibility.clone(),
        rules: coach.rules,
        active: coach.active,
    }
}

async fn availability_of(state: &AppState, coach: &Coach) -> Result<Availability, AppError> {
    let today = local_date(state.clock.now_ts()).format("%Y-%m-%d").to_string();
    Ok(state.db.availabilities(&[coach], &today).await?.remove(&coach.id).unwrap_or_default())
}

fn rows(ctx: &Ctx, exceptions: &[AvailabilityException]) -> Vec<ExceptionRow> {
    let tr = &ctx.tr;
    exceptions
        .iter()
        .map(|e| {
            let days = if e.first_day == e.last_day { e.first_day.to_string() } else { format!("{} → {}", e.first_day, e.last_day) };
            let hours = match e.minutes {
                Some((s, t)) => format!("{}–{}", minute_text(s), minute_text(t)),
                None => tr.t("coach-edit-exception-whole-day"),
            };
            let kind = match e.kind {
                ExceptionKind::Closed => tr.t("coach-edit-exception-closed"),
                ExceptionKind::Open => tr.t("coach-edit-exception-open"),
            };
            ExceptionRow { id: e.id, kind, when: format!("{days}, {hours}"), note: e.note.clone() }
        })
        .collect()
}

async fn page(
    state: &AppState,
    ctx: Ctx,
    user: &User,
    coach: Coach,
    hours: Option<(HoursFields, FormErrors)>,
    exception: Option<(ExceptionFields, FormErrors)>,
) -> Result<AvailabilityPage, AppError> {
    let availability = availability_of(state, &coach).await?;
    let now = state.clock.now_ts();
    let preview = coach_slots(state, &coach, now, now, now + PREVIEW_DAYS * 86_400).await?;
    let preview = preview.iter().take(PREVIEW).map(|s| slot_label(&ctx.tr, s)).collect();
    let (hours, hours_errors) = hours.unwrap_or_else(|| (HoursFields::of(&availability), FormErrors::default()));
    let (exception, exception_errors) =
        exception.unwrap_or_else(|| (ExceptionFields { kind: "closed".into(), ..ExceptionFields::default() }, FormErrors::default()));
    Ok(AvailabilityPage {
        exceptions: rows(&ctx, &availability.exceptions),
        ctx: ctx.with_form().await?,
        suffix: suffix(user, &coach),
        coach,
        hours,
        hours_errors,
        exception,
        exception_errors,
        preview,
    })
}

fn back(user: &User, coach: &Coach) -> String {
    format!("{AVAILABILITY_PATH}{}", suffix(user, coach))
}

/// The page.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(param): Query<CoachParam>,
) -> Result<Response, AppError> {
    let coach = existing(&state, &user, param.slug()).await?;
    Ok(ok(&page(&state, ctx, &user, coach, None, None).await?))
}

/// Saves the weekly hours and the booking rules.
pub async fn save_hours(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(param): Query<CoachParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let coach = existing(&state, &user, param.slug()).await?;
    let fields = HoursFields::from_pairs(&pairs);
    let (hours, rules) = match fields.parse() {
        Ok(parsed) => parsed,
        Err(errors) => {
            let page = page(&state, ctx, &user, coach, Some((fields, FormErrors(errors))), None).await?;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let now = state.clock.now_ts();
    state.db.set_weekly_hours(coach.id, &hours, now).await?;
    state.db.update_coach(coach.id, &CoachProfile { rules, ..profile_of(&coach) }, now).await?;
    flash::push(ctx.session(), "coach-edit-hours-saved").await;
    Ok(Redirect::to(&back(&user, &coach)).into_response())
}

/// Adds an exception.
pub async fn add_exception(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(param): Query<CoachParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let coach = existing(&state, &user, param.slug()).await?;
    let fields = ExceptionFields::from_pairs(&pairs);
    match fields.parse() {
        Ok(exception) => {
            state.db.add_exception(coach.id, &exception, state.clock.now_ts()).await?;
            flash::push(ctx.session(), "coach-edit-exception-added").await;
            Ok(Redirect::to(&back(&user, &coach)).into_response())
        }
        Err(errors) => {
            let page = page(&state, ctx, &user, coach, None, Some((fields, FormErrors(errors)))).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

/// Removes an exception of this coach (404 for another's).
pub async fn remove_exception(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(param): Query<CoachParam>,
) -> Result<Response, AppError> {
    let coach = existing(&state, &user, param.slug()).await?;
    if !state.db.remove_exception(coach.id, id).await? {
        return Err(AppError::NotFound);
    }
    flash::push(ctx.session(), "coach-edit-exception-removed").await;
    Ok(Redirect::to(&back(&user, &coach)).into_response())
}
