//! Delivery to a real SMTP server on loopback, on both backends.

use crate::common::*;
use crate::sink::{SinkOptions, SmtpSink};
use nabij_notify::outbox::enqueue_event;
use nabij_notify::{calls, Event, Shutdown, WorkerConfig};
use nabij_store::outbox;
use nabij_store::user::Role;
use nabij_store::{clock, matching, Store};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

crate::on_both_backends!(
    messages_arrive_in_the_residents_language_with_stable_headers: 4,
    server_down_then_back_delivers_every_message_once: 4,
    a_connection_broken_after_acceptance_resends_with_the_same_message_id: 4,
    a_message_that_keeps_failing_ends_dead_and_can_be_requeued: 4,
    a_worker_that_dies_after_claiming_loses_nothing: 4,
    two_workers_never_send_the_same_message: 8,
    smtp_credentials_are_used: 2,
    starttls_with_credentials_to_a_trusted_certificate: 2,
);

fn messages_arrive_in_the_residents_language_with_stable_headers(ctx: Ctx) {
    let sink = SmtpSink::start(SinkOptions::default());
    let org = org(&ctx.store, "pelt", "nl");
    let (m, rows) = ctx
        .store
        .write_as::<_, nabij_notify::NotifyError, _>(|c| {
            account(c, org, "coord@nabij.test", Role::Coordinator);
            let anna = neighbour(c, org, "Anna", Some("anna@example.org"), "nl", 0);
            let benoit = neighbour(c, org, "Benoît", Some("benoit@example.org"), "fr", 1);
            let chris = neighbour(c, org, "Chris", Some("chris@example.org"), "en", 2);
            let dirk = neighbour(c, org, "Dirk", None, "nl", 3);
            let req = request(c, org, anna);
            // The change and its messages in one transaction, as the API will do.
            let m = matching::propose(c, org, req, &[benoit, chris, dirk])?;
            let e = enqueue_event(c, org, &Event::MatchProposed(m.row.id))?;
            assert_eq!((e.emails, e.calls, e.already_told), (4, 1, false));
            let rows = outbox::list(c, org, None, None, 100)?;
            Ok((m.row.id, rows))
        })
        .unwrap();
    // Told once: a repeat writes nothing.
    let again = ctx
        .store
        .write_as::<_, nabij_notify::NotifyError, _>(|c| enqueue_event(c, org, &Event::MatchProposed(m)))
        .unwrap();
    assert!(again.already_told && again.emails == 0 && again.calls == 0);

    let stats = worker(&ctx.store, sink.port, fast_config()).run_once().unwrap();
    assert_eq!((stats.claimed, stats.sent), (4, 4), "{stats:?}");
    let got = sink.received();
    assert_eq!(got.len(), 4);
    let by_to: HashMap<String, _> = got.iter().map(|r| (r.to.clone(), r)).collect();
    let expect = [
        (
            "anna@example.org",
            "nl",
            "Kennismaken met iemand uit je buurt",
            "Dag Anna,",
        ),
        (
            "benoit@example.org",
            "fr",
            "Faire connaissance avec quelqu'un de votre quartier",
            "Bonjour Benoît,",
        ),
        (
            "chris@example.org",
            "en",
            "Meet someone from your neighbourhood",
            "Hello Chris,",
        ),
        ("coord@nabij.test", "nl", "Nieuw voorstel: koppeling #", "Dag,"),
    ];
    for (to, lang, subject, hello) in expect {
        let r = by_to
            .get(to)
            .unwrap_or_else(|| panic!("nothing for {to}: {got:?}"));
        let row = rows.iter().find(|x| x.recipient == to).unwrap();
        assert_eq!(r.message_id, format!("<{}@nabij.test>", row.message_id));
        assert_eq!(r.from, "Buurtwerk <buren@nabij.test>");
        assert_eq!(r.rcpt_tos, vec![to.to_string()]);
        assert_eq!(r.mail_from, "buren@nabij.test");
        assert_eq!(r.content_language, lang);
        assert_eq!(r.auto_submitted, "auto-generated");
        assert!(r.subject.starts_with(subject), "{}", r.subject);
        assert_eq!(r.content_type, "multipart/alternative");
        assert_eq!(r.parts, vec!["text/plain", "text/html"]);
        let text = r.text.as_deref().unwrap();
        let html = r.html.as_deref().unwrap();
        assert!(text.starts_with(hello), "{text}");
        assert!(html.contains(&format!("<html lang=\"{lang}\">")));
        for secret in [SECRET_TEXT, "heup", "Kerkstraat", "011 22 33 44", "51.2"] {
            assert!(
                !text.contains(secret) && !html.contains(secret),
                "{to} got {secret:?}"
            );
        }
        if to != "coord@nabij.test" {
            assert_eq!(r.reply_to, "coord@nabij.test");
            assert!(text.contains("coord@nabij.test"));
        }
    }
    // Before everybody said yes nobody is named to the others (issue 14): Anna hears of
    // three neighbours; the coordinator hears of the resident on the phone list.
    let anna = by_to["anna@example.org"].text.as_deref().unwrap();
    assert!(anna.contains("3 buren uit je buurt"), "{anna}");
    for name in ["Benoît", "Chris", "Dirk"] {
        assert!(!anna.contains(name), "{anna}");
    }
    assert!(by_to["coord@nabij.test"]
        .text
        .as_deref()
        .unwrap()
        .contains("bellijst"));
    let rows = ctx.store.read(|c| outbox::list(c, org, None, None, 100)).unwrap();
    assert!(rows
        .iter()
        .all(|r| r.status == nabij_store::outbox::OutboxStatus::Sent
            && r.attempts == 1
            && r.sent_at.is_some()));

    let due = ctx
        .store
        .read_as::<_, nabij_notify::NotifyError, _>(|c| calls::calls_due(c, org))
        .unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].display_name, "Dirk");
    assert_eq!(due[0].phone.as_deref(), Some("011 22 33 44"));
    assert_eq!(
        (due[0].reason.as_str(), due[0].match_id),
        ("match_proposed", Some(m))
    );
    ctx.store
        .write_as::<_, nabij_notify::NotifyError, _>(|c| calls::mark_called(c, org, due[0].call_id))
        .unwrap();
    let due = ctx
        .store
        .read_as::<_, nabij_notify::NotifyError, _>(|c| calls::calls_due(c, org))
        .unwrap();
    assert!(due.is_empty());
}

