//! SMTP outage: `nabij serve` on SQLite delivering its outbox to a real SMTP server on
//! loopback (`benches/smtp_sink.py`, aiosmtpd, which stores every message it accepts),
//! while proposals, acceptances and closes enqueue notifications. The SMTP server is
//! killed for `smtp_outage_seconds` and started again on the same port; the changes go
//! on throughout. Then the outbox must drain by itself.
//!
//! Checks: nothing left pending, nothing dead; every outbox row's `Message-ID` arrived,
//! each exactly once; nothing arrived that is not in the outbox.

use crate::soak::drive::{open_loop, Outcomes};
use crate::soak::mix::{Mix, Weights};
use crate::soak::world::{Backend, Population, World};
use crate::soak::{Part, SoakArgs};
use crate::stats::r3;
use anyhow::{bail, Context};
use nabij_store::testing::soak;
use nabij_store::{OrgId, Store};
use serde_json::json;
use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Changes before the outage and after it (the outage itself: the arguments).
const BEFORE: Duration = Duration::from_secs(20);
const AFTER: Duration = Duration::from_secs(10);
/// Steps of the mix per second (each proposal, activation or close: about three
/// messages).
const RATE: f64 = 8.0;
/// The longest wait for the outbox to drain after the changes stop.
const DRAIN_LIMIT: Duration = Duration::from_secs(600);

/// The SMTP server, a child process; killed when dropped.
struct Sink {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

impl Sink {
    fn start(dir: &Path, port: u16) -> anyhow::Result<Sink> {
        std::fs::create_dir_all(dir)?;
        let mut sink = Sink {
            child: None,
            port,
            dir: dir.to_path_buf(),
        };
        sink.spawn()?;
        Ok(sink)
    }

