//! `GET /coachs/{slug}`: a coach's public page: the profile, then the free slots of two weeks
//! grouped by local day (Europe/Paris), each a link to the booking form; `?semaine=` moves
//! by weeks (plain links). An inactive or unknown coach is a 404.

use super::search::coach_slots;
use super::view::{booking_href, language_label, modality_label, slot_time, structure_of};
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::events::view::{day_key, day_label, theme_label};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::Duration;
use serde::Deserialize;
use tremplin_domain::coaching::slots::{local_date, local_instant};
use tremplin_domain::coaching::{Coach, CoachRepo, Slot};
use tremplin_domain::territories::TerritoryRepo;

/// Weeks shown at once.
pub const WEEKS_SHOWN: i64 = 2;

/// Free slots of one local day.
pub struct SlotDay {
    /// "Mardi 01/12/2026".
    pub label: String,
    /// Each slot: its start ("10:15") and its booking link.
    pub slots: Vec<(String, String)>,
}

/// Groups slots (sorted) by local day.
pub fn by_day(tr: &crate::i18n::Tr, coach: &Coach, slots: &[Slot]) -> Vec<SlotDay> {
    let mut days: Vec<(String, SlotDay)> = Vec::new();
    for slot in slots {
        let key = day_key(slot.starts_at);
        if days.last().is_none_or(|(k, _)| *k != key) {
            days.push((key, SlotDay { label: day_label(tr, slot.starts_at), slots: Vec::new() }));
        }
        if let Some((_, day)) = days.last_mut() {
            day.slots.push((slot_time(slot), booking_href(coach, slot)));
        }
    }
    days.into_iter().map(|(_, d)| d).collect()
}

/// The window of week `week` (0 = from today): local midnight of its first day, and of the
/// day after its last, as instants.
pub fn window(now: i64, week: i64) -> (i64, i64) {
    let first = local_date(now) + Duration::days(7 * week);
    let after = first + Duration::days(7 * WEEKS_SHOWN);
    // Midnight always exists in Europe/Paris (changes happen at 02:00 and 03:00).
    (local_instant(first, 0).unwrap_or(now), local_instant(after, 0).unwrap_or(now + 7 * WEEKS_SHOWN * 86_400))
}

#[derive(Template)]
#[template(path = "coaching_finder/coach.html")]
struct CoachPage {
    ctx: Ctx,
    coach: Coach,
    structure: String,
    themes: Vec<String>,
    languages: Vec<String>,
    modalities: Vec<String>,
    communes: Vec<String>,
    days: Vec<SlotDay>,
    earlier: Option<i64>,
    later: Option<i64>,
}

impl CoachPage {
    /// "Within 20 km of Angers".
    fn radius(&self) -> Option<String> {
        let radius = self.coach.zone_radius_km?;
        let base = self.coach.base_commune.clone()?;
        Some(self.ctx.tr.args("finder-zone-radius", &[("km", radius.to_string()), ("place", base)]))
    }
    /// The accessible name of a slot's link: "Book Tuesday 01/12/2026 at 10:15".
    fn book_at(&self, day: &str, time: &str) -> String {
        self.ctx.tr.args("finder-book-at", &[("day", day.to_owned()), ("time", time.to_owned())])
    }
    /// "60 minutes".
    fn length(&self) -> String {
        self.ctx.tr.tn("finder-minutes", "count", i64::from(self.coach.rules.appointment_minutes))
    }
}

/// `?semaine=`: weeks from this one.
#[derive(Debug, Deserialize)]
pub struct WeekParams {
    semaine: Option<String>,
}

/// The week offset asked for, within the coach's horizon; a bad value is a 400.
pub fn week_of(raw: Option<&str>, coach: &Coach) -> Result<i64, AppError> {
    let last = i64::from(coach.rules.horizon_days) / 7;
    match raw.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(0),
        Some(v) => v.parse::<i64>().ok().filter(|w| (0..=last.max(0)).contains(w)).ok_or(AppError::BadRequest("finder-error-week")),
    }
}

/// The page.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(params): Query<WeekParams>,
) -> Result<Response, AppError> {
    let coach = state.db.coach_by_slug(&slug).await?.filter(|c| c.active).ok_or(AppError::NotFound)?;
    let week = week_of(params.semaine.as_deref(), &coach)?;
    let now = state.clock.now_ts();
    let (from, until) = window(now, week);
    let slots = coach_slots(&state, &coach, now, from, until).await?;
    let last = i64::from(coach.rules.horizon_days) / 7;
    let communes = state.db.communes_in(&coach.zone_communes).await?.into_iter().map(|c| c.name).collect();
    let tr = &ctx.tr;
    let page = CoachPage {
        structure: structure_of(tr, &coach),
        themes: coach.themes.iter().map(|t| theme_label(tr, t)).collect(),
        languages: coach.languages.iter().map(|l| language_label(tr, l)).collect(),
        modalities: coach.modalities.iter().map(|m| modality_label(tr, *m)).collect(),
        communes,
        days: by_day(tr, &coach, &slots),
        earlier: (week > 0).then(|| (week - WEEKS_SHOWN).max(0)),
        later: (week + WEEKS_SHOWN <= last).then_some(week + WEEKS_SHOWN),
        coach,
        ctx,
    };
    Ok(ok(&page))
}
