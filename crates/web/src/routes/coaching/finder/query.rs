//! The finder's filters, shared by the page `/coachs` and the API `/api/v1/coaches`, so that
//! one URL query means the same in both: `audience` (`business` or `resident`), `place`
//! (commune name or postcode), `lat`+`lon` ("near me"), `theme` (repeatable), `language`
//! (ISO 639-1) and `modality`.

use crate::state::AppState;
use tremplin_domain::StoreResult;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::coaching::finder::{FinderQuery, Whereabouts};
use tremplin_domain::coaching::{CoachAudience, LANGUAGES, Modality, is_theme};
use tremplin_domain::territories::{self, Place};
use tremplin_kernel::GeoPoint;

/// The filters as typed (kept to fill the form again).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FinderForm {
    /// `business` or `resident`.
    pub audience: String,
    /// Commune or postcode.
    pub place: String,
    /// Latitude ("near me").
    pub lat: String,
    /// Longitude ("near me").
    pub lon: String,
    /// Wanted themes.
    pub themes: Vec<String>,
    /// Language.
    pub language: String,
    /// Modality.
    pub modality: String,
}

impl FinderForm {
    /// Reads a query string; never fails (bad values are reported by [`FinderForm::resolve`]).
    pub fn from_query(raw: Option<&str>) -> Self {
        let pairs: Vec<(String, String)> = raw.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
        let mut form = FinderForm::default();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "audience" => form.audience = value,
                "place" => form.place = value,
                "lat" => form.lat = value,
                "lon" => form.lon = value,
                "theme" if !value.is_empty() && !form.themes.contains(&value) => form.themes.push(value),
                "language" => form.language = value,
                "modality" => form.modality = value,
                _ => {}
            }
        }
        form
    }

    /// Whether the visitor asked anything (an empty form shows no result list yet).
    pub fn is_empty(&self) -> bool {
        *self == FinderForm::default()
    }

    /// Whether `theme` is wanted (for checkboxes).
    pub fn wants(&self, theme: &str) -> bool {
        self.themes.iter().any(|t| t == theme)
    }

    /// Checks the values and turns them into a query (the place looked up).
    pub async fn resolve(&self, state: &AppState) -> StoreResult<Result<(FinderQuery, Option<Place>), Vec<FieldError>>> {
        let mut errors = Vec::new();
        let mut query = FinderQuery::default();
        let mut found_place = None;
        if !self.audience.is_empty() {
            match CoachAudience::parse(&self.audience) {
                Some(a) => query.audience = Some(a),
                None => errors.push(FieldError { field: "audience", key: "finder-error-audience" }),
            }
        }
        if !self.lat.is_empty() || !self.lon.is_empty() {
            match (self.lat.replace(',', ".").parse::<f64>(), self.lon.replace(',', ".").parse::<f64>()) {
                (Ok(lat), Ok(lon)) if GeoPoint::new(lat, lon).is_some() => {
                    query.place = Some(Whereabouts { insee: None, point: GeoPoint::new(lat, lon) });
                }
                _ => errors.push(FieldError { field: "lat", key: "error-coordinates" }),
            }
        } else if !self.place.is_empty() {
            match territories::search_places(&state.db, &self.place, 1).await?.into_iter().next() {
                Some(place) => {
                    let point = place.lat.zip(place.lon).and_then(|(lat, lon)| GeoPoint::new(lat, lon));
                    query.place = Some(Whereabouts { insee: Some(place.insee.clone()), point });
                    found_place = Some(place);
                }
                None => errors.push(FieldError { field: "place", key: "error-place-unknown" }),
            }
        }
        for theme in &self.themes {
            if is_theme(theme) {
                query.themes.push(theme.clone());
            } else if !errors.iter().any(|e| e.field == "theme") {
                errors.push(FieldError { field: "theme", key: "finder-error-theme" });
            }
        }
        if !self.language.is_empty() {
            if LANGUAGES.contains(&self.language.as_str()) {
                query.language = Some(self.language.clone());
            } else {
                errors.push(FieldError { field: "language", key: "finder-error-language" });
            }
        }
        if !self.modality.is_empty() {
            match Modality::parse(&self.modality) {
                Some(m) => query.modality = Some(m),
                None => errors.push(FieldError { field: "modality", key: "finder-error-modality" }),
            }
        }
        Ok(if errors.is_empty() { Ok((query, found_place)) } else { Err(errors) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_repeated_themes_once() {
        let form = FinderForm::from_query(Some("audience=resident&theme=website&theme=security&theme=website&place=Angers&x=1"));
        assert_eq!(form.themes, ["website", "security"]);
        assert_eq!((form.audience.as_str(), form.place.as_str()), ("resident", "Angers"));
        assert!(form.wants("security") && !form.wants("office_tools"));
        assert!(FinderForm::from_query(Some("junk=1")).is_empty());
    }
}
