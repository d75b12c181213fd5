//! The search queries: the directory's words (`q` of `/annuaire` and `/api/v1/listings`,
//! `kernel::text::search_words`) and the place look-up (`q` of `/api/v1/places`,
//! `territories::parse_place_query`). Folding is idempotent (an indexed word, folded again
//! as a query, finds itself), the words are folded and non-empty, and the place query is
//! folded text or a postcode prefix.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tremplin_domain::territories::parse_place_query;
use tremplin_domain::territories::repo::PlaceQuery;
use tremplin_kernel::text::{fold, search_words};

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    let folded = fold(q);
    assert_eq!(fold(&folded), folded, "folding {q:?} is not idempotent");
    assert!(!folded.starts_with(' ') && !folded.ends_with(' ') && !folded.contains("  "), "spaces left in {folded:?}");
    let words = search_words(q);
    for word in &words {
        assert!(!word.is_empty() && !word.contains(' '), "word {word:?} of {q:?}");
        assert_eq!(&fold(word), word, "word {word:?} of {q:?} is not folded");
    }
    match parse_place_query(q) {
        Some(PlaceQuery::Postcode(p)) => assert!(!p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())),
        Some(PlaceQuery::Name(name)) => assert!(!name.is_empty() && fold(&name) == name, "place query {name:?} of {q:?}"),
        None => {}
    }
});
