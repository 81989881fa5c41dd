//! What a caller may see, and the audit trail of what they did.
//!
//! A coordinator limited to neighbourhoods sees only neighbours living in them and
//! requests (and matches, candidate lists) of those neighbours; anything else answers
//! exactly like a missing id (`NotFound` → 404), as does another organisation's id.

use crate::caller::Caller;
use nabij_store::audit::{self, NewAudit};
use nabij_store::matching::{self, MatchDetail};
use nabij_store::neighbour::{self, Neighbour};
use nabij_store::request::{self, Request};
use nabij_store::{DbConnection, MatchId, NeighbourId, RequestId, StoreError};

/// A neighbour this caller may see.
pub fn neighbour(conn: &mut DbConnection, caller: &Caller, id: NeighbourId) -> Result<Neighbour, StoreError> {
    neighbour::get_visible(conn, caller.org, id, caller.neighbourhoods.as_deref())
}

/// A request this caller may see: its requester lives in the caller's neighbourhoods.
pub fn request(conn: &mut DbConnection, caller: &Caller, id: RequestId) -> Result<Request, StoreError> {
    let req = request::get(conn, caller.org, id)?;
    if caller.neighbourhoods.is_some() {
        let requester = neighbour::get_any(conn, caller.org, req.neighbour_id)?;
        if !caller.sees_neighbourhood(requester.neighbourhood_id) {
            return Err(StoreError::NotFound);
        }
    }
    Ok(req)
}

/// A match this caller may see: its request is visible.
pub fn match_detail(
    conn: &mut DbConnection,
    caller: &Caller,
    id: MatchId,
) -> Result<MatchDetail, StoreError> {
    let m = matching::detail(conn, caller.org, id)?;
    request(conn, caller, m.row.request_id)?;
    Ok(m)
}

/// Appends an audit row in the current transaction. `detail` carries ids, field names
/// and counts, never personal data.
pub fn record(
    conn: &mut DbConnection,
    caller: &Caller,
    action: &str,
    subject: Option<NeighbourId>,
    detail: String,
) -> Result<(), StoreError> {
    audit::record(
        conn,
        caller.org,
        &NewAudit {
            actor: caller.actor().to_string(),
            action: action.to_string(),
            subject_neighbour_id: subject,
            detail,
        },
    )
    .map(drop)
}
