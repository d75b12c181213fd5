//! What every importer target checks beyond "no panic": each listing a reader yields could
//! be saved as it is (a name, a position that is a real place), and each rejection says
//! where and why, so that the manager's report can point at the line.

use std::path::PathBuf;
use tremplin_domain::directory::Category;
use tremplin_interchange::{ImportItem, InterchangeError};

/// The reference categories (`reference/categories.csv`), read once per process.
pub fn categories() -> &'static [Category] {
    static CATEGORIES: std::sync::OnceLock<Vec<Category>> = std::sync::OnceLock::new();
    CATEGORIES.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../reference/categories.csv");
        let mut reader = csv::Reader::from_path(path).expect("reference/categories.csv");
        let split = |s: &str| s.split('|').filter(|v| !v.is_empty()).map(str::to_owned).collect::<Vec<_>>();
        reader
            .records()
            .map(|r| {
                let r = r.expect("category row");
                Category {
                    slug: r[0].to_owned(),
                    label_fr: r[1].to_owned(),
                    label_en: r[2].to_owned(),
                    kind: r[3].to_owned(),
                    naf_prefixes: split(&r[4]),
                    osm_tags: split(&r[5]),
                }
            })
            .collect()
    })
}

/// Reads every item of an importer and checks each one; stops at the first fatal error, as
/// the import does. A reader must also end: a text format yields at most one item per byte
/// of input (a line, an element), so `bound` is the input's length for them; compressed
/// formats (PBF) pass `usize::MAX`.
pub fn check_items(bound: usize, reader: impl Iterator<Item = Result<ImportItem, InterchangeError>>) {
    for (n, item) in reader.enumerate() {
        assert!(n <= bound, "more items than bytes of input: the reader does not advance");
        let Ok(item) = item else { return };
        match item {
            Ok(listing) => {
                let input = &listing.input;
                assert!(!input.name.trim().is_empty(), "a listing without a name was accepted");
                assert!(!input.source_id.is_empty(), "a listing without a source id was accepted");
                if let Some(point) = input.point {
                    assert!(
                        point.lat.is_finite() && point.lon.is_finite() && point.lat.abs() <= 90.0 && point.lon.abs() <= 180.0,
                        "a listing at an impossible position was accepted: {point:?}"
                    );
                }
            }
            Err(rejection) => {
                assert!(!rejection.location.is_empty(), "a rejection without its location");
                assert!(!rejection.reason.is_empty(), "a rejection without its reason");
            }
        }
    }
}
