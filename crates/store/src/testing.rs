//! Test support (cargo feature `testing`): fresh databases on both backends.
//!
//! PostgreSQL: one throwaway cluster per test binary, started with `initdb`/`pg_ctl`
//! from `NABIJ_PG_BIN` if set, else `/usr/lib/postgresql/15/bin` (or another version) on a free loopback port,
//! fsync off, with a fresh database per test. When running as root, the cluster runs
//! as the `postgres` system user through `runuser`. It is stopped (`pg_ctl stop -m
//! immediate`) when dropped, and, for the shared cluster that lives in a static, by a
//! small watchdog process when the test binary exits.
//!
//! Without PostgreSQL binaries the PostgreSQL tests fail with a clear message, unless
//! `NABIJ_SKIP_PG=1` is set.
//!
//! The one place of test support: the store, notify and API tests and the benchmark
//! harness (its HTTP, outbox and soak runs, and the PostGIS comparison, which asks for
//! other binaries and tuning through [`ClusterOptions`]) all start their clusters here,
//! and their `on_both_backends!` macros expand [`on_both_backends!`](crate::on_both_backends).

pub mod soak;

use crate::{BackendKind, Store, StoreOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// A running throwaway PostgreSQL cluster.
#[derive(Debug)]
pub struct PgCluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
    settings: Vec<(String, String)>,
}

/// How to start a [`PgCluster`]; the default is what the tests use.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Directory of `initdb` and `pg_ctl`; `None`: [`pg_bin_dir`].
    pub bin: Option<PathBuf>,
    /// Server settings (`-c name=value`), e.g. tuning for a benchmark.
    pub settings: Vec<(String, String)>,
    /// Seconds `pg_ctl start` waits for the server.
    pub start_timeout_secs: u32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            bin: None,
            settings: vec![
                ("max_connections".into(), "400".into()),
                ("shared_buffers".into(), "32MB".into()),
            ],
            start_timeout_secs: 60,
        }
    }
}

