//! `/pilotage/objectifs?territoire=SLUG`: a territory's targets with their progress, a form to
//! add one (or replace the one with the same indicator and end date) and deletion after a
//! confirmation page. Targets are the territory's own: a parent's target counts the parent's
//! whole area, so it is shown on the parent's dashboard only.

use super::access::{Scope, resolve};
use super::view::{Table, targets_table};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::events::staff::private;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::User;
use tremplin_domain::coaching::slots::local_date;
use tremplin_domain::stats::dashboard::history_metrics;
use tremplin_domain::stats::targets::{Indicator, Target, TargetForm, progress, validate};
use tremplin_domain::stats::{Month, StatsRepo};
use tremplin_store::stats;

/// The query string.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Params {
    /// Territory slug.
    pub territoire: Option<String>,
}

#[derive(Template)]
#[template(path = "stats_dashboard/targets.html")]
struct TargetsPage {
    ctx: Ctx,
    scope: Scope,
    table: Table,
    targets: Vec<Target>,
    indicators: Vec<(String, String)>,
    form: TargetForm,
    errors: FormErrors,
}

async fn page(state: &AppState, ctx: Ctx, scope: Scope, form: Option<TargetForm>, errors: FormErrors) -> Result<TargetsPage, AppError> {
    let now = state.clock.now_ts();
    let today = local_date(now);
    let (targets, table) = match &scope.territory {
        Some(territory) => {
            stats::settle(&state.db, now).await?;
            let targets = state.db.targets(territory.id).await?;
            let history = stats::history(&state.db, territory.id, &history_metrics(), &Month::of(now).to_string()).await?;
            let progress: Vec<_> = targets.iter().map(|t| progress(t, &t.indicator.monthly(&history), today)).collect();
            (targets, targets_table(&ctx.tr, &progress))
        }
        None => (Vec::new(), targets_table(&ctx.tr, &[])),
    };
    let indicators = Indicator::ALL
        .iter()
        .map(|i| (i.as_str().to_owned(), ctx.tr.t(&format!("target-indicator-{}", i.as_str().replace('_', "-")))))
        .collect();
    let form = form.unwrap_or_else(|| TargetForm { starts_on: today.to_string(), ..TargetForm::default() });
    Ok(TargetsPage { ctx: ctx.with_form().await?, scope, table, targets, indicators, form, errors })
}

async fn scope(state: &AppState, user: &User, params: &Params) -> Result<Scope, AppError> {
    resolve(state, user, params.territoire.as_deref()).await
}

fn back(scope: &Scope) -> String {
    format!("/pilotage/objectifs?territoire={}", crate::auth::urlencode(scope.slug()))
}

/// The page.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user, &params).await?;
    let page = page(&state, ctx, scope, None, FormErrors::default()).await?;
    Ok(private(render(StatusCode::OK, &page)))
}

/// Saves a target.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(params): Query<Params>,
    Form(form): Form<FormFields>,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user, &params).await?;
    let Some(territory) = scope.territory.clone() else { return Err(AppError::BadRequest("target-error-territory")) };
    let form = TargetForm { indicator: form.indicator, value: form.value, starts_on: form.starts_on, ends_on: form.ends_on };
    match validate(&form) {
        Ok(input) => {
            state.db.save_target(territory.id, &input, user.id, state.clock.now_ts()).await?;
            flash::push(ctx.session(), "target-saved").await;
            Ok(Redirect::to(&back(&scope)).into_response())
        }
        Err(errors) => {
            let page = page(&state, ctx, scope, Some(form), FormErrors(errors)).await?;
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
    }
}

/// The fields of the form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FormFields {
    #[serde(default)]
    indicator: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
}

#[derive(Template)]
#[template(path = "stats_dashboard/delete_target.html")]
struct DeletePage {
    ctx: Ctx,
    scope: Scope,
    target: Target,
    question: String,
}

async fn find(state: &AppState, scope: &Scope, id: i64) -> Result<Target, AppError> {
    let territory = scope.territory.as_ref().ok_or(AppError::NotFound)?;
    state.db.targets(territory.id).await?.into_iter().find(|t| t.id == id).ok_or(AppError::NotFound)
}

/// Asks to confirm a deletion.
pub async fn confirm_delete(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user, &params).await?;
    let target = find(&state, &scope, id).await?;
    let label = ctx.tr.t(&format!("target-indicator-{}", target.indicator.as_str().replace('_', "-")));
    let question = ctx.tr.args(
        "targets-delete-question",
        &[("indicator", label), ("value", ctx.tr.number(target.value)), ("date", target.ends_on.to_string())],
    );
    let page = DeletePage { ctx: ctx.with_form().await?, scope, target, question };
    Ok(private(render(StatusCode::OK, &page)))
}

/// Deletes a target.
pub async fn delete(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user, &params).await?;
    let target = find(&state, &scope, id).await?;
    state.db.delete_target(target.territory_id, target.id).await?;
    flash::push(ctx.session(), "target-deleted").await;
    Ok(Redirect::to(&back(&scope)).into_response())
}
