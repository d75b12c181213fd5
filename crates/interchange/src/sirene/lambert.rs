//! Lambert-93 (EPSG:2154, the projection of the SIRENE coordinates in metropolitan France) to
//! WGS84 latitude/longitude.
//!
//! Lambert-93 is a conformal conic projection of RGF93 on the GRS80 ellipsoid. RGF93 and WGS84
//! agree to about a metre, well below what a map pin needs, so no datum shift is applied.
//! Formulas: J. P. Snyder, *Map Projections — A Working Manual* (USGS 1987), §15, inverse
//! with the iteration of equation 7-9.

use std::f64::consts::{FRAC_PI_2, FRAC_PI_4};
use tremplin_kernel::GeoPoint;

const A: f64 = 6_378_137.0;
const INVERSE_FLATTENING: f64 = 298.257_222_101;
const X0: f64 = 700_000.0;
const Y0: f64 = 6_600_000.0;
const LON0_DEG: f64 = 3.0;
const LAT0_DEG: f64 = 46.5;
const LAT1_DEG: f64 = 44.0;
const LAT2_DEG: f64 = 49.0;

fn eccentricity() -> f64 {
    let f = 1.0 / INVERSE_FLATTENING;
    (2.0 * f - f * f).sqrt()
}

fn m(lat: f64, e: f64) -> f64 {
    lat.cos() / (1.0 - (e * lat.sin()).powi(2)).sqrt()
}

fn t(lat: f64, e: f64) -> f64 {
    let es = e * lat.sin();
    (FRAC_PI_4 - lat / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(e / 2.0)
}

/// The cone's constants: n, F and ρ0.
fn cone() -> (f64, f64, f64) {
    let e = eccentricity();
    let (lat1, lat2, lat0) = (LAT1_DEG.to_radians(), LAT2_DEG.to_radians(), LAT0_DEG.to_radians());
    let n = (m(lat1, e).ln() - m(lat2, e).ln()) / (t(lat1, e).ln() - t(lat2, e).ln());
    let big_f = m(lat1, e) / (n * t(lat1, e).powf(n));
    (n, big_f, A * big_f * t(lat0, e).powf(n))
}

/// The WGS84 point of Lambert-93 metres, if it falls in a plausible range (France and around).
pub fn lambert93_to_wgs84(x: f64, y: f64) -> Option<GeoPoint> {
    if !(x.is_finite() && y.is_finite() && (-400_000.0..=1_800_000.0).contains(&x) && (5_800_000.0..=7_400_000.0).contains(&y)) {
        return None;
    }
    let e = eccentricity();
    let (n, big_f, rho0) = cone();
    let (dx, dy) = (x - X0, rho0 - (y - Y0));
    let rho = n.signum() * dx.hypot(dy);
    let t_value = (rho / (A * big_f)).powf(1.0 / n);
    let theta = (n.signum() * dx).atan2(n.signum() * dy);
    let lon = theta / n + LON0_DEG.to_radians();
    let mut lat = FRAC_PI_2 - 2.0 * t_value.atan();
    for _ in 0..20 {
        let es = e * lat.sin();
        let next = FRAC_PI_2 - 2.0 * (t_value * ((1.0 - es) / (1.0 + es)).powf(e / 2.0)).atan();
        let done = (next - lat).abs() < 1e-12;
        lat = next;
        if done {
            break;
        }
    }
    GeoPoint::new(lat.to_degrees(), lon.to_degrees())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: Option<GeoPoint>, lat: f64, lon: f64) -> bool {
        got.is_some_and(|p| (p.lat - lat).abs() < 1e-7 && (p.lon - lon).abs() < 1e-7)
    }

    #[test]
    fn origin_and_reference_points() {
        assert!(close(lambert93_to_wgs84(700_000.0, 6_600_000.0), 46.5, 3.0));
        // Reference values computed with PROJ 9.5.1 (pyproj 3.7.2, EPSG:2154 → EPSG:4326).
        assert!(
            close(lambert93_to_wgs84(430_000.0, 6_710_000.0), REF_ANGERS.0, REF_ANGERS.1),
            "{:?}",
            lambert93_to_wgs84(430_000.0, 6_710_000.0)
        );
        assert!(close(lambert93_to_wgs84(1_050_000.0, 6_300_000.0), REF_SOUTH_EAST.0, REF_SOUTH_EAST.1));
        assert_eq!(lambert93_to_wgs84(0.0, 0.0), None);
        assert_eq!(lambert93_to_wgs84(f64::NAN, 6_600_000.0), None);
    }

    const REF_ANGERS: (f64, f64) = (47.435_204_794_572_82, -0.583_353_359_711_327_3);
    const REF_SOUTH_EAST: (f64, f64) = (43.712_360_805_025_7, 7.344_031_153_093_715);
}
