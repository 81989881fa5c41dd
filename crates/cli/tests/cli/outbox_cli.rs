//! The notification worker through the real binary: `nabij outbox run --once` and the
//! worker inside `nabij serve`, both writing `.eml` files to `<data dir>/mail` (the
//! embedded default).

use nabij_store::organisation::{self, NewOrganisation};
use nabij_store::outbox::{self, NewMessage};
use nabij_store::{OrgId, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn nabij(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nabij"));
    cmd.arg("--data-dir")
        .arg(dir)
        .env_remove("NABIJ_DATABASE_URL")
        .env_remove("NABIJ_CONFIG")
        .env_remove("NABIJ_NO_MAIL_WORKER")
        .env_remove("NABIJ_NOTIFY_DISABLED")
        .env("NABIJ_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

/// A migrated database in `dir` with one organisation.
fn setup(dir: &Path) -> (Store, OrgId) {
    let out = nabij(dir).arg("migrate").output().unwrap();
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

fn enqueue(store: &Store, org: OrgId, n: u32) -> String {
    let id = format!("nabij.match_proposed.{org}.{n}.n{n}.00ff");
    let msg = NewMessage {
        message_id: id.clone(),
        recipient: format!("buur{n}@example.test"),
        language: "nl".into(),
        template: "match_proposed.neighbour".into(),
        payload: serde_json::json!({"organisation": "Buurtzorg Pelt", "name": "An", "people": ["Bert"]}),
    };
    store.write(|c| outbox::enqueue(c, org, &msg)).unwrap();
    id
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("mail"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn outbox_run_once_writes_eml_files_to_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let (store, org) = setup(dir.path());
    let id = enqueue(&store, org, 1);
    let out = nabij(dir.path())
        .args(["outbox", "run", "--once"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["sent"], 1, "{stats}");
    let files = eml_files(dir.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains(&format!("Message-ID: <{id}@")), "{text}");
    assert!(text.contains("To: buur1@example.test"), "{text}");
    let sent = store
        .read(|c| outbox::list(c, org, Some("sent"), None, 10))
        .unwrap();
    assert_eq!(sent.len(), 1);
}

#[test]
fn serve_delivers_with_its_own_worker_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nabij.toml"), "[outbox]\npoll_secs = 1\n").unwrap();
    let (store, org) = setup(dir.path());
    enqueue(&store, org, 1);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");

    let mut quiet = nabij(dir.path())
        .args(["serve", "--no-mail-worker", "--listen", &listen])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let _ = quiet.kill();
    let _ = quiet.wait();
    assert!(eml_files(dir.path()).is_empty(), "--no-mail-worker sent mail");

    let mut server = nabij(dir.path())
        .args(["serve", "--listen", &listen])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while eml_files(dir.path()).is_empty() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(100));
    }
    enqueue(&store, org, 2);
    while eml_files(dir.path()).len() < 2 && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(eml_files(dir.path()).len(), 2, "the worker inside serve delivers");
}

/// `nabij schedule run --once` runs every due task of every organisation once; a second
/// pass right after finds nothing due (each task runs once per period).
#[test]
fn schedule_run_once_runs_each_task_once_per_period() {
    let dir = tempfile::tempdir().unwrap();
    let (store, org) = setup(dir.path());
    let run = || {
        let out = nabij(dir.path())
            .args(["schedule", "run", "--once"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let first = run();
    let ran: Vec<&str> = first["ran"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[1].as_str().unwrap())
        // The nightly re-match (off by default) is looked at between 1 and 5 UTC only.
        .filter(|t| *t != "rematch")
        .collect();
    assert_eq!(
        ran,
        ["lapse", "expiry", "follow_ups", "index_log_prune", "check_ins"],
        "{first}"
    );
    assert_eq!(first["failed"], serde_json::json!([]));
    let second = run();
    assert!(
        second["ran"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r[1] == "rematch"),
        "{second}"
    );
    let jobs = store
        .read(|c| nabij_store::job::recent(c, org, None, None, 100))
        .unwrap();
    // lapse, expiry, follow_ups and check_ins (pruning writes no job row).
    assert_eq!(jobs.len(), 4, "{jobs:?}");
}
