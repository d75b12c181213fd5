//! `GET /donnees`: the open data of each territory, with its licence; `GET
//! /donnees/{territory}/{file}`: the downloads.

use crate::error::AppError;
use crate::opendata::{Format, write};
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tremplin_domain::territories::{Territory, TerritoryRepo};

#[derive(Template)]
#[template(path = "opendata/index.html")]
struct OpenDataPage {
    ctx: Ctx,
    territories: Vec<Territory>,
}

impl OpenDataPage {
    fn formats(&self) -> [Format; 5] {
        Format::ALL
    }
}

/// The page.
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let territories = state.db.list_territories().await?;
    Ok(ok(&OpenDataPage { ctx, territories }))
}

/// A download, written on a blocking thread page by page.
pub async fn download(State(state): State<AppState>, Path((slug, file)): Path<(String, String)>) -> Result<Response, AppError> {
    let format = Format::from_file_name(&file).ok_or(AppError::NotFound)?;
    let territory = state.db.territory_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let communes = state.db.all_communes_of(territory.id).await?;
    let handle = tokio::runtime::Handle::current();
    let (db, base_url) = (state.db.clone(), state.config.base_url.clone());
    let body = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        write(&db, handle, format, Some(&communes), &base_url, &mut out).map(|_| out)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let disposition = format!("attachment; filename=\"{}-{}\"", territory.slug, format.file_name());
    Ok(([(header::CONTENT_TYPE, format.media_type().to_owned()), (header::CONTENT_DISPOSITION, disposition)], body).into_response())
}
