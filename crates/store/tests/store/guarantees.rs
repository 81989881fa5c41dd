//! Guarantees of the store: migrations, tenant isolation, append-only audit, atomic
//! transactions, erasure, idempotency keys.

use crate::common::{neighbour, org, request, Ctx};
use diesel::prelude::*;
use nabij_store::audit::NewAudit;
use nabij_store::exchange::NewExchange;
use nabij_store::idempotency::{KeyScope, Lookup};
use nabij_store::matching::{FollowUp, MatchStatus};
use nabij_store::neighbour::NeighbourUpdate;
use nabij_store::referral::{NewReferral, ReferralReason};
use nabij_store::service::NewService;
use nabij_store::{
    audit, clock, counts, erasure, exchange, idempotency, matching, neighbour as nb, referral, request as rq,
    schema, service, NeighbourId, StoreError,
};

crate::on_both_backends!(
    migrations_run_and_are_current: 2,
    other_organisations_ids_are_not_found: 4,
    audit_log_is_append_only: 2,
    failed_transaction_leaves_no_partial_write: 2,
    erasure_removes_personal_data_and_keeps_counts: 4,
    idempotency_keys_replay_mismatch_and_in_flight: 4,
);

fn migrations_run_and_are_current(ctx: Ctx) {
    assert!(ctx.store.migrations_current().unwrap());
    assert!(
        ctx.store.migrate().unwrap().is_empty(),
        "second run applies nothing"
    );
    ctx.store.ping().unwrap();
    assert_eq!(ctx.store.backend(), ctx.db.backend);
    // A fresh pool on the same database sees the same state.
    let again = nabij_store::Store::open(&ctx.db.url).unwrap();
    assert!(again.migrations_current().unwrap());
}

fn other_organisations_ids_are_not_found(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let b = org(&ctx.store, "deerlijk");
    let (n1, n2, req, m, svc) = ctx
        .store
        .write(|c| {
            let n1 = neighbour(c, a, "An", 0, 2);
            let n2 = neighbour(c, a, "Bert", 1, 2);
            let req = request(c, a, n1);
            let m = matching::propose(c, a, req, &[n2])?.row.id;
            let svc = service::create(
                c,
                a,
                &NewService {
                    name: "OCMW".into(),
                    ..Default::default()
                },
            )?
            .id;
            Ok((n1, n2, req, m, svc))
        })
        .unwrap();
    let missing = NeighbourId(n2.0 + 1000);
    ctx.store
        .write(|c| {
            let nf = |r: Result<(), StoreError>| assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
            nf(nb::get(c, b, n1).map(drop));
            nf(nb::get(c, a, missing).map(drop));
            nf(nb::update(
                c,
                b,
                n1,
                &NeighbourUpdate {
                    paused: Some(true),
                    ..Default::default()
                },
            )
            .map(drop));
            nf(rq::get(c, b, req).map(drop));
            nf(rq::create(c, b, &crate::common::new_request(n1)).map(drop));
            nf(matching::get(c, b, m).map(drop));
            nf(matching::accept(c, b, m, n2).map(drop));
            nf(matching::decline(c, b, m, n2).map(drop));
            nf(matching::close(c, b, m, &FollowUp::default()).map(drop));
            nf(service::get(c, b, svc).map(drop));
            let bn = neighbour(c, b, "Carla", 2, 1);
            let breq = request(c, b, bn);
            nf(matching::propose(c, b, breq, &[n1]).map(drop));
            nf(matching::propose(c, b, req, &[bn]).map(drop));
            let ex = NewExchange {
                from_id: bn,
                to_id: n1,
                kind: nabij_engine::reciprocity::ExchangeKind::Help,
                match_id: None,
                at: None,
            };
            nf(exchange::create(c, b, &ex).map(drop));
            let referral = NewReferral {
                request_id: req,
                service_id: None,
                reason: ReferralReason::NoMatch,
                created_by: "user:2".into(),
            };
            nf(referral::create(c, b, &referral).map(drop));
            let referral = NewReferral {
                request_id: breq,
                service_id: Some(svc),
                ..referral
            };
            // Named in the input rather than the resource acted on: an unknown
            // reference to the field (the API answers 422), exactly as for a missing one.
            let r = referral::create(c, b, &referral).map(drop);
            assert!(
                matches!(r, Err(StoreError::UnknownReference("service_id"))),
                "{r:?}"
            );
            nf(erasure::erase(c, b, n1).map(drop));
            nf(nabij_store::export::neighbour(c, b, n1).map(drop));
            let listed = nb::list(
                c,
                b,
                &nb::NeighbourFilter {
                    limit: 100,
                    ..Default::default()
                },
            )?;
            assert_eq!(listed.iter().map(|n| n.id).collect::<Vec<_>>(), vec![bn]);
            assert!(service::list(c, b, None, 100)?.is_empty());
            assert_eq!(nb::load_profiles(c, b, chrono::Utc::now())?.len(), 1);
            Ok(())
        })
        .unwrap();
    // Nothing in organisation a changed.
    let n = ctx.store.read(|c| nb::get(c, a, n1)).unwrap();
    assert!(!n.paused);
}