fn unique_ids(store: &Store, org: nabij_store::OrgId) -> HashSet<String> {
    store
        .read(|c| outbox::list(c, org, None, None, 1000))
        .unwrap()
        .into_iter()
        .map(|r| format!("<{}@nabij.test>", r.message_id))
        .collect()
}

fn server_down_then_back_delivers_every_message_once(ctx: Ctx) {
    let mut sink = SmtpSink::start(SinkOptions::default());
    sink.kill();
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "down", 30);
    let w = Arc::new(worker(&ctx.store, sink.port, fast_config()));
    let stop = Shutdown::new();
    let handle = Arc::clone(&w).spawn(stop.clone()).unwrap();
    // Down for a while: attempts fail, nothing is lost, nothing is sent.
    std::thread::sleep(Duration::from_millis(800));
    let rows = ctx.store.read(|c| outbox::list(c, org, None, None, 100)).unwrap();
    assert!(rows
        .iter()
        .all(|r| r.status != nabij_store::outbox::OutboxStatus::Sent));
    assert!(
        rows.iter().any(|r| r.attempts >= 2 && r.last_error.is_some()),
        "{rows:?}"
    );
    assert!(rows
        .iter()
        .all(|r| r.status != nabij_store::outbox::OutboxStatus::Dead));
    sink.restart();
    assert!(wait_until(Duration::from_secs(30), || statuses(&ctx.store, org)
        .get("sent")
        == Some(&30)));
    stop.trigger();
    let stats = handle.join().unwrap();
    assert_eq!(stats.sent, 30, "{stats:?}");
    assert!(stats.retried >= 2, "{stats:?}");
    let got = sink.received();
    let ids: HashSet<String> = got.iter().map(|r| r.message_id.clone()).collect();
    assert_eq!(ids, unique_ids(&ctx.store, org));
    assert_eq!(got.len(), 30, "a message arrived twice");
}

fn a_connection_broken_after_acceptance_resends_with_the_same_message_id(ctx: Ctx) {
    let sink = SmtpSink::start(SinkOptions {
        hangup_after: vec![3],
        ..SinkOptions::default()
    });
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "hangup", 10);
    let w = worker(&ctx.store, sink.port, fast_config());
    assert!(wait_until(Duration::from_secs(20), || {
        w.run_once().unwrap();
        statuses(&ctx.store, org).get("sent") == Some(&10)
    }));
    let got = sink.received();
    assert_eq!(got.len(), 11, "the broken one is sent again");
    assert_eq!(sink.eml_count(), 11);
    let mut count: HashMap<&str, usize> = HashMap::new();
    for r in &got {
        *count.entry(r.message_id.as_str()).or_default() += 1;
    }
    assert_eq!(count.len(), 10);
    let twice: Vec<_> = count.iter().filter(|(_, n)| **n == 2).collect();
    assert_eq!(twice.len(), 1, "{count:?}");
    let ids: HashSet<String> = count.keys().map(|s| s.to_string()).collect();
    assert_eq!(ids, unique_ids(&ctx.store, org));
    // The resent one is the same message, byte for byte in what matters.
    let dup: Vec<_> = got.iter().filter(|r| r.message_id == *twice[0].0).collect();
    assert_eq!((&dup[0].subject, &dup[0].text), (&dup[1].subject, &dup[1].text));
}

