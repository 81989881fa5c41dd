//! Accounts, neighbourhoods, outbox and jobs on both backends, and connection setup.

use crate::common::{org, Ctx};
use nabij_store::client::NewClient;
use nabij_store::job::JobStatus;
use nabij_store::neighbourhood::NewNeighbourhood;
use nabij_store::outbox::NewMessage;
use nabij_store::user::{NewUser, Role};
use nabij_store::{
    client, clock, job, neighbour as nb, neighbourhood, outbox, user, Store, StoreError, StoreOptions,
};

const HASH: &str = nabij_store::testing::UNUSABLE_PASSWORD_HASH;

crate::on_both_backends!(
    accounts_are_global_for_login_and_scoped_otherwise: 2,
    neighbourhoods_scope_neighbours: 2,
    outbox_claims_each_message_once: 2,
    jobs_run_one_at_a_time: 2,
);

fn accounts_are_global_for_login_and_scoped_otherwise(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let b = org(&ctx.store, "hamont-achel");
    ctx.store
        .write(|c| {
            let u = user::create(
                c,
                a,
                &NewUser {
                    email: " Coord@Pelt.be ".into(),
                    password_hash: HASH.into(),
                    role: Role::Coordinator,
                    neighbourhood_ids: None,
                },
            )?;
            assert_eq!(u.email, "coord@pelt.be");
            assert_eq!(user::by_email(c, "COORD@pelt.be")?.id, u.id);
            assert!(matches!(user::get(c, b, u.id), Err(StoreError::NotFound)));
            Ok(())
        })
        .unwrap();
    // A failed statement ends the transaction on PostgreSQL: try it in its own.
    let dup = ctx.store.write(|c| {
        user::create(
            c,
            b,
            &NewUser {
                email: "coord@pelt.be".into(),
                password_hash: HASH.into(),
                role: Role::Admin,
                neighbourhood_ids: None,
            },
        )
    });
    assert!(
        matches!(&dup, Err(StoreError::Conflict(code)) if code == "duplicate"),
        "{dup:?}"
    );
    ctx.store
        .write(|c| {
            let cl = client::create(
                c,
                a,
                &NewClient {
                    client_id: "buurtapp".into(),
                    secret_hash: HASH.into(),
                    scopes: vec!["requests:write".into()],
                    name: "App".into(),
                },
            )?;
            assert!(client::by_client_id(c, "buurtapp")?.has_scope("requests:write"));
            assert!(matches!(client::get(c, b, cl.id), Err(StoreError::NotFound)));
            let plain = NewClient {
                client_id: "x".into(),
                secret_hash: "plain".into(),
                scopes: vec![],
                name: "X".into(),
            };
            assert!(matches!(
                client::create(c, a, &plain),
                Err(StoreError::Invalid(_))
            ));
            Ok(())
        })
        .unwrap();
}

fn neighbourhoods_scope_neighbours(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let b = org(&ctx.store, "deerlijk");
    ctx.store
        .write(|c| {
            let centre = neighbourhood::create(
                c,
                a,
                &NewNeighbourhood {
                    name: "Centrum".into(),
                    centre_lat: 51.2167,
                    centre_lon: 5.4167,
                    radius_m: 1500.0,
                },
            )?;
            let far = neighbourhood::create(
                c,
                a,
                &NewNeighbourhood {
                    name: "Sint-Huibrechts-Lille".into(),
                    centre_lat: 51.25,
                    centre_lon: 5.49,
                    radius_m: 1500.0,
                },
            )?;
            let n = nb::create(c, a, &crate::common::new_neighbour("An", 51.2170, 5.4170, 1))?;
            assert_eq!(n.neighbourhood_id, Some(centre.id), "located from the position");
            assert_eq!(nb::get_visible(c, a, n.id, Some(&[centre.id]))?.id, n.id);
            assert!(matches!(
                nb::get_visible(c, a, n.id, Some(&[far.id])),
                Err(StoreError::NotFound)
            ));
            let filter = nb::NeighbourFilter {
                neighbourhoods: Some(vec![far.id]),
                limit: 10,
                ..Default::default()
            };
            assert!(nb::list(c, a, &filter)?.is_empty());
            assert!(matches!(
                neighbourhood::get(c, b, centre.id),
                Err(StoreError::NotFound)
            ));
            let mut form = crate::common::new_neighbour("Bo", 51.2, 5.4, 1);
            form.neighbourhood_id = Some(centre.id);
            assert!(
                matches!(
                    nb::create(c, b, &form),
                    Err(StoreError::UnknownReference("neighbourhood_id"))
                ),
                "another organisation's neighbourhood"
            );
            Ok(())
        })
        .unwrap();
}

