//! Candidate search: who could keep this requester company, best first.
//!
//! The search walks outward from the request with the R-tree's nearest-neighbour
//! iterator. Proximity falls with distance and every other component is bounded, so the
//! walk stops as soon as the best score any farther neighbour could still reach is below
//! the k-th best found (DESIGN.md §3.8). A dense town with a 10 km radius then costs
//! little more than a village.

use crate::availability::WeeklySlots;
use crate::index::{OrgIndex, Slot};
use crate::neighbour::NeighbourId;
use crate::projection::index_distance_m;
use crate::reasons::{explain, Reason};
use crate::request::HelpRequest;
use crate::score::{fit, load, Components, Weights};
use crate::tags::{TagSet, Vocabulary};
use serde::Serialize;

/// Most candidates one query returns.
pub const MAX_LIMIT: usize = 100;

/// A ranked candidate with its components and reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub neighbour_id: NeighbourId,
    /// Exact distance in metres (the API rounds it before showing it).
    pub distance_m: f64,
    pub score: f64,
    pub components: Components,
    pub reasons: Vec<Reason>,
}

/// A top-k query.
#[derive(Debug, Clone, Copy)]
pub struct CandidateQuery<'a> {
    pub request: &'a HelpRequest,
    pub limit: usize,
    pub weights: &'a Weights,
}

/// Everything fixed for one query, computed once.
struct Prepared<'a> {
    req: &'a HelpRequest,
    w: &'a Weights,
    slots: WeeklySlots,
    slot_count: f64,
}

impl<'a> Prepared<'a> {
    fn new(req: &'a HelpRequest, w: &'a Weights) -> Self {
        let slots = req.window.slots();
        Self {
            req,
            w,
            slots,
            slot_count: f64::from(slots.count().max(1)),
        }
    }

    /// The hard filters, shared by every search path so they agree exactly.
    #[inline]
    fn admissible(&self, s: &Slot, d: f64) -> bool {
        s.is_available()
            && s.id != self.req.requester.0
            && d <= f64::from(self.req.radius_m)
            && d <= f64::from(s.radius_m)
            && s.languages & self.req.languages.0 != 0
            && s.availability & self.slots.0 != 0
            && !self.req.declined(NeighbourId(s.id))
    }

    #[inline]
    fn components(&self, s: &Slot, d: f64) -> Components {
        let req = self.req;
        Components {
            proximity: self.w.proximity(d),
            fit: fit(
                req.kind,
                req.tags,
                req.requester_interests,
                TagSet(s.interests),
                TagSet(s.talents),
            ),
            reciprocity: f64::from(s.chance),
            continuity: if req.met(NeighbourId(s.id)) { 1.0 } else { 0.0 },
            availability: f64::from((s.availability & self.slots.0).count_ones()) / self.slot_count,
            load: load(s.capacity, s.active, f64::from(s.protection)),
        }
    }
}

/// A scored candidate before reasons are written.
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: f64,
    distance: f64,
    id: u64,
    slot: u32,
    components: Components,
}

impl Ranked {
    /// Better: higher score, then nearer, then lower id (deterministic).
    fn better_than(&self, other: &Ranked) -> bool {
        match self.score.total_cmp(&other.score) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => match self.distance.total_cmp(&other.distance) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Greater => false,
                std::cmp::Ordering::Equal => self.id < other.id,
            },
        }
    }
}

/// The k best so far, best first (k is small: insertion into a sorted vector).
struct TopK {
    k: usize,
    items: Vec<Ranked>,
}

impl TopK {
    fn new(k: usize) -> Self {
        Self {
            k,
            items: Vec::with_capacity(k + 1),
        }
    }

    fn full(&self) -> bool {
        self.items.len() >= self.k
    }

    fn worst_score(&self) -> f64 {
        self.items.last().map_or(f64::NEG_INFINITY, |r| r.score)
    }

    fn offer(&mut self, r: Ranked) {
        if self.k == 0 {
            return;
        }
        if self.full() && !self.items.last().is_some_and(|w| r.better_than(w)) {
            return;
        }
        let pos = self
            .items
            .iter()
            .position(|x| r.better_than(x))
            .unwrap_or(self.items.len());
        self.items.insert(pos, r);
        self.items.truncate(self.k);
    }
}

