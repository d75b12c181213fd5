//! Our own CSV (`tremplin import --format csv`, what the exports write).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tremplin_interchange::listings_csv::ListingCsvReader;

fuzz_target!(|data: &[u8]| {
    if let Ok(reader) = ListingCsvReader::new(data, None) {
        tremplin_fuzz::check_items(data.len(), reader);
    }
});