fn outbox_claims_each_message_once(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let msg = NewMessage {
        message_id: "<m1@nabij>".into(),
        recipient: "an@example.org".into(),
        language: "nl".into(),
        template: "match_proposed".into(),
        payload: serde_json::json!({"match_id": 1}),
    };
    let id = ctx.store.write(|c| outbox::enqueue(c, a, &msg)).unwrap().id;
    let dup = ctx.store.write(|c| outbox::enqueue(c, a, &msg));
    assert!(matches!(dup, Err(StoreError::Conflict(_))));
    let now = clock::now();
    let lease = chrono::Duration::minutes(5);
    let first = ctx.store.write(|c| outbox::claim_due(c, now, 10, lease)).unwrap();
    assert_eq!(
        first.iter().map(|m| (m.id, m.attempts)).collect::<Vec<_>>(),
        vec![(id, 1)]
    );
    assert!(
        ctx.store
            .write(|c| outbox::claim_due(c, now, 10, lease))
            .unwrap()
            .is_empty(),
        "leased"
    );
    let retry = now + chrono::Duration::minutes(1);
    ctx.store
        .write(|c| outbox::mark_failed(c, id, "smtp down", Some(retry)))
        .unwrap();
    assert!(
        ctx.store
            .write(|c| outbox::claim_due(c, now, 10, lease))
            .unwrap()
            .is_empty(),
        "not due yet"
    );
    let again = ctx
        .store
        .write(|c| outbox::claim_due(c, retry, 10, lease))
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].last_error.as_deref(), Some("smtp down"));
    // An expired lease is claimed again.
    let after_lease = retry + lease + chrono::Duration::seconds(1);
    assert_eq!(
        ctx.store
            .write(|c| outbox::claim_due(c, after_lease, 10, lease))
            .unwrap()
            .len(),
        1
    );
    ctx.store
        .write(|c| outbox::mark_sent(c, id, after_lease))
        .unwrap();
    let later = after_lease + chrono::Duration::hours(1);
    assert!(ctx
        .store
        .write(|c| outbox::claim_due(c, later, 10, lease))
        .unwrap()
        .is_empty());
}

fn jobs_run_one_at_a_time(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let stale = chrono::Duration::minutes(10);
    let j = ctx.store.write(|c| job::start(c, a, "rematch", stale)).unwrap();
    let second = ctx.store.write(|c| job::start(c, a, "rematch", stale));
    assert!(
        matches!(&second, Err(StoreError::Conflict(code)) if code == "job_running"),
        "{second:?}"
    );
    ctx.store.write(|c| job::heartbeat(c, a, j.id, 0.5)).unwrap();
    ctx.store
        .write(|c| {
            job::finish(
                c,
                a,
                j.id,
                JobStatus::Succeeded,
                Some(&serde_json::json!({"matched": 3})),
            )
        })
        .unwrap();
    let done = ctx.store.read(|c| job::latest(c, a, "rematch")).unwrap().unwrap();
    assert_eq!((done.status.as_str(), done.progress), ("succeeded", 0.5));
    assert!(ctx
        .store
        .read(|c| job::running(c, a, "rematch"))
        .unwrap()
        .is_none());
    let b = org(&ctx.store, "moorslede");
    assert!(matches!(
        ctx.store.read(|c| job::get(c, b, j.id)),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn sqlite_url_forms_and_missing_directories() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/a/b/nabij.sqlite3", dir.path().display());
    let store = Store::open(&url).unwrap();
    store.migrate().unwrap();
    assert!(store.migrations_current().unwrap());
    assert!(dir.path().join("a/b/nabij.sqlite3").is_file());
    use diesel::prelude::*;
    let mut conn = store.conn().unwrap();
    let mut pragma = |name: &str| -> String {
        let column = if name == "busy_timeout" { "timeout" } else { name };
        let q = format!("CAST({column} AS TEXT) FROM pragma_{name}()");
        diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(&q))
            .get_result(&mut *conn)
            .unwrap()
    };
    assert_eq!(pragma("journal_mode"), "wal");
    assert_eq!(pragma("synchronous"), "2", "FULL");
    assert_eq!(pragma("foreign_keys"), "1");
    assert_eq!(pragma("busy_timeout"), "5000");
}

#[test]
fn unreachable_database_is_unavailable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let opts = StoreOptions {
        connection_timeout: std::time::Duration::from_millis(300),
        ..StoreOptions::default()
    };
    let err = Store::open_with(&format!("postgres://nobody@127.0.0.1:{port}/none"), opts).unwrap_err();
    assert!(err.is_unavailable(), "{err:?}");
    assert_eq!(err.code(), "database_unavailable");
    assert!(
        !err.to_string().contains("127.0.0.1"),
        "no connection details in Display: {err}"
    );
}

