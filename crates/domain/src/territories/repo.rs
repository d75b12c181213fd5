//! What the territories domain needs from the store.

use super::model::{Commune, NewTerritory, Place, Territory, TerritoryNode};
use crate::StoreResult;
use std::future::Future;
use tremplin_kernel::Page;

/// How a place look-up matches.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceQuery {
    /// Postcode prefix (digits only).
    Postcode(String),
    /// Folded commune name prefix (see [`tremplin_kernel::text::fold`]).
    Name(String),
}

/// Store of communes and territories.
pub trait TerritoryRepo: Send + Sync {
    /// Communes matching a place query, most populated first.
    fn search_places(&self, query: &PlaceQuery, limit: u32) -> impl Future<Output = StoreResult<Vec<Place>>> + Send;
    /// One commune by INSEE code.
    fn commune(&self, insee: &str) -> impl Future<Output = StoreResult<Option<Commune>>> + Send;
    /// Every territory, parents before children.
    fn list_territories(&self) -> impl Future<Output = StoreResult<Vec<Territory>>> + Send;
    /// Every territory's place in the tree (no commune counts), by id; with `communes` false,
    /// the territories of kind commune are left out (a national deployment has 35,000).
    fn territory_nodes(&self, communes: bool) -> impl Future<Output = StoreResult<Vec<TerritoryNode>>> + Send;
    /// How many territories there are.
    fn territory_count(&self) -> impl Future<Output = StoreResult<i64>> + Send;
    /// A territory's id and its parents', nearest first.
    fn territory_chain(&self, territory_id: i64) -> impl Future<Output = StoreResult<Vec<i64>>> + Send;
    /// The most specific territory covering a commune directly (the one of fewest communes),
    /// if any: where a person of that commune is helped.
    fn territory_of_commune(&self, insee: &str) -> impl Future<Output = StoreResult<Option<Territory>>> + Send;
    /// One territory by slug.
    fn territory_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Territory>>> + Send;
    /// Creates a territory (or updates its name, parent and communes if the slug exists).
    fn upsert_territory(&self, new: &NewTerritory) -> impl Future<Output = StoreResult<Territory>> + Send;
    /// The communes of a territory and of every territory nested in it, by name.
    fn territory_communes(&self, territory_id: i64, page: u32, per_page: u32) -> impl Future<Output = StoreResult<Page<Commune>>> + Send;
    /// INSEE codes of the communes of a territory and of every territory nested in it.
    fn all_communes_of(&self, territory_id: i64) -> impl Future<Output = StoreResult<Vec<String>>> + Send;
    /// The communes with these INSEE codes (unknown codes are skipped).
    fn communes_in(&self, insee: &[String]) -> impl Future<Output = StoreResult<Vec<Commune>>> + Send;
    /// INSEE codes of every commune in a department.
    fn department_communes(&self, department: &str) -> impl Future<Output = StoreResult<Vec<String>>> + Send;
    /// INSEE codes of the communes of an intercommunality, and its name.
    fn epci_communes(&self, siren: &str) -> impl Future<Output = StoreResult<Option<(String, Vec<String>)>>> + Send;
}
