//! Importing a file into the directory: the one orchestration behind `tremplin import` and the
//! managers' upload page (`/territoires/{slug}/imports`).
//!
//! A reader of this crate turns the file into listings; each listing gets its commune (INSEE
//! code from the postcode and the commune's name when the file has none, the town hall as its
//! position when the file gives none), is kept only if it lies in the territory asked for, and
//! is saved through [`save_listing`], the same upsert as every change, keyed by source and
//! source id: re-importing updates and never duplicates, and never overwrites a field edited by
//! hand. A dry run reads and checks everything and saves nothing.
//!
//! The orchestration is generic over the store traits of the domain ([`DirectoryRepo`],
//! [`TerritoryRepo`]), so it still knows no SQL, and reads any `Read + Seek` input: a file for
//! the command, the uploaded bytes for the page (`.osm.pbf` files are read in two passes,
//! hence `Seek`).

mod communes;
mod reader;

use crate::InterchangeError;
use crate::record::Rejection;
use communes::CommuneLookup;
use reader::AnyReader;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::{Read, Seek};
use tremplin_domain::StoreError;
use tremplin_domain::directory::{DirectoryRepo, UpsertOutcome, save_listing};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::Clock;

pub use reader::{Encoding, sniff};

/// The kinds of file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// OpenStreetMap: `.osm.pbf`, or Overpass API JSON.
    Osm,
    /// INSEE SIRENE `StockEtablissement` CSV (needs a territory: only its communes are read).
    Sirene,
    /// The national standard of digital-mediation places, CSV or JSON.
    Mediation,
}

impl Format {
    /// Every format, in the order offered to people.
    pub const ALL: [Format; 3] = [Format::Osm, Format::Sirene, Format::Mediation];

    /// Stable identifier (command argument, form value).
    pub fn name(self) -> &'static str {
        match self {
            Format::Osm => "osm",
            Format::Sirene => "sirene",
            Format::Mediation => "mediation",
        }
    }

    /// The format named `name`.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep only listings in this territory's communes (and those of the territories in it).
    pub territory: Option<String>,
    /// Read and check; save nothing.
    pub dry_run: bool,
}

/// What an import did (or would do).
#[derive(Debug, Default)]
pub struct Report {
    /// New listings.
    pub created: u64,
    /// Listings changed.
    pub updated: u64,
    /// Listings already up to date.
    pub unchanged: u64,
    /// Dry run: listings that would be created.
    pub new: u64,
    /// Dry run: listings already known (updated or unchanged).
    pub known: u64,
    /// Records refused, with where and why.
    pub rejected: Vec<Rejection>,
    /// Records left out, by reason (a [`SkipReason`](crate::SkipReason) identifier, or
    /// `outside_territory`).
    pub skipped: BTreeMap<String, u64>,
}

/// The reason given for listings whose commune is not in the territory asked for.
pub const OUTSIDE_TERRITORY: &str = "outside_territory";

impl Report {
    /// Listings created or changed.
    pub fn saved(&self) -> u64 {
        self.created + self.updated
    }

    /// Listings found in the file and kept (saved, unchanged, or counted by a dry run).
    pub fn kept(&self) -> u64 {
        self.created + self.updated + self.unchanged + self.new + self.known
    }

