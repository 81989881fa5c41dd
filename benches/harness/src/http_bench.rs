//! `nabij-bench http`: the REST API under load, side by side with `GET /health` as the
//! baseline, against a release `nabij serve` process on SQLite or PostgreSQL.
//!
//! The harness fills a fresh database through the store (one organisation with N
//! synthetic neighbours and some open requests), signs a coordinator token with the data
//! directory's key set, starts `target/release/nabij serve` on a free loopback port, and
//! runs each phase for a fixed time with a fixed number of concurrent connections.

use crate::stats::{r3, Summary};
use anyhow::{bail, Context};
use chrono::Utc;
use clap::Args;
use nabij_api::auth::token::{Role, TokenConfig};
use nabij_api::auth::Caller;
use nabij_api::auth::KeySet;
use nabij_engine::availability::Window;
use nabij_engine::scope::{classify, ScopeInput};
use nabij_engine::synth;
use nabij_engine::tags::Vocabulary;
use nabij_store::neighbour::{Consent, ConsentChannel, NewNeighbour};
use nabij_store::organisation::{NewOrganisation, OrgSettings};
use nabij_store::request::NewRequest;
use nabij_store::{neighbour, organisation, request, Store};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct HttpArgs {
    /// Neighbours in the one organisation.
    #[arg(long, default_value_t = 100_000)]
    pub(crate) neighbours: usize,
    /// Open requests to query candidates for.
    #[arg(long, default_value_t = 500)]
    pub(crate) requests: usize,
    /// Seconds per phase.
    #[arg(long, default_value_t = 10)]
    pub(crate) seconds: u64,
    /// Concurrent connections.
    #[arg(long, default_value_t = 16)]
    pub(crate) connections: usize,
    /// Run on a throwaway PostgreSQL cluster instead of SQLite.
    #[arg(long)]
    pub(crate) postgres: bool,
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// The nabij binary (default: target/release/nabij).
    #[arg(long)]
    pub(crate) nabij: Option<PathBuf>,
    #[arg(long)]
    pub(crate) json: bool,
    /// Instead: `POST /v1/matches` with and without its outbox rows, side by side (two
    /// servers on one database, one started with `--notify-disabled`).
    #[arg(long)]
    pub(crate) outbox: bool,
    /// With `--outbox`: proposals per side.
    #[arg(long, default_value_t = 2000)]
    pub(crate) proposals: usize,
}

/// The scrape secret of the servers the harness starts (`GET /metrics`).
pub(crate) const METRICS_TOKEN: &str = "nabij-bench-metrics-secret";

/// A `nabij serve` child process, killed (SIGKILL) when dropped.
pub(crate) struct Server(Child);

