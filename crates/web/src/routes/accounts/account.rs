//! `GET /compte`: the account and its roles.

use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tremplin_domain::accounts::{AccountRepo, Grant, User};
use tremplin_domain::directory::ownership::OwnershipRepo;

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    ctx: Ctx,
    user: User,
    grants: Vec<Grant>,
    listings: Vec<(String, String)>,
}

/// The account page.
pub async fn show(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let grants = state.db.grants_of(user.id).await?;
    let listings = state.db.owned_listings(user.id).await?;
    Ok(ok(&AccountPage { ctx, user, grants, listings }))
}
