//! One connection type over both backends (diesel `MultiConnection`), the r2d2 manager
//! that opens the right one, and the transaction helpers.

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{CustomizeConnection, ManageConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A connection to either database. Queries are written once against its
/// `MultiBackend`; the few that differ use [`per_backend!`](crate::per_backend).
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

impl BackendKind {
    /// `postgres://` and `postgresql://` are PostgreSQL; anything else is a SQLite file.
    pub fn from_url(url: &str) -> Self {
        let lower = url.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            BackendKind::Postgres
        } else {
            BackendKind::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Sqlite => "sqlite",
            BackendKind::Postgres => "postgres",
        }
    }
}

/// Turns `sqlite://path` or `sqlite:path` into the plain path SQLite expects.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
}

/// Run on every new SQLite connection: wait instead of failing on a lock, write-ahead
/// log, full durability, foreign keys enforced.
const SQLITE_INIT: &str = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// Whether the last attempt to open a connection failed: the database is unreachable
/// (down, restarting, network gone) until an attempt succeeds again. Shared by the
/// manager, which sets it, and the [`Store`](crate::Store), which then stops waiting
/// for a connection the pool cannot make.
#[derive(Debug, Clone, Default)]
pub struct Reachability(Arc<AtomicBool>);

impl Reachability {
    /// True while the last connection attempt failed.
    pub fn is_down(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn set_down(&self, down: bool) {
        self.0.store(down, Ordering::Relaxed);
    }
}

/// Opens connections of the kind the URL names.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    kind: BackendKind,
    reachability: Reachability,
}

impl Manager {
    pub fn new(url: &str) -> Self {
        let kind = BackendKind::from_url(url);
        let url = match kind {
            BackendKind::Postgres => url.to_string(),
            BackendKind::Sqlite => sqlite_path(url).to_string(),
        };
        Self {
            url,
            kind,
            reachability: Reachability::default(),
        }
    }

    pub fn kind(&self) -> BackendKind {
        self.kind
    }

    /// Whether the database could be reached at the last attempt to connect.
    pub fn reachability(&self) -> Reachability {
        self.reachability.clone()
    }

    /// Opens one connection, outside any pool (used by migrations and tests).
    pub fn establish(&self) -> Result<DbConnection, diesel::ConnectionError> {
        match self.kind {
            BackendKind::Postgres => PgConnection::establish(&self.url).map(DbConnection::Postgresql),
            BackendKind::Sqlite => {
                let mut conn = SqliteConnection::establish(&self.url)?;
                conn.batch_execute(SQLITE_INIT)
                    .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        let made = self.establish();
        self.reachability.set_down(made.is_err());
        made.map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// Re-applies the SQLite settings when the pool hands out a fresh connection (the
/// manager already applied them; this keeps pools built elsewhere honest too).
#[derive(Debug, Clone, Copy)]
pub struct SqlitePragmas;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(c) = conn {
            c.batch_execute(SQLITE_INIT)
                .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Runs `f` in a write transaction: `BEGIN IMMEDIATE` on SQLite (the write lock is
/// taken up front, so two writers never deadlock upgrading their locks), a normal
/// transaction on PostgreSQL. Commits when `f` returns `Ok`, rolls back otherwise.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConnection::Postgresql(_) => DbConnection::begin_transaction(conn)?,
    }
    finish(conn, f)
}

/// Runs `f` in a read transaction (deferred on SQLite: a consistent snapshot).
pub fn read_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    DbConnection::begin_transaction(conn)?;
    finish(conn, f)
}

/// Commit or roll back, as diesel's own `TransactionManager::transaction` does.
fn finish<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match f(&mut *conn) {
        Ok(value) => {
            DbConnection::commit_transaction(conn)?;
            Ok(value)
        }
        Err(user_error) => match DbConnection::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(user_error),
            Err(rollback_error) => Err(rollback_error.into()),
        },
    }
}

/// The escape hatch for the few queries that differ per backend (upserts): the body is
/// compiled once per backend with `$c` bound to the concrete connection.
///
/// ```text
/// per_backend!(conn, |c| diesel::insert_into(t).values(&v).on_conflict_do_nothing().execute(c))
/// ```
#[macro_export]
macro_rules! per_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::DbConnection::Sqlite($c) => $body,
            $crate::DbConnection::Postgresql($c) => $body,
        }
    };
}
