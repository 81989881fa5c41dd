//! The daily loop: one policy, one world, one year.

use crate::draw;
use crate::metrics::{Outcome, PolicyReport};
use crate::policy::{proposals, DayCapacity, Policy};
use crate::world::World;
use nabij_engine::reciprocity::{ExchangeKind, Ledger, ReciprocityConfig};
use nabij_engine::score::fit;
use nabij_engine::{HelpRequest, NeighbourId, NeighbourProfile, OrgIndex, Weights};
use std::collections::{HashMap, HashSet};

/// Days an unmatched request stays open before it is referred (no match).
pub const EXPIRY_DAYS: u32 = 30;

/// Acceptance model (same for every policy): falls with distance (halves every 1.5 km),
/// rises with fit.
pub fn acceptance_probability(distance_m: f64, fit: f64) -> f64 {
    (0.85 * 0.5f64.powf(distance_m / 1500.0) * (0.4 + 0.6 * fit.clamp(0.0, 1.0))).clamp(0.0, 1.0)
}

/// Chance that the person who asked thanks the companion after a match.
pub const THANKS_PROBABILITY: f64 = 0.35;
/// Chance that they help the companion back in some way during the year.
pub const HELP_BACK_PROBABILITY: f64 = 0.12;

struct Open {
    world_index: usize,
    since: u32,
}

struct Busy {
    neighbour: usize,
    until: u32,
}

fn epoch() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::<chrono::Utc>::UNIX_EPOCH
}

fn at_day(day: u32) -> chrono::DateTime<chrono::Utc> {
    epoch() + chrono::Duration::days(i64::from(day))
}

