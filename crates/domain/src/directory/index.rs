//! The directory's search index: in memory, one per running instance, following the database.
//!
//! Why in memory: a local search ("bakery, within 5 km, open now") must look at every listing
//! of a few square kilometres, test its words, and evaluate its opening hours. Asked of the
//! database (FTS5 or a tsvector, joined to a B-tree on coordinates), that cost 280–900 ms per
//! search at a million listings (docs/PERFORMANCE.md); here it reads a few grid cells of
//! compact entries.
//!
//! The database stays the truth. Every change of a listing increases `directory_revision` in
//! the same transaction; each search first reads that number and, when it moved, reads the
//! rows changed since (indexed by revision) before answering: a search sees every committed
//! change, on every instance. Changes go to a small overlay; when the overlay grows past a
//! twentieth of the base, the index is rebuilt from the database.

use super::model::{Amenity, ListingKind};
use super::repo::{DirectoryRepo, IndexRow};
use crate::StoreResult;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use tokio::sync::Mutex;
use tremplin_kernel::GeoPoint;
use tremplin_kernel::text::{edit_distance_within, fold, search_words};

/// Most words of a query used.
pub const MAX_WORDS: usize = 8;
/// Side of a grid cell, in degrees (about 5.5 km of latitude, 3.5 km of longitude in France).
const CELL_DEG: f64 = 0.05;
/// Rows read per query while building.
const BUILD_PAGE: u32 = 20_000;
/// Weight of a word found in the name, and elsewhere.
const NAME_WEIGHT: f32 = 5.0;
const BODY_WEIGHT: f32 = 1.0;
/// A word that only starts with the typed one counts less than the word itself.
const PREFIX_FACTOR: f32 = 0.8;
/// A word found through a typo correction counts less than the typed one.
const CORRECTION_FACTOR: f32 = 0.7;

/// Words to find: every group must match (AND).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextQuery {
    /// One group per word typed.
    pub groups: Vec<WordGroup>,
}

/// A word typed (folded, stemmed) and the known words it may be a typo of; a listing matches
/// when one of its words starts with any of them.
#[derive(Debug, Clone, PartialEq)]
pub struct WordGroup {
    /// The word typed.
    pub word: String,
    /// Closest known words, when no listing has a word starting with the typed one.
    pub corrections: Vec<String>,
}

impl WordGroup {
    fn alternatives(&self) -> impl Iterator<Item = (&str, f32)> {
        std::iter::once((self.word.as_str(), 1.0)).chain(self.corrections.iter().map(|c| (c.as_str(), CORRECTION_FACTOR)))
    }
}

/// What to find in the index.
#[derive(Debug, Clone, Default)]
pub struct IndexQuery<'a> {
    /// Words.
    pub text: Option<&'a TextQuery>,
    /// Centre and radius (km).
    pub near: Option<(GeoPoint, f64)>,
    /// Kind.
    pub kind: Option<ListingKind>,
    /// Category slug.
    pub category: Option<&'a str>,
    /// Services that must all be offered.
    pub amenities: &'a [Amenity],
    /// Results to skip.
    pub offset: usize,
    /// Most results to return.
    pub limit: usize,
}

/// One page of ranked listing ids and how many listings matched.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexPage {
    /// Listing ids, best first.
    pub ids: Vec<i64>,
    /// Listings matching.
    pub total: u64,
}

fn kind_code(kind: ListingKind) -> u8 {
    ListingKind::ALL.iter().position(|k| *k == kind).map_or(u8::MAX, |i| i as u8)
}

fn amenity_bits(amenities: &[Amenity]) -> u8 {
    amenities.iter().filter_map(|a| Amenity::ALL.iter().position(|x| x == a)).fold(0, |bits, i| bits | (1 << i))
}

/// Flag of a posting whose word is in the listing's name.
const IN_NAME: u32 = 1 << 31;

fn cell_of(lat: f64, lon: f64) -> (i32, i32) {
    ((lat / CELL_DEG).floor() as i32, (lon / CELL_DEG).floor() as i32)
}

/// A listing of the base index (40 bytes); its words and name rank are kept apart.
#[derive(Debug, Clone, Copy)]
struct Doc {
    id: i64,
    lat: f64,
    lon: f64,
    has_point: bool,
    kind: u8,
    amenities: u8,
    /// 0: none, else index into `Base::categories` + 1.
    category: u16,
    /// Index into `Base::hours`.
    hours: u32,
}