fn audit_log_is_append_only(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let entry = ctx
        .store
        .write(|c| {
            let n = neighbour(c, a, "An", 0, 1);
            audit::record(
                c,
                a,
                &NewAudit {
                    actor: "user:1".into(),
                    action: "neighbour_read".into(),
                    subject_neighbour_id: Some(n),
                    detail: String::new(),
                },
            )
        })
        .unwrap();
    let update = ctx.store.write(|c| {
        Ok(diesel::update(schema::audit_log::table.find(entry.id))
            .set(schema::audit_log::action.eq("tampered"))
            .execute(c)?)
    });
    assert!(update.is_err(), "UPDATE must fail: {update:?}");
    let delete = ctx
        .store
        .write(|c| Ok(diesel::delete(schema::audit_log::table.find(entry.id)).execute(c)?));
    assert!(delete.is_err(), "DELETE must fail: {delete:?}");
    let delete_all = ctx
        .store
        .write(|c| Ok(diesel::delete(schema::audit_log::table).execute(c)?));
    assert!(delete_all.is_err(), "DELETE must fail: {delete_all:?}");
    let rows = ctx.store.read(|c| audit::list(c, a, None, 10)).unwrap();
    assert_eq!(rows, vec![entry]);
    // The error says nothing about SQL to a client.
    let shown = update.unwrap_err().to_string();
    assert_eq!(shown, "database error");
}

fn failed_transaction_leaves_no_partial_write(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let out = ctx.store.write(|c| {
        let n = neighbour(c, a, "An", 0, 1);
        audit::record(
            c,
            a,
            &NewAudit {
                actor: "user:1".into(),
                action: "neighbour_created".into(),
                subject_neighbour_id: Some(n),
                detail: String::new(),
            },
        )?;
        // A database-level failure halfway: a request for a neighbour that does not exist.
        rq::create(c, a, &crate::common::new_request(NeighbourId(n.0 + 99)))?;
        Ok(n)
    });
    assert!(matches!(out, Err(StoreError::NotFound)), "{out:?}");
    let out = ctx.store.write(|c| {
        neighbour(c, a, "Bert", 1, 1);
        Err::<(), _>(StoreError::invalid("changed my mind"))
    });
    assert!(out.is_err());
    let (neighbours, audits) = ctx
        .store
        .read(|c| {
            let n: i64 = schema::neighbours::table.count().get_result(c)?;
            let l: i64 = schema::audit_log::table.count().get_result(c)?;
            Ok((n, l))
        })
        .unwrap();
    assert_eq!((neighbours, audits), (0, 0));
}

fn erasure_removes_personal_data_and_keeps_counts(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let (gone, companion, req, m) = ctx
        .store
        .write(|c| {
            let gone = neighbour(c, a, "Gone", 0, 1);
            let companion = neighbour(c, a, "Stays", 1, 1);
            let req = request(c, a, gone);
            let m = matching::propose(c, a, req, &[companion])?.row.id;
            matching::accept(c, a, m, gone)?;
            matching::accept(c, a, m, companion)?;
            let ex = NewExchange {
                from_id: companion,
                to_id: gone,
                kind: nabij_engine::reciprocity::ExchangeKind::Help,
                match_id: Some(m),
                at: None,
            };
            exchange::create(c, a, &ex)?;
            audit::record(
                c,
                a,
                &NewAudit {
                    actor: "user:1".into(),
                    action: "neighbour_read".into(),
                    subject_neighbour_id: Some(gone),
                    detail: String::new(),
                },
            )?;
            Ok((gone, companion, req, m))
        })
        .unwrap();
    assert_eq!(
        ctx.store
            .read(|c| nb::get(c, a, companion))
            .unwrap()
            .active_matches,
        1
    );
    let summary = ctx.store.write(|c| erasure::erase(c, a, gone)).unwrap();
    assert_eq!((summary.requests_cancelled, summary.matches_ended), (1, 1));
    ctx.store
        .read(|c| {
            assert!(matches!(nb::get(c, a, gone), Err(StoreError::NotFound)));
            let t = nb::get_any(c, a, gone)?;
            assert_eq!(t.display_name, erasure::ERASED_NAME);
            assert_eq!((t.email, t.phone, t.lat, t.lon), (None, None, None, None));
            assert!(t.erased_at.is_some());
            assert_eq!(t.interests, "[]");
            let r = rq::get(c, a, req)?;
            assert_eq!(
                (r.text.as_str(), r.lat, r.status.as_str()),
                ("", None, "cancelled")
            );
            assert_eq!(matching::get(c, a, m)?.status, MatchStatus::Closed);
            assert_eq!(nb::get(c, a, companion)?.active_matches, 0);
            assert_eq!(audit::for_subject(c, a, gone)?.len(), 1, "audit rows stay");
            let month = clock::month(clock::now());
            assert_eq!(counts::get(c, a, &month, "neighbours_erased")?, 1);
            assert_eq!(counts::get(c, a, &month, "requests_of_erased")?, 1);
            let ids: Vec<u64> = nb::load_profiles(c, a, chrono::Utc::now())?
                .iter()
                .map(|p| p.id.0)
                .collect();
            assert_eq!(ids, vec![companion.0 as u64]);
            assert!(matches!(
                nabij_store::export::neighbour(c, a, gone),
                Err(StoreError::NotFound)
            ));
            Ok(())
        })
        .unwrap();
    // A second erasure finds nobody; a second erasure elsewhere adds to the count.
    assert!(matches!(
        ctx.store.write(|c| erasure::erase(c, a, gone)),
        Err(StoreError::NotFound)
    ));
    ctx.store.write(|c| erasure::erase(c, a, companion)).unwrap();
    let month = clock::month(clock::now());
    assert_eq!(
        ctx.store
            .read(|c| counts::get(c, a, &month, "neighbours_erased"))
            .unwrap(),
        2
    );
}

