//! GeoJSON (RFC 7946): a `FeatureCollection` of `Point` features, written one feature at a
//! time.
//!
//! Coordinates are `[longitude, latitude]` in WGS84, as the RFC requires. A listing without a
//! position has a `null` geometry (RFC 7946 §3.2), so the file still lists it. The feature's
//! `id` is the listing's slug; its properties are the columns of
//! [`listings_csv`](crate::listings_csv) with lists as JSON arrays: `name`, `kind`,
//! `category`, `naf_code`, `description`, `address`, `postcode`, `insee`, `commune`, `phone`,
//! `email`, `website`, `social`, `opening_hours`, `amenities`, `tags`, `source`,
//! `updated_at`, and `url` when the page address is known. Empty values are left out.

use crate::error::InterchangeError;
use crate::export::{ExportOptions, amenity_ids, rfc3339};
use serde_json::{Map, Value, json};
use std::borrow::Borrow;
use std::io::Write;
use tremplin_domain::directory::Listing;

/// The properties of a listing, empty values left out.
pub(crate) fn properties(listing: &Listing, options: &ExportOptions) -> Map<String, Value> {
    let mut map = Map::new();
    let mut text = |key: &str, value: &str| {
        if !value.trim().is_empty() {
            map.insert(key.to_owned(), Value::String(value.to_owned()));
        }
    };
    text("name", &listing.name);
    text("kind", listing.kind.as_str());
    text("category", listing.category.as_deref().unwrap_or(""));
    text("naf_code", listing.naf_code.as_deref().unwrap_or(""));
    text("description", &listing.description);
    text("address", &listing.address);
    text("postcode", &listing.postcode);
    text("insee", listing.insee.as_deref().unwrap_or(""));
    text("commune", listing.commune.as_deref().unwrap_or(""));
    text("phone", &listing.phone);
    text("email", &listing.email);
    text("website", &listing.website);
    text("opening_hours", &listing.opening_hours);
    text("source", &listing.source);
    text("updated_at", &rfc3339(listing.updated_at));
    text("url", &options.listing_url(listing).unwrap_or_default());
    for (key, values) in [("social", listing.social.clone()), ("tags", listing.tags.clone())] {
        if !values.is_empty() {
            map.insert(key.into(), json!(values));
        }
    }
    if !listing.amenities.is_empty() {
        map.insert("amenities".into(), json!(amenity_ids(listing)));
    }
    map
}

/// Writes listings as a GeoJSON `FeatureCollection`; returns how many features.
pub fn write_geojson<L: Borrow<Listing>>(
    mut out: impl Write,
    listings: impl IntoIterator<Item = L>,
    options: &ExportOptions,
) -> Result<usize, InterchangeError> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
    let mut written = 0;
    for listing in listings {
        let l = listing.borrow();
        let geometry = l.point.map_or(Value::Null, |p| json!({"type": "Point", "coordinates": [p.lon, p.lat]}));
        let feature = json!({"type": "Feature", "id": l.slug, "geometry": geometry, "properties": properties(l, options)});
        out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &feature)?;
        written += 1;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()?;
    Ok(written)
}
