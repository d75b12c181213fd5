//! The directory: search page and API, listing pages, opening hours.

pub mod map;
pub mod params;
pub mod search;
pub mod show;
pub mod status;
