//! The matching policies compared by the simulator. All see the same hard rules (radius,
//! language, availability, capacity, declined pairs); they differ in whom they propose.

use crate::draw;
use crate::world::World;
use nabij_engine::assign::AuctionConfig;
use nabij_engine::batch::{candidate_graph, propose};
use nabij_engine::candidates::CandidateQuery;
use nabij_engine::{HelpRequest, NeighbourId, OrgIndex, Weights};
use serde::Serialize;
use std::collections::HashMap;

/// What a policy may know of the past (regulars: who has helped most so far).
pub struct History<'a> {
    pub world: &'a World,
    pub by_id: &'a HashMap<NeighbourId, usize>,
    /// Acts of help given so far under this policy, per resident.
    pub given: &'a [u32],
}

/// Capacity left today, as proposals are made.
pub struct DayCapacity<'a> {
    index: &'a OrgIndex,
    left: HashMap<NeighbourId, u32>,
}

impl<'a> DayCapacity<'a> {
    pub fn new(index: &'a OrgIndex) -> Self {
        Self {
            index,
            left: HashMap::new(),
        }
    }

    pub fn remaining(&mut self, id: NeighbourId) -> u32 {
        let index = self.index;
        *self
            .left
            .entry(id)
            .or_insert_with(|| index.remaining_capacity(id))
    }

    pub fn take(&mut self, id: NeighbourId) {
        let index = self.index;
        let e = self
            .left
            .entry(id)
            .or_insert_with(|| index.remaining_capacity(id));
        *e = e.saturating_sub(1);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// nabij: scored candidates (all components) and a daily batch assignment.
    Engine,
    /// Each request in arrival order gets the nearest admissible neighbour.
    GreedyNearest,
    /// Each request in arrival order gets a random admissible neighbour.
    RandomWithinRadius,
    /// Each request in arrival order gets the admissible neighbour who signed up first.
    FirstCome,
    /// The status quo: the coordinator's most-used reliable helpers first (most acts of
    /// help so far), then the nearest.
    Regulars,
}

impl Policy {
    pub const ALL: [Policy; 5] = [
        Policy::Engine,
        Policy::Regulars,
        Policy::GreedyNearest,
        Policy::RandomWithinRadius,
        Policy::FirstCome,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Policy::Engine => "engine",
            Policy::GreedyNearest => "greedy_nearest",
            Policy::RandomWithinRadius => "random_within_radius",
            Policy::FirstCome => "first_come",
            Policy::Regulars => "regulars",
        }
    }
}

/// Proposes one companion per open request (or none), respecting remaining capacities.
/// `requests` are in arrival order; `remaining(id)` is the capacity left today.
#[allow(clippy::too_many_arguments)]
pub fn proposals(
    policy: Policy,
    index: &OrgIndex,
    requests: &[HelpRequest],
    seed: u64,
    day: u32,
    capacity: &mut DayCapacity<'_>,
    weights: &Weights,
    history: &History<'_>,
) -> Vec<Option<NeighbourId>> {
    match policy {
        Policy::Engine => {
            let graph = candidate_graph(index, requests, 10, weights);
            let (_, picks) = propose(&graph, AuctionConfig::default());
            for id in picks.iter().flatten() {
                capacity.take(*id);
            }
            picks
        }
        Policy::Regulars => requests
            .iter()
            .map(|r| {
                let pick = regulars_pick(index, r, capacity, history);
                if let Some(id) = pick {
                    capacity.take(id);
                }
                pick
            })
            .collect(),
        Policy::GreedyNearest | Policy::RandomWithinRadius | Policy::FirstCome => requests
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let pick = sequential_pick(policy, index, r, seed, day, i as u64, capacity);
                if let Some(id) = pick {
                    capacity.take(id);
                }
                pick
            })
            .collect(),
    }
}

fn regulars_pick(
    index: &OrgIndex,
    r: &HelpRequest,
    capacity: &mut DayCapacity<'_>,
    h: &History<'_>,
) -> Option<NeighbourId> {
    let at = h
        .by_id
        .get(&r.requester)
        .map(|&q| h.world.residents[q].person.profile.location)?;
    index
        .candidate_ids(r)
        .into_iter()
        .filter(|id| capacity.remaining(*id) > 0)
        .filter_map(|id| {
            let i = *h.by_id.get(&id)?;
            let d = h.world.residents[i].person.profile.location.distance_m(at);
            Some((id, h.given.get(i).copied().unwrap_or(0), d))
        })
        .min_by(|a, b| b.1.cmp(&a.1).then(a.2.total_cmp(&b.2)).then(a.0.cmp(&b.0)))
        .map(|(id, _, _)| id)
}

fn sequential_pick(
    policy: Policy,
    index: &OrgIndex,
    r: &HelpRequest,
    seed: u64,
    day: u32,
    i: u64,
    capacity: &mut DayCapacity<'_>,
) -> Option<NeighbourId> {
    match policy {
        Policy::GreedyNearest => {
            let nearest = Weights {
                proximity: 1.0,
                fit: 0.0,
                reciprocity: 0.0,
                continuity: 0.0,
                availability: 0.0,
                load: 0.0,
                ..Weights::default()
            };
            index
                .top_candidates(&CandidateQuery {
                    request: r,
                    limit: 30,
                    weights: &nearest,
                })
                .into_iter()
                .map(|c| c.neighbour_id)
                .find(|id| capacity.remaining(*id) > 0)
        }
        _ => {
            let ids: Vec<NeighbourId> = index
                .candidate_ids(r)
                .into_iter()
                .filter(|id| capacity.remaining(*id) > 0)
                .collect();
            if ids.is_empty() {
                return None;
            }
            if policy == Policy::FirstCome {
                return ids.first().copied();
            }
            let u = draw::uniform(seed, draw::RANDOM_PICK, u64::from(day) << 32 | i, r.requester.0);
            ids.get(((u * ids.len() as f64) as usize).min(ids.len() - 1))
                .copied()
        }
    }
}
