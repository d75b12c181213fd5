//! The directory as open data (`tremplin export` and the `/donnees` downloads), written as a
//! stream of pages read by id, so that memory stays flat whatever the size.

use std::io::Write;
use tokio::runtime::Handle;
use tremplin_domain::directory::{DirectoryRepo, Listing, ListingKind};
use tremplin_interchange::ExportOptions;
use tremplin_interchange::geojson::write_geojson;
use tremplin_interchange::jsonld::write_jsonld;
use tremplin_interchange::listings_csv::write_csv;
use tremplin_interchange::mediation::{write_mediation_csv, write_mediation_json};
use tremplin_store::Db;

/// Formats of the open-data exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV, one row per listing (UTF-8, header).
    Csv,
    /// GeoJSON FeatureCollection (RFC 7946).
    Geojson,
    /// schema.org JSON-LD (`ItemList` of `LocalBusiness`).
    Jsonld,
    /// Digital-mediation places in the national standard (LaMednum 1.0.2), CSV.
    MediationCsv,
    /// The same, JSON.
    MediationJson,
}

impl Format {
    /// File name of the download.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Csv => "annuaire.csv",
            Format::Geojson => "annuaire.geojson",
            Format::Jsonld => "annuaire.jsonld",
            Format::MediationCsv => "lieux-de-mediation-numerique.csv",
            Format::MediationJson => "lieux-de-mediation-numerique.json",
        }
    }

    /// Media type of the download.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv | Format::MediationCsv => "text/csv; charset=utf-8",
            Format::Geojson => "application/geo+json",
            Format::Jsonld => "application/ld+json",
            Format::MediationJson => "application/json",
        }
    }

    /// Every format.
    pub const ALL: [Format; 5] = [Format::Csv, Format::Geojson, Format::Jsonld, Format::MediationCsv, Format::MediationJson];

    /// Name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Geojson => "geojson",
            Format::Jsonld => "jsonld",
            Format::MediationCsv => "mediation-csv",
            Format::MediationJson => "mediation-json",
        }
    }

    /// From its name on the command line.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// From a download's file name.
    pub fn from_file_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.file_name() == name)
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing the format failed (the output closed, say).
    #[error(transparent)]
    Write(#[from] tremplin_interchange::InterchangeError),
    /// Reading the listings failed.
    #[error("reading the listings: {0}")]
    Store(String),
}

/// Pages of listings read on demand; must be iterated on a blocking thread (it waits for the
/// database with the runtime's handle).
struct Pages<'a> {
    db: &'a Db,
    handle: Handle,
    communes: Option<&'a [String]>,
    after: i64,
    buffer: std::vec::IntoIter<Listing>,
    done: bool,
    error: Option<String>,
}

impl Iterator for Pages<'_> {
    type Item = Listing;

    fn next(&mut self) -> Option<Listing> {
        if let Some(listing) = self.buffer.next() {
            return Some(listing);
        }
        if self.done {
            return None;
        }
        match self.handle.block_on(self.db.listings_after(self.after, 2000, self.communes)) {
            Ok(page) => {
                self.done = page.len() < 2000;
                self.after = page.last().map(|l| l.id).unwrap_or(self.after);
                self.buffer = page.into_iter();
                self.buffer.next()
            }
            Err(e) => {
                self.error = Some(e.0);
                self.done = true;
                None
            }
        }
    }
}

/// Writes the published listings (of `communes`, if given) in `format`; returns how many.
/// Call from a blocking thread (`spawn_blocking` or `block_in_place`).
pub fn write(
    db: &Db,
    handle: Handle,
    format: Format,
    communes: Option<&[String]>,
    base_url: &str,
    out: impl Write,
) -> Result<usize, ExportError> {
    let mut pages = Pages { db, handle, communes, after: 0, buffer: Vec::new().into_iter(), done: false, error: None };
    let options = ExportOptions { base_url: Some(base_url.to_owned()) };
    let collector = "Tremplin";
    let written = match format {
        Format::Csv => write_csv(out, &mut pages, &options)?,
        Format::Geojson => write_geojson(out, &mut pages, &options)?,
        Format::Jsonld => write_jsonld(out, &mut pages, &options)?,
        Format::MediationCsv => {
            write_mediation_csv(out, (&mut pages).filter(|l| l.kind == ListingKind::Mediation), collector, |_| None)?.written
        }
        Format::MediationJson => {
            write_mediation_json(out, (&mut pages).filter(|l| l.kind == ListingKind::Mediation), collector, |_| None)?.written
        }
    };
    if let Some(error) = pages.error {
        return Err(ExportError::Store(error));
    }
    Ok(written)
}
