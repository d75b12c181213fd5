//! What every page of introductions needs: the visitor's own actor, a side of an
//! introduction as the e-mails need it, the introduction seen by one of its sides (404 for
//! anyone else), and the `no-store` header of personal pages.

use crate::error::AppError;
use crate::flash;
use crate::pages::Ctx;
use crate::state::AppState;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::ecosystem::introductions::{IntroError, IntroRepo, Introduction, Party, Side};
use tremplin_domain::ecosystem::{Actor, ActorRepo};

/// The profile form (part A), where a visitor without a profile is sent.
pub const PROFILE_PATH: &str = "/ecosysteme/profil";
/// The list of a visitor's introductions.
pub const LIST_PATH: &str = "/ecosysteme/mises-en-relation";

/// Marks a response as personal: never stored by a cache.
pub fn private(mut response: Response) -> Response {
    response.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-store"));
    response
}

/// An actor as a side of an introduction, with its account's address and language.
pub async fn party(state: &AppState, actor: &Actor) -> Result<Option<Party>, AppError> {
    let Some(user) = state.db.user_by_id(actor.user_id).await? else { return Ok(None) };
    Ok(Some(party_of(&user, actor)))
}

/// [`party`] when the account is at hand.
pub fn party_of(user: &User, actor: &Actor) -> Party {
    Party {
        actor_id: actor.id,
        user_id: user.id,
        slug: actor.slug.clone(),
        name: actor.name.clone(),
        mail_to: user.email.as_str().to_owned(),
        locale: user.locale,
    }
}

/// An introduction and the side `user` is on; 404 when there is none or they are on neither.
pub async fn seen_by(state: &AppState, user: &User, public_id: &str) -> Result<(Introduction, Side), AppError> {
    let intro = state.db.introduction(public_id).await?.ok_or(AppError::NotFound)?;
    let side = intro.side_of_user(user.id).ok_or(AppError::NotFound)?;
    Ok((intro, side))
}

/// The visitor's actor (any status).
pub async fn own_actor(state: &AppState, user: &User) -> Result<Option<Actor>, AppError> {
    Ok(state.db.actor_by_user(user.id).await?)
}

/// Sends a visitor without an active profile to the profile form, with a message.
pub async fn to_profile(ctx: &Ctx) -> Response {
    flash::push(ctx.session(), "eco-intro-need-profile").await;
    Redirect::to(PROFILE_PATH).into_response()
}

/// The page for errors that are not about the form's input.
pub fn status_of(error: IntroError) -> AppError {
    match error {
        IntroError::Forbidden => AppError::Forbidden,
        IntroError::Closed => AppError::BadRequest("eco-intro-error-closed"),
        IntroError::Store(e) => e.into(),
        IntroError::NoProfile | IntroError::Invalid(_) | IntroError::Refused(_) => AppError::BadRequest("error-invalid-form"),
    }
}
