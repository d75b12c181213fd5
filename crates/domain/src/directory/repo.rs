//! What the directory needs from the store.

use super::model::{Amenity, Category, Listing, ListingInput, ListingKind};
use crate::StoreResult;
use std::future::Future;
use tremplin_kernel::GeoPoint;

/// Words to find: every group must match (AND); a group matches when any of its terms
/// starts a word of the listing (OR: the word typed and the words it may be a typo of).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextQuery {
    /// Groups of alternative prefixes, folded and stemmed.
    pub groups: Vec<Vec<String>>,
}

/// What the store filters on; the domain does distances, opening hours and ranking.
#[derive(Debug, Clone, Default)]
pub struct CandidateFilter {
    /// Words.
    pub text: Option<TextQuery>,
    /// South, north, west, east bounds.
    pub bbox: Option<(f64, f64, f64, f64)>,
    /// Centre, to order candidates by approximate distance when there are no words.
    pub center: Option<GeoPoint>,
    /// With `center`: keep only listings within this distance (km, equirectangular
    /// approximation, well under 1 % off at these distances).
    pub radius_km: Option<f64>,
    /// Kind.
    pub kind: Option<ListingKind>,
    /// Category slug.
    pub category: Option<String>,
    /// Services that must all be offered.
    pub amenities: Vec<Amenity>,
    /// Most candidates to return.
    pub limit: u32,
    /// Candidates to skip (paging done by the store when no ranking happens in Rust).
    pub offset: u64,
}

/// A listing matching the filter, with the engine's text relevance (higher is better, 0
/// without words).
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The listing.
    pub listing: Listing,
    /// Text relevance.
    pub relevance: f64,
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
    /// Listings matching a filter, best text matches (or nearest) first.
    fn search_candidates(&self, filter: &CandidateFilter) -> impl Future<Output = StoreResult<Vec<Candidate>>> + Send;
    /// How many listings match a filter (its limit and offset ignored).
    fn count_candidates(&self, filter: &CandidateFilter) -> impl Future<Output = StoreResult<u64>> + Send;
    /// Whether some indexed word starts with `prefix`.
    fn has_term_with_prefix(&self, prefix: &str) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Indexed words starting with `prefix` (for typo matching), at most `limit`.
    fn terms_with_prefix(&self, prefix: &str, limit: u32) -> impl Future<Output = StoreResult<Vec<String>>> + Send;
    /// Every category.
    fn categories(&self) -> impl Future<Output = StoreResult<Vec<Category>>> + Send;
    /// Number of listings.
    fn count_listings(&self) -> impl Future<Output = StoreResult<i64>> + Send;
}
