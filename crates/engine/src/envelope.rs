//! An R-tree envelope that carries, besides the bounding box, a summary of everyone below
//! it: the union of their tags, languages and free slots, and the largest travel radius,
//! chance-to-give and load. A best-first search can then bound the score of a whole
//! subtree and skip subtrees where nobody shares a language or is free at the time.
//!
//! Summaries are only ever too generous, never too strict: insertion merges them and
//! removal recomputes them from the children, so every bound stays a true upper bound.

use rstar::{Envelope, Point, RTreeObject, AABB};

/// What every neighbour below a node has, at most.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Summary {
    pub interests: u64,
    pub talents: u64,
    pub languages: u32,
    pub availability: u32,
    pub max_radius_m: f32,
    /// Chance-to-give, rounded up to 1/255.
    pub max_chance: u8,
    /// Load component, rounded up to 1/255.
    pub max_load: u8,
}

impl Summary {
    fn merge(&mut self, o: &Summary) {
        self.interests |= o.interests;
        self.talents |= o.talents;
        self.languages |= o.languages;
        self.availability |= o.availability;
        self.max_radius_m = self.max_radius_m.max(o.max_radius_m);
        self.max_chance = self.max_chance.max(o.max_chance);
        self.max_load = self.max_load.max(o.max_load);
    }

    fn covers(&self, o: &Summary) -> bool {
        o.interests & !self.interests == 0
            && o.talents & !self.talents == 0
            && o.languages & !self.languages == 0
            && o.availability & !self.availability == 0
            && o.max_radius_m <= self.max_radius_m
            && o.max_chance <= self.max_chance
            && o.max_load <= self.max_load
    }

    /// Quantises a value in [0, 1] upwards to 1/255.
    pub fn quantise_up(v: f64) -> u8 {
        (v.clamp(0.0, 1.0) * 255.0).ceil() as u8
    }
}

/// Bounding box plus summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct SummaryEnvelope {
    pub aabb: AABB<[f32; 2]>,
    pub summary: Summary,
}

impl Envelope for SummaryEnvelope {
    type Point = [f32; 2];

    fn new_empty() -> Self {
        Self {
            aabb: AABB::new_empty(),
            summary: Summary::default(),
        }
    }

    fn contains_point(&self, point: &[f32; 2]) -> bool {
        self.aabb.contains_point(point)
    }

    fn contains_envelope(&self, other: &Self) -> bool {
        self.aabb.contains_envelope(&other.aabb) && self.summary.covers(&other.summary)
    }

    fn merge(&mut self, other: &Self) {
        self.aabb.merge(&other.aabb);
        self.summary.merge(&other.summary);
    }

    fn merged(&self, other: &Self) -> Self {
        let mut out = *self;
        out.merge(other);
        out
    }

    fn intersects(&self, other: &Self) -> bool {
        self.aabb.intersects(&other.aabb)
    }

    fn intersection_area(&self, other: &Self) -> f32 {
        self.aabb.intersection_area(&other.aabb)
    }

    fn area(&self) -> f32 {
        self.aabb.area()
    }

    fn distance_2(&self, point: &[f32; 2]) -> f32 {
        self.aabb.distance_2(point)
    }

    fn min_max_dist_2(&self, point: &[f32; 2]) -> f32 {
        self.aabb.min_max_dist_2(point)
    }

    fn center(&self) -> [f32; 2] {
        self.aabb.center()
    }

    fn perimeter_value(&self) -> f32 {
        self.aabb.perimeter_value()
    }

    fn sort_envelopes<T: RTreeObject<Envelope = Self>>(axis: usize, envelopes: &mut [T]) {
        envelopes.sort_unstable_by(|l, r| {
            l.envelope()
                .aabb
                .lower()
                .nth(axis)
                .total_cmp(&r.envelope().aabb.lower().nth(axis))
        });
    }

    fn partition_envelopes<T: RTreeObject<Envelope = Self>>(
        axis: usize,
        envelopes: &mut [T],
        selection_size: usize,
    ) {
        if selection_size >= envelopes.len() {
            return;
        }
        envelopes.select_nth_unstable_by(selection_size, |l, r| {
            l.envelope()
                .aabb
                .lower()
                .nth(axis)
                .total_cmp(&r.envelope().aabb.lower().nth(axis))
        });
    }
}
