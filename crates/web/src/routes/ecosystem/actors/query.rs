//! The matching query, shared by the page `/ecosysteme` and the API
//! `/api/v1/ecosystem/matches`, so that one URL means the same in both. Each parameter has a
//! French name (the page's form) and an English one (the API): `besoin`/`need`,
//! `secteur`/`sector`, `stade`/`stage`, `commune`, `lat`, `lon`, `type`/`kind`,
//! `territoire`/`territory`.

use crate::error::AppError;
use crate::state::AppState;
use tremplin_domain::StoreResult;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::ecosystem::matching::MatchQuery;
use tremplin_domain::ecosystem::{ActorKind, Sector, Stage, Topic};
use tremplin_domain::territories::{self, TerritoryRepo};
use tremplin_kernel::GeoPoint;

/// The query as typed (kept to fill the form again).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatchForm {
    /// Need identifier.
    pub need: String,
    /// Sector identifier.
    pub sector: String,
    /// Stage identifier.
    pub stage: String,
    /// Commune: INSEE code, postcode or name.
    pub commune: String,
    /// Latitude.
    pub lat: String,
    /// Longitude.
    pub lon: String,
    /// Kind identifier.
    pub kind: String,
    /// Territory slug.
    pub territory: String,
}

/// A commune found from what a person typed.
#[derive(Debug, Clone)]
pub struct FoundCommune {
    /// INSEE code.
    pub insee: String,
    /// Name.
    pub name: String,
    /// Town hall.
    pub point: Option<GeoPoint>,
}

/// A commune by INSEE code, postcode or name.
pub async fn commune_of(state: &AppState, entry: &str) -> StoreResult<Option<FoundCommune>> {
    if entry.len() == 5
        && entry.chars().all(|c| c.is_ascii_alphanumeric())
        && let Some(commune) = state.db.commune(entry).await?
    {
        return Ok(Some(FoundCommune { insee: commune.insee, name: commune.name, point: commune.point }));
    }
    Ok(territories::search_places(&state.db, entry, 1).await?.into_iter().next().map(|p| FoundCommune {
        point: p.lat.zip(p.lon).and_then(|(lat, lon)| GeoPoint::new(lat, lon)),
        insee: p.insee,
        name: p.name,
    }))
}

/// A checked query: what to rank by, which territories to look in (`None`: all), and the
/// commune found.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The ranking query (no need yet when the form has none).
    pub query: Option<MatchQuery>,
    /// Territories looked in.
    pub territory_ids: Option<Vec<i64>>,
    /// The commune, if one was given.
    pub commune: Option<FoundCommune>,
}

impl MatchForm {
    /// Reads a query string; never fails (bad values are reported by [`MatchForm::resolve`]).
    pub fn from_query(raw: Option<&str>) -> Self {
        let pairs: Vec<(String, String)> = raw.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default();
        let mut form = MatchForm::default();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "besoin" | "need" => form.need = value,
                "secteur" | "sector" => form.sector = value,
                "stade" | "stage" => form.stage = value,
                "commune" => form.commune = value,
                "lat" => form.lat = value,
                "lon" => form.lon = value,
                "type" | "kind" => form.kind = value,
                "territoire" | "territory" => form.territory = value,
                _ => {}
            }
        }
        form
    }

    /// Whether nothing was asked.
    pub fn is_empty(&self) -> bool {
        *self == MatchForm::default()
    }

    /// Checks the values; an unknown territory is a 404.
    pub async fn resolve(&self, state: &AppState) -> Result<Result<Resolved, Vec<FieldError>>, AppError> {
        let mut errors = Vec::new();
        let need = if self.need.is_empty() {
            None
        } else {
            Topic::parse(&self.need).or_else(|| {
                errors.push(FieldError { field: "need", key: "eco-actors-error-need" });
                None
            })
        };
        let mut parse_one = |value: &str, field: &'static str, key: &'static str| {
            if value.is_empty() {
                return false;
            }
            errors.push(FieldError { field, key });
            true
        };
        let sector = Sector::parse(&self.sector);
        if sector.is_none() {
            parse_one(&self.sector, "sector", "eco-actors-error-sector");
        }
        let stage = Stage::parse(&self.stage);
        if stage.is_none() {
            parse_one(&self.stage, "stage", "eco-actors-error-stage");
        }
        let kind = ActorKind::parse(&self.kind);
        if kind.is_none() {
            parse_one(&self.kind, "kind", "eco-actors-error-kind");
        }
        let mut place = None;
        let mut commune = None;
        if !self.lat.is_empty() || !self.lon.is_empty() {
            match (self.lat.replace(',', ".").parse::<f64>(), self.lon.replace(',', ".").parse::<f64>()) {
                (Ok(lat), Ok(lon)) if GeoPoint::new(lat, lon).is_some() => place = GeoPoint::new(lat, lon),
                _ => errors.push(FieldError { field: "lat", key: "error-coordinates" }),
            }
        } else if !self.commune.is_empty() {
            match commune_of(state, &self.commune).await? {
                Some(found) => {
                    place = found.point;
                    commune = Some(found);
                }
                None => errors.push(FieldError { field: "commune", key: "error-place-unknown" }),
            }
        }
        let territory_ids = if self.territory.is_empty() {
            None
        } else {
            let territory = state.db.territory_by_slug(&self.territory).await?.ok_or(AppError::NotFound)?;
            Some(within(state, territory.id).await?)
        };
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        let query = need.map(|need| MatchQuery { sector, stage, place, kind, ..MatchQuery::new(need) });
        Ok(Ok(Resolved { query, territory_ids, commune }))
    }
}

/// A territory and every territory nested in it.
pub async fn within(state: &AppState, territory_id: i64) -> StoreResult<Vec<i64>> {
    let nodes = state.db.territory_nodes(true).await?;
    let mut ids = vec![territory_id];
    let mut i = 0;
    while i < ids.len() {
        let parent = ids[i];
        ids.extend(nodes.iter().filter(|n| n.parent_id == Some(parent)).map(|n| n.id));
        i += 1;
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_english_names_mean_the_same() {
        let fr = MatchForm::from_query(Some("besoin=mentoring&secteur=retail&stade=launch&type=mentor&territoire=angers"));
        let en = MatchForm::from_query(Some("need=mentoring&sector=retail&stage=launch&kind=mentor&territory=angers&lang=en"));
        assert_eq!(fr, en);
        assert!(MatchForm::from_query(Some("x=1")).is_empty());
    }
}
