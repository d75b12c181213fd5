//! The agenda's filters, shared by the page `/ateliers`, the API `/api/v1/events` and the
//! iCalendar feeds, so that one URL query means the same everywhere:
//! `from` and `to` (dates, `YYYY-MM-DD`, Europe/Paris), `theme`, `audience`, `place`
//! (commune name or postcode: sessions in that commune, or within `radius_km` of it),
//! `lat`+`lon` with `radius_km` ("near me"), `free_seats=true`, `territory` (slug: sessions
//! organised by it or a territory inside it), `page`.

use crate::state::AppState;
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Europe::Paris;
use tremplin_domain::StoreResult;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::events::{Audience, EventFilter, is_theme};
use tremplin_domain::territories::{self, Place, TerritoryRepo, with_descendants};
use tremplin_kernel::GeoPoint;

/// Sessions per page of the agenda.
pub const PER_PAGE: u32 = 30;
/// Radius used with a place or "near me" when none is given, in km.
pub const DEFAULT_RADIUS_KM: f64 = 10.0;

/// The filters as typed (kept to fill the form again).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgendaForm {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Theme slug.
    pub theme: String,
    /// Audience.
    pub audience: String,
    /// Commune or postcode.
    pub place: String,
    /// Latitude ("near me").
    pub lat: String,
    /// Longitude ("near me").
    pub lon: String,
    /// Radius in km.
    pub radius_km: String,
    /// Only sessions with seats left.
    pub free_seats: bool,
    /// Territory slug.
    pub territory: String,
    /// Page.
    pub page: String,
}

impl AgendaForm {
    /// Reads a query string; never fails (bad values are reported by [`AgendaForm::resolve`]).
    pub fn from_query(raw: Option<&str>) -> Self {
        let pairs: Vec<(String, String)> = raw.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
        let mut form = AgendaForm::default();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "from" => form.from = value,
                "to" => form.to = value,
                "theme" => form.theme = value,
                "audience" => form.audience = value,
                "place" => form.place = value,
                "lat" => form.lat = value,
                "lon" => form.lon = value,
                "radius_km" => form.radius_km = value,
                "free_seats" => form.free_seats = matches!(value.as_str(), "true" | "1" | "on"),
                "territory" => form.territory = value,
                "page" => form.page = value,
                _ => {}
            }
        }
        form
    }

    /// The query string of these filters, without the page (for feeds and links).
    pub fn query(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for (key, value) in [
            ("from", &self.from),
            ("to", &self.to),
            ("theme", &self.theme),
            ("audience", &self.audience),
            ("place", &self.place),
            ("lat", &self.lat),
            ("lon", &self.lon),
            ("radius_km", &self.radius_km),
            ("territory", &self.territory),
        ] {
            if !value.is_empty() {
                pairs.push((key, value));
            }
        }
        if self.free_seats {
            pairs.push(("free_seats", "true"));
        }
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    /// The query string of these filters at another page.
    pub fn query_for_page(&self, page: u32) -> String {
        let base = self.query();
        if base.is_empty() { format!("page={page}") } else { format!("{base}&page={page}") }
    }

    /// Checks the values and turns them into a filter of sessions ending after `now` (the
    /// place looked up, the territory expanded to the territories inside it).
    pub async fn resolve(&self, state: &AppState, now: i64) -> StoreResult<Result<(EventFilter, Option<Place>), Vec<FieldError>>> {
        let mut errors = Vec::new();
        let mut filter = EventFilter { ends_after: now, limit: PER_PAGE, ..EventFilter::default() };
        let mut place = None;
        let day_start = |value: &str, field: &'static str, errors: &mut Vec<FieldError>| -> Option<i64> {
            let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
            let at = date.and_then(|d| d.and_hms_opt(0, 0, 0)).and_then(|d| Paris.from_local_datetime(&d).earliest());
            if at.is_none() {
                errors.push(FieldError { field, key: "event-error-date" });
            }
            at.map(|at| at.timestamp())
        };
        if !self.from.is_empty()
            && let Some(from) = day_start(&self.from, "from", &mut errors)
        {
            filter.ends_after = from.max(now);
        }
        if !self.to.is_empty()
            && let Some(to) = day_start(&self.to, "to", &mut errors)
        {
            // The whole last day.
            filter.starts_before = Some(to + 86_400);
        }
        if !self.theme.is_empty() {
            if is_theme(&self.theme) {
                filter.theme = Some(self.theme.clone());
            } else {
                errors.push(FieldError { field: "theme", key: "event-error-theme-unknown" });
            }
        }
        if !self.audience.is_empty() {
            match Audience::parse(&self.audience) {
                Some(a) => filter.audience = Some(a),
                None => errors.push(FieldError { field: "audience", key: "event-error-audience-unknown" }),
            }
        }
        let radius = if self.radius_km.is_empty() {
            None
        } else {
            match self.radius_km.replace(',', ".").parse::<f64>() {
                Ok(r) if (0.1..=200.0).contains(&r) => Some(r),
                _ => {
                    errors.push(FieldError { field: "radius_km", key: "error-radius" });
                    None
                }
            }
        };
        if !self.lat.is_empty() || !self.lon.is_empty() {
            match (self.lat.replace(',', ".").parse::<f64>(), self.lon.replace(',', ".").parse::<f64>()) {
                (Ok(lat), Ok(lon)) if GeoPoint::new(lat, lon).is_some() => {
                    filter.near = GeoPoint::new(lat, lon).map(|p| (p, radius.unwrap_or(DEFAULT_RADIUS_KM)));
                }
                _ => errors.push(FieldError { field: "lat", key: "error-coordinates" }),
            }
        } else if !self.place.is_empty() {
            match territories::search_places(&state.db, &self.place, 1).await?.into_iter().next() {
                Some(found) => {
                    match radius {
                        // With a radius: around the commune; without: in the commune.
                        Some(r) => filter.near = found.lat.zip(found.lon).and_then(|(lat, lon)| GeoPoint::new(lat, lon)).map(|p| (p, r)),
                        None => filter.communes = Some(vec![found.insee.clone()]),
                    }
                    place = Some(found);
                }
                None => errors.push(FieldError { field: "place", key: "error-place-unknown" }),
            }
        }
        filter.free_seats = self.free_seats;
        if !self.territory.is_empty() {
            match state.db.territory_by_slug(&self.territory).await? {
                Some(territory) => {
                    let all = state.db.list_territories().await?;
                    filter.territory_ids = Some(with_descendants(&all, territory.id));
                }
                None => errors.push(FieldError { field: "territory", key: "event-error-territory-unknown" }),
            }
        }
        if !self.page.is_empty() {
            match self.page.parse::<u32>() {
                Ok(p) if (1..=10_000).contains(&p) => filter.offset = (p - 1) * PER_PAGE,
                _ => errors.push(FieldError { field: "page", key: "error-page" }),
            }
        }
        Ok(if errors.is_empty() { Ok((filter, place)) } else { Err(errors) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_rebuilds_queries() {
        let form = AgendaForm::from_query(Some("theme=website&audience=seniors&free_seats=on&place=Angers&page=2&junk=1"));
        assert_eq!((form.theme.as_str(), form.audience.as_str(), form.free_seats), ("website", "seniors", true));
        assert_eq!(form.query(), "theme=website&audience=seniors&place=Angers&free_seats=true");
        let again = AgendaForm::from_query(Some(&form.query_for_page(3)));
        assert_eq!(again.page, "3");
        assert_eq!(AgendaForm { page: String::new(), ..again }, AgendaForm { page: String::new(), ..form });
    }
}
