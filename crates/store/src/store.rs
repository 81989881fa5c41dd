//! `Store`: the pool, migrations and the read/write helpers the API uses.

use crate::connection::{
    read_transaction, write_transaction, BackendKind, DbConnection, Manager, Reachability, SqlitePragmas,
};
use crate::error::{Result, StoreError};
use crate::write_gate::{self, WriteGate};
use diesel::connection::SimpleConnection;
use diesel::r2d2::{Pool, PooledConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Migrations for SQLite, compiled into the binary.
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
/// Migrations for PostgreSQL, compiled into the binary.
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Advisory lock key that serialises migrations of several instances on PostgreSQL.
const MIGRATION_LOCK: i64 = 0x6e61_6269_6a00;

/// How long one wait for a pooled connection lasts before the store looks again
/// whether the database is reachable at all.
const WAIT_SLICE: Duration = Duration::from_millis(250);

/// Pool settings.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Most connections open at once; `None` picks 8 for SQLite, 16 for PostgreSQL.
    pub max_connections: Option<u32>,
    /// How long to wait for a connection from a busy pool before giving up (→ 503).
    /// While the database is unreachable (the last attempt to connect failed), a caller
    /// waits at most a quarter of a second instead: it gets its 503 at once rather than
    /// hanging for the whole outage.
    pub connection_timeout: Duration,
}

impl Default for StoreOptions {
    fn default() -> Self {
        Self {
            max_connections: None,
            connection_timeout: Duration::from_secs(10),
        }
    }
}

/// A pooled connection.
pub type PooledConn = PooledConnection<Manager>;

/// The database behind nabij: SQLite in a local file or PostgreSQL.
#[derive(Clone)]
pub struct Store {
    pool: Pool<Manager>,
    kind: BackendKind,
    reachability: Reachability,
    connection_timeout: Duration,
    /// SQLite: writers of this file take turns in the process (see [`write_gate`]).
    gate: Option<Arc<WriteGate>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.kind)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens a pool on `database_url`: `postgres://…`/`postgresql://…` for PostgreSQL,
    /// anything else is a SQLite file (`sqlite://` prefix optional), created with its
    /// directory if absent. Does not migrate; call [`Store::migrate`].
    pub fn open(database_url: &str) -> Result<Store> {
        Self::open_with(database_url, StoreOptions::default())
    }

    pub fn open_with(database_url: &str, options: StoreOptions) -> Result<Store> {
        let manager = Manager::new(database_url);
        let kind = manager.kind();
        let reachability = manager.reachability();
        if kind == BackendKind::Sqlite {
            let path = std::path::Path::new(crate::connection::sqlite_path(database_url));
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Connection(diesel::ConnectionError::BadConnection(e.to_string()))
                })?;
            }
        }
        let max = options.max_connections.unwrap_or(match kind {
            BackendKind::Sqlite => 8,
            BackendKind::Postgres => 16,
        });
        let mut builder = Pool::builder()
            .max_size(max.max(1))
            .min_idle(Some(1))
            .connection_timeout(options.connection_timeout)
            // A local file does not go away; a network connection may.
            .test_on_check_out(kind == BackendKind::Postgres);
        if kind == BackendKind::Sqlite {
            builder = builder.connection_customizer(Box::new(SqlitePragmas));
        }
        let pool = builder.build(manager)?;
        // After the pool made the file: the gate is keyed by its canonical path.
        let gate = (kind == BackendKind::Sqlite)
            .then(|| WriteGate::for_file(crate::connection::sqlite_path(database_url)));
        Ok(Store {
            pool,
            kind,
            reachability,
            connection_timeout: options.connection_timeout,
            gate,
        })
    }

    pub fn backend(&self) -> BackendKind {
        self.kind
    }

    /// A connection from the pool, for callers that manage transactions themselves.
    ///
    /// Waits up to `connection_timeout` while the pool is busy, in slices: once the
    /// database turns out unreachable (the pool's last attempt to connect failed) it
    /// gives up after the current slice, so that requests fail fast (503) during an
    /// outage. The pool keeps reconnecting in the background; the first connection
    /// that succeeds ends the outage for every caller, without a restart.
    pub fn conn(&self) -> Result<PooledConn> {
        let deadline = Instant::now() + self.connection_timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.pool.get_timeout(left.min(WAIT_SLICE)) {
                Ok(conn) => return Ok(conn),
                Err(e) if left <= WAIT_SLICE || self.reachability.is_down() => return Err(e.into()),
                Err(_) => {}
            }
        }
    }

    /// Whether the pool's last attempt to open a connection failed.
    pub fn is_unreachable(&self) -> bool {
        self.reachability.is_down()
    }

    /// Runs `f` in a read transaction on a pooled connection.
    pub fn read<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConnection) -> Result<T>,
    {
        let mut conn = self.conn()?;
        read_transaction(&mut conn, f)
    }

    /// Runs `f` in a write transaction (`BEGIN IMMEDIATE` on SQLite, after this writer's
    /// turn in the process: [`write_gate`]). Everything `f` writes is committed
    /// together, or nothing is when it returns an error.
    pub fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConnection) -> Result<T>,
    {
        let _turn = self.turn();
        let mut conn = self.conn()?;
        write_transaction(&mut conn, f)
    }

    /// SQLite: waits for this writer's turn in the process, before taking a connection.
    fn turn(&self) -> Option<write_gate::Turn<'_>> {
        self.gate.as_deref().map(|g| g.enter(write_gate::MAX_WAIT))
    }

    /// As [`Store::read`], with the caller's own error type, so that `f` can abort with
    /// an error of its own (e.g. an API's 403) without squeezing it into a
    /// [`StoreError`].
    pub fn read_as<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E>,
        E: From<StoreError>,
    {
        let mut conn = self.conn()?;
        read_transaction(&mut conn, |c| f(c).map_err(Either::Caller)).map_err(Either::into_caller)
    }

    /// As [`Store::write`], with the caller's own error type (see [`Store::read_as`]).
    /// Everything `f` writes is committed together, or nothing is when it returns an
    /// error.
    pub fn write_as<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E>,
        E: From<StoreError>,
    {
        let _turn = self.turn();
        let mut conn = self.conn()?;
        write_transaction(&mut conn, |c| f(c).map_err(Either::Caller)).map_err(Either::into_caller)
    }

    /// Runs the pending embedded migrations; returns the versions applied. Then draws the
    /// published-position offsets that rows from before them lack.
    pub fn migrate(&self) -> Result<Vec<String>> {
        let applied = self.run_migrations()?;
        self.write(crate::neighbour::draw_missing_offsets)?;
        Ok(applied)
    }

    fn run_migrations(&self) -> Result<Vec<String>> {
        let mut conn = self.conn()?;
        match &mut *conn {
            DbConnection::Sqlite(c) => run_pending(c, SQLITE_MIGRATIONS),
            DbConnection::Postgresql(c) => {
                c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
                let out = run_pending(c, POSTGRES_MIGRATIONS);
                let unlock = c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"));
                let out = out?;
                unlock?;
                Ok(out)
            }
        }
    }

    /// True when every embedded migration has been applied (for `/ready`).
    pub fn migrations_current(&self) -> Result<bool> {
        let mut conn = self.conn()?;
        let pending = match &mut *conn {
            DbConnection::Sqlite(c) => c.has_pending_migration(SQLITE_MIGRATIONS),
            DbConnection::Postgresql(c) => c.has_pending_migration(POSTGRES_MIGRATIONS),
        };
        pending.map(|p| !p).map_err(StoreError::Migration)
    }

    /// Checks that the database answers.
    pub fn ping(&self) -> Result<()> {
        let mut conn = self.conn()?;
        conn.batch_execute("SELECT 1")?;
        Ok(())
    }
}