fn a_message_that_keeps_failing_ends_dead_and_can_be_requeued(ctx: Ctx) {
    let sink = SmtpSink::start(SinkOptions {
        reject: vec!["dead-1@example.org".to_string()],
        ..SinkOptions::default()
    });
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "dead", 3);
    let config = WorkerConfig {
        max_attempts: 3,
        ..fast_config()
    };
    let w = worker(&ctx.store, sink.port, config);
    assert!(wait_until(Duration::from_secs(20), || {
        w.run_once().unwrap();
        statuses(&ctx.store, org).get("dead") == Some(&1)
    }));
    assert_eq!(statuses(&ctx.store, org).get("sent"), Some(&2));
    let dead = ctx.store.read(|c| outbox::list_dead(c, org, None, 100)).unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].recipient, "dead-1@example.org");
    assert_eq!(dead[0].attempts, 3);
    assert!(
        dead[0].last_error.as_deref().unwrap_or("").contains("550"),
        "{dead:?}"
    );
    // No more attempts once dead.
    w.run_once().unwrap();
    assert_eq!(
        ctx.store
            .read(|c| outbox::get(c, org, dead[0].id))
            .unwrap()
            .attempts,
        3
    );
    // Another organisation cannot touch it; a sent message cannot be re-queued.
    let other = crate::common::org(&ctx.store, "deerlijk", "nl");
    assert!(ctx
        .store
        .write(|c| outbox::requeue(c, other, dead[0].id))
        .is_err());
    let again = ctx.store.write(|c| outbox::requeue(c, org, dead[0].id)).unwrap();
    assert_eq!((again.status.as_str(), again.attempts), ("pending", 0));
    assert_eq!(again.message_id, dead[0].message_id);
    assert!(ctx
        .store
        .read(|c| outbox::list_dead(c, org, None, 100))
        .unwrap()
        .is_empty());
    let sent = ctx
        .store
        .read(|c| outbox::list(c, org, Some("sent"), None, 100))
        .unwrap();
    let r = ctx.store.write(|c| outbox::requeue(c, org, sent[0].id));
    assert!(
        matches!(r, Err(nabij_store::StoreError::Conflict(ref c)) if c == "not_dead"),
        "{r:?}"
    );
}

fn a_worker_that_dies_after_claiming_loses_nothing(ctx: Ctx) {
    let sink = SmtpSink::start(SinkOptions::default());
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "crash", 10);
    // Worker A claims everything with a short lease, then dies before sending.
    let store = ctx.store.clone();
    let claimed = std::thread::spawn(move || {
        let mut conn = store.conn().unwrap();
        outbox::claim_due(&mut conn, clock::now(), 100, chrono::Duration::milliseconds(1500)).unwrap()
    })
    .join()
    .unwrap();
    assert_eq!(claimed.len(), 10);
    let b = worker(&ctx.store, sink.port, fast_config());
    // While A's lease holds, B leaves the messages alone.
    assert_eq!(b.run_once().unwrap().claimed, 0);
    assert!(sink.received().is_empty());
    std::thread::sleep(Duration::from_millis(1600));
    let stats = b.run_once().unwrap();
    assert_eq!((stats.claimed, stats.sent), (10, 10), "{stats:?}");
    let got = sink.received();
    let ids: HashSet<String> = got.iter().map(|r| r.message_id.clone()).collect();
    assert_eq!(got.len(), 10);
    assert_eq!(ids, unique_ids(&ctx.store, org));
    // Should A come back to life, its stale outcome is ignored.
    let late = ctx
        .store
        .write(|c| outbox::complete_failed(c, &claimed[0], "late", Some(clock::now())))
        .unwrap();
    assert!(!late);
    let rows = ctx.store.read(|c| outbox::list(c, org, None, None, 100)).unwrap();
    assert!(
        rows.iter()
            .all(|r| r.status == nabij_store::outbox::OutboxStatus::Sent && r.attempts == 2),
        "{rows:?}"
    );
}

