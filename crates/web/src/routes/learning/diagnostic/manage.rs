//! `GET|POST /territoires/{slug}/diagnostic` (the territory's managers and those above) and
//! `/diagnostic/plateforme` (platform admins): the questionnaire in use, the versions
//! published, and a form to publish the next version as a JSON document, validated with a
//! message per problem. Results keep the version they were taken with.

use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, render};
use crate::routes::events::staff::paris_datetime;
use crate::routes::territories::find;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::learning::diagnostic::{DiagnosticRepo, Questionnaire, StoredQuestionnaire, can_publish};
use tremplin_domain::territories::Territory;

/// Whose questionnaire: a territory's, or the platform's.
struct Scope {
    territory: Option<Territory>,
    path: String,
}

impl Scope {
    fn territory_id(&self) -> Option<i64> {
        self.territory.as_ref().map(|t| t.id)
    }
}

/// One published version.
pub struct VersionRow {
    /// Number.
    pub version: i64,
    /// Title.
    pub title: String,
    /// When, Europe/Paris.
    pub published_at: String,
    /// Questions.
    pub questions: usize,
}

#[derive(Template)]
#[template(path = "learning_diagnostic/manage.html")]
struct ManagePage {
    ctx: Ctx,
    territory: Option<Territory>,
    action: String,
    /// The version a diagnostic taken here uses now (possibly a parent's or the platform's).
    current: StoredQuestionnaire,
    /// Whose the current version is.
    current_owner: String,
    versions: Vec<VersionRow>,
    content: String,
    /// Problems of the document sent, as messages.
    problems: Vec<String>,
}

impl ManagePage {
    fn problem_count(&self) -> i64 {
        self.problems.len() as i64
    }
}

async fn scope_for(state: &AppState, user: &User, slug: Option<&str>) -> Result<Scope, AppError> {
    let Some(slug) = slug else {
        if !can_publish(user, &[], None) {
            return Err(AppError::Forbidden);
        }
        return Ok(Scope { territory: None, path: "/diagnostic/plateforme".into() });
    };
    let (territory, chain, _) = find(state, slug).await?;
    let ids: Vec<i64> = chain.iter().map(|t| t.id).collect();
    let grants = state.db.grants_of(user.id).await?;
    if !can_publish(user, &grants, Some(&ids)) {
        return Err(AppError::Forbidden);
    }
    Ok(Scope { path: format!("/territoires/{}/diagnostic", territory.slug), territory: Some(territory) })
}

async fn page(state: &AppState, ctx: Ctx, scope: Scope, content: Option<String>, problems: Vec<String>) -> Result<ManagePage, AppError> {
    let current = state.db.questionnaire_for(scope.territory_id()).await?;
    let current_owner = match (&current.territory_id, &scope.territory) {
        (None, _) => ctx.tr.t("diagnostic-manage-owner-platform"),
        (Some(id), Some(t)) if *id == t.id => t.name.clone(),
        (Some(_), _) => ctx.tr.t("diagnostic-manage-owner-parent"),
    };
    let versions = state
        .db
        .questionnaire_versions(scope.territory_id())
        .await?
        .into_iter()
        .map(|q| VersionRow {
            version: q.version,
            questions: q.content.questions().count(),
            title: q.content.title,
            published_at: if q.published_at > 0 { paris_datetime(q.published_at) } else { "—".into() },
        })
        .collect();
    // Prefilled with the version in use, so that a new version starts from it.
    let content = content.unwrap_or_else(|| serde_json::to_string_pretty(&current.content).unwrap_or_default());
    Ok(ManagePage {
        ctx: ctx.with_form().await?,
        territory: scope.territory,
        action: scope.path,
        current,
        current_owner,
        versions,
        content,
        problems,
    })
}

/// The form of a new version.
#[derive(Debug, Deserialize)]
pub struct PublishBody {
    #[serde(default)]
    content: String,
}

async fn publish(state: &AppState, ctx: Ctx, user: &User, scope: Scope, body: PublishBody) -> Result<Response, AppError> {
    match Questionnaire::parse(&body.content) {
        Ok(questionnaire) => {
            let published = state.db.publish_questionnaire(scope.territory_id(), &questionnaire, user.id, state.clock.now_ts()).await?;
            tracing::info!(user = user.id, territory = ?scope.territory_id(), version = published.version, "questionnaire published");
            flash::push(ctx.session(), "diagnostic-manage-published").await;
            Ok(Redirect::to(&scope.path).into_response())
        }
        Err(issues) => {
            let problems = issues.iter().map(|i| ctx.tr.args(i.key(), &i.args())).collect();
            let page = page(state, ctx, scope, Some(body.content), problems).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

/// A territory's questionnaire versions.
pub async fn territory_page(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let scope = scope_for(&state, &user, Some(&slug)).await?;
    Ok(render(StatusCode::OK, &page(&state, ctx, scope, None, Vec::new()).await?))
}

/// Publishes a territory's next version.
pub async fn territory_publish(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(body): Form<PublishBody>,
) -> Result<Response, AppError> {
    let scope = scope_for(&state, &user, Some(&slug)).await?;
    publish(&state, ctx, &user, scope, body).await
}

/// The platform's questionnaire versions.
pub async fn platform_page(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let scope = scope_for(&state, &user, None).await?;
    Ok(render(StatusCode::OK, &page(&state, ctx, scope, None, Vec::new()).await?))
}

/// Publishes the platform's next version.
pub async fn platform_publish(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Form(body): Form<PublishBody>,
) -> Result<Response, AppError> {
    let scope = scope_for(&state, &user, None).await?;
    publish(&state, ctx, &user, scope, body).await
}
