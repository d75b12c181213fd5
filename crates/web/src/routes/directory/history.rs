//! `GET /annuaire/{slug}/historique` (owners and staff) and `POST
//! …/historique/{version}/restaurer` (staff): every version of a listing, who changed what,
//! when; any version can be put back.

use super::find;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::directory::Listing;
use tremplin_domain::directory::hours::paris_local;
use tremplin_domain::directory::ownership::{self, OwnershipRepo, Version};

#[derive(Template)]
#[template(path = "directory/history.html")]
struct HistoryPage {
    ctx: Ctx,
    listing: Listing,
    versions: Vec<Version>,
    can_restore: bool,
}

impl HistoryPage {
    fn when(&self, version: &Version) -> String {
        DateTime::<Utc>::from_timestamp(version.created_at, 0)
            .map(|d| paris_local(d).format("%d/%m/%Y %H:%M").to_string())
            .unwrap_or_default()
    }

    fn field_label(&self, field: &str) -> String {
        self.ctx.tr.t(&format!("field-listing-{}", field.replace('_', "-")))
    }
}

/// The history.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    if !ownership::can_edit(&state.db, &user, &grants, &listing).await? {
        return Err(AppError::Forbidden);
    }
    let can_restore = ownership::staff_of_listing(&state.db, &user, &grants, &listing).await?;
    let versions = state.db.versions(listing.id).await?;
    Ok(ok(&HistoryPage { ctx: ctx.with_form().await?, listing, versions, can_restore }))
}

/// Puts an earlier version back.
pub async fn restore(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, version)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    ownership::restore(&state.db, state.clock.as_ref(), &user, &grants, &listing, version).await?;
    flash::push(ctx.session(), "listing-restored").await;
    Ok(Redirect::to(&format!("/annuaire/{slug}/historique")).into_response())
}
