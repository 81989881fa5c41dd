//! `nabij rematch` through the real binary: summary, the busy exit code, and kill -9 at
//! random moments leaving no half state behind (each proposal with its audit rows and
//! notification event, or none of them).

use nabij_engine::scope::{ScopeCategory, ScopeVerdict};
use nabij_engine::{RequestKind, Window};
use nabij_store::neighbour::NeighbourFilter;
use nabij_store::request::NewRequest;
use nabij_store::{job, neighbour, organisation, request, DbConnection, OrgId, Store};
use rand::{Rng, SeedableRng};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn nabij(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nabij"));
    cmd.arg("--data-dir")
        .arg(dir)
        .env_remove("NABIJ_DATABASE_URL")
        .env_remove("NABIJ_CONFIG")
        .env("NABIJ_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

fn output(mut cmd: Command) -> Output {
    cmd.output().unwrap_or_else(|e| panic!("cannot run nabij: {e}"))
}

/// A data directory with the demo organisations, and a store on its database.
fn demo() -> (tempfile::TempDir, Store, OrgId) {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = nabij(dir.path());
    seed.args(["seed", "--demo"]);
    let out = output(seed);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open(&dir.path().join("nabij.sqlite3").display().to_string()).unwrap();
    let org = store.read(|c| organisation::by_slug(c, "pelt")).unwrap().id;
    (dir, store, org)
}

fn rematch(dir: &Path, extra: &[&str]) -> Command {
    let mut cmd = nabij(dir);
    cmd.args(["rematch", "--org", "pelt"]).args(extra);
    cmd
}

fn summary(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not one JSON object ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

#[test]
fn prints_a_summary_and_a_second_run_proposes_nothing_new() {
    let (dir, _store, _) = demo();
    let dry = summary(&output(rematch(dir.path(), &["--dry-run", "--json"])));
    assert_eq!(dry["dry_run"], true);
    let first = summary(&output(rematch(dir.path(), &["--json"])));
    for key in [
        "requests_considered",
        "proposals_made",
        "groups_suggested",
        "still_unmatched",
        "referrals_suggested",
        "duration_ms",
    ] {
        assert!(first[key].is_u64(), "{key}: {first}");
    }
    assert_eq!(first["proposals_made"], dry["proposals_made"], "{first} vs {dry}");
    assert!(first["proposals_made"].as_u64() > Some(0), "{first}");
    let out = output(rematch(dir.path(), &[]));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let made = text
        .lines()
        .find(|l| l.contains("proposals made"))
        .and_then(|l| l.split_whitespace().nth(2))
        .unwrap_or_default();
    assert_eq!(made, "0", "{text}");
}

#[test]
fn a_second_concurrent_run_exits_3_naming_the_running_job() {
    let (dir, store, org) = demo();
    let running = store
        .write(|c| job::start(c, org, "rematch", chrono::Duration::minutes(10)))
        .unwrap();
    let out = output(rematch(dir.path(), &[]));
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("job {}", running.id)), "{err}");
    let mut json = rematch(dir.path(), &["--json"]);
    json.stdout(Stdio::piped());
    let out = output(json);
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["error"].as_str(), v["job_id"].as_i64()),
        (Some("job_running"), Some(running.id.get()))
    );
}

