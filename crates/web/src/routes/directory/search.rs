//! `GET /annuaire` (page) and `GET /api/v1/listings` (JSON): the same search, the same
//! parameters, the filters kept in the URL.

use super::map::{ResultMap, draw};
use super::params::DirectoryForm;
use super::status::{status_class, status_text};
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use tremplin_domain::directory::{self, Amenity, Category, DirectoryRepo, ListingKind, SearchHit, SearchResults};
use tremplin_domain::territories::Place;
use utoipa::{IntoParams, ToSchema};

#[derive(Template)]
#[template(path = "directory/search.html")]
struct SearchPage {
    ctx: Ctx,
    form: DirectoryForm,
    errors: FormErrors,
    categories: Vec<Category>,
    place: Option<Place>,
    results: Option<SearchResults>,
    map: Option<ResultMap>,
}

impl SearchPage {
    fn category_label(&self, slug: &Option<String>) -> String {
        let Some(slug) = slug else { return String::new() };
        self.categories
            .iter()
            .find(|c| &c.slug == slug)
            .map(|c| if self.ctx.is_fr() { c.label_fr.clone() } else { c.label_en.clone() })
            .unwrap_or_default()
    }

    fn status(&self, hit: &SearchHit) -> String {
        let at = self.results.as_ref().map(|r| r.at).unwrap_or_default();
        status_text(&self.ctx.tr, hit.is_open, hit.next_change, at)
    }

    fn status_class(&self, hit: &SearchHit) -> &'static str {
        status_class(hit.is_open)
    }

    fn distance(&self, hit: &SearchHit) -> String {
        hit.distance_km.map(|d| self.ctx.tr.t1("directory-distance", "km", format_km(d, self.ctx.is_fr()))).unwrap_or_default()
    }

    fn kinds(&self) -> [ListingKind; 7] {
        ListingKind::ALL
    }

    fn amenities(&self) -> [Amenity; 5] {
        Amenity::ALL
    }

    fn radii(&self) -> [&'static str; 6] {
        ["1", "2", "5", "10", "20", "50"]
    }

    fn rank(&self, index: usize) -> usize {
        let page = self.results.as_ref().map(|r| r.hits.page).unwrap_or(1);
        (page as usize - 1) * super::params::PER_PAGE as usize + index + 1
    }
}

fn format_km(km: f64, french: bool) -> String {
    let text = if km < 10.0 { format!("{km:.1}") } else { format!("{km:.0}") };
    if french { text.replace('.', ",") } else { text }
}

/// The search page: the form, then the results as a list and a map.
pub async fn page(State(state): State<AppState>, ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, AppError> {
    let form = DirectoryForm::from_query(query.as_deref());
    let categories = state.db.categories().await?;
    let (status, errors, place, results) = match form.resolve(&state).await? {
        Ok((request, place)) => {
            let results = directory::search(&state.db, &state.search_index, state.clock.as_ref(), &request).await?;
            (StatusCode::OK, FormErrors::default(), place, Some(results))
        }
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors(errors), None, None),
    };
    let map = results.as_ref().and_then(|r| {
        let center = r
            .hits
            .items
            .first()
            .and(place.as_ref().and_then(|p| p.lat.zip(p.lon)).and_then(|(lat, lon)| tremplin_kernel::GeoPoint::new(lat, lon)));
        let page_start = (r.hits.page as usize - 1) * super::params::PER_PAGE as usize;
        let points: Vec<_> =
            r.hits.items.iter().enumerate().filter_map(|(i, h)| h.listing.point.map(|p| (page_start + i + 1, p))).collect();
        draw(center, &points)
    });
    Ok(render(status, &SearchPage { ctx, form, errors, categories, place, results, map }))
}

