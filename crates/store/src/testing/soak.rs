//! Read helpers for the benchmark harness's soak runs (`nabij-bench soak`): the rows its
//! checks compare with what the server acknowledged, read straight from the tables, so
//! that the harness needs no `diesel` of its own.

use crate::matching::{MatchStatus, Response};
use crate::outbox::OutboxStatus;
use crate::request::RequestStatus;
use crate::schema::{
    audit_log, help_requests, match_members, matches, neighbours, notification_events, outbox,
};
use crate::{DbConnection, OrgId, Result};
use diesel::prelude::*;

/// Ids of the organisation's neighbours that are not erased, ascending.
pub fn neighbour_ids(c: &mut DbConnection, org: OrgId) -> Result<Vec<i64>> {
    Ok(neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::erased_at.is_null())
        .select(neighbours::id)
        .order(neighbours::id)
        .load(c)?)
}

/// Ids of the organisation's open requests, newest first, at most `limit`.
pub fn open_request_ids(c: &mut DbConnection, org: OrgId, limit: i64) -> Result<Vec<i64>> {
    Ok(help_requests::table
        .filter(help_requests::organisation_id.eq(org))
        .filter(help_requests::status.eq(RequestStatus::Open))
        .order(help_requests::id.desc())
        .limit(limit)
        .select(help_requests::id)
        .load(c)?)
}

/// A match and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchState {
    pub id: i64,
    pub status: MatchStatus,
}

/// A member's acceptance of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acceptance {
    pub match_id: i64,
    pub neighbour_id: i64,
}

/// An audit row, as far as the soak checks read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub action: String,
    pub subject_neighbour_id: Option<i64>,
    /// `match=12 request=34 …`.
    pub detail: String,
}

/// A notification event: its kind and subject (match or request) id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLine {
    pub kind: String,
    pub subject_id: i64,
}

/// Everything the soak's acknowledged-write check reads, for one organisation.
#[derive(Debug, Clone, Default)]
pub struct SoakRows {
    /// Neighbours not erased.
    pub neighbours: Vec<i64>,
    /// All requests.
    pub requests: Vec<i64>,
    pub matches: Vec<MatchState>,
    /// Members whose response is `accepted`.
    pub acceptances: Vec<Acceptance>,
    /// Audit rows whose action is one of those asked for.
    pub audit: Vec<AuditLine>,
    pub events: Vec<EventLine>,
    /// `message_id` of every outbox row (`nabij.<kind>.<org>.<subject>.<to>.<random>`).
    pub outbox_message_ids: Vec<String>,
}

/// Loads the [`SoakRows`] of `org`, with the audit rows of `actions`.
pub fn soak_rows(c: &mut DbConnection, org: OrgId, actions: &[&str]) -> Result<SoakRows> {
    let neighbours: Vec<i64> = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::erased_at.is_null())
        .select(neighbours::id)
        .load(c)?;
    let requests: Vec<i64> = help_requests::table
        .filter(help_requests::organisation_id.eq(org))
        .select(help_requests::id)
        .load(c)?;
    let ms: Vec<(i64, MatchStatus)> = matches::table
        .filter(matches::organisation_id.eq(org))
        .select((matches::id, matches::status))
        .load(c)?;
    let members: Vec<(i64, i64)> = match_members::table
        .filter(match_members::organisation_id.eq(org))
        .filter(match_members::response.eq(Response::Accepted))
        .select((match_members::match_id, match_members::neighbour_id))
        .load(c)?;
    let audit: Vec<(String, Option<i64>, String)> = audit_log::table
        .filter(audit_log::organisation_id.eq(org))
        .filter(audit_log::action.eq_any(actions))
        .select((
            audit_log::action,
            audit_log::subject_neighbour_id,
            audit_log::detail,
        ))
        .load(c)?;
    let events: Vec<(String, i64)> = notification_events::table
        .filter(notification_events::organisation_id.eq(org))
        .select((notification_events::kind, notification_events::subject_id))
        .load(c)?;
    let outbox_message_ids: Vec<String> = outbox::table
        .filter(outbox::organisation_id.eq(org))
        .select(outbox::message_id)
        .load(c)?;
    Ok(SoakRows {
        neighbours,
        requests,
        matches: ms
            .into_iter()
            .map(|(id, status)| MatchState { id, status })
            .collect(),
        acceptances: members
            .into_iter()
            .map(|(match_id, neighbour_id)| Acceptance {
                match_id,
                neighbour_id,
            })
            .collect(),
        audit: audit
            .into_iter()
            .map(|(action, subject_neighbour_id, detail)| AuditLine {
                action,
                subject_neighbour_id,
                detail,
            })
            .collect(),
        events: events
            .into_iter()
            .map(|(kind, subject_id)| EventLine { kind, subject_id })
            .collect(),
        outbox_message_ids,
    })
}

/// The columns that decide whether a neighbour may be offered as a companion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Availability {
    pub id: i64,
    pub paused: bool,
    pub capacity: i32,
    pub active_matches: i32,
}

/// [`Availability`] of those of `ids` that are the organisation's and not erased (the
/// others have no row).
pub fn availability(c: &mut DbConnection, org: OrgId, ids: &[i64]) -> Result<Vec<Availability>> {
    let rows: Vec<(i64, bool, i32, i32)> = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::id.eq_any(ids))
        .filter(neighbours::erased_at.is_null())
        .select((
            neighbours::id,
            neighbours::paused,
            neighbours::capacity,
            neighbours::active_matches,
        ))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(id, paused, capacity, active_matches)| Availability {
            id,
            paused,
            capacity,
            active_matches,
        })
        .collect())
}

/// An outbox row's delivery state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxState {
    pub message_id: String,
    pub status: OutboxStatus,
    pub attempts: i32,
}

/// The delivery state of every outbox row of the organisation.
pub fn outbox_states(c: &mut DbConnection, org: OrgId) -> Result<Vec<OutboxState>> {
    let rows: Vec<(String, OutboxStatus, i32)> = outbox::table
        .filter(outbox::organisation_id.eq(org))
        .select((outbox::message_id, outbox::status, outbox::attempts))
        .load(c)?;
    Ok(rows
        .into_iter()
        .map(|(message_id, status, attempts)| OutboxState {
            message_id,
            status,
            attempts,
        })
        .collect())
}
