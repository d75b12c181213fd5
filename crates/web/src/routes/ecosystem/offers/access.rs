//! Who may see and decide what about an offer: its submitter, and the moderators of its
//! territory (`ecosystem::policy::can_moderate`: managers and admins of it or above).

use crate::error::AppError;
use crate::state::AppState;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::ecosystem::policy::can_moderate;
use tremplin_domain::territories::{Territory, ancestry};

/// Whether `user` moderates the offers of `territory_id`, given every territory.
pub async fn moderates(state: &AppState, user: &User, all: &[Territory], territory_id: i64) -> Result<bool, AppError> {
    let chain: Vec<i64> = ancestry(all, territory_id).iter().map(|t| t.id).collect();
    let grants = state.db.grants_of(user.id).await?;
    Ok(can_moderate(user, &grants, &chain))
}
