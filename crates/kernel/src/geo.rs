//! Geographic points and distances (WGS84).

use serde::{Deserialize, Serialize};

/// A point on Earth in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
}

const EARTH_RADIUS_KM: f64 = 6371.0088;

impl GeoPoint {
    /// A point, if both coordinates are within their ranges.
    pub fn new(lat: f64, lon: f64) -> Option<Self> {
        ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some(Self { lat, lon })
    }

    /// Great-circle distance in kilometres (haversine).
    pub fn distance_km(&self, other: &GeoPoint) -> f64 {
        let (p1, p2) = (self.lat.to_radians(), other.lat.to_radians());
        let dp = p2 - p1;
        let dl = (other.lon - self.lon).to_radians();
        let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * a.sqrt().asin()
    }

    /// The latitude/longitude box that contains every point within `radius_km`,
    /// used to pre-filter on indexed columns before computing exact distances.
    pub fn bounding_box(&self, radius_km: f64) -> (f64, f64, f64, f64) {
        let dlat = (radius_km / EARTH_RADIUS_KM).to_degrees();
        let cos = self.lat.to_radians().cos().max(0.01);
        let dlon = (radius_km / (EARTH_RADIUS_KM * cos)).to_degrees();
        (self.lat - dlat, self.lat + dlat, self.lon - dlon, self.lon + dlon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angers_to_nantes_is_about_80_km() {
        let angers = GeoPoint { lat: 47.4711, lon: -0.5518 };
        let nantes = GeoPoint { lat: 47.2184, lon: -1.5536 };
        let d = angers.distance_km(&nantes);
        assert!((78.0..82.0).contains(&d), "{d}");
        let (lat_min, lat_max, lon_min, lon_max) = angers.bounding_box(10.0);
        assert!(lat_min < angers.lat && angers.lat < lat_max && lon_min < angers.lon && angers.lon < lon_max);
    }
}
