//! The re-matching job: proposals through the match flow, idempotent, capacities kept,
//! dry runs, one run per organisation, referral flags, groups suggested once.

use crate::common::{neighbour, new_request, org, Ctx};
use diesel::prelude::*;
use nabij_engine::RequestKind;
use nabij_store::matching::{self, MatchFilter, MatchStatus, Response};
use nabij_store::rematch::{self, GroupStatus, Phase, RematchOptions, RematchSummary};
use nabij_store::request::RequestStatus;
use nabij_store::schema::{help_requests, jobs};
use nabij_store::{
    audit, clock, job, neighbour as nb, request, BackendKind, DbConnection, NeighbourId, OrgId, RequestId,
    Store, StoreError,
};
use std::collections::HashMap;
use std::sync::{mpsc, Arc, Barrier};

crate::on_both_backends!(
    proposals_go_through_the_match_flow_once_and_keep_capacities: 3,
    a_dry_run_writes_nothing: 3,
    one_run_per_organisation_at_a_time: 4,
    concurrent_starts_make_one_job: 10,
    long_open_requests_without_candidates_are_flagged_for_referral: 3,
    groups_are_suggested_once: 3,
);

fn quiet() -> impl FnMut(rematch::Progress) {
    |_| {}
}

fn run(store: &Store, o: OrgId, opts: &RematchOptions) -> RematchSummary {
    rematch::run(store, o, opts, &mut quiet()).unwrap()
}

/// Companions with these capacities, and `n` requesters who have no room themselves
/// (capacity 0), each with one open request of `kind` ("shopping" or "walking").
fn setup(
    store: &Store,
    o: OrgId,
    capacities: &[u8],
    n: u32,
    kind: RequestKind,
) -> (Vec<NeighbourId>, Vec<RequestId>) {
    store
        .write(|c| {
            let companions = capacities
                .iter()
                .enumerate()
                .map(|(i, cap)| neighbour(c, o, &format!("Companion{i}"), i as u32, *cap))
                .collect();
            let mut reqs = Vec::new();
            for i in 0..n {
                let who = neighbour(c, o, &format!("Asker{i}"), 5 + i, 0);
                let mut form = new_request(who);
                if kind == RequestKind::Practical {
                    form.kind = RequestKind::Practical;
                    form.tags = vec!["shopping".to_string()];
                    form.text = "Boodschappen meebrengen".to_string();
                }
                reqs.push(request::create(c, o, &form)?.id);
            }
            Ok((companions, reqs))
        })
        .unwrap()
}

fn all_matches(c: &mut DbConnection, o: OrgId) -> Vec<matching::MatchDetail> {
    let rows = matching::list(
        c,
        o,
        &MatchFilter {
            limit: 1000,
            ..Default::default()
        },
    )
    .unwrap();
    rows.iter()
        .map(|m| matching::detail(c, o, m.id).unwrap())
        .collect()
}

fn proposals_go_through_the_match_flow_once_and_keep_capacities(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let (companions, reqs) = setup(&ctx.store, a, &[2, 1], 5, RequestKind::Practical);
    let first = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!(first.requests_considered, 5, "{first:?}");
    assert_eq!(first.proposals_made, 3, "three places in all: {first:?}");
    assert_eq!(first.still_unmatched, 2);
    assert!(!first.dry_run);
    let (ms, statuses, loads) = ctx
        .store
        .read(|c| {
            let ms = all_matches(c, a);
            let statuses: Vec<RequestStatus> = reqs
                .iter()
                .map(|r| request::get(c, a, *r).unwrap().status)
                .collect();
            let loads: Vec<i32> = companions
                .iter()
                .map(|n| nb::get(c, a, *n).unwrap().active_matches)
                .collect();
            Ok((ms, statuses, loads))
        })
        .unwrap();
    assert_eq!(ms.len(), 3);
    let mut per_companion: HashMap<NeighbourId, usize> = HashMap::new();
    for m in &ms {
        assert_eq!(m.row.status, MatchStatus::Proposed, "never active directly");
        assert_eq!(m.members.len(), 2);
        assert!(m.members.iter().all(|x| x.response == Response::Pending));
        for c in m.companions() {
            *per_companion.entry(c).or_default() += 1;
        }
    }
    assert_eq!(per_companion.get(&companions[0]), Some(&2));
    assert_eq!(per_companion.get(&companions[1]), Some(&1));
    assert_eq!(
        loads,
        vec![0, 0],
        "capacity is claimed only when everybody accepts"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == RequestStatus::Proposed).count(),
        3
    );
    assert_eq!(statuses.iter().filter(|s| **s == RequestStatus::Open).count(), 2);

    // Running again proposes nothing new: the places are taken by unanswered proposals.
    let second = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!(
        (second.requests_considered, second.proposals_made),
        (2, 0),
        "{second:?}"
    );
    assert_eq!(ctx.store.read(|c| Ok(all_matches(c, a))).unwrap().len(), 3);

    // A companion declines: the request is open again and can go to the free place.
    let m = ms
        .iter()
        .find(|m| m.companions().any(|c| c == companions[1]))
        .unwrap();
    ctx.store
        .write(|c| matching::decline(c, a, m.row.id, companions[1]))
        .unwrap();
    let third = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!(third.proposals_made, 1, "{third:?}");
    let ms = ctx.store.read(|c| Ok(all_matches(c, a))).unwrap();
    let mut open_per_request: HashMap<RequestId, usize> = HashMap::new();
    for m in ms.iter().filter(|m| m.row.status == MatchStatus::Proposed) {
        *open_per_request.entry(m.row.request_id).or_default() += 1;
    }
    assert!(open_per_request.values().all(|n| *n == 1), "{open_per_request:?}");
    let declined_pair = ms
        .iter()
        .filter(|x| x.row.status == MatchStatus::Proposed && x.row.request_id == m.row.request_id)
        .any(|x| x.companions().any(|c| c == companions[1]));
    assert!(!declined_pair, "a declined pair is not proposed again");
}

