//! The coordinator's phone list (`notification_calls`): residents without an e-mail
//! address hear of what concerns them by phone. Entries are written in the transaction
//! of the change they tell of, and stay due until a coordinator marks them done.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{CallId, MatchId, NeighbourId, OrgId, RequestId};
use crate::schema::{neighbours, notification_calls};
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

/// Most entries [`due`] returns.
const MAX_DUE: i64 = 5000;

/// Whether a call is still to be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallStatus {
    Due,
    Done,
}

/// A row of `notification_calls`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = notification_calls)]
pub struct Call {
    pub id: CallId,
    pub organisation_id: OrgId,
    pub neighbour_id: NeighbourId,
    /// The event to tell of (`match_proposed`, …, `request_referred`).
    pub reason: String,
    pub match_id: Option<MatchId>,
    pub request_id: Option<RequestId>,
    pub created_at: NaiveDateTime,
    pub done_at: Option<NaiveDateTime>,
    /// Due from then on (a recurring call, a signal's outcome); `None`: due at once.
    pub due_at: Option<NaiveDateTime>,
}

impl Call {
    pub fn status(&self) -> CallStatus {
        if self.done_at.is_some() {
            CallStatus::Done
        } else {
            CallStatus::Due
        }
    }
}

/// A call to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCall<'a> {
    pub neighbour_id: NeighbourId,
    pub reason: &'a str,
    pub match_id: Option<MatchId>,
    pub request_id: Option<RequestId>,
}

#[derive(Insertable)]
#[diesel(table_name = notification_calls, treat_none_as_default_value = false)]
struct CallInsert<'a> {
    organisation_id: OrgId,
    neighbour_id: NeighbourId,
    reason: &'a str,
    match_id: Option<MatchId>,
    request_id: Option<RequestId>,
    created_at: NaiveDateTime,
}

/// Adds calls to the phone list, in one statement.
pub fn add_all(conn: &mut DbConnection, org: OrgId, calls: &[NewCall<'_>]) -> Result<usize> {
    if calls.is_empty() {
        return Ok(0);
    }
    let now = clock::now();
    let rows: Vec<CallInsert<'_>> = calls
        .iter()
        .map(|c| CallInsert {
            organisation_id: org,
            neighbour_id: c.neighbour_id,
            reason: c.reason,
            match_id: c.match_id,
            request_id: c.request_id,
            created_at: now,
        })
        .collect();
    Ok(crate::per_backend!(conn, |c| diesel::insert_into(
        notification_calls::table
    )
    .values(&rows)
    .execute(c))?)
}

/// The reason of a recurring call: a signal closed by putting the person on the
/// phone list with a next-call date.
pub const RECURRING_CALL: &str = "recurring_call";

#[derive(Insertable)]
#[diesel(table_name = notification_calls)]
struct DatedCallInsert<'a> {
    organisation_id: OrgId,
    neighbour_id: NeighbourId,
    reason: &'a str,
    created_at: NaiveDateTime,
    due_at: Option<NaiveDateTime>,
}

/// Adds one call that is due from `due_at` on (a recurring call), and returns it.
pub fn add_due_from(
    conn: &mut DbConnection,
    org: OrgId,
    neighbour_id: NeighbourId,
    reason: &str,
    due_at: NaiveDateTime,
) -> Result<Call> {
    crate::neighbour::get(conn, org, neighbour_id)?;
    let row = DatedCallInsert {
        organisation_id: org,
        neighbour_id,
        reason,
        created_at: clock::now(),
        due_at: Some(due_at),
    };
    Ok(diesel::insert_into(notification_calls::table)
        .values(&row)
        .returning(notification_calls::all_columns)
        .get_result(conn)?)
}

/// One entry of an organisation's phone list.
pub fn get(conn: &mut DbConnection, org: OrgId, id: CallId) -> Result<Call> {
    Ok(notification_calls::table
        .filter(notification_calls::organisation_id.eq(org))
        .filter(notification_calls::id.eq(id))
        .select(Call::as_select())
        .first(conn)?)
}

/// A call due, with the resident's name and phone number as they are now.
#[derive(Debug, Clone, PartialEq)]
pub struct CallDue {
    /// The phone-list entry.
    pub call_id: CallId,
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

/// The calls due in an organisation, oldest first (at most 5000), with the residents'
/// names and phone numbers read now; erased residents drop off, and recurring calls
/// show from their date on.
pub fn due(conn: &mut DbConnection, org: OrgId) -> Result<Vec<CallDue>> {
    let rows: Vec<Call> = notification_calls::table
        .filter(notification_calls::organisation_id.eq(org))
        .filter(notification_calls::done_at.is_null())
        .filter(
            notification_calls::due_at
                .is_null()
                .or(notification_calls::due_at.le(clock::now())),
        )
        .order((notification_calls::created_at, notification_calls::id))
        .limit(MAX_DUE)
        .select(Call::as_select())
        .load(conn)?;
    let mut ids: Vec<NeighbourId> = rows.iter().map(|r| r.neighbour_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let people: HashMap<NeighbourId, (String, Option<String>)> = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::id.eq_any(ids))
        .filter(neighbours::erased_at.is_null())
        .select((neighbours::id, neighbours::display_name, neighbours::phone))
        .load::<(NeighbourId, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(id, name, phone)| (id, (name, phone)))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let (display_name, phone) = people.get(&r.neighbour_id)?.clone();
            Some(CallDue {
                call_id: r.id,
                neighbour_id: r.neighbour_id,
                display_name,
                phone,
                reason: r.reason,
                match_id: r.match_id,
                request_id: r.request_id,
                since: r.created_at,
            })
        })
        .collect())
}

/// Marks a call done and returns it as it is now. `NotFound` if it is not this
/// organisation's, `Conflict("already_done")` if it was marked before.
pub fn mark_done(conn: &mut DbConnection, org: OrgId, id: CallId) -> Result<Call> {
    let n = diesel::update(
        notification_calls::table
            .filter(notification_calls::organisation_id.eq(org))
            .filter(notification_calls::id.eq(id))
            .filter(notification_calls::done_at.is_null()),
    )
    .set(notification_calls::done_at.eq(Some(clock::now())))
    .execute(conn)?;
    let call = get(conn, org, id)?;
    if n == 0 {
        return Err(StoreError::conflict("already_done"));
    }
    Ok(call)
}
