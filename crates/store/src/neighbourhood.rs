//! Neighbourhoods: the organisation's own unit (street, wijk, village), as a centre and
//! a radius, or — once imported from GeoJSON ([`import`]) — as a boundary (polygon or
//! multipolygon, stored as GeoJSON geometry text; see [`crate::boundary`]) whose centre
//! and radius are recomputed from it. Used to scope coordinators and for reports.
//!
//! A neighbour's neighbourhood is found by [`locate`]: the neighbourhood whose boundary
//! contains the home (point-in-polygon, `geo::Contains`); neighbourhoods without a
//! boundary still match by centre and radius.

use crate::boundary::{Boundary, NamedBoundary};
use crate::error::{Result, StoreError};
use crate::ids::{NeighbourhoodId, OrgId};
use crate::schema::neighbourhoods;
use crate::DbConnection;
use diesel::prelude::*;
use nabij_engine::Point;

/// A row of `neighbourhoods`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = neighbourhoods)]
pub struct Neighbourhood {
    pub id: NeighbourhoodId,
    pub organisation_id: OrgId,
    pub name: String,
    pub centre_lat: f64,
    pub centre_lon: f64,
    pub radius_m: f64,
    /// The area as GeoJSON geometry text (WGS84), when imported; `None`: centre and
    /// radius only.
    pub boundary: Option<String>,
}

/// What it takes to create a neighbourhood.
#[derive(Debug, Clone)]
pub struct NewNeighbourhood {
    pub name: String,
    pub centre_lat: f64,
    pub centre_lon: f64,
    pub radius_m: f64,
}

#[derive(Insertable)]
#[diesel(table_name = neighbourhoods)]
struct NeighbourhoodInsert<'a> {
    organisation_id: OrgId,
    name: &'a str,
    centre_lat: f64,
    centre_lon: f64,
    radius_m: f64,
}

pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewNeighbourhood) -> Result<Neighbourhood> {
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(StoreError::invalid("name must be 1 to 200 characters"));
    }
    Point::from_wgs84(form.centre_lat, form.centre_lon).map_err(|e| StoreError::invalid(e.to_string()))?;
    if !(form.radius_m.is_finite() && form.radius_m > 0.0 && form.radius_m <= 100_000.0) {
        return Err(StoreError::invalid("radius_m must be between 0 and 100000"));
    }
    let row = NeighbourhoodInsert {
        organisation_id: org,
        name,
        centre_lat: form.centre_lat,
        centre_lon: form.centre_lon,
        radius_m: form.radius_m,
    };
    Ok(diesel::insert_into(neighbourhoods::table)
        .values(&row)
        .returning(neighbourhoods::all_columns)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: NeighbourhoodId) -> Result<Neighbourhood> {
    Ok(neighbourhoods::table
        .filter(neighbourhoods::organisation_id.eq(org))
        .filter(neighbourhoods::id.eq(id))
        .select(Neighbourhood::as_select())
        .first(conn)?)
}

pub fn list(conn: &mut DbConnection, org: OrgId) -> Result<Vec<Neighbourhood>> {
    Ok(neighbourhoods::table
        .filter(neighbourhoods::organisation_id.eq(org))
        .order(neighbourhoods::id)
        .select(Neighbourhood::as_select())
        .load(conn)?)
}

/// Finds neighbourhoods for points: built once from the organisation's neighbourhoods
/// (boundaries parsed once), then asked for many points.
#[derive(Debug, Clone)]
pub struct Locator {
    with_boundary: Vec<(NeighbourhoodId, Boundary)>,
    by_radius: Vec<(NeighbourhoodId, Point, f64)>,
}

impl Locator {
    pub fn new(hoods: &[Neighbourhood]) -> Result<Self> {
        let mut with_boundary = Vec::new();
        let mut by_radius = Vec::new();
        for n in hoods {
            match &n.boundary {
                Some(text) => with_boundary.push((n.id, Boundary::parse(text)?)),
                None => {
                    if let Ok(c) = Point::from_wgs84(n.centre_lat, n.centre_lon) {
                        by_radius.push((n.id, c, n.radius_m));
                    }
                }
            }
        }
        Ok(Locator {
            with_boundary,
            by_radius,
        })
    }

    /// The neighbourhood whose boundary contains the point (the first by id if
    /// boundaries overlap); else the one without boundary whose centre is nearest and
    /// whose radius covers it; else none.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<NeighbourhoodId> {
        if let Some((id, _)) = self.with_boundary.iter().find(|(_, b)| b.contains(lat, lon)) {
            return Some(*id);
        }
        let p = Point::from_wgs84(lat, lon).ok()?;
        self.by_radius
            .iter()
            .map(|(id, c, r)| (c.distance_m(p), *r, *id))
            .filter(|(d, r, _)| d <= r)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, _, id)| id)
    }
}