/// The index built from every published listing; never changed once built. Listings are
/// stored cell by cell (rows of cells of equal latitude, west to east), so that a search near
/// a point reads a few contiguous runs of memory.
#[derive(Debug, Default)]
struct Base {
    docs: Vec<Doc>,
    /// Folded names, sorted (`name_ranks` index it).
    names: Vec<Box<str>>,
    /// Every word, sorted: the words starting with a prefix are a range of ids.
    terms: Vec<Box<str>>,
    /// Postings of term `t`: `postings[posting_starts[t]..posting_starts[t + 1]]`, doc indices
    /// ascending, with [`IN_NAME`] set when the word is in the listing's name: a one-word
    /// search scores from the postings alone, without reading the listings.
    posting_starts: Vec<u32>,
    postings: Vec<u32>,
    /// Words of doc `i`: `doc_terms[term_starts[i]..term_starts[i + 1]]`, its
    /// `name_term_counts[i]` name words first.
    term_starts: Vec<u32>,
    name_term_counts: Vec<u16>,
    doc_terms: Vec<u32>,
    /// Position of doc `i` among the names (a small array: read for every match).
    name_ranks: Vec<u32>,
    categories: Vec<Box<str>>,
    hours: Vec<Box<str>>,
    /// Each non-empty cell and the index of its first doc, sorted; docs without a position
    /// come after the last cell.
    cells: Vec<((i32, i32), u32)>,
    /// End of the docs that have a position.
    located: u32,
}

/// A range of term ids matching one alternative of a word group.
#[derive(Debug, Clone, Copy)]
struct TermRange {
    lo: u32,
    hi: u32,
    exact: Option<u32>,
    factor: f32,
}

impl Base {
    fn prefix_range(&self, prefix: &str) -> (u32, u32) {
        let lo = self.terms.partition_point(|t| t.as_ref() < prefix);
        let hi = lo + self.terms[lo..].partition_point(|t| t.starts_with(prefix));
        (lo as u32, hi as u32)
    }

    fn ranges(&self, text: &TextQuery) -> Vec<Vec<TermRange>> {
        text.groups
            .iter()
            .map(|group| {
                group
                    .alternatives()
                    .map(|(word, factor)| {
                        let (lo, hi) = self.prefix_range(word);
                        let exact = (lo < hi && self.terms[lo as usize].as_ref() == word).then_some(lo);
                        TermRange { lo, hi, exact, factor }
                    })
                    .filter(|r| r.lo < r.hi)
                    .collect()
            })
            .collect()
    }

    /// The text score of doc `i`, if it has every group.
    fn score(&self, i: u32, groups: &[Vec<TermRange>]) -> Option<f32> {
        let i = i as usize;
        let terms = &self.doc_terms[self.term_starts[i] as usize..self.term_starts[i + 1] as usize];
        let name_terms = usize::from(self.name_term_counts[i]);
        let mut total = 0.0;
        for group in groups {
            let mut best = 0.0_f32;
            for (i, &term) in terms.iter().enumerate() {
                let weight = if i < name_terms { NAME_WEIGHT } else { BODY_WEIGHT };
                for range in group {
                    if (range.lo..range.hi).contains(&term) {
                        let exactness = if range.exact == Some(term) { 1.0 } else { PREFIX_FACTOR };
                        best = best.max(weight * range.factor * exactness);
                    }
                }
            }
            if best == 0.0 {
                return None;
            }
            total += best;
        }
        Some(total)
    }

    fn postings_size(&self, group: &[TermRange]) -> usize {
        group.iter().map(|r| (self.posting_starts[r.hi as usize] - self.posting_starts[r.lo as usize]) as usize).sum()
    }

    /// Postings of the word group with the fewest (0 when a group matches nothing).
    fn rarest_group_size(&self, groups: &[Vec<TermRange>]) -> usize {
        groups.iter().map(|g| self.postings_size(g)).min().unwrap_or(0)
    }

    /// The docs of the grid cells covering a circle's bounding box: one run of doc indices
    /// per row of cells.
    fn cells_around(&self, centre: GeoPoint, radius_km: f64) -> Vec<std::ops::Range<u32>> {
        let (south, north, west, east) = centre.bounding_box(radius_km);
        let ((lat_lo, lon_lo), (lat_hi, lon_hi)) = (cell_of(south, west), cell_of(north, east));
        let start_of = |key: (i32, i32)| -> u32 {
            let i = self.cells.partition_point(|(cell, _)| *cell < key);
            self.cells.get(i).map_or(self.located, |(_, start)| *start)
        };
        (lat_lo..=lat_hi).map(|lat| start_of((lat, lon_lo))..start_of((lat, lon_hi + 1))).filter(|r| !r.is_empty()).collect()
    }

