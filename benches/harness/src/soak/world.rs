//! A served world for the soak: a fresh database (SQLite in a temporary data directory,
//! or a throwaway PostgreSQL cluster), filled through the store, a coordinator's token,
//! and a release `nabij serve` on a free loopback port that can be killed and started
//! again on the same data.

use crate::http_bench::{coordinator_token, fill, free_port, start_server_logged, wait_healthy, Server};
use crate::http_outbox::fill_pairs;
use anyhow::Context;
use nabij_store::testing::PgCluster;
use nabij_store::{OrgId, Store};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Which database the world runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        }
    }
}

/// Who lives in the world.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Population {
    /// Synthetic neighbours spread over Flanders (no e-mail address: phone list).
    pub(crate) synthetic: usize,
    /// Open requests of synthetic neighbours, for candidate queries.
    pub(crate) requests: usize,
    /// Pairs of residents close together with e-mail addresses (each pair: one open
    /// request and a likely companion), and one coordinator account.
    pub(crate) pairs: usize,
    pub(crate) seed: u64,
}

/// A database, its data directory and (once started) its server.
pub(crate) struct World {
    pub(crate) db: String,
    pub(crate) org: OrgId,
    pub(crate) token: String,
    pub(crate) base: String,
    /// Neighbours who may ask for help (everyone filled in).
    pub(crate) requesters: Vec<i64>,
    /// Open requests filled in, for candidate queries.
    pub(crate) open_requests: Vec<i64>,
    port: u16,
    bin: PathBuf,
    extra: Vec<String>,
    server: Option<Server>,
    /// Declared before the directory: the cluster lives in its own.
    pub(crate) cluster: Option<PgCluster>,
    dir: tempfile::TempDir,
}

impl World {
    /// Creates and fills the database; does not start the server.
    pub(crate) fn create(bin: &Path, backend: Backend, pop: Population) -> anyhow::Result<World> {
        let mut dir = tempfile::Builder::new().prefix("nabij-soak-").tempdir()?;
        if std::env::var_os("SOAK_KEEP").is_some() {
            // For a look afterwards (`sqlite3`, the server log).
            dir.disable_cleanup(true);
            eprintln!("soak: keeping {}", dir.path().display());
        }
        let cluster = match backend {
            Backend::Postgres => Some(PgCluster::start().map_err(anyhow::Error::msg)?),
            Backend::Sqlite => None,
        };
        let db = match &cluster {
            Some(c) => c.create_database().map_err(anyhow::Error::msg)?,
            None => dir.path().join("nabij.sqlite3").to_string_lossy().into_owned(),
        };
        let store = Store::open(&db)?;
        let (_, open_requests) = fill(&store, pop.synthetic, pop.requests, pop.seed)?;
        let (org, pairs) = fill_pairs(&store, pop.pairs)?;
        let requesters = crate::soak::verify::neighbour_ids(&store, org)?;
        let mut open = open_requests;
        open.extend(pairs.iter().map(|&(r, _)| r));
        if cluster.is_some() {
            // As autovacuum would in service (see `nabij-bench http`).
            nabij_store::testing::execute_sql(&mut *store.conn()?, "ANALYZE").context("ANALYZE")?;
        }
        drop(store);
        let token = coordinator_token(dir.path(), org, Duration::from_secs(6 * 3600))?;
        let port = free_port()?;
        Ok(World {
            db,
            org,
            token,
            base: format!("http://127.0.0.1:{port}"),
            requesters,
            open_requests: open,
            port,
            bin: bin.to_path_buf(),
            extra: Vec::new(),
            server: None,
            cluster,
            dir,
        })
    }

    pub(crate) fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Extra `nabij serve` flags for every start.
    pub(crate) fn serve_flags(&mut self, flags: &[&str]) {
        self.extra = flags.iter().map(|f| f.to_string()).collect();
    }

    /// Writes `nabij.toml` into the data directory (read at every start).
    pub(crate) fn write_config(&self, toml: &str) -> anyhow::Result<()> {
        std::fs::write(self.dir.path().join("nabij.toml"), toml).context("writing nabij.toml")
    }

    /// Starts `nabij serve` (its log appended to `server.log` in the data directory) and
    /// waits until it answers `/health`.
    pub(crate) async fn start(&mut self) -> anyhow::Result<()> {
        let extra: Vec<&str> = self.extra.iter().map(String::as_str).collect();
        let log = self.dir.path().join("server.log");
        self.server = Some(start_server_logged(
            &self.bin,
            self.dir.path(),
            &self.db,
            self.port,
            &extra,
            Some(&log),
        )?);
        wait_healthy(&self.base).await
    }

    /// `kill -9` of the server.
    pub(crate) fn kill(&mut self) {
        if let Some(s) = self.server.take() {
            s.kill();
        }
    }

    /// A fresh pool on the database (for the checks).
    pub(crate) fn store(&self) -> anyhow::Result<Store> {
        Ok(Store::open_with(
            &self.db,
            nabij_store::StoreOptions {
                max_connections: Some(2),
                ..Default::default()
            },
        )?)
    }

    /// A counter or gauge of the server's `/metrics` (no labels), if it answers.
    pub(crate) async fn metric(&self, name: &str) -> Option<f64> {
        let text = reqwest::Client::new()
            .get(format!("{}/metrics", self.base))
            .bearer_auth(crate::http_bench::METRICS_TOKEN)
            .send()
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
    }

    /// Copies the server's log to `<name>.log` in the soak's output directory (kept
    /// after the run); returns that path.
    pub(crate) fn keep_log(&self, name: &str) -> anyhow::Result<PathBuf> {
        let dir = crate::soak::output_dir();
        std::fs::create_dir_all(&dir)?;
        let to = dir.join(format!("{name}.log"));
        std::fs::copy(self.dir.path().join("server.log"), &to)
            .with_context(|| format!("copying the server log to {}", to.display()))?;
        Ok(to)
    }
}

impl Drop for World {
    fn drop(&mut self) {
        self.kill();
    }
}
