//! What changed in an organisation's candidate index, for the instances that cache it.
//!
//! Every write that changes what an index holds (a neighbour's profile, capacity in use,
//! balance; an erasure) calls [`record`] in its transaction with the neighbours it
//! changed. A cached index carries a [`Mark`]: how far into the organisation's changes it
//! is. [`since`] answers, in a query's transaction, what changed after a mark and the mark
//! that query's data is at, so an instance brings its index up to date with a small
//! delta.
//!
//! The rule kept: **a query is never served from an index older than any write
//! acknowledged before the query started**, whichever instance wrote it.
//!
//! - **PostgreSQL: an append-only log.** [`record`] inserts one row per neighbour with
//!   the writing transaction's id; nothing is updated, so concurrent writes of one
//!   organisation never wait for each other here (a counter row would be held by each
//!   until it commits). A mark is a snapshot (`pg_current_snapshot()`): the changes
//!   after it are the rows whose transaction it does not see. Transaction ids (like
//!   sequence values) are handed out in another order than commits become visible, so
//!   "ids above the last one seen" would skip a transaction that began earlier and
//!   committed later; a snapshot's list of transactions in progress does not. Rows are
//!   pruned after [`RETENTION_HOURS`]; a mark older than half that is not trusted.
//! - **SQLite: the counter `organisations.index_version`.** One process writes, one
//!   writer at a time, so the counter is never a queue; a mark is its value, and a moved
//!   counter says "something changed" without saying what ([`Changed::Unknown`]).

use crate::error::{Result, StoreError};
use crate::ids::{NeighbourId, OrgId};
use crate::schema::organisations;
use crate::DbConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

/// How long the log keeps a change. A cached index that has not caught up for half this
/// long is rebuilt instead ([`MARK_TRUSTED_HOURS`]).
pub const RETENTION_HOURS: i64 = 24;

/// A mark older than this (by the instance's own clock since it was read) may point
/// before pruned rows: rebuild instead of catching up.
pub const MARK_TRUSTED_HOURS: u64 = 12;

/// How far into an organisation's changes a cached index is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// SQLite: the value of `organisations.index_version`.
    Counter(i64),
    /// PostgreSQL: a snapshot in its text form (`xmin:xmax:xip,…`).
    Snapshot(String),
}

/// What changed after a mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Nothing: the index is current.
    Nothing,
    /// These neighbours (each once, ascending): reload them.
    These(Vec<NeighbourId>),
    /// Something, not known what (SQLite's counter moved): rebuild, or wait for this
    /// instance's own writes to arrive.
    Unknown,
}

/// The answer of [`since`]: what changed, and the mark the reader's data is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Since {
    pub changed: Changed,
    pub now: Mark,
}

/// Records, in the writing transaction, that these neighbours changed in the index of
/// `org`. SQLite: bumps the counter (and returns its new value); PostgreSQL: appends one
/// row per neighbour and updates nothing (returns `None`).
pub fn record(conn: &mut DbConnection, org: OrgId, changed: &[NeighbourId]) -> Result<Option<i64>> {
    match conn {
        DbConnection::Sqlite(_) => {
            let n = diesel::update(organisations::table.find(org))
                .set(organisations::index_version.eq(organisations::index_version + 1))
                .execute(conn)?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            Ok(Some(counter(conn, org)?))
        }
        DbConnection::Postgresql(c) => {
            let ids: Vec<i64> = changed.iter().map(|id| id.0).collect();
            diesel::sql_query(
                "INSERT INTO index_changes (organisation_id, neighbour_id, txid) \
                 SELECT $1, n, pg_current_xact_id()::text::bigint FROM unnest($2::bigint[]) AS n",
            )
            .bind::<BigInt, _>(org.0)
            .bind::<diesel::sql_types::Array<BigInt>, _>(ids)
            .execute(c)?;
            Ok(None)
        }
    }
}

/// The mark of the data this transaction reads now: read it before building an index
/// from the store, and the index holds at least the changes before it.
pub fn current(conn: &mut DbConnection, org: OrgId) -> Result<Mark> {
    match conn {
        DbConnection::Sqlite(_) => Ok(Mark::Counter(counter(conn, org)?)),
        DbConnection::Postgresql(c) => {
            #[derive(QueryableByName)]
            struct Snap {
                #[diesel(sql_type = Text)]
                snap: String,
            }
            let row: Snap = diesel::sql_query("SELECT pg_current_snapshot()::text AS snap").get_result(c)?;
            Ok(Mark::Snapshot(row.snap))
        }
    }
}