/// The neighbourhood a point lies in (see [`Locator::locate`]).
pub fn locate(conn: &mut DbConnection, org: OrgId, lat: f64, lon: f64) -> Result<Option<Neighbourhood>> {
    if Point::from_wgs84(lat, lon).is_err() {
        return Ok(None);
    }
    let hoods = list(conn, org)?;
    let found = Locator::new(&hoods)?.locate(lat, lon);
    Ok(found.and_then(|id| hoods.into_iter().find(|n| n.id == id)))
}

/// What an import of boundaries did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// Names of neighbourhoods created.
    pub created: Vec<String>,
    /// Names of existing neighbourhoods (same name) whose boundary was replaced; their
    /// ids stay, so coordinators limited to them keep them.
    pub updated: Vec<String>,
}

/// Stores boundaries: a neighbourhood of the same name gets the new boundary, others
/// are created; centre and radius are recomputed from the boundary. Neighbourhoods not
/// in the list are left as they are. Call in one transaction with
/// [`crate::neighbour::relocate_all`].
pub fn import(conn: &mut DbConnection, org: OrgId, items: &[NamedBoundary]) -> Result<Imported> {
    let existing = list(conn, org)?;
    let mut out = Imported::default();
    for item in items {
        let Some((lat, lon)) = item.boundary.centre() else {
            return Err(StoreError::invalid(format!(
                "{}: the area has no centre",
                item.name
            )));
        };
        let radius = item.boundary.radius_from(lat, lon).max(1.0);
        let text = item.boundary.to_geojson();
        match existing.iter().find(|n| n.name == item.name.trim()) {
            Some(n) => {
                diesel::update(
                    neighbourhoods::table
                        .filter(neighbourhoods::organisation_id.eq(org))
                        .filter(neighbourhoods::id.eq(n.id)),
                )
                .set((
                    neighbourhoods::centre_lat.eq(lat),
                    neighbourhoods::centre_lon.eq(lon),
                    neighbourhoods::radius_m.eq(radius),
                    neighbourhoods::boundary.eq(Some(&text)),
                ))
                .execute(conn)?;
                out.updated.push(n.name.clone());
            }
            None => {
                let n = create(
                    conn,
                    org,
                    &NewNeighbourhood {
                        name: item.name.clone(),
                        centre_lat: lat,
                        centre_lon: lon,
                        radius_m: radius,
                    },
                )?;
                diesel::update(neighbourhoods::table.filter(neighbourhoods::id.eq(n.id)))
                    .set(neighbourhoods::boundary.eq(Some(&text)))
                    .execute(conn)?;
                out.created.push(n.name);
            }
        }
    }
    Ok(out)
}

/// Id, display name, home and neighbourhood of a neighbour.
type HomeRow = (
    crate::ids::NeighbourId,
    String,
    Option<f64>,
    Option<f64>,
    Option<NeighbourhoodId>,
);

/// What [`relocate_all`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Relocated {
    /// Neighbours whose neighbourhood changed.
    pub moved: usize,
    /// Neighbours in no neighbourhood (id and display name; never their home).
    pub outside: Vec<(crate::ids::NeighbourId, String)>,
    /// Neighbours whose entry in the candidate index changed: those who moved, and those
    /// without a point of their own (placed at their neighbourhood's recomputed centre).
    pub changed: Vec<crate::ids::NeighbourId>,
}

/// Finds every (not erased) neighbour's neighbourhood anew, after the boundaries
/// changed. Returns who moved and who lies outside every neighbourhood.
pub fn relocate_all(conn: &mut DbConnection, org: OrgId) -> Result<Relocated> {
    use crate::schema::neighbours;
    let locator = Locator::new(&list(conn, org)?)?;
    let rows: Vec<HomeRow> = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::erased_at.is_null())
        .order(neighbours::id)
        .select((
            neighbours::id,
            neighbours::display_name,
            neighbours::lat,
            neighbours::lon,
            neighbours::neighbourhood_id,
        ))
        .load(conn)?;
    let mut out = Relocated::default();
    for (id, name, lat, lon, current) in rows {
        let found = match (lat, lon) {
            (Some(lat), Some(lon)) => locator.locate(lat, lon),
            _ => None,
        };
        if found.is_none() {
            out.outside.push((id, name));
        }
        if found != current || lat.is_none() || lon.is_none() {
            out.changed.push(id);
        }
        if found != current {
            diesel::update(
                neighbours::table
                    .filter(neighbours::organisation_id.eq(org))
                    .filter(neighbours::id.eq(id)),
            )
            .set(neighbours::neighbourhood_id.eq(found))
            .execute(conn)?;
            out.moved += 1;
        }
    }
    Ok(out)
}

/// Neighbours (not erased) in no neighbourhood: id and display name, in id order.
pub fn outside(conn: &mut DbConnection, org: OrgId) -> Result<Vec<(crate::ids::NeighbourId, String)>> {
    use crate::schema::neighbours;
    Ok(neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::erased_at.is_null())
        .filter(neighbours::neighbourhood_id.is_null())
        .order(neighbours::id)
        .select((neighbours::id, neighbours::display_name))
        .load(conn)?)
}
