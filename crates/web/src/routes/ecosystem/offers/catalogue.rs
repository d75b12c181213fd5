//! `GET /offres`: the neutral catalogue of current partner offers, filtered by territory and
//! category with a plain GET form. A territory's catalogue holds the offers approved for it
//! and for the territories containing it (a department's offer holds in its communes).

use super::view::{GroupView, territory_choices, today};
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::ecosystem::labels;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::ecosystem::OfferCategory;
use tremplin_domain::ecosystem::catalogue::{CategoryGroup, neutral_order};
use tremplin_domain::ecosystem::offers::OfferRepo;
use tremplin_domain::territories::{Territory, TerritoryRepo, ancestry};
use utoipa::IntoParams;

/// The filters, as the page's form and the API take them.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct CatalogueParams {
    /// Slug of a territory: offers approved for it and for the territories containing it.
    pub territory: Option<String>,
    /// A category: `website`, `online_shop`, `payment`, `booking`, `accounting`, `office`,
    /// `marketing`, `security`, `training`.
    pub category: Option<String>,
}

/// Why filters cannot be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterError {
    /// No such category.
    UnknownCategory,
    /// No such territory.
    UnknownTerritory,
}

/// The catalogue for the filters: the territory chosen (if any), the category chosen (if
/// any) and the current offers in the neutral order.
pub struct Catalogue {
    /// The territory chosen.
    pub territory: Option<Territory>,
    /// The category chosen.
    pub category: Option<OfferCategory>,
    /// The offers, grouped and ordered.
    pub groups: Vec<CategoryGroup>,
    /// Every territory (for the selector).
    pub all: Vec<Territory>,
}

/// Applies the filters.
pub async fn load(state: &AppState, params: &CatalogueParams) -> Result<Result<Catalogue, FilterError>, AppError> {
    let wanted = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    let category = match wanted(&params.category) {
        Some(raw) => match OfferCategory::parse(&raw) {
            Some(c) => Some(c),
            None => return Ok(Err(FilterError::UnknownCategory)),
        },
        None => None,
    };
    let all = state.db.list_territories().await?;
    let territory = match wanted(&params.territory) {
        Some(slug) => match all.iter().find(|t| t.slug == slug) {
            Some(t) => Some(t.clone()),
            None => return Ok(Err(FilterError::UnknownTerritory)),
        },
        None => None,
    };
    let chain: Option<Vec<i64>> = territory.as_ref().map(|t| ancestry(&all, t.id).iter().map(|a| a.id).collect());
    let offers = state.db.current_offers(chain.as_deref(), category, &today(state)).await?;
    Ok(Ok(Catalogue { territory, category, groups: neutral_order(offers), all }))
}

#[derive(Template)]
#[template(path = "ecosystem_offers/catalogue.html")]
struct CataloguePage {
    ctx: Ctx,
    territories: Vec<Territory>,
    territory: String,
    category: String,
    groups: Vec<GroupView>,
    count: usize,
}

impl CataloguePage {
    fn categories(&self) -> Vec<(&'static str, String)> {
        OfferCategory::ALL.iter().map(|c| (c.as_str(), labels::offer_category(&self.ctx.tr, *c))).collect()
    }
}

/// The page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Query(params): Query<CatalogueParams>) -> Result<Response, AppError> {
    let catalogue = match load(&state, &params).await? {
        Ok(catalogue) => catalogue,
        Err(FilterError::UnknownCategory) => return Err(AppError::BadRequest("eco-offer-error-category")),
        Err(FilterError::UnknownTerritory) => return Err(AppError::NotFound),
    };
    let today = today(&state);
    let groups: Vec<GroupView> = catalogue.groups.iter().map(|g| GroupView::new(&ctx.tr, g, &today)).collect();
    let count = catalogue.groups.iter().map(|g| g.open_source.len() + g.free.len() + g.preferential.len()).sum();
    Ok(ok(&CataloguePage {
        territories: territory_choices(&catalogue.all),
        territory: catalogue.territory.map(|t| t.slug).unwrap_or_default(),
        category: catalogue.category.map(|c| c.as_str().to_owned()).unwrap_or_default(),
        groups,
        count,
        ctx,
    }))
}
