//! The standard as JSON: an array of objects with the CSV's field names. Values may be strings,
//! numbers (`latitude`), arrays of strings (joined with `|`) or `null`.

use super::{Fields, MediationExport, fields_from, to_listing};
use crate::categories::CategoryIndex;
use crate::error::InterchangeError;
use crate::json_stream::{ArrayAt, JsonArrayElements, element_error, element_location};
use crate::record::{ImportItem, ImportStats, Rejection};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;
use std::borrow::Borrow;
use std::io::{BufRead, Write};
use tremplin_domain::directory::{Category, Listing};

fn as_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(as_text).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("|"),
        other => other.to_string(),
    }
}

/// Reads places from a JSON array of the standard; see the [module](super) for the mapping.
pub struct MediationJsonReader<R: BufRead> {
    elements: JsonArrayElements<R>,
    index: CategoryIndex,
    stats: ImportStats,
}

impl<R: BufRead> MediationJsonReader<R> {
    /// Reads from a buffered source (wrap a file in a `BufReader`).
    pub fn new(reader: R, categories: &[Category]) -> Self {
        MediationJsonReader {
            elements: JsonArrayElements::new(reader, ArrayAt::Root),
            index: CategoryIndex::new(categories),
            stats: ImportStats::default(),
        }
    }

    /// Counters so far (final once the iterator has ended).
    pub fn stats(&self) -> &ImportStats {
        &self.stats
    }
}

impl<R: BufRead> Iterator for MediationJsonReader<R> {
    type Item = Result<ImportItem, InterchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        let raw = match self.elements.next()? {
            Ok(raw) => raw,
            Err(e) => return Some(Err(e)),
        };
        self.stats.read += 1;
        let item = match serde_json::from_slice::<serde_json::Map<String, Value>>(&raw.bytes) {
            Ok(object) => {
                let fields = fields_from(object.iter().map(|(k, v)| (k.clone(), as_text(v))));
                let location = element_location(&raw, None);
                to_listing(&fields, location, &self.index)
            }
            Err(e) => Err(Rejection::new(element_location(&raw, Some(&e)), element_error(&e))),
        };
        self.stats.count(&item);
        Some(Ok(item))
    }
}

/// One place as a JSON object: fields in the schema's order, empty ones left out, coordinates
/// as numbers.
struct Place<'a>(&'a Fields);

impl Serialize for Place<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (name, value) in self.0.pairs().filter(|(_, v)| !v.is_empty()) {
            match (name, value.parse::<f64>()) {
                ("latitude" | "longitude", Ok(number)) => map.serialize_entry(name, &number)?,
                _ => map.serialize_entry(name, value)?,
            }
        }
        map.end()
    }
}

/// Writes the listings of kind mediation as a JSON array of the standard, one place at a time;
/// see [`write_mediation_csv`](super::write_mediation_csv) for `collector` and `siret_of`.
pub fn write_mediation_json<L: Borrow<Listing>>(
    mut out: impl Write,
    listings: impl IntoIterator<Item = L>,
    collector: &str,
    siret_of: impl Fn(&Listing) -> Option<String>,
) -> Result<MediationExport, InterchangeError> {
    let mut report = MediationExport::default();
    out.write_all(b"[")?;
    for listing in listings {
        if let Some(fields) = report.consider(listing.borrow(), &siret_of, collector) {
            out.write_all(if report.written == 1 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut out, &Place(&fields))?;
        }
    }
    out.write_all(b"\n]\n")?;
    out.flush()?;
    Ok(report)
}
