//! Property tests of candidate search: the tree agrees with brute force, ranking rules
//! hold, and a requester's own balance never changes their candidate list.

use nabij_engine::availability::{DayPart, WeeklySlots, Window};
use nabij_engine::candidates::CandidateQuery;
use nabij_engine::reciprocity::Balance;
use nabij_engine::{
    HelpRequest, LanguageSet, NeighbourId, NeighbourProfile, OrgIndex, Point, RequestKind, TagSet, Weights,
};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn centre() -> Point {
    Point::from_wgs84(51.22, 5.43).unwrap_or(Point { x: 0.0, y: 0.0 })
}

/// A random population in a 12 × 12 km square with few languages and tags, so that
/// every filter matters.
fn random_population(seed: u64, n: usize) -> Vec<NeighbourProfile> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let c = centre();
    (0..n)
        .map(|i| {
            let capacity = rng.gen_range(0..=3u8);
            NeighbourProfile {
                id: NeighbourId(1 + i as u64),
                location: Point {
                    x: c.x + rng.gen_range(-6000.0..6000.0),
                    y: c.y + rng.gen_range(-6000.0..6000.0),
                },
                travel_radius_m: rng.gen_range(50.0..10_000.0),
                interests: TagSet(rng.gen::<u64>() & 0xff),
                talents: TagSet(rng.gen::<u64>() & 0xff),
                languages: LanguageSet(rng.gen_range(1..8)),
                availability: WeeklySlots(rng.gen::<u32>() & WeeklySlots::ALL.0),
                capacity,
                active_matches: rng.gen_range(0..=capacity),
                paused: rng.gen_bool(0.1),
                balance: Balance {
                    given: rng.gen_range(0.0..10.0),
                    received: rng.gen_range(0.0..10.0),
                },
            }
        })
        .collect()
}

fn random_request(seed: u64, n: usize) -> HelpRequest {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xabcdef);
    let c = centre();
    let kind = [
        RequestKind::Emotional,
        RequestKind::Companionship,
        RequestKind::Practical,
    ][rng.gen_range(0..3)];
    let window = match rng.gen_range(0..3) {
        0 => Window::Flexible,
        1 => Window::Weekly {
            slots: WeeklySlots(rng.gen::<u32>() & WeeklySlots::ALL.0),
        },
        _ => Window::Once {
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, rng.gen_range(1..=28)).unwrap_or_default(),
            parts: vec![DayPart::ALL[rng.gen_range(0..3)]],
        },
    };
    let declined = (0..rng.gen_range(0..20))
        .map(|_| NeighbourId(rng.gen_range(1..=n as u64 + 1)))
        .collect();
    let met = (0..rng.gen_range(0..5))
        .map(|_| NeighbourId(rng.gen_range(1..=n as u64 + 1)))
        .collect();
    HelpRequest {
        requester: NeighbourId(rng.gen_range(1..=n as u64 + 1)),
        kind,
        location: Point {
            x: c.x + rng.gen_range(-6000.0..6000.0),
            y: c.y + rng.gen_range(-6000.0..6000.0),
        }
        .to_index(),
        radius_m: rng.gen_range(50.0..10_000.0),
        tags: TagSet(rng.gen::<u64>() & 0xff),
        requester_interests: TagSet(rng.gen::<u64>() & 0xff),
        languages: LanguageSet(rng.gen_range(1..8)),
        window,
        declined_with: declined,
        met_before: met,
    }
    .normalise()
}

