//! Neighbourhood boundaries from GeoJSON: a FeatureCollection of Polygon and
//! MultiPolygon features in WGS84 (longitude, latitude), read with the `geojson` crate
//! into `geo` types. No SQL here: this module parses, checks and measures; the
//! neighbourhood module stores and locates.
//!
//! **Stored form.** A boundary is kept in `neighbourhoods.boundary` as the GeoJSON text
//! of its geometry (always a MultiPolygon, coordinates as given), readable by any GIS
//! tool and by [`Boundary::parse`].

use crate::error::{Result, StoreError};
use geo::{
    BoundingRect, Centroid, ChamberlainDuquetteArea, Contains, Distance, Haversine, InteriorPoint,
    Intersects, Line, MultiPolygon, Point, Polygon, Relate,
};
use serde::Serialize;

/// Largest file accepted (a municipality's statistical sectors are well below).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Most features in one file.
pub const MAX_FEATURES: usize = 5_000;
/// Largest radius a neighbourhood may have (as `neighbourhood::create` checks).
const MAX_RADIUS_M: f64 = 100_000.0;

/// A neighbourhood's area: one or more polygons (holes allowed), WGS84.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary(pub MultiPolygon<f64>);

impl Boundary {
    /// Reads the stored GeoJSON geometry text.
    pub fn parse(text: &str) -> Result<Self> {
        let g: geojson::Geometry = text
            .parse::<geojson::GeoJson>()
            .map_err(|e| StoreError::Corrupt(format!("neighbourhoods.boundary: {e}")))
            .and_then(|g| match g {
                geojson::GeoJson::Geometry(g) => Ok(g),
                _ => Err(StoreError::Corrupt(
                    "neighbourhoods.boundary: not a geometry".into(),
                )),
            })?;
        to_multipolygon(&g.value)
            .map(Boundary)
            .map_err(|e| StoreError::Corrupt(format!("neighbourhoods.boundary: {e}")))
    }

    /// The GeoJSON geometry text to store.
    pub fn to_geojson(&self) -> String {
        geojson::Geometry::new(geojson::Value::from(&self.0)).to_string()
    }

    /// Whether the point (latitude, longitude) lies inside (not on the edge).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        self.0.contains(&Point::new(lon, lat))
    }

    /// Area in square metres (on the sphere).
    pub fn area_m2(&self) -> f64 {
        self.0.chamberlain_duquette_unsigned_area()
    }

    /// A centre inside the area (the centroid if it lies inside, else a point inside),
    /// as (latitude, longitude).
    pub fn centre(&self) -> Option<(f64, f64)> {
        let c = self
            .0
            .centroid()
            .filter(|c| self.0.contains(c))
            .or_else(|| self.0.interior_point())?;
        Some((c.y(), c.x()))
    }

    /// The distance from `centre` to the farthest corner, in metres: the radius a
    /// neighbourhood without boundary would have had (reports and maps use it).
    pub fn radius_from(&self, lat: f64, lon: f64) -> f64 {
        let c = Point::new(lon, lat);
        self.0
            .iter()
            .flat_map(|p| p.exterior().points())
            .map(|p| Haversine::distance(c, p))
            .fold(0.0, f64::max)
    }
}

fn to_multipolygon(v: &geojson::Value) -> std::result::Result<MultiPolygon<f64>, String> {
    match v {
        geojson::Value::Polygon(_) => {
            let p: Polygon<f64> = v.clone().try_into().map_err(|e: geojson::Error| e.to_string())?;
            Ok(MultiPolygon(vec![p]))
        }
        geojson::Value::MultiPolygon(_) => v.clone().try_into().map_err(|e: geojson::Error| e.to_string()),
        other => Err(format!(
            "a {} is not an area (Polygon or MultiPolygon)",
            other.type_name()
        )),
    }
}

/// One feature of a file, as the preview shows it.
#[derive(Debug, Clone, Serialize)]
pub struct FeaturePreview {
    /// Position in the FeatureCollection, from 1.
    pub feature: usize,
    /// The name (the value of the name property), if any.
    pub name: Option<String>,
    /// Area in square metres, for a valid geometry.
    pub area_m2: Option<f64>,
    /// What is wrong with it, in plain words; empty when it can be imported.
    pub problems: Vec<String>,
}

/// Two features whose interiors overlap (a point would be in both).
#[derive(Debug, Clone, Serialize)]
pub struct Overlap {
    pub a: String,
    pub b: String,
}

