//! What the directory needs from the store.

use super::model::{Amenity, Category, Listing, ListingInput, ListingKind};
use crate::StoreResult;
use std::future::Future;
use tremplin_kernel::GeoPoint;

/// What the search index keeps of a listing (see [`super::index`]).
#[derive(Debug, Clone)]
pub struct IndexRow {
    /// Listing id.
    pub id: i64,
    /// Only published listings are found.
    pub published: bool,
    /// Name, for the order of results of equal rank.
    pub name: String,
    /// Kind.
    pub kind: ListingKind,
    /// Category slug.
    pub category: Option<String>,
    /// Services offered.
    pub amenities: Vec<Amenity>,
    /// Position.
    pub point: Option<GeoPoint>,
    /// Opening hours, OSM syntax.
    pub opening_hours: String,
    /// Indexed name words.
    pub search_name: String,
    /// Other indexed words.
    pub search_body: String,
}

/// Whether an upsert created or changed a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertOutcome {
    /// A new listing.
    Created,
    /// An existing listing changed.
    Updated,
    /// Nothing to change.
    Unchanged,
}

/// A listing ready for a bulk insert: its input, search words and slug.
#[derive(Debug, Clone)]
pub struct NewListingRow {
    /// The listing.
    pub input: ListingInput,
    /// Indexed name words.
    pub search_name: String,
    /// Other indexed words.
    pub search_body: String,
    /// Unique slug.
    pub slug: String,
}

/// Store of listings.
pub trait DirectoryRepo: Send + Sync {
    /// Creates or updates the listing of (`source`, `source_id`), with its search words.
    fn upsert_listing(
        &self,
        input: &ListingInput,
        search_name: &str,
        search_body: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<UpsertOutcome>> + Send;
    /// Inserts new listings in bulk (generated data, first loads): no existence check, the
    /// caller guarantees new (`source`, `source_id`) pairs and unique slugs. Returns how many.
    fn insert_new_listings(&self, listings: &[NewListingRow], now: i64) -> impl Future<Output = StoreResult<u64>> + Send;
    /// The `source_id`s of the listings from `source` (to tell new from known in a dry run).
    fn source_ids(&self, source: &str) -> impl Future<Output = StoreResult<Vec<String>>> + Send;
    /// Published listings with an id above `after_id`, by id, at most `limit`, optionally only
    /// in these communes: the pages of an export.
    fn listings_after(
        &self,
        after_id: i64,
        limit: u32,
        communes: Option<&[String]>,
    ) -> impl Future<Output = StoreResult<Vec<Listing>>> + Send;
    /// Number of listings from `source`.
    fn count_from_source(&self, source: &str) -> impl Future<Output = StoreResult<i64>> + Send;
    /// One listing by slug.
    fn listing_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Listing>>> + Send;
    /// The revision of the directory: a number every change of a listing increases, committed
    /// with it (so that a search index can tell it is behind).
    fn directory_revision(&self) -> impl Future<Output = StoreResult<i64>> + Send;
    /// Listings by id, at most `limit`, with an id above `after_id`: every listing when
    /// `changed_after` is `None`, else only those changed at a later revision (published or
    /// not: the index must forget the others).
    fn index_rows(&self, changed_after: Option<i64>, after_id: i64, limit: u32) -> impl Future<Output = StoreResult<Vec<IndexRow>>> + Send;
    /// Published listings with these ids (in any order; missing ones left out).
    fn listings_by_ids(&self, ids: &[i64]) -> impl Future<Output = StoreResult<Vec<Listing>>> + Send;
    /// Every category.
    fn categories(&self) -> impl Future<Output = StoreResult<Vec<Category>>> + Send;
    /// Number of listings.
    fn count_listings(&self) -> impl Future<Output = StoreResult<i64>> + Send;
}
