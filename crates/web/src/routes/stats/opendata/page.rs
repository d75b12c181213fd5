//! `GET /donnees/statistiques` (public, no login): a territory and a period chosen with a GET
//! form, one table per theme; `GET /donnees/statistiques.csv`: the same cells.

use super::tables::{SUPPRESSED, Table, csv_rows, tables};
use super::{LICENCE_URL, Period, load};
use crate::error::AppError;
use crate::pages::{Ctx, render};
use crate::spreadsheet::{csv_text, download};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::territories::{Territory, TerritoryKind, TerritoryNode, TerritoryRepo};

/// The form's fields (French, as the URL).
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    /// Territory slug; empty for the whole platform.
    pub territoire: Option<String>,
    /// First month, `YYYY-MM`.
    pub du: Option<String>,
    /// Last month.
    pub au: Option<String>,
}

#[derive(Template)]
#[template(path = "stats_opendata/page.html")]
struct StatsPage {
    ctx: Ctx,
    /// Territories by level, for the selector.
    groups: Vec<(String, Vec<TerritoryNode>)>,
    selected: String,
    from: String,
    to: String,
    error: Option<&'static str>,
    title: String,
    tables: Vec<Table>,
    csv_url: String,
    api_url: String,
    licence_url: &'static str,
    suppressed: &'static str,
}

/// The territory asked for: none for the whole platform, 404 when unknown.
async fn territory(state: &AppState, slug: Option<&str>) -> Result<Option<Territory>, AppError> {
    match slug.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(slug) => Ok(Some(state.db.territory_by_slug(slug).await?.ok_or(AppError::NotFound)?)),
    }
}

fn query_string(territory: &str, period: &Period) -> String {
    format!("territoire={territory}&du={}&au={}", period.from, period.to)
}

/// Above this many territories the selector leaves communes out.
const SELECTOR_MAX: i64 = 400;

/// The page.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Query(params): Query<Params>) -> Result<Response, AppError> {
    let territory = territory(&state, params.territoire.as_deref()).await?;
    // A national deployment has tens of thousands of communes: the selector then lists the
    // levels above them (and the commune chosen, if any), and a commune's figures stay one link
    // away (`?territoire=` its slug).
    let mut all = state.db.territory_nodes(state.db.territory_count().await? <= SELECTOR_MAX).await?;
    if let Some(t) = territory.as_ref().filter(|t| !all.iter().any(|n| n.id == t.id)) {
        all.push(TerritoryNode { id: t.id, slug: t.slug.clone(), name: t.name.clone(), kind: t.kind, parent_id: t.parent_id });
    }
    let groups = [TerritoryKind::Region, TerritoryKind::Department, TerritoryKind::Epci, TerritoryKind::Commune, TerritoryKind::Custom]
        .into_iter()
        .map(|kind| {
            (ctx.tr.t(&format!("territory-kind-{}", kind.as_str())), all.iter().filter(|t| t.kind == kind).cloned().collect::<Vec<_>>())
        })
        .filter(|(_, ts)| !ts.is_empty())
        .collect();
    let selected = territory.as_ref().map(|t| t.slug.clone()).unwrap_or_default();
    let title = territory.as_ref().map_or_else(|| ctx.tr.t("stats-open-all"), |t| t.name.clone());
    let (from, to) = (params.du.clone().unwrap_or_default(), params.au.clone().unwrap_or_default());
    let mut page = StatsPage {
        groups,
        selected: selected.clone(),
        from,
        to,
        error: None,
        title,
        tables: Vec::new(),
        csv_url: String::new(),
        api_url: String::new(),
        licence_url: LICENCE_URL,
        suppressed: SUPPRESSED,
        ctx,
    };
    match Period::parse(params.du.as_deref(), params.au.as_deref(), state.clock.now_ts()) {
        Err(key) => {
            page.error = Some(key);
            Ok(render(StatusCode::BAD_REQUEST, &page))
        }
        Ok(period) => {
            let published = load(&state, territory, period).await?;
            page.tables = tables(&page.ctx.tr, &published);
            (page.from, page.to) = (period.from.to_string(), period.to.to_string());
            page.csv_url = format!("/donnees/statistiques.csv?{}", query_string(&selected, &period));
            page.api_url = format!("/api/v1/stats?territory={selected}&from={}&to={}", period.from, period.to);
            Ok(render(StatusCode::OK, &page))
        }
    }
}

/// The CSV: one line per cell of the page's tables (suppressed cells read `< 5`, as on the
/// page, never empty: an empty cell means that nobody makes an average).
pub async fn csv(State(state): State<AppState>, ctx: Ctx, Query(params): Query<Params>) -> Result<Response, AppError> {
    let territory = territory(&state, params.territoire.as_deref()).await?;
    let period = Period::parse(params.du.as_deref(), params.au.as_deref(), state.clock.now_ts()).map_err(AppError::BadRequest)?;
    let name = territory.as_ref().map_or_else(|| ctx.tr.t("stats-open-all"), |t| t.name.clone());
    let slug = territory.as_ref().map_or_else(|| "tous".to_owned(), |t| t.slug.clone());
    let published = load(&state, territory, period).await?;
    let body = csv_text(csv_rows(&ctx.tr, &name, &tables(&ctx.tr, &published)));
    Ok(download(&format!("statistiques-{slug}-{}-{}.csv", period.from, period.to), body))
}
