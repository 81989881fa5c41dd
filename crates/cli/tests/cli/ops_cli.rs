//! The operations commands of the runbook through the real binary: `nabij backup` (an
//! online copy of SQLite while another connection keeps writing, and restoring it) and
//! `nabij outbox retry-dead`.

use nabij_store::organisation::{self, NewOrganisation};
use nabij_store::outbox::{self, NewMessage, OutboxStatus};
use nabij_store::{audit, OrgId, Store};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

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

fn run(mut cmd: Command) -> Output {
    cmd.output().unwrap_or_else(|e| panic!("cannot run nabij: {e}"))
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {} / {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A migrated database in `dir` with organisation `pelt`.
fn setup(dir: &Path) -> (Store, OrgId) {
    let out = run({
        let mut c = nabij(dir);
        c.arg("migrate");
        c
    });
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open(&dir.join("nabij.sqlite3").display().to_string()).unwrap();
    let org = store
        .write(|c| {
            organisation::create(
                c,
                &NewOrganisation {
                    slug: "pelt".into(),
                    name: "Buurtzorg Pelt".into(),
                    settings: Default::default(),
                },
            )
        })
        .unwrap()
        .id;
    (store, org)
}

fn audit_row(store: &Store, org: OrgId, n: usize) {
    store
        .write(|c| {
            audit::record(
                c,
                org,
                &audit::NewAudit {
                    actor: "test".into(),
                    action: "backup_probe".into(),
                    subject_neighbour_id: None,
                    detail: format!("n={n}"),
                },
            )
        })
        .unwrap();
}

fn count(path: &Path, sql: &str) -> i64 {
    let store = Store::open(path.to_str().unwrap()).unwrap();
    store.read(|c| nabij_store::testing::count_sql(c, sql)).unwrap()
}

#[test]
fn backup_copies_a_database_in_use_and_the_copy_restores() {
    let dir = tempfile::tempdir().unwrap();
    let (store, org) = setup(dir.path());
    // A writer keeps committing while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (store, stop, written) = (store.clone(), stop.clone(), written.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let n = written.load(Ordering::Relaxed);
                audit_row(&store, org, n);
                written.store(n + 1, Ordering::Relaxed);
            }
        })
    };
    while written.load(Ordering::Relaxed) < 200 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let copy = dir.path().join("backup").join("nabij-copy.sqlite3");
    let out = run({
        let mut c = nabij(dir.path());
        c.args(["backup", "--to"]).arg(&copy);
        c
    });
    let during = written.load(Ordering::Relaxed);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(report["backend"], "sqlite");
    assert_eq!(report["integrity"], "ok");
    assert!(report["bytes"].as_u64().unwrap() > 0);
    std::thread::sleep(std::time::Duration::from_millis(50));
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    let total = written.load(Ordering::Relaxed) as i64;
    // A snapshot: all rows up to a moment during the run, none torn.
    let copied = count(
        &copy,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'backup_probe'",
    );
    assert!(
        copied >= 200 && copied <= during as i64 + 1,
        "{copied} of {total}"
    );
    assert!(total > copied, "the writer went on after the copy ({total})");
    // Never over an existing file; the existing one stays as it was.
    let out = run({
        let mut c = nabij(dir.path());
        c.args(["backup", "--to"]).arg(&copy);
        c
    });
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists already"));
    assert_eq!(
        count(
            &copy,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'backup_probe'"
        ),
        copied
    );
    // Restore as the runbook says: the copy becomes the database of a data directory.
    let restored = tempfile::tempdir().unwrap();
    std::fs::copy(&copy, restored.path().join("nabij.sqlite3")).unwrap();
    let out = run({
        let mut c = nabij(restored.path());
        c.arg("migrate");
        c
    });
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let back = Store::open(&restored.path().join("nabij.sqlite3").display().to_string()).unwrap();
    assert!(back.migrations_current().unwrap());
    assert_eq!(back.read(|c| organisation::by_slug(c, "pelt")).unwrap().id, org);
    // No database, no backup.
    let empty = tempfile::tempdir().unwrap();
    let out = run({
        let mut c = nabij(empty.path());
        c.args(["backup", "--to"]).arg(empty.path().join("x.sqlite3"));
        c
    });
    assert!(!out.status.success());
    assert!(!empty.path().join("nabij.sqlite3").exists());
}