/// What changed in the index of `org` after `mark`, as this transaction sees it, and the
/// mark its data is at (one statement on PostgreSQL, so both come from one snapshot).
/// A mark of the other backend's kind is answered [`Changed::Unknown`].
pub fn since(conn: &mut DbConnection, org: OrgId, mark: &Mark) -> Result<Since> {
    let snap = match (&*conn, mark) {
        (DbConnection::Sqlite(_), _) => {
            let now = counter(conn, org)?;
            let changed = match mark {
                Mark::Counter(v) if *v >= now => Changed::Nothing,
                _ => Changed::Unknown,
            };
            return Ok(Since {
                changed,
                now: Mark::Counter(now),
            });
        }
        (DbConnection::Postgresql(_), Mark::Counter(_)) => {
            return Ok(Since {
                changed: Changed::Unknown,
                now: current(conn, org)?,
            })
        }
        (DbConnection::Postgresql(_), Mark::Snapshot(snap)) => snap,
    };
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = Text)]
        snap: String,
        #[diesel(sql_type = Nullable<BigInt>)]
        neighbour_id: Option<i64>,
    }
    // Transactions below the mark's xmin had all ended when it was taken; of the rest,
    // those the mark did not see are new.
    let query = diesel::sql_query(
        "SELECT s.snap::text AS snap, c.neighbour_id \
         FROM (SELECT pg_current_snapshot() AS snap) s \
         LEFT JOIN (SELECT DISTINCT neighbour_id FROM index_changes \
           WHERE organisation_id = $1 \
             AND txid >= pg_snapshot_xmin($2::pg_snapshot)::text::bigint \
             AND NOT pg_visible_in_snapshot(txid::text::xid8, $2::pg_snapshot)) c ON true \
         ORDER BY c.neighbour_id",
    )
    .bind::<BigInt, _>(org.0)
    .bind::<Text, _>(snap);
    let rows: Vec<Row> = match conn {
        DbConnection::Postgresql(c) => query.load(c)?,
        DbConnection::Sqlite(_) => return Err(StoreError::Corrupt("index_changes on SQLite".to_string())),
    };
    let now = rows
        .first()
        .map(|r| Mark::Snapshot(r.snap.clone()))
        .ok_or_else(|| StoreError::Corrupt("index_changes: no snapshot".to_string()))?;
    let ids: Vec<NeighbourId> = rows
        .iter()
        .filter_map(|r| r.neighbour_id.map(NeighbourId))
        .collect();
    let changed = if ids.is_empty() {
        Changed::Nothing
    } else {
        Changed::These(ids)
    };
    Ok(Since { changed, now })
}

/// Deletes the organisation's log rows older than [`RETENTION_HOURS`] (PostgreSQL;
/// nothing on SQLite). Returns how many. The scheduler runs it hourly per organisation.
pub fn prune(conn: &mut DbConnection, org: OrgId) -> Result<usize> {
    match conn {
        DbConnection::Sqlite(_) => Ok(0),
        DbConnection::Postgresql(c) => Ok(diesel::sql_query(
            "DELETE FROM index_changes WHERE organisation_id = $1 \
             AND created_at < now() - make_interval(hours => $2::int)",
        )
        .bind::<BigInt, _>(org.get())
        .bind::<BigInt, _>(RETENTION_HOURS)
        .execute(c)?),
    }
}

fn counter(conn: &mut DbConnection, org: OrgId) -> Result<i64> {
    Ok(organisations::table
        .find(org)
        .select(organisations::index_version)
        .first(conn)?)
}

/// SQLite: the organisation's counter as this transaction sees it; PostgreSQL: `None`
/// (a write's change is in the log, and caches catch up from there).
pub fn local_counter(conn: &mut DbConnection, org: OrgId) -> Result<Option<i64>> {
    match conn {
        DbConnection::Sqlite(_) => Ok(Some(counter(conn, org)?)),
        DbConnection::Postgresql(_) => Ok(None),
    }
}
