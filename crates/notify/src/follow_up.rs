//! Follow-ups: `follow_up_days` (per organisation) after a match became active, its
//! coordinator hears that it is time to ask how it goes. Safe to run from every worker
//! and as often as wanted: each match's follow-up is told once.

use crate::error::Result;
use crate::event::{Event, EventKind};
use crate::outbox::enqueue_event;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use nabij_store::matching::MatchStatus;
use nabij_store::schema::{matches, notification_events};
use nabij_store::{organisation, DbConnection, MatchId, OrgId, StoreError};
use std::collections::HashSet;

/// Enqueues the follow-ups of `org` that are due at `now`: active matches activated at
/// least `follow_up_days` before and not told yet. Returns how many were enqueued. Run it
/// in a write transaction.
pub fn enqueue_due(conn: &mut DbConnection, org: OrgId, now: NaiveDateTime) -> Result<usize> {
    let days = organisation::settings(conn, org)?.follow_up_days;
    let cutoff = now - Duration::days(i64::from(days));
    // Active matches are few (each holds capacity), so this stays small.
    let active: Vec<MatchId> = matches::table
        .filter(matches::organisation_id.eq(org))
        .filter(matches::status.eq(MatchStatus::Active.as_str()))
        .filter(matches::activated_at.le(Some(cutoff)))
        .order(matches::id)
        .select(matches::id)
        .load(conn)
        .map_err(StoreError::from)?;
    let mut due = Vec::with_capacity(active.len());
    for chunk in active.chunks(500) {
        let told: HashSet<i64> = notification_events::table
            .filter(notification_events::organisation_id.eq(org))
            .filter(notification_events::kind.eq(EventKind::FollowUpDue.as_str()))
            .filter(notification_events::subject_id.eq_any(chunk.iter().map(|m| m.get())))
            .select(notification_events::subject_id)
            .load::<i64>(conn)
            .map_err(StoreError::from)?
            .into_iter()
            .collect();
        due.extend(chunk.iter().copied().filter(|m| !told.contains(&m.get())));
    }
    let mut n = 0;
    for m in due {
        if !enqueue_event(conn, org, &Event::FollowUpDue(m))?.already_told {
            n += 1;
        }
    }
    Ok(n)
}
