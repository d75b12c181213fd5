//! `GET /donnees`: the open data of each territory, with its licence; `GET
//! /donnees/{territory}/{file}`: the downloads; `GET /donnees/catalogue.json`: the same list,
//! machine-readable (DCAT-AP, light).

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

/// ODbL 1.0: the directory holds listings derived from OpenStreetMap (`source` = `osm`), and a
/// database holding them must stay under it (share-alike); the other sources' Licence Ouverte
/// allows that.
pub const ODBL_URL: &str = "https://opendatacommons.org/licenses/odbl/1-0/";

/// The catalogue: the statistics (Licence Ouverte 2.0) and each territory's directory (ODbL),
/// with their distributions, as DCAT-AP terms in plain JSON.
pub async fn catalogue(State(state): State<AppState>) -> Result<Response, AppError> {
    use crate::routes::stats::opendata::LICENCE_URL;
    let base = state.config.base_url.trim_end_matches('/').to_owned();
    let territories = state.db.list_territories().await?;
    let mut datasets = vec![serde_json::json!({
        "@type": "dcat:Dataset",
        "identifier": "statistiques",
        "title": "Statistiques d'activité par territoire et par mois",
        "description": "Ateliers, personnes touchées, accompagnements, diagnostics, passeports et couverture de l'annuaire, par territoire et par mois ; les nombres de 1 à 4 personnes sont masqués.",
        "license": LICENCE_URL,
        "accrualPeriodicity": "continuous",
        "landingPage": format!("{base}/donnees/statistiques"),
        "distribution": [
            {"@type": "dcat:Distribution", "title": "CSV", "downloadURL": format!("{base}/donnees/statistiques.csv"), "mediaType": "text/csv", "license": LICENCE_URL},
            {"@type": "dcat:Distribution", "title": "API JSON", "accessURL": format!("{base}/api/v1/stats"), "mediaType": "application/json", "license": LICENCE_URL}
        ]
    })];
    for t in &territories {
        let distributions: Vec<_> = Format::ALL
            .iter()
            .map(|f| serde_json::json!({"@type": "dcat:Distribution", "title": f.file_name(), "downloadURL": format!("{base}/donnees/{}/{}", t.slug, f.file_name()), "mediaType": f.media_type(), "license": ODBL_URL}))
            .collect();
        datasets.push(serde_json::json!({
            "@type": "dcat:Dataset",
            "identifier": format!("annuaire-{}", t.slug),
            "title": format!("Annuaire des acteurs locaux : {}", t.name),
            "license": ODBL_URL,
            "rights": "ODbL 1.0 (© les contributeurs d'OpenStreetMap) pour la base, qui contient des fiches issues d'OpenStreetMap ; les fiches des autres sources sont aussi sous Licence Ouverte 2.0.",
            "landingPage": format!("{base}/donnees"),
            "distribution": distributions
        }));
    }
    let body = serde_json::json!({"@type": "dcat:Catalog", "title": "Tremplin : données ouvertes", "homepage": format!("{base}/donnees"), "dataset": datasets});
    Ok(([(header::CACHE_CONTROL, "public, max-age=300")], axum::Json(body)).into_response())
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
