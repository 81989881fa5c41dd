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
    let n = register(conn, caller, form)?;
    let update = IndexUpdate::after(conn, caller.org, &[n.id])?;
    Ok((n, update))
}

/// The part of [`create`] every registration shares, one or thousands (an import, which
/// brings the index up to date once after its commit): create, check the neighbourhood
/// is in reach, audit.
pub fn register(conn: &mut DbConnection, caller: &Caller, form: &NewNeighbour) -> OpsResult<Neighbour> {
    let n = neighbour::create(conn, caller.org, form)?;
    check_in_reach(caller, &n)?;
    access::record(conn, caller, "neighbour_created", Some(n.id), String::new())?;
    Ok(n)
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
        "requests_cancelled={} matches_ended={} messages_removed={} signals_erased={}",
        s.requests_cancelled, s.matches_ended, s.messages_removed, s.signals_erased
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
///
/// A coordinator limited to neighbourhoods gets what lies in them only (see
/// [`within_reach`]): a neighbour of theirs may have gone along with someone of another
/// neighbourhood, and that match (its follow-up note), the exchanges with that person
/// and who they declined are the other neighbourhood's records. The complete export
/// (GDPR access) is for a coordinator of the whole organisation.
pub fn export(
    conn: &mut DbConnection,
    caller: &Caller,
    id: NeighbourId,
) -> OpsResult<(export::NeighbourExport, Vec<neighbourhood::Neighbourhood>)> {
    visible(conn, caller, id)?;
    access::record(conn, caller, "neighbour_exported", Some(id), String::new())?;
    let e = export::neighbour(conn, caller.org, id)?;
    let e = within_reach(conn, caller, e)?;
    let hoods = neighbourhood::list(conn, caller.org)?;
    Ok((e, hoods))
}

/// An export cut down to what lies in the caller's neighbourhoods: matches whose
/// request the caller may see, exchanges of such a match (or, without a match, with
/// someone the caller may see), declined partners the caller may see, signals in the
/// caller's neighbourhoods. The neighbour's own requests (and
/// their referrals) and the access log about them stay: they are the neighbour's own.
/// Unlimited callers get the export as it is.
fn within_reach(
    conn: &mut DbConnection,
    caller: &Caller,
    mut e: export::NeighbourExport,
) -> OpsResult<export::NeighbourExport> {
    if caller.neighbourhoods.is_none() {
        return Ok(e);
    }
    let mut matches = Vec::with_capacity(e.matches.len());
    for m in e.matches {
        if found(access::request(conn, caller, m.row.request_id))? {
            matches.push(m);
        }
    }
    e.matches = matches;
    let mut exchanges = Vec::with_capacity(e.exchanges.len());
    for x in e.exchanges {
        let shown = match x.match_id {
            Some(mid) => e.matches.iter().any(|m| m.row.id == mid),
            None => {
                let other = if x.from_id == e.neighbour.id {
                    x.to_id
                } else {
                    x.from_id
                };
                found(visible(conn, caller, other))?
            }
        };
        if shown {
            exchanges.push(x);
        }
    }
    e.exchanges = exchanges;
    let mut declined = Vec::with_capacity(e.declined_with.len());
    for n in e.declined_with {
        if found(visible(conn, caller, n))? {
            declined.push(n);
        }
    }
    e.declined_with = declined;
    e.signals
        .retain(|s| caller.sees_neighbourhood(s.neighbourhood_id));
    Ok(e)
}

/// Whether a lookup found something the caller may see; other errors are passed on.
fn found<T>(r: nabij_store::Result<T>) -> OpsResult<bool> {
    match r {
        Ok(_) => Ok(true),
        Err(nabij_store::StoreError::NotFound) => Ok(false),
        Err(e) => Err(e.into()),
    }
}
