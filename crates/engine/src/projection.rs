//! Coordinates: WGS84 in, metres out.
//!
//! Every location is projected once, when it enters the engine, with the Belgian Lambert
//! 2008 conformal conic projection (EPSG:3812, GRS80 ellipsoid). It is conformal and its
//! scale factor stays within about 0.2 % of one over Belgium and the bordering regions,
//! so a straight line in the plane agrees with the geodesic distance to well within
//! 0.5 % for pairs up to 50 km apart (a property test checks this against geo's geodesic
//! implementation). After projection, all distances are plain Euclidean distances in
//! metres, which is what the R-tree needs.

use crate::error::EngineError;
use serde::{Deserialize, Serialize};

/// Smallest travel radius accepted, in metres.
pub const MIN_RADIUS_M: f64 = 50.0;
/// Largest travel radius accepted, in metres.
pub const MAX_RADIUS_M: f64 = 50_000.0;

/// The area nabij serves: Belgium and the regions around it, with a margin.
pub const SERVICE_LAT: (f64, f64) = (47.0, 54.0);
pub const SERVICE_LON: (f64, f64) = (-1.0, 10.0);

/// A WGS84 position as people and partner apps send it. Never leaves the server.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    /// Checks the values: finite, in range, inside the service area.
    pub fn new(lat: f64, lon: f64) -> Result<Self, EngineError> {
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            return Err(EngineError::InvalidLatitude(lat));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            return Err(EngineError::InvalidLongitude(lon));
        }
        if !(SERVICE_LAT.0..=SERVICE_LAT.1).contains(&lat) || !(SERVICE_LON.0..=SERVICE_LON.1).contains(&lon)
        {
            return Err(EngineError::OutsideServiceArea { lat, lon });
        }
        Ok(Self { lat, lon })
    }

    /// Projects to Belgian Lambert 2008 metres.
    pub fn project(self) -> Point {
        LAMBERT_2008.forward(self)
    }
}

