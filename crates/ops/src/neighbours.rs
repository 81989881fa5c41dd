//! Neighbours: register, change (pause and resume included), erase and export. Each
//! runs inside the caller's write transaction; what must happen after the commit
//! (bringing this instance's candidate index up to date) is returned.

use crate::access;
use crate::caller::Caller;
use crate::error::{OpsError, OpsResult};
use crate::index::{IndexCache, IndexUpdate};
use nabij_store::neighbour::{self, Neighbour, NeighbourUpdate, NewNeighbour};
use nabij_store::{erasure, export, neighbourhood, DbConnection, NeighbourId, OrgId};

/// The neighbour if this caller may see it; `NotFound` otherwise.
pub fn visible(conn: &mut DbConnection, caller: &Caller, id: NeighbourId) -> nabij_store::Result<Neighbour> {
    access::neighbour(conn, caller, id)
}

/// A limited coordinator may not place a neighbour outside their neighbourhoods; the
/// transaction is rolled back.
fn check_in_reach(caller: &Caller, n: &Neighbour) -> OpsResult<()> {
    if caller.sees_neighbourhood(n.neighbourhood_id) {
        Ok(())
    } else {
        Err(OpsError::Invalid {
            field: "neighbourhood_id",
            message: "outside the neighbourhoods you coordinate",
        })
    }
}

/// Registers a neighbour: create, check the neighbourhood is in reach, audit, and the
/// index update to apply after the commit.
pub fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    form: &NewNeighbour,
) -> OpsResult<(Neighbour, IndexUpdate)> {
    let n = neighbour::create(conn, caller.org, form)?;
    check_in_reach(caller, &n)?;
    access::record(conn, caller, "neighbour_created", Some(n.id), String::new())?;
    let update = IndexUpdate::after(conn, caller.org, &[n.id])?;
    Ok((n, update))
}

/// Changes a neighbour the caller may see; `fields` names what changes (for the audit
/// row, as the API's `NeighbourPatch::into_update` gives them). Pausing and
/// resuming are changes of `paused`.
pub fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: NeighbourId,
    change: &NeighbourUpdate,
    fields: &[&str],
) -> OpsResult<(Neighbour, IndexUpdate)> {
    visible(conn, caller, id)?;
    let n = neighbour::update(conn, caller.org, id, change)?;
    check_in_reach(caller, &n)?;
    access::record(
        conn,
        caller,
        "neighbour_updated",
        Some(id),
        format!("fields: {}", fields.join(",")),
    )?;
    let update = IndexUpdate::after(conn, caller.org, &[id])?;
    Ok((n, update))
}

/// What an erasure leaves to do after its commit.
#[derive(Debug)]
pub struct Erased {
    org: OrgId,
    matches_ended: usize,
    update: IndexUpdate,
}

impl Erased {
    /// Brings this instance's index up to date.
    pub fn apply(&self, indexes: &IndexCache) {
        if self.matches_ended == 0 {
            self.update.apply(indexes);
        } else {
            // Ended matches gave other people's capacity back: rebuild on the next query.
            indexes.invalidate(self.org);
        }
    }
}

/// Erases a neighbour the caller may see, for good (GDPR); the audit row keeps counts
/// only.
pub fn erase(conn: &mut DbConnection, caller: &Caller, id: NeighbourId) -> OpsResult<Erased> {
    visible(conn, caller, id)?;
    let s = erasure::erase(conn, caller.org, id)?;
    let detail = format!(
        "requests_cancelled={} matches_ended={} messages_removed={}",
        s.requests_cancelled, s.matches_ended, s.messages_removed
    );
    access::record(conn, caller, "neighbour_erased", Some(id), detail)?;
    Ok(Erased {
        org: caller.org,
        matches_ended: s.matches_ended,
        update: IndexUpdate::removed(conn, caller.org, id)?,
    })
}

/// Everything held on a neighbour the caller may see, with the organisation's
/// neighbourhoods to name theirs, including who looked at their data and when (this
/// export itself included, audited before it is read).
pub fn export(
    conn: &mut DbConnection,
    caller: &Caller,
    id: NeighbourId,
) -> OpsResult<(export::NeighbourExport, Vec<neighbourhood::Neighbourhood>)> {
    visible(conn, caller, id)?;
    access::record(conn, caller, "neighbour_exported", Some(id), String::new())?;
    let e = export::neighbour(conn, caller.org, id)?;
    let hoods = neighbourhood::list(conn, caller.org)?;
    Ok((e, hoods))
}