/// A feature ready to import.
#[derive(Debug, Clone)]
pub struct NamedBoundary {
    pub name: String,
    pub boundary: Boundary,
}

/// What a file holds: every feature with its problems, the overlapping pairs, and the
/// neighbourhoods to import when there is no problem.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub features: Vec<FeaturePreview>,
    pub overlaps: Vec<Overlap>,
    pub valid: Vec<NamedBoundary>,
}

impl ParsedFile {
    /// Whether the file can be imported: every feature has a name and a valid area,
    /// names are unique, and no two areas overlap.
    pub fn importable(&self) -> bool {
        !self.features.is_empty()
            && self.features.iter().all(|f| f.problems.is_empty())
            && self.overlaps.is_empty()
    }
}

/// Reads a FeatureCollection; the name of each neighbourhood is the string (or number)
/// in property `name_property`. A file that is not a FeatureCollection at all is
/// `Invalid`; problems of single features are listed in the result.
pub fn parse_file(text: &str, name_property: &str) -> Result<ParsedFile> {
    if text.len() > MAX_BYTES {
        return Err(StoreError::invalid(format!(
            "the file is larger than {} MB",
            MAX_BYTES / (1024 * 1024)
        )));
    }
    let gj: geojson::GeoJson = text
        .parse()
        .map_err(|e| StoreError::invalid(format!("not GeoJSON: {e}")))?;
    let geojson::GeoJson::FeatureCollection(fc) = gj else {
        return Err(StoreError::invalid(
            "the file must be a GeoJSON FeatureCollection",
        ));
    };
    if fc.features.is_empty() {
        return Err(StoreError::invalid("the FeatureCollection has no features"));
    }
    if fc.features.len() > MAX_FEATURES {
        return Err(StoreError::invalid(format!("more than {MAX_FEATURES} features")));
    }
    let mut features = Vec::with_capacity(fc.features.len());
    let mut valid: Vec<(usize, NamedBoundary)> = Vec::new();
    for (i, f) in fc.features.iter().enumerate() {
        let mut problems = Vec::new();
        let name = match f.property(name_property) {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            _ => {
                problems.push(format!("no name: property `{name_property}` is missing or empty"));
                None
            }
        };
        if let Some(n) = &name {
            if n.chars().count() > 200 {
                problems.push("the name is longer than 200 characters".to_string());
            }
            if features
                .iter()
                .any(|p: &FeaturePreview| p.name.as_deref() == Some(n.as_str()))
            {
                problems.push(format!("the name `{n}` is used by another feature"));
            }
        }
        let mut area_m2 = None;
        match &f.geometry {
            None => problems.push("no geometry".to_string()),
            Some(g) => match to_multipolygon(&g.value) {
                Err(e) => problems.push(e),
                Ok(mp) => match check_area(&mp) {
                    Err(e) => problems.push(e),
                    Ok(()) => {
                        let b = Boundary(mp);
                        area_m2 = Some(b.area_m2());
                        if let Some(n) = &name {
                            valid.push((
                                i,
                                NamedBoundary {
                                    name: n.clone(),
                                    boundary: b,
                                },
                            ));
                        }
                    }
                },
            },
        }
        features.push(FeaturePreview {
            feature: i + 1,
            name,
            area_m2,
            problems,
        });
    }
    let mut overlaps = Vec::new();
    for (k, (_, a)) in valid.iter().enumerate() {
        let ra = a.boundary.0.bounding_rect();
        for (_, b) in valid.iter().skip(k + 1) {
            let rb = b.boundary.0.bounding_rect();
            let near = match (ra, rb) {
                (Some(ra), Some(rb)) => ra.intersects(&rb),
                _ => false,
            };
            if near {
                let m = a.boundary.0.relate(&b.boundary.0);
                if m.is_intersects() && !m.is_touches() {
                    overlaps.push(Overlap {
                        a: a.name.clone(),
                        b: b.name.clone(),
                    });
                }
            }
        }
    }
    let valid = valid
        .into_iter()
        .filter(|(i, _)| features.get(*i).is_some_and(|f| f.problems.is_empty()))
        .map(|(_, b)| b)
        .collect();
    Ok(ParsedFile {
        features,
        overlaps,
        valid,
    })
}

