//! `GET /offres/mes-propositions`: the offers an account submitted, with their status and the
//! manager's note; `POST …/{offer}/retirer` withdraws one (submitted or approved).

use super::private;
use super::submit::MINE_PATH;
use super::view::{OfferCard, today};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::ecosystem::offers::{OfferRepo, OfferStatus};

#[derive(Template)]
#[template(path = "ecosystem_offers/mine.html")]
struct MinePage {
    ctx: Ctx,
    offers: Vec<OfferCard>,
}

impl MinePage {
    fn withdrawable(&self, card: &OfferCard) -> bool {
        matches!(card.status, OfferStatus::Submitted | OfferStatus::Approved) && !card.expired
    }
}

/// The list.
pub async fn show(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let today = today(&state);
    let offers = state.db.submitted_offers(user.id).await?.iter().map(|o| OfferCard::new(&ctx.tr, o, &today)).collect();
    Ok(private(ok(&MinePage { ctx: ctx.with_form().await?, offers })))
}

/// Withdraws one of the account's offers.
pub async fn withdraw(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let offer = state.db.offer_by_slug(&slug).await?.filter(|o| o.submitted_by == Some(user.id)).ok_or(AppError::NotFound)?;
    let done = state.db.withdraw_offer(offer.id, "", state.clock.now_ts()).await?;
    flash::push(ctx.session(), if done { "eco-offer-withdrawn" } else { "eco-offer-not-withdrawable" }).await;
    Ok(Redirect::to(MINE_PATH).into_response())
}
