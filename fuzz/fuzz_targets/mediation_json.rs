//! The national digital-mediation standard, JSON (read as a stream, element by element).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tremplin_interchange::mediation::MediationJsonReader;

fuzz_target!(|data: &[u8]| {
    tremplin_fuzz::check_items(data.len(), MediationJsonReader::new(data, tremplin_fuzz::categories()));
});
