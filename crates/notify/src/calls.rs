//! The coordinator's phone list: residents without an e-mail address hear of an event
//! by phone. A row holds who and why (the event kind and its match or request), never
//! contact data: name and phone are read from the neighbour at listing time, so an
//! erased neighbour drops off the list.

use crate::error::Result;
use crate::event::EventKind;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use nabij_store::schema::{neighbours, notification_calls};
use nabij_store::{clock, DbConnection, MatchId, NeighbourId, OrgId, RequestId, StoreError};
use std::collections::HashMap;

/// One resident to phone.
#[derive(Debug, Clone, PartialEq)]
pub struct CallDue {
    /// The phone-list entry (for [`mark_called`]).
    pub call_id: i64,
    pub neighbour_id: NeighbourId,
    pub display_name: String,
    /// `None` when the neighbour has no phone number either.
    pub phone: Option<String>,
    /// The event to tell of (`match_proposed`, …, `request_referred`).
    pub reason: String,
    pub match_id: Option<MatchId>,
    pub request_id: Option<RequestId>,
    /// Since when the call is due.
    pub since: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = notification_calls)]
struct CallInsert {
    organisation_id: OrgId,
    neighbour_id: NeighbourId,
    reason: &'static str,
    match_id: Option<MatchId>,
    request_id: Option<RequestId>,
    created_at: NaiveDateTime,
}

/// Puts a resident on the phone list (inside the event's transaction).
pub(crate) fn add(
    conn: &mut DbConnection,
    org: OrgId,
    neighbour: NeighbourId,
    reason: EventKind,
    match_id: Option<MatchId>,
    request_id: Option<RequestId>,
) -> Result<()> {
    diesel::insert_into(notification_calls::table)
        .values(&CallInsert {
            organisation_id: org,
            neighbour_id: neighbour,
            reason: reason.as_str(),
            match_id,
            request_id,
            created_at: clock::now(),
        })
        .execute(conn)
        .map_err(StoreError::from)?;
    Ok(())
}

type CallRow = (
    i64,
    NeighbourId,
    String,
    Option<MatchId>,
    Option<RequestId>,
    NaiveDateTime,
);

/// Residents to phone, oldest first: calls not marked done, of neighbours not erased.
pub fn calls_due(conn: &mut DbConnection, org: OrgId) -> Result<Vec<CallDue>> {
    let rows: Vec<CallRow> = notification_calls::table
        .filter(notification_calls::organisation_id.eq(org))
        .filter(notification_calls::done_at.is_null())
        .order((notification_calls::created_at, notification_calls::id))
        .limit(5000)
        .select((
            notification_calls::id,
            notification_calls::neighbour_id,
            notification_calls::reason,
            notification_calls::match_id,
            notification_calls::request_id,
            notification_calls::created_at,
        ))
        .load(conn)
        .map_err(StoreError::from)?;
    let mut ids: Vec<NeighbourId> = rows.iter().map(|r| r.1).collect();
    ids.sort_unstable();
    ids.dedup();
    let people: HashMap<NeighbourId, (String, Option<String>)> = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::id.eq_any(ids))
        .filter(neighbours::erased_at.is_null())
        .select((neighbours::id, neighbours::display_name, neighbours::phone))
        .load::<(NeighbourId, String, Option<String>)>(conn)
        .map_err(StoreError::from)?
        .into_iter()
        .map(|(id, name, phone)| (id, (name, phone)))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|(call_id, neighbour_id, reason, match_id, request_id, since)| {
            let (display_name, phone) = people.get(&neighbour_id)?.clone();
            Some(CallDue {
                call_id,
                neighbour_id,
                display_name,
                phone,
                reason,
                match_id,
                request_id,
                since,
            })
        })
        .collect())
}

/// Marks a call done. `NotFound` if it is not this organisation's,
/// `Conflict("already_done")` if it was marked before.
pub fn mark_called(conn: &mut DbConnection, org: OrgId, call_id: i64) -> Result<()> {
    let n = diesel::update(
        notification_calls::table
            .filter(notification_calls::organisation_id.eq(org))
            .filter(notification_calls::id.eq(call_id))
            .filter(notification_calls::done_at.is_null()),
    )
    .set(notification_calls::done_at.eq(Some(clock::now())))
    .execute(conn)
    .map_err(StoreError::from)?;
    if n == 0 {
        let exists: i64 = notification_calls::table
            .filter(notification_calls::organisation_id.eq(org))
            .filter(notification_calls::id.eq(call_id))
            .count()
            .get_result(conn)
            .map_err(StoreError::from)?;
        return Err(if exists == 0 {
            StoreError::NotFound
        } else {
            StoreError::conflict("already_done")
        }
        .into());
    }
    Ok(())
}
