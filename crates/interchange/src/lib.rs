//! Codecs of the directory (no database, no HTTP), and the import that runs them over the
//! domain's store traits.
//!
//! **Imports** read a file as a stream and yield, for every element or line of interest,
//! either an [`ImportedListing`] or a [`Rejection`] that says where and why. What is simply
//! out of scope (an OSM node without a shop tag, a closed establishment, a commune outside the
//! filter) is skipped silently and counted in [`ImportStats`]. Every reader is an iterator of
//! `Result<ImportItem, InterchangeError>`: the outer error is fatal (unreadable file), the inner
//! one concerns one record only, and the reader goes on after it.
//!
//! - [`osm::OsmPbfReader`]: OpenStreetMap `.osm.pbf` files (nodes, dense nodes, ways).
//! - [`osm::OverpassReader`]: Overpass API JSON (`out center` or `out geom`).
//! - [`sirene::SireneReader`]: INSEE's `StockEtablissement` CSV.
//! - [`mediation::MediationCsvReader`], [`mediation::MediationJsonReader`]: the national standard of
//!   digital-mediation places (LaMednum v1.0.2).
//! - [`listings_csv::ListingCsvReader`]: our own CSV (what [`listings_csv::write_csv`] writes).
//!
//! **Exports** write any iterator of [`Listing`](tremplin_domain::directory::Listing)s (owned or
//! borrowed) to a [`Write`](std::io::Write), one record at a time:
//! [`listings_csv::write_csv`], [`geojson::write_geojson`], [`jsonld::write_jsonld`],
//! [`mediation::write_mediation_csv`] and [`mediation::write_mediation_json`].
//!
//! **Importing** a file into the directory — commune resolution, the territory filter, the
//! dry run, saving through the domain's use case, the report — is [`import::run`], used by
//! both `tremplin import` and the managers' upload page. It is generic over the domain's store
//! traits, so this crate still writes no SQL.
//!
//! **Workshops**: [`icalendar::write_calendar`] writes RFC 5545 feeds and invitations;
//! [`qr`] draws check-in QR codes (SVG for pages, PNG for e-mails).
//!
//! Field mappings are documented in each module and in this crate's `README.md`.

pub mod categories;
pub mod error;
pub mod event_jsonld;
pub mod export;
pub mod geojson;
pub mod icalendar;
pub mod import;
mod json_stream;
pub mod jsonld;
pub mod listings_csv;
pub mod mediation;
pub mod osm;
pub mod qr;
pub mod record;
pub mod sirene;
mod tabular;
pub mod text;

pub use categories::CategoryIndex;
pub use error::InterchangeError;
pub use export::ExportOptions;
pub use record::{ImportItem, ImportStats, ImportedListing, Rejection, SkipReason};
