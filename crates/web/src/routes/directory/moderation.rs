//! `GET /territoires/{slug}/moderation`: claims awaiting a decision and reports on listings of
//! the territory (and the territories in it), for its admins and managers; `POST` to decide.

use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, ok};
use crate::routes::events::staff::private;
use crate::routes::privacy::staff::log::record as record_read;
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::{AccountRepo, policy};
use tremplin_domain::directory::ownership::{self, OpenReport, OwnershipRepo, PendingClaim, PendingListing};
use tremplin_domain::privacy::{AccessKind, Subject};
use tremplin_domain::territories::{Territory, with_descendants};

#[derive(Template)]
#[template(path = "directory/moderation.html")]
struct ModerationPage {
    ctx: Ctx,
    territory: Territory,
    claims: Vec<PendingClaim>,
    reports: Vec<OpenReport>,
    proposals: Vec<PendingListing>,
}

/// The queue.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (territory, chain, all) = find_territory(&state, &slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    if !policy::can_view_team(&user, &grants, &chain.iter().map(|t| t.id).collect::<Vec<_>>()) {
        return Err(AppError::Forbidden);
    }
    let ids = with_descendants(&all, territory.id);
    let claims = state.db.pending_claims(&ids).await?;
    let reports = state.db.open_reports(&ids).await?;
    let proposals = state.db.pending_listings(&ids).await?;
    // Claimants' and reporters' addresses are personal data: logged under the territory
    // moderated (the rows do not say which commune inside it they belong to).
    let subjects: Vec<Subject> =
        claims
            .iter()
            .map(|c| Subject::by_email(Some(&c.claimant), ""))
            .chain(reports.iter().filter(|r| !r.contact.trim().is_empty()).map(|r| {
                if r.contact.contains('@') { Subject::by_email(Some(&r.contact), "") } else { Subject::by_email(None, &r.contact) }
            }))
            .collect();
    record_read(&state, &user, territory.id, AccessKind::Claims, &territory.slug, &subjects).await?;
    Ok(private(ok(&ModerationPage { ctx: ctx.with_form().await?, territory, claims, reports, proposals })))
}

/// A decision on a claim.
#[derive(Debug, Deserialize)]
pub struct Decision {
    decision: String,
}

/// Approves or rejects a claim.
pub async fn decide_claim(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, claim)): Path<(String, i64)>,
    Form(form): Form<Decision>,
) -> Result<Response, AppError> {
    let grants = state.db.grants_of(user.id).await?;
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::BadRequest("error-bad-request")),
    };
    ownership::decide_claim(&state.db, state.clock.as_ref(), &user, &grants, claim, approve).await?;
    flash::push(ctx.session(), if approve { "claim-approved-by-manager" } else { "claim-rejected" }).await;
    Ok(Redirect::to(&format!("/territoires/{slug}/moderation")).into_response())
}

/// Closes a report.
pub async fn close_report(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, report)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let grants = state.db.grants_of(user.id).await?;
    ownership::close_report(&state.db, state.clock.as_ref(), &user, &grants, report).await?;
    flash::push(ctx.session(), "report-closed").await;
    Ok(Redirect::to(&format!("/territoires/{slug}/moderation")).into_response())
}

/// A decision on a listing proposed by the public.
#[derive(Debug, Deserialize)]
pub struct ListingDecision {
    decision: String,
}

/// Publishes or rejects a proposed listing.
pub async fn decide_listing(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, listing)): Path<(String, i64)>,
    Form(form): Form<ListingDecision>,
) -> Result<Response, AppError> {
    let grants = state.db.grants_of(user.id).await?;
    let publish = match form.decision.as_str() {
        "publish" => true,
        "reject" => false,
        _ => return Err(AppError::BadRequest("error-bad-request")),
    };
    ownership::decide_proposal(&state.db, state.clock.as_ref(), &user, &grants, listing, publish).await?;
    flash::push(ctx.session(), if publish { "proposal-published" } else { "proposal-rejected" }).await;
    Ok(Redirect::to(&format!("/territoires/{slug}/moderation")).into_response())
}