fn two_workers_never_send_the_same_message(ctx: Ctx) {
    let sink = SmtpSink::start(SinkOptions::default());
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "pair", 120);
    // Two instances: each its own pool, as two API processes would have.
    let second = ctx.db.store(4);
    let config = WorkerConfig {
        batch_size: 5,
        ..fast_config()
    };
    let stop = Shutdown::new();
    let handles: Vec<_> = [ctx.store.clone(), second]
        .into_iter()
        .map(|s| {
            Arc::new(worker(&s, sink.port, config.clone()))
                .spawn(stop.clone())
                .unwrap()
        })
        .collect();
    let done = wait_until(Duration::from_secs(60), || {
        statuses(&ctx.store, org).get("sent") == Some(&120)
    });
    stop.trigger();
    let stats: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(done, "{stats:?}");
    assert_eq!(stats.iter().map(|s| s.sent).sum::<usize>(), 120, "{stats:?}");
    assert!(stats.iter().all(|s| s.lease_lost == 0), "{stats:?}");
    let got = sink.received();
    let ids: HashSet<String> = got.iter().map(|r| r.message_id.clone()).collect();
    assert_eq!(got.len(), 120, "a message was sent twice");
    assert_eq!(ids, unique_ids(&ctx.store, org));
}

fn smtp_credentials_are_used(ctx: Ctx) {
    let sink = SmtpSink::start(SinkOptions {
        auth: Some(("buren".to_string(), "geheim".to_string())),
        ..SinkOptions::default()
    });
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "auth", 1);
    let with = |password: &str| {
        let mut mail = smtp_settings(sink.port);
        if let nabij_notify::TransportSettings::Smtp(s) = &mut mail.transport {
            s.username = Some("buren".to_string());
            s.password = Some(password.to_string());
        }
        nabij_notify::Worker::from_settings(ctx.store.clone(), &mail, fast_config()).unwrap()
    };
    let stats = with("fout").run_once().unwrap();
    assert_eq!((stats.sent, stats.retried), (0, 1), "{stats:?}");
    let row = &ctx.store.read(|c| outbox::list(c, org, None, None, 10)).unwrap()[0];
    assert!(row.last_error.as_deref().unwrap_or("").contains("535"), "{row:?}");
    assert!(!row.last_error.as_deref().unwrap_or("").contains("fout"));
    assert!(sink.received().is_empty());
    let w = with("geheim");
    assert!(wait_until(Duration::from_secs(10), || w.run_once().unwrap().sent == 1));
    assert_eq!(sink.received().len(), 1);
}

fn starttls_with_credentials_to_a_trusted_certificate(ctx: Ctx) {
    let certs = tempfile::tempdir().unwrap();
    let (ca, cert, key) = crate::sink::test_pki(certs.path());
    let sink = SmtpSink::start(SinkOptions {
        auth: Some(("buren".to_string(), "geheim".to_string())),
        tls: Some((cert, key)),
        ..SinkOptions::default()
    });
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "tls", 2);
    let with = |ca: Option<&std::path::Path>| {
        let mail = nabij_notify::MailSettings {
            from: "Buurtwerk <buren@nabij.test>".to_string(),
            message_id_domain: None,
            transport: nabij_notify::TransportSettings::Smtp(nabij_notify::SmtpSettings {
                security: nabij_notify::Security::Starttls,
                username: Some("buren".to_string()),
                password: Some("geheim".to_string()),
                ca_file: ca.map(|p| p.to_path_buf()),
                timeout_secs: 5,
                ..nabij_notify::SmtpSettings::plain("127.0.0.1", sink.port)
            }),
        };
        nabij_notify::Worker::from_settings(ctx.store.clone(), &mail, fast_config()).unwrap()
    };
    // A certificate nobody vouches for is refused: nothing is sent, all is retried.
    let stats = with(None).run_once().unwrap();
    assert_eq!(stats.sent, 0, "{stats:?}");
    assert!(sink.received().is_empty());
    let w = with(Some(&ca));
    let sent = wait_until(Duration::from_secs(10), || {
        w.run_once().unwrap();
        statuses(&ctx.store, org).get("sent") == Some(&2)
    });
    let rows = ctx.store.read(|c| outbox::list(c, org, None, None, 10)).unwrap();
    assert!(
        sent,
        "{:?}",
        rows.iter().map(|r| &r.last_error).collect::<Vec<_>>()
    );
    assert_eq!(sink.received().len(), 2);
}
