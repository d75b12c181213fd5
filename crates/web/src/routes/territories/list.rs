//! `GET /territoires`.

use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tremplin_domain::territories::{Territory, TerritoryRepo, ancestry};

/// A territory with its depth in the hierarchy, for an indented list.
pub struct Row {
    /// The territory.
    pub territory: Territory,
    /// 0 for top-level territories.
    pub depth: usize,
}

#[derive(Template)]
#[template(path = "territories/list.html")]
struct ListPage {
    ctx: Ctx,
    rows: Vec<Row>,
}

/// Every territory, nested.
pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let all = state.db.list_territories().await?;
    let mut rows: Vec<(Vec<String>, Row)> = all
        .iter()
        .map(|t| {
            let chain = ancestry(&all, t.id);
            let key = chain.iter().map(|c| c.name.clone()).collect();
            (key, Row { territory: t.clone(), depth: chain.len().saturating_sub(1) })
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(ok(&ListPage { ctx, rows: rows.into_iter().map(|(_, r)| r).collect() }))
}
