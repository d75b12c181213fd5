//! The standard as CSV: UTF-8, comma-separated (a `;`-separated file is recognised), header
//! with the field names.

use super::{FIELDS, MediationExport, fields_from, to_listing};
use crate::categories::CategoryIndex;
use crate::error::InterchangeError;
use crate::record::{ImportItem, ImportStats};
use crate::tabular::{Header, classify, line_of, open_csv};
use std::borrow::Borrow;
use std::io::{BufReader, Read, Write};
use tremplin_domain::directory::{Category, Listing};

/// Reads places from a CSV of the standard; see the [module](super) for the mapping.
pub struct MediationCsvReader<R: Read> {
    csv: csv::Reader<BufReader<R>>,
    names: Vec<String>,
    index: CategoryIndex,
    stats: ImportStats,
    record: csv::StringRecord,
    done: bool,
}

impl<R: Read> MediationCsvReader<R> {
    /// Reads the header; fails if `id` or `nom` is missing from it.
    pub fn new(reader: R, categories: &[Category]) -> Result<Self, InterchangeError> {
        let (mut csv, header): (_, Header) = open_csv(reader, b',')?;
        header.require("id")?;
        header.require("nom")?;
        let names = csv.headers()?.iter().map(str::to_owned).collect();
        Ok(MediationCsvReader {
            csv,
            names,
            index: CategoryIndex::new(categories),
            stats: ImportStats::default(),
            record: csv::StringRecord::new(),
            done: false,
        })
    }

    /// Counters so far (final once the iterator has ended).
    pub fn stats(&self) -> &ImportStats {
        &self.stats
    }
}

impl<R: Read> Iterator for MediationCsvReader<R> {
    type Item = Result<ImportItem, InterchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = match self.csv.read_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                return None;
            }
            Ok(true) => {
                let fields = fields_from(self.names.iter().cloned().zip(self.record.iter().map(str::to_owned)));
                to_listing(&fields, line_of(self.record.position()), &self.index)
            }
            Err(error) => match classify(error) {
                Ok(rejection) => Err(rejection),
                Err(fatal) => {
                    self.done = true;
                    return Some(Err(fatal));
                }
            },
        };
        self.stats.read += 1;
        self.stats.count(&item);
        Some(Ok(item))
    }
}

/// Writes the listings of kind mediation as a CSV of the standard (header: [`FIELDS`]).
/// `collector` fills `source` (the structure that collected the data); `siret_of` gives a
/// listing's SIRET for `pivot` when known.
pub fn write_mediation_csv<L: Borrow<Listing>>(
    out: impl Write,
    listings: impl IntoIterator<Item = L>,
    collector: &str,
    siret_of: impl Fn(&Listing) -> Option<String>,
) -> Result<MediationExport, InterchangeError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(FIELDS)?;
    let mut report = MediationExport::default();
    for listing in listings {
        if let Some(fields) = report.consider(listing.borrow(), &siret_of, collector) {
            writer.write_record(fields.pairs().map(|(_, v)| v))?;
        }
    }
    writer.flush()?;
    Ok(report)
}
