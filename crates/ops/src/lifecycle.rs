//! The timed part of a request's life, as functions of `now` (the scheduler passes the
//! clock; tests pass any moment):
//!
//! - [`flag_expired`]: a request open without a match for the organisation's
//!   `request_flag_days` (default 21, counted from filing or the last re-open), or with
//!   `request_flag_proposals` (default 3) proposals declined or lapsed since then, is
//!   **flagged** for the coordinator — it stays `open`, shows on Today and its page with
//!   two ways out: refer it (`referrals::refer`) or re-open it
//!   ([`crate::requests::reopen`]: the flag goes, the clock starts again). Never dropped,
//!   never moved to `expired` silently. A flagged request is left out of re-matching runs
//!   until then.
//! - [`lapse_proposals`]: a proposal without everybody's answer after
//!   `proposal_lapse_days` (default 7) **lapses**: the match ends as `declined` with
//!   `ended_by = lapsed` (no new status: declined is already the neutral end, and the
//!   reports, the API's filters and the follow-up treat it alike; `ended_by` tells the
//!   three ends apart), a companion who never answered is not proposed to the same person
//!   again, their unanswered-proposal count drops (the room the re-match counts), the
//!   request is open again for re-matching, every member is told with the neutral
//!   "the proposal will not go ahead" message and each gets an audit row.
//!
//! **The re-match's old rule** ("requests open 21 days without any candidate move to
//! `referral_needed`", checked only when someone started a run) is folded into this: the
//! run now sets the same flag (reason `no_candidates`, counted from `open_since` and the
//! organisation's `request_flag_days`) instead of changing the status, and the scheduler
//! flags every request open too long whether or not a run happens. Both routes end at the
//! same place: the coordinator's choice to refer or re-open.

use crate::caller::Caller;
use crate::error::OpsResult;
use crate::notifications::enqueue_with;
use crate::{access, Ops};
use chrono::{Duration, NaiveDateTime};
use nabij_notify::Event;
use nabij_store::request::{self, FlagReason};
use nabij_store::{matching, organisation, DbConnection};
use serde::Serialize;

/// What [`flag_expired`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flagged {
    pub open_too_long: usize,
    pub proposals_declined: usize,
}

/// Flags the caller's organisation's requests that are due at `now` (see the module),
/// with an audit row each (`request_flagged`). Run it in a write transaction.
pub fn flag_expired(tx: &mut DbConnection, caller: &Caller, now: NaiveDateTime) -> OpsResult<Flagged> {
    let org = caller.org;
    let settings = organisation::settings(tx, org)?;
    let mut out = Flagged::default();
    let cutoff = now - Duration::days(i64::from(settings.request_flag_days));
    for r in request::with_declined_proposals(tx, org, settings.request_flag_proposals)? {
        if request::flag(tx, org, r.id, FlagReason::ProposalsDeclined, now)? {
            let detail = format!("request={} reason=proposals_declined", r.id);
            access::record(tx, caller, "request_flagged", Some(r.neighbour_id), detail)?;
            out.proposals_declined += 1;
        }
    }
    for r in request::open_since_before(tx, org, cutoff)? {
        if request::flag(tx, org, r.id, FlagReason::OpenTooLong, now)? {
            let days = (now - r.open_since).num_days();
            let detail = format!("request={} reason=open_too_long days={days}", r.id);
            access::record(tx, caller, "request_flagged", Some(r.neighbour_id), detail)?;
            out.open_too_long += 1;
        }
    }
    Ok(out)
}

/// What [`lapse_proposals`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Lapsed {
    pub proposals_lapsed: usize,
}

/// Lapses the caller's organisation's proposals that waited `proposal_lapse_days` at
/// `now` (see the module). Run it in a write transaction.
pub fn lapse_proposals(
    ops: &Ops,
    tx: &mut DbConnection,
    caller: &Caller,
    now: NaiveDateTime,
) -> OpsResult<Lapsed> {
    let org = caller.org;
    let days = organisation::settings(tx, org)?.proposal_lapse_days;
    let cutoff = now - Duration::days(i64::from(days));
    let mut out = Lapsed::default();
    for id in matching::proposed_before(tx, org, cutoff)? {
        let Some(d) = matching::lapse(tx, org, id, now)? else {
            continue;
        };
        let detail = format!("match={} request={} ended_by=lapsed", d.row.id, d.row.request_id);
        for m in &d.members {
            access::record(tx, caller, "match_lapsed", Some(m.neighbour_id), detail.clone())?;
        }
        enqueue_with(tx, ops, org, Event::MatchDeclined(id), Some(&d))?;
        out.proposals_lapsed += 1;
    }
    Ok(out)
}
