//! `nabij-bench http --outbox`: the outbox's cost on the write path. `POST /v1/matches`
//! with its outbox rows (two residents with e-mail and one coordinator: three rows, in
//! the proposal's transaction) against the same proposal without them, side by side:
//! two `nabij serve` processes on one database, the second started with
//! `--notify-disabled`, both with `--no-mail-worker` (delivery is not measured here).
//! The sides take turns (on, off, on, off), each turn a fixed number of proposals of
//! distinct requests at a fixed number of concurrent connections.

use crate::http_bench::{
    coordinator_token, fill, free_port, gather, start_server, wait_healthy, HttpArgs, Phase,
};
use crate::stats::r3;
use anyhow::Context;
use chrono::Utc;
use nabij_engine::availability::Window;
use nabij_engine::scope::{classify, ScopeInput};
use nabij_store::neighbour::{Consent, ConsentChannel, NewNeighbour};
use nabij_store::request::NewRequest;
use nabij_store::user::{self, NewUser};
use nabij_store::{neighbour, organisation, outbox, request, OrgId, Store};
use serde_json::json;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A well-formed argon2id string nobody logs in with.
const NO_LOGIN: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

pub(crate) fn resident(i: usize) -> NewNeighbour {
    NewNeighbour {
        neighbourhood_id: None,
        display_name: format!("Buur {i}"),
        email: Some(format!("buur{i}@bench.invalid")),
        phone: None,
        lat: 51.22 + (i % 100) as f64 * 0.0005,
        lon: 5.42 + (i / 100 % 100) as f64 * 0.0005,
        travel_radius_m: 3000.0,
        interests: vec!["walking".into()],
        talents: vec!["walking".into()],
        languages: vec!["nl".into()],
        availability: vec!["tue-afternoon".into()],
        availability_unknown: false,
        capacity: 1,
        paused: false,
        consent: Consent {
            channel: ConsentChannel::SelfRegistered,
            recorded_at: Utc::now().naive_utc(),
            recorded_by: "bench".into(),
        },
        preferred_language: "nl".into(),
    }
}

/// The organisation, its coordinator, and `pairs` (request, companion) of residents with
/// e-mail addresses.
pub(crate) fn fill_pairs(store: &Store, pairs: usize) -> anyhow::Result<(OrgId, Vec<(i64, i64)>)> {
    let org = store.read(|c| organisation::by_slug(c, "bench"))?.id;
    store.write(|c| {
        user::create(
            c,
            org,
            &NewUser {
                email: "coordinator@bench.invalid".into(),
                password_hash: NO_LOGIN.into(),
                role: user::Role::Coordinator,
                neighbourhood_ids: None,
            },
        )
    })?;
    let text = "Samen een wandeling maken in de buurt";
    let verdict = classify(&ScopeInput {
        text,
        ..ScopeInput::default()
    });
    let mut out = Vec::with_capacity(pairs);
    for chunk in (0..pairs).collect::<Vec<_>>().chunks(1000) {
        let made = store.write(|c| {
            let mut made = Vec::with_capacity(chunk.len());
            for &i in chunk {
                let asker = neighbour::create(c, org, &resident(2 * i))?;
                let companion = neighbour::create(c, org, &resident(2 * i + 1))?;
                let r = request::create(
                    c,
                    org,
                    &NewRequest {
                        neighbour_id: asker.id,
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
                made.push((r.id.get(), companion.id.get()));
            }
            Ok(made)
        })?;
        out.extend(made);
    }
    Ok((org, out))
}

/// Proposes `pairs[range]`, `connections` at a time.
async fn proposals(
    name: &'static str,
    base: String,
    token: String,
    pairs: Arc<Vec<(i64, i64)>>,
    range: std::ops::Range<usize>,
    connections: usize,
) -> Phase {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(connections)
        .build()
        .unwrap_or_default();
    let next = Arc::new(AtomicUsize::new(range.start));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, next, pairs, base, token) = (
            client.clone(),
            next.clone(),
            pairs.clone(),
            base.clone(),
            token.clone(),
        );
        let end = range.end;
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors, mut lat) = (0usize, 0usize, Vec::new());
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= end {
                    break;
                }
                let (rid, companion) = pairs[i];
                let t0 = Instant::now();
                let sent = client
                    .post(format!("{base}/v1/matches"))
                    .bearer_auth(&token)
                    .json(&json!({"request_id": rid, "companion_ids": [companion]}))
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status().as_u16() == 201 => {
                        let _ = r.bytes().await;
                        ok += 1;
                        lat.push(t0.elapsed().as_secs_f64() * 1e3);
                    }
                    _ => errors += 1,
                }
            }
            (ok, errors, lat)
        }));
    }
    gather(name, tasks, start).await
}

