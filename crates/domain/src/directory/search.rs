//! Searching the directory: words, place, category, services and opening hours, ranked by
//! relevance and distance.

use super::hours::{Hours, from_paris_local, paris_local};
use super::index::{IndexQuery, SearchIndex};
use super::model::{Amenity, Listing, ListingKind};
use super::repo::DirectoryRepo;
use crate::StoreResult;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use tremplin_kernel::{Clock, GeoPoint, Page};

/// Default radius around a place, in km.
pub const DEFAULT_RADIUS_KM: f64 = 10.0;
/// Largest radius accepted, in km.
pub const MAX_RADIUS_KM: f64 = 200.0;

/// When listings must be open.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum OpenFilter {
    /// No condition.
    #[default]
    Any,
    /// Open now.
    Now,
    /// Open at this local (Europe/Paris) date-time.
    At(NaiveDateTime),
}

/// A search as asked.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// Words typed.
    pub q: String,
    /// Centre of a "near" search.
    pub near: Option<GeoPoint>,
    /// Radius around `near`, km.
    pub radius_km: Option<f64>,
    /// Category slug.
    pub category: Option<String>,
    /// Kind.
    pub kind: Option<ListingKind>,
    /// Services required.
    pub amenities: Vec<Amenity>,
    /// Opening condition.
    pub open: OpenFilter,
    /// 1-based page.
    pub page: u32,
    /// Results per page.
    pub per_page: u32,
}

/// A result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// The listing.
    #[serde(flatten)]
    pub listing: Listing,
    /// Distance from the search centre, km.
    pub distance_km: Option<f64>,
    /// Open at the search instant (`None`: unknown or no hours).
    pub is_open: Option<bool>,
    /// Next change of state, local time.
    pub next_change: Option<NaiveDateTime>,
}

/// Results with what the search understood.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// The page of results.
    pub hits: Page<SearchHit>,
    /// The instant the opening status refers to, local time.
    pub at: NaiveDateTime,
    /// Words replaced by the closest known word (typed, used).
    pub corrections: Vec<(String, String)>,
}

/// Parsed opening hours, shared across searches: listings repeat the same few values (town
/// halls, chains, generated data), and parsing costs more than evaluating.
fn cached_hours(value: &str) -> Option<Hours> {
    static CACHE: LazyLock<Mutex<HashMap<String, Option<Hours>>>> = LazyLock::new(|| Mutex::new(HashMap::new()));
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(hit) = cache.get(value) {
        return hit.clone();
    }
    if cache.len() >= 8192 {
        cache.clear(); // bounded memory; refills with what is in use
    }
    let parsed = Hours::parse(value).ok();
    cache.insert(value.to_owned(), parsed.clone());
    parsed
}

/// Runs a search at the clock's instant (or the requested local time): the index ranks and
/// pages, the store reads the page's listings.
pub async fn search(
    repo: &impl DirectoryRepo,
    index: &SearchIndex,
    clock: &dyn Clock,
    request: &SearchRequest,
) -> StoreResult<SearchResults> {
    let at: DateTime<Utc> = match request.open {
        OpenFilter::At(local) => from_paris_local(local),
        _ => clock.now(),
    };
    let view = index.view(repo).await?;
    let (text, corrections) = view.text_query(&request.q);
    let radius = request.radius_km.unwrap_or(DEFAULT_RADIUS_KM).clamp(0.1, MAX_RADIUS_KM);
    let per_page = request.per_page.clamp(1, 100);
    let page = request.page.max(1);
    let query = IndexQuery {
        text: text.as_ref(),
        near: request.near.map(|p| (p, radius)),
        kind: request.kind,
        category: request.category.as_deref(),
        amenities: &request.amenities,
        offset: usize::try_from(u64::from(page - 1) * u64::from(per_page)).unwrap_or(usize::MAX),
        limit: per_page as usize,
    };
    // Listings repeat the same few opening hours: each value is evaluated once per search.
    let mut open_by_hours: HashMap<String, bool> = HashMap::new();
    let mut is_open_at = |value: &str| -> bool {
        if let Some(&open) = open_by_hours.get(value) {
            return open;
        }
        let open = cached_hours(value).and_then(|h| h.is_open(at)) == Some(true);
        open_by_hours.insert(value.to_owned(), open);
        open
    };
    let found = view.search(&query, (request.open != OpenFilter::Any).then_some(&mut is_open_at as &mut dyn FnMut(&str) -> bool));
    let mut listings: HashMap<i64, Listing> = repo.listings_by_ids(&found.ids).await?.into_iter().map(|l| (l.id, l)).collect();
    let items = found
        .ids
        .iter()
        .filter_map(|id| listings.remove(id))
        .map(|listing| {
            let hours = cached_hours(&listing.opening_hours);
            let is_open = hours.as_ref().and_then(|h| h.is_open(at));
            let next_change = hours.as_ref().and_then(|h| h.next_change(at));
            let distance_km = request.near.zip(listing.point).map(|(a, b)| a.distance_km(&b));
            SearchHit { listing, distance_km, is_open, next_change }
        })
        .collect();
    Ok(SearchResults { hits: Page { items, total: found.total, page, per_page }, at: paris_local(at), corrections })
}