    /// Docs having a word of the group with the fewest postings (each once, ascending).
    fn text_candidates(&self, groups: &[Vec<TermRange>]) -> Vec<u32> {
        let Some(smallest) = groups.iter().min_by_key(|g| self.postings_size(g)) else {
            return Vec::new();
        };
        let mut docs = Vec::with_capacity(self.postings_size(smallest));
        for range in smallest {
            let postings = &self.postings[self.posting_starts[range.lo as usize] as usize..self.posting_starts[range.hi as usize] as usize];
            docs.extend(postings.iter().map(|p| p & !IN_NAME));
        }
        docs.sort_unstable();
        docs.dedup();
        docs
    }

    /// Docs having a word of one group, with their score, from the postings alone (each doc
    /// once, ascending).
    fn scores_from_postings(&self, group: &[TermRange]) -> Vec<(u32, f32)> {
        let mut scored = Vec::with_capacity(self.postings_size(group));
        for range in group {
            for term in range.lo..range.hi {
                let exactness = if range.exact == Some(term) { 1.0 } else { PREFIX_FACTOR };
                let postings = &self.postings[self.posting_starts[term as usize] as usize..self.posting_starts[term as usize + 1] as usize];
                scored.extend(postings.iter().map(|&p| {
                    let weight = if p & IN_NAME != 0 { NAME_WEIGHT } else { BODY_WEIGHT };
                    (p & !IN_NAME, weight * range.factor * exactness)
                }));
            }
        }
        scored.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        scored.dedup_by_key(|(doc, _)| *doc);
        scored
    }

    fn category_code(&self, slug: &str) -> Option<u16> {
        self.categories.iter().position(|c| c.as_ref() == slug).map(|i| i as u16 + 1)
    }
}

/// Builds a [`Base`] from rows read page by page.
#[derive(Default)]
struct Builder {
    docs: Vec<Doc>,
    /// Per doc: start of its words in `doc_terms`, name words, all words.
    spans: Vec<(u32, u16, u16)>,
    names: Vec<Box<str>>,
    doc_terms: Vec<u32>,
    term_ids: HashMap<Box<str>, u32>,
    terms: Vec<Box<str>>,
    categories: Vec<Box<str>>,
    hours_ids: HashMap<Box<str>, u32>,
    hours: Vec<Box<str>>,
}

impl Builder {
    fn term(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.term_ids.get(word) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(word.into());
        self.term_ids.insert(word.into(), id);
        id
    }

