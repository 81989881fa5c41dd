//! Capacity under concurrency: a companion with room for one match never gets two.

use crate::common::{neighbour, org, request, Ctx};
use nabij_store::matching::{FollowUp, MatchStatus, Response};
use nabij_store::{matching, neighbour as nb, MatchId, NeighbourId, RequestId, StoreError};
use std::sync::{Arc, Barrier};

crate::on_both_backends!(
    capacity_holds_under_concurrent_proposals_and_acceptances: 20,
    capacity_holds_when_twenty_proposals_are_accepted_at_once: 20,
);

/// One companion with room for one match; 20 requesters propose and accept at once.
fn capacity_holds_under_concurrent_proposals_and_acceptances(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let (companion, requests) = ctx
        .store
        .write(|c| {
            let companion = neighbour(c, a, "Companion", 0, 1);
            let reqs: Vec<(NeighbourId, RequestId)> = (0..20)
                .map(|i| {
                    let n = neighbour(c, a, &format!("Req{i}"), i + 1, 1);
                    (n, request(c, a, n))
                })
                .collect();
            Ok((companion, reqs))
        })
        .unwrap();
    let barrier = Arc::new(Barrier::new(requests.len()));
    let handles: Vec<_> = requests
        .into_iter()
        .map(|(requester, req)| {
            let store = ctx.store.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || -> Result<MatchId, StoreError> {
                barrier.wait();
                let m = store
                    .write(|c| matching::propose(c, a, req, &[companion]))?
                    .row
                    .id;
                store.write(|c| matching::accept(c, a, m, requester))?;
                let d = store.write(|c| matching::accept(c, a, m, companion))?;
                assert_eq!(d.row.status, MatchStatus::Active);
                Ok(m)
            })
        })
        .collect();
    let results: Vec<Result<MatchId, StoreError>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let active: Vec<MatchId> = results.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
    assert_eq!(active.len(), 1, "{results:?}");
    for r in results.iter().filter(|r| r.is_err()) {
        assert!(
            matches!(r, Err(StoreError::Conflict(code)) if code == "capacity_reached"),
            "{r:?}"
        );
    }
    let (n, in_db) = ctx
        .store
        .read(|c| {
            let n = nb::get(c, a, companion)?;
            let all = matching::list(
                c,
                a,
                &matching::MatchFilter {
                    limit: 1000,
                    ..Default::default()
                },
            )?;
            Ok((n, all))
        })
        .unwrap();
    assert_eq!(n.active_matches, 1);
    let actives: Vec<_> = in_db.iter().filter(|m| m.status == MatchStatus::Active).collect();
    assert_eq!(actives.len(), 1);
    assert_eq!(actives[0].id, active[0]);
    // Closing gives the capacity back.
    ctx.store
        .write(|c| {
            matching::close(
                c,
                a,
                active[0],
                &FollowUp {
                    met: true,
                    mutual_support: true,
                    note: None,
                },
            )
        })
        .unwrap();
    assert_eq!(
        ctx.store
            .read(|c| nb::get(c, a, companion))
            .unwrap()
            .active_matches,
        0
    );
}

/// 20 proposals already made and accepted by their requesters; the companion (room for
/// one) accepts all 20 at once, each in its own write transaction.
fn capacity_holds_when_twenty_proposals_are_accepted_at_once(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let (companion, proposals) = ctx
        .store
        .write(|c| {
            let companion = neighbour(c, a, "Companion", 0, 1);
            let mut ms = Vec::new();
            for i in 0..20 {
                let n = neighbour(c, a, &format!("Req{i}"), i + 1, 1);
                let req = request(c, a, n);
                let m = matching::propose(c, a, req, &[companion])?.row.id;
                matching::accept(c, a, m, n)?;
                ms.push(m);
            }
            Ok((companion, ms))
        })
        .unwrap();
    let barrier = Arc::new(Barrier::new(proposals.len()));
    let handles: Vec<_> = proposals
        .iter()
        .map(|&m| {
            let store = ctx.store.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                store.write(|c| matching::accept(c, a, m, companion))
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::Conflict(code)) if code == "capacity_reached"))
        .count();
    assert_eq!((ok, conflicts), (1, 19), "{results:?}");
    ctx.store
        .read(|c| {
            assert_eq!(nb::get(c, a, companion)?.active_matches, 1);
            let mut active = 0;
            for &m in &proposals {
                let d = matching::detail(c, a, m)?;
                match d.row.status {
                    MatchStatus::Active => active += 1,
                    MatchStatus::Proposed => {
                        // The failed acceptance was rolled back with its transaction.
                        let mine = d.members.iter().find(|x| x.neighbour_id == companion).unwrap();
                        assert_eq!(mine.response, Response::Pending);
                    }
                    other => panic!("unexpected {other:?}"),
                }
            }
            assert_eq!(active, 1);
            Ok(())
        })
        .unwrap();
}