/// The caller's error, or one of the transaction itself (begin, commit).
enum Either<E> {
    Caller(E),
    Transaction(diesel::result::Error),
}

impl<E> From<diesel::result::Error> for Either<E> {
    fn from(e: diesel::result::Error) -> Self {
        Either::Transaction(e)
    }
}

impl<E: From<StoreError>> Either<E> {
    fn into_caller(self) -> E {
        match self {
            Either::Caller(e) => e,
            Either::Transaction(e) => E::from(StoreError::from(e)),
        }
    }
}

fn run_pending<C>(conn: &mut C, migrations: EmbeddedMigrations) -> Result<Vec<String>>
where
    C: MigrationHarness<<C as diesel::Connection>::Backend> + diesel::Connection,
{
    let applied = conn
        .run_pending_migrations(migrations)
        .map_err(StoreError::Migration)?;
    Ok(applied.iter().map(|v| v.to_string()).collect())
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod migration_tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    /// diesel knows a migration by the part of its folder's name before the first `_`:
    /// two folders with one version run only the first (branches written in parallel
    /// once gave four folders the same timestamp). Both backends have the same set.
    #[test]
    fn migration_versions_are_unique_and_the_same_on_both_backends() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
        let mut sets = Vec::new();
        for backend in ["sqlite", "postgres"] {
            let mut versions: BTreeMap<String, String> = BTreeMap::new();
            for entry in std::fs::read_dir(root.join(backend)).expect("migrations folder") {
                let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
                let version = name.split('_').next().unwrap_or_default().to_string();
                if let Some(other) = versions.insert(version.clone(), name.clone()) {
                    panic!("{backend}: {name} and {other} share the version {version}");
                }
            }
            sets.push(versions);
        }
        assert_eq!(sets[0], sets[1], "sqlite and postgres migrations differ");
    }
}
