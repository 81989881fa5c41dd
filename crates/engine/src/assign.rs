//! Batch assignment: give each open request at most one companion and each neighbour at
//! most their remaining capacity, maximising the total score.
//!
//! The solver is Bertsekas' forward auction (Gauss–Seidel) on the sparse graph of
//! candidate edges. Every request also has a private "no proposal" option worth 0, so it
//! is never forced into a poor match. Capacity is modelled as identical copies of a
//! neighbour, each with its own price. Prices start at zero and only rise, so copies that
//! end unassigned keep price zero, and the result is ε-optimal: its total is within
//! `requests × ε` of the optimum (Bertsekas, *Network Optimization*, §7.2). With scores in
//! [0, 1] and ε = 10⁻³ that is a gap of at most 0.1 % per matched request on average, and
//! the harness measures the real gap against an exact solver.
//!
//! The auction is sequential and processes requests in a fixed order, so the same input
//! gives the same output on any number of threads (scoring, upstream, is parallel).

use serde::Serialize;
use std::collections::VecDeque;

/// A sparse assignment problem.
#[derive(Debug, Clone, Default)]
pub struct Problem {
    /// Remaining capacity per neighbour (index = neighbour number in this problem).
    pub capacities: Vec<u32>,
    /// Per request: candidate edges `(neighbour number, score)`; scores ≤ 0 are ignored.
    pub edges: Vec<Vec<(u32, f64)>>,
}

/// The solver's answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// Per request: the neighbour number it is proposed to, if any.
    pub of_request: Vec<Option<u32>>,
    pub total_score: f64,
    pub matched: usize,
}

/// Settings of the auction.
#[derive(Debug, Clone, Copy)]
pub struct AuctionConfig {
    /// Minimal bid increment; the result is within `requests × epsilon` of the optimum.
    pub epsilon: f64,
}

impl Default for AuctionConfig {
    fn default() -> Self {
        Self { epsilon: 1e-3 }
    }
}

/// Per-neighbour copies: prices and owners, stored flat.
struct Copies {
    start: Vec<usize>,
    price: Vec<f64>,
    owner: Vec<u32>,
}

const NOBODY: u32 = u32::MAX;

impl Copies {
    fn new(capacities: &[u32]) -> Self {
        let mut start = Vec::with_capacity(capacities.len() + 1);
        let mut total = 0usize;
        for c in capacities {
            start.push(total);
            total += *c as usize;
        }
        start.push(total);
        Self {
            start,
            price: vec![0.0; total],
            owner: vec![NOBODY; total],
        }
    }

    /// The cheapest and second-cheapest copy of neighbour `j`: (index, price), price.
    #[inline]
    fn cheapest_two(&self, j: usize) -> Option<(usize, f64, f64)> {
        let (a, b) = (self.start[j], self.start[j + 1]);
        if a == b {
            return None;
        }
        let (mut best, mut p1, mut p2) = (a, self.price[a], f64::INFINITY);
        for k in a + 1..b {
            let p = self.price[k];
            if p < p1 {
                p2 = p1;
                p1 = p;
                best = k;
            } else if p < p2 {
                p2 = p;
            }
        }
        Some((best, p1, p2))
    }
}

/// Solves the problem with the forward auction.
pub fn auction(problem: &Problem, cfg: AuctionConfig) -> Assignment {
    let n = problem.edges.len();
    let eps = if cfg.epsilon.is_finite() && cfg.epsilon > 0.0 {
        cfg.epsilon
    } else {
        1e-3
    };
    let mut copies = Copies::new(&problem.capacities);
    let mut held: Vec<Option<usize>> = vec![None; n];
    let mut queue: VecDeque<u32> = (0..n as u32).collect();
    while let Some(i) = queue.pop_front() {
        let i = i as usize;
        // Best and second-best net value; "no proposal" is worth 0.
        let mut best: Option<usize> = None;
        let mut v1 = 0.0f64;
        let mut v2 = 0.0f64;
        for &(j, a) in &problem.edges[i] {
            if a <= 0.0 {
                continue;
            }
            let Some((k, p1, p2)) = copies.cheapest_two(j as usize) else {
                continue;
            };
            let net = a - p1;
            let net2 = a - p2;
            if net > v1 {
                v2 = v1.max(net2);
                v1 = net;
                best = Some(k);
            } else {
                v2 = v2.max(net);
            }
        }
        let Some(k) = best else {
            continue; // Nothing worth more than no proposal: stays unassigned.
        };
        // Bid: raise the price so the request is indifferent to its second choice, + ε.
        copies.price[k] += v1 - v2 + eps;
        let previous = copies.owner[k];
        copies.owner[k] = i as u32;
        held[i] = Some(k);
        if previous != NOBODY {
            held[previous as usize] = None;
            queue.push_back(previous);
        }
    }
    finish(problem, &copies, &held)
}

