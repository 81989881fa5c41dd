//! `nabij-bench soak` (behind `make soak`): minutes of load, crashes and outages against
//! a release `nabij serve`, each part with its checks and figures, printed as one JSON
//! line and a table for people.
//!
//! * [`load`]: the realistic mix on SQLite and on PostgreSQL, first as fast as the
//!   machine holds (closed loop), then at stepped rates (open loop) until p99 passes
//!   100 ms; zero 5xx, zero lost writes, p50/p99 per route.
//! * [`crash`]: rounds of concurrent writes ended by `kill -9`; after each restart the
//!   SQLite file is sound, every acknowledged write is there with its audit and outbox
//!   rows, and the candidates agree with a fresh computation from the rows.
//! * [`outage`]: PostgreSQL stopped under load: quick 503s, `/ready` failing, recovery
//!   without a restart.
//! * [`smtp`]: the SMTP server gone for minutes: every message delivered once after.

mod crash;
mod drive;
mod load;
mod mix;
mod outage;
mod report;
mod smtp;
mod verify;
mod world;

use anyhow::bail;
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct SoakArgs {
    /// Seconds of sustained load per backend.
    #[arg(long, env = "SOAK_SECONDS", default_value_t = 300)]
    pub(crate) seconds: u64,
    /// Seconds per rate of the stepped (open-loop) phase.
    #[arg(long, env = "SOAK_STEP_SECONDS", default_value_t = 10)]
    pub(crate) step_seconds: u64,
    /// Concurrent clients of the sustained load.
    #[arg(long, env = "SOAK_CONNECTIONS", default_value_t = 16)]
    pub(crate) connections: usize,
    /// Synthetic neighbours in the load's organisation.
    #[arg(long, env = "SOAK_NEIGHBOURS", default_value_t = 20_000)]
    pub(crate) neighbours: usize,
    /// Crash rounds (write, `kill -9`, restart, check).
    #[arg(long, env = "SOAK_CRASH_ROUNDS", default_value_t = 200)]
    pub(crate) crash_rounds: usize,
    /// Seconds PostgreSQL is down.
    #[arg(long, env = "SOAK_PG_OUTAGE_SECONDS", default_value_t = 30)]
    pub(crate) pg_outage_seconds: u64,
    /// Seconds the SMTP server is down.
    #[arg(long, env = "SOAK_SMTP_OUTAGE_SECONDS", default_value_t = 120)]
    pub(crate) smtp_outage_seconds: u64,
    #[arg(long, env = "SOAK_SEED", default_value_t = 1)]
    pub(crate) seed: u64,
    /// Only these parts (default: all), comma-separated.
    #[arg(long, env = "SOAK_ONLY", value_delimiter = ',')]
    pub(crate) only: Vec<PartName>,
    /// The nabij binary (default: target/release/nabij).
    #[arg(long)]
    pub(crate) nabij: Option<PathBuf>,
    /// Also write the JSON summary to this file; the servers' logs go beside it
    /// (default: target/soak/).
    #[arg(long, env = "SOAK_OUT")]
    pub(crate) out: Option<PathBuf>,
}

/// Where the servers' logs are kept: beside `--out`, else `target/soak`.
static OUTPUT_DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

pub(crate) fn output_dir() -> PathBuf {
    OUTPUT_DIR
        .get()
        .cloned()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/soak"))
}

/// The parts of the soak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PartName {
    LoadSqlite,
    LoadPostgres,
    Crash,
    PgOutage,
    SmtpOutage,
}

impl PartName {
    const ALL: [PartName; 5] = [
        PartName::LoadSqlite,
        PartName::LoadPostgres,
        PartName::Crash,
        PartName::PgOutage,
        PartName::SmtpOutage,
    ];
}

/// One verdict of a part.
pub(crate) struct Check {
    pub(crate) what: String,
    pub(crate) ok: bool,
    pub(crate) detail: String,
}

/// What one part found.
pub(crate) struct Part {
    pub(crate) name: &'static str,
    pub(crate) checks: Vec<Check>,
    pub(crate) figures: serde_json::Value,
    /// The figures for people, one line each (the table).
    pub(crate) lines: Vec<String>,
    pub(crate) seconds: f64,
    /// `/proc/loadavg` (1, 5, 15 min) when the part started and ended.
    pub(crate) loadavg: (String, String),
}

impl Part {
    pub(crate) fn new(name: &'static str) -> Part {
        Part {
            name,
            checks: Vec::new(),
            figures: serde_json::Value::Null,
            lines: Vec::new(),
            seconds: 0.0,
            loadavg: Default::default(),
        }
    }

    pub(crate) fn check(&mut self, what: &str, ok: bool, detail: impl Into<String>) {
        self.checks.push(Check {
            what: what.to_string(),
            ok,
            detail: detail.into(),
        });
    }

    pub(crate) fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }
}

/// The load average (1, 5, 15 minutes).
fn loadavg() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

/// Machine and load average, for the record: the figures depend on both.
fn machine() -> serde_json::Value {
    serde_json::json!({
        "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "loadavg": loadavg(),
    })
}

pub fn run(args: &SoakArgs) -> anyhow::Result<()> {
    let bin = args
        .nabij
        .clone()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/nabij"));
    if !bin.exists() {
        bail!(
            "{} not found: build it with `cargo build --release -p nabij`",
            bin.display()
        );
    }
    if let Some(dir) = args
        .out
        .as_deref()
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
    {
        let _ = OUTPUT_DIR.set(dir.to_path_buf());
    }
    let parts = if args.only.is_empty() {
        PartName::ALL.to_vec()
    } else {
        args.only.clone()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let before = machine();
    let started = std::time::Instant::now();
    let mut done = Vec::new();
    for p in parts {
        let t = std::time::Instant::now();
        let load_before = loadavg();
        eprintln!("soak: {p:?} …");
        let result = rt.block_on(async {
            match p {
                PartName::LoadSqlite => load::run(args, &bin, world::Backend::Sqlite).await,
                PartName::LoadPostgres => load::run(args, &bin, world::Backend::Postgres).await,
                PartName::Crash => crash::run(args, &bin).await,
                PartName::PgOutage => outage::run(args, &bin).await,
                PartName::SmtpOutage => smtp::run(args, &bin).await,
            }
        });
        let mut part = result.unwrap_or_else(|e| {
            let mut failed = Part::new(report::part_name(p));
            failed.check("part ran to the end", false, format!("{e:#}"));
            failed
        });
        part.seconds = t.elapsed().as_secs_f64();
        part.loadavg = (load_before, loadavg());
        eprintln!(
            "soak: {p:?} {} in {:.0} s",
            if part.ok() { "passed" } else { "FAILED" },
            part.seconds
        );
        done.push(part);
    }
    let summary = report::json(&done, before, machine(), started.elapsed().as_secs_f64());
    println!("{summary}");
    if let Some(path) = &args.out {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, serde_json::to_string_pretty(&summary)?)?;
    }
    println!("{}", report::table(&done));
    if done.iter().all(Part::ok) {
        Ok(())
    } else {
        bail!("the soak found failures (see the table above)")
    }
}
