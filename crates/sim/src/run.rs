//! The daily loop: one policy, one world, one year.

use crate::draw;
use crate::metrics::{Outcome, PolicyReport};
use crate::policy::{proposals, DayCapacity, History, Policy};
use crate::world::{Resident, World, WorldRequest};
use nabij_engine::reciprocity::{ExchangeKind, Ledger, ReciprocityConfig};
use nabij_engine::score::fit;
use nabij_engine::{HelpRequest, NeighbourId, NeighbourProfile, OrgIndex, Weights};
use std::collections::{HashMap, HashSet};

/// Days an unmatched request stays open before it is referred (no match).
pub const EXPIRY_DAYS: u32 = 30;

/// Chance that the person who asked thanks the companion after a match (assumption).
pub const THANKS_PROBABILITY: f64 = 0.35;

/// Acceptance model (same for every policy): the companion's willingness, a distance decay
/// for help that needs travel (frequent askers rarely travel at all), and fit.
pub fn acceptance_probability(
    world: &World,
    companion: &Resident,
    r: &WorldRequest,
    distance_m: f64,
    fit: f64,
) -> f64 {
    let m = &world.params.model;
    let travel = if !r.needs_travel {
        1.0
    } else {
        let decay = 0.5f64.powf(distance_m / m.distance_half_m.max(1.0));
        if companion.frequent && m.frequent_no_travel_accept > 0.0 {
            decay * (m.frequent_travel_accept / m.frequent_no_travel_accept)
        } else {
            decay
        }
    };
    (companion.willingness * travel * (0.4 + 0.6 * fit.clamp(0.0, 1.0))).clamp(0.0, 1.0)
}

struct Open {
    world_index: usize,
    since: u32,
    proposed: bool,
}

struct Busy {
    companion: usize,
    requester: usize,
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
    let m = world.params.model;
    let cfg = ReciprocityConfig::default();
    let mut ledgers: Vec<Ledger> = (0..n).map(|_| Ledger::new(epoch())).collect();
    let mut active = vec![0u8; n];
    let mut busy: Vec<Busy> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut declined: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut met_with: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut met: HashMap<(usize, usize), u32> = HashMap::new();
    // Tie status at the end of its latest match: true = goes on.
    let mut tie_goes_on: HashMap<(usize, usize), bool> = HashMap::new();
    let mut act_days: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut stopped: Vec<bool> = vec![false; n];
    let mut outcome = Outcome::new(n);
    let mut next_request = 0usize;
    let id_of = |i: usize| world.residents[i].person.profile.id;
    let by_id: HashMap<NeighbourId, usize> = (0..n).map(|i| (id_of(i), i)).collect();
    let base_daily = -(1.0 - m.stop_base_per_year.clamp(0.0, 0.999)).ln() / 365.0;