/// SQLite writers take turns before they take a pooled connection: a writer waiting
/// behind a long write transaction does not hold one, so reads go on (before, it held
/// a connection while SQLite's busy handler polled, and under a steady stream of writes
/// could lose for longer than `busy_timeout`: "database is locked", 503).
#[test]
fn sqlite_writers_waiting_for_their_turn_hold_no_connection() {
    use std::sync::mpsc;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("gate.sqlite3").display().to_string();
    let store = Store::open_with(
        &url,
        StoreOptions {
            max_connections: Some(2),
            connection_timeout: Duration::from_secs(2),
        },
    )
    .unwrap();
    store.migrate().unwrap();
    let (started, in_write) = mpsc::channel();
    let long = {
        let store = store.clone();
        std::thread::spawn(move || {
            store.write(|_| {
                started.send(()).unwrap();
                std::thread::sleep(Duration::from_millis(600));
                Ok(())
            })
        })
    };
    in_write.recv().unwrap();
    let queued = {
        let store = store.clone();
        std::thread::spawn(move || store.write(|_| Ok(Instant::now())))
    };
    std::thread::sleep(Duration::from_millis(100));
    // Both connections would be taken by the two writers without the gate.
    let t = Instant::now();
    store.read(nabij_store::organisation::list).unwrap();
    let read_took = t.elapsed();
    let read_done = Instant::now();
    long.join().unwrap().unwrap();
    let second_ran = queued.join().unwrap().unwrap();
    assert!(
        read_took < Duration::from_millis(300),
        "the read waited {read_took:?}"
    );
    assert!(second_ran > read_done, "the second writer waited for its turn");
}

/// Every match operation reads the match's members; SQLite must find them through the
/// match, not by searching every member of the organisation (which made proposals,
/// acceptances and closes slower as matches accumulated).
#[test]
fn sqlite_finds_the_members_of_a_match_by_the_match() {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Plan {
        #[diesel(sql_type = diesel::sql_types::Text)]
        detail: String,
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("plan.sqlite3").display().to_string()).unwrap();
    store.migrate().unwrap();
    let mut conn = store.conn().unwrap();
    let nabij_store::DbConnection::Sqlite(c) = &mut *conn else {
        panic!("not SQLite")
    };
    for sql in [
        // `matching::members`
        "SELECT * FROM match_members WHERE organisation_id = 1 AND match_id = 2 ORDER BY neighbour_id",
        // `matching::met_before`
        "SELECT neighbour_id FROM match_members WHERE organisation_id = 1 AND match_id IN (2, 3) AND neighbour_id != 4",
    ] {
        let plan: Vec<Plan> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}")).load(c).unwrap();
        let text = plan.iter().map(|p| p.detail.as_str()).collect::<Vec<_>>().join("; ");
        assert!(text.contains("match_id=?"), "{sql}: {text}");
    }
}
