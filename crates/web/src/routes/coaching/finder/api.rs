//! `GET /api/v1/coaches` (the finder, with the page's filters as parameters) and
//! `GET /api/v1/coaches/{slug}` (a coach's profile and free slots for the next 14 days).

use super::query::FinderForm;
use super::search::{coach_slots, find};
use super::view::CoachCard;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::locale::locale_of;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use serde::Serialize;
use tremplin_domain::coaching::{Coach, CoachRepo, Slot};
use tremplin_interchange::event_jsonld::paris_iso;
use utoipa::{IntoParams, ToSchema};

/// Days of free slots in a coach's detail.
pub const DETAIL_DAYS: i64 = 14;

/// Parameters of the finder (the same as the page's).
#[derive(Debug, serde::Deserialize, IntoParams)]
// Read from the raw query string by the handler, so utoipa cannot infer where they are.
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FinderParams {
    /// `business` or `resident`: only coaches helping them.
    audience: Option<String>,
    /// Commune name or postcode: coaches serving it first, then by distance.
    place: Option<String>,
    /// Latitude (with `lon`), instead of `place`.
    lat: Option<f64>,
    /// Longitude.
    lon: Option<f64>,
    /// Wanted theme, repeatable (`theme=website&theme=security`): `website`, `visibility`,
    /// `social_networks`, `online_selling`, `security`, `online_administration`,
    /// `office_tools`, `digital_basics`.
    theme: Option<Vec<String>>,
    /// Language spoken (ISO 639-1: `fr`, `en`, `es`, `de`, `it`, `pt`, `ar`, `br`).
    language: Option<String>,
    /// `at_business`, `at_venue`, `phone` or `video`. Phone and video serve any place.
    modality: Option<String>,
}

/// A free slot.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotDto {
    /// Start, ISO 8601 with the Europe/Paris offset.
    pub starts_at: String,
    /// End, ISO 8601 with the offset.
    pub ends_at: String,
    /// Start, Unix seconds.
    pub starts_at_unix: i64,
    /// End, Unix seconds.
    pub ends_at_unix: i64,
    /// The booking form of this slot.
    pub booking_url: String,
}

impl SlotDto {
    fn new(coach: &Coach, slot: &Slot, base: &str) -> Self {
        SlotDto {
            starts_at: paris_iso(slot.starts_at),
            ends_at: paris_iso(slot.ends_at),
            starts_at_unix: slot.starts_at,
            ends_at_unix: slot.ends_at,
            booking_url: format!("{base}{}", super::view::booking_href(coach, slot)),
        }
    }
}

/// A coach's public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoachDto {
    /// Identifier.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Their page.
    pub url: String,
    /// Kind of structure: `cci`, `cma`, `city`, `local_authority`, `association`,
    /// `mediation_place`, `other`.
    pub structure_kind: String,
    /// Name of the structure.
    pub structure_name: String,
    /// Territory slug.
    pub territory: String,
    /// Presentation.
    pub presentation: String,
    /// Themes.
    pub themes: Vec<String>,
    /// Languages (ISO 639-1).
    pub languages: Vec<String>,
    /// `business`, `resident`.
    pub audiences: Vec<String>,
    /// Modalities.
    pub modalities: Vec<String>,
    /// Communes served (INSEE).
    pub zone_communes: Vec<String>,
    /// Radius served around the base, km.
    pub zone_radius_km: Option<f64>,
    /// Base commune (INSEE).
    pub base_insee: Option<String>,
    /// Accessibility.
    pub accessibility: String,
    /// Length of an appointment, minutes.
    pub appointment_minutes: u16,
}

