//! A map of results drawn as SVG on the server: no tiles, no request to another site, no
//! JavaScript. Numbered points match the numbered list beside it.

use tremplin_kernel::GeoPoint;

/// A point placed in the drawing.
#[derive(Debug, Clone)]
pub struct MapPoint {
    /// Number shown (the result's rank).
    pub label: usize,
    /// Horizontal position, 0–600.
    pub x: f64,
    /// Vertical position, 0–400.
    pub y: f64,
}

/// The drawing: the search centre (if any) and the results.
#[derive(Debug, Clone)]
pub struct ResultMap {
    /// Search centre.
    pub center: Option<(f64, f64)>,
    /// Results.
    pub points: Vec<MapPoint>,
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 400.0;
const MARGIN: f64 = 24.0;

/// Projects points (equirectangular, longitude shrunk by the latitude) into the drawing,
/// keeping the proportions. `None` when there is nothing to place.
pub fn draw(center: Option<GeoPoint>, points: &[(usize, GeoPoint)]) -> Option<ResultMap> {
    if points.is_empty() {
        return None;
    }
    let all: Vec<GeoPoint> = points.iter().map(|(_, p)| *p).chain(center).collect();
    let mid_lat = all.iter().map(|p| p.lat).sum::<f64>() / all.len() as f64;
    let k = mid_lat.to_radians().cos();
    let xs: Vec<f64> = all.iter().map(|p| p.lon * k).collect();
    let ys: Vec<f64> = all.iter().map(|p| p.lat).collect();
    let (min_x, max_x) = xs.iter().fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    let (min_y, max_y) = ys.iter().fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    let span = ((max_x - min_x) / (WIDTH - 2.0 * MARGIN)).max((max_y - min_y) / (HEIGHT - 2.0 * MARGIN)).max(1e-6);
    let offset_x = (WIDTH - (max_x - min_x) / span) / 2.0;
    let offset_y = (HEIGHT - (max_y - min_y) / span) / 2.0;
    let project = |p: &GeoPoint| (offset_x + (p.lon * k - min_x) / span, HEIGHT - offset_y - (p.lat - min_y) / span);
    Some(ResultMap {
        center: center.map(|c| project(&c)),
        points: points
            .iter()
            .map(|(label, p)| {
                let (x, y) = project(p);
                MapPoint { label: *label, x: (x * 10.0).round() / 10.0, y: (y * 10.0).round() / 10.0 }
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_stay_inside() {
        let c = GeoPoint { lat: 47.47, lon: -0.55 };
        let map = draw(Some(c), &[(1, GeoPoint { lat: 47.48, lon: -0.56 }), (2, GeoPoint { lat: 47.40, lon: -0.50 })]).expect("map");
        for p in &map.points {
            assert!((0.0..=WIDTH).contains(&p.x) && (0.0..=HEIGHT).contains(&p.y), "{p:?}");
        }
        assert!(draw(None, &[]).is_none());
    }
}