fn idempotency_keys_replay_mismatch_and_in_flight(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let b = org(&ctx.store, "moorslede");
    let k = KeyScope::new("user:1", "POST /v1/requests", "abc-123").unwrap();
    let now = clock::now();
    ctx.store
        .write(|c| {
            assert_eq!(idempotency::lookup(c, a, &k, "h1", now)?, Lookup::New);
            idempotency::record(c, a, &k, "h1", 201, r#"{"id":1}"#, now)?;
            Ok(())
        })
        .unwrap();
    ctx.store
        .write(|c| {
            assert_eq!(
                idempotency::lookup(c, a, &k, "h1", now)?,
                Lookup::Replay {
                    status_code: 201,
                    body: r#"{"id":1}"#.into()
                }
            );
            assert_eq!(idempotency::lookup(c, a, &k, "h2", now)?, Lookup::Mismatch);
            // Scoped: other organisation, caller or route do not see it.
            assert_eq!(idempotency::lookup(c, b, &k, "h1", now)?, Lookup::New);
            let other_caller = KeyScope::new("client:app", "POST /v1/requests", "abc-123")?;
            assert_eq!(idempotency::lookup(c, a, &other_caller, "h1", now)?, Lookup::New);
            let other_route = KeyScope::new("user:1", "POST /v1/neighbours", "abc-123")?;
            assert_eq!(idempotency::lookup(c, a, &other_route, "h1", now)?, Lookup::New);
            Ok(())
        })
        .unwrap();
    // Recording the same key twice is refused.
    let again = ctx
        .store
        .write(|c| idempotency::record(c, a, &k, "h1", 201, "{}", now));
    assert!(
        matches!(&again, Err(StoreError::Conflict(code)) if code == "idempotency_in_flight"),
        "{again:?}"
    );
    // Reserve → in flight → complete → replay.
    let k2 = KeyScope::new("user:1", "POST /v1/requests", "def-456").unwrap();
    ctx.store
        .write(|c| idempotency::reserve(c, a, &k2, "h3", now))
        .unwrap();
    assert_eq!(
        ctx.store
            .write(|c| idempotency::lookup(c, a, &k2, "h3", now))
            .unwrap(),
        Lookup::InFlight
    );
    let taken = ctx.store.write(|c| idempotency::reserve(c, a, &k2, "h3", now));
    assert!(
        matches!(&taken, Err(StoreError::Conflict(code)) if code == "idempotency_in_flight"),
        "{taken:?}"
    );
    ctx.store
        .write(|c| idempotency::complete(c, a, &k2, 200, "ok"))
        .unwrap();
    assert_eq!(
        ctx.store
            .write(|c| idempotency::lookup(c, a, &k2, "h3", now))
            .unwrap(),
        Lookup::Replay {
            status_code: 200,
            body: "ok".into()
        }
    );
    // After 24 h a key is forgotten.
    let later = now + chrono::Duration::hours(25);
    assert_eq!(
        ctx.store
            .write(|c| idempotency::lookup(c, a, &k, "h1", later))
            .unwrap(),
        Lookup::New
    );
    assert_eq!(
        ctx.store.write(|c| idempotency::purge_expired(c, later)).unwrap(),
        1
    );
    assert!(KeyScope::new("u", "r", "").is_err());
    assert!(KeyScope::new("u", "r", "with space").is_err());
}
