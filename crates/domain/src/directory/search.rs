//! Searching the directory: words, place, category, services and opening hours, ranked by
//! relevance and distance.

use super::hours::{Hours, from_paris_local, paris_local};
use super::model::{Amenity, Listing, ListingKind};
use super::repo::{CandidateFilter, DirectoryRepo, TextQuery};
use crate::StoreResult;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use tremplin_kernel::text::{edit_distance_within, search_words};
use tremplin_kernel::{Clock, GeoPoint, Page};

/// Default radius around a place, in km.
pub const DEFAULT_RADIUS_KM: f64 = 10.0;
/// Largest radius accepted, in km.
pub const MAX_RADIUS_KM: f64 = 200.0;
/// Most words of a query used.
pub const MAX_WORDS: usize = 8;
/// Most candidates the store returns for one search; results beyond are not ranked.
pub const CANDIDATE_CAP: u32 = 2000;

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
    /// More listings matched than were ranked ([`CANDIDATE_CAP`]).
    pub truncated: bool,
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

/// The words of a query and, for each word no listing contains, the known words one typo
/// away ("boulangrie" → "boulangerie").
pub async fn text_query(repo: &impl DirectoryRepo, q: &str) -> StoreResult<(Option<TextQuery>, Vec<(String, String)>)> {
    let words: Vec<String> = search_words(q).into_iter().take(MAX_WORDS).collect();
    if words.is_empty() {
        return Ok((None, Vec::new()));
    }
    let mut groups = Vec::new();
    let mut corrections = Vec::new();
    for word in words {
        let mut group = vec![word.clone()];
        if word.chars().count() >= 4 && !repo.has_term_with_prefix(&word).await? {
            let head: String = word.chars().take(2).collect();
            let mut near: Vec<String> = repo
                .terms_with_prefix(&head, 5000)
                .await?
                .into_iter()
                .filter(|term| {
                    let prefix: String = term.chars().take(word.chars().count()).collect();
                    edit_distance_within(&word, term, 1) <= 1 || edit_distance_within(&word, &prefix, 1) <= 1
                })
                .collect();
            near.sort_by_key(|t| (edit_distance_within(&word, t, 2), t.len()));
            near.truncate(5);
            if let Some(best) = near.first() {
                corrections.push((word.clone(), best.clone()));
            }
            group.extend(near);
        }
        groups.push(group);
    }
    Ok((Some(TextQuery { groups }), corrections))
}

/// Runs a search at the clock's instant (or the requested local time).
pub async fn search(repo: &impl DirectoryRepo, clock: &dyn Clock, request: &SearchRequest) -> StoreResult<SearchResults> {
    let at: DateTime<Utc> = match request.open {
        OpenFilter::At(local) => from_paris_local(local),
        _ => clock.now(),
    };
    let (text, corrections) = text_query(repo, &request.q).await?;
    let radius = request.radius_km.unwrap_or(DEFAULT_RADIUS_KM).clamp(0.1, MAX_RADIUS_KM);
    let mut filter = CandidateFilter {
        text: text.clone(),
        bbox: request.near.map(|p| p.bounding_box(radius)),
        center: request.near,
        radius_km: request.near.map(|_| radius),
        kind: request.kind,
        category: request.category.clone(),
        amenities: request.amenities.clone(),
        limit: CANDIDATE_CAP,
        offset: 0,
    };
    let per_page = request.per_page.clamp(1, 100);
    let page = request.page.max(1);
    if request.open == OpenFilter::Any && (request.near.is_none() || text.is_none()) {
        // One ordering the database can do alone (text relevance, or distance) and no opening
        // condition: the store ranks and pages, and only the page's listings are read.
        filter.limit = per_page;
        filter.offset = u64::from(page - 1) * u64::from(per_page);
        let total = repo.count_candidates(&filter).await?;
        let items = repo
            .search_candidates(&filter)
            .await?
            .into_iter()
            .map(|c| {
                let hours = cached_hours(&c.listing.opening_hours);
                let is_open = hours.as_ref().and_then(|h| h.is_open(at));
                let next_change = hours.as_ref().and_then(|h| h.next_change(at));
                let distance_km = request.near.zip(c.listing.point).map(|(a, b)| a.distance_km(&b));
                SearchHit { listing: c.listing, distance_km, is_open, next_change }
            })
            .collect();
        return Ok(SearchResults { hits: Page { items, total, page, per_page }, at: paris_local(at), corrections, truncated: false });
    }
    let candidates = repo.search_candidates(&filter).await?;
    let truncated = candidates.len() as u32 >= CANDIDATE_CAP;
    let best_relevance = candidates.iter().map(|c| c.relevance).fold(0.0_f64, f64::max);

    let mut scored: Vec<(f64, SearchHit)> = Vec::new();
    for candidate in candidates {
        let listing = candidate.listing;
        let distance_km = request.near.zip(listing.point).map(|(a, b)| a.distance_km(&b));
        if request.near.is_some() && distance_km.is_none_or(|d| d > radius) {
            continue;
        }
        let hours = cached_hours(&listing.opening_hours);
        let (is_open, next_change) = match &hours {
            Some(h) => (h.is_open(at), h.next_change(at)),
            None => (None, None),
        };
        if request.open != OpenFilter::Any && is_open != Some(true) {
            continue;
        }
        let relevance = if best_relevance > 0.0 { candidate.relevance / best_relevance } else { 0.0 };
        let closeness = distance_km.map(|d| 1.0 / (1.0 + d / 2.0));
        let score = match (text.is_some(), closeness) {
            (true, Some(c)) => 0.7 * relevance + 0.3 * c,
            (true, None) => relevance,
            (false, Some(c)) => c,
            (false, None) => 0.0,
        };
        scored.push((score, SearchHit { listing, distance_km, is_open, next_change }));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.listing.name.cmp(&b.1.listing.name)));
    let total = scored.len() as u64;
    let skip = usize::try_from(u64::from(page - 1) * u64::from(per_page)).unwrap_or(usize::MAX);
    let items = scored.into_iter().skip(skip).take(per_page as usize).map(|(_, hit)| hit).collect();
    Ok(SearchResults { hits: Page { items, total, page, per_page }, at: paris_local(at), corrections, truncated })
}
