//! Delivery throughput to the loopback SMTP server, and the `.eml` folder transport.
//!
//! `cargo test -p nabij-notify --test notify -- --ignored --nocapture throughput`

use crate::common::*;
use crate::sink::{SinkOptions, SmtpSink};
use nabij_notify::{MailSettings, Worker, WorkerConfig};
use nabij_store::outbox;
use nabij_store::BackendKind;
use std::time::Instant;

crate::on_both_backends!(the_embedded_default_writes_eml_files: 2);

const N: usize = 500;

/// Sends N messages with `workers` workers (threads, each its own pool) and prints the
/// rate, from the first claim to the last message marked sent.
fn measure(backend: BackendKind, workers: usize) {
    let Some(ctx) = ctx(backend, 4) else { return };
    let sink = SmtpSink::start(SinkOptions::default());
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "bench", N);
    let config = WorkerConfig {
        batch_size: 50,
        ..fast_config()
    };
    let ws: Vec<Worker> = (0..workers)
        .map(|_| worker(&ctx.db.store(4), sink.port, config.clone()))
        .collect();
    let start = Instant::now();
    let sent: usize = std::thread::scope(|scope| {
        let hs: Vec<_> = ws
            .iter()
            .map(|w| {
                scope.spawn(move || {
                    let mut sent = 0;
                    loop {
                        let s = w.run_once().unwrap();
                        sent += s.sent;
                        if s.claimed == 0 {
                            return sent;
                        }
                    }
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    });
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(sent, N);
    assert_eq!(statuses(&ctx.store, org).get("sent"), Some(&N));
    let got = sink.received();
    assert_eq!(got.len(), N);
    eprintln!(
        "THROUGHPUT {} workers={workers}: {N} messages in {secs:.2} s = {:.0} messages/s",
        backend.name(),
        N as f64 / secs
    );
}

#[test]
#[ignore = "measurement: cargo test -p nabij-notify --test notify -- --ignored --nocapture throughput"]
fn throughput_sqlite_one_worker() {
    measure(BackendKind::Sqlite, 1);
}

#[test]
#[ignore = "measurement"]
fn throughput_sqlite_two_workers() {
    measure(BackendKind::Sqlite, 2);
}

#[test]
#[ignore = "measurement"]
fn throughput_postgres_one_worker() {
    measure(BackendKind::Postgres, 1);
}

#[test]
#[ignore = "measurement"]
fn throughput_postgres_two_workers() {
    measure(BackendKind::Postgres, 2);
}

fn the_embedded_default_writes_eml_files(ctx: Ctx) {
    let data = tempfile::tempdir().unwrap();
    let org = org(&ctx.store, "pelt", "nl");
    let ids = enqueue_many(&ctx.store, org, "files", 3);
    let w = Worker::from_settings(
        ctx.store.clone(),
        &MailSettings::embedded(data.path()),
        fast_config(),
    )
    .unwrap();
    assert_eq!(w.run_once().unwrap().sent, 3);
    // A retry overwrites the same file instead of adding one.
    let row = ctx.store.read(|c| outbox::list(c, org, None, None, 10)).unwrap();
    w.mailer().send(&row[0]).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(data.path().join("mail"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut want: Vec<String> = ids.iter().map(|id| format!("{id}.eml")).collect();
    want.sort();
    assert_eq!(files, want);
    let eml = std::fs::read_to_string(data.path().join("mail").join(&want[0])).unwrap();
    assert!(
        eml.contains(&format!("Message-ID: <{}@localhost>", ids[0])),
        "{eml}"
    );
    assert!(eml.contains("Content-Language: nl"));
    assert!(eml.contains("multipart/alternative"));
}
