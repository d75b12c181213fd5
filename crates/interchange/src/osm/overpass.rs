//! Overpass API JSON (`[out:json]`): `{"elements": [{"type", "id", "lat", "lon", "center",
//! "tags"}, …]}`, read element by element.
//!
//! Positions: a node's `lat`/`lon`; a way's or relation's `center` (`out center;`), else the
//! centroid of its `geometry` (`out geom;`), else the middle of its `bounds`, else none.

use super::mapping::{Mapped, Mapper, Tags};
use super::{OsmOptions, OsmType, centroid};
use crate::error::InterchangeError;
use crate::json_stream::{ArrayAt, JsonArrayElements, element_error, element_location};
use crate::record::{ImportItem, ImportStats, Rejection, SkipReason};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::BufRead;
use tremplin_domain::directory::Category;
use tremplin_kernel::GeoPoint;

#[derive(Debug, Deserialize)]
struct LatLon {
    lat: f64,
    lon: f64,
}

#[derive(Debug, Deserialize)]
struct Bounds {
    minlat: f64,
    minlon: f64,
    maxlat: f64,
    maxlon: f64,
}

#[derive(Debug, Deserialize)]
struct Element {
    #[serde(rename = "type")]
    kind: String,
    id: i64,
    lat: Option<f64>,
    lon: Option<f64>,
    center: Option<LatLon>,
    geometry: Option<Vec<Option<LatLon>>>,
    bounds: Option<Bounds>,
    #[serde(default)]
    tags: BTreeMap<String, String>,
}

impl Element {
    /// The position, `Err` when the element gives invalid coordinates.
    fn point(&self) -> Result<Option<GeoPoint>, String> {
        let (lat, lon) = if let (Some(lat), Some(lon)) = (self.lat, self.lon) {
            (lat, lon)
        } else if let Some(c) = &self.center {
            (c.lat, c.lon)
        } else if let Some(geometry) = &self.geometry {
            return Ok(centroid(geometry.iter().flatten().map(|p| (p.lat, p.lon))));
        } else if let Some(b) = &self.bounds {
            ((b.minlat + b.maxlat) / 2.0, (b.minlon + b.maxlon) / 2.0)
        } else {
            return Ok(None);
        };
        GeoPoint::new(lat, lon).map(Some).ok_or_else(|| format!("invalid coordinates {lat}, {lon}"))
    }
}

/// Reads the places of an Overpass JSON document; see the [module](super) for the mapping.
pub struct OverpassReader<R: BufRead> {
    elements: JsonArrayElements<R>,
    mapper: Mapper,
    stats: ImportStats,
}

impl<R: BufRead> OverpassReader<R> {
    /// Reads from a buffered source (wrap a file in a `BufReader`).
    pub fn new(reader: R, categories: &[Category], options: OsmOptions) -> Self {
        OverpassReader {
            elements: JsonArrayElements::new(reader, ArrayAt::Key("elements")),
            mapper: Mapper::new(categories, options),
            stats: ImportStats::default(),
        }
    }

    /// Counters so far (final once the iterator has ended).
    pub fn stats(&self) -> &ImportStats {
        &self.stats
    }

    /// The outcome of one element: `None` when skipped.
    fn element(&mut self, bytes: &[u8]) -> Result<Option<ImportItem>, serde_json::Error> {
        let element: Element = serde_json::from_slice(bytes)?;
        let osm_type = match element.kind.as_str() {
            "node" => OsmType::Node,
            "way" => OsmType::Way,
            "relation" => OsmType::Relation,
            _ => {
                self.stats.skip(SkipReason::NotAnElement);
                return Ok(None);
            }
        };
        let tags = Tags::new(element.tags.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        if !tags.has_candidate() {
            self.stats.skip(SkipReason::NotAPlace);
            return Ok(None);
        }
        let location = format!("{} {}", osm_type.as_str(), element.id);
        let point = match element.point() {
            Ok(point) => point,
            Err(reason) => return Ok(Some(Err(Rejection::new(location, reason)))),
        };
        match self.mapper.map(osm_type, element.id, &tags, point) {
            Mapped::Skip(reason) => self.stats.skip(reason),
            Mapped::Listing(listing) if self.mapper.in_area(listing.input.point.as_ref()) => return Ok(Some(Ok(*listing))),
            Mapped::Listing(_) => self.stats.skip(SkipReason::OutsideArea),
        }
        Ok(None)
    }
}

impl<R: BufRead> Iterator for OverpassReader<R> {
    type Item = Result<ImportItem, InterchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let raw = match self.elements.next()? {
                Ok(raw) => raw,
                Err(e) => return Some(Err(e)),
            };
            self.stats.read += 1;
            let item = match self.element(&raw.bytes) {
                Ok(None) => continue,
                Ok(Some(item)) => item,
                Err(e) => Err(Rejection::new(element_location(&raw, Some(&e)), element_error(&e))),
            };
            self.stats.count(&item);
            return Some(Ok(item));
        }
    }
}
