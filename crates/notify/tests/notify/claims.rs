//! The store's claim is race-free: workers claiming at the same time get disjoint sets.

use crate::common::*;
use nabij_store::outbox::{self, OutboxMessage};
use nabij_store::{clock, OutboxId};
use std::collections::HashSet;
use std::sync::{Arc, Barrier};

crate::on_both_backends!(
    concurrent_claims_are_disjoint_and_complete: 8,
    an_expired_lease_is_claimed_by_exactly_one_worker: 8,
);

fn claim_all_concurrently(
    ctx: &Ctx,
    workers: usize,
    batch: i64,
    lease: chrono::Duration,
) -> Vec<Vec<OutboxId>> {
    let barrier = Arc::new(Barrier::new(workers));
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let store = ctx.store.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let mut conn = store.conn().unwrap();
                barrier.wait();
                let mut mine = Vec::new();
                loop {
                    let got: Vec<OutboxMessage> =
                        outbox::claim_due(&mut conn, clock::now(), batch, lease).unwrap();
                    if got.is_empty() {
                        return mine;
                    }
                    mine.extend(got.iter().map(|m| m.id));
                }
            })
        })
        .collect();
    handles.into_iter().map(|h| h.join().unwrap()).collect()
}

fn concurrent_claims_are_disjoint_and_complete(ctx: Ctx) {
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "claim", 300);
    let per_worker = claim_all_concurrently(&ctx, 4, 7, chrono::Duration::minutes(5));
    let mut seen = HashSet::new();
    for ids in &per_worker {
        for id in ids {
            assert!(seen.insert(*id), "{id} claimed twice");
        }
    }
    assert_eq!(seen.len(), 300);
    // Nothing is left to claim while the leases hold.
    let mut conn = ctx.store.conn().unwrap();
    assert!(
        outbox::claim_due(&mut conn, clock::now(), 100, chrono::Duration::minutes(5))
            .unwrap()
            .is_empty()
    );
}

fn an_expired_lease_is_claimed_by_exactly_one_worker(ctx: Ctx) {
    let org = org(&ctx.store, "pelt", "nl");
    enqueue_many(&ctx.store, org, "lease", 60);
    // One claim (not a loop: under load a loop could outlive the short lease and
    // reclaim its own messages).
    let mut conn = ctx.store.conn().unwrap();
    let first: Vec<OutboxMessage> =
        outbox::claim_due(&mut conn, clock::now(), 100, chrono::Duration::milliseconds(200)).unwrap();
    drop(conn);
    assert_eq!(first.len(), 60);
    std::thread::sleep(std::time::Duration::from_millis(300));
    // All leases ran out at once: four workers race for them.
    let per_worker = claim_all_concurrently(&ctx, 4, 5, chrono::Duration::minutes(5));
    let all: Vec<OutboxId> = per_worker.concat();
    let unique: HashSet<OutboxId> = all.iter().copied().collect();
    assert_eq!((all.len(), unique.len()), (60, 60));
    let rows = ctx.store.read(|c| outbox::list(c, org, None, None, 100)).unwrap();
    assert!(rows
        .iter()
        .all(|r| r.status == nabij_store::outbox::OutboxStatus::Sending && r.attempts == 2));
}