    fn add(&mut self, row: &IndexRow) {
        if !row.published {
            return;
        }
        let category = match &row.category {
            None => 0,
            Some(slug) => match self.categories.iter().position(|c| c.as_ref() == slug.as_str()) {
                Some(i) => i as u16 + 1,
                None => {
                    self.categories.push(slug.as_str().into());
                    self.categories.len() as u16
                }
            },
        };
        let hours = match self.hours_ids.get(row.opening_hours.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.hours.len() as u32;
                self.hours.push(row.opening_hours.as_str().into());
                self.hours_ids.insert(row.opening_hours.as_str().into(), id);
                id
            }
        };
        let start = self.doc_terms.len();
        for word in row.search_name.split(' ').filter(|w| !w.is_empty()) {
            let id = self.term(word);
            self.doc_terms.push(id);
        }
        let name_terms = self.doc_terms.len() - start;
        for word in row.search_body.split(' ').filter(|w| !w.is_empty()) {
            let id = self.term(word);
            self.doc_terms.push(id);
        }
        let all_terms = (self.doc_terms.len() - start).min(usize::from(u16::MAX));
        let point = row.point.unwrap_or(GeoPoint { lat: 0.0, lon: 0.0 });
        self.docs.push(Doc {
            id: row.id,
            lat: point.lat,
            lon: point.lon,
            has_point: row.point.is_some(),
            kind: kind_code(row.kind),
            amenities: amenity_bits(&row.amenities),
            category,
            hours,
        });
        self.spans.push((start as u32, name_terms.min(all_terms) as u16, all_terms as u16));
        self.names.push(fold(&row.name).into());
    }

    /// Sorts terms and documents, and builds the postings and the grid.
    fn finish(self) -> Base {
        let mut term_order: Vec<u32> = (0..self.terms.len() as u32).collect();
        term_order.sort_unstable_by(|a, b| self.terms[*a as usize].cmp(&self.terms[*b as usize]));
        let mut new_term_id = vec![0u32; self.terms.len()];
        for (new, old) in term_order.iter().enumerate() {
            new_term_id[*old as usize] = new as u32;
        }
        // Name ranks, then the storage order: by cell, by name within a cell.
        let mut by_name: Vec<u32> = (0..self.docs.len() as u32).collect();
        by_name.sort_unstable_by(|a, b| {
            let (a, b) = (*a as usize, *b as usize);
            self.names[a].cmp(&self.names[b]).then(self.docs[a].id.cmp(&self.docs[b].id))
        });
        let mut name_rank = vec![0u32; self.docs.len()];
        for (rank, &doc) in by_name.iter().enumerate() {
            name_rank[doc as usize] = rank as u32;
        }
        let mut names_in = self.names.into_iter().map(Some).collect::<Vec<_>>();
        let names: Vec<Box<str>> = by_name.iter().map(|&doc| names_in[doc as usize].take().unwrap_or_default()).collect();
        let cell_key = |doc: &Doc| if doc.has_point { (0, cell_of(doc.lat, doc.lon)) } else { (1, (0, 0)) };
        let mut doc_order: Vec<u32> = (0..self.docs.len() as u32).collect();
        doc_order.sort_unstable_by_key(|&doc| (cell_key(&self.docs[doc as usize]), name_rank[doc as usize]));

        let mut docs = Vec::with_capacity(self.docs.len());
        let mut name_ranks = Vec::with_capacity(self.docs.len());
        let mut doc_terms = Vec::with_capacity(self.doc_terms.len());
        let mut term_starts = Vec::with_capacity(self.docs.len() + 1);
        let mut name_term_counts = Vec::with_capacity(self.docs.len());
        let mut counts = vec![0u32; self.terms.len() + 1];
        let mut cells: Vec<((i32, i32), u32)> = Vec::new();
        let mut located = 0;
        for &old in &doc_order {
            let doc = self.docs[old as usize];
            if doc.has_point {
                let cell = cell_of(doc.lat, doc.lon);
                if cells.last().is_none_or(|(last, _)| *last != cell) {
                    cells.push((cell, docs.len() as u32));
                }
                located = docs.len() as u32 + 1;
            }
            let (start, name_terms, all_terms) = self.spans[old as usize];
            term_starts.push(doc_terms.len() as u32);
            name_term_counts.push(name_terms);
            for &term in &self.doc_terms[start as usize..start as usize + usize::from(all_terms)] {
                let term = new_term_id[term as usize];
                doc_terms.push(term);
                counts[term as usize + 1] += 1;
            }
            docs.push(doc);
            name_ranks.push(name_rank[old as usize]);
        }
        term_starts.push(doc_terms.len() as u32);
        // A listing is posted once per occurrence of a word (twice for a word of both its name
        // and its body): readers deduplicate.
        for t in 1..counts.len() {
            counts[t] += counts[t - 1];
        }
        let posting_starts = counts.clone();
        let mut postings = vec![0u32; doc_terms.len()];
        let mut next = counts;
        for i in 0..docs.len() {
            let (start, end) = (term_starts[i] as usize, term_starts[i + 1] as usize);
            for (k, &term) in doc_terms[start..end].iter().enumerate() {
                let flag = if k < usize::from(name_term_counts[i]) { IN_NAME } else { 0 };
                postings[next[term as usize] as usize] = i as u32 | flag;
                next[term as usize] += 1;
            }
        }
        let terms = term_order.iter().map(|&old| self.terms[old as usize].clone()).collect();
        Base {
            docs,
            names,
            terms,
            posting_starts,
            postings,
            term_starts,
            name_term_counts,
            doc_terms,
            name_ranks,
            categories: self.categories,
            hours: self.hours,
            cells,
            located,
        }
    }
}

/// A listing changed since the base was built.
#[derive(Debug, Clone)]
struct OverlayDoc {
    id: i64,
    /// Where its name falls among the base's names (see [`Found::order`]).
    order: u64,
    kind: u8,
    category: Option<String>,
    amenities: u8,
    point: Option<GeoPoint>,
    hours: String,
    name_words: Vec<String>,
    body_words: Vec<String>,
}

impl OverlayDoc {
    fn new(row: IndexRow, base: &Base) -> Self {
        let name = fold(&row.name);
        let before = base.names.partition_point(|n| n.as_ref() < name.as_str());
        let words = |text: &str| text.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
        OverlayDoc {
            id: row.id,
            order: before as u64 * 2,
            kind: kind_code(row.kind),
            category: row.category,
            amenities: amenity_bits(&row.amenities),
            point: row.point,
            hours: row.opening_hours,
            name_words: words(&row.search_name),
            body_words: words(&row.search_body),
        }
    }

    fn score(&self, text: &TextQuery) -> Option<f32> {
        let mut total = 0.0;
        for group in &text.groups {
            let mut best = 0.0_f32;
            let words = self.name_words.iter().map(|w| (w, NAME_WEIGHT)).chain(self.body_words.iter().map(|w| (w, BODY_WEIGHT)));
            for (word, weight) in words {
                for (alternative, factor) in group.alternatives() {
                    if word.starts_with(alternative) {
                        let exactness = if word == alternative { 1.0 } else { PREFIX_FACTOR };
                        best = best.max(weight * factor * exactness);
                    }
                }
            }
            if best == 0.0 {
                return None;
            }
            total += best;
        }
        Some(total)
    }
}