fn a_dry_run_writes_nothing(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    setup(&ctx.store, a, &[1], 4, RequestKind::Companionship);
    ctx.store
        .write(|c| {
            diesel::update(help_requests::table)
                .set(help_requests::created_at.eq(clock::now() - chrono::Duration::days(40)))
                .execute(c)?;
            Ok(())
        })
        .unwrap();
    let snapshot = |store: &Store| {
        store
            .read(|c| {
                let ms = all_matches(c, a).len();
                let groups = rematch::groups(c, a, None)?.len();
                let audit = audit::list(c, a, None, 1000)?.len();
                let statuses: Vec<String> = help_requests::table
                    .order(help_requests::id)
                    .select(help_requests::status)
                    .load(c)?;
                let jobs: i64 = jobs::table.count().get_result(c)?;
                Ok((ms, groups, audit, statuses, jobs))
            })
            .unwrap()
    };
    let before = snapshot(&ctx.store);
    let opts = RematchOptions {
        dry_run: true,
        ..RematchOptions::default()
    };
    let s = run(&ctx.store, a, &opts);
    assert!(s.dry_run);
    assert_eq!(s.requests_considered, 4);
    assert_eq!((s.proposals_made, s.groups_suggested), (1, 1), "{s:?}");
    assert_eq!(snapshot(&ctx.store), before);
    let real = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!((real.proposals_made, real.groups_suggested), (1, 1), "{real:?}");
    assert_ne!(snapshot(&ctx.store), before);
}

fn one_run_per_organisation_at_a_time(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let b = org(&ctx.store, "deerlijk");
    setup(&ctx.store, a, &[1], 2, RequestKind::Practical);
    let job_id = rematch::start_job(&ctx.store, a).unwrap();
    let second = rematch::start_job(&ctx.store, a);
    assert!(
        matches!(&second, Err(StoreError::Conflict(code)) if code == "job_running"),
        "{second:?}"
    );
    assert_eq!(
        rematch::running_job(&ctx.store, a).unwrap().map(|j| j.id),
        Some(job_id)
    );
    // Another organisation is not held up.
    let other = rematch::start_job(&ctx.store, b).unwrap();
    rematch::run_job(&ctx.store, b, other, &RematchOptions::default()).unwrap();

    let (at_tx, at_rx) = mpsc::channel::<()>();
    let (go_tx, go_rx) = mpsc::channel::<()>();
    let store = ctx.store.clone();
    let worker = std::thread::spawn(move || {
        let mut paused = false;
        rematch::run_job_with(&store, a, job_id, &RematchOptions::default(), &mut |p| {
            if p.phase == Phase::Propose && !paused {
                paused = true;
                at_tx.send(()).unwrap();
                go_rx.recv().unwrap();
            }
        })
    });
    at_rx.recv().unwrap();
    let mid = rematch::start_job(&ctx.store, a);
    assert!(matches!(&mid, Err(StoreError::Conflict(_))), "{mid:?}");
    if ctx.store.backend() == BackendKind::Postgres {
        // A live run whose heartbeat looks stale still holds the advisory lock.
        ctx.store
            .write(|c| {
                diesel::update(jobs::table.filter(jobs::id.eq(job_id)))
                    .set(jobs::heartbeat_at.eq(Some(clock::now() - chrono::Duration::hours(2))))
                    .execute(c)?;
                Ok(())
            })
            .unwrap();
        let stale = rematch::start_job(&ctx.store, a);
        assert!(
            matches!(&stale, Err(StoreError::Conflict(code)) if code == "job_running"),
            "{stale:?}"
        );
    }
    go_tx.send(()).unwrap();
    let summary = worker.join().unwrap().unwrap();
    assert_eq!(summary.proposals_made, 1);
    let done = ctx.store.read(|c| job::get(c, a, job_id)).unwrap();
    assert_eq!((done.status.as_str(), done.progress), ("succeeded", 1.0));
    let stored: RematchSummary = serde_json::from_str(done.summary.as_deref().unwrap()).unwrap();
    assert_eq!(stored, summary);
    // Free again.
    let next = rematch::start_job(&ctx.store, a).unwrap();
    assert_ne!(next, job_id);
    let again = rematch::run_job(&ctx.store, a, next, &RematchOptions::default()).unwrap();
    assert_eq!(again.proposals_made, 0);
    assert!(rematch::running_job(&ctx.store, a).unwrap().is_none());
}

