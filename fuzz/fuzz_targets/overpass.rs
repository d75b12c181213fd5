//! Overpass API JSON (`out center` or `out geom`), read as a stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tremplin_interchange::osm::{OsmOptions, OverpassReader};

fuzz_target!(|data: &[u8]| {
    tremplin_fuzz::check_items(data.len(), OverpassReader::new(data, tremplin_fuzz::categories(), OsmOptions::default()));
});
