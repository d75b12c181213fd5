//! `GET /pilotage?territoire=SLUG&du=YYYY-MM&au=YYYY-MM`: the dashboard of a territory (or the
//! whole platform) over a period compared with the one before, and
//! `GET /pilotage/export.csv?…&tableau=ID`: one of its tables as CSV.

use super::access::{Scope, resolve};
use super::view::{Section, sections};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, render};
use crate::routes::events::staff::private;
use crate::spreadsheet;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::accounts::User;
use tremplin_domain::coaching::slots::local_date;
use tremplin_domain::stats::dashboard::{Input, Period, build, history_metrics};
use tremplin_domain::stats::{Month, StatsRepo};
use tremplin_store::stats;

/// The query string.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Params {
    /// Territory slug (empty: the whole platform).
    pub territoire: Option<String>,
    /// First month.
    pub du: Option<String>,
    /// Last month.
    pub au: Option<String>,
    /// Table of the CSV download.
    pub tableau: Option<String>,
}

/// The period asked for, or the 12 months to this one when it is not a valid one (then
/// `true`, to say so).
pub fn period(params: &Params, now: i64) -> (Period, bool) {
    let default = Period::year_to(Month::of(now));
    fn given(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let (from, to) = (given(&params.du), given(&params.au));
    if from.is_none() && to.is_none() {
        return (default, false);
    }
    let to = match to {
        Some(raw) => Month::parse(raw),
        None => Some(default.to),
    };
    let from = match (from, to) {
        (Some(raw), _) => Month::parse(raw),
        (None, Some(to)) => Some(to.plus(-11)),
        (None, None) => None,
    };
    match (from, to) {
        (Some(from), Some(to)) if from <= to && Period { from, to }.month_count() <= Period::MAX_MONTHS => (Period { from, to }, false),
        _ => (default, true),
    }
}

/// Everything the page shows.
pub struct Loaded {
    /// The territory and the selector.
    pub scope: Scope,
    /// The period.
    pub period: Period,
    /// The period compared.
    pub previous: Period,
    /// Whether the period asked for was not valid.
    pub bad_period: bool,
    /// Sections.
    pub sections: Vec<Section>,
}

/// Coaches listed by name: the most active ones (a region may have thousands).
const COACHES_LISTED: usize = 25;

/// Reads the aggregates (brought up to date first) and builds the sections.
pub async fn load(state: &AppState, ctx: &Ctx, user: &User, params: &Params) -> Result<Loaded, AppError> {
    let now = state.clock.now_ts();
    let scope = resolve(state, user, params.territoire.as_deref()).await?;
    stats::settle(&state.db, now).await?;
    let (period, bad_period) = period(params, now);
    let previous = period.previous();
    let id = scope.id();
    let to = period.to.to_string();
    let mut rows = state.db.stat_rows(id, &previous.from.to_string(), &to).await?;
    let (coach_rows, active_coaches) = stats::top_coaches(&state.db, id, &period.from.to_string(), &to, COACHES_LISTED).await?;
    rows.extend(coach_rows);
    let history = stats::history(&state.db, id, &history_metrics(), &to).await?;
    let stock = state.db.stock_rows(id).await?;
    let targets = if scope.territory.is_some() { state.db.targets(id).await? } else { Vec::new() };
    let dashboard = build(&Input { period, rows: &rows, history: &history, stock: &stock, targets: &targets, today: local_date(now) });
    let ids: Vec<i64> = dashboard.coaches.iter().map(|c| c.coach_id).collect();
    let names = stats::coach_names(&state.db, &ids).await?;
    let sections = sections(&ctx.tr, &dashboard, &names, active_coaches, scope.territory.is_some());
    Ok(Loaded { scope, period, previous, bad_period, sections })
}

#[derive(Template)]
#[template(path = "stats_dashboard/dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    loaded: Loaded,
    /// The query string of the CSV links, without the table.
    query: String,
}

impl DashboardPage {
    fn title(&self) -> String {
        match &self.loaded.scope.territory {
            Some(t) => self.ctx.tr.t1("dash-title", "territory", t.name.clone()),
            None => self.ctx.tr.t1("dash-title", "territory", self.ctx.tr.t("dash-all-territories")),
        }
    }
    fn period_text(&self) -> String {
        self.ctx.tr.args(
            "dash-period-text",
            &[
                ("from", self.loaded.period.from.to_string()),
                ("to", self.loaded.period.to.to_string()),
                ("previous_from", self.loaded.previous.from.to_string()),
                ("previous_to", self.loaded.previous.to.to_string()),
            ],
        )
    }
}

fn query(scope: &Scope, period: Period) -> String {
    format!("territoire={}&du={}&au={}", crate::auth::urlencode(scope.slug()), period.from, period.to)
}

/// The dashboard.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &ctx, &user, &params).await?;
    let query = query(&loaded.scope, loaded.period);
    Ok(private(render(StatusCode::OK, &DashboardPage { ctx, loaded, query })))
}

/// One table as CSV: the same rows as on the page.
pub async fn export(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let loaded = load(&state, &ctx, &user, &params).await?;
    let wanted = params.tableau.as_deref().unwrap_or_default();
    let table = loaded.sections.iter().flat_map(|s| &s.blocks).map(|b| &b.table).find(|t| t.id == wanted).ok_or(AppError::NotFound)?;
    let body = spreadsheet::csv_text(std::iter::once(&table.headers).chain(table.rows.iter()));
    let place = loaded.scope.territory.as_ref().map_or("plateforme", |t| t.slug.as_str());
    Ok(spreadsheet::download(&format!("pilotage-{}-{place}-{}-{}.csv", table.id, loaded.period.from, loaded.period.to), body))
}