fn build(people: &[NeighbourProfile]) -> OrgIndex {
    OrgIndex::bulk_load(people.iter().cloned()).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The candidate set found through the tree equals a brute-force filter exactly.
    #[test]
    fn tree_candidates_equal_brute_force(seed in any::<u64>(), n in 0usize..600) {
        let people = random_population(seed, n);
        let index = build(&people);
        for q in 0..5 {
            let req = random_request(seed.wrapping_add(q), n);
            let tree = index.candidate_ids(&req);
            let brute = index.brute_force_candidate_ids(&req);
            prop_assert_eq!(&tree, &brute);
            // And an independent filter written from the profiles, not the index.
            let slots = req.window.slots();
            let mut expected: Vec<NeighbourId> = people.iter().filter(|p| {
                let d = nabij_engine::projection::index_distance_m(req.location, p.location.to_index());
                p.is_available() && p.id != req.requester && d <= f64::from(req.radius_m)
                    && d <= f64::from(p.travel_radius_m as f32)
                    && p.languages.shares_any(req.languages)
                    && !p.availability.intersect(slots).is_empty()
                    && !req.declined_with.contains(&p.id)
            }).map(|p| p.id).collect();
            expected.sort_unstable();
            prop_assert_eq!(&tree, &expected);
        }
    }

    /// The pruned best-first search returns exactly the brute-force top k, in order;
    /// nobody paused or without room is ever returned; scores lie in [0, 1].
    #[test]
    fn pruned_top_k_equals_brute_force(seed in any::<u64>(), n in 0usize..800, k in 1usize..15) {
        let people = random_population(seed, n);
        let index = build(&people);
        let w = Weights::default();
        for q in 0..5 {
            let req = random_request(seed.wrapping_mul(31).wrapping_add(q), n);
            let query = CandidateQuery { request: &req, limit: k, weights: &w };
            let fast = index.top_candidates(&query);
            let slow = index.brute_force_top_candidates(&query);
            prop_assert_eq!(&fast, &slow);
            for c in &fast {
                let p = &people[(c.neighbour_id.0 - 1) as usize];
                prop_assert!(!p.paused && p.active_matches < p.capacity);
                prop_assert!((0.0..=1.0).contains(&c.score));
                prop_assert!(!c.reasons.is_empty());
            }
            for pair in fast.windows(2) {
                prop_assert!(pair[0].score >= pair[1].score);
            }
        }
    }

    /// Results do not depend on the order neighbours were loaded or inserted in.
    #[test]
    fn results_are_deterministic(seed in any::<u64>(), n in 1usize..400) {
        let people = random_population(seed, n);
        let bulk = build(&people);
        let mut incremental = OrgIndex::new();
        for p in people.iter().rev() {
            prop_assert!(incremental.upsert(p).is_ok());
        }
        prop_assert!(incremental.check_consistency().is_ok());
        let w = Weights::default();
        let req = random_request(seed, n);
        let q = CandidateQuery { request: &req, limit: 10, weights: &w };
        prop_assert_eq!(bulk.top_candidates(&q), incremental.top_candidates(&q));
    }

    /// All else equal, a nearer candidate never ranks lower.
    #[test]
    fn nearer_never_ranks_lower(seed in any::<u64>(), d1 in 0.0f64..4000.0, d2 in 0.0f64..4000.0, id_a in 1u64..1000, id_b in 1001u64..2000) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let c = centre();
        let template = NeighbourProfile {
            id: NeighbourId(0),
            location: c,
            travel_radius_m: 5000.0,
            interests: TagSet(rng.gen::<u64>() & 0xff),
            talents: TagSet(rng.gen::<u64>() & 0xff),
            languages: LanguageSet(1),
            availability: WeeklySlots::ALL,
            capacity: 2,
            active_matches: 0,
            paused: false,
            balance: Balance { given: rng.gen_range(0.0..5.0), received: rng.gen_range(0.0..5.0) },
        };
        // Random order of ids, so that the tie-break by id cannot help the nearer one.
        let (near_id, far_id) = if rng.gen_bool(0.5) { (id_a, id_b) } else { (id_b, id_a) };
        let (dn, df) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
        let angle: f64 = rng.gen_range(0.0..std::f64::consts::TAU);
        let near = NeighbourProfile { id: NeighbourId(near_id), location: Point { x: c.x + dn * angle.cos(), y: c.y + dn * angle.sin() }, ..template.clone() };
        let far = NeighbourProfile { id: NeighbourId(far_id), location: Point { x: c.x + df, y: c.y }, ..template };
        let index = build(&[far, near]);
        let req = HelpRequest {
            requester: NeighbourId(5000), kind: RequestKind::Practical, location: c.to_index(), radius_m: 5000.0,
            tags: TagSet(rng.gen::<u64>() & 0xff), requester_interests: TagSet::EMPTY, languages: LanguageSet(1),
            window: Window::Flexible, declined_with: vec![], met_before: vec![],
        };
        let w = Weights::default();
        let got = index.top_candidates(&CandidateQuery { request: &req, limit: 2, weights: &w });
        prop_assert_eq!(got.len(), 2);
        if dn < df - 0.01 {
            prop_assert_eq!(got[0].neighbour_id, NeighbourId(near_id), "{:?}", got);
        }
        prop_assert!(got[0].distance_m <= got[1].distance_m, "{:?}", got);
    }

    /// A requester's own balance never changes their candidate list.
    #[test]
    fn requester_balance_never_changes_their_candidates(seed in any::<u64>(), n in 2usize..400, given in 0.0f64..50.0, received in 0.0f64..50.0) {
        let mut people = random_population(seed, n);
        let mut req = random_request(seed, n);
        let who = (seed % n as u64) as usize;
        req.requester = people[who].id;
        let w = Weights::default();
        let before = build(&people).top_candidates(&CandidateQuery { request: &req, limit: 10, weights: &w });
        people[who].balance = Balance { given, received };
        let after_index = build(&people);
        let after = after_index.top_candidates(&CandidateQuery { request: &req, limit: 10, weights: &w });
        prop_assert_eq!(before, after);
    }

    /// Upserts and removals keep the index consistent and show in the next query.
    #[test]
    fn writes_show_in_the_next_query(seed in any::<u64>(), n in 1usize..300, ops in proptest::collection::vec((0usize..300, 0u8..4), 1..40)) {
        let people = random_population(seed, n);
        let mut index = build(&people);
        let mut current: std::collections::BTreeMap<u64, NeighbourProfile> = people.iter().map(|p| (p.id.0, p.clone())).collect();
        let fresh = random_population(seed ^ 1, 300);
        for (i, op) in ops {
            let mut p = fresh[i].clone();
            p.id = NeighbourId(1 + (i % (n + 20)) as u64);
            match op {
                0 => { index.remove(p.id); current.remove(&p.id.0); }
                1 => { let active = p.capacity; prop_assert!(index.upsert(&p).is_ok()); current.insert(p.id.0, p.clone());
                       if index.contains(p.id) { prop_assert!(index.set_active_matches(p.id, active).is_ok()); if let Some(c) = current.get_mut(&p.id.0) { c.active_matches = active; } } }
                _ => { prop_assert!(index.upsert(&p).is_ok()); current.insert(p.id.0, p); }
            }
            prop_assert!(index.check_consistency().is_ok(), "{:?}", index.check_consistency());
        }
        let rebuilt = OrgIndex::bulk_load(current.values().cloned()).unwrap_or_default();
        let w = Weights::default();
        for q in 0..5 {
            let req = random_request(seed.wrapping_add(q), n);
            let query = CandidateQuery { request: &req, limit: 10, weights: &w };
            prop_assert_eq!(index.candidate_ids(&req), rebuilt.candidate_ids(&req));
            prop_assert_eq!(index.top_candidates(&query), rebuilt.top_candidates(&query));
        }
    }
}