/// Replays the world under one policy.
pub fn simulate(world: &World, policy: Policy, weights: &Weights) -> PolicyReport {
    let n = world.residents.len();
    let cfg = ReciprocityConfig::default();
    let mut ledgers: Vec<Ledger> = (0..n).map(|_| Ledger::new(epoch())).collect();
    let mut active = vec![0u8; n];
    let mut busy: Vec<Busy> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut declined: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut met_with: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut met: HashMap<(usize, usize), u32> = HashMap::new();
    let mut outcome = Outcome::new(n);
    let mut next_request = 0usize;
    let id_of = |i: usize| world.residents[i].person.profile.id;
    let by_id: HashMap<NeighbourId, usize> = (0..n).map(|i| (id_of(i), i)).collect();

    for day in 0..world.params.days {
        // Matches that end today free their companion; thanks and help back follow.
        busy.retain(|b| {
            if b.until <= day {
                active[b.neighbour] = active[b.neighbour].saturating_sub(1);
                false
            } else {
                true
            }
        });
        // New requests.
        while next_request < world.requests.len() && world.requests[next_request].day == day {
            let r = &world.requests[next_request];
            if r.out_of_scope {
                outcome.referrals += 1;
            } else {
                outcome.in_scope_requests += 1;
                open.push(Open {
                    world_index: next_request,
                    since: day,
                });
            }
            next_request += 1;
        }
        // Requests open too long are referred, never dropped silently.
        open.retain(|o| {
            let keep = day - o.since < EXPIRY_DAYS;
            if !keep {
                outcome.referrals += 1;
            }
            keep
        });
        // Today's index: everyone present, with their balance and load as of today.
        let profiles: Vec<NeighbourProfile> = (0..n)
            .filter(|&i| world.residents[i].present(day))
            .map(|i| {
                let mut p = world.residents[i].person.profile.clone();
                p.active_matches = active[i].min(p.capacity);
                p.balance = ledgers[i].balance_at(at_day(day), &cfg);
                p
            })
            .collect();
        let Ok(index) = OrgIndex::bulk_load(profiles) else {
            continue;
        };
        // Requests whose requester is still present.
        let todays: Vec<(usize, HelpRequest)> = open
            .iter()
            .enumerate()
            .filter(|(_, o)| world.residents[world.requests[o.world_index].requester].present(day))
            .map(|(k, o)| {
                (
                    k,
                    help_request(world, o.world_index, &declined, &met_with, &id_of),
                )
            })
            .collect();
        let reqs: Vec<HelpRequest> = todays.iter().map(|(_, r)| r.clone()).collect();
        let mut capacity = DayCapacity::new(&index);
        let picks = proposals(policy, &index, &reqs, world.seed, day, &mut capacity, weights);
        let mut matched_now = HashSet::new();
        for ((k, _), pick) in todays.iter().zip(picks) {
            let Some(companion_id) = pick else { continue };
            let Some(&c) = by_id.get(&companion_id) else {
                continue;
            };
            let o = &open[*k];
            let wr = &world.requests[o.world_index];
            let q = wr.requester;
            let comp = &world.residents[c].person.profile;
            let req_p = &world.residents[q].person.profile;
            let d = comp.location.distance_m(req_p.location);
            let f = fit(wr.kind, wr.tags, req_p.interests, comp.interests, comp.talents);
            let accepted =
                draw::uniform(world.seed, draw::ACCEPT, wr.id, companion_id.0) < acceptance_probability(d, f);
            if !accepted {
                declined[q].push(c);
                declined[c].push(q);
                continue;
            }
            matched_now.insert(*k);
            active[c] = active[c].saturating_add(1);
            busy.push(Busy {
                neighbour: c,
                until: day + wr.duration_days,
            });
            let times = met.entry(pair(q, c)).or_insert(0);
            *times += 1;
            if *times == 1 {
                met_with[q].push(c);
                met_with[c].push(q);
            }
            outcome.record_match(day - o.since, d, c, q);
            let t = at_day(day);
            let _ = ledgers[c].record(true, ExchangeKind::Help, t, &cfg);
            let _ = ledgers[q].record(false, ExchangeKind::Help, t, &cfg);
            if draw::uniform(world.seed, draw::THANKS, wr.id, 0) < THANKS_PROBABILITY {
                let _ = ledgers[q].record(true, ExchangeKind::Thanks, t, &cfg);
                let _ = ledgers[c].record(false, ExchangeKind::Thanks, t, &cfg);
            }
            if draw::uniform(world.seed, draw::HELP_BACK, wr.id, 0) < HELP_BACK_PROBABILITY {
                let _ = ledgers[q].record(true, ExchangeKind::Help, t, &cfg);
                let _ = ledgers[c].record(false, ExchangeKind::Help, t, &cfg);
                outcome.record_help_back(q, c);
            }
        }
        let mut k = 0;
        open.retain(|_| {
            let keep = !matched_now.contains(&k);
            k += 1;
            keep
        });
    }
    outcome.still_open = open.len();
    let present: Vec<bool> = world
        .residents
        .iter()
        .map(|r| r.join_day < world.params.days && r.leave_day > r.join_day)
        .collect();
    outcome.report(&met, &present)
}

fn pair(a: usize, b: usize) -> (usize, usize) {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

fn help_request(
    world: &World,
    wi: usize,
    declined: &[Vec<usize>],
    met_with: &[Vec<usize>],
    id_of: &dyn Fn(usize) -> NeighbourId,
) -> HelpRequest {
    let wr = &world.requests[wi];
    let q = wr.requester;
    let p = &world.residents[q].person.profile;
    let declined_with = declined[q].iter().map(|&i| id_of(i)).collect();
    let met_before = met_with[q].iter().map(|&i| id_of(i)).collect();
    HelpRequest {
        requester: p.id,
        kind: wr.kind,
        location: p.location.to_index(),
        radius_m: p.travel_radius_m as f32,
        tags: wr.tags,
        requester_interests: p.interests,
        languages: p.languages,
        window: wr.window.clone(),
        declined_with,
        met_before,
    }
    .normalise()
}
