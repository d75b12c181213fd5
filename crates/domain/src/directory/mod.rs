//! The directory of local actors: listings, their opening hours, search.

pub mod editing;
pub mod generator;
pub mod hours;
pub mod index;
pub mod model;
pub mod ownership;
pub mod repo;
pub mod search;

pub use index::SearchIndex;
pub use model::*;
pub use repo::{DirectoryRepo, IndexRow, NewListingRow, UpsertOutcome};
pub use search::{OpenFilter, SearchHit, SearchRequest, SearchResults, search};

use crate::StoreResult;
use tremplin_kernel::text::search_words;

/// The indexed words of a listing: its name, and the rest (description, tags, category,
/// commune), folded and stemmed.
pub fn index_words(input: &ListingInput, category_label: Option<&str>, commune: Option<&str>) -> (String, String) {
    let name = search_words(&input.name).join(" ");
    let mut body = vec![input.description.clone(), input.tags.join(" ")];
    body.extend(category_label.map(str::to_owned));
    body.extend(commune.map(str::to_owned));
    (name, search_words(&body.join(" ")).join(" "))
}

/// Saves a listing with its search words.
pub async fn save_listing(
    repo: &impl DirectoryRepo,
    input: &ListingInput,
    category_label: Option<&str>,
    commune: Option<&str>,
    now: i64,
) -> StoreResult<UpsertOutcome> {
    let (name, body) = index_words(input, category_label, commune);
    repo.upsert_listing(input, &name, &body, now).await
}
