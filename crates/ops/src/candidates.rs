//! Candidates for a request: who could keep the requester company, best first, from the
//! organisation's cached index (see [`crate::index::IndexCache`]).
//!
//! The index is brought up to the data the query's transaction reads before it is used
//! ([`crate::index::IndexCache::query_current`]), so writes through any instance show in
//! the next query. Companions already proposed for
//! the request (or matched with it) are left out by the engine itself, like declined
//! pairs, so a request with proposals still gets `limit` candidates. A limited
//! coordinator sees only candidates in their neighbourhoods.

use crate::caller::Caller;
use crate::error::{OpsError, OpsResult};
use crate::{access, Ops};
use nabij_engine::candidates::{Candidate, MAX_LIMIT};
use nabij_engine::CandidateQuery;
use nabij_store::audit::NewAudit;
use nabij_store::request::{self, RequestStatus};
use nabij_store::{matching, neighbour, organisation, DbConnection, NeighbourId, RequestId};
use std::collections::HashMap;

/// The conflict code when the request is not open (nor proposed).
pub const REQUEST_NOT_OPEN: &str = "request_not_open";

/// A candidate with the name to show.
#[derive(Debug, Clone)]
pub struct Found {
    pub neighbour_id: NeighbourId,
    pub display_name: String,
    pub candidate: Candidate,
}

/// At most `limit` candidates of a request this caller may see, in a read transaction,
/// and the audit row to commit before they are shown (`candidates_listed`).
pub fn find(
    ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    id: RequestId,
    limit: usize,
) -> OpsResult<(Vec<Found>, NewAudit)> {
    let org = organisation::get(tx, caller.org)?;
    let req = access::request(tx, caller, id)?;
    let status = req.status;
    if !matches!(status, RequestStatus::Open | RequestStatus::Proposed) {
        return Err(OpsError::Conflict {
            code: REQUEST_NOT_OPEN,
            detail: format!(
                "candidates are found only for open requests, not {}",
                req.status.as_str()
            ),
        });
    }
    let mut help = request::to_help_request(tx, caller.org, &req)?;
    if status != RequestStatus::Open {
        let in_play = matching::companions_in_play(tx, caller.org, req.id)?;
        help.declined_with
            .extend(in_play.into_iter().map(nabij_engine::NeighbourId::from));
        help = help.normalise();
    }
    let weights = org.settings()?.weights;
    // A limited coordinator does not see everyone: look further, then filter.
    let fetch = if caller.neighbourhoods.is_some() {
        MAX_LIMIT
    } else {
        limit
    };
    let found = ops.indexes.query_current(tx, caller.org, |idx| {
        idx.top_candidates(&CandidateQuery {
            request: &help,
            limit: fetch,
            weights: &weights,
        })
    })?;
    let ids: Vec<NeighbourId> = found
        .iter()
        .filter_map(|x| NeighbourId::try_from(x.neighbour_id).ok())
        .collect();
    let names: HashMap<NeighbourId, _> = neighbour::names(tx, caller.org, &ids)?
        .into_iter()
        .map(|(id, name, hood)| (id, (name, hood)))
        .collect();
    let mut shown = Vec::with_capacity(limit);
    for x in found {
        let Ok(id) = NeighbourId::try_from(x.neighbour_id) else {
            continue;
        };
        let Some((name, hood)) = names.get(&id) else {
            continue;
        };
        if !caller.sees_neighbourhood(*hood) || shown.len() == limit {
            continue;
        }
        shown.push(Found {
            neighbour_id: id,
            display_name: name.clone(),
            candidate: x,
        });
    }
    let listed: Vec<String> = shown.iter().map(|s| s.neighbour_id.to_string()).collect();
    let entry = NewAudit {
        actor: caller.actor().to_string(),
        action: "candidates_listed".to_string(),
        subject_neighbour_id: Some(req.neighbour_id),
        detail: format!("request={} candidates={}", req.id, listed.join(",")),
    };
    Ok((shown, entry))
}