/// A projected position in metres (Belgian Lambert 2008 easting/northing).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// Validates and projects a WGS84 position in one step.
    pub fn from_wgs84(lat: f64, lon: f64) -> Result<Self, EngineError> {
        Ok(LatLon::new(lat, lon)?.project())
    }

    /// The point as stored in the index (single precision: 6 cm at 1,000 km).
    pub fn to_index(self) -> [f32; 2] {
        [self.x as f32, self.y as f32]
    }

    /// Back to WGS84 (used for approximate positions in reports and sketches).
    pub fn to_wgs84(self) -> LatLon {
        LAMBERT_2008.inverse(self)
    }

    /// Euclidean distance in metres.
    pub fn distance_m(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// The distance the engine uses between two index points, in metres. Candidate search,
/// brute force and tests all use this one function so they agree to the bit.
#[inline]
pub fn index_distance_m(a: [f32; 2], b: [f32; 2]) -> f64 {
    let dx = f64::from(a[0]) - f64::from(b[0]);
    let dy = f64::from(a[1]) - f64::from(b[1]);
    dx.hypot(dy)
}

/// Checks a radius in metres.
pub fn check_radius(radius_m: f64) -> Result<f64, EngineError> {
    if radius_m.is_finite() && (MIN_RADIUS_M..=MAX_RADIUS_M).contains(&radius_m) {
        Ok(radius_m)
    } else {
        Err(EngineError::InvalidRadius(radius_m))
    }
}

/// Lambert conformal conic with two standard parallels on an ellipsoid (Snyder, USGS
/// Professional Paper 1395, §15).
struct LambertConformalConic {
    a: f64,
    e: f64,
    n: f64,
    f: f64,
    rho0: f64,
    lon0: f64,
    false_easting: f64,
    false_northing: f64,
}

const fn dms(d: f64, m: f64, s: f64) -> f64 {
    d + m / 60.0 + s / 3600.0
}

/// EPSG:3812 parameters.
const GRS80_A: f64 = 6_378_137.0;
const GRS80_INV_F: f64 = 298.257_222_101;
const LAT1: f64 = dms(49.0, 50.0, 0.00204);
const LAT2: f64 = dms(51.0, 10.0, 0.00204);
const LAT0: f64 = dms(50.0, 47.0, 52.134);
const LON0: f64 = dms(4.0, 21.0, 33.177);

static LAMBERT_2008: std::sync::LazyLock<LambertConformalConic> = std::sync::LazyLock::new(|| {
    LambertConformalConic::new(GRS80_A, GRS80_INV_F, LAT1, LAT2, LAT0, LON0, 649_328.0, 665_262.0)
});

impl LambertConformalConic {
    #[allow(clippy::too_many_arguments)]
    fn new(
        a: f64,
        inv_f: f64,
        lat1: f64,
        lat2: f64,
        lat0: f64,
        lon0: f64,
        false_easting: f64,
        false_northing: f64,
    ) -> Self {
        let f = 1.0 / inv_f;
        let e = (2.0 * f - f * f).sqrt();
        let (p1, p2, p0) = (lat1.to_radians(), lat2.to_radians(), lat0.to_radians());
        let m = |phi: f64| phi.cos() / (1.0 - (e * phi.sin()).powi(2)).sqrt();
        let t = |phi: f64| {
            let es = e * phi.sin();
            (std::f64::consts::FRAC_PI_4 - phi / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(e / 2.0)
        };
        let (m1, m2) = (m(p1), m(p2));
        let (t1, t2, t0) = (t(p1), t(p2), t(p0));
        let n = (m1.ln() - m2.ln()) / (t1.ln() - t2.ln());
        let big_f = m1 / (n * t1.powf(n));
        let rho0 = a * big_f * t0.powf(n);
        Self {
            a,
            e,
            n,
            f: big_f,
            rho0,
            lon0: lon0.to_radians(),
            false_easting,
            false_northing,
        }
    }

    fn t(&self, phi: f64) -> f64 {
        let es = self.e * phi.sin();
        (std::f64::consts::FRAC_PI_4 - phi / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(self.e / 2.0)
    }

    fn forward(&self, p: LatLon) -> Point {
        let phi = p.lat.to_radians();
        let rho = self.a * self.f * self.t(phi).powf(self.n);
        let theta = self.n * (p.lon.to_radians() - self.lon0);
        Point {
            x: self.false_easting + rho * theta.sin(),
            y: self.false_northing + self.rho0 - rho * theta.cos(),
        }
    }

    fn inverse(&self, p: Point) -> LatLon {
        let dx = p.x - self.false_easting;
        let dy = self.rho0 - (p.y - self.false_northing);
        let rho = dx.hypot(dy).copysign(self.n);
        let theta = dx.atan2(dy);
        let t = (rho / (self.a * self.f)).powf(1.0 / self.n);
        let mut phi = std::f64::consts::FRAC_PI_2 - 2.0 * t.atan();
        for _ in 0..15 {
            let es = self.e * phi.sin();
            let next =
                std::f64::consts::FRAC_PI_2 - 2.0 * (t * ((1.0 - es) / (1.0 + es)).powf(self.e / 2.0)).atan();
            if (next - phi).abs() < 1e-12 {
                phi = next;
                break;
            }
            phi = next;
        }
        LatLon {
            lat: phi.to_degrees(),
            lon: (theta / self.n + self.lon0).to_degrees(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Destination, Distance, Geodesic};
    use proptest::prelude::*;

    fn geodesic_m(a: LatLon, b: LatLon) -> f64 {
        Geodesic::distance(geo::Point::new(a.lon, a.lat), geo::Point::new(b.lon, b.lat))
    }

    #[test]
    fn origin_of_lambert_2008_maps_to_false_origin() {
        let p = LatLon::new(LAT0, LON0).map(LatLon::project);
        let p = p.unwrap_or(Point { x: 0.0, y: 0.0 });
        assert!((p.x - 649_328.0).abs() < 1e-6, "{p:?}");
        assert!((p.y - 665_262.0).abs() < 1e-6, "{p:?}");
    }

    #[test]
    fn bad_coordinates_are_typed_errors() {
        assert!(matches!(
            LatLon::new(f64::NAN, 4.0),
            Err(EngineError::InvalidLatitude(_))
        ));
        assert!(matches!(
            LatLon::new(51.0, f64::INFINITY),
            Err(EngineError::InvalidLongitude(_))
        ));
        assert!(matches!(
            LatLon::new(91.0, 4.0),
            Err(EngineError::InvalidLatitude(_))
        ));
        assert!(matches!(
            LatLon::new(51.0, -181.0),
            Err(EngineError::InvalidLongitude(_))
        ));
        assert!(matches!(
            LatLon::new(40.7, -74.0),
            Err(EngineError::OutsideServiceArea { .. })
        ));
        assert!(matches!(
            check_radius(f64::NAN),
            Err(EngineError::InvalidRadius(_))
        ));
        assert!(matches!(check_radius(-5.0), Err(EngineError::InvalidRadius(_))));
        assert!(matches!(
            check_radius(f64::INFINITY),
            Err(EngineError::InvalidRadius(_))
        ));
        assert!(matches!(check_radius(1e9), Err(EngineError::InvalidRadius(_))));
        assert_eq!(check_radius(800.0), Ok(800.0));
    }

    #[test]
    fn inverse_round_trips() {
        for (lat, lon) in [(51.2, 5.4), (50.85, 3.3), (49.6, 6.1), (51.9, 2.5)] {
            let Ok(p) = LatLon::new(lat, lon) else {
                panic!("valid")
            };
            let back = p.project().to_wgs84();
            assert!(
                (back.lat - lat).abs() < 1e-9 && (back.lon - lon).abs() < 1e-9,
                "{back:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Pairs up to 50 km apart anywhere in Belgium and the bordering regions.
        #[test]
        fn planar_distance_agrees_with_geodesic(
            lat in 48.5f64..52.5, lon in 1.5f64..7.5,
            bearing in 0.0f64..360.0, dist in 1.0f64..50_000.0,
        ) {
            let a = LatLon::new(lat, lon).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let dest = Geodesic::destination(geo::Point::new(lon, lat), bearing, dist);
            let b = LatLon::new(dest.y(), dest.x()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let planar = a.project().distance_m(b.project());
            let geodesic = geodesic_m(a, b);
            let rel = (planar - geodesic).abs() / geodesic;
            prop_assert!(rel < 0.005, "planar {planar} vs geodesic {geodesic}: {rel}");
        }

        #[test]
        fn any_f64_input_never_panics(lat in proptest::num::f64::ANY, lon in proptest::num::f64::ANY, r in proptest::num::f64::ANY) {
            let _ = LatLon::new(lat, lon).map(LatLon::project);
            let _ = check_radius(r);
        }
    }
}
