//! The passports issued by a territory (and the territories in it) month by month, against
//! its target; `GET /territoires/{slug}/parcours/passeports.csv` downloads the same table.

use super::territory_path::steer;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::Ctx;
use crate::spreadsheet;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::learning::steering::{Pace, SteeringRepo, by_month, pace};
use tremplin_domain::learning::{LearningRepo, PassportPath};
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
    /// Against the target, if one is set.
    pub pace: Option<Pace>,
}

/// The counts of `territory` and its descendants.
pub async fn counts(state: &AppState, tr: &Tr, territory: &Territory, path: &PassportPath) -> Result<Counts, AppError> {
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
    let pace = match (path.target_count, path.target_date.as_deref()) {
        (Some(target), Some(date)) => pace(target, date, cumulative, today),
        _ => None,
    };
    Ok(Counts {
        headers: ["month", "issued", "revoked", "cumulative"].iter().map(|k| tr.t(&format!("path-col-{k}"))).collect(),
        rows,
        issued: cumulative,
        revoked: months.iter().map(|m| m.2).sum(),
        pace,
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
    let path = state.db.passport_path(territory.id).await?;
    let counts = counts(&state, &ctx.tr, &territory, &path).await?;
    let body = spreadsheet::csv_text(std::iter::once(&counts.headers).chain(counts.rows.iter()));
    Ok(spreadsheet::download(&format!("passeports-{}.csv", territory.slug), body))
}
