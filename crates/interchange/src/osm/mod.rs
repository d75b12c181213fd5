//! OpenStreetMap imports: `.osm.pbf` files ([`OsmPbfReader`]) and Overpass API JSON
//! ([`OverpassReader`]), mapped the same way ([`mapping`]).
//!
//! An object is kept when it has a `name` (or `name:fr`) and a shop, craft or office tag, an
//! amenity that a category maps or that is a public service ([`PUBLIC_SERVICE_AMENITIES`]), or
//! any other tag that a category maps (`tourism=hotel`, `leisure=fitness_centre`, `club=sport`).
//! Its `source` is `osm` and its `source_id` is `node/123`, `way/45` or `relation/6`.
//! OSM data is under the ODbL: whatever is exported from it must say so
//! ("© les contributeurs d'OpenStreetMap, ODbL").

pub mod mapping;
mod overpass;
mod pbf;

pub use mapping::PUBLIC_SERVICE_AMENITIES;
pub use overpass::OverpassReader;
pub use pbf::OsmPbfReader;

use tremplin_kernel::GeoPoint;

/// What an OSM import keeps besides the mapping rules.
#[derive(Debug, Clone, Default)]
pub struct OsmOptions {
    /// Only places inside this box (a department extract cut to a territory). Places whose
    /// position is unknown are kept.
    pub area: Option<BoundingBox>,
}

/// A latitude/longitude box, WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    /// Southern edge.
    pub south: f64,
    /// Western edge.
    pub west: f64,
    /// Northern edge.
    pub north: f64,
    /// Eastern edge.
    pub east: f64,
}

impl BoundingBox {
    /// Whether a point is inside (edges included).
    pub fn contains(&self, point: &GeoPoint) -> bool {
        (self.south..=self.north).contains(&point.lat) && (self.west..=self.east).contains(&point.lon)
    }
}

/// The type of an OSM element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OsmType {
    /// A node.
    Node,
    /// A way.
    Way,
    /// A relation.
    Relation,
}

impl OsmType {
    /// `node`, `way` or `relation`, as in OSM URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Node => "node",
            Self::Way => "way",
            Self::Relation => "relation",
        }
    }
}

/// The centre of a way: the mean of its distinct nodes (the closing node of a closed way is
/// counted once). For a building outline this falls inside the building in all but odd shapes,
/// which is what a map pin needs; no polygon geometry is computed.
pub(crate) fn centroid(points: impl IntoIterator<Item = (f64, f64)>) -> Option<GeoPoint> {
    let points: Vec<(f64, f64)> = points.into_iter().collect();
    let distinct = match (points.first(), points.last()) {
        (Some(first), Some(last)) if points.len() > 1 && first == last => &points[..points.len() - 1],
        _ => &points[..],
    };
    if distinct.is_empty() {
        return None;
    }
    let n = distinct.len() as f64;
    let (lat, lon) = distinct.iter().fold((0.0, 0.0), |(a, b), (lat, lon)| (a + lat, b + lon));
    GeoPoint::new(lat / n, lon / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centroid_counts_the_closing_node_once() {
        let square = [(47.0, -0.5), (47.0, -0.4), (47.2, -0.4), (47.2, -0.5), (47.0, -0.5)];
        let c = centroid(square).map(|p| (p.lat, p.lon));
        assert!(c.is_some_and(|(lat, lon)| (lat - 47.1).abs() < 1e-9 && (lon + 0.45).abs() < 1e-9), "{c:?}");
        assert_eq!(centroid([]), None);
    }
}