/// One result of the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListingHitDto {
    /// Identifier in URLs (`/annuaire/{slug}`).
    pub slug: String,
    /// Name.
    pub name: String,
    /// `shop`, `craft`, `service`, `association`, `mediation`, `startup`, `public_service`.
    pub kind: String,
    /// Category slug.
    pub category: Option<String>,
    /// Street address.
    pub address: String,
    /// Postcode.
    pub postcode: String,
    /// Commune name.
    pub commune: Option<String>,
    /// INSEE code.
    pub insee: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Services: `click_collect`, `delivery`, `online_shop`, `appointment`, `wheelchair`.
    pub services: Vec<String>,
    /// OSM `opening_hours`.
    pub opening_hours: String,
    /// Distance from the search point, km.
    pub distance_km: Option<f64>,
    /// Open at the search instant (null: unknown).
    pub is_open: Option<bool>,
    /// Next change of state, local time (Europe/Paris), `YYYY-MM-DDTHH:MM:SS`.
    pub next_change: Option<String>,
}

/// A page of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListingPageDto {
    /// Results.
    pub items: Vec<ListingHitDto>,
    /// Results in all.
    pub total: u64,
    /// Page number (from 1).
    pub page: u32,
    /// Results per page.
    pub per_page: u32,
    /// Instant the open status refers to, local time.
    pub at: String,
    /// Words read as a close known word: `[typed, used]`.
    pub corrections: Vec<(String, String)>,
}

/// Parameters of the listing search (the same as the page's).
#[derive(Debug, serde::Deserialize, IntoParams)]
// Read from the raw query string by the handler, so utoipa cannot infer where they are.
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ListingParams {
    /// Words (French; accents, case, plurals ignored; prefixes match; one typo tolerated).
    q: Option<String>,
    /// Commune name or postcode, as the centre of the search.
    place: Option<String>,
    /// Latitude of the centre (with `lon`), instead of `place`.
    lat: Option<f64>,
    /// Longitude of the centre.
    lon: Option<f64>,
    /// Radius around the centre, km (0.1 to 200, default 10).
    radius_km: Option<f64>,
    /// Category slug.
    category: Option<String>,
    /// Kind.
    kind: Option<String>,
    /// Required service; repeat the parameter for several.
    service: Option<Vec<String>>,
    /// `true`: only listings open now.
    open_now: Option<bool>,
    /// Only listings open at this local time (`YYYY-MM-DDTHH:MM`, Europe/Paris).
    open_at: Option<String>,
    /// Page, from 1.
    page: Option<u32>,
}

impl From<&SearchHit> for ListingHitDto {
    fn from(hit: &SearchHit) -> Self {
        let l = &hit.listing;
        ListingHitDto {
            slug: l.slug.clone(),
            name: l.name.clone(),
            kind: l.kind.as_str().to_owned(),
            category: l.category.clone(),
            address: l.address.clone(),
            postcode: l.postcode.clone(),
            commune: l.commune.clone(),
            insee: l.insee.clone(),
            lat: l.point.map(|p| p.lat),
            lon: l.point.map(|p| p.lon),
            services: l.amenities.iter().map(|a| a.as_str().to_owned()).collect(),
            opening_hours: l.opening_hours.clone(),
            distance_km: hit.distance_km.map(|d| (d * 100.0).round() / 100.0),
            is_open: hit.is_open,
            next_change: hit.next_change.map(|d| d.format("%Y-%m-%dT%H:%M:%S").to_string()),
        }
    }
}

/// Searches the directory.
#[utoipa::path(get, path = "/api/v1/listings", params(ListingParams), tag = "directory",
    responses((status = 200, description = "Results, best first", body = ListingPageDto),
              (status = 400, description = "Invalid parameters, with a message per field")))]
pub async fn api(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<ListingPageDto>, AppError> {
    let form = DirectoryForm::from_query(query.as_deref());
    let (request, _) = form.resolve(&state).await?.map_err(AppError::Invalid)?;
    let results = directory::search(&state.db, &state.search_index, state.clock.as_ref(), &request).await?;
    Ok(Json(ListingPageDto {
        items: results.hits.items.iter().map(ListingHitDto::from).collect(),
        total: results.hits.total,
        page: results.hits.page,
        per_page: results.hits.per_page,
        at: results.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        corrections: results.corrections,
    }))
}
