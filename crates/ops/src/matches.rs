//! Matches: propose companions for a request, answer (accept or decline), close with a
//! follow-up.
//!
//! Roles exist only inside a match (`requester`, `companion`). A match becomes `active`
//! when everybody accepted; the last acceptance claims one unit of every companion's
//! capacity with the store's atomic conditional update, so concurrent acceptances never
//! exceed a capacity. Declining needs no reason and carries no penalty: the pair is
//! simply not proposed again. Closing gives the capacity back. Every change writes an
//! audit row per member in its transaction, and enqueues its notification there too
//! (proposed, accepted once active, declined, closed: see [`crate::notifications`]).

use crate::caller::Caller;
use crate::error::OpsResult;
use crate::index::IndexUpdate;
use crate::notifications::enqueue_with;
use crate::{access, Ops};
use nabij_notify::Event;
use nabij_store::matching::{self, FollowUp, MatchDetail, MatchStatus};
use nabij_store::{DbConnection, MatchId, NeighbourId, RequestId};

/// The audit action of a proposal (`POST /v1/matches`, the console, a batch run).
pub const PROPOSED: &str = "match_proposed";

/// Companions proposed for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub request_id: RequestId,
    pub companions: Vec<NeighbourId>,
    /// What the coordinator chose to share about the others until everybody accepted
    /// (see `nabij_store::matching::Match::shared_note`).
    pub shared_note: Option<String>,
}

/// Accept or decline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Decline,
}

/// The `detail` of a match's audit rows.
fn audit_detail(d: &MatchDetail) -> String {
    format!("match={} request={}", d.row.id, d.row.request_id)
}

/// An audit row per member of the match.
fn record_all(tx: &mut DbConnection, caller: &Caller, action: &str, d: &MatchDetail) -> OpsResult<()> {
    let detail = audit_detail(d);
    for m in &d.members {
        access::record(tx, caller, action, Some(m.neighbour_id), detail.clone())?;
    }
    Ok(())
}

/// What a proposal entails once its rows are written: an audit row per member and the
/// `MatchProposed` notification. Shared by [`propose`] and the batch run's hook.
pub(crate) fn announce_proposal(
    ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    d: &MatchDetail,
) -> OpsResult<()> {
    record_all(tx, caller, PROPOSED, d)?;
    enqueue_with(tx, ops, caller.org, Event::MatchProposed(d.row.id), Some(d))
}

/// Proposes companions for an open request: the request and every companion must be
/// visible to the caller (else `UnknownReference` naming `request_id` or
/// `companion_ids`, alike for a missing, a foreign and an out-of-reach one); writes the
/// proposal, an audit row per member and the notification.
pub fn propose(ops: &Ops, tx: &mut DbConnection, caller: &Caller, p: &Proposal) -> OpsResult<MatchDetail> {
    access::request(tx, caller, p.request_id).map_err(|e| e.referring("request_id"))?;
    for &n in &p.companions {
        access::neighbour(tx, caller, n).map_err(|e| e.referring("companion_ids"))?;
    }
    let d = matching::propose_sharing(
        tx,
        caller.org,
        p.request_id,
        &p.companions,
        p.shared_note.as_deref(),
    )?;
    announce_proposal(ops, tx, caller, &d)?;
    Ok(d)
}

/// Records an answer with an audit row, enqueues the notification (declined, or
/// accepted once active) and, when the match became active, audits that per member and
/// returns the index change to apply after the commit.
pub fn answer(
    ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    id: MatchId,
    who: NeighbourId,
    answer: Answer,
) -> OpsResult<(MatchDetail, Option<IndexUpdate>)> {
    access::match_detail(tx, caller, id)?;
    let (d, action) = match answer {
        Answer::Accept => (matching::accept(tx, caller.org, id, who)?, "match_accepted"),
        Answer::Decline => (matching::decline(tx, caller.org, id, who)?, "match_declined"),
    };
    access::record(tx, caller, action, Some(who), audit_detail(&d))?;
    let active = d.row.status == MatchStatus::Active;
    let event = match answer {
        Answer::Decline => Some(Event::MatchDeclined(id)),
        Answer::Accept if active => Some(Event::MatchAccepted(id)),
        Answer::Accept => None,
    };
    if let Some(event) = event {
        enqueue_with(tx, ops, caller.org, event, Some(&d))?;
    }
    let update = if active {
        record_all(tx, caller, "match_activated", &d)?;
        let companions: Vec<NeighbourId> = d.companions().collect();
        Some(IndexUpdate::after(tx, caller.org, &companions)?)
    } else {
        None
    };
    Ok((d, update))
}

/// Closes an active match with the follow-up, audits per member, enqueues the
/// notification and returns the index change (capacity given back) to apply after the
/// commit.
pub fn close(
    ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    id: MatchId,
    follow_up: &FollowUp,
) -> OpsResult<(MatchDetail, IndexUpdate)> {
    access::match_detail(tx, caller, id)?;
    let d = matching::close(tx, caller.org, id, follow_up)?;
    record_all(tx, caller, "match_closed", &d)?;
    enqueue_with(tx, ops, caller.org, Event::MatchClosed(id), Some(&d))?;
    let companions: Vec<NeighbourId> = d.companions().collect();
    let update = IndexUpdate::after(tx, caller.org, &companions)?;
    Ok((d, update))
}

/// A match the caller may see.
pub fn get(tx: &mut DbConnection, caller: &Caller, id: MatchId) -> OpsResult<MatchDetail> {
    Ok(access::match_detail(tx, caller, id)?)
}
