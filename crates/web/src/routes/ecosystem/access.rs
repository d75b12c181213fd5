//! Who moderates the ecosystem of a territory — its actors, their reports, the partner offers
//! proposed for it: `ecosystem::policy::can_moderate` (managers and admins of the territory or
//! above, platform admins). One check for the three parts.

use crate::error::AppError;
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::ecosystem::policy::can_moderate;
use tremplin_domain::territories::{Territory, TerritoryRepo, with_descendants};

/// Whether `user` moderates the ecosystem of territory `territory_id`.
pub async fn moderates(state: &AppState, user: &User, territory_id: i64) -> Result<bool, AppError> {
    if user.is_platform_admin {
        return Ok(true);
    }
    let grants = state.db.grants_of(user.id).await?;
    let chain = state.db.territory_chain(territory_id).await?;
    Ok(can_moderate(user, &grants, &chain))
}

/// The territory `slug` when `user` moderates it (403 otherwise, 404 when unknown), with the ids
/// of it and of every territory within it, whose actors and offers its moderators handle.
pub async fn moderated_territory(state: &AppState, user: &User, slug: &str) -> Result<(Territory, Vec<i64>), AppError> {
    let (territory, chain, all) = find_territory(state, slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    if !can_moderate(user, &grants, &chain.iter().map(|t| t.id).collect::<Vec<_>>()) {
        return Err(AppError::Forbidden);
    }
    let ids = with_descendants(&all, territory.id);
    Ok((territory, ids))
}
