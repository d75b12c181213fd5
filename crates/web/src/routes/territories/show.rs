//! `GET /territoires/{slug}`: a territory, its place in the hierarchy, its communes.

use super::find;
use crate::auth::AuthSession;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::accounts::{AccountRepo, policy};
use tremplin_domain::territories::{Commune, Territory, TerritoryRepo, children};
use tremplin_kernel::Page;

#[derive(Template)]
#[template(path = "territories/show.html")]
struct ShowPage {
    ctx: Ctx,
    territory: Territory,
    parents: Vec<Territory>,
    children: Vec<Territory>,
    communes: Page<Commune>,
    can_view_team: bool,
}

/// Paging.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    page: Option<u32>,
}

/// The territory page.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    auth: AuthSession,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let (territory, chain, all) = find(&state, &slug).await?;
    let communes = state.db.territory_communes(territory.id, q.page.unwrap_or(1), 50).await?;
    let can_view_team = match &auth.user {
        Some(user) => {
            let grants = state.db.grants_of(user.0.id).await?;
            policy::can_view_team(&user.0, &grants, &chain.iter().map(|t| t.id).collect::<Vec<_>>())
        }
        None => false,
    };
    let parents = chain[..chain.len().saturating_sub(1)].to_vec();
    let children = children(&all, territory.id);
    Ok(ok(&ShowPage { ctx, territory, parents, children, communes, can_view_team }))
}
