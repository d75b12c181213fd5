//! `GET|POST /territoires/{slug}/equipe` and `POST …/equipe/retirer`: the people holding a
//! role in a territory, for its admins and managers.

use super::find;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::routes::privacy::staff::log::record as record_read;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::{self, AccountError, AccountRepo, Acting, Grant, TeamMember, User};
use tremplin_domain::privacy::{AccessKind, Subject};
use tremplin_domain::territories::Territory;
use tremplin_kernel::Role;

#[derive(Template)]
#[template(path = "territories/team.html")]
struct TeamPage {
    ctx: Ctx,
    territory: Territory,
    members: Vec<TeamMember>,
    grantable: Vec<Role>,
    errors: FormErrors,
    email: String,
    role: String,
}

struct Scope {
    user: User,
    grants: Vec<Grant>,
    territory: Territory,
    ancestry_ids: Vec<i64>,
}

impl Scope {
    fn acting(&self) -> Acting<'_> {
        Acting { user: &self.user, grants: &self.grants, ancestry_ids: &self.ancestry_ids }
    }
}

async fn scope(state: &AppState, user: User, slug: &str) -> Result<Scope, AppError> {
    let (territory, chain, _) = find(state, slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    Ok(Scope { user, grants, territory, ancestry_ids: chain.iter().map(|t| t.id).collect() })
}

async fn page(state: &AppState, ctx: Ctx, scope: Scope, errors: FormErrors, email: String, role: String) -> Result<TeamPage, AppError> {
    let members = accounts::team(&state.db, scope.acting()).await?;
    let subjects: Vec<Subject> =
        members.iter().map(|m| Subject { user_id: Some(m.user_id), email: Some(m.email.clone()), label: m.display_name.clone() }).collect();
    record_read(state, &scope.user, scope.territory.id, AccessKind::Team, &scope.territory.slug, &subjects).await?;
    let grantable =
        Role::ALL.into_iter().filter(|r| accounts::policy::can_grant(&scope.user, &scope.grants, &scope.ancestry_ids, *r)).collect();
    Ok(TeamPage { ctx: ctx.with_form().await?, territory: scope.territory, members, grantable, errors, email, role })
}

/// The team and the grant form.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let scope = scope(&state, user, &slug).await?;
    Ok(ok(&page(&state, ctx, scope, FormErrors::default(), String::new(), String::new()).await?))
}

/// Fields of the grant form.
#[derive(Debug, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// Grants a role.
pub async fn grant(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<GrantForm>,
) -> Result<Response, AppError> {
    let scope = scope(&state, user, &slug).await?;
    match accounts::grant_role(&state.db, state.clock.as_ref(), scope.acting(), &form.email, &form.role).await {
        Ok(()) => {
            flash::push(ctx.session(), "team-granted").await;
            Ok(Redirect::to(&format!("/territoires/{slug}/equipe")).into_response())
        }
        Err(AccountError::Invalid(errors)) => {
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page(&state, ctx, scope, FormErrors(errors), form.email, form.role).await?))
        }
        Err(other) => Err(other.into()),
    }
}

/// Fields of a revoke button.
#[derive(Debug, Deserialize)]
pub struct RevokeForm {
    user_id: i64,
    role: String,
}

/// Removes a role.
pub async fn revoke(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<RevokeForm>,
) -> Result<Response, AppError> {
    let scope = scope(&state, user, &slug).await?;
    let role = Role::parse(&form.role).ok_or(AppError::BadRequest("error-role-invalid"))?;
    accounts::revoke_role(&state.db, scope.acting(), form.user_id, role).await?;
    flash::push(ctx.session(), "team-revoked").await;
    Ok(Redirect::to(&format!("/territoires/{slug}/equipe")).into_response())
}
