//! `GET|POST /ecosysteme/profil`: the logged-in account creates its one profile, or edits it.
//! The domain checks the fields (`ecosystem::profile`); this looks up the commune (INSEE
//! code, postcode or name) and the listing (one the account owns), places the actor (the
//! listing's position, else the commune's town hall) and, for a new profile, finds its
//! territory: the smallest of this deployment that covers the commune.

use super::query::commune_of;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::routes::ecosystem::labels::Vocabulary;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::{FieldError, User};
use tremplin_domain::directory::DirectoryRepo;
use tremplin_domain::directory::ownership::OwnershipRepo;
use tremplin_domain::ecosystem::profile::ProfileInput;
use tremplin_domain::ecosystem::{Actor, ActorProfile, ActorRepo};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::text::slugify;

/// The profile form.
pub const PROFILE_PATH: &str = "/ecosysteme/profil";

#[derive(Template)]
#[template(path = "ecosystem_actors/profile.html")]
struct ProfilePage {
    ctx: Ctx,
    /// The vocabularies the form lists.
    vocab: Vocabulary,
    input: ProfileInput,
    errors: FormErrors,
    /// The profile being edited (none: creating).
    actor: Option<Actor>,
    /// The account's listings: slug, name.
    listings: Vec<(String, String)>,
}

/// A free slug for a new actor: the name's, numbered if taken.
async fn free_slug(state: &AppState, name: &str) -> Result<String, AppError> {
    let base = match slugify(name) {
        s if s.is_empty() => "acteur".to_owned(),
        s => s.chars().take(60).collect(),
    };
    let mut slug = base.clone();
    let mut n = 2;
    while state.db.actor_slug_taken(&slug).await? {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}

async fn form_page(
    state: &AppState,
    ctx: Ctx,
    user: &User,
    actor: Option<Actor>,
    input: ProfileInput,
    errors: FormErrors,
) -> Result<ProfilePage, AppError> {
    let listings = state.db.owned_listings(user.id).await?;
    let ctx = ctx.with_form().await?;
    Ok(ProfilePage { vocab: Vocabulary::new(ctx.tr), ctx, input, errors, actor, listings })
}

/// The form, filled with the profile (or blank).
pub async fn show(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let actor = state.db.actor_by_user(user.id).await?;
    let input = match &actor {
        Some(actor) => ProfileInput::of(actor, &state.db.actor_contact(actor.id).await?.unwrap_or_default()),
        None => ProfileInput::blank(&user.display_name, user.email.as_str()),
    };
    Ok(super::private(ok(&form_page(&state, ctx, &user, actor, input, FormErrors::default()).await?)))
}

/// The commune, listing, position and (for a new profile) territory of a checked profile;
/// the errors of those fields otherwise.
async fn place(
    state: &AppState,
    user: &User,
    input: &ProfileInput,
    profile: &mut ActorProfile,
    creating: bool,
) -> Result<Result<Option<i64>, Vec<FieldError>>, AppError> {
    let mut errors = Vec::new();
    let mut point = None;
    if !input.listing.is_empty() {
        match state.db.listing_by_slug(&input.listing).await? {
            Some(listing) if state.db.is_owner(listing.id, user.id).await? => {
                profile.listing_id = Some(listing.id);
                profile.insee.clone_from(&listing.insee);
                point = listing.point;
            }
            _ => errors.push(FieldError { field: "listing", key: "eco-actors-error-listing" }),
        }
    }
    if !input.commune.is_empty() {
        match commune_of(state, &input.commune).await? {
            Some(found) => {
                // The listing's own commune wins: its position is the listing's.
                if profile.listing_id.is_none() || profile.insee.is_none() {
                    profile.insee = Some(found.insee);
                    point = point.or(found.point);
                }
            }
            None => errors.push(FieldError { field: "commune", key: "eco-actors-error-commune-unknown" }),
        }
    } else if profile.listing_id.is_some() && profile.insee.is_none() {
        errors.push(FieldError { field: "commune", key: "eco-actors-error-commune-required" });
    }
    if point.is_none()
        && let Some(insee) = &profile.insee
    {
        point = state.db.commune(insee).await?.and_then(|c| c.point);
    }
    profile.latitude = point.map(|p| p.lat);
    profile.longitude = point.map(|p| p.lon);
    let mut territory = None;
    if creating
        && errors.is_empty()
        && let Some(insee) = &profile.insee
    {
        match state.db.territory_of_commune(insee).await? {
            Some(t) => territory = Some(t.id),
            None => errors.push(FieldError { field: "commune", key: "eco-actors-error-territory" }),
        }
    }
    Ok(if errors.is_empty() { Ok(territory) } else { Err(errors) })
}

/// Saves (or creates) the profile.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let actor = state.db.actor_by_user(user.id).await?;
    let input = ProfileInput::from_pairs(pairs);
    let parsed = input.parse();
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    let mut profile = parsed.unwrap_or_default();
    let territory = match place(&state, &user, &input, &mut profile, actor.is_none()).await? {
        Ok(territory) => territory,
        Err(more) => {
            for error in more {
                if !errors.iter().any(|x| x.field == error.field) {
                    errors.push(error);
                }
            }
            None
        }
    };
    if !errors.is_empty() {
        let page = form_page(&state, ctx, &user, actor, input, FormErrors(errors)).await?;
        return Ok(super::private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)));
    }
    let now = state.clock.now_ts();
    let slug = match (&actor, territory) {
        (Some(actor), _) => {
            state.db.update_actor(actor.id, &profile, now).await?;
            actor.slug.clone()
        }
        (None, Some(territory)) => {
            let slug = free_slug(&state, &profile.name).await?;
            state.db.create_actor(user.id, territory, &slug, &profile, now).await?;
            slug
        }
        (None, None) => return Err(AppError::Internal("a new profile without a territory".into())),
    };
    flash::push(ctx.session(), "eco-actors-profile-saved").await;
    Ok(Redirect::to(&format!("/ecosysteme/acteurs/{slug}")).into_response())
}
