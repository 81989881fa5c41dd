//! The candidate index's change log: what changed after a mark, as a query's transaction
//! sees it, including a transaction that began before another and committed after it.

use crate::common::{neighbour, org, Ctx};
use nabij_store::index_log::{self, Changed, Mark};
use nabij_store::{neighbour as nb, testing, BackendKind};
use std::sync::mpsc;

crate::on_both_backends!(
    changes_after_a_mark_are_named_once: 2,
    a_transaction_that_commits_late_is_not_skipped: 4,
);

fn since(ctx: &Ctx, a: nabij_store::OrgId, mark: &Mark) -> index_log::Since {
    ctx.store.read(|c| index_log::since(c, a, mark)).unwrap()
}

fn changes_after_a_mark_are_named_once(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let b = org(&ctx.store, "genk");
    let mark = ctx.store.read(|c| index_log::current(c, a)).unwrap();
    assert_eq!(since(&ctx, a, &mark).changed, Changed::Nothing);

    let (an, bert) = ctx
        .store
        .write(|c| Ok((neighbour(c, a, "An", 0, 1), neighbour(c, a, "Bert", 1, 1))))
        .unwrap();
    // Another organisation's write is not this one's change.
    ctx.store.write(|c| Ok(neighbour(c, b, "Cis", 2, 1))).unwrap();
    ctx.store
        .write(|c| {
            let change = nb::NeighbourUpdate {
                paused: Some(true),
                ..Default::default()
            };
            nb::update(c, a, an, &change)
        })
        .unwrap();
    let s = since(&ctx, a, &mark);
    match ctx.store.backend() {
        // The log names who changed, each once.
        BackendKind::Postgres => assert_eq!(s.changed, Changed::These(vec![an, bert])),
        // The counter only says that something did.
        BackendKind::Sqlite => assert_eq!(s.changed, Changed::Unknown),
    }
    // From the new mark on, nothing until the next write.
    assert_eq!(since(&ctx, a, &s.now).changed, Changed::Nothing);
    ctx.store
        .write(|c| nabij_store::erasure::erase(c, a, bert))
        .unwrap();
    let after_erasure = since(&ctx, a, &s.now);
    if ctx.store.backend() == BackendKind::Postgres {
        assert_eq!(after_erasure.changed, Changed::These(vec![bert]));
        // Pruning keeps what is younger than the retention.
        assert_eq!(ctx.store.write(|c| index_log::prune(c, a)).unwrap(), 0);
        assert_eq!(since(&ctx, a, &s.now).changed, Changed::These(vec![bert]));
        // Rows older than the retention go, and only the organisation's own.
        let count = |org: nabij_store::OrgId| {
            let sql = format!(
                "SELECT count(*) AS n FROM index_changes WHERE organisation_id = {}",
                org.get()
            );
            ctx.store.read(|c| testing::count_sql(c, &sql)).unwrap()
        };
        let (a_before, b_before) = (count(a), count(b));
        assert!(a_before >= 1 && b_before >= 1, "{a_before} {b_before}");
        ctx.store
            .write(|c| {
                testing::execute_sql(
                    c,
                    "UPDATE index_changes SET created_at = now() - interval '25 hours'",
                )
            })
            .unwrap();
        let pruned = ctx.store.write(|c| index_log::prune(c, a)).unwrap();
        assert_eq!(pruned as i64, a_before);
        assert_eq!((count(a), count(b)), (0, b_before));
    }
}

/// Transaction ids are handed out when a transaction first writes, and commits become
/// visible in another order: T1 writes first and commits last. A reader that caught up
/// between T2's commit and T1's must still get T1's change on its next catch-up.
fn a_transaction_that_commits_late_is_not_skipped(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let (n1, n2) = ctx
        .store
        .write(|c| Ok((neighbour(c, a, "An", 0, 1), neighbour(c, a, "Bert", 1, 1))))
        .unwrap();
    let mark0 = ctx.store.read(|c| index_log::current(c, a)).unwrap();
    if ctx.store.backend() == BackendKind::Sqlite {
        // One writer at a time: the order of ids is the order of commits.
        ctx.store.write(|c| index_log::record(c, a, &[n1])).unwrap();
        assert_eq!(since(&ctx, a, &mark0).changed, Changed::Unknown);
        return;
    }
    let (written, wait_written) = mpsc::channel();
    let (go, wait_go) = mpsc::channel::<()>();
    let store = ctx.store.clone();
    let t1 = std::thread::spawn(move || {
        store
            .write(|c| {
                index_log::record(c, a, &[n1])?;
                written.send(()).ok();
                wait_go.recv().ok();
                Ok(())
            })
            .unwrap();
    });
    wait_written.recv().unwrap();
    ctx.store.write(|c| index_log::record(c, a, &[n2])).unwrap();
    let first = since(&ctx, a, &mark0);
    assert_eq!(first.changed, Changed::These(vec![n2]), "T1 is not committed yet");
    go.send(()).unwrap();
    t1.join().unwrap();
    let second = since(&ctx, a, &first.now);
    assert_eq!(
        second.changed,
        Changed::These(vec![n1]),
        "T1 committed after the mark"
    );
    assert_eq!(since(&ctx, a, &second.now).changed, Changed::Nothing);
}
