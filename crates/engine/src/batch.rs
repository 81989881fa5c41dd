//! Batch re-matching: candidate edges for many open requests, scored in parallel, then
//! one assignment over all of them.

use crate::assign::{auction, Assignment, AuctionConfig, Problem};
use crate::candidates::{Candidate, CandidateQuery};
use crate::index::OrgIndex;
use crate::neighbour::NeighbourId;
use crate::request::HelpRequest;
use crate::score::Weights;
use rayon::prelude::*;
use std::collections::HashMap;

/// The candidate graph of a batch, with the neighbour numbering used by the solver.
#[derive(Debug, Clone, Default)]
pub struct CandidateGraph {
    pub problem: Problem,
    /// Neighbour number in the problem → neighbour id.
    pub neighbours: Vec<NeighbourId>,
    /// Per request, its candidates best first (with components and reasons).
    pub candidates: Vec<Vec<Candidate>>,
}

/// Builds the graph: top `k` candidates per request, scored in parallel. The result does
/// not depend on the number of threads (rayon keeps the order of `requests`).
pub fn candidate_graph(
    index: &OrgIndex,
    requests: &[HelpRequest],
    k: usize,
    weights: &Weights,
) -> CandidateGraph {
    let candidates: Vec<Vec<Candidate>> = requests
        .par_iter()
        .map(|r| {
            index.top_candidates(&CandidateQuery {
                request: r,
                limit: k,
                weights,
            })
        })
        .collect();
    let mut number: HashMap<NeighbourId, u32> = HashMap::new();
    let mut neighbours = Vec::new();
    let mut capacities = Vec::new();
    let mut edges = Vec::with_capacity(requests.len());
    for list in &candidates {
        let mut es = Vec::with_capacity(list.len());
        for c in list {
            let j = *number.entry(c.neighbour_id).or_insert_with(|| {
                neighbours.push(c.neighbour_id);
                capacities.push(index.remaining_capacity(c.neighbour_id));
                (neighbours.len() - 1) as u32
            });
            es.push((j, c.score));
        }
        edges.push(es);
    }
    CandidateGraph {
        problem: Problem { capacities, edges },
        neighbours,
        candidates,
    }
}

/// Proposals of a batch run: per request, the companion proposed (if any).
pub fn propose(graph: &CandidateGraph, cfg: AuctionConfig) -> (Assignment, Vec<Option<NeighbourId>>) {
    let a = auction(&graph.problem, cfg);
    let ids = a
        .of_request
        .iter()
        .map(|j| j.map(|j| graph.neighbours[j as usize]))
        .collect();
    (a, ids)
}