impl Server {
    /// `kill -9`: the process gets no chance to finish anything.
    pub(crate) fn kill(mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn fill(
    store: &Store,
    n: usize,
    requests: usize,
    seed: u64,
) -> anyhow::Result<(Vec<i64>, Vec<i64>)> {
    store.migrate()?;
    let profile = synth::profile("flanders")?;
    let people = synth::population(&profile, n, seed, 1)?;
    let vocab = Vocabulary::builtin();
    let org = store.write(|c| {
        organisation::create(
            c,
            &NewOrganisation {
                slug: "bench".into(),
                name: "Bench".into(),
                settings: OrgSettings::default(),
            },
        )
    })?;
    let mut ids = Vec::with_capacity(n);
    for chunk in people.chunks(5000) {
        let created = store.write(|c| {
            let mut out = Vec::with_capacity(chunk.len());
            for p in chunk {
                let pr = &p.profile;
                let row = neighbour::create(
                    c,
                    org.id,
                    &NewNeighbour {
                        neighbourhood_id: None,
                        display_name: p.display_name.clone(),
                        email: None,
                        phone: None,
                        lat: p.position.lat,
                        lon: p.position.lon,
                        travel_radius_m: pr.travel_radius_m,
                        interests: vocab.codes(pr.interests).into_iter().map(str::to_owned).collect(),
                        talents: vocab.codes(pr.talents).into_iter().map(str::to_owned).collect(),
                        languages: pr.languages.codes().into_iter().map(str::to_owned).collect(),
                        availability: pr.availability.codes(),
                        availability_unknown: false,
                        capacity: pr.capacity,
                        paused: pr.paused,
                        consent: Consent {
                            channel: ConsentChannel::SelfRegistered,
                            recorded_at: Utc::now().naive_utc(),
                            recorded_by: "bench".into(),
                        },
                        preferred_language: "nl".into(),
                    },
                )?;
                out.push(row.id);
            }
            Ok(out)
        })?;
        ids.extend(created);
    }
    let text = "Samen een wandeling maken in de buurt";
    let verdict = classify(&ScopeInput {
        text,
        ..ScopeInput::default()
    });
    let reqs = store.write(|c| {
        let mut out = Vec::with_capacity(requests);
        for k in 0..requests {
            let who = ids[(k * 7919) % ids.len()];
            let r = request::create(
                c,
                org.id,
                &NewRequest {
                    neighbour_id: who,
                    kind: nabij_engine::RequestKind::Companionship,
                    tags: vec!["walking".into()],
                    text: text.into(),
                    window: Window::Flexible,
                    recurrence: None,
                    duration_minutes: None,
                    location: None,
                    radius_m: None,
                    scope: verdict.clone(),
                },
            )?;
            out.push(r.id.get());
        }
        Ok(out)
    })?;
    Ok((ids.iter().map(|i| i.get()).collect(), reqs))
}

/// A coordinator's access token for the `bench` organisation, signed with the data
/// directory's key set (generated there when absent), as `nabij serve` will verify it.
pub(crate) fn coordinator_token(
    data_dir: &Path,
    org: nabij_store::OrgId,
    ttl: Duration,
) -> anyhow::Result<String> {
    let keys = KeySet::load_or_generate(data_dir, true)?;
    let settings = nabij_api::Settings::for_data_dir(data_dir);
    Ok(keys
        .issue(
            &TokenConfig {
                issuer: settings.issuer.clone(),
                audience: settings.audience.clone(),
            },
            &Caller {
                subject: "bench:coordinator".into(),
                org,
                org_slug: "bench".into(),
                role: Role::Coordinator,
                neighbourhoods: None,
                scopes: vec![],
            },
            ttl,
        )?
        .access_token)
}

/// Waits until `GET {base}/health` answers (at most 15 s).
pub(crate) async fn wait_healthy(base: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    for _ in 0..750 {
        if client.get(format!("{base}/health")).send().await.is_ok() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bail!("{base} did not come up")
}

pub(crate) fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

pub(crate) fn start_server(
    bin: &Path,
    data_dir: &Path,
    db: &str,
    port: u16,
    extra: &[&str],
) -> anyhow::Result<Server> {
    start_server_logged(bin, data_dir, db, port, extra, None)
}

/// As [`start_server`], with the server's log (stderr) appended to `log` when given.
pub(crate) fn start_server_logged(
    bin: &Path,
    data_dir: &Path,
    db: &str,
    port: u16,
    extra: &[&str],
    log: Option<&Path>,
) -> anyhow::Result<Server> {
    let stderr = match log {
        Some(path) => Stdio::from(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .with_context(|| format!("opening {}", path.display()))?,
        ),
        None => Stdio::inherit(),
    };
    let child = Command::new(bin)
        .args(["--data-dir"])
        .arg(data_dir)
        .args([
            "--database-url",
            db,
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .args(extra)
        .env("NABIJ_LOG", "warn")
        // The bench drives one address as fast as it can: no rate limits.
        .env("NABIJ_RATE_LIMIT", "off")
        .env("NABIJ_METRICS_TOKEN", METRICS_TOKEN)
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    Ok(Server(child))
}

pub(crate) struct Phase {
    pub(crate) name: &'static str,
    pub(crate) ok: usize,
    pub(crate) errors: usize,
    pub(crate) latencies_ms: Vec<f64>,
    pub(crate) seconds: f64,
}

impl Phase {
    pub(crate) fn report(&self) -> serde_json::Value {
        let s = Summary::new(self.latencies_ms.clone());
        json!({
            "requests_per_s": r3(self.ok as f64 / self.seconds),
            "ok": self.ok,
            "errors": self.errors,
            "p50_ms": r3(s.median()),
            "p99_ms": r3(s.percentile(99.0)),
        })
    }
}

type MakeRequest = Arc<dyn Fn(&reqwest::Client, usize) -> reqwest::RequestBuilder + Send + Sync>;

async fn phase(name: &'static str, seconds: u64, connections: usize, make: MakeRequest) -> Phase {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .build()
        .unwrap_or_default();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..connections {
        let client = client.clone();
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors, mut lat) = (0usize, 0usize, Vec::new());
            let mut i = t;
            while Instant::now() < deadline {
                let t0 = Instant::now();
                match make(&client, i).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        ok += 1;
                        lat.push(t0.elapsed().as_secs_f64() * 1e3);
                    }
                    _ => errors += 1,
                }
                i += connections;
            }
            (ok, errors, lat)
        }));
    }
    gather(name, tasks, start).await
}

/// Per-connection results of one phase: successes, failures, latencies in ms.
pub type Tally = (usize, usize, Vec<f64>);

