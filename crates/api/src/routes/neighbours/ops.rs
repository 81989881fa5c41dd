//! What the routes of `/v1/neighbours` do to the store, shared with the console so that
//! both write the same rows, audit entries and index updates. Each function runs inside
//! the caller's write transaction; what must happen after the commit (bringing this
//! instance's candidate index up to date) is returned to the caller.

use super::body::NeighbourOut;
use crate::access;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::index::IndexUpdate;
use crate::state::IndexCache;
use nabij_store::neighbour::{self, Neighbour, NeighbourUpdate, NewNeighbour};
use nabij_store::{clock, erasure, export, neighbourhood, DbConnection, NeighbourId, OrgId};

/// The neighbour if this caller may see it; `NotFound` otherwise.
pub(crate) fn visible(
    conn: &mut DbConnection,
    caller: &Caller,
    id: NeighbourId,
) -> nabij_store::Result<Neighbour> {
    access::neighbour(conn, caller, id)
}

/// A limited coordinator may not place a neighbour outside their neighbourhoods; the
/// transaction is rolled back.
fn check_in_reach(caller: &Caller, n: &Neighbour) -> ApiResult<()> {
    if caller.sees_neighbourhood(n.neighbourhood_id) {
        Ok(())
    } else {
        Err(ApiError::invalid_field(
            "neighbourhood_id",
            "outside the neighbourhoods you coordinate",
        ))
    }
}

/// Registers a neighbour: create, check the neighbourhood is in reach, audit, and the
/// index update to apply after the commit.
pub(crate) fn create(
    conn: &mut DbConnection,
    caller: &Caller,
    form: &NewNeighbour,
) -> ApiResult<(Neighbour, IndexUpdate)> {
    let n = neighbour::create(conn, caller.org, form)?;
    check_in_reach(caller, &n)?;
    access::record(conn, caller, "neighbour_created", Some(n.id), String::new())?;
    let update = IndexUpdate::after(conn, caller.org, &[n.id])?;
    Ok((n, update))
}

/// Changes a neighbour the caller may see; `fields` names what changes (for the audit
/// row, as [`super::body::NeighbourPatch::into_update`] gives them). Pausing and
/// resuming are changes of `paused`.
pub(crate) fn update(
    conn: &mut DbConnection,
    caller: &Caller,
    id: NeighbourId,
    change: &NeighbourUpdate,
    fields: &[&str],
) -> ApiResult<(Neighbour, IndexUpdate)> {
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
pub(crate) struct Erased {
    org: OrgId,
    matches_ended: usize,
    update: IndexUpdate,
}

impl Erased {
    /// Brings this instance's index up to date.
    pub(crate) fn apply(&self, indexes: &IndexCache) {
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
pub(crate) fn erase(conn: &mut DbConnection, caller: &Caller, id: NeighbourId) -> ApiResult<Erased> {
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

/// Everything held on a neighbour the caller may see, including who looked at their
/// data and when (this export itself included, audited before it is read).
/// Coordinates are held for matching but shown only as the neighbourhood.
pub(crate) fn export(
    conn: &mut DbConnection,
    caller: &Caller,
    id: NeighbourId,
) -> ApiResult<serde_json::Value> {
    visible(conn, caller, id)?;
    access::record(conn, caller, "neighbour_exported", Some(id), String::new())?;
    let e = export::neighbour(conn, caller.org, id)?;
    let hoods = neighbourhood::list(conn, caller.org)?;
    export_json(&e, &hoods)
}

fn export_json(
    e: &export::NeighbourExport,
    hoods: &[neighbourhood::Neighbourhood],
) -> ApiResult<serde_json::Value> {
    use serde_json::json;
    let t = clock::utc;
    Ok(json!({
        "neighbour": NeighbourOut::from_row(&e.neighbour, hoods)?,
        "location_held": e.neighbour.lat.is_some(),
        "requests": e.requests.iter().map(|r| json!({
            "id": r.id.get(), "kind": r.kind, "text": r.text, "status": r.status,
            "tags": serde_json::from_str::<serde_json::Value>(&r.tags).unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "referrals": e.referrals.iter().map(|r| json!({
            "id": r.id.get(), "request_id": r.request_id.get(),
            "service_id": r.service_id.map(|s| s.get()), "reason": r.reason, "created_at": t(r.created_at),
        })).collect::<Vec<_>>(),
        "matches": e.matches.iter().map(|m| json!({
            "id": m.row.id.get(), "request_id": m.row.request_id.get(), "status": m.row.status,
            "created_at": t(m.row.created_at), "activated_at": m.row.activated_at.map(t),
            "closed_at": m.row.closed_at.map(t), "follow_up_note": m.row.follow_up_note,
        })).collect::<Vec<_>>(),
        "exchanges": e.exchanges.iter().map(|x| json!({
            "id": x.id.get(), "from_id": x.from_id.get(), "to_id": x.to_id.get(),
            "kind": x.kind, "match_id": x.match_id.map(|m| m.get()), "at": t(x.at),
        })).collect::<Vec<_>>(),
        "declined_with": e.declined_with.iter().map(|n| n.get()).collect::<Vec<_>>(),
        "access_log": e.audit.iter().map(|a| json!({
            "actor": a.actor, "action": a.action, "at": t(a.at), "detail": a.detail,
        })).collect::<Vec<_>>(),
    }))
}
