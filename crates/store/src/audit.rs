//! The audit log: who did or looked at what, for which organisation, about whom, when.
//! Append-only (database triggers refuse UPDATE and DELETE). Rows carry no personal
//! data, and the subject is a plain number, so they outlive an erasure.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{AuditId, NeighbourId, OrgId};
use crate::schema::audit_log;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A row of `audit_log`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: AuditId,
    pub organisation_id: OrgId,
    /// `user:<id>` or `client:<client_id>`.
    pub actor: String,
    /// A snake_case verb such as `neighbour_read`, `candidates_listed`.
    pub action: String,
    pub subject_neighbour_id: Option<NeighbourId>,
    /// Free of personal data (ids, field names, counts).
    pub detail: String,
    pub at: NaiveDateTime,
}

/// One thing to record.
#[derive(Debug, Clone)]
pub struct NewAudit {
    pub actor: String,
    pub action: String,
    pub subject_neighbour_id: Option<NeighbourId>,
    pub detail: String,
}

#[derive(Insertable)]
#[diesel(table_name = audit_log)]
struct AuditInsert<'a> {
    organisation_id: OrgId,
    actor: &'a str,
    action: &'a str,
    subject_neighbour_id: Option<NeighbourId>,
    detail: &'a str,
    at: NaiveDateTime,
}

/// Appends one row. Call it inside the transaction of what it records.
pub fn record(conn: &mut DbConnection, org: OrgId, entry: &NewAudit) -> Result<AuditEntry> {
    if entry.actor.is_empty() || entry.actor.len() > 160 {
        return Err(StoreError::invalid("actor must be 1 to 160 characters"));
    }
    let ok_action = !entry.action.is_empty()
        && entry.action.len() <= 64
        && entry
            .action
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if !ok_action {
        return Err(StoreError::invalid("action must be a snake_case word"));
    }
    if entry.detail.chars().count() > 2000 {
        return Err(StoreError::invalid("detail must be at most 2000 characters"));
    }
    let row = AuditInsert {
        organisation_id: org,
        actor: &entry.actor,
        action: &entry.action,
        subject_neighbour_id: entry.subject_neighbour_id,
        detail: &entry.detail,
        at: clock::now(),
    };
    Ok(diesel::insert_into(audit_log::table)
        .values(&row)
        .returning(audit_log::all_columns)
        .get_result(conn)?)
}

/// Everything recorded about one neighbour, oldest first (shown in their export).
pub fn for_subject(conn: &mut DbConnection, org: OrgId, n: NeighbourId) -> Result<Vec<AuditEntry>> {
    Ok(audit_log::table
        .filter(audit_log::organisation_id.eq(org))
        .filter(audit_log::subject_neighbour_id.eq(n))
        .order(audit_log::id)
        .select(AuditEntry::as_select())
        .load(conn)?)
}

/// Rows in id order (keyset pagination; `limit` clamped to 1..=1000).
pub fn list(
    conn: &mut DbConnection,
    org: OrgId,
    after: Option<AuditId>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    let mut q = audit_log::table
        .filter(audit_log::organisation_id.eq(org))
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(audit_log::id.gt(after));
    }
    Ok(q.order(audit_log::id)
        .limit(limit.clamp(1, 1000))
        .select(AuditEntry::as_select())
        .load(conn)?)
}