fn merge(into: &mut Phase, p: Phase) {
    into.ok += p.ok;
    into.errors += p.errors;
    into.latencies_ms.extend(p.latencies_ms);
    into.seconds += p.seconds;
}

pub(crate) fn outbox_rows(store: &Store, org: OrgId) -> anyhow::Result<usize> {
    let (mut n, mut after) = (0, None);
    loop {
        let page = store.read(|c| outbox::list(c, org, None, after, 1000))?;
        n += page.len();
        match page.last() {
            Some(last) if page.len() == 1000 => after = Some(last.id),
            _ => return Ok(n),
        }
    }
}

pub fn run(args: &HttpArgs, bin: &Path) -> anyhow::Result<serde_json::Value> {
    let n = args.proposals.max(2);
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
    let store = Store::open(&db)?;
    fill(&store, args.neighbours, 0, args.seed)?;
    let (org, pairs) = fill_pairs(&store, 2 * n)?;
    let token = coordinator_token(dir.path(), org, Duration::from_secs(3600))?;
    let (port_on, port_off) = (free_port()?, free_port()?);
    let _on = start_server(bin, dir.path(), &db, port_on, &["--no-mail-worker"])?;
    let _off = start_server(
        bin,
        dir.path(),
        &db,
        port_off,
        &["--no-mail-worker", "--notify-disabled"],
    )?;
    let (base_on, base_off) = (
        format!("http://127.0.0.1:{port_on}"),
        format!("http://127.0.0.1:{port_off}"),
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let pairs = Arc::new(pairs);
    let (on, off) = rt.block_on(async {
        wait_healthy(&base_on).await?;
        wait_healthy(&base_off).await?;
        let empty = |name| Phase {
            name,
            ok: 0,
            errors: 0,
            latencies_ms: Vec::new(),
            seconds: 0.0,
        };
        let (mut on, mut off) = (empty("with_outbox"), empty("without_outbox"));
        let half = n / 2;
        for (from, to) in [(0, half), (half, n)] {
            let p = proposals(
                "with_outbox",
                base_on.clone(),
                token.clone(),
                pairs.clone(),
                from..to,
                args.connections,
            )
            .await;
            merge(&mut on, p);
            let p = proposals(
                "without_outbox",
                base_off.clone(),
                token.clone(),
                pairs.clone(),
                n + from..n + to,
                args.connections,
            )
            .await;
            merge(&mut off, p);
        }
        Ok::<_, anyhow::Error>((on, off))
    })?;
    let rows = outbox_rows(&store, org).context("counting outbox rows")?;
    let p50 = |p: &Phase| crate::stats::Summary::new(p.latencies_ms.clone()).median();
    Ok(json!({
        "backend": if args.postgres { "postgresql" } else { "sqlite" },
        "neighbours": args.neighbours + 4 * n,
        "proposals_per_side": n,
        "connections": args.connections,
        "outbox_rows_written": rows,
        on.name: on.report(),
        off.name: off.report(),
        "p50_overhead_ms": r3(p50(&on) - p50(&off)),
        "throughput_ratio": r3(on.ok as f64 / on.seconds / (off.ok as f64 / off.seconds).max(1e-9)),
    }))
}
