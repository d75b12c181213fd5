//! `GET /compte`: the account and its roles.

use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tremplin_domain::accounts::{AccountRepo, Grant, User};
use tremplin_domain::coaching::CoachRepo;
use tremplin_domain::directory::ownership::OwnershipRepo;
use tremplin_kernel::Role;

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    ctx: Ctx,
    user: User,
    grants: Vec<Grant>,
    listings: Vec<(String, String)>,
    /// Holds the coach role somewhere or has a coach profile: links to the coach's pages.
    is_coach: bool,
}

/// The account page.
pub async fn show(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let grants = state.db.grants_of(user.id).await?;
    let listings = state.db.owned_listings(user.id).await?;
    let is_coach = grants.iter().any(|g| g.role == Role::Coach) || state.db.coach_by_user(user.id).await?.is_some();
    Ok(ok(&AccountPage { ctx, user, grants, listings, is_coach }))
}