/// Adds up the connections of a phase that started at `start`.
pub async fn gather(name: &'static str, tasks: Vec<tokio::task::JoinHandle<Tally>>, start: Instant) -> Phase {
    let mut p = Phase {
        name,
        ok: 0,
        errors: 0,
        latencies_ms: Vec::new(),
        seconds: 0.0,
    };
    for t in tasks {
        if let Ok((ok, errors, lat)) = t.await {
            p.ok += ok;
            p.errors += errors;
            p.latencies_ms.extend(lat);
        }
    }
    p.seconds = start.elapsed().as_secs_f64();
    p
}

pub fn run(args: &HttpArgs) -> anyhow::Result<()> {
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
    if args.outbox {
        let report = crate::http_outbox::run(args, &bin)?;
        println!(
            "{}",
            if args.json {
                report.to_string()
            } else {
                serde_json::to_string_pretty(&report)?
            }
        );
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let cluster = if args.postgres {
        Some(nabij_store::testing::PgCluster::start().map_err(anyhow::Error::msg)?)
    } else {
        None
    };
    let db = match &cluster {
        Some(c) => c.create_database().map_err(anyhow::Error::msg)?,
        None => dir.path().join("bench.sqlite3").to_string_lossy().into_owned(),
    };
    let t = Instant::now();
    let store = Store::open(&db)?;
    let (neighbours, requests) = fill(&store, args.neighbours, args.requests, args.seed)?;
    let fill_s = t.elapsed().as_secs_f64();
    drop(store);
    if cluster.is_some() {
        // A database in service has planner statistics (autovacuum); a freshly filled one
        // not yet. Without them PostgreSQL may scan all neighbours for a lookup by id.
        let mut pg = postgres::Client::connect(&db, postgres::NoTls).context("connecting to analyze")?;
        pg.batch_execute("ANALYZE").context("ANALYZE")?;
    }
    let token = coordinator_token(dir.path(), nabij_store::ids::OrgId(1), Duration::from_secs(3600))?;
    let port = free_port()?;
    let _server = start_server(&bin, dir.path(), &db, port, &[])?;
    let base = format!("http://127.0.0.1:{port}");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let report = rt.block_on(async {
        let client = reqwest::Client::new();
        for _ in 0..100 {
            if client.get(format!("{base}/health")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // Warm the index cache (the first candidate query builds it).
        let t = Instant::now();
        let warm = client
            .get(format!("{base}/v1/requests/{}/candidates?limit=10", requests[0]))
            .bearer_auth(&token)
            .send()
            .await?;
        if !warm.status().is_success() {
            bail!(
                "candidate query failed: {} {}",
                warm.status(),
                warm.text().await.unwrap_or_default()
            );
        }
        let warm_ms = t.elapsed().as_secs_f64() * 1e3;
        let b = base.clone();
        let health = phase(
            "health",
            args.seconds,
            args.connections,
            Arc::new(move |c, _| c.get(format!("{b}/health"))),
        )
        .await;
        let (b, tok, reqs) = (base.clone(), token.clone(), Arc::new(requests.clone()));
        let candidates = phase(
            "candidates",
            args.seconds,
            args.connections,
            Arc::new(move |c, i| {
                c.get(format!(
                    "{b}/v1/requests/{}/candidates?limit=10",
                    reqs[i % reqs.len()]
                ))
                .bearer_auth(&tok)
            }),
        )
        .await;
        let (b, tok, ns) = (base.clone(), token.clone(), Arc::new(neighbours.clone()));
        let writes = phase(
            "create_request",
            args.seconds,
            args.connections,
            Arc::new(move |c, i| {
                c.post(format!("{b}/v1/requests")).bearer_auth(&tok).json(&json!({
                    "neighbour_id": ns[(i * 31) % ns.len()],
                    "kind": "practical",
                    "tags": ["shopping"],
                    "text": "Wie brengt deze week een paar boodschappen mee?",
                    "window": {"type": "flexible"},
                }))
            }),
        )
        .await;
        Ok::<_, anyhow::Error>(json!({
            "backend": if args.postgres { "postgresql" } else { "sqlite" },
            "neighbours": args.neighbours,
            "connections": args.connections,
            "seconds_per_phase": args.seconds,
            "fill_s": r3(fill_s),
            "first_candidate_query_ms": r3(warm_ms),
            health.name: health.report(),
            candidates.name: candidates.report(),
            writes.name: writes.report(),
            "candidates_vs_health_throughput": r3(candidates.ok as f64 / health.ok.max(1) as f64),
        }))
    })?;
    if args.json {
        println!("{report}");
    } else {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(())
}