/// Many more open requests than the demo has, so that a run takes long enough to be
/// killed while it writes.
fn add_requests(store: &Store, org: OrgId) -> usize {
    let kinds = [
        (RequestKind::Practical, "shopping"),
        (RequestKind::Companionship, "walking"),
        (RequestKind::Practical, "phone_help"),
        (RequestKind::Emotional, "coffee_visit"),
        (RequestKind::Companionship, "games"),
    ];
    store
        .write(|c| {
            let people = neighbour::list(
                c,
                org,
                &NeighbourFilter {
                    limit: 1000,
                    ..NeighbourFilter::default()
                },
            )?;
            for (i, p) in people.iter().enumerate() {
                let (kind, tag) = kinds[i % kinds.len()];
                request::create(
                    c,
                    org,
                    &NewRequest {
                        neighbour_id: p.id,
                        kind,
                        tags: vec![tag.to_string()],
                        text: "Wie helpt een handje?".to_string(),
                        window: Window::Flexible,
                        recurrence: None,
                        duration_minutes: Some(60),
                        location: None,
                        radius_m: None,
                        scope: ScopeVerdict {
                            in_scope: true,
                            category: ScopeCategory::SmallHelp,
                            reasons: vec![],
                            overridden: false,
                            needs_review: false,
                        },
                    },
                )?;
            }
            Ok(people.len())
        })
        .unwrap()
}