/// The disc of a search near a point. Distances are equirectangular (flat Earth around the
/// centre): within 0.1 % of the great-circle distance at these radii, and a few
/// multiplications instead of trigonometry for each listing of the cells read.
struct Circle {
    lat: f64,
    lon: f64,
    km_per_lon_degree: f64,
    radius_squared: f64,
}

impl Circle {
    const KM_PER_LAT_DEGREE: f64 = 111.195;

    fn new(centre: GeoPoint, radius_km: f64) -> Self {
        Circle {
            lat: centre.lat,
            lon: centre.lon,
            km_per_lon_degree: Self::KM_PER_LAT_DEGREE * centre.lat.to_radians().cos(),
            radius_squared: radius_km * radius_km,
        }
    }

    /// The distance to a point, if within the radius.
    fn distance_km(&self, lat: f64, lon: f64) -> Option<f64> {
        let dy = (lat - self.lat) * Self::KM_PER_LAT_DEGREE;
        let dx = (lon - self.lon) * self.km_per_lon_degree;
        let squared = dx * dx + dy * dy;
        (squared <= self.radius_squared).then(|| squared.sqrt())
    }
}

/// Where a match is: a doc of the base (its id is read only if it makes the page), or a
/// changed listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Base(u32),
    Overlay(i64),
}

/// A match before ranking.
#[derive(Debug, Clone, Copy)]
struct Found {
    source: Source,
    /// Name order: `2 * r + 1` for the base's listing of name rank `r`; `2 * r` for a changed
    /// listing whose name sorts just before it.
    order: u64,
    text: f32,
    distance_km: Option<f64>,
}

/// One state of the index: the base and the changes since, at a revision of the database.
#[derive(Debug, Default)]
pub struct IndexView {
    revision: i64,
    base: Arc<Base>,
    /// Changed listings by id; `None`: no longer published.
    overlay: HashMap<i64, Option<OverlayDoc>>,
}

impl IndexView {
    /// Listings in the index.
    pub fn len(&self) -> usize {
        self.base.docs.iter().filter(|d| !self.overlay.contains_key(&d.id)).count() + self.overlay.values().flatten().count()
    }

