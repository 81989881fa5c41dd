//! Idempotency keys for POST, scoped to organisation, caller and route.
//!
//! The API stores the key in the same transaction as the effect:
//! 1. [`lookup`] → `New`: do the work, then [`record`] the response, commit;
//!    `Replay`: return the stored response and write nothing; `Mismatch`: the same key
//!    with another body (422); `InFlight`: a reservation without a response yet (409).
//! 2. Alternatively [`reserve`] commits an in-flight row first and [`complete`] fills
//!    it in later, for effects that cannot share one transaction.
//!
//! Two concurrent transactions with the same new key: on SQLite the second waits for
//! the first (`BEGIN IMMEDIATE`) and then sees `Replay`; on PostgreSQL its insert waits
//! on the unique key and then fails with `Conflict("idempotency_in_flight")`.

use crate::error::{Result, StoreError};
use crate::ids::OrgId;
use crate::schema::idempotency_keys;
use crate::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// How long keys are kept.
pub const TTL_HOURS: i64 = 24;

/// A row of `idempotency_keys`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRecord {
    pub organisation_id: OrgId,
    pub caller: String,
    pub route: String,
    pub key: String,
    pub request_hash: String,
    pub status_code: Option<i32>,
    pub response_body: Option<String>,
    pub created_at: NaiveDateTime,
}

/// Who used which key on which route.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeyScope {
    /// `user:<id>` or `client:<client_id>`.
    pub caller: String,
    /// The route template, e.g. `POST /v1/requests`.
    pub route: String,
    /// The client's `Idempotency-Key`.
    pub key: String,
}

impl KeyScope {
    /// Checks the client's key: 1–255 visible ASCII characters.
    pub fn new(caller: &str, route: &str, key: &str) -> Result<Self> {
        if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(StoreError::invalid(
                "Idempotency-Key must be 1 to 255 visible ASCII characters",
            ));
        }
        Ok(Self {
            caller: caller.to_string(),
            route: route.to_string(),
            key: key.to_string(),
        })
    }
}

/// What a key says about a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Unknown (or expired) key: do the work.
    New,
    /// The same request was answered before: send this again.
    Replay { status_code: u16, body: String },
    /// The same key with a different body.
    Mismatch,
    /// Reserved by a request that has not finished.
    InFlight,
}

fn scoped<'a>(
    org: OrgId,
    k: &'a KeyScope,
) -> idempotency_keys::BoxedQuery<'a, crate::connection::MultiBackend> {
    idempotency_keys::table
        .filter(idempotency_keys::organisation_id.eq(org))
        .filter(idempotency_keys::caller.eq(&k.caller))
        .filter(idempotency_keys::route.eq(&k.route))
        .filter(idempotency_keys::key.eq(&k.key))
        .into_boxed()
}

/// Looks a key up as of `now`. An expired row is deleted and the key is `New`.
pub fn lookup(
    conn: &mut DbConnection,
    org: OrgId,
    k: &KeyScope,
    request_hash: &str,
    now: NaiveDateTime,
) -> Result<Lookup> {
    let row: Option<IdempotencyRecord> = scoped(org, k)
        .select(IdempotencyRecord::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else { return Ok(Lookup::New) };
    if row.created_at < now - Duration::hours(TTL_HOURS) {
        diesel::delete(
            idempotency_keys::table
                .filter(idempotency_keys::organisation_id.eq(org))
                .filter(idempotency_keys::caller.eq(&k.caller))
                .filter(idempotency_keys::route.eq(&k.route))
                .filter(idempotency_keys::key.eq(&k.key)),
        )
        .execute(conn)?;
        return Ok(Lookup::New);
    }
    if row.request_hash != request_hash {
        return Ok(Lookup::Mismatch);
    }
    match (row.status_code, row.response_body) {
        (Some(code), Some(body)) => Ok(Lookup::Replay {
            status_code: u16::try_from(code).unwrap_or(500),
            body,
        }),
        _ => Ok(Lookup::InFlight),
    }
}

#[derive(Insertable)]
#[diesel(table_name = idempotency_keys)]
struct KeyInsert<'a> {
    organisation_id: OrgId,
    caller: &'a str,
    route: &'a str,
    key: &'a str,
    request_hash: &'a str,
    status_code: Option<i32>,
    response_body: Option<&'a str>,
    created_at: NaiveDateTime,
}

fn insert(conn: &mut DbConnection, row: &KeyInsert<'_>) -> Result<()> {
    match diesel::insert_into(idempotency_keys::table)
        .values(row)
        .execute(conn)
    {
        Ok(_) => Ok(()),
        Err(e) => match StoreError::from(e) {
            StoreError::Conflict(_) => Err(StoreError::conflict("idempotency_in_flight")),
            other => Err(other),
        },
    }
}

/// Stores the response of a finished request under its key (same transaction as the
/// effect).
pub fn record(
    conn: &mut DbConnection,
    org: OrgId,
    k: &KeyScope,
    request_hash: &str,
    status_code: u16,
    body: &str,
    now: NaiveDateTime,
) -> Result<()> {
    insert(
        conn,
        &KeyInsert {
            organisation_id: org,
            caller: &k.caller,
            route: &k.route,
            key: &k.key,
            request_hash,
            status_code: Some(i32::from(status_code)),
            response_body: Some(body),
            created_at: now,
        },
    )
}

/// Reserves a key before doing the work; `Conflict("idempotency_in_flight")` when taken.
pub fn reserve(
    conn: &mut DbConnection,
    org: OrgId,
    k: &KeyScope,
    request_hash: &str,
    now: NaiveDateTime,
) -> Result<()> {
    insert(
        conn,
        &KeyInsert {
            organisation_id: org,
            caller: &k.caller,
            route: &k.route,
            key: &k.key,
            request_hash,
            status_code: None,
            response_body: None,
            created_at: now,
        },
    )
}

/// Fills in the response of a reserved key.
pub fn complete(
    conn: &mut DbConnection,
    org: OrgId,
    k: &KeyScope,
    status_code: u16,
    body: &str,
) -> Result<()> {
    let n = diesel::update(
        idempotency_keys::table
            .filter(idempotency_keys::organisation_id.eq(org))
            .filter(idempotency_keys::caller.eq(&k.caller))
            .filter(idempotency_keys::route.eq(&k.route))
            .filter(idempotency_keys::key.eq(&k.key))
            .filter(idempotency_keys::status_code.is_null()),
    )
    .set((
        idempotency_keys::status_code.eq(Some(i32::from(status_code))),
        idempotency_keys::response_body.eq(Some(body)),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Drops a reservation (the work failed and may be retried with the same key).
pub fn release(conn: &mut DbConnection, org: OrgId, k: &KeyScope) -> Result<()> {
    diesel::delete(
        idempotency_keys::table
            .filter(idempotency_keys::organisation_id.eq(org))
            .filter(idempotency_keys::caller.eq(&k.caller))
            .filter(idempotency_keys::route.eq(&k.route))
            .filter(idempotency_keys::key.eq(&k.key))
            .filter(idempotency_keys::status_code.is_null()),
    )
    .execute(conn)?;
    Ok(())
}

/// Deletes keys older than the TTL, over all organisations; returns how many.
pub fn purge_expired(conn: &mut DbConnection, now: NaiveDateTime) -> Result<usize> {
    Ok(diesel::delete(
        idempotency_keys::table.filter(idempotency_keys::created_at.lt(now - Duration::hours(TTL_HOURS))),
    )
    .execute(conn)?)
}
