//! Follow-ups: `follow_up_days` (per organisation) after a match became active, its
//! coordinator hears that it is time to ask how it goes. Safe to run from every worker
//! and as often as wanted: each match's follow-up is told once.

use crate::error::Result;
use crate::event::{Event, EventKind};
use crate::outbox::enqueue_event;
use chrono::{Duration, NaiveDateTime};
use nabij_store::{matching, notification, organisation, DbConnection, OrgId};

/// Enqueues the follow-ups of `org` that are due at `now`: active matches activated at
/// least `follow_up_days` before and not told yet. Returns how many were enqueued. Run it
/// in a write transaction.
pub fn enqueue_due(conn: &mut DbConnection, org: OrgId, now: NaiveDateTime) -> Result<usize> {
    let days = organisation::settings(conn, org)?.follow_up_days;
    let cutoff = now - Duration::days(i64::from(days));
    // Active matches are few (each holds capacity), so this stays small.
    let active = matching::active_since_before(conn, org, cutoff)?;
    let ids: Vec<i64> = active.iter().map(|m| m.get()).collect();
    let told = notification::told_among(conn, org, EventKind::FollowUpDue.as_str(), &ids)?;
    let due = active.into_iter().filter(|m| !told.contains(&m.get()));
    let mut n = 0;
    for m in due {
        if !enqueue_event(conn, org, &Event::FollowUpDue(m))?.already_told {
            n += 1;
        }
    }
    Ok(n)
}
