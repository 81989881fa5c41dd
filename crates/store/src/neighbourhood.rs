//! Neighbourhoods: the organisation's own unit (street, wijk, village), as a centre and
//! a radius. Used to scope coordinators and for reports.

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

/// The neighbourhood whose centre is nearest to a point and whose radius covers it.
pub fn locate(conn: &mut DbConnection, org: OrgId, lat: f64, lon: f64) -> Result<Option<Neighbourhood>> {
    let Ok(p) = Point::from_wgs84(lat, lon) else {
        return Ok(None);
    };
    let mut best: Option<(f64, Neighbourhood)> = None;
    for n in list(conn, org)? {
        let Ok(c) = Point::from_wgs84(n.centre_lat, n.centre_lon) else {
            continue;
        };
        let d = c.distance_m(p);
        if d <= n.radius_m && best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, n));
        }
    }
    Ok(best.map(|(_, n)| n))
}