/// Best edge first, as a baseline.
pub fn greedy(problem: &Problem) -> Assignment {
    let mut all: Vec<(f64, u32, u32)> = problem
        .edges
        .iter()
        .enumerate()
        .flat_map(|(i, es)| {
            es.iter()
                .filter(|e| e.1 > 0.0)
                .map(move |&(j, a)| (a, i as u32, j))
        })
        .collect();
    all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut left = problem.capacities.clone();
    let mut of_request = vec![None; problem.edges.len()];
    for (_, i, j) in all {
        if of_request[i as usize].is_none() && left[j as usize] > 0 {
            left[j as usize] -= 1;
            of_request[i as usize] = Some(j);
        }
    }
    score_of(problem, of_request)
}

fn finish(problem: &Problem, copies: &Copies, held: &[Option<usize>]) -> Assignment {
    let of_request = held
        .iter()
        .map(|k| k.map(|k| copies.start.partition_point(|&s| s <= k) as u32 - 1))
        .collect();
    score_of(problem, of_request)
}

/// Totals an assignment (and checks it against the edges: a missing edge scores 0).
pub fn score_of(problem: &Problem, of_request: Vec<Option<u32>>) -> Assignment {
    let mut total = 0.0;
    let mut matched = 0;
    for (i, j) in of_request.iter().enumerate() {
        if let Some(j) = j {
            matched += 1;
            total += problem.edges[i].iter().find(|e| e.0 == *j).map_or(0.0, |e| e.1);
        }
    }
    Assignment {
        of_request,
        total_score: total,
        matched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Exhaustive optimum for tiny problems.
    fn optimum(p: &Problem) -> f64 {
        fn go(p: &Problem, i: usize, left: &mut Vec<u32>) -> f64 {
            if i == p.edges.len() {
                return 0.0;
            }
            let mut best = go(p, i + 1, left);
            for &(j, a) in &p.edges[i] {
                if a > 0.0 && left[j as usize] > 0 {
                    left[j as usize] -= 1;
                    best = best.max(a + go(p, i + 1, left));
                    left[j as usize] += 1;
                }
            }
            best
        }
        go(p, 0, &mut p.capacities.clone())
    }

    fn valid(p: &Problem, a: &Assignment) -> bool {
        let mut used = vec![0u32; p.capacities.len()];
        for (i, j) in a.of_request.iter().enumerate() {
            if let Some(j) = j {
                used[*j as usize] += 1;
                if !p.edges[i].iter().any(|e| e.0 == *j && e.1 > 0.0) {
                    return false;
                }
            }
        }
        used.iter().zip(&p.capacities).all(|(u, c)| u <= c)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn auction_is_feasible_and_epsilon_optimal(
            caps in proptest::collection::vec(0u32..3, 1..6),
            raw in proptest::collection::vec(proptest::collection::vec((0u32..6, 0.0f64..1.0), 0..4), 0..7),
        ) {
            let m = caps.len() as u32;
            let edges: Vec<Vec<(u32, f64)>> = raw.into_iter().map(|es| {
                let mut es: Vec<(u32, f64)> = es.into_iter().map(|(j, a)| (j % m, a)).collect();
                es.sort_by_key(|e| e.0);
                es.dedup_by_key(|e| e.0);
                es
            }).collect();
            let p = Problem { capacities: caps, edges };
            let cfg = AuctionConfig::default();
            let a = auction(&p, cfg);
            prop_assert!(valid(&p, &a));
            let g = greedy(&p);
            prop_assert!(valid(&p, &g));
            let opt = optimum(&p);
            prop_assert!(a.total_score >= opt - p.edges.len() as f64 * cfg.epsilon - 1e-9, "auction {} opt {}", a.total_score, opt);
            prop_assert!(a.total_score <= opt + 1e-9);
            prop_assert_eq!(auction(&p, cfg), a);
        }
    }
}
