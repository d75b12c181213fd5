//! Which coach profile a logged-in user edits: their own, or, with `?coach={slug}`, any coach
//! of a territory they manage (see `coaching::policy`).

use crate::error::AppError;
use crate::routes::events::staff::grants_and_ancestry;
use crate::state::AppState;
use serde::Deserialize;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::coaching::policy::{can_edit_coach, own_profile_territory};
use tremplin_domain::coaching::{Coach, CoachRepo};

/// `?coach=`: the coach a manager acts on.
#[derive(Debug, Default, Deserialize)]
pub struct CoachParam {
    /// Coach slug.
    pub coach: Option<String>,
}

impl CoachParam {
    /// The slug asked for, if any.
    pub fn slug(&self) -> Option<&str> {
        self.coach.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
}

/// What the user edits.
pub enum Editing {
    /// An existing profile.
    Coach(Box<Coach>),
    /// Their own profile, not created yet, in this territory (where they hold the coach role).
    OwnNew(i64),
}

/// The `?coach=` suffix of this page's links and forms ("" for one's own profile).
pub fn suffix(user: &User, coach: &Coach) -> String {
    if coach.user_id == user.id { String::new() } else { format!("?coach={}", coach.slug) }
}

/// The profile `user` edits: `slug`'s when given (404 unknown, 403 not allowed), else their
/// own; a coach without a profile may create theirs; anyone else is refused (403).
pub async fn editing(state: &AppState, user: &User, slug: Option<&str>) -> Result<Editing, AppError> {
    if let Some(slug) = slug {
        let coach = state.db.coach_by_slug(slug).await?.ok_or(AppError::NotFound)?;
        let (grants, ids) = grants_and_ancestry(state, user, coach.territory_id).await?;
        return if can_edit_coach(user, &grants, &ids, &coach) { Ok(Editing::Coach(Box::new(coach))) } else { Err(AppError::Forbidden) };
    }
    if let Some(coach) = state.db.coach_by_user(user.id).await? {
        return Ok(Editing::Coach(Box::new(coach)));
    }
    let grants = state.db.grants_of(user.id).await?;
    own_profile_territory(&grants).map(Editing::OwnNew).ok_or(AppError::Forbidden)
}

/// An existing profile `user` edits (the availability needs one): else 404 for one's own
/// profile not created yet.
pub async fn existing(state: &AppState, user: &User, slug: Option<&str>) -> Result<Coach, AppError> {
    match editing(state, user, slug).await? {
        Editing::Coach(coach) => Ok(*coach),
        Editing::OwnNew(_) => Err(AppError::NotFound),
    }
}