fn enqueue(store: &Store, org: OrgId, n: u32) -> nabij_store::OutboxId {
    let msg = NewMessage {
        message_id: format!("nabij.match_proposed.{org}.{n}.n{n}.00ff"),
        recipient: format!("buur{n}@example.test"),
        language: "nl".into(),
        template: "match_proposed.neighbour".into(),
        payload: serde_json::json!({"organisation": "Buurtzorg Pelt", "name": "An", "people": ["Bert"]}),
    };
    store.write(|c| outbox::enqueue(c, org, &msg)).unwrap().id
}

/// Marks a message dead as the worker does after its last attempt.
fn kill(dir: &Path, id: nabij_store::OutboxId) {
    let store = Store::open(dir.join("nabij.sqlite3").to_str().unwrap()).unwrap();
    let sql = format!(
        "UPDATE outbox SET status = 'dead', attempts = 8, last_error = 'smtp: 550 mailbox unavailable' WHERE id = {}",
        id.get()
    );
    store
        .write(|c| nabij_store::testing::execute_sql(c, &sql))
        .unwrap();
}

fn statuses(store: &Store, org: OrgId) -> Vec<(i64, OutboxStatus, i32)> {
    store
        .read(|c| outbox::list(c, org, None, None, 100))
        .unwrap()
        .into_iter()
        .map(|m| (m.id.get(), m.status, m.attempts))
        .collect()
}

#[test]
fn retry_dead_requeues_dead_messages_with_an_audit_row_each() {
    let dir = tempfile::tempdir().unwrap();
    let (store, org) = setup(dir.path());
    let ids: Vec<_> = (1..=3).map(|n| enqueue(&store, org, n)).collect();
    kill(dir.path(), ids[0]);
    kill(dir.path(), ids[1]);
    let retry = |extra: &[&str]| {
        let mut c = nabij(dir.path());
        c.args(["outbox", "retry-dead", "--org", "pelt"]).args(extra);
        run(c)
    };
    // A dry run lists them with their last error and changes nothing.
    let before = statuses(&store, org);
    let out = retry(&["--dry-run"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&out);
    assert_eq!(report["requeued"], false);
    let listed: Vec<i64> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, vec![ids[0].get(), ids[1].get()]);
    assert_eq!(
        report["messages"][0]["last_error"],
        "smtp: 550 mailbox unavailable"
    );
    assert_eq!(statuses(&store, org), before);
    // A named message that is not dead: refused, nothing requeued.
    let third = ids[2].get().to_string();
    let first = ids[0].get().to_string();
    let out = retry(&["--id", &first, "--id", &third]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["not_dead"], serde_json::json!([ids[2].get()]));
    assert_eq!(statuses(&store, org), before);
    // Every dead one: pending again, attempts reset, one audit row each.
    let out = retry(&[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["requeued"], true);
    let after = statuses(&store, org);
    assert!(
        after
            .iter()
            .all(|(_, s, a)| *s == OutboxStatus::Pending && *a == 0),
        "{after:?}"
    );
    let audited = store.read(|c| audit::list(c, org, None, 100)).unwrap();
    let requeued: Vec<_> = audited
        .iter()
        .filter(|e| e.action == "outbox_requeued" && e.actor == "ops:cli")
        .collect();
    assert_eq!(requeued.len(), 2, "{audited:?}");
    assert!(
        requeued.iter().all(|e| !e.detail.contains("buur")),
        "no address in the audit"
    );
    // Nothing is dead any more; the worker delivers them.
    let out = retry(&[]);
    assert!(json(&out)["messages"].as_array().unwrap().is_empty());
    let out = run({
        let mut c = nabij(dir.path());
        c.args(["outbox", "run", "--once"]);
        c
    });
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(json(&out)["sent"], 3);
}
