//! Enqueueing: who hears of which event, in which language, and only once; in the
//! transaction of the change; follow-ups after `follow_up_days`; the phone list.

use crate::common::*;
use nabij_notify::outbox::enqueue_event;
use nabij_notify::{calls, follow_up, Event, NotifyError};
use nabij_store::matching::{self, FollowUp};
use nabij_store::referral::{self, NewReferral, ReferralReason};
use nabij_store::user::Role;
use nabij_store::{clock, outbox, OrgId, Store};
use std::collections::BTreeSet;

crate::on_both_backends!(
    every_event_is_told_to_the_people_concerned_once: 2,
    a_rolled_back_change_leaves_no_message: 2,
);

/// (recipient, template, language) of the rows after `after` rows.
fn rows_since(store: &Store, org: OrgId, after: usize) -> BTreeSet<(String, String, String)> {
    let rows = store.read(|c| outbox::list(c, org, None, None, 1000)).unwrap();
    for r in &rows {
        assert!(
            !r.payload.contains("heup") && !r.payload.contains("Kerkstraat"),
            "{}",
            r.payload
        );
    }
    rows.into_iter()
        .skip(after)
        .map(|r| (r.recipient, r.template, r.language))
        .collect()
}

fn set(items: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    items
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

fn tell(store: &Store, org: OrgId, e: Event) -> nabij_notify::outbox::Enqueued {
    store
        .write_as::<_, NotifyError, _>(|c| enqueue_event(c, org, &e))
        .unwrap()
}

fn every_event_is_told_to_the_people_concerned_once(ctx: Ctx) {
    let s = &ctx.store;
    let org = org(s, "pelt", "nl");
    let (anna, benoit, dirk) = s
        .write(|c| {
            account(c, org, "admin@nabij.test", Role::Admin);
            account(c, org, "coord@nabij.test", Role::Coordinator);
            Ok((
                neighbour(c, org, "Anna", Some("anna@example.org"), "nl", 0),
                neighbour(c, org, "Benoît", Some("benoit@example.org"), "fr", 1),
                neighbour(c, org, "Dirk", None, "nl", 2),
            ))
        })
        .unwrap();
    let coord = ("coord@nabij.test", "nl");

    // Proposed, accepted: both residents and the coordinator (not the admin).
    let req = s.write(|c| Ok(request(c, org, anna))).unwrap();
    let m = s
        .write(|c| matching::propose(c, org, req, &[benoit]))
        .unwrap()
        .row
        .id;
    assert_eq!(tell(s, org, Event::MatchProposed(m)).emails, 3);
    let mut seen = 3;
    assert_eq!(
        rows_since(s, org, 0),
        set(&[
            ("anna@example.org", "match_proposed.neighbour", "nl"),
            ("benoit@example.org", "match_proposed.neighbour", "fr"),
            (coord.0, "match_proposed.coordinator", coord.1),
        ])
    );
    s.write(|c| {
        matching::accept(c, org, m, anna)?;
        matching::accept(c, org, m, benoit)
    })
    .unwrap();
    assert_eq!(tell(s, org, Event::MatchAccepted(m)).emails, 3);
    assert!(tell(s, org, Event::MatchAccepted(m)).already_told);
    assert_eq!(rows_since(s, org, seen).len(), 3);
    seen += 3;

    // The follow-up comes follow_up_days (14) after activation, to the coordinator only,
    // once however often the scheduler runs.
    let due = |days: i64| {
        s.write_as::<_, NotifyError, _>(|c| {
            follow_up::enqueue_due(c, org, clock::now() + chrono::Duration::days(days))
        })
        .unwrap()
    };
    assert_eq!(due(13), 0);
    assert_eq!(due(15), 1);
    assert_eq!(due(16), 0);
    assert_eq!(
        rows_since(s, org, seen),
        set(&[(coord.0, "follow_up_due.coordinator", coord.1)])
    );
    let last = s.read(|c| outbox::list(c, org, None, None, 1000)).unwrap();
    let p: serde_json::Value = serde_json::from_str(&last[seen].payload).unwrap();
    assert_eq!(p["days"], 14);
    assert_eq!(p["match_id"], m.get());
    seen += 1;

    s.write(|c| matching::close(c, org, m, &FollowUp::default()))
        .unwrap();
    assert_eq!(tell(s, org, Event::MatchClosed(m)).emails, 3);
    seen += 3;

    // Declined: the resident without e-mail goes on the phone list.
    let req2 = s.write(|c| Ok(request(c, org, dirk))).unwrap();
    let m2 = s
        .write(|c| matching::propose(c, org, req2, &[anna]))
        .unwrap()
        .row
        .id;
    s.write(|c| matching::decline(c, org, m2, anna)).unwrap();
    let e = tell(s, org, Event::MatchDeclined(m2));
    assert_eq!((e.emails, e.calls), (2, 1));
    assert_eq!(
        rows_since(s, org, seen),
        set(&[
            ("anna@example.org", "match_declined.neighbour", "nl"),
            (coord.0, "match_declined.coordinator", coord.1),
        ])
    );
    seen += 2;

    // Referred: the resident who asked and the coordinator.
    let req3 = s.write(|c| Ok(request(c, org, benoit))).unwrap();
    let r = s
        .write(|c| {
            referral::create(
                c,
                org,
                &NewReferral {
                    request_id: req3,
                    service_id: None,
                    reason: ReferralReason::NoMatch,
                    created_by: "user:1".to_string(),
                },
            )
        })
        .unwrap();
    assert_eq!(tell(s, org, Event::RequestReferred(r.id)).emails, 2);
    assert_eq!(
        rows_since(s, org, seen),
        set(&[
            ("benoit@example.org", "request_referred.neighbour", "fr"),
            (coord.0, "request_referred.coordinator", coord.1),
        ])
    );

    // An unknown match is NotFound and records nothing.
    let missing = s.write_as::<_, NotifyError, _>(|c| {
        enqueue_event(c, org, &Event::MatchClosed(nabij_store::MatchId(999_999)))
    });
    assert!(matches!(
        missing,
        Err(NotifyError::Store(nabij_store::StoreError::NotFound))
    ));

    // The phone list: Dirk, until erased.
    let calls_due = || {
        s.read_as::<_, NotifyError, _>(|c| calls::calls_due(c, org))
            .unwrap()
    };
    let list = calls_due();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].neighbour_id, list[0].reason.as_str()),
        (dirk, "match_declined")
    );
    assert_eq!(list[0].request_id, Some(req2));
    s.write(|c| nabij_store::erasure::erase(c, org, dirk)).unwrap();
    assert!(calls_due().is_empty());
}

