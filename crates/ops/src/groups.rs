//! Group suggestions of the re-matching run: accept or split one.

use crate::access;
use crate::caller::Caller;
use crate::error::OpsResult;
use nabij_store::rematch::{self, GroupRow, GroupStatus};
use nabij_store::request::Request;
use nabij_store::{DbConnection, GroupId, RequestId, StoreError};

/// The requests of a group this caller may see, or `None` when a limited coordinator
/// may not see every one of them. (A request gone meanwhile is left out for others.)
pub fn visible_requests(
    tx: &mut DbConnection,
    caller: &Caller,
    ids: &[RequestId],
) -> Result<Option<Vec<Request>>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match access::request(tx, caller, *id) {
            Ok(r) => out.push(r),
            Err(StoreError::NotFound) if caller.neighbourhoods.is_some() => return Ok(None),
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(Some(out))
}

/// Decides a group the caller may see (every request in it, for a limited
/// coordinator), audited per member request; returns the group as it is now and its
/// request ids.
pub fn decide(
    tx: &mut DbConnection,
    caller: &Caller,
    id: GroupId,
    to: GroupStatus,
) -> OpsResult<(GroupRow, Vec<RequestId>)> {
    let action = match to {
        GroupStatus::Accepted => "group_accepted",
        _ => "group_split",
    };
    let g = rematch::group(tx, caller.org, id)?;
    let ids = g.request_ids()?;
    let members = visible_requests(tx, caller, &ids)?.ok_or(StoreError::NotFound)?;
    rematch::decide_group(tx, caller.org, id, to)?;
    let detail = format!("group={id} requests={}", ids.len());
    for r in &members {
        access::record(tx, caller, action, Some(r.neighbour_id), detail.clone())?;
    }
    if members.is_empty() {
        access::record(tx, caller, action, None, detail)?;
    }
    let g = GroupRow { status: to, ..g };
    Ok((g, ids))
}