    /// Whether the index holds no listing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn has_word_starting_with(&self, prefix: &str) -> bool {
        let (lo, hi) = self.base.prefix_range(prefix);
        lo < hi || self.overlay.values().flatten().any(|d| d.name_words.iter().chain(&d.body_words).any(|w| w.starts_with(prefix)))
    }

    /// The words of a query and, for each word no listing has, the known words one typo away
    /// ("boulangrie" → "boulangerie"), with the corrections made (typed, used).
    pub fn text_query(&self, q: &str) -> (Option<TextQuery>, Vec<(String, String)>) {
        let words: Vec<String> = search_words(q).into_iter().take(MAX_WORDS).collect();
        if words.is_empty() {
            return (None, Vec::new());
        }
        let mut groups = Vec::new();
        let mut corrections = Vec::new();
        for word in words {
            let mut near = Vec::new();
            if word.chars().count() >= 4 && !self.has_word_starting_with(&word) {
                let head: String = word.chars().take(2).collect();
                let (lo, hi) = self.base.prefix_range(&head);
                let overlay_words = self.overlay.values().flatten().flat_map(|d| d.name_words.iter().chain(&d.body_words));
                let known = self.base.terms[lo as usize..hi as usize].iter().map(AsRef::as_ref).chain(overlay_words.map(String::as_str));
                let length = word.chars().count();
                near = known
                    .filter(|term| term.starts_with(head.as_str()))
                    .filter(|term| {
                        let prefix: String = term.chars().take(length).collect();
                        edit_distance_within(&word, term, 1) <= 1 || edit_distance_within(&word, &prefix, 1) <= 1
                    })
                    .map(str::to_owned)
                    .collect();
                near.sort_by_key(|t: &String| (edit_distance_within(&word, t, 2), t.len(), t.clone()));
                near.dedup();
                near.truncate(5);
                if let Some(best) = near.first() {
                    corrections.push((word.clone(), best.clone()));
                }
            }
            groups.push(WordGroup { word, corrections: near });
        }
        (Some(TextQuery { groups }), corrections)
    }

    /// The listings matching `query`, ranked: by words (name first) and distance, then by
    /// name. `open`, when given, keeps only the listings whose opening hours it accepts (it
    /// is called with the `opening_hours` value, once the cheaper conditions passed).
    pub fn search(&self, query: &IndexQuery<'_>, mut open: Option<&mut dyn FnMut(&str) -> bool>) -> IndexPage {
        let base = &*self.base;
        let groups = query.text.map(|t| base.ranges(t));
        let kind = query.kind.map(kind_code);
        let category = query.category.map(|slug| base.category_code(slug).unwrap_or(u16::MAX));
        let amenities = amenity_bits(query.amenities);
        let circle = query.near.map(|(centre, radius)| Circle::new(centre, radius));
        let mut found: Vec<Found> = Vec::new();
        let no_overlay = self.overlay.is_empty();

        let consider = |i: u32, found: &mut Vec<Found>, open: &mut Option<&mut dyn FnMut(&str) -> bool>| {
            let doc = &base.docs[i as usize];
            if kind.is_some_and(|k| k != doc.kind)
                || category.is_some_and(|c| c != doc.category)
                || doc.amenities & amenities != amenities
                || (!no_overlay && self.overlay.contains_key(&doc.id))
            {
                return;
            }
            let distance_km = match &circle {
                Some(circle) => match circle.distance_km(doc.lat, doc.lon) {
                    Some(distance) if doc.has_point => Some(distance),
                    _ => return,
                },
                None => None,
            };
            let text = match &groups {
                Some(groups) => match base.score(i, groups) {
                    Some(score) => score,
                    None => return,
                },
                None => 0.0,
            };
            if let Some(open) = open.as_mut()
                && !open(&base.hours[doc.hours as usize])
            {
                return;
            }
            found.push(Found { source: Source::Base(i), order: 2 * u64::from(base.name_ranks[i as usize]) + 1, text, distance_km });
        };
        // Read the smaller of the place's grid cells and the postings of the rarest word.
        let cells = query.near.map(|(centre, radius)| base.cells_around(centre, radius));
        let in_cells = cells.as_ref().map(|c| c.iter().map(|run| run.len()).sum::<usize>());
        let in_postings = groups.as_ref().map(|g| base.rarest_group_size(g));
        let words_only = kind.is_none() && category.is_none() && amenities == 0 && open.is_none() && no_overlay;
        match (cells, &groups) {
            (None, Some(groups)) if words_only && groups.len() == 1 => {
                // One word and nothing else: scored from the postings, no listing read.
                found = base
                    .scores_from_postings(&groups[0])
                    .into_iter()
                    .map(|(i, text)| Found {
                        source: Source::Base(i),
                        order: 2 * u64::from(base.name_ranks[i as usize]) + 1,
                        text,
                        distance_km: None,
                    })
                    .collect();
            }
            (Some(_), Some(groups)) if in_postings < in_cells => {
                for i in base.text_candidates(groups) {
                    consider(i, &mut found, &mut open);
                }
            }
            (Some(cells), _) => {
                for i in cells.into_iter().flatten() {
                    consider(i, &mut found, &mut open);
                }
            }
            (None, Some(groups)) => {
                for i in base.text_candidates(groups) {
                    consider(i, &mut found, &mut open);
                }
            }
            (None, None) => {
                for i in 0..base.docs.len() as u32 {
                    consider(i, &mut found, &mut open);
                }
            }
        }
        for doc in self.overlay.values().flatten() {
            if kind.is_some_and(|k| k != doc.kind)
                || query.category.is_some_and(|c| doc.category.as_deref() != Some(c))
                || doc.amenities & amenities != amenities
            {
                continue;
            }
            let distance_km = match (&circle, doc.point) {
                (Some(circle), Some(point)) => match circle.distance_km(point.lat, point.lon) {
                    Some(distance) => Some(distance),
                    None => continue,
                },
                (Some(_), None) => continue,
                (None, _) => None,
            };
            let text = match query.text {
                Some(text) => match doc.score(text) {
                    Some(score) => score,
                    None => continue,
                },
                None => 0.0,
            };
            if let Some(open) = open.as_mut()
                && !open(&doc.hours)
            {
                continue;
            }
            found.push(Found { source: Source::Overlay(doc.id), order: doc.order, text, distance_km });
        }
        let page = rank(found, query.text.is_some(), query.offset, query.limit);
        let ids = page
            .sources
            .into_iter()
            .map(|source| match source {
                Source::Base(i) => base.docs[i as usize].id,
                Source::Overlay(id) => id,
            })
            .collect();
        IndexPage { ids, total: page.total }
    }
}

/// A page of matches and how many matched.
struct RankedPage {
    sources: Vec<Source>,
    total: u64,
}