fn count(c: &mut DbConnection, sql: &str) -> i64 {
    nabij_store::testing::count_sql(c, sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The database is sound and holds only whole proposals; returns the proposals.
fn check(db: &str) -> i64 {
    let store = Store::open(db).unwrap();
    store
        .read(|c| {
            assert!(matches!(c, DbConnection::Sqlite(_)), "the crash test runs on SQLite");
            assert_eq!(nabij_store::testing::integrity_check(c)?, vec!["ok".to_string()]);
            let checks = [
                (
                    "a match without exactly one requester and a companion",
                    "SELECT COUNT(*) AS n FROM matches m WHERE \
                     (SELECT COUNT(*) FROM match_members x WHERE x.match_id = m.id AND x.side = 'requester') <> 1 \
                     OR (SELECT COUNT(*) FROM match_members x WHERE x.match_id = m.id AND x.side = 'companion') < 1",
                ),
                (
                    "a request with two open proposals",
                    "SELECT COUNT(*) AS n FROM (SELECT request_id FROM matches WHERE status = 'proposed' \
                     GROUP BY request_id HAVING COUNT(*) > 1) d",
                ),
                (
                    "a proposed request without its proposal",
                    "SELECT COUNT(*) AS n FROM help_requests r WHERE r.status = 'proposed' AND NOT EXISTS \
                     (SELECT 1 FROM matches m WHERE m.request_id = r.id AND m.status = 'proposed')",
                ),
                (
                    "a proposal for a request that is not marked proposed",
                    "SELECT COUNT(*) AS n FROM matches m JOIN help_requests r ON r.id = m.request_id \
                     WHERE m.status = 'proposed' AND r.status <> 'proposed'",
                ),
                (
                    "a companion with more proposals and matches than places",
                    "SELECT COUNT(*) AS n FROM neighbours nb WHERE nb.active_matches + \
                     (SELECT COUNT(*) FROM match_members x JOIN matches m ON m.id = x.match_id \
                      WHERE x.neighbour_id = nb.id AND x.side = 'companion' AND m.status = 'proposed') > nb.capacity",
                ),
                (
                    "an active match (the job never activates)",
                    "SELECT COUNT(*) AS n FROM matches WHERE status <> 'proposed'",
                ),
                (
                    "a proposal whose notification event is missing",
                    "SELECT COUNT(*) AS n FROM matches m WHERE NOT EXISTS \
                     (SELECT 1 FROM notification_events e WHERE e.kind = 'match_proposed' \
                      AND e.subject_id = m.id AND e.organisation_id = m.organisation_id)",
                ),
                (
                    "a proposal member without the proposal's audit row",
                    "SELECT COUNT(*) AS n FROM match_members x JOIN matches m ON m.id = x.match_id \
                     WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'match_proposed' \
                      AND a.subject_neighbour_id = x.neighbour_id \
                      AND a.detail = 'match=' || m.id || ' request=' || m.request_id)",
                ),
                (
                    "a notification event of a proposal that is not there",
                    "SELECT COUNT(*) AS n FROM notification_events e WHERE e.kind = 'match_proposed' \
                     AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.id = e.subject_id)",
                ),
                (
                    "a group suggestion sharing a request with another",
                    "SELECT COUNT(*) AS n FROM group_suggestions a, group_suggestions b, \
                     json_each(a.request_ids) ra, json_each(b.request_ids) rb \
                     WHERE a.id < b.id AND ra.value = rb.value",
                ),
            ];
            for (what, sql) in checks {
                assert_eq!(count(c, sql), 0, "{what}");
            }
            let groups = count(c, "SELECT COUNT(*) AS n FROM group_suggestions");
            let flagged = count(c, "SELECT COUNT(*) AS n FROM help_requests WHERE flagged_at IS NOT NULL");
            eprintln!("  sound: {groups} groups, {flagged} requests flagged for the coordinator");
            Ok(count(c, "SELECT COUNT(*) AS n FROM matches"))
        })
        .unwrap()
}

#[test]
fn kill_9_at_random_moments_leaves_no_half_state() {
    let (dir, store, org) = demo();
    let added = add_requests(&store, org);
    drop(store);
    assert!(added >= 300, "{added}");
    let db = dir.path().join("nabij.sqlite3").display().to_string();
    let seed: u64 = std::env::var("NABIJ_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(7, |d| d.as_nanos() as u64)
        });
    eprintln!("crash test seed {seed} (NABIJ_CRASH_SEED to replay)");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut proposals = check(&db);
    // How long reading and scoring take, so that most kills land while it writes.
    let t = Instant::now();
    let dry = summary(&output(rematch(dir.path(), &["--dry-run", "--json"])));
    let until_writes = t.elapsed().as_millis() as u64;
    assert!(dry["proposals_made"].as_u64() > Some(100), "{dry}");
    let mut killed_midway = 0;
    let mut progressed = 0;
    let mut stalled = 0u32;
    for round in 0..6 {
        // Round 0 dies while starting or reading; the others while writing.
        let delay = Duration::from_millis(if round == 0 {
            rng.gen_range(5..40)
        } else {
            // On a loaded machine (fsync waiting behind other I/O) writing the groups
            // that come first can outlast the window: after a round that kept nothing,
            // the next one waits longer (still killed while the run writes).
            until_writes + rng.gen_range(10..120) * (1 << stalled.min(4))
        });
        let mut cmd = rematch(dir.path(), &["--json"]);
        // The killed run's job row stays `running`: let the next run take it over.
        cmd.env("NABIJ_JOB_STALE_SECS", "0")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().unwrap();
        let started = Instant::now();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_midway += 1;
        }
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        let now = check(&db);
        eprintln!(
            "round {round}: killed after {:?} ({status}); {now} proposals (was {proposals})",
            started.elapsed()
        );
        assert!(now >= proposals, "proposals are never undone");
        if now > proposals {
            progressed += 1;
        } else if round > 0 {
            stalled += 1;
        }
        proposals = now;
    }
    assert!(killed_midway >= 2, "runs ended before the kill (seed {seed})");
    assert!(
        progressed >= 1,
        "killed runs kept no whole proposals (seed {seed})"
    );
    let mut full = rematch(dir.path(), &["--json"]);
    full.env("NABIJ_JOB_STALE_SECS", "0");
    let done = summary(&output(full));
    eprintln!("full run: {done}");
    let total = check(&db);
    assert_eq!(
        total,
        proposals + done["proposals_made"].as_i64().unwrap_or(-1),
        "{done}"
    );
    assert!(total > 0);
    let again = summary(&output(rematch(dir.path(), &["--json"])));
    assert_eq!(again["proposals_made"], 0, "{again}");
    assert_eq!(again["groups_suggested"], 0, "{again}");
    assert_eq!(check(&db), total);
    let store = Store::open(&db).unwrap();
    let jobs = store.read(|c| job::running(c, org, "rematch")).unwrap();
    assert!(jobs.is_none(), "{jobs:?}");
}