    fn spawn(&mut self) -> anyhow::Result<()> {
        let python = repo().join(".venv/bin/python");
        // The port may be held briefly after a kill: try for a while.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut child = Command::new(&python)
                .arg(repo().join("benches/smtp_sink.py"))
                .args(["--port", &self.port.to_string(), "--dir"])
                .arg(&self.dir)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .with_context(|| format!("{} (run `make venv`)", python.display()))?;
            let mut line = String::new();
            if let Some(out) = child.stdout.take() {
                BufReader::new(out).read_line(&mut line)?;
            }
            if let Some(port) = line.trim().strip_prefix("READY ") {
                self.port = port.parse()?;
                self.child = Some(child);
                return Ok(());
            }
            let _ = child.kill();
            let _ = child.wait();
            if Instant::now() > deadline {
                bail!("the SMTP sink did not start on port {}", self.port);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Killed at once (SIGKILL): open connections break.
    fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// `Message-ID`s received, with how often each came.
    fn received(&self) -> anyhow::Result<HashMap<String, usize>> {
        let mut out = HashMap::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let path = entry?.path();
            if path.extension().is_none_or(|x| x != "eml") {
                continue;
            }
            let raw = std::fs::read(&path)?;
            let text = String::from_utf8_lossy(&raw);
            let id = text
                .lines()
                .take_while(|l| !l.is_empty())
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("message-id")
                        .then(|| value.trim().to_string())
                })
                .unwrap_or_default();
            *out.entry(id).or_default() += 1;
        }
        Ok(out)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Outbox rows: (message id, status, attempts).
fn outbox_rows(store: &Store, org: OrgId) -> anyhow::Result<Vec<(String, String, i32)>> {
    let rows = store.read(|c| soak::outbox_states(c, org))?;
    Ok(rows
        .into_iter()
        .map(|r| (r.message_id, r.status.as_str().to_string(), r.attempts))
        .collect())
}

fn not_done(rows: &[(String, String, i32)]) -> usize {
    rows.iter().filter(|r| r.1 != "sent" && r.1 != "dead").count()
}

pub(crate) async fn run(args: &SoakArgs, bin: &Path) -> anyhow::Result<Part> {
    let mut part = Part::new("smtp_outage");
    let mut world = World::create(
        bin,
        Backend::Sqlite,
        Population {
            synthetic: 0,
            requests: 0,
            pairs: 300,
            seed: args.seed,
        },
    )?;
    let mut sink = Sink::start(&world.data_dir().join("sink"), 0)?;
    world.write_config(&format!(
        "[outbox]\npoll_secs = 1\n\n[mail]\nfrom = \"Buurtzorg Soak <buren@soak.example>\"\n\
         [mail.transport]\nkind = \"smtp\"\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\ntimeout_secs = 10\n",
        sink.port
    ))?;
    world.start().await?;
    let store = world.store()?;
    let mix = Arc::new(Mix::new(
        &world.base,
        &world.token,
        world.requesters.clone(),
        world.open_requests.clone(),
        Weights::WRITES,
        args.seed,
    )?);
    let outage = Duration::from_secs(args.smtp_outage_seconds);
    let changes = tokio::spawn(open_loop(mix.clone(), RATE, BEFORE + outage + AFTER, 100));

    tokio::time::sleep(BEFORE).await;
    let rows_at_kill = outbox_rows(&store, world.org)?.len();
    sink.kill();
    tokio::time::sleep(outage).await;
    let at_restart = outbox_rows(&store, world.org)?;
    let pending_at_restart = not_done(&at_restart);
    sink.spawn()?;
    let restarted = Instant::now();
    let run = changes.await?;
    let changes_stopped = restarted.elapsed().as_secs_f64();
    let mut rows = outbox_rows(&store, world.org)?;
    while not_done(&rows) > 0 && restarted.elapsed() < DRAIN_LIMIT {
        tokio::time::sleep(Duration::from_millis(500)).await;
        rows = outbox_rows(&store, world.org)?;
    }
    let drained_after = restarted.elapsed().as_secs_f64();
    world.kill();
    // Let the sink finish writing what it accepted last.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let received = sink.received()?;

    let domain = "soak.example";
    let pending = not_done(&rows);
    let dead = rows.iter().filter(|r| r.1 == "dead").count();
    let sent = rows.iter().filter(|r| r.1 == "sent").count();
    let retried = rows.iter().filter(|r| r.2 > 1).count();
    let max_attempts = rows.iter().map(|r| r.2).max().unwrap_or(0);
    let mut missing = Vec::new();
    let mut twice = Vec::new();
    for (id, status, _) in &rows {
        let full = format!("<{id}@{domain}>");
        match received.get(&full).copied().unwrap_or(0) {
            0 if status == "sent" => missing.push(full),
            0 | 1 => {}
            n => twice.push(format!("{full} ×{n}")),
        }
    }
    let known: std::collections::HashSet<String> =
        rows.iter().map(|r| format!("<{}@{domain}>", r.0)).collect();
    let unknown = received.keys().filter(|k| !known.contains(*k)).count();
    let messages_received: usize = received.values().sum();
    let outcomes = Outcomes::of(&run.samples);

    part.check(
        "the changes went on during the outage",
        outcomes.server_errors == 0 && outcomes.no_answer == 0 && at_restart.len() > rows_at_kill,
        format!(
            "{} changes ({} 5xx); {} messages enqueued during the outage",
            outcomes.total,
            outcomes.server_errors,
            at_restart.len() - rows_at_kill.min(at_restart.len())
        ),
    );
    part.check(
        "the outbox drains after the outage",
        pending == 0,
        format!("{pending} still pending after {drained_after:.0} s"),
    );
    part.check("no dead messages", dead == 0, format!("{dead} dead"));
    part.check(
        "every message delivered",
        missing.is_empty() && sent == rows.len() && unknown == 0,
        format!(
            "{} outbox rows, {sent} sent, {} not received {}; {unknown} received that are not in the outbox",
            rows.len(),
            missing.len(),
            missing.first().cloned().unwrap_or_default()
        ),
    );
    part.check(
        "each delivered exactly once",
        twice.is_empty(),
        format!(
            "{messages_received} messages received, {} distinct, {} twice or more {}",
            received.len(),
            twice.len(),
            twice.first().cloned().unwrap_or_default()
        ),
    );
    part.lines.push(format!(
        "SMTP down {} s; {} messages before it, {pending_at_restart} waiting when it came back; {} rows in all, {retried} needed a retry (at most {max_attempts} attempts); drained {drained_after:.0} s after the restart (changes stopped after {changes_stopped:.0} s)",
        outage.as_secs(),
        rows_at_kill,
        rows.len()
    ));
    part.figures = json!({
        "outage_s": outage.as_secs(),
        "changes": outcomes.to_json(),
        "outbox_rows": rows.len(),
        "rows_before_outage": rows_at_kill,
        "waiting_at_restart": pending_at_restart,
        "sent": sent, "dead": dead, "pending": pending,
        "retried": retried, "max_attempts": max_attempts,
        "received": messages_received, "received_distinct": received.len(),
        "duplicates": twice.len(), "missing": missing.len(), "unknown": unknown,
        "drained_after_restart_s": r3(drained_after),
    });
    let log = world.keep_log("smtp_outage")?;
    part.lines.push(format!("server log: {}", log.display()));
    Ok(part)
}
