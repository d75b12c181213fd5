//! INSEE's `StockEtablissement` CSV (an upload of the managers' import page).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tremplin_interchange::sirene::{SireneOptions, SireneReader};

fuzz_target!(|data: &[u8]| {
    if let Ok(reader) = SireneReader::new(data, tremplin_fuzz::categories(), SireneOptions::default()) {
        tremplin_fuzz::check_items(data.len(), reader);
    }
});
