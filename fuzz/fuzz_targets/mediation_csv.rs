//! The national digital-mediation standard, CSV.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tremplin_interchange::mediation::MediationCsvReader;

fuzz_target!(|data: &[u8]| {
    if let Ok(reader) = MediationCsvReader::new(data, tremplin_fuzz::categories()) {
        tremplin_fuzz::check_items(data.len(), reader);
    }
});
