//! The passports issued by a territory (and the territories in it) month by month, against
//! its passport targets (`stat_targets`); `GET /territoires/{slug}/parcours/passeports.csv` downloads the same table.

use super::territory_path::steer;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::spreadsheet;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::learning::steering::{SteeringRepo, by_month};
use tremplin_domain::stats::targets::{Indicator, Progress, progress};
use tremplin_domain::stats::{Month, StatsRepo};
use tremplin_domain::territories::commands::with_descendants;
use tremplin_domain::territories::{Territory, TerritoryRepo};

/// The table and where the territory stands.
pub struct Counts {
    /// Column headers.
    pub headers: Vec<String>,
    /// One line per month: month, issued, revoked, valid passports so far.
    pub rows: Vec<Vec<String>>,
    /// Valid passports in all.
    pub issued: i64,
    /// Revoked passports in all.
    pub revoked: i64,
    /// The territory's passport targets and where it stands.
    pub targets: Vec<Progress>,
}

/// The counts of `territory` and its descendants.
pub async fn counts(state: &AppState, tr: &Tr, territory: &Territory) -> Result<Counts, AppError> {
    let all = state.db.list_territories().await?;
    let ids = with_descendants(&all, territory.id);
    let months = by_month(&state.db.passports_by_month(&ids).await?);
    let mut cumulative = 0;
    let mut rows = Vec::new();
    for (month, issued, revoked) in &months {
        cumulative += issued;
        rows.push(vec![month.clone(), issued.to_string(), revoked.to_string(), cumulative.to_string()]);
    }
    let today = tremplin_domain::coaching::slots::local_date(state.clock.now_ts());
    // Valid passports per month: the one pace computation of the statistics' targets.
    let monthly = months.iter().filter_map(|(month, issued, _)| Some((Month::parse(month)?, *issued))).collect();
    let targets = state
        .db
        .targets(territory.id)
        .await?
        .iter()
        .filter(|t| t.indicator == Indicator::Passports)
        .map(|t| progress(t, &monthly, today))
        .collect();
    Ok(Counts {
        headers: ["month", "issued", "revoked", "cumulative"].iter().map(|k| tr.t(&format!("path-col-{k}"))).collect(),
        rows,
        issued: cumulative,
        revoked: months.iter().map(|m| m.2).sum(),
        targets,
    })
}

/// The table as CSV.
pub async fn download(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let territory = steer(&state, &user, &slug).await?;
    let counts = counts(&state, &ctx.tr, &territory).await?;
    let body = spreadsheet::csv_text(std::iter::once(&counts.headers).chain(counts.rows.iter()));
    Ok(spreadsheet::download(&format!("passeports-{}.csv", territory.slug), body))
}
