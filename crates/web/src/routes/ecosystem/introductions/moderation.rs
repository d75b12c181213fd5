//! `GET /territoires/{slug}/ecosysteme`: the open reports and the actors of a territory (and
//! the territories in it), for its managers and those above (`policy::can_moderate`); `POST`
//! to suspend an actor with a note (its pending requests are withdrawn), reinstate it, or
//! close a report. Managers of other territories and members get 403.

use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, ok};
use crate::routes::ecosystem::access::moderated_territory;
use crate::routes::ecosystem::labels;
use crate::routes::learning::passport::view::paris_day;
use crate::routes::privacy::staff::log::record_many;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::ecosystem::introductions::IntroRepo;
use tremplin_domain::ecosystem::reports::{OpenReport, ReportRepo};
use tremplin_domain::ecosystem::{Actor, ActorFilter, ActorRepo, ActorStatus};
use tremplin_domain::privacy::{AccessKind, Subject};
use tremplin_domain::territories::Territory;

#[derive(Template)]
#[template(path = "ecosystem_introductions/moderation.html")]
struct ModerationPage {
    ctx: Ctx,
    territory: Territory,
    reports: Vec<OpenReport>,
    actors: Vec<Actor>,
}

impl ModerationPage {
    fn reason(&self, report: &OpenReport) -> String {
        self.ctx.tr.t(&format!("eco-report-reason-{}", report.reason.as_str()))
    }
    fn status(&self, actor: &Actor) -> String {
        labels::status(&self.ctx.tr, actor.status)
    }
    fn kind(&self, actor: &Actor) -> String {
        labels::kind(&self.ctx.tr, actor.kind)
    }
    fn day(&self, ts: &i64) -> String {
        paris_day(*ts)
    }
    fn suspended(&self, actor: &Actor) -> bool {
        actor.status == ActorStatus::Suspended
    }
}

/// Back to the moderation page.
fn back(slug: &str) -> Response {
    Redirect::to(&format!("/territoires/{slug}/ecosysteme")).into_response()
}

/// The page.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (territory, ids) = moderated_territory(&state, &user, &slug).await?;
    let reports = state.db.open_reports(&ids).await?;
    // What is reported about an actor is personal data about the person behind it.
    let subjects = reports.iter().map(|r| (r.territory_id, Subject::by_email(None, &r.actor_name)));
    record_many(&state, &user, AccessKind::Reports, &territory.slug, subjects).await?;
    let actors = state.db.find_actors(&ActorFilter { territory_ids: Some(ids), ..ActorFilter::default() }).await?;
    Ok(super::access::private(ok(&ModerationPage { ctx: ctx.with_form().await?, territory, reports, actors })))
}

/// An actor of the moderated territories (404 otherwise).
async fn actor_in(state: &AppState, ids: &[i64], actor_slug: &str) -> Result<Actor, AppError> {
    state.db.actor_by_slug(actor_slug).await?.filter(|a| ids.contains(&a.territory_id)).ok_or(AppError::NotFound)
}

/// The suspension form.
#[derive(Debug, Deserialize)]
pub struct SuspendForm {
    #[serde(default)]
    note: String,
}

/// Suspends an actor.
pub async fn suspend(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, actor_slug)): Path<(String, String)>,
    Form(form): Form<SuspendForm>,
) -> Result<Response, AppError> {
    let (_, ids) = moderated_territory(&state, &user, &slug).await?;
    let actor = actor_in(&state, &ids, &actor_slug).await?;
    let note = form.note.trim();
    if note.is_empty() || note.chars().count() > 500 {
        return Err(AppError::BadRequest("eco-mod-error-note"));
    }
    state.db.suspend_actor(actor.id, note, state.clock.now_ts()).await?;
    flash::push(ctx.session(), "eco-mod-suspended").await;
    Ok(back(&slug))
}

/// Reinstates a suspended actor.
pub async fn reinstate(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, actor_slug)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, ids) = moderated_territory(&state, &user, &slug).await?;
    let actor = actor_in(&state, &ids, &actor_slug).await?;
    if actor.status == ActorStatus::Suspended {
        state.db.set_actor_status(actor.id, ActorStatus::Active, "", state.clock.now_ts()).await?;
    }
    flash::push(ctx.session(), "eco-mod-reinstated").await;
    Ok(back(&slug))
}

/// Closes a report.
pub async fn close(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let (_, ids) = moderated_territory(&state, &user, &slug).await?;
    if !state.db.open_reports(&ids).await?.iter().any(|r| r.id == id) {
        return Err(AppError::NotFound);
    }
    state.db.close_report(id, user.id, state.clock.now_ts()).await?;
    flash::push(ctx.session(), "eco-mod-closed").await;
    Ok(back(&slug))
}