fn a_rolled_back_change_leaves_no_message(ctx: Ctx) {
    let s = &ctx.store;
    let org = org(s, "pelt", "en");
    let (anna, ben) = s
        .write(|c| {
            account(c, org, "coord@nabij.test", Role::Coordinator);
            Ok((
                neighbour(c, org, "Anna", Some("anna@example.org"), "nl", 0),
                neighbour(c, org, "Ben", None, "en", 1),
            ))
        })
        .unwrap();
    let req = s.write(|c| Ok(request(c, org, anna))).unwrap();
    let r = s.write_as::<(), NotifyError, _>(|c| {
        let m = matching::propose(c, org, req, &[ben])?;
        let e = enqueue_event(c, org, &Event::MatchProposed(m.row.id))?;
        assert_eq!((e.emails, e.calls), (2, 1));
        Err(NotifyError::Config("the change failed after all".to_string()))
    });
    assert!(r.is_err());
    assert!(s
        .read(|c| outbox::list(c, org, None, None, 100))
        .unwrap()
        .is_empty());
    assert!(s
        .read_as::<_, NotifyError, _>(|c| calls::calls_due(c, org))
        .unwrap()
        .is_empty());
    // And the event can still be told when the change does happen.
    let m = s
        .write(|c| matching::propose(c, org, req, &[ben]))
        .unwrap()
        .row
        .id;
    let e = tell(s, org, Event::MatchProposed(m));
    assert_eq!((e.emails, e.calls, e.already_told), (2, 1, false));
    let rows = s.read(|c| outbox::list(c, org, None, None, 100)).unwrap();
    let coord = rows.iter().find(|r| r.recipient == "coord@nabij.test").unwrap();
    assert_eq!(coord.language, "en");
}
