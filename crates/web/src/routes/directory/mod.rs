//! The directory: search page and API, listing pages, opening hours.

pub mod claim;
pub mod edit;
pub mod history;
pub mod imports;
pub mod map;
pub mod moderation;
pub mod params;
pub mod propose;
pub mod report;
pub mod search;
pub mod show;
pub mod status;

use crate::error::AppError;
use crate::state::AppState;
use tremplin_domain::directory::{DirectoryRepo, Listing};

/// A published listing by slug, or 404.
pub async fn find(state: &AppState, slug: &str) -> Result<Listing, AppError> {
    state.db.listing_by_slug(slug).await?.ok_or(AppError::NotFound)
}
