//! What the open-data writers share.

use chrono::{DateTime, SecondsFormat};
use tremplin_domain::directory::Listing;

/// Options of the open-data exports.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The site's public address (`https://tremplin.example.fr`): each listing's page,
    /// `{base_url}/annuaire/{slug}`, becomes its `url` (CSV, GeoJSON) and `@id` (JSON-LD).
    pub base_url: Option<String>,
}

impl ExportOptions {
    /// The public page of a listing, if the base address is known.
    pub fn listing_url(&self, listing: &Listing) -> Option<String> {
        self.base_url.as_deref().map(|base| format!("{}/annuaire/{}", base.trim_end_matches('/'), listing.slug))
    }
}

/// A Unix time as RFC 3339 UTC (`2026-05-01T08:30:00Z`).
pub(crate) fn rfc3339(unix_seconds: i64) -> String {
    DateTime::from_timestamp(unix_seconds, 0).map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)).unwrap_or_default()
}

/// The amenities' stable identifiers.
pub(crate) fn amenity_ids(listing: &Listing) -> Vec<&'static str> {
    listing.amenities.iter().map(|a| a.as_str()).collect()
}
