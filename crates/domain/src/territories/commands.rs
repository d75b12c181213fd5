//! Use cases over territories.

use super::model::{Place, Territory};
use super::repo::{PlaceQuery, TerritoryRepo};
use crate::StoreResult;
use tremplin_kernel::text::fold;

/// Longest query the place look-up accepts.
pub const MAX_PLACE_QUERY: usize = 100;

/// Understands what a person typed to name a place: a postcode (or its start), or a commune
/// name with or without accents, hyphens or "Saint"/"St". `None` when there is nothing to look up.
pub fn parse_place_query(raw: &str) -> Option<PlaceQuery> {
    let raw: String = raw.chars().take(MAX_PLACE_QUERY).collect();
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.len() <= 5 && compact.chars().all(|c| c.is_ascii_digit()) {
        return Some(PlaceQuery::Postcode(compact));
    }
    let folded = fold(&raw);
    if folded.is_empty() {
        return None;
    }
    // People write "St Barthélemy" for "Saint-Barthélemy".
    let words: Vec<&str> = folded
        .split(' ')
        .map(|w| {
            if w == "st" {
                "saint"
            } else if w == "ste" {
                "sainte"
            } else {
                w
            }
        })
        .collect();
    Some(PlaceQuery::Name(words.join(" ")))
}

/// The place look-up behind every "near …" search: up to `limit` communes.
pub async fn search_places(repo: &impl TerritoryRepo, raw: &str, limit: u32) -> StoreResult<Vec<Place>> {
    match parse_place_query(raw) {
        Some(query) => repo.search_places(&query, limit.clamp(1, 50)).await,
        None => Ok(Vec::new()),
    }
}

/// A territory and the chain of territories containing it, outermost first.
pub fn ancestry(all: &[Territory], territory_id: i64) -> Vec<Territory> {
    let mut chain = Vec::new();
    let mut current = all.iter().find(|t| t.id == territory_id);
    while let Some(t) = current {
        if chain.iter().any(|c: &Territory| c.id == t.id) {
            break; // a cycle would be a data error; never loop forever
        }
        chain.push(t.clone());
        current = t.parent_id.and_then(|p| all.iter().find(|t| t.id == p));
    }
    chain.reverse();
    chain
}

/// The ids of a territory and of every territory nested in it, at any depth.
pub fn with_descendants(all: &[Territory], territory_id: i64) -> Vec<i64> {
    let mut ids = vec![territory_id];
    let mut i = 0;
    while i < ids.len() {
        let nested: Vec<i64> = children(all, ids[i]).into_iter().map(|t| t.id).filter(|id| !ids.contains(id)).collect();
        ids.extend(nested);
        i += 1;
    }
    ids
}

/// The territories directly nested in `territory_id`.
pub fn children(all: &[Territory], territory_id: i64) -> Vec<Territory> {
    all.iter().filter(|t| t.parent_id == Some(territory_id)).cloned().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn understands_postcodes_and_names() {
        assert_eq!(parse_place_query(" 49 000 "), Some(PlaceQuery::Postcode("49000".into())));
        assert_eq!(parse_place_query("490"), Some(PlaceQuery::Postcode("490".into())));
        assert_eq!(parse_place_query("St-Barthélemy"), Some(PlaceQuery::Name("saint barthelemy".into())));
        assert_eq!(parse_place_query("ANGERS"), Some(PlaceQuery::Name("angers".into())));
        assert_eq!(parse_place_query("  - "), None);
    }
}