impl OrgIndex {
    /// The `limit` best candidates for a request, best first, with reasons.
    pub fn top_candidates(&self, q: &CandidateQuery<'_>) -> Vec<Candidate> {
        let p = Prepared::new(q.request, q.weights);
        let mut top = TopK::new(q.limit.min(MAX_LIMIT));
        let w = q.weights;
        let total = w.total();
        // Best any neighbour could reach on everything but proximity.
        let rest = w.fit
            + w.reciprocity * f64::from(self.max_chance)
            + w.continuity * if q.request.met_before.is_empty() { 0.0 } else { 1.0 }
            + w.availability
            + w.load * (0.5 + 0.5 * f64::from(self.max_protection));
        let reach = f64::from(q.request.radius_m.min(self.max_radius_m)) + 1.0;
        let origin = q.request.location;
        for (e, d2) in self.tree.nearest_neighbor_iter_with_distance_2(&origin) {
            // rstar's single-precision distance, with a margin for rounding.
            let approx = f64::from(d2).sqrt();
            if approx > reach {
                break;
            }
            if top.full() {
                let bound = (w.proximity * w.proximity((approx - 1.0).max(0.0)) + rest) / total + 1e-9;
                if bound < top.worst_score() {
                    break;
                }
            }
            let s = &self.slots[e.slot as usize];
            let d = index_distance_m(origin, s.xy);
            if !p.admissible(s, d) {
                continue;
            }
            let components = p.components(s, d);
            top.offer(Ranked {
                score: w.combine(&components),
                distance: d,
                id: s.id,
                slot: e.slot,
                components,
            });
        }
        self.finish(&p, top)
    }

    /// Reference implementation: scores every available neighbour and keeps the best.
    /// Used by tests and benchmarks as the baseline; never by the service.
    pub fn brute_force_top_candidates(&self, q: &CandidateQuery<'_>) -> Vec<Candidate> {
        let p = Prepared::new(q.request, q.weights);
        let mut top = TopK::new(q.limit.min(MAX_LIMIT));
        for (i, s) in self.slots.iter().enumerate() {
            if !s.is_available() {
                continue;
            }
            let d = index_distance_m(q.request.location, s.xy);
            if !p.admissible(s, d) {
                continue;
            }
            let components = p.components(s, d);
            top.offer(Ranked {
                score: q.weights.combine(&components),
                distance: d,
                id: s.id,
                slot: i as u32,
                components,
            });
        }
        self.finish(&p, top)
    }

    /// Every admissible candidate, through the tree (unranked, sorted by id).
    pub fn candidate_ids(&self, request: &HelpRequest) -> Vec<NeighbourId> {
        let w = Weights::default();
        let p = Prepared::new(request, &w);
        let r = f64::from(request.radius_m) + 1.0;
        let mut out: Vec<NeighbourId> = self
            .tree
            .locate_within_distance(request.location, (r * r) as f32)
            .filter_map(|e| {
                let s = &self.slots[e.slot as usize];
                p.admissible(s, index_distance_m(request.location, s.xy))
                    .then_some(NeighbourId(s.id))
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Every admissible candidate by scanning all slots (reference for tests).
    pub fn brute_force_candidate_ids(&self, request: &HelpRequest) -> Vec<NeighbourId> {
        let w = Weights::default();
        let p = Prepared::new(request, &w);
        let mut out: Vec<NeighbourId> = self
            .slots
            .iter()
            .filter(|s| p.admissible(s, index_distance_m(request.location, s.xy)))
            .map(|s| NeighbourId(s.id))
            .collect();
        out.sort_unstable();
        out
    }

    fn finish(&self, p: &Prepared<'_>, top: TopK) -> Vec<Candidate> {
        let vocab = Vocabulary::builtin();
        top.items
            .into_iter()
            .map(|r| {
                let s = &self.slots[r.slot as usize];
                Candidate {
                    neighbour_id: NeighbourId(r.id),
                    distance_m: r.distance,
                    score: r.score,
                    components: r.components,
                    reasons: explain(
                        vocab,
                        p.req,
                        TagSet(s.interests),
                        TagSet(s.talents),
                        r.distance,
                        &r.components,
                        f64::from(s.protection),
                    ),
                }
            })
            .collect()
    }
}
