//! `GET /territoires/{slug}/offres`: the managers' review of the partner offers of a
//! territory and the territories in it: submitted ones to approve or reject (a note is
//! required to reject), approved ones with their end date (expired ones marked) to withdraw,
//! and the others. The submitter is e-mailed the decision, in the decision's transaction.

use super::private;
use super::view::{OfferCard, today};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, ok, render};
use crate::routes::ecosystem::access::moderated_territory;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::ecosystem::offer_form::MEDIUM_TEXT;
use tremplin_domain::ecosystem::offers::{OfferRepo, OfferStatus, PartnerOffer, decision_mail};
use tremplin_domain::territories::Territory;

#[derive(Template)]
#[template(path = "ecosystem_offers/review.html")]
struct ReviewPage {
    ctx: Ctx,
    territory: Territory,
    submitted: Vec<OfferCard>,
    approved: Vec<OfferCard>,
    others: Vec<OfferCard>,
    /// The offer whose decision was refused, and why (translation key).
    error: Option<(String, &'static str)>,
    /// The note typed with a refused decision.
    note: String,
}

impl ReviewPage {
    fn error_for(&self, slug: &str) -> Option<&'static str> {
        self.error.as_ref().filter(|(s, _)| s == slug).map(|(_, key)| *key)
    }
    fn note_for(&self, slug: &str) -> &str {
        if self.error_for(slug).is_some() { &self.note } else { "" }
    }
}

/// The territory, checked against the user's rights, with the ids it covers.
async fn page(
    state: &AppState,
    ctx: Ctx,
    territory: Territory,
    ids: &[i64],
    error: Option<(String, &'static str)>,
    note: String,
) -> Result<ReviewPage, AppError> {
    let today = today(state);
    let offers = state.db.territory_offers(ids).await?;
    let cards = |status: OfferStatus| -> Vec<OfferCard> {
        offers.iter().filter(|o| o.status == status).map(|o| OfferCard::new(&ctx.tr, o, &today)).collect()
    };
    let (submitted, approved) = (cards(OfferStatus::Submitted), cards(OfferStatus::Approved));
    let others = offers
        .iter()
        .filter(|o| matches!(o.status, OfferStatus::Rejected | OfferStatus::Withdrawn))
        .map(|o| OfferCard::new(&ctx.tr, o, &today))
        .collect();
    Ok(ReviewPage { ctx: ctx.with_form().await?, territory, submitted, approved, others, error, note })
}

/// The queue.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (territory, ids) = moderated_territory(&state, &user, &slug).await?;
    Ok(private(ok(&page(&state, ctx, territory, &ids, None, String::new()).await?)))
}

/// An offer of the reviewed territory (or one in it).
async fn offer_in(state: &AppState, ids: &[i64], offer: &str) -> Result<PartnerOffer, AppError> {
    state.db.offer_by_slug(offer).await?.filter(|o| ids.contains(&o.territory_id)).ok_or(AppError::NotFound)
}

/// A manager's decision.
#[derive(Debug, Deserialize)]
pub struct Decision {
    decision: String,
    #[serde(default)]
    note: String,
}

/// Approves or rejects a submitted offer.
pub async fn decide(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, offer)): Path<(String, String)>,
    Form(form): Form<Decision>,
) -> Result<Response, AppError> {
    let (territory, ids) = moderated_territory(&state, &user, &slug).await?;
    let offer = offer_in(&state, &ids, &offer).await?;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::BadRequest("error-bad-request")),
    };
    let note = form.note.trim().to_owned();
    let refused = if !approve && note.is_empty() {
        Some("eco-offer-error-note")
    } else if note.chars().count() > MEDIUM_TEXT {
        Some("eco-offer-error-too-long")
    } else {
        None
    };
    if let Some(key) = refused {
        let page = page(&state, ctx, territory, &ids, Some((offer.slug.clone(), key)), note).await?;
        return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)));
    }
    let submitter = match offer.submitted_by {
        Some(id) => state.db.user_by_id(id).await?,
        None => None,
    };
    let mail = move |decided: &PartnerOffer| submitter.map(|u| decision_mail(decided, approve, u.email, u.locale));
    let done = state.db.decide_offer(offer.id, approve, &note, user.id, state.clock.now_ts(), mail).await?;
    let key = match (done, approve) {
        (false, _) => "eco-offer-already-decided",
        (true, true) => "eco-offer-approved",
        (true, false) => "eco-offer-rejected",
    };
    flash::push(ctx.session(), key).await;
    Ok(Redirect::to(&format!("/territoires/{slug}/offres")).into_response())
}

/// A withdrawal by a manager.
#[derive(Debug, Deserialize)]
pub struct Withdrawal {
    #[serde(default)]
    note: String,
}

/// Withdraws an offer (submitted or approved) from the catalogue.
pub async fn withdraw(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, offer)): Path<(String, String)>,
    Form(form): Form<Withdrawal>,
) -> Result<Response, AppError> {
    let (_, ids) = moderated_territory(&state, &user, &slug).await?;
    let offer = offer_in(&state, &ids, &offer).await?;
    let note: String = form.note.trim().chars().take(MEDIUM_TEXT).collect();
    let done = state.db.withdraw_offer(offer.id, &note, state.clock.now_ts()).await?;
    flash::push(ctx.session(), if done { "eco-offer-withdrawn" } else { "eco-offer-not-withdrawable" }).await;
    Ok(Redirect::to(&format!("/territoires/{slug}/offres")).into_response())
}