    /// The report as printed by the command.
    pub fn to_text(&self, dry_run: bool) -> String {
        let mut text = if dry_run {
            format!("dry run: {} new, {} already known, {} rejected\n", self.new, self.known, self.rejected.len())
        } else {
            format!("created {}, updated {}, unchanged {}, rejected {}\n", self.created, self.updated, self.unchanged, self.rejected.len())
        };
        for (reason, count) in &self.skipped {
            text.push_str(&format!("skipped ({reason}): {count}\n"));
        }
        for rejection in &self.rejected {
            text.push_str(&format!("rejected {rejection}\n"));
        }
        text
    }
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No territory has this slug.
    #[error("no territory with slug {0}")]
    UnknownTerritory(String),
    /// A SIRENE import was asked for without a territory.
    #[error("a SIRENE import needs a territory: the national file holds every establishment of France")]
    SireneNeedsTerritory,
    /// The input holds nothing.
    #[error("the file is empty")]
    Empty,
    /// The input cannot be read in the format asked for (or stopped being readable): the
    /// listings read before were saved (`saved` of them created or changed).
    #[error("the file cannot be read as {format}: {error}")]
    Unreadable {
        /// The format asked for.
        format: Format,
        /// What the reader said.
        error: InterchangeError,
        /// Listings created or changed before the error.
        saved: u64,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// INSEE codes of a territory's communes, those of the territories nested in it included.
pub async fn territory_communes(repo: &impl TerritoryRepo, slug: &str) -> Result<HashSet<String>, ImportError> {
    let territory = repo.territory_by_slug(slug).await?.ok_or_else(|| ImportError::UnknownTerritory(slug.to_owned()))?;
    Ok(repo.all_communes_of(territory.id).await?.into_iter().collect())
}

/// Imports `input`, a file of `format` named `file_name` (the name only helps to recognise a
/// damaged `.osm.pbf`; the encoding is told from the content, see [`sniff`]).
pub async fn run<D, R>(
    repo: &D,
    clock: &dyn Clock,
    format: Format,
    input: R,
    file_name: &str,
    options: &Options,
) -> Result<Report, ImportError>
where
    D: DirectoryRepo + TerritoryRepo,
    R: Read + Seek + Send,
{
    let categories = repo.categories().await?;
    let labels: BTreeMap<&str, &str> = categories.iter().map(|c| (c.slug.as_str(), c.label_fr.as_str())).collect();
    let territory = match &options.territory {
        Some(slug) => Some(territory_communes(repo, slug).await?),
        None if format == Format::Sirene => return Err(ImportError::SireneNeedsTerritory),
        None => None,
    };
    let unreadable = |error: InterchangeError, saved: u64| ImportError::Unreadable { format, error, saved };
    let mut reader = match AnyReader::open(format, input, file_name, &categories, territory.clone()) {
        Ok(Some(reader)) => reader,
        Ok(None) => return Err(ImportError::Empty),
        Err(error) => return Err(unreadable(error, 0)),
    };
    let mut communes = CommuneLookup::default();
    let mut report = Report::default();
    let mut known: Option<HashSet<String>> = None;
    let now = clock.now_ts();
    let mut outside = 0u64;
    while let Some(item) = reader.next_item() {
        let imported = match item {
            Err(error) => return Err(unreadable(error, report.saved())),
            Ok(Err(rejection)) => {
                report.rejected.push(rejection);
                continue;
            }
            Ok(Ok(imported)) => imported,
        };
        let mut input = imported.input;
        if input.insee.is_none() {
            input.insee = communes.resolve(repo, &input.postcode, imported.commune.as_deref()).await?;
        }
        let commune = match &input.insee {
            Some(insee) => communes.commune(repo, insee).await?,
            None => None,
        };
        if input.point.is_none() {
            // Placed at the town hall until someone places it better.
            input.point = commune.as_ref().and_then(|c| c.point);
        }
        if let Some(codes) = &territory
            && !input.insee.as_ref().is_some_and(|i| codes.contains(i))
        {
            outside += 1;
            continue;
        }
        if options.dry_run {
            let ids = match &mut known {
                Some(ids) => ids,
                None => known.insert(repo.source_ids(&input.source).await?.into_iter().collect()),
            };
            if ids.contains(&input.source_id) {
                report.known += 1
            } else {
                report.new += 1
            }
            continue;
        }
        let category = input.category.as_deref().and_then(|c| labels.get(c)).copied();
        match save_listing(repo, &input, category, commune.as_ref().map(|c| c.name.as_str()), now).await? {
            UpsertOutcome::Created => report.created += 1,
            UpsertOutcome::Updated => report.updated += 1,
            UpsertOutcome::Unchanged => report.unchanged += 1,
        }
    }
    for (reason, count) in &reader.stats().skipped {
        report.skipped.insert(reason.as_str().to_owned(), *count);
    }
    if outside > 0 {
        report.skipped.insert(OUTSIDE_TERRITORY.into(), outside);
    }
    Ok(report)
}