/// Orders matches (words 70 %, closeness 30 %, then name) and cuts the page.
fn rank(mut found: Vec<Found>, has_text: bool, offset: usize, limit: usize) -> RankedPage {
    let total = found.len() as u64;
    let best_text = found.iter().map(|f| f.text).fold(0.0_f32, f32::max);
    let score = |f: &Found| -> f64 {
        let relevance = if best_text > 0.0 { f64::from(f.text / best_text) } else { 0.0 };
        let closeness = f.distance_km.map(|d| 1.0 / (1.0 + d / 2.0));
        match (has_text, closeness) {
            (true, Some(c)) => 0.7 * relevance + 0.3 * c,
            (true, None) => relevance,
            (false, Some(c)) => c,
            (false, None) => 0.0,
        }
    };
    let mut scored: Vec<(f64, Found)> = found.drain(..).map(|f| (score(&f), f)).collect();
    let compare =
        |a: &(f64, Found), b: &(f64, Found)| b.0.total_cmp(&a.0).then(a.1.order.cmp(&b.1.order)).then(a.1.source.cmp(&b.1.source));
    let end = offset.saturating_add(limit).min(scored.len());
    if offset >= end {
        return RankedPage { sources: Vec::new(), total };
    }
    if end < scored.len() {
        scored.select_nth_unstable_by(end - 1, compare);
        scored.truncate(end);
    }
    scored.sort_unstable_by(compare);
    RankedPage { sources: scored[offset..end].iter().map(|(_, f)| f.source).collect(), total }
}

/// The search index of an instance (see the module's documentation).
#[derive(Default)]
pub struct SearchIndex {
    current: RwLock<Option<Arc<IndexView>>>,
    refresh: Mutex<()>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let view = self.current();
        f.debug_struct("SearchIndex").field("revision", &view.as_ref().map(|v| v.revision)).finish_non_exhaustive()
    }
}

impl SearchIndex {
    fn current(&self) -> Option<Arc<IndexView>> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The index, brought up to the database's revision first.
    pub async fn view(&self, repo: &impl DirectoryRepo) -> StoreResult<Arc<IndexView>> {
        let revision = repo.directory_revision().await?;
        if let Some(view) = self.current().filter(|v| v.revision >= revision) {
            return Ok(view);
        }
        let _refreshing = self.refresh.lock().await;
        let current = self.current();
        if let Some(view) = current.as_ref().filter(|v| v.revision >= revision) {
            return Ok(view.clone());
        }
        let next = match current {
            None => build(repo, revision).await?,
            Some(view) => {
                // The revision was read before the rows: rows changed meanwhile are read again
                // next time, never missed.
                let room = (2_000 + view.base.docs.len() / 20).saturating_sub(view.overlay.len());
                let changes = repo.index_rows(Some(view.revision), 0, room as u32 + 1).await?;
                if changes.len() > room {
                    build(repo, revision).await?
                } else {
                    let mut overlay = view.overlay.clone();
                    for row in changes {
                        overlay.insert(row.id, row.published.then(|| OverlayDoc::new(row, &view.base)));
                    }
                    IndexView { revision, base: view.base.clone(), overlay }
                }
            }
        };
        let next = Arc::new(next);
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(next.clone());
        Ok(next)
    }
}

