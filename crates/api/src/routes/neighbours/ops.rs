//! What the routes of `/v1/neighbours` and the console do to neighbours: the
//! operations of `nabij_ops::neighbours`, and the export rendered as JSON.

use super::body::NeighbourOut;
use crate::auth::Caller;
use crate::error::ApiResult;
use nabij_store::{clock, export, neighbourhood, DbConnection, NeighbourId};

pub(crate) use nabij_ops::neighbours::{create, erase, update, visible};

/// Everything held on a neighbour the caller may see, as JSON (see
/// `nabij_ops::neighbours::export`). Coordinates are held for matching but shown only
/// as the neighbourhood.
pub(crate) fn export(
    conn: &mut DbConnection,
    caller: &Caller,
    id: NeighbourId,
) -> ApiResult<serde_json::Value> {
    let (e, hoods) = nabij_ops::neighbours::export(conn, caller, id)?;
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
        "signals": e.signals.iter().map(|s| json!({
            "id": s.id.get(), "source": s.source, "status": s.status().as_str(),
            "life_domains": serde_json::from_str::<serde_json::Value>(&s.life_domains).unwrap_or_default(),
            "text": s.text, "contact_by": s.contact_by, "outcome": s.outcome, "created_at": t(s.created_at),
        })).collect::<Vec<_>>(),
        "access_log": e.audit.iter().map(|a| json!({
            "actor": a.actor, "action": a.action, "at": t(a.at), "detail": a.detail,
        })).collect::<Vec<_>>(),
    }))
}
