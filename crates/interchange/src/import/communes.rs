//! Where a place is when the file does not say: its commune, found by postcode and name, and
//! the commune's town hall. Look-ups go through the territory store and are remembered, so a
//! file costs one query per distinct postcode and commune, not one per line.

use std::collections::HashMap;
use tremplin_domain::StoreResult;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_domain::territories::repo::PlaceQuery;
use tremplin_kernel::GeoPoint;
use tremplin_kernel::text::fold;

/// More communes than any French postcode serves (the most shared ones serve a few dozen).
const MAX_COMMUNES_PER_POSTCODE: u32 = 200;

/// A commune as an import needs it.
#[derive(Debug, Clone)]
pub(crate) struct KnownCommune {
    /// INSEE code.
    pub insee: String,
    /// Official name.
    pub name: String,
    /// The town hall.
    pub point: Option<GeoPoint>,
}

/// Communes looked up so far.
#[derive(Debug, Default)]
pub(crate) struct CommuneLookup {
    /// Communes of a postcode, with their folded names.
    by_postcode: HashMap<String, Vec<(KnownCommune, String)>>,
    /// Communes by INSEE code (`None`: no such commune).
    by_insee: HashMap<String, Option<KnownCommune>>,
}

/// Whether `postcode` is written as a French postcode (five digits).
fn is_postcode(postcode: &str) -> bool {
    postcode.len() == 5 && postcode.bytes().all(|b| b.is_ascii_digit())
}

impl CommuneLookup {
    /// The INSEE code of a postcode and commune name: the commune of that name among the
    /// postcode's, or the postcode's only commune if the name does not help.
    pub(crate) async fn resolve(&mut self, repo: &impl TerritoryRepo, postcode: &str, name: Option<&str>) -> StoreResult<Option<String>> {
        let postcode = postcode.trim();
        if !is_postcode(postcode) {
            return Ok(None);
        }
        if !self.by_postcode.contains_key(postcode) {
            let places = repo.search_places(&PlaceQuery::Postcode(postcode.to_owned()), MAX_COMMUNES_PER_POSTCODE).await?;
            let mut communes: Vec<(KnownCommune, String)> = Vec::new();
            for place in places.into_iter().filter(|p| p.postcode == postcode) {
                if communes.iter().any(|(c, _)| c.insee == place.insee) {
                    continue;
                }
                let point = place.lat.zip(place.lon).and_then(|(lat, lon)| GeoPoint::new(lat, lon));
                let commune = KnownCommune { insee: place.insee, name: place.name, point };
                self.by_insee.insert(commune.insee.clone(), Some(commune.clone()));
                let folded = fold(&commune.name);
                communes.push((commune, folded));
            }
            self.by_postcode.insert(postcode.to_owned(), communes);
        }
        let candidates = self.by_postcode.get(postcode).map(Vec::as_slice).unwrap_or_default();
        if let Some(name) = name.map(fold)
            && let Some((commune, _)) = candidates.iter().find(|(_, folded)| *folded == name)
        {
            return Ok(Some(commune.insee.clone()));
        }
        Ok(match candidates {
            [(only, _)] => Some(only.insee.clone()),
            _ => None,
        })
    }

    /// The commune with this INSEE code, if it exists.
    pub(crate) async fn commune(&mut self, repo: &impl TerritoryRepo, insee: &str) -> StoreResult<Option<KnownCommune>> {
        if let Some(known) = self.by_insee.get(insee) {
            return Ok(known.clone());
        }
        let found = repo.commune(insee).await?.map(|c| KnownCommune { insee: c.insee, name: c.name, point: c.point });
        self.by_insee.insert(insee.to_owned(), found.clone());
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::is_postcode;

    #[test]
    fn postcodes_are_five_digits() {
        assert!(is_postcode("49000"));
        assert!(is_postcode("20000"));
        assert!(!is_postcode("4900"));
        assert!(!is_postcode("49 000"));
        assert!(!is_postcode("2A004"));
        assert!(!is_postcode(""));
    }
}
