//! `GET /api/v1/stats`: the open statistics of a territory (or of the whole platform) by month,
//! small counts of people hidden.

use super::{LICENCE_ID, LICENCE_URL, Period, Published, load};
use crate::error::AppError;
use crate::locale::locale_of;
use crate::routes::events::api::error;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tremplin_domain::stats::disclosure::{Cell, PublicMonth, THRESHOLD};
use tremplin_domain::territories::TerritoryRepo;
use utoipa::{IntoParams, ToSchema};

/// Public, and the same for everyone: shared caches may keep it a few minutes.
const CACHE: &str = "public, max-age=300";

/// Parameters.
#[derive(Debug, Deserialize, IntoParams)]
pub struct StatsParams {
    /// Territory slug (see `/api/v1/territories`); absent for the whole platform.
    pub territory: Option<String>,
    /// First month, `YYYY-MM` (default: eleven months before `to`).
    pub from: Option<String>,
    /// Last month, `YYYY-MM` (default: the current month). At most 120 months in all.
    pub to: Option<String>,
}

/// A count: `value` is null when `suppressed` (1 to 4 people, or hidden so that such a count
/// cannot be worked out from the others).
#[derive(Debug, Serialize, ToSchema)]
pub struct CountDto {
    /// The count, or null.
    pub value: Option<i64>,
    /// Whether it is hidden.
    pub suppressed: bool,
}

/// An average: `value` is null when `suppressed` (fewer than 5 people make it).
#[derive(Debug, Serialize, ToSchema)]
pub struct AverageDto {
    /// The average (two decimals), or null.
    pub value: Option<f64>,
    /// Whether it is hidden.
    pub suppressed: bool,
}

/// Averages of a month; absent ones have nobody to average.
#[derive(Debug, Serialize, ToSchema)]
pub struct AveragesDto {
    /// Mean satisfaction mark, 1 to 5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<AverageDto>,
    /// Mean overall maturity of the diagnostics, percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maturity: Option<AverageDto>,
    /// Mean maturity per axis (`presence`, `visibility`, `selling`, `relationship`, `tools`,
    /// `security`), percent.
    pub maturity_by_axis: BTreeMap<String, AverageDto>,
}

/// One month.
#[derive(Debug, Serialize, ToSchema)]
pub struct MonthDto {
    /// `YYYY-MM` (Europe/Paris).
    pub month: String,
    /// Counts by metric: `workshops_held`, `workshops_cancelled`, `seats`, `registered`,
    /// `attended`, `no_shows`, `survey_responses`, `people_new` (people at a workshop for the
    /// first time in this territory), `businesses_new`, `accompaniments`,
    /// `accompaniment_no_shows`, `accompaniment_minutes`, `appointments_booked`,
    /// `appointments_cancelled`, `diagnostics`, `passports_issued`, `passports_revoked`,
    /// `passports_valid`.
    pub metrics: BTreeMap<String, CountDto>,
    /// Split counts: `attended_by_audience` (by audience) and `diagnostics_by_level` (by
    /// maturity level).
    pub splits: BTreeMap<String, BTreeMap<String, CountDto>>,
    /// Averages.
    pub averages: AveragesDto,
}

/// The territory.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsTerritoryDto {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// `commune`, `epci`, `department`, `region` or `custom`.
    pub kind: String,
}

/// The licence.
#[derive(Debug, Serialize, ToSchema)]
pub struct LicenceDto {
    /// `etalab-2.0`.
    pub id: String,
    /// Its text.
    pub url: String,
}

/// The rule applied.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuppressionDto {
    /// Counts of people from 1 to `threshold − 1` are hidden.
    pub threshold: i64,
}

/// The statistics of a territory, rolled up (it and everything under it).
#[derive(Debug, Serialize, ToSchema)]
pub struct StatsDto {
    /// The territory; null for the whole platform.
    pub territory: Option<StatsTerritoryDto>,
    /// First month.
    pub from: String,
    /// Last month.
    pub to: String,
    /// Licence of the data.
    pub licence: LicenceDto,
    /// The suppression rule.
    pub suppression: SuppressionDto,
    /// Every month of the period, in order (empty months included, with zeros).
    pub months: Vec<MonthDto>,
    /// The directory now: `listings`, `listings_with_website`, `listings_click_collect`,
    /// `listings_online_shop` (published listings).
    pub stock: BTreeMap<String, CountDto>,
}

fn count(cell: Cell<i64>) -> CountDto {
    CountDto { value: cell.value(), suppressed: cell.is_suppressed() }
}

fn average(cell: Cell<f64>) -> AverageDto {
    AverageDto { value: cell.value().map(|v| (v * 100.0).round() / 100.0), suppressed: cell.is_suppressed() }
}

fn month_dto(month: String, p: &PublicMonth) -> MonthDto {
    let mut metrics: BTreeMap<String, CountDto> = p.counts.iter().map(|(m, c)| (m.as_str().to_owned(), count(*c))).collect();
    if let Some(valid) = p.passports_valid {
        metrics.insert("passports_valid".to_owned(), count(valid));
    }
    MonthDto {
        month,
        metrics,
        splits: p
            .splits
            .iter()
            .map(|(m, dims)| (m.as_str().to_owned(), dims.iter().map(|(d, c)| (d.clone(), count(*c))).collect()))
            .collect(),
        averages: AveragesDto {
            satisfaction: p.satisfaction.map(average),
            maturity: p.maturity.map(average),
            maturity_by_axis: p.maturity_by_axis.iter().map(|(a, c)| (a.clone(), average(*c))).collect(),
        },
    }
}

impl From<&Published> for StatsDto {
    fn from(p: &Published) -> Self {
        StatsDto {
            territory: p.territory.as_ref().map(|t| StatsTerritoryDto {
                slug: t.slug.clone(),
                name: t.name.clone(),
                kind: t.kind.as_str().to_owned(),
            }),
            from: p.period.from.to_string(),
            to: p.period.to.to_string(),
            licence: LicenceDto { id: LICENCE_ID.to_owned(), url: LICENCE_URL.to_owned() },
            suppression: SuppressionDto { threshold: THRESHOLD },
            months: p.months.iter().map(|(m, pm)| month_dto(m.to_string(), pm)).collect(),
            stock: p.stock.counts.iter().map(|(m, c)| (m.as_str().to_owned(), count(*c))).collect(),
        }
    }
}

/// Open statistics by month.
#[utoipa::path(get, path = "/api/v1/stats", params(StatsParams), tag = "statistics",
    responses((status = 200, description = "Statistics by month; licence Etalab 2.0", body = StatsDto),
              (status = 400, description = "A month that is not `YYYY-MM`, `from` after `to`, or more than 120 months"),
              (status = 404, description = "Unknown territory")))]
pub async fn stats(State(state): State<AppState>, headers: HeaderMap, Query(params): Query<StatsParams>) -> Result<Response, AppError> {
    let locale = locale_of(&headers);
    let territory = match params.territory.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(slug) => match state.db.territory_by_slug(slug).await? {
            Some(t) => Some(t),
            None => return Ok(error(StatusCode::NOT_FOUND, locale, "stats-open-error-territory", &[])),
        },
    };
    let period = match Period::parse(params.from.as_deref(), params.to.as_deref(), state.clock.now_ts()) {
        Ok(period) => period,
        Err(key) => return Ok(error(StatusCode::BAD_REQUEST, locale, key, &[])),
    };
    let published = load(&state, territory, period).await?;
    Ok(([(header::CACHE_CONTROL, CACHE), (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], Json(StatsDto::from(&published))).into_response())
}
