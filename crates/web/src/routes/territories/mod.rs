//! Territories: list, page, team.

pub mod list;
pub mod show;
pub mod team;

use crate::error::AppError;
use crate::i18n::Tr;
use crate::state::AppState;
use tremplin_domain::territories::{Territory, TerritoryKind, TerritoryRepo, ancestry};

/// The label of a territory level.
pub fn kind_label(tr: &Tr, kind: impl std::borrow::Borrow<TerritoryKind>) -> String {
    let kind = *kind.borrow();
    tr.t(&format!("territory-kind-{}", kind.as_str()))
}

/// A territory by slug with its ancestry (outermost first, itself last), or 404.
pub async fn find(state: &AppState, slug: &str) -> Result<(Territory, Vec<Territory>, Vec<Territory>), AppError> {
    let all = state.db.list_territories().await?;
    let territory = all.iter().find(|t| t.slug == slug).cloned().ok_or(AppError::NotFound)?;
    let chain = ancestry(&all, territory.id);
    Ok((territory, chain, all))
}