#[test]
fn paused_and_full_people_are_never_returned() {
    let c = centre();
    let base = NeighbourProfile {
        id: NeighbourId(1),
        location: c,
        travel_radius_m: 2000.0,
        interests: TagSet::EMPTY,
        talents: TagSet::EMPTY,
        languages: LanguageSet(1),
        availability: WeeklySlots::ALL,
        capacity: 1,
        active_matches: 0,
        paused: false,
        balance: Balance::default(),
    };
    let paused = NeighbourProfile {
        id: NeighbourId(2),
        paused: true,
        ..base.clone()
    };
    let full = NeighbourProfile {
        id: NeighbourId(3),
        active_matches: 1,
        ..base.clone()
    };
    let zero = NeighbourProfile {
        id: NeighbourId(4),
        capacity: 0,
        ..base.clone()
    };
    let index = build(&[base, paused, full, zero]);
    let req = HelpRequest {
        requester: NeighbourId(99),
        kind: RequestKind::Emotional,
        location: c.to_index(),
        radius_m: 1000.0,
        tags: TagSet::EMPTY,
        requester_interests: TagSet::EMPTY,
        languages: LanguageSet(1),
        window: Window::Flexible,
        declined_with: vec![],
        met_before: vec![],
    };
    let w = Weights::default();
    let got = index.top_candidates(&CandidateQuery {
        request: &req,
        limit: 10,
        weights: &w,
    });
    assert_eq!(got.iter().map(|c| c.neighbour_id.0).collect::<Vec<_>>(), vec![1]);
    assert_eq!(index.available_len(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Re-scoring the ids of a top list with the same weights gives the same list.
    #[test]
    fn rescore_agrees_with_search(seed in any::<u64>(), n in 1usize..400) {
        let people = random_population(seed, n);
        let index = build(&people);
        let w = Weights::default();
        let req = random_request(seed, n);
        let top = index.top_candidates(&CandidateQuery { request: &req, limit: 20, weights: &w });
        let mut ids: Vec<NeighbourId> = top.iter().map(|c| c.neighbour_id).collect();
        ids.reverse();
        ids.push(NeighbourId(u64::MAX));
        prop_assert_eq!(index.rescore(&req, &ids, &w), top);
    }
}

/// Unknown availability (issue 16) is not "never": such people are proposed at any time,
/// below someone known to be free then, with the reason to ask.
#[test]
fn unknown_availability_is_proposed_below_known_and_never_is_not() {
    let c = centre();
    let free = NeighbourProfile {
        id: NeighbourId(1),
        location: c,
        travel_radius_m: 2000.0,
        interests: TagSet::EMPTY,
        talents: TagSet::EMPTY,
        languages: LanguageSet(1),
        availability: WeeklySlots::ALL,
        capacity: 1,
        active_matches: 0,
        paused: false,
        balance: Balance::default(),
    };
    let unknown = NeighbourProfile {
        id: NeighbourId(2),
        availability: WeeklySlots::UNKNOWN,
        ..free.clone()
    };
    let never = NeighbourProfile {
        id: NeighbourId(3),
        availability: WeeklySlots::NONE,
        ..free.clone()
    };
    let index = build(&[free, unknown, never]);
    let req = HelpRequest {
        requester: NeighbourId(99),
        kind: RequestKind::Emotional,
        location: c.to_index(),
        radius_m: 1000.0,
        tags: TagSet::EMPTY,
        requester_interests: TagSet::EMPTY,
        languages: LanguageSet(1),
        window: Window::Flexible,
        declined_with: vec![],
        met_before: vec![],
    };
    let w = Weights::default();
    let got = index.top_candidates(&CandidateQuery {
        request: &req,
        limit: 10,
        weights: &w,
    });
    assert_eq!(
        got.iter().map(|c| c.neighbour_id.0).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(got[1].components.availability, 0.5);
    let ids: Vec<&str> = got[1]
        .reasons
        .iter()
        .filter_map(|r| r.phrase.message().map(|m| m.id.as_str()))
        .collect();
    assert!(ids.contains(&"reason-availability-unknown"), "{ids:?}");
    assert_eq!(index.candidate_ids(&req).len(), 2);
}
