//! `GET /offres/{offer}`: one offer. Anyone sees a current offer; its submitter and the
//! moderators of its territory also see it before approval and after its end (with its
//! status); to anyone else it does not exist.

use super::private;
use super::view::{OfferCard, today};
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::ecosystem::access::moderates;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::ecosystem::offers::OfferRepo;

#[derive(Template)]
#[template(path = "ecosystem_offers/detail.html")]
struct DetailPage {
    ctx: Ctx,
    offer: OfferCard,
    /// Shown because it is current (not only to its submitter or a moderator).
    public: bool,
}

/// The page.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let offer = state.db.offer_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let today = today(&state);
    let card = OfferCard::new(&ctx.tr, &offer, &today);
    if offer.is_current(&today) {
        return Ok(ok(&DetailPage { ctx, offer: card, public: true }));
    }
    let Some(user) = ctx.user.clone() else { return Err(AppError::NotFound) };
    if offer.submitted_by == Some(user.id) || moderates(&state, &user, offer.territory_id).await? {
        return Ok(private(ok(&DetailPage { ctx, offer: card, public: false })));
    }
    Err(AppError::NotFound)
}