/// Reads every listing and builds the index (the sorting runs off the async threads).
async fn build(repo: &impl DirectoryRepo, revision: i64) -> StoreResult<IndexView> {
    let mut builder = Builder::default();
    let mut after_id = 0;
    loop {
        let rows = repo.index_rows(None, after_id, BUILD_PAGE).await?;
        for row in &rows {
            builder.add(row);
        }
        match rows.last() {
            Some(last) if rows.len() == BUILD_PAGE as usize => after_id = last.id,
            _ => break,
        }
    }
    let base = tokio::task::spawn_blocking(move || builder.finish())
        .await
        .map_err(|e| crate::StoreError(format!("building the search index: {e}")))?;
    Ok(IndexView { revision, base: Arc::new(base), overlay: HashMap::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, name: &str, body: &str, point: (f64, f64)) -> IndexRow {
        IndexRow {
            id,
            published: true,
            name: name.to_owned(),
            kind: ListingKind::Shop,
            category: Some("boulangerie-patisserie".into()),
            amenities: vec![Amenity::ClickCollect],
            point: GeoPoint::new(point.0, point.1),
            opening_hours: "Mo-Sa 08:00-19:00".into(),
            search_name: search_words(name).join(" "),
            search_body: search_words(body).join(" "),
        }
    }

    fn view(rows: &[IndexRow]) -> IndexView {
        let mut builder = Builder::default();
        for r in rows {
            builder.add(r);
        }
        IndexView { revision: 1, base: Arc::new(builder.finish()), overlay: HashMap::new() }
    }

    fn ids(view: &IndexView, q: &str, near: Option<(GeoPoint, f64)>) -> Vec<i64> {
        let (text, _) = view.text_query(q);
        view.search(&IndexQuery { text: text.as_ref(), near, limit: 20, ..IndexQuery::default() }, None).ids
    }

    #[test]
    fn words_in_the_name_rank_first_then_name_order() {
        let v = view(&[
            row(1, "Le Fournil", "boulangerie artisanale", (47.47, -0.55)),
            row(2, "Boulangerie Martin", "pain", (47.47, -0.55)),
            row(3, "Atelier Boulangerie", "pain", (47.47, -0.55)),
            row(4, "Garage", "voitures", (47.47, -0.55)),
        ]);
        assert_eq!(ids(&v, "boulangerie", None), vec![3, 2, 1]);
        assert_eq!(ids(&v, "boul", None), vec![3, 2, 1], "prefixes while typing");
        assert_eq!(ids(&v, "boulangerie pain", None), vec![3, 2]);
        assert_eq!(ids(&v, "", None), vec![3, 2, 4, 1], "by name without words");
        // Near a point, a rare word's postings are read instead of the grid cells.
        let here = GeoPoint::new(47.47, -0.55).expect("point");
        let far = GeoPoint::new(45.0, 5.0).expect("point");
        assert_eq!(ids(&v, "garage", Some((here, 1.0))), vec![4]);
        assert_eq!(ids(&v, "boulangerie", Some((here, 1.0))), vec![3, 2, 1]);
        assert!(ids(&v, "garage", Some((far, 1.0))).is_empty());
    }

    #[test]
    fn near_a_point_by_distance_within_the_radius() {
        let v = view(&[
            row(1, "A", "", (47.4711, -0.5473)),
            row(2, "B", "", (47.4800, -0.5473)),
            row(3, "C", "", (47.2600, -0.0769)),
            row(4, "D", "", (47.4711, -0.5600)),
        ]);
        let centre = GeoPoint::new(47.4711, -0.5473).expect("point");
        assert_eq!(ids(&v, "", Some((centre, 5.0))), vec![1, 4, 2]);
        assert_eq!(ids(&v, "", Some((centre, 0.5))), vec![1]);
    }

    #[test]
    fn a_typo_is_corrected_to_a_known_word() {
        let v = view(&[row(1, "Boulangerie Martin", "", (47.0, 0.0)), row(2, "Bouquiniste", "", (47.0, 0.0))]);
        let (text, corrections) = v.text_query("boulangeie");
        assert_eq!(corrections, vec![("boulangeie".to_owned(), "boulangerie".to_owned())]);
        assert_eq!(v.search(&IndexQuery { text: text.as_ref(), limit: 5, ..IndexQuery::default() }, None).ids, vec![1]);
    }

    #[test]
    fn the_overlay_replaces_and_removes_base_listings() {
        let mut v = view(&[row(1, "Boulangerie Martin", "", (47.0, 0.0)), row(2, "Boucherie", "", (47.0, 0.0))]);
        let mut renamed = row(2, "Boulangerie Dupont", "", (47.0, 0.0));
        renamed.amenities.clear();
        let base = v.base.clone();
        v.overlay.insert(2, Some(OverlayDoc::new(renamed, &base)));
        v.overlay.insert(1, None);
        v.overlay.insert(3, Some(OverlayDoc::new(row(3, "Aux Délices", "boulangerie", (47.0, 0.0)), &base)));
        assert_eq!(ids(&v, "boulangerie", None), vec![2, 3]);
        assert_eq!(ids(&v, "", None), vec![3, 2], "changed listings keep the name order");
        assert_eq!(v.len(), 2);
        let services = v.search(&IndexQuery { amenities: &[Amenity::ClickCollect], limit: 5, ..IndexQuery::default() }, None);
        assert_eq!(services.ids, vec![3]);
    }

    #[test]
    fn pages_and_opening_condition() {
        let rows: Vec<IndexRow> = (1..=25).map(|i| row(i, &format!("Fleuriste {i:02}"), "", (47.0, 0.0))).collect();
        let v = view(&rows);
        let page = v.search(&IndexQuery { offset: 20, limit: 20, ..IndexQuery::default() }, None);
        assert_eq!((page.ids, page.total), (vec![21, 22, 23, 24, 25], 25));
        let mut calls = 0;
        let mut closed = |_: &str| {
            calls += 1;
            false
        };
        let page = v.search(&IndexQuery { limit: 20, ..IndexQuery::default() }, Some(&mut closed));
        assert_eq!((page.total, calls), (0, 25));
    }
}
