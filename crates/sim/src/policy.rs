//! The matching policies compared by the simulator. All see the same hard rules (radius,
//! language, availability, capacity, declined pairs); they differ in whom they propose.

use crate::draw;
use nabij_engine::assign::AuctionConfig;
use nabij_engine::batch::{candidate_graph, propose};
use nabij_engine::candidates::CandidateQuery;
use nabij_engine::{HelpRequest, NeighbourId, OrgIndex, Weights};
use serde::Serialize;
use std::collections::HashMap;

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
}

impl Policy {
    pub const ALL: [Policy; 4] = [
        Policy::Engine,
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
        }
    }
}

/// Proposes one companion per open request (or none), respecting remaining capacities.
/// `requests` are in arrival order; `remaining(id)` is the capacity left today.
pub fn proposals(
    policy: Policy,
    index: &OrgIndex,
    requests: &[HelpRequest],
    seed: u64,
    day: u32,
    capacity: &mut DayCapacity<'_>,
    weights: &Weights,
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
