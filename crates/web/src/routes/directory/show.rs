//! `GET /annuaire/{slug}`: a listing's page (with schema.org data); `GET
//! /api/v1/listings/{slug}`; `GET /api/v1/opening-hours`: evaluate any value.

use super::status::{status_class, status_text};
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::directory::hours::{Day, Hours, HoursReport, from_paris_local, paris_local, weekday_key};
use tremplin_domain::directory::ownership;
use tremplin_domain::directory::{Category, DirectoryRepo, Listing};
use utoipa::{IntoParams, ToSchema};

#[derive(Template)]
#[template(path = "directory/show.html")]
struct ListingPage {
    ctx: Ctx,
    listing: Listing,
    category: Option<Category>,
    report: Option<HoursReport>,
    at: NaiveDateTime,
    json_ld: String,
    can_edit: bool,
}

impl ListingPage {
    fn status(&self) -> String {
        let (is_open, next) = self.report.as_ref().map(|r| (r.is_open, r.next_change)).unwrap_or((None, None));
        status_text(&self.ctx.tr, is_open, next, self.at)
    }

    fn status_class(&self) -> &'static str {
        status_class(self.report.as_ref().and_then(|r| r.is_open))
    }

    fn day_name(&self, day: &Day) -> String {
        format!("{} {}", self.ctx.tr.t(weekday_key(day.weekday)), day.date.format("%d/%m"))
    }

    fn kind_label(&self) -> String {
        self.ctx.tr.t(&format!("kind-{}", self.listing.kind.as_str()))
    }

    fn amenity_label(&self, amenity: &tremplin_domain::directory::Amenity) -> String {
        self.ctx.tr.t(&format!("amenity-{}", amenity.as_str()))
    }

    fn category_label(&self) -> String {
        self.category.as_ref().map(|c| if self.ctx.is_fr() { c.label_fr.clone() } else { c.label_en.clone() }).unwrap_or_default()
    }

    fn osm_link(&self) -> Option<String> {
        self.listing
            .point
            .map(|p| format!("https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=18/{:.5}/{:.5}", p.lat, p.lon, p.lat, p.lon))
    }

    fn updated(&self) -> String {
        DateTime::<Utc>::from_timestamp(self.listing.updated_at, 0)
            .map(|d| paris_local(d).format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    }
}

/// schema.org data of a listing, safe to embed in a `<script type="application/ld+json">`.
fn json_ld(listing: &Listing, base_url: &str) -> String {
    let mut data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": listing.kind.schema_org_type(),
        "@id": format!("{base_url}/annuaire/{}", listing.slug),
        "name": listing.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": listing.address,
            "postalCode": listing.postcode,
            "addressLocality": listing.commune,
            "addressCountry": "FR",
        },
    });
    let optional = [
        ("description", &listing.description),
        ("telephone", &listing.phone),
        ("email", &listing.email),
        ("url", &listing.website),
        ("openingHours", &listing.opening_hours),
    ];
    for (key, value) in optional {
        if !value.is_empty() {
            data[key] = serde_json::Value::String(value.clone());
        }
    }
    if let Some(p) = listing.point {
        data["geo"] = serde_json::json!({"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon});
    }
    // "</script>" inside a value must not close the element.
    data.to_string().replace('<', "\\u003c")
}

/// The listing page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let listing = state.db.listing_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let category = match &listing.category {
        Some(slug) => state.db.categories().await?.into_iter().find(|c| &c.slug == slug),
        None => None,
    };
    let now = state.clock.now();
    let report = Hours::parse(&listing.opening_hours).ok().map(|h| h.report(now));
    let json_ld = json_ld(&listing, &state.config.base_url);
    let can_edit = match &ctx.user {
        Some(user) => {
            let grants = state.db.grants_of(user.id).await?;
            ownership::can_edit(&state.db, user, &grants, &listing).await?
        }
        None => false,
    };
    Ok(ok(&ListingPage { ctx, listing, category, report, at: paris_local(now), json_ld, can_edit }))
}

/// A listing in the API.
#[utoipa::path(get, path = "/api/v1/listings/{slug}", tag = "directory",
    params(("slug" = String, Path, description = "Identifier of the listing")),
    responses((status = 200, description = "The listing"), (status = 404, description = "No such listing")))]
pub async fn api(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Json<Listing>, AppError> {
    Ok(Json(state.db.listing_by_slug(&slug).await?.ok_or(AppError::NotFound)?))
}

/// Parameters of the opening-hours check.
#[derive(Debug, Deserialize, IntoParams)]
pub struct HoursParams {
    /// An OSM `opening_hours` value, e.g. `Mo-Fr 09:00-18:00; PH off`.
    value: Option<String>,
    /// Local date-time (Europe/Paris) `YYYY-MM-DDTHH:MM`; default now.
    at: Option<String>,
}

/// Opening hours evaluated.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoursDto {
    /// Whether the value parses.
    pub valid: bool,
    /// Open at `at` (null: unknown).
    pub is_open: Option<bool>,
    /// Next change of state, local time.
    pub next_change: Option<String>,
    /// The normalised value.
    pub normalized: String,
    /// Seven days from `at`: `[{date, weekday, intervals: [{from, to, unknown}]}]`.
    #[schema(value_type = Vec<Object>)]
    pub week: Vec<Day>,
    /// Remarks on a value that parses but could be better written.
    pub warnings: Vec<String>,
}

/// Evaluates an opening-hours value in Europe/Paris time with French public holidays; a
/// value that does not parse answers 400 with the parser's explanation.
#[utoipa::path(get, path = "/api/v1/opening-hours", params(HoursParams), tag = "directory",
    responses((status = 200, description = "Evaluation", body = HoursDto), (status = 400, description = "Invalid value or date")))]
pub async fn hours_api(State(state): State<AppState>, Query(params): Query<HoursParams>) -> Result<Response, AppError> {
    let at = match params.at.as_deref().filter(|a| !a.is_empty()) {
        Some(text) => match NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        {
            Ok(local) => from_paris_local(local),
            Err(_) => return Err(AppError::BadRequest("error-open-at")),
        },
        None => state.clock.now(),
    };
    let value = params.value.unwrap_or_default();
    match Hours::parse(&value) {
        Ok(hours) => {
            let report = hours.report(at);
            Ok(Json(HoursDto {
                valid: true,
                is_open: report.is_open,
                next_change: report.next_change.map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string()),
                normalized: hours.normalized(),
                week: report.week,
                warnings: report.warnings,
            })
            .into_response())
        }
        Err(error) => {
            let body = serde_json::json!({"valid": false, "error": {"code": "hours-value", "message": error.message}});
            Ok((StatusCode::BAD_REQUEST, Json(body)).into_response())
        }
    }
}
