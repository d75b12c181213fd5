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
    /// Kind.
    pub kind: Option<ListingKind>,
    /// Category slug.
    pub category: Option<String>,
    /// Services that must all be offered.
    pub amenities: Vec<Amenity>,
    /// Most candidates to return.
    pub limit: u32,
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
    /// One listing by slug.
    fn listing_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Listing>>> + Send;
    /// Listings matching a filter, best text matches (or nearest) first.
    fn search_candidates(&self, filter: &CandidateFilter) -> impl Future<Output = StoreResult<Vec<Candidate>>> + Send;
    /// Whether some indexed word starts with `prefix`.
    fn has_term_with_prefix(&self, prefix: &str) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Indexed words starting with `prefix` (for typo matching), at most `limit`.
    fn terms_with_prefix(&self, prefix: &str, limit: u32) -> impl Future<Output = StoreResult<Vec<String>>> + Send;
    /// Every category.
    fn categories(&self) -> impl Future<Output = StoreResult<Vec<Category>>> + Send;
    /// Number of listings.
    fn count_listings(&self) -> impl Future<Output = StoreResult<i64>> + Send;
}
