//! `GET /api/v1/ecosystem/matches` (the matching, with the page's query as parameters) and
//! `GET /api/v1/ecosystem/actors/{slug}` (an actor's public profile). Neither ever carries
//! contact details.

use super::query::MatchForm;
use super::search::find;
use super::view::{ActorDto, explanation};
use crate::auth::AuthSession;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::locale::locale_of;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use serde::Serialize;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::ecosystem::ActorRepo;
use tremplin_kernel::Locale;
use utoipa::{IntoParams, ToSchema};

/// Parameters of the matching (the page's, with English names).
#[derive(Debug, serde::Deserialize, IntoParams)]
// Read from the raw query string by the handler, so utoipa cannot infer where they are.
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct MatchParams {
    /// The need (required): `mentoring`, `funding`, `premises`, `distribution`,
    /// `technical_skills`, `first_customers`, `digital`, `marketing`, `legal_advice`,
    /// `recruitment`, `training`, `suppliers`, `partnership`.
    need: String,
    /// Wanted sector: `retail`, `food`, `crafts`, `services`, `industry`, `agriculture`,
    /// `tourism`, `culture`, `health`, `digital`, `social_economy`.
    sector: Option<String>,
    /// The seeker's stage: `idea`, `launch`, `growth`, `established`.
    stage: Option<String>,
    /// Commune (INSEE code, postcode or name): distances from its town hall.
    commune: Option<String>,
    /// Latitude (with `lon`), instead of `commune`.
    lat: Option<f64>,
    /// Longitude.
    lon: Option<f64>,
    /// Only actors of this kind: `project`, `firm`, `mentor`, `funder`, `distributor`,
    /// `association`, `training_body`.
    kind: Option<String>,
    /// Only actors of this territory (slug) and of the territories within it.
    territory: Option<String>,
    /// Language of the explanations: `fr` (default) or `en`; else the Accept-Language header.
    lang: Option<String>,
}

/// An actor as the matching ranked it.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchDto {
    /// Its public profile.
    pub actor: ActorDto,
    /// Fit: 100 for offering the need in the vocabulary (10 for only mentioning it in free
    /// words), +40 for the sector, +20 for the stage, up to +15 for nearness.
    pub score: f64,
    /// Distance from the place given, km (one decimal).
    pub distance_km: Option<f64>,
    /// Why: `offers_need`, `mentions_need`, `same_sector`, `same_stage`, `distance`.
    pub reasons: Vec<String>,
    /// Why, in one line, in the caller's language.
    pub explanation: String,
}

/// The matching's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchesDto {
    /// The need asked.
    pub need: String,
    /// Actors, best first (the page's order).
    pub results: Vec<MatchDto>,
}

/// The language asked by `lang=`, else the header's.
fn language(raw: Option<&str>, headers: &HeaderMap) -> Tr {
    let asked: Option<Locale> = raw
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "lang"))
        .and_then(|(_, v)| Locale::parse(&v));
    Tr::new(asked.unwrap_or_else(|| locale_of(headers)))
}

/// The actors offering a need, best first, each with why.
#[utoipa::path(get, path = "/api/v1/ecosystem/matches", params(MatchParams), tag = "ecosystem",
    responses((status = 200, description = "Actors ranked by fit: vocabulary, sector, stage, distance", body = MatchesDto),
              (status = 400, description = "Invalid parameters, with a message per field"),
              (status = 404, description = "Unknown territory")))]
pub async fn matches(
    State(state): State<AppState>,
    headers: HeaderMap,
    auth: AuthSession,
    RawQuery(raw): RawQuery,
) -> Result<Json<MatchesDto>, AppError> {
    let form = MatchForm::from_query(raw.as_deref());
    let resolved = form.resolve(&state).await?.map_err(AppError::Invalid)?;
    let mut query =
        resolved.query.ok_or_else(|| AppError::Invalid(vec![FieldError { field: "need", key: "eco-actors-error-need-required" }]))?;
    if let Some(user) = &auth.user {
        query.exclude_actor = state.db.actor_by_user(user.0.id).await?.map(|a| a.id);
    }
    let tr = language(raw.as_deref(), &headers);
    let base = state.config.base_url.trim_end_matches('/');
    let results = find(&state, &query, resolved.territory_ids)
        .await?
        .iter()
        .map(|m| MatchDto {
            actor: ActorDto::new(&m.actor, base),
            score: m.score,
            distance_km: m.distance_km.map(|d| (d * 10.0).round() / 10.0),
            reasons: m.reasons.iter().map(|r| r.as_str().to_owned()).collect(),
            explanation: explanation(&tr, m, &query),
        })
        .collect();
    Ok(Json(MatchesDto { need: query.need.as_str().into(), results }))
}

/// An actor's public profile (never its contact details).
#[utoipa::path(get, path = "/api/v1/ecosystem/actors/{slug}", tag = "ecosystem",
    params(("slug" = String, Path, description = "Identifier of the actor")),
    responses((status = 200, description = "The actor's public profile", body = ActorDto),
              (status = 404, description = "No such actor, or hidden or suspended")))]
pub async fn actor(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Json<ActorDto>, AppError> {
    let actor = state.db.actor_by_slug(&slug).await?.filter(|a| a.is_active()).ok_or(AppError::NotFound)?;
    Ok(Json(ActorDto::new(&actor, state.config.base_url.trim_end_matches('/'))))
}
