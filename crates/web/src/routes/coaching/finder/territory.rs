//! `GET|POST /territoires/{slug}/coachs`: a territory's coach profiles (and those of the
//! territories inside it) for its admins and managers, who create a profile for an account
//! holding the coach role there (the role is granted on the team page) and edit any of them
//! with `/espace-coach/profil?coach={slug}`.

use super::profile::{PROFILE_PATH, free_slug};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, ok};
use crate::routes::territories::find;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::{AccountRepo, TeamMember, User};
use tremplin_domain::coaching::policy::can_manage_coaches;
use tremplin_domain::coaching::{Coach, CoachFilter, CoachProfile, CoachRepo};
use tremplin_domain::territories::{Territory, with_descendants};
use tremplin_kernel::Role;
use tremplin_kernel::token::new_token;

#[derive(Template)]
#[template(path = "coaching_finder/territory.html")]
struct TerritoryCoachesPage {
    ctx: Ctx,
    territory: Territory,
    coaches: Vec<Coach>,
    /// Coaches of the territory without a profile yet.
    without_profile: Vec<TeamMember>,
}

/// The territory, if `user` manages its coaches (404 unknown, 403 otherwise).
async fn managed(state: &AppState, user: &User, slug: &str) -> Result<(Territory, Vec<Territory>), AppError> {
    let (territory, chain, all) = find(state, slug).await?;
    let ids: Vec<i64> = chain.iter().map(|t| t.id).collect();
    let grants = state.db.grants_of(user.id).await?;
    if !can_manage_coaches(user, &grants, &ids) {
        return Err(AppError::Forbidden);
    }
    Ok((territory, all))
}

/// The list.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (territory, all) = managed(&state, &user, &slug).await?;
    let filter = CoachFilter { territory_ids: Some(with_descendants(&all, territory.id)), active_only: false };
    let coaches = state.db.find_coaches(&filter).await?;
    let mut without_profile = Vec::new();
    for member in state.db.team_of(territory.id).await?.into_iter().filter(|m| m.role == Role::Coach) {
        if !coaches.iter().any(|c| c.user_id == member.user_id) && state.db.coach_by_user(member.user_id).await?.is_none() {
            without_profile.push(member);
        }
    }
    Ok(ok(&TerritoryCoachesPage { ctx: ctx.with_form().await?, territory, coaches, without_profile }))
}

/// The account to create a profile for.
#[derive(Debug, Deserialize)]
pub struct CreateBody {
    user_id: i64,
}

/// Creates a draft profile (not shown in the finder yet) and opens it for editing.
pub async fn create(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(body): Form<CreateBody>,
) -> Result<Response, AppError> {
    let (territory, _) = managed(&state, &user, &slug).await?;
    let member = state.db.team_of(territory.id).await?.into_iter().find(|m| m.user_id == body.user_id && m.role == Role::Coach);
    let member = member.ok_or(AppError::BadRequest("coach-edit-create-error-not-coach"))?;
    if state.db.coach_by_user(member.user_id).await?.is_some() {
        return Err(AppError::BadRequest("coach-edit-create-error-exists"));
    }
    let name =
        if member.display_name.is_empty() { member.email.split('@').next().unwrap_or_default().to_owned() } else { member.display_name };
    let profile = CoachProfile {
        display_name: name.clone(),
        structure_kind: tremplin_domain::coaching::StructureKind::Other,
        structure_name: String::new(),
        presentation: String::new(),
        themes: Vec::new(),
        languages: vec!["fr".into()],
        audiences: tremplin_domain::coaching::CoachAudience::ALL.to_vec(),
        zone_communes: Vec::new(),
        zone_radius_km: None,
        base_insee: None,
        base_address: String::new(),
        latitude: None,
        longitude: None,
        modalities: vec![tremplin_domain::coaching::Modality::AtVenue],
        accessibility: String::new(),
        rules: Default::default(),
        // A draft: shown once its themes and zone are filled in and it is made active.
        active: false,
    };
    let coach_slug = free_slug(&state, &name).await?;
    state.db.create_coach(member.user_id, territory.id, &coach_slug, &profile, &new_token(), state.clock.now_ts()).await?;
    flash::push(ctx.session(), "coach-edit-created").await;
    Ok(Redirect::to(&format!("{PROFILE_PATH}?coach={coach_slug}")).into_response())
}