    for day in 0..world.params.days {
        // Matches that end today free their companion; the tie goes on or ends (LASA:
        // ties where the person who asked only ever received end more often).
        busy.retain(|b| {
            if b.until > day {
                return true;
            }
            active[b.companion] = active[b.companion].saturating_sub(1);
            let key = pair(b.requester, b.companion);
            let balanced = outcome.given(b.requester) > 0;
            let p = if balanced {
                m.tie_continue_balanced
            } else {
                m.tie_continue_unbalanced
            };
            let times = u64::from(met.get(&key).copied().unwrap_or(0));
            let u = draw::uniform(world.seed, draw::TIE, (key.0 as u64) << 32 | key.1 as u64, times);
            tie_goes_on.insert(key, u < p);
            false
        });
        // Helpers stop: a base rate plus a hazard rising with load above what they are
        // comfortable with. The same person meets the same luck on the same day in every
        // policy; what differs is their load.
        for i in 0..n {
            if stopped[i] || act_days[i].is_empty() {
                continue;
            }
            let recent = act_days[i].iter().filter(|&&d| d + 90 > day).count() as f64;
            let comfortable = world.residents[i].comfortable_acts.max(0.5);
            let over = (recent / comfortable - 1.0).max(0.0);
            let hazard = base_daily * (1.0 + m.stop_overload_factor * over);
            if draw::uniform(world.seed, draw::STOP, i as u64, u64::from(day)) < hazard {
                stopped[i] = true;
            }
        }
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
                    proposed: false,
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
        // Today's index: everyone present who has not stopped helping, with their balance
        // and load as of today.
        let profiles: Vec<NeighbourProfile> = (0..n)
            .filter(|&i| world.residents[i].present(day) && !stopped[i])
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
        let history = History {
            world,
            by_id: &by_id,
            given: outcome.given_slice(),
        };
        let picks = proposals(
            policy,
            &index,
            &reqs,
            world.seed,
            day,
            &mut capacity,
            weights,
            &history,
        );
        let mut matched_now = HashSet::new();
        for ((k, _), pick) in todays.iter().zip(picks) {
            let Some(companion_id) = pick else { continue };
            let Some(&c) = by_id.get(&companion_id) else {
                continue;
            };
            let o = &mut open[*k];
            let wr = &world.requests[o.world_index];
            let q = wr.requester;
            let comp = &world.residents[c];
            let req_p = &world.residents[q].person.profile;
            let d = comp.person.profile.location.distance_m(req_p.location);
            let f = fit(
                wr.kind,
                wr.tags,
                req_p.interests,
                comp.person.profile.interests,
                comp.person.profile.talents,
            );
            let accepted = draw::uniform(world.seed, draw::ACCEPT, wr.id, companion_id.0)
                < acceptance_probability(world, comp, wr, d, f);
            if !o.proposed {
                o.proposed = true;
                outcome.record_first_contact(accepted);
            }
            if !accepted {
                declined[q].push(c);
                declined[c].push(q);
                continue;
            }
            matched_now.insert(*k);
            active[c] = active[c].saturating_add(1);
            busy.push(Busy {
                companion: c,
                requester: q,
                until: day + wr.duration_days,
            });
            let times = met.entry(pair(q, c)).or_insert(0);
            *times += 1;
            if *times == 1 {
                met_with[q].push(c);
                met_with[c].push(q);
            }
            outcome.record_match(day - o.since, d, c, q);
            act_days[c].push(day);
            let t = at_day(day);
            let _ = ledgers[c].record(true, ExchangeKind::Help, t, &cfg);
            let _ = ledgers[q].record(false, ExchangeKind::Help, t, &cfg);
            if draw::uniform(world.seed, draw::THANKS, wr.id, 0) < THANKS_PROBABILITY {
                let _ = ledgers[q].record(true, ExchangeKind::Thanks, t, &cfg);
                let _ = ledgers[c].record(false, ExchangeKind::Thanks, t, &cfg);
            }
            let help_back = if world.residents[q].frequent {
                m.frequent_help_back
            } else {
                m.help_back
            };
            if draw::uniform(world.seed, draw::HELP_BACK, wr.id, 0) < help_back {
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
    let days = world.params.days;
    let registered: Vec<bool> = world
        .residents
        .iter()
        .map(|r| r.join_day < days && r.leave_day > r.join_day)
        .collect();
    let retained: Vec<bool> = world
        .residents
        .iter()
        .zip(&stopped)
        .map(|(r, s)| !s && r.leave_day >= days)
        .collect();
    let mut asked = vec![0u32; n];
    for r in &world.requests {
        asked[r.requester] += 1;
    }
    let continued = tie_goes_on.values().filter(|v| **v).count();
    outcome.report(
        &met,
        &registered,
        &retained,
        &asked,
        (continued, tie_goes_on.len()),
    )
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
        radius_m: world.residents[q].ask_radius_m as f32,
        tags: wr.tags,
        requester_interests: p.interests,
        languages: p.languages,
        window: wr.window.clone(),
        declined_with,
        met_before,
    }
    .normalise()
}
