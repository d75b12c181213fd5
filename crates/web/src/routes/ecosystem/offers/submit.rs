//! `GET|POST /offres/proposer`: a provider (any account) submits an offer for a territory of
//! the deployment. It is saved as submitted and shows nowhere until a manager approves it.
//! Invalid input is a 422 with the input kept and a message beside each field.

use super::view::{territory_choices, today};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::routes::ecosystem::labels;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::ecosystem::offer_form::OfferForm;
use tremplin_domain::ecosystem::offers::OfferRepo;
use tremplin_domain::ecosystem::{OfferCategory, Pricing};
use tremplin_domain::territories::{Territory, TerritoryRepo};
use tremplin_kernel::text::slugify;

/// The submission page.
pub const SUBMIT_PATH: &str = "/offres/proposer";
/// The page listing one's submissions.
pub const MINE_PATH: &str = "/offres/mes-propositions";

#[derive(Template)]
#[template(path = "ecosystem_offers/submit.html")]
struct SubmitPage {
    ctx: Ctx,
    form: OfferForm,
    errors: FormErrors,
    territories: Vec<Territory>,
}

impl SubmitPage {
    fn categories(&self) -> Vec<(&'static str, String)> {
        OfferCategory::ALL.iter().map(|c| (c.as_str(), labels::offer_category(&self.ctx.tr, *c))).collect()
    }
    fn pricings(&self) -> Vec<(&'static str, String)> {
        Pricing::ALL.iter().map(|p| (p.as_str(), labels::pricing(&self.ctx.tr, *p))).collect()
    }
}

async fn page(state: &AppState, ctx: Ctx, form: OfferForm, errors: FormErrors) -> Result<SubmitPage, AppError> {
    let territories = territory_choices(&state.db.list_territories().await?);
    Ok(SubmitPage { ctx: ctx.with_form().await?, form, errors, territories })
}

/// The empty form.
pub async fn show(State(state): State<AppState>, RequireUser(_user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let form = OfferForm { pricing: Pricing::Free.as_str().into(), ..OfferForm::default() };
    Ok(ok(&page(&state, ctx, form, FormErrors::default()).await?))
}

/// A free slug for a new offer: provider and title, numbered if taken.
async fn free_slug(state: &AppState, provider: &str, title: &str) -> Result<String, AppError> {
    let base = match slugify(&format!("{provider} {title}")) {
        s if s.is_empty() => "offre".to_owned(),
        s => s.chars().take(60).collect::<String>().trim_end_matches('-').to_owned(),
    };
    let mut slug = base.clone();
    let mut n = 2;
    while state.db.offer_slug_taken(&slug).await? {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}

/// Saves the submission.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = OfferForm::from_pairs(pairs);
    let all = state.db.list_territories().await?;
    let territory = territory_choices(&all).into_iter().find(|t| t.slug == form.territory);
    let today = NaiveDate::parse_from_str(&today(&state), "%Y-%m-%d").map_err(|e| AppError::Internal(format!("today: {e}")))?;
    let (territory, draft) = match (territory, form.validate(today)) {
        (Some(territory), Ok(draft)) => (territory, draft),
        (territory, checked) => {
            let mut errors = Vec::new();
            if territory.is_none() {
                errors.push(FieldError { field: "territory", key: "eco-offer-error-territory" });
            }
            errors.extend(checked.err().unwrap_or_default());
            let page = page(&state, ctx, form, FormErrors(errors)).await?;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let slug = free_slug(&state, &draft.provider, &draft.title).await?;
    if state.db.create_offer(territory.id, Some(user.id), &slug, &draft, state.clock.now_ts()).await?.is_none() {
        let errors = vec![FieldError { field: "title", key: "eco-offer-error-too-many" }];
        let page = page(&state, ctx, form, FormErrors(errors)).await?;
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    flash::push(ctx.session(), "eco-offer-submitted").await;
    Ok(Redirect::to(MINE_PATH).into_response())
}
