//! The PostgreSQL session lock of one organisation's run (see the module documentation
//! of [`rematch`](super)).

use super::RUN_LOCK_BASE;
use crate::error::{Result, StoreError};
use crate::ids::OrgId;
use crate::store::PooledConn;
use crate::{BackendKind, DbConnection, Store};
use diesel::prelude::*;

/// The PostgreSQL session lock of one organisation's run (nothing on SQLite).
pub(super) struct RunLock {
    conn: PooledConn,
    key: i64,
}

#[derive(QueryableByName)]
struct Locked {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    locked: bool,
}

impl RunLock {
    /// `Conflict("job_running")` when another session holds it.
    pub(super) fn acquire(store: &Store, org: OrgId) -> Result<Option<RunLock>> {
        if store.backend() != BackendKind::Postgres {
            return Ok(None);
        }
        let mut conn = store.conn()?;
        let key = RUN_LOCK_BASE | (org.get() & 0xffff_ffff);
        let DbConnection::Postgresql(c) = &mut *conn else {
            return Ok(None);
        };
        let got: Locked = diesel::sql_query("SELECT pg_try_advisory_lock($1) AS locked")
            .bind::<diesel::sql_types::BigInt, _>(key)
            .get_result(c)?;
        if !got.locked {
            return Err(StoreError::conflict("job_running"));
        }
        Ok(Some(RunLock { conn, key }))
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        if let DbConnection::Postgresql(c) = &mut *self.conn {
            let unlock = diesel::sql_query("SELECT pg_advisory_unlock($1) AS locked")
                .bind::<diesel::sql_types::BigInt, _>(self.key)
                .get_result::<Locked>(c);
            if unlock.is_err() {
                // Never hand a connection that may still hold the lock back to the pool.
                let _ =
                    diesel::connection::SimpleConnection::batch_execute(c, "SELECT pg_advisory_unlock_all()");
            }
        }
    }
}