/// Eight instances start a run at the same moment: one job, seven conflicts.
fn concurrent_starts_make_one_job(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let barrier = Arc::new(Barrier::new(8));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let store = ctx.store.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                rematch::start_job(&store, a)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let started: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(started.len(), 1, "{results:?}");
    for r in results.iter().filter(|r| r.is_err()) {
        assert!(
            matches!(r, Err(StoreError::Conflict(code)) if code == "job_running"),
            "{r:?}"
        );
    }
    let running: i64 = ctx
        .store
        .read(|c| {
            Ok(jobs::table
                .filter(jobs::status.eq("running"))
                .count()
                .get_result(c)?)
        })
        .unwrap();
    assert_eq!(running, 1);
}

fn long_open_requests_without_candidates_are_flagged_for_referral(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    // Nobody has room: no request has a candidate.
    let (_, reqs) = setup(&ctx.store, a, &[], 2, RequestKind::Practical);
    let fresh = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!(
        (fresh.referrals_suggested, fresh.still_unmatched),
        (0, 2),
        "{fresh:?}"
    );
    let old = reqs[0];
    ctx.store
        .write(|c| {
            diesel::update(help_requests::table.filter(help_requests::id.eq(old)))
                .set(help_requests::open_since.eq(clock::now() - chrono::Duration::days(30)))
                .execute(c)?;
            Ok(())
        })
        .unwrap();
    let s = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!((s.referrals_suggested, s.still_unmatched), (1, 1), "{s:?}");
    let (status, young, entries) = ctx
        .store
        .read(|c| {
            Ok((
                request::get(c, a, old).map(|r| (r.status, r.flag_reason))?,
                request::get(c, a, reqs[1])?.status,
                audit::list(c, a, None, 100)?,
            ))
        })
        .unwrap();
    assert_eq!(status.0, RequestStatus::Open, "flagged, never dropped");
    assert_eq!(status.1, Some(request::FlagReason::NoCandidates));
    assert_eq!(young, RequestStatus::Open);
    let entry = entries.iter().find(|e| e.action == "referral_suggested").unwrap();
    assert!(entry.detail.contains("no_match"), "{}", entry.detail);
    // A flagged request waits for the coordinator, not for the next run.
    let again = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!((again.requests_considered, again.referrals_suggested), (1, 0));
}

fn groups_are_suggested_once(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    // Four walkers close together, nobody with room: a group, no proposals.
    let (_, reqs) = setup(&ctx.store, a, &[], 4, RequestKind::Companionship);
    let first = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!(
        (first.groups_suggested, first.proposals_made),
        (1, 0),
        "{first:?}"
    );
    let groups = ctx.store.read(|c| rematch::groups(c, a, None)).unwrap();
    assert_eq!(groups.len(), 1);
    let g = &groups[0];
    assert_eq!((g.tag.as_str(), g.status.as_str()), ("walking", "suggested"));
    let mut ids = g.request_ids().unwrap();
    ids.sort();
    assert_eq!(ids, reqs, "all four in one group");
    assert!(!g.reasons().unwrap().is_empty());
    // Suggesting puts nobody in anything: the requests stay open.
    let statuses = ctx
        .store
        .read(|c| {
            reqs.iter()
                .map(|r| Ok(request::get(c, a, *r)?.status))
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();
    assert!(statuses.iter().all(|s| *s == RequestStatus::Open));
    let second = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!(second.groups_suggested, 0, "{second:?}");
    // A coordinator splits it: the same group is not suggested again.
    ctx.store
        .write(|c| rematch::decide_group(c, a, g.id, GroupStatus::Split))
        .unwrap();
    let again = ctx
        .store
        .write(|c| rematch::decide_group(c, a, g.id, GroupStatus::Accepted));
    assert!(
        matches!(&again, Err(StoreError::Conflict(code)) if code == "group_status"),
        "{again:?}"
    );
    let third = run(&ctx.store, a, &RematchOptions::default());
    assert_eq!(third.groups_suggested, 0, "{third:?}");
    let b = org(&ctx.store, "moorslede");
    assert!(matches!(
        ctx.store
            .write(|c| rematch::decide_group(c, b, g.id, GroupStatus::Accepted)),
        Err(StoreError::NotFound)
    ));
}
