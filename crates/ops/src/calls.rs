//! The coordinator's phone list: who to phone (residents without an e-mail address hear
//! of what concerns them by phone) and marking a call done.

use crate::access;
use crate::caller::Caller;
use crate::error::OpsResult;
use nabij_store::calls::{self, Call, CallDue};
use nabij_store::neighbour::Neighbour;
use nabij_store::{neighbour, CallId, DbConnection, NeighbourId};
use std::collections::HashMap;

/// The residents this caller is to phone, oldest first: the organisation's calls due,
/// of residents in the caller's neighbourhoods when limited.
pub fn list(tx: &mut DbConnection, caller: &Caller) -> OpsResult<Vec<CallDue>> {
    let due = calls::due(tx, caller.org)?;
    if caller.neighbourhoods.is_none() {
        return Ok(due);
    }
    let mut ids: Vec<NeighbourId> = due.iter().map(|d| d.neighbour_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let hoods: HashMap<NeighbourId, _> = neighbour::names(tx, caller.org, &ids)?
        .into_iter()
        .map(|(id, _, hood)| (id, hood))
        .collect();
    Ok(due
        .into_iter()
        .filter(|d| {
            hoods
                .get(&d.neighbour_id)
                .is_some_and(|h| caller.sees_neighbourhood(*h))
        })
        .collect())
}

/// Marks a call done, with its audit row; returns the entry as it is now and the
/// resident. `NotFound` for another organisation's call or a resident the caller does
/// not see, `Conflict("already_done")` when marked before.
pub fn mark_done(tx: &mut DbConnection, caller: &Caller, id: CallId) -> OpsResult<(Call, Neighbour)> {
    let call = calls::get(tx, caller.org, id)?;
    // Not visible (another neighbourhood, erased): as if it did not exist.
    let n = access::neighbour(tx, caller, call.neighbour_id)?;
    let call = calls::mark_done(tx, caller.org, id)?;
    let detail = format!("call={id} reason={}", call.reason);
    access::record(tx, caller, "call_done", Some(call.neighbour_id), detail)?;
    Ok((call, n))
}