impl CoachDto {
    fn new(coach: &Coach, base: &str) -> Self {
        CoachDto {
            slug: coach.slug.clone(),
            name: coach.display_name.clone(),
            url: format!("{base}/coachs/{}", coach.slug),
            structure_kind: coach.structure_kind.as_str().to_owned(),
            structure_name: coach.structure_name.clone(),
            territory: coach.territory_slug.clone(),
            presentation: coach.presentation.clone(),
            themes: coach.themes.clone(),
            languages: coach.languages.clone(),
            audiences: coach.audiences.iter().map(|a| a.as_str().to_owned()).collect(),
            modalities: coach.modalities.iter().map(|m| m.as_str().to_owned()).collect(),
            zone_communes: coach.zone_communes.clone(),
            zone_radius_km: coach.zone_radius_km,
            base_insee: coach.base_insee.clone(),
            accessibility: coach.accessibility.clone(),
            appointment_minutes: coach.rules.appointment_minutes,
        }
    }
}

/// A coach as the finder ranked them.
#[derive(Debug, Serialize, ToSchema)]
pub struct RankedCoachDto {
    /// The profile.
    pub coach: CoachDto,
    /// Wanted themes they cover.
    pub matched_themes: Vec<String>,
    /// Whether they serve the place (true without a place).
    pub serves_place: bool,
    /// Distance from the place to their base, km (one decimal).
    pub distance_km: Option<f64>,
    /// Next free slot.
    pub next_slot: Option<SlotDto>,
    /// Why they rank there, in one line, in the caller's language.
    pub explanation: String,
}

/// The finder's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct FinderDto {
    /// Coaches, best first.
    pub coaches: Vec<RankedCoachDto>,
}

/// A coach and their free slots.
#[derive(Debug, Serialize, ToSchema)]
pub struct CoachDetailDto {
    /// The profile.
    pub coach: CoachDto,
    /// Free slots of the next 14 days, by start.
    pub slots: Vec<SlotDto>,
}

/// Coaches for a need and a place, best first, each with their next free slot.
#[utoipa::path(get, path = "/api/v1/coaches", params(FinderParams), tag = "coaches",
    responses((status = 200, description = "Coaches ranked by theme match, place served, distance, next slot", body = FinderDto),
              (status = 400, description = "Invalid parameters, with a message per field")))]
pub async fn list(State(state): State<AppState>, headers: HeaderMap, RawQuery(query): RawQuery) -> Result<Json<FinderDto>, AppError> {
    let form = FinderForm::from_query(query.as_deref());
    let (query, _) = form.resolve(&state).await?.map_err(AppError::Invalid)?;
    let tr = Tr::new(locale_of(&headers));
    let base = state.config.base_url.trim_end_matches('/');
    let coaches = find(&state, &query)
        .await?
        .into_iter()
        .map(|ranked| {
            let matched_themes = ranked.matched_themes.clone();
            let distance_km = ranked.distance_km.map(|d| (d * 10.0).round() / 10.0);
            let card = CoachCard::new(&tr, ranked);
            RankedCoachDto {
                coach: CoachDto::new(&card.coach, base),
                matched_themes,
                serves_place: card.serves_place,
                distance_km,
                next_slot: card.next_slot.as_ref().map(|(slot, _, _)| SlotDto::new(&card.coach, slot, base)),
                explanation: card.explanation,
            }
        })
        .collect();
    Ok(Json(FinderDto { coaches }))
}

/// A coach's profile and free slots for the next 14 days.
#[utoipa::path(get, path = "/api/v1/coaches/{slug}", tag = "coaches",
    params(("slug" = String, Path, description = "Identifier of the coach")),
    responses((status = 200, description = "The coach and their free slots", body = CoachDetailDto),
              (status = 404, description = "No such coach, or not taking appointments")))]
pub async fn detail(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Json<CoachDetailDto>, AppError> {
    let coach = state.db.coach_by_slug(&slug).await?.filter(|c| c.active).ok_or(AppError::NotFound)?;
    let now = state.clock.now_ts();
    let slots = coach_slots(&state, &coach, now, now, now + DETAIL_DAYS * 86_400).await?;
    let base = state.config.base_url.trim_end_matches('/');
    Ok(Json(CoachDetailDto { slots: slots.iter().map(|s| SlotDto::new(&coach, s, base)).collect(), coach: CoachDto::new(&coach, base) }))
}
