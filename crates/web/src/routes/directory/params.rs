//! The search parameters of the directory, shared by the page and the API so that both
//! accept the same URLs: `q`, `place`, `lat`+`lon`, `radius_km`, `category`, `kind`,
//! `service` (repeatable), `open_now=true`, `open_at=YYYY-MM-DDTHH:MM`, `page`.

use crate::state::AppState;
use chrono::NaiveDateTime;
use tremplin_domain::StoreResult;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::directory::{Amenity, DirectoryRepo, ListingKind, OpenFilter, SearchRequest};
use tremplin_domain::territories::{self, Place};
use tremplin_kernel::GeoPoint;

/// The parameters as typed (kept to fill the form again).
#[derive(Debug, Clone, Default)]
pub struct DirectoryForm {
    /// Words.
    pub q: String,
    /// Commune or postcode.
    pub place: String,
    /// Latitude ("near me").
    pub lat: String,
    /// Longitude ("near me").
    pub lon: String,
    /// Radius in km.
    pub radius_km: String,
    /// Category slug.
    pub category: String,
    /// Kind.
    pub kind: String,
    /// Services.
    pub services: Vec<String>,
    /// Open now.
    pub open_now: bool,
    /// Open at a local date-time.
    pub open_at: String,
    /// Page.
    pub page: String,
}

/// Results per page.
pub const PER_PAGE: u32 = 20;

impl DirectoryForm {
    /// Reads a query string; never fails (bad values are reported by [`DirectoryForm::resolve`]).
    pub fn from_query(raw: Option<&str>) -> Self {
        let pairs: Vec<(String, String)> = raw.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
        let mut form = DirectoryForm::default();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "q" => form.q = value,
                "place" => form.place = value,
                "lat" => form.lat = value,
                "lon" => form.lon = value,
                "radius_km" => form.radius_km = value,
                "category" => form.category = value,
                "kind" => form.kind = value,
                "service" if !value.is_empty() && !form.services.contains(&value) => form.services.push(value),
                "open_now" => form.open_now = matches!(value.as_str(), "true" | "1" | "on"),
                "open_at" => form.open_at = value,
                "page" => form.page = value,
                _ => {}
            }
        }
        form
    }

    /// Whether a service box is ticked.
    pub fn has_service(&self, service: &str) -> bool {
        self.services.iter().any(|s| s == service)
    }

    /// The query string of these parameters at another page.
    pub fn query_for_page(&self, page: u32) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        for (key, value) in [
            ("q", &self.q),
            ("place", &self.place),
            ("lat", &self.lat),
            ("lon", &self.lon),
            ("radius_km", &self.radius_km),
            ("category", &self.category),
            ("kind", &self.kind),
            ("open_at", &self.open_at),
        ] {
            if !value.is_empty() {
                pairs.push((key, value));
            }
        }
        for service in &self.services {
            pairs.push(("service", service));
        }
        if self.open_now {
            pairs.push(("open_now", "true"));
        }
        let page = page.to_string();
        pairs.push(("page", &page));
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    /// Checks the values and turns them into a search (the place looked up).
    pub async fn resolve(&self, state: &AppState) -> StoreResult<Result<(SearchRequest, Option<Place>), Vec<FieldError>>> {
        let mut errors = Vec::new();
        let mut request = SearchRequest { q: self.q.clone(), per_page: PER_PAGE, page: 1, ..SearchRequest::default() };
        let mut place = None;
        if !self.lat.is_empty() || !self.lon.is_empty() {
            match (self.lat.replace(',', ".").parse::<f64>(), self.lon.replace(',', ".").parse::<f64>()) {
                (Ok(lat), Ok(lon)) if GeoPoint::new(lat, lon).is_some() => request.near = GeoPoint::new(lat, lon),
                _ => errors.push(FieldError { field: "lat", key: "error-coordinates" }),
            }
        } else if !self.place.is_empty() {
            match territories::search_places(&state.db, &self.place, 1).await?.into_iter().next() {
                Some(found) => {
                    request.near = found.lat.zip(found.lon).and_then(|(lat, lon)| GeoPoint::new(lat, lon));
                    place = Some(found);
                }
                None => errors.push(FieldError { field: "place", key: "error-place-unknown" }),
            }
        }
        if !self.radius_km.is_empty() {
            match self.radius_km.replace(',', ".").parse::<f64>() {
                Ok(r) if (0.1..=200.0).contains(&r) => request.radius_km = Some(r),
                _ => errors.push(FieldError { field: "radius_km", key: "error-radius" }),
            }
        }
        if !self.category.is_empty() {
            if state.db.categories().await?.iter().any(|c| c.slug == self.category) {
                request.category = Some(self.category.clone());
            } else {
                errors.push(FieldError { field: "category", key: "error-category" });
            }
        }
        if !self.kind.is_empty() {
            match ListingKind::parse(&self.kind) {
                Some(kind) => request.kind = Some(kind),
                None => errors.push(FieldError { field: "kind", key: "error-kind" }),
            }
        }
        for service in &self.services {
            match Amenity::parse(service) {
                Some(a) => request.amenities.push(a),
                None => errors.push(FieldError { field: "service", key: "error-service" }),
            }
        }
        if !self.open_at.is_empty() {
            match NaiveDateTime::parse_from_str(&self.open_at, "%Y-%m-%dT%H:%M")
                .or_else(|_| NaiveDateTime::parse_from_str(&self.open_at, "%Y-%m-%dT%H:%M:%S"))
            {
                Ok(at) => request.open = OpenFilter::At(at),
                Err(_) => errors.push(FieldError { field: "open_at", key: "error-open-at" }),
            }
        } else if self.open_now {
            request.open = OpenFilter::Now;
        }
        if !self.page.is_empty() {
            match self.page.parse::<u32>() {
                Ok(p) if p >= 1 => request.page = p,
                _ => errors.push(FieldError { field: "page", key: "error-page" }),
            }
        }
        Ok(if errors.is_empty() { Ok((request, place)) } else { Err(errors) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_repeated_services_and_rebuilds_urls() {
        let form = DirectoryForm::from_query(Some("q=pain&service=delivery&service=click_collect&open_now=true&page=2&place=Angers"));
        assert_eq!(form.services, vec!["delivery", "click_collect"]);
        assert!(form.open_now && form.has_service("delivery"));
        let again = DirectoryForm::from_query(Some(&form.query_for_page(3)));
        assert_eq!(again.services, form.services);
        assert_eq!(again.page, "3");
        assert_eq!(again.place, "Angers");
    }
}
