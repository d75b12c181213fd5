//! `GET|POST /ecosysteme/acteurs/{slug}/mise-en-relation`: ask an actor for an introduction.
//! Asking is the requester's consent; nothing of either side's contact is shared until the
//! recipient accepts. Invalid input is a 422, a limit (daily, pending, one per pair) a 429,
//! both with the message kept.

use super::access::{LIST_PATH, own_actor, party, party_of, private, to_profile};
use crate::auth::RequireUser;
use crate::client::ClientIp;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::rate_limit::{self, Limit};
use crate::routes::ecosystem::labels;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::User;
use tremplin_domain::ecosystem::introductions::{self, IntroError, RequestInput};
use tremplin_domain::ecosystem::{Actor, ActorRepo, ActorStatus, Topic};

#[derive(Template)]
#[template(path = "ecosystem_introductions/request.html")]
struct RequestPage {
    ctx: Ctx,
    recipient: Actor,
    input: RequestInput,
    errors: FormErrors,
    /// A limit's message, shown above the form.
    refusal: Option<&'static str>,
}

impl RequestPage {
    fn needs(&self) -> Vec<(&'static str, String)> {
        self.recipient.offers.iter().map(|t| (t.as_str(), labels::topic(&self.ctx.tr, *t))).collect()
    }
    fn kind_label(&self) -> String {
        labels::kind(&self.ctx.tr, self.recipient.kind)
    }
}

/// `?besoin=` preselects the need.
#[derive(Debug, Deserialize)]
pub struct NeedParam {
    besoin: Option<String>,
}

/// The form's fields.
#[derive(Debug, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    need: String,
    #[serde(default)]
    message: String,
}

/// The recipient (404 unless active) and the visitor's active actor, or where to send them.
async fn sides(state: &AppState, ctx: &Ctx, user: &User, slug: &str) -> Result<Result<(Actor, Actor), Response>, AppError> {
    let recipient = state.db.actor_by_slug(slug).await?.filter(Actor::is_active).ok_or(AppError::NotFound)?;
    let mine = match own_actor(state, user).await? {
        Some(actor) if actor.status == ActorStatus::Suspended => return Err(AppError::Forbidden),
        Some(actor) if actor.is_active() => actor,
        _ => return Ok(Err(to_profile(ctx).await)),
    };
    if mine.id == recipient.id {
        return Err(AppError::Forbidden);
    }
    Ok(Ok((mine, recipient)))
}

/// The form.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(param): Query<NeedParam>,
) -> Result<Response, AppError> {
    let (_, recipient) = match sides(&state, &ctx, &user, &slug).await? {
        Ok(sides) => sides,
        Err(redirect) => return Ok(redirect),
    };
    let need = param.besoin.and_then(|b| Topic::parse(&b)).filter(|t| recipient.offers.contains(t)).or(recipient.offers.first().copied());
    let input = RequestInput { need: need.map(|t| t.as_str().to_owned()).unwrap_or_default(), message: String::new() };
    let page = RequestPage { ctx: ctx.with_form().await?, recipient, input, errors: FormErrors::default(), refusal: None };
    Ok(private(ok(&page)))
}

/// Sends the request.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    ClientIp(client): ClientIp,
    Path(slug): Path<String>,
    Form(form): Form<RequestForm>,
) -> Result<Response, AppError> {
    let (mine, recipient) = match sides(&state, &ctx, &user, &slug).await? {
        Ok(sides) => sides,
        Err(redirect) => return Ok(redirect),
    };
    let recipient_party = party(&state, &recipient).await?.ok_or(AppError::NotFound)?;
    let input = RequestInput { need: form.need, message: form.message };
    if !rate_limit::allow(&state, Limit::IntroductionPerClient, client.as_deref()).await? {
        let page = RequestPage {
            ctx: ctx.with_form().await?,
            recipient,
            input,
            errors: FormErrors::default(),
            refusal: Some("rate-limit-introduction"),
        };
        return Ok(private(render(StatusCode::TOO_MANY_REQUESTS, &page)));
    }
    let outcome = introductions::request(
        &state.db,
        state.clock.as_ref(),
        Some(&mine),
        Some(party_of(&user, &mine)),
        &recipient,
        recipient_party,
        &input,
    )
    .await;
    let (status, errors, refusal) = match outcome {
        Ok(public_id) => {
            flash::push(ctx.session(), "eco-intro-sent").await;
            return Ok(Redirect::to(&format!("{LIST_PATH}/{public_id}")).into_response());
        }
        Err(IntroError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors(errors), None),
        Err(IntroError::Refused(refusal)) => (StatusCode::TOO_MANY_REQUESTS, FormErrors::default(), Some(refusal.key())),
        Err(IntroError::NoProfile) => return Ok(to_profile(&ctx).await),
        Err(other) => return Err(super::access::status_of(other)),
    };
    let page = RequestPage { ctx: ctx.with_form().await?, recipient, input, errors, refusal };
    Ok(private(render(status, &page)))
}