impl ClusterOptions {
    /// Sets (or replaces) a server setting.
    pub fn setting(mut self, name: &str, value: &str) -> Self {
        self.settings.retain(|(n, _)| n != name);
        self.settings.push((name.to_string(), value.to_string()));
        self
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Where `initdb` and `pg_ctl` are.
pub fn pg_bin_dir() -> Option<PathBuf> {
    let ok = |d: &PathBuf| d.join("initdb").is_file() && d.join("pg_ctl").is_file();
    if let Ok(dir) = std::env::var("NABIJ_PG_BIN") {
        // An explicit choice is the only one tried.
        return Some(PathBuf::from(dir)).filter(ok);
    }
    let mut candidates = Vec::new();
    candidates.push(PathBuf::from("/usr/lib/postgresql/15/bin"));
    if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
        let mut more: Vec<PathBuf> = entries.flatten().map(|e| e.path().join("bin")).collect();
        more.sort();
        more.reverse();
        candidates.extend(more);
    }
    candidates.into_iter().find(ok)
}

/// True when `NABIJ_SKIP_PG=1` asks to skip PostgreSQL tests.
pub fn skip_pg() -> bool {
    std::env::var("NABIJ_SKIP_PG").is_ok_and(|v| v == "1")
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

impl PgCluster {
    fn command(&self, program: &str) -> Command {
        let exe = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.arg("-u").arg("postgres").arg("--").arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    fn run(&self, mut cmd: Command, what: &str) -> Result<(), String> {
        let out = cmd
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("{what}: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
            Err(format!(
                "{what} failed ({}):\n{}\n{}\n{log}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }

    /// Creates and starts a cluster in a new temporary directory, as the tests use it.
    pub fn start() -> Result<PgCluster, String> {
        Self::start_with(ClusterOptions::default())
    }

    /// As [`PgCluster::start`], with other binaries or server settings.
    pub fn start_with(options: ClusterOptions) -> Result<PgCluster, String> {
        let bin = match options.bin {
            Some(bin) => bin,
            None => pg_bin_dir().ok_or_else(|| {
                "PostgreSQL binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/15/bin or \
                 $NABIJ_PG_BIN: install postgresql-15, or set NABIJ_SKIP_PG=1 to skip the PostgreSQL tests"
                    .to_string()
            })?,
        };
        let dir = tempfile::Builder::new()
            .prefix("nabij-pg-")
            .tempdir()
            .map_err(|e| format!("temp dir: {e}"))?
            .keep();
        let as_postgres = is_root();
        if as_postgres {
            let st = Command::new("chown")
                .arg("-R")
                .arg("postgres:")
                .arg(&dir)
                .status()
                .map_err(|e| format!("chown: {e}"))?;
            if !st.success() {
                return Err(format!("chown {} to postgres failed", dir.display()));
            }
        }
        let mut cluster = PgCluster {
            dir,
            bin,
            port: 0,
            as_postgres,
            settings: options.settings,
        };
        let data = cluster.dir.join("data");
        let mut init = cluster.command("initdb");
        init.arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]);
        cluster.run(init, "initdb")?;
        let mut last = String::new();
        for _ in 0..3 {
            cluster.port = free_port()?;
            match cluster.pg_ctl_start(options.start_timeout_secs) {
                Ok(()) => return Ok(cluster),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// `pg_ctl start` on this cluster's data directory and port; waits until it accepts
    /// connections.
    fn pg_ctl_start(&self, timeout_secs: u32) -> Result<(), String> {
        let mut opts = format!("-k {} -h 127.0.0.1 -p {} -F", self.dir.display(), self.port);
        for (name, value) in &self.settings {
            opts.push_str(&format!(" -c {name}={value}"));
        }
        let mut start = self.command("pg_ctl");
        start
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-w", "-t", &timeout_secs.to_string(), "-o", &opts, "start"]);
        self.run(start, "pg_ctl start")
    }

    /// Stops the server as an operator would (`pg_ctl stop -m fast`: open sessions are
    /// terminated, the data is kept), for outage tests. [`PgCluster::restart`] brings it
    /// back on the same port.
    pub fn stop(&self) -> Result<(), String> {
        let mut stop = self.command("pg_ctl");
        stop.arg("-D")
            .arg(self.dir.join("data"))
            .args(["stop", "-m", "fast", "-w"]);
        self.run(stop, "pg_ctl stop")
    }

    /// Starts a stopped cluster again on the same port and data directory.
    pub fn restart(&self) -> Result<(), String> {
        self.pg_ctl_start(ClusterOptions::default().start_timeout_secs)
    }

    /// The server's log so far (for error messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("log")).unwrap_or_default()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// URL of a database in this cluster.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Creates a fresh, empty database and returns its URL.
    pub fn create_database(&self) -> Result<String, String> {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            nanos
        );
        let mut admin = diesel::pg::PgConnection::establish(&self.url("postgres"))
            .map_err(|e| format!("connect: {e}"))?;
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .map_err(|e| format!("create database: {e}"))?;
        Ok(self.url(&name))
    }

    /// Stops the cluster when the current process exits, even if `Drop` never runs
    /// (statics are not dropped).
    fn watch_process(&self) {
        let pg_ctl = self.bin.join("pg_ctl");
        let stop = if self.as_postgres {
            format!(
                "runuser -u postgres -- {} -D {}/data stop -m immediate",
                pg_ctl.display(),
                self.dir.display()
            )
        } else {
            format!(
                "{} -D {}/data stop -m immediate",
                pg_ctl.display(),
                self.dir.display()
            )
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf {dir}",
            pid = std::process::id(),
            dir = self.dir.display()
        );
        let _ = Command::new("sh")
            .arg("-c")
            .arg(script)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let mut stop = self.command("pg_ctl");
        stop.arg("-D")
            .arg(self.dir.join("data"))
            .args(["stop", "-m", "immediate"]);
        let _ = stop.stdout(Stdio::null()).stderr(Stdio::null()).status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The cluster shared by all tests of this binary, started on first use.
pub fn shared_cluster() -> Result<&'static PgCluster, String> {
    static CLUSTER: OnceLock<Result<PgCluster, String>> = OnceLock::new();
    CLUSTER
        .get_or_init(|| {
            let c = PgCluster::start()?;
            c.watch_process();
            Ok(c)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// A fresh database for one test.
#[derive(Debug)]
pub struct TestDatabase {
    pub backend: BackendKind,
    pub url: String,
    /// Keeps the SQLite file's directory alive.
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// A fresh database, or `None` when PostgreSQL is asked for and `NABIJ_SKIP_PG=1`.
    /// Panics with a clear message when the database cannot be made.
    pub fn new(backend: BackendKind) -> Option<TestDatabase> {
        match backend {
            BackendKind::Sqlite => {
                let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
                let url = dir.path().join("nabij.sqlite3").display().to_string();
                Some(TestDatabase {
                    backend,
                    url,
                    _dir: Some(dir),
                })
            }
            BackendKind::Postgres => {
                if skip_pg() {
                    eprintln!("NABIJ_SKIP_PG=1: skipping a PostgreSQL test");
                    return None;
                }
                let url = shared_cluster()
                    .and_then(PgCluster::create_database)
                    .unwrap_or_else(|e| panic!("cannot start the test PostgreSQL cluster: {e}"));
                Some(TestDatabase {
                    backend,
                    url,
                    _dir: None,
                })
            }
        }
    }

    /// Opens a pool (`max_connections` connections) on it and runs the migrations.
    pub fn store(&self, max_connections: u32) -> Store {
        let store = Store::open_with(
            &self.url,
            StoreOptions {
                max_connections: Some(max_connections),
                ..StoreOptions::default()
            },
        )
        .unwrap_or_else(|e| {
            panic!(
                "open {}: {e} ({:?})",
                self.backend.name(),
                std::error::Error::source(&e)
            )
        });
        store.migrate().unwrap_or_else(|e| {
            panic!(
                "migrate {}: {e} ({:?})",
                self.backend.name(),
                std::error::Error::source(&e)
            )
        });
        store
    }
}

/// A fresh migrated database and a pool on it: what a store-level test gets.
#[derive(Debug)]
pub struct TestStore {
    pub db: TestDatabase,
    pub store: Store,
}

/// A fresh migrated database on `backend` with a pool of `max_connections`, or `None`
/// for PostgreSQL when `NABIJ_SKIP_PG=1`.
pub fn test_store(backend: BackendKind, max_connections: u32) -> Option<TestStore> {
    let db = TestDatabase::new(backend)?;
    let store = db.store(max_connections);
    Some(TestStore { db, store })
}

/// A syntactically valid argon2id hash for accounts that tests never log in with.
pub const UNUSABLE_PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

/// A new organisation `slug` (named after it) with default settings, or `settings`.
pub fn org_with(
    store: &Store,
    slug: &str,
    name: &str,
    settings: crate::organisation::OrgSettings,
) -> crate::OrgId {
    store
        .write(|c| {
            crate::organisation::create(
                c,
                &crate::organisation::NewOrganisation {
                    slug: slug.to_string(),
                    name: name.to_string(),
                    settings,
                },
            )
        })
        .unwrap_or_else(|e| panic!("create organisation {slug}: {e}"))
        .id
}

/// Runs each listed test body once on SQLite and once on PostgreSQL, as
/// `sqlite::name` and `postgres::name` (the latter skipped with `NABIJ_SKIP_PG=1`).
///
/// The test crates wrap it in their own `on_both_backends!` that names their runner:
///
/// - `sync RUNNER; name: ARG, …` makes `#[test] fn name() { RUNNER(backend, ARG, super::name) }`
///   (the store and notify tests: `ARG` is the pool size);
/// - `async RUNNER; name, …` makes `#[tokio::test] async fn name() { RUNNER(backend, super::name).await }`
///   (the API and console tests: the runner spawns the app and hands it to the body).
#[macro_export]
macro_rules! on_both_backends {
    (sync $runner:path; $($name:ident : $arg:expr),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { $runner($crate::BackendKind::Sqlite, $arg, super::$name) } )*
        }
        mod postgres {
            $( #[test] fn $name() { $runner($crate::BackendKind::Postgres, $arg, super::$name) } )*
        }
    };
    (async $runner:path; $($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test] async fn $name() { $runner($crate::BackendKind::Sqlite, super::$name).await } )*
        }
        mod postgres {
            $( #[tokio::test] async fn $name() { $runner($crate::BackendKind::Postgres, super::$name).await } )*
        }
    };
}

/// Runs raw SQL (several statements) on a connection: fixtures that set what no store
/// function sets (back-dated rows, fault-injecting triggers), so that tests outside the
/// store need no `diesel` of their own.
pub fn execute_sql(conn: &mut crate::DbConnection, sql: &str) -> crate::Result<()> {
    use diesel::connection::SimpleConnection;
    crate::per_backend!(conn, |c| c.batch_execute(sql))?;
    Ok(())
}

/// A timestamp as an SQL literal, in the form diesel writes on both backends.
pub fn sql_timestamp(t: chrono::NaiveDateTime) -> String {
    format!("'{}'", t.format("%Y-%m-%d %H:%M:%S%.f"))
}

/// Runs a query that returns one row with one integer column named `n` (e.g.
/// `SELECT COUNT(*) AS n FROM …`) and returns it.
pub fn count_sql(conn: &mut crate::DbConnection, sql: &str) -> crate::Result<i64> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let row: Count = crate::per_backend!(conn, |c| diesel::sql_query(sql).get_result(c))?;
    Ok(row.n)
}

/// SQLite's `PRAGMA integrity_check` (`["ok"]` when sound); on PostgreSQL `["ok"]`.
pub fn integrity_check(conn: &mut crate::DbConnection) -> crate::Result<Vec<String>> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Integrity {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    match conn {
        crate::DbConnection::Sqlite(c) => {
            let rows: Vec<Integrity> = diesel::sql_query("PRAGMA integrity_check").load(c)?;
            Ok(rows.into_iter().map(|r| r.integrity_check).collect())
        }
        crate::DbConnection::Postgresql(_) => Ok(vec!["ok".to_string()]),
    }
}
