//! OpenStreetMap `.osm.pbf` (protocol buffers, zlib blocks, read in two passes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Cursor;
use tremplin_interchange::osm::{OsmOptions, OsmPbfReader};

fuzz_target!(|data: &[u8]| {
    if let Ok(reader) = OsmPbfReader::new(Cursor::new(data), tremplin_fuzz::categories(), OsmOptions::default()) {
        // A compressed block can hold many more nodes than it has bytes: no bound.
        tremplin_fuzz::check_items(usize::MAX, reader);
    }
});
