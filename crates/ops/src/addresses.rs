//! The organisation's address points (issue 16): an admin imports the municipality's
//! extract of the open address register (all-or-nothing, replacing the previous one);
//! staff find an address's point when registering a neighbour, and search addresses by
//! label. Points never leave the server.

use crate::access;
use crate::caller::Caller;
use crate::error::{OpsError, OpsResult};
use crate::neighbourhoods::require_admin;
use nabij_store::address::{self, AddressLabel, AddressQuery, Lookup, ParsedAddresses};
use nabij_store::DbConnection;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressImport {
    /// Whether the points were stored (not when the file has problems).
    pub imported: bool,
    /// Points stored.
    pub points: usize,
    /// Rows left out on purpose (retired addresses).
    pub skipped: usize,
}

/// Imports a parsed register file: nothing when it has a problem row (the caller lists
/// them), else the organisation's points are replaced, audited with counts.
pub fn import(tx: &mut DbConnection, caller: &Caller, file: &ParsedAddresses) -> OpsResult<AddressImport> {
    require_admin(caller)?;
    if file.problem_count > 0 || file.points.is_empty() {
        return Ok(AddressImport {
            imported: false,
            points: 0,
            skipped: file.skipped,
        });
    }
    let n = address::replace_all(tx, caller.org, &file.points)?;
    access::record(
        tx,
        caller,
        "addresses_imported",
        None,
        format!("points={n} skipped={}", file.skipped),
    )?;
    Ok(AddressImport {
        imported: true,
        points: n,
        skipped: file.skipped,
    })
}

/// The point (latitude, longitude) of an address of the caller's organisation;
/// [`OpsError::AddressUnknown`] with suggestions when there is no such address.
pub fn resolve(conn: &mut DbConnection, caller: &Caller, q: &AddressQuery) -> OpsResult<(f64, f64)> {
    match address::lookup(conn, caller.org, q)? {
        Lookup::Found { lat, lon, .. } => Ok((lat, lon)),
        Lookup::NotFound { suggestions } => Err(OpsError::AddressUnknown { suggestions }),
    }
}

/// Address labels matching free text (street, number, postcode), for staff.
pub fn search(conn: &mut DbConnection, caller: &Caller, q: &str, limit: i64) -> OpsResult<Vec<AddressLabel>> {
    if !caller.role.is_staff() {
        return Err(OpsError::Forbidden("addresses are for staff"));
    }
    Ok(address::search(conn, caller.org, q, limit)?)
}
