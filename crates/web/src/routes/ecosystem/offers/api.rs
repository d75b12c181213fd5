//! `GET /api/v1/ecosystem/offers`: the current partner offers in the catalogue's neutral
//! grouping and order, each saying what data the provider receives.

use super::catalogue::{CatalogueParams, FilterError, load};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::locale::locale_of;
use crate::routes::ecosystem::labels;
use crate::routes::events::api::error;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tremplin_domain::ecosystem::offers::PartnerOffer;
use utoipa::ToSchema;

/// A partner offer.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferDto {
    /// Identifier.
    pub slug: String,
    /// Its page on this site.
    pub page_url: String,
    /// Who offers it.
    pub provider: String,
    /// Title.
    pub title: String,
    /// The need it answers (category identifier).
    pub category: String,
    /// What the business gets.
    pub description: String,
    /// `free` or `preferential`.
    pub pricing: String,
    /// The price or discount (empty when free).
    pub price_terms: String,
    /// Who may use it, and how.
    pub conditions: String,
    /// What data the provider receives, in its own words.
    pub data_shared: String,
    /// Free and open-source software.
    pub open_source: bool,
    /// Its licence (empty unless open source).
    pub licence: String,
    /// The provider's page for the offer.
    pub url: String,
    /// First day, Europe/Paris, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day included, Europe/Paris, `YYYY-MM-DD`.
    pub ends_on: String,
    /// Slug of the territory that approved it.
    pub territory: String,
}

impl OfferDto {
    fn new(offer: &PartnerOffer, base: &str) -> Self {
        let d = &offer.draft;
        OfferDto {
            slug: offer.slug.clone(),
            page_url: format!("{base}/offres/{}", offer.slug),
            provider: d.provider.clone(),
            title: d.title.clone(),
            category: d.category.as_str().to_owned(),
            description: d.description.clone(),
            pricing: d.pricing.as_str().to_owned(),
            price_terms: d.price_terms.clone(),
            conditions: d.conditions.clone(),
            data_shared: d.data_shared.clone(),
            open_source: d.open_source,
            licence: d.licence.clone(),
            url: d.url.clone(),
            starts_on: d.starts_on.clone(),
            ends_on: d.ends_on.clone(),
            territory: offer.territory_slug.clone(),
        }
    }
}

/// The offers answering one need, in three columns.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferCategoryDto {
    /// Category identifier.
    pub category: String,
    /// Its label in the caller's language.
    pub label: String,
    /// Free and open-source options, by provider then title.
    pub open_source: Vec<OfferDto>,
    /// Free options (not open source), by provider then title.
    pub free: Vec<OfferDto>,
    /// Preferential rates (not open source), by provider then title.
    pub preferential: Vec<OfferDto>,
}

/// The catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferCatalogueDto {
    /// How the order is made, in the caller's language (no place can be bought).
    pub order: String,
    /// Categories having offers, in the vocabulary's order.
    pub categories: Vec<OfferCategoryDto>,
}

/// Current partner offers, neutral order.
#[utoipa::path(get, path = "/api/v1/ecosystem/offers", params(CatalogueParams), tag = "ecosystem",
    responses((status = 200, description = "Approved current offers grouped by category, then open source / free / preferential, \
                                            each column alphabetical by provider then title", body = OfferCatalogueDto),
              (status = 400, description = "Unknown category"),
              (status = 404, description = "Unknown territory")))]
pub async fn list(State(state): State<AppState>, headers: HeaderMap, Query(params): Query<CatalogueParams>) -> Result<Response, AppError> {
    let locale = locale_of(&headers);
    let catalogue = match load(&state, &params).await? {
        Ok(catalogue) => catalogue,
        Err(FilterError::UnknownCategory) => {
            return Ok(error(StatusCode::BAD_REQUEST, locale, "eco-offer-error-category", &[("category", "eco-offer-error-category")]));
        }
        Err(FilterError::UnknownTerritory) => return Ok(error(StatusCode::NOT_FOUND, locale, "error-not-found", &[])),
    };
    let tr = Tr::new(locale);
    let base = state.config.base_url.trim_end_matches('/');
    let dtos = |offers: &[PartnerOffer]| offers.iter().map(|o| OfferDto::new(o, base)).collect();
    let categories = catalogue
        .groups
        .iter()
        .map(|g| OfferCategoryDto {
            category: g.category.as_str().to_owned(),
            label: labels::offer_category(&tr, g.category),
            open_source: dtos(&g.open_source),
            free: dtos(&g.free),
            preferential: dtos(&g.preferential),
        })
        .collect();
    Ok(Json(OfferCatalogueDto { order: tr.t("eco-offer-order"), categories }).into_response())
}
