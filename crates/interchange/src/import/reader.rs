//! One reader for any format, its encoding told from the file's first bytes.

use super::Format;
use crate::error::InterchangeError;
use crate::mediation::{MediationCsvReader, MediationJsonReader};
use crate::osm::{OsmOptions, OsmPbfReader, OverpassReader};
use crate::record::{ImportItem, ImportStats};
use crate::sirene::{SireneOptions, SireneReader};
use std::collections::HashSet;
use std::io::{BufReader, Read, Seek, SeekFrom};
use tremplin_domain::directory::Category;

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// OpenStreetMap's protocol buffers (`.osm.pbf`).
    Pbf,
    /// JSON (Overpass, or the mediation standard as an array).
    Json,
    /// CSV (SIRENE, or the mediation standard).
    Csv,
}

/// Bytes looked at to recognise a file.
const HEAD_BYTES: usize = 64;

/// How a file of `format` is written, from its first bytes (`head`) and, for a `.osm.pbf` too
/// damaged to be recognised, its name. A `.osm.pbf` file starts with the length of its first
/// block header, then that header, whose type is `OSMHeader`; JSON starts with `{` or `[`
/// (after an optional byte-order mark and white space).
pub fn sniff(format: Format, head: &[u8], file_name: &str) -> Encoding {
    let pbf = head.len() >= 15 && head[4] == 0x0A && &head[6..15] == b"OSMHeader";
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let json = matches!(text.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{' | b'['));
    match format {
        Format::Osm if pbf || (!json && file_name.to_lowercase().ends_with(".pbf")) => Encoding::Pbf,
        Format::Osm => Encoding::Json,
        Format::Sirene => Encoding::Csv,
        Format::Mediation if json => Encoding::Json,
        Format::Mediation => Encoding::Csv,
    }
}

/// The first bytes of `input`, which is then put back where it was.
fn head<R: Read + Seek>(input: &mut R) -> Result<Vec<u8>, InterchangeError> {
    let start = input.stream_position()?;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    input.by_ref().take(HEAD_BYTES as u64).read_to_end(&mut head)?;
    input.seek(SeekFrom::Start(start))?;
    Ok(head)
}

/// A reader of any format, keeping access to its counters.
pub(super) enum AnyReader<R: Read + Seek + Send> {
    Pbf(OsmPbfReader<BufReader<R>>),
    Overpass(OverpassReader<BufReader<R>>),
    Sirene(Box<SireneReader<R>>),
    MediationCsv(MediationCsvReader<R>),
    MediationJson(MediationJsonReader<BufReader<R>>),
}

impl<R: Read + Seek + Send> AnyReader<R> {
    /// The reader of `input`; `None` if it is empty.
    pub(super) fn open(
        format: Format,
        mut input: R,
        file_name: &str,
        categories: &[Category],
        communes: Option<HashSet<String>>,
    ) -> Result<Option<Self>, InterchangeError> {
        let head = head(&mut input)?;
        if head.is_empty() {
            return Ok(None);
        }
        Ok(Some(match sniff(format, &head, file_name) {
            Encoding::Pbf => AnyReader::Pbf(OsmPbfReader::new(BufReader::new(input), categories, OsmOptions::default())?),
            Encoding::Json if format == Format::Osm => {
                AnyReader::Overpass(OverpassReader::new(BufReader::new(input), categories, OsmOptions::default()))
            }
            Encoding::Json => AnyReader::MediationJson(MediationJsonReader::new(BufReader::new(input), categories)),
            Encoding::Csv if format == Format::Sirene => {
                AnyReader::Sirene(Box::new(SireneReader::new(input, categories, SireneOptions { communes, only_categorised: false })?))
            }
            Encoding::Csv => AnyReader::MediationCsv(MediationCsvReader::new(input, categories)?),
        }))
    }

    /// The next record.
    pub(super) fn next_item(&mut self) -> Option<Result<ImportItem, InterchangeError>> {
        match self {
            AnyReader::Pbf(r) => r.next(),
            AnyReader::Overpass(r) => r.next(),
            AnyReader::Sirene(r) => r.next(),
            AnyReader::MediationCsv(r) => r.next(),
            AnyReader::MediationJson(r) => r.next(),
        }
    }

    /// Counters so far.
    pub(super) fn stats(&self) -> &ImportStats {
        match self {
            AnyReader::Pbf(r) => r.stats(),
            AnyReader::Overpass(r) => r.stats(),
            AnyReader::Sirene(r) => r.stats(),
            AnyReader::MediationCsv(r) => r.stats(),
            AnyReader::MediationJson(r) => r.stats(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).expect("fixture")
    }

    #[test]
    fn encodings_are_told_from_the_content() {
        for name in ["angers-dense.osm.pbf", "angers-plain.osm.pbf", "pyrosm-test.osm.pbf"] {
            assert_eq!(sniff(Format::Osm, &fixture(name), "upload.bin"), Encoding::Pbf, "{name}");
        }
        assert_eq!(sniff(Format::Osm, &fixture("overpass-angers.json"), "export.pbf"), Encoding::Json);
        assert_eq!(sniff(Format::Osm, b"garbage", "damaged.osm.pbf"), Encoding::Pbf);
        assert_eq!(sniff(Format::Mediation, &fixture("mediation-lieux.json"), "lieux.csv"), Encoding::Json);
        assert_eq!(sniff(Format::Mediation, b"\xEF\xBB\xBF \n[{\"id\": 1}]", "x"), Encoding::Json);
        assert_eq!(sniff(Format::Mediation, &fixture("mediation-lieux.csv"), "lieux.json"), Encoding::Csv);
        assert_eq!(sniff(Format::Sirene, b"[]", "x"), Encoding::Csv);
    }

    #[test]
    fn looking_at_the_head_leaves_the_input_where_it_was() {
        let mut input = Cursor::new(b"id,nom\nx,y\n".to_vec());
        assert_eq!(head(&mut input).expect("head"), b"id,nom\nx,y\n");
        assert_eq!(input.position(), 0);
        let empty = AnyReader::open(Format::Mediation, Cursor::new(Vec::new()), "x.csv", &[], None).expect("no error");
        assert!(empty.is_none());
    }
}