/// Checks a geometry: WGS84 coordinates, closed rings of at least four positions, an
/// area, rings that do not cross themselves, and a size a neighbourhood can have.
fn check_area(mp: &MultiPolygon<f64>) -> std::result::Result<(), String> {
    if mp.0.is_empty() {
        return Err("an empty geometry".to_string());
    }
    for poly in mp {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            if ring.0.len() < 4 {
                return Err("a ring has fewer than 4 positions".to_string());
            }
            if ring.0.first() != ring.0.last() {
                return Err("a ring is not closed".to_string());
            }
            for c in &ring.0 {
                if !(c.x.is_finite()
                    && c.y.is_finite()
                    && (-180.0..=180.0).contains(&c.x)
                    && (-90.0..=90.0).contains(&c.y))
                {
                    return Err(format!(
                        "position ({}, {}) is not longitude, latitude in WGS84",
                        c.x, c.y
                    ));
                }
            }
            if crosses_itself(&ring.lines().collect::<Vec<_>>()) {
                return Err("a ring crosses itself".to_string());
            }
        }
    }
    let b = Boundary(mp.clone());
    if b.area_m2() < 1.0 {
        return Err("the area is empty".to_string());
    }
    let Some((lat, lon)) = b.centre() else {
        return Err("the area has no centre".to_string());
    };
    if b.radius_from(lat, lon) > MAX_RADIUS_M {
        return Err("the area is larger than a neighbourhood can be (100 km across)".to_string());
    }
    Ok(())
}

/// Whether two segments of a ring that are not neighbours meet. Quadratic, but rings
/// of a municipality's sectors have hundreds of corners, not millions; very long rings
/// are not checked.
fn crosses_itself(lines: &[Line<f64>]) -> bool {
    let n = lines.len();
    if n > 4_000 {
        return false;
    }
    for i in 0..n {
        for j in (i + 2)..n {
            if i == 0 && j == n - 1 {
                continue; // the first and last segment share the closing position
            }
            if let (Some(a), Some(b)) = (lines.get(i), lines.get(j)) {
                if a.intersects(b) {
                    return true;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn square(name: &str, x0: f64, y0: f64, d: f64) -> String {
        format!(
            r#"{{"type":"Feature","properties":{{"naam":"{name}"}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}"#,
            x1 = x0 + d,
            y1 = y0 + d
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    }

    #[test]
    fn a_clean_file_is_importable_and_round_trips() {
        let f = parse_file(
            &collection(&[
                square("Noord", 5.40, 51.22, 0.01),
                square("Zuid", 5.40, 51.21, 0.01),
            ]),
            "naam",
        )
        .unwrap();
        assert!(f.importable(), "{:?}", f.features);
        assert_eq!(f.valid.len(), 2);
        let b = &f.valid[0].boundary;
        assert!(b.contains(51.225, 5.405));
        assert!(!b.contains(51.215, 5.405));
        let (lat, lon) = b.centre().unwrap();
        assert!((lat - 51.225).abs() < 1e-6 && (lon - 5.405).abs() < 1e-6);
        let area = b.area_m2();
        assert!((700_000.0..800_000.0).contains(&area), "{area}");
        assert_eq!(&Boundary::parse(&b.to_geojson()).unwrap(), b);
    }

    #[test]
    fn problems_are_listed_per_feature() {
        let bow_tie = r#"{"type":"Feature","properties":{"naam":"Strik"},"geometry":{"type":"Polygon","coordinates":[[[5.0,51.0],[5.01,51.01],[5.01,51.0],[5.0,51.01],[5.0,51.0]]]}}"#;
        let point = r#"{"type":"Feature","properties":{"naam":"Punt"},"geometry":{"type":"Point","coordinates":[5.0,51.0]}}"#;
        let f = parse_file(
            &collection(&[
                square("Noord", 5.40, 51.22, 0.01),
                square("Overlap", 5.405, 51.225, 0.01),
                square("", 5.5, 51.0, 0.01),
                bow_tie.to_string(),
                point.to_string(),
                square("Noord", 5.6, 51.0, 0.01),
            ]),
            "naam",
        )
        .unwrap();
        assert!(!f.importable());
        assert_eq!(f.overlaps.len(), 1);
        assert_eq!(
            (f.overlaps[0].a.as_str(), f.overlaps[0].b.as_str()),
            ("Noord", "Overlap")
        );
        assert!(f.features[2].problems[0].contains("no name"));
        assert!(f.features[3].problems[0].contains("crosses itself"));
        assert!(f.features[4].problems[0].contains("not an area"));
        assert!(f.features[5].problems[0].contains("used by another"));
        assert!(parse_file("{}", "naam").is_err());
    }
}
