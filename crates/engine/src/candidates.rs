//! Candidate search: who could keep this requester company, best first.
//!
//! The search walks outward from the request with the R-tree's nearest-neighbour
//! iterator. Proximity falls with distance and every other component is bounded, so the
//! walk stops as soon as the best score any farther neighbour could still reach is below
//! the k-th best found (docs/design.md §3.8). A dense town with a 10 km radius then costs
//! little more than a village.

use crate::availability::{WeeklySlots, UNKNOWN_AVAILABILITY};
use crate::envelope::SummaryEnvelope;
use crate::index::{Entry, OrgIndex, Slot};
use crate::neighbour::NeighbourId;
use crate::projection::index_distance_m;
use crate::reasons::{explain, Reason};
use crate::request::HelpRequest;
use crate::score::{fit, load, Components, Weights};
use crate::tags::{TagSet, Vocabulary};
use rstar::{Envelope, ParentNode, RTreeNode};
use serde::Serialize;
use std::collections::BinaryHeap;

/// Most candidates one query returns.
pub const MAX_LIMIT: usize = 100;

/// A ranked candidate with its components and reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub neighbour_id: NeighbourId,
    /// Distance in metres between the positions the index holds — published positions,
    /// never exact homes (see [`crate::position`]); the API rounds it before showing it.
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

    /// The best score anyone under a node could reach, or `None` when nobody under it
    /// can be a candidate (too far, no shared language, never free at that time).
    #[inline]
    fn bound(&self, env: &SummaryEnvelope) -> Option<f64> {
        let sum = &env.summary;
        if sum.languages & self.req.languages.0 == 0 || sum.availability & self.slots.0 == 0 {
            return None;
        }
        // Single-precision box distance, with a margin for rounding.
        let d = (f64::from(env.distance_2(&self.req.location)).sqrt() - 1.0).max(0.0);
        if d > f64::from(self.req.radius_m) || d > f64::from(sum.max_radius_m) {
            return None;
        }
        let req = self.req;
        let fit_bound = match req.kind {
            crate::request::RequestKind::Companionship => {
                let n = req.tags.len();
                let cover = if n > 0 {
                    f64::from(req.tags.intersect(TagSet(sum.interests | sum.talents)).len()) / f64::from(n)
                } else {
                    0.5
                };
                let ri = req.requester_interests.len();
                let shared = if ri > 0 {
                    (f64::from(req.requester_interests.intersect(TagSet(sum.interests)).len())
                        / f64::from(ri))
                    .min(1.0)
                } else {
                    0.0
                };
                0.7 * cover + 0.3 * shared
            }
            _ => fit(
                req.kind,
                req.tags,
                TagSet::EMPTY,
                TagSet(sum.interests),
                TagSet(sum.talents),
            ),
        };
        let c = Components {
            proximity: self.w.proximity(d),
            fit: fit_bound,
            reciprocity: f64::from(sum.max_chance) / 255.0,
            continuity: if req.met_before.is_empty() { 0.0 } else { 1.0 },
            availability: f64::from((sum.availability & self.slots.0).count_ones()) / self.slot_count,
            load: f64::from(sum.max_load) / 255.0,
        };
        Some(self.w.combine(&c) + 1e-9)
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
            availability: if s.availability & WeeklySlots::UNKNOWN_BIT != 0 {
                UNKNOWN_AVAILABILITY
            } else {
                f64::from((s.availability & self.slots.0).count_ones()) / self.slot_count
            },
            load: load(s.capacity, s.active, f64::from(s.protection)),
        }
    }
}

/// A subtree waiting in the best-first queue.
struct Pending<'t> {
    bound: f64,
    node: &'t ParentNode<Entry>,
}

impl PartialEq for Pending<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.bound.total_cmp(&other.bound).is_eq()
    }
}

impl Eq for Pending<'_> {}

impl PartialOrd for Pending<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bound.total_cmp(&other.bound)
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
    ///
    /// Best-first branch and bound over the tree: subtrees are visited in order of the
    /// best score anyone in them could reach (from the node's box and summary), and the
    /// search ends when that bound falls below the k-th best score found. The result is
    /// exactly the brute-force top k (a property test checks this).
    pub fn top_candidates(&self, q: &CandidateQuery<'_>) -> Vec<Candidate> {
        let p = Prepared::new(q.request, q.weights);
        let mut top = TopK::new(q.limit.min(MAX_LIMIT));
        if top.k == 0 {
            return Vec::new();
        }
        let mut heap: BinaryHeap<Pending<'_>> = BinaryHeap::new();
        self.expand(&p, self.tree.root().children(), &mut top, &mut heap);
        while let Some(next) = heap.pop() {
            if top.full() && next.bound < top.worst_score() {
                break;
            }
            self.expand(&p, next.node.children(), &mut top, &mut heap);
        }
        self.finish(&p, top)
    }

    /// Scores the leaves among `children` and queues the parents with their bounds.
    fn expand<'t>(
        &'t self,
        p: &Prepared<'_>,
        children: &'t [RTreeNode<Entry>],
        top: &mut TopK,
        heap: &mut BinaryHeap<Pending<'t>>,
    ) {
        let origin = p.req.location;
        for child in children {
            match child {
                RTreeNode::Leaf(e) => {
                    let s = &self.slots[e.slot as usize];
                    let d = index_distance_m(origin, s.xy);
                    if !p.admissible(s, d) {
                        continue;
                    }
                    let components = p.components(s, d);
                    top.offer(Ranked {
                        score: p.w.combine(&components),
                        distance: d,
                        id: s.id,
                        slot: e.slot,
                        components,
                    });
                }
                RTreeNode::Parent(node) => {
                    if let Some(bound) = p.bound(&node.envelope()) {
                        if !(top.full() && bound < top.worst_score()) {
                            heap.push(Pending { bound, node });
                        }
                    }
                }
            }
        }
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

    /// Re-scores a known list of neighbours for a request (for instance the companions of
    /// open proposals after weights or balances changed), best first. Neighbours that are
    /// unknown or no longer admissible are left out.
    pub fn rescore(&self, request: &HelpRequest, ids: &[NeighbourId], weights: &Weights) -> Vec<Candidate> {
        let p = Prepared::new(request, weights);
        let mut top = TopK::new(ids.len().min(MAX_LIMIT * 10));
        for id in ids {
            let Some(i) = self.slot_of(*id) else { continue };
            let s = &self.slots[i as usize];
            let d = index_distance_m(request.location, s.xy);
            if !p.admissible(s, d) {
                continue;
            }
            let components = p.components(s, d);
            top.offer(Ranked {
                score: weights.combine(&components),
                distance: d,
                id: s.id,
                slot: i,
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
                        s.availability & WeeklySlots::UNKNOWN_BIT != 0,
                    ),
                }
            })
            .collect()
    }
}
