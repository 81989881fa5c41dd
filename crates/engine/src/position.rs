//! What callers may learn of where people live (issue 12, "no position by inference").
//!
//! **The guarantee.** Whatever a caller does — any number of requests at places and radii
//! of its choice, in any role — it cannot place a resident closer than about 100 m.
//!
//! **How.** Each neighbour has one *published position*: their home moved by a fixed
//! offset, drawn once at random (area-uniform in the ring between [`MIN_OFFSET_M`] and
//! [`MAX_OFFSET_M`], any direction) when the location is written and stored with it (the
//! store draws it with an unpredictable generator and draws it anew only when the location
//! itself changes). The engine only ever sees published positions: the index, the radius
//! filters (the requester's and the companion's), the proximity component, the ranking
//! and its tie-breaks, the distance in the reasons, groups and the batch job. So every
//! answer is a function of the published position and of nothing finer; asking many
//! times gives the same answer each time (averaging gives nothing), and the best an
//! attacker can do — bisect radii, undo components, compare orderings — is to recover the
//! published position, which is at least [`MIN_OFFSET_M`] from the home, in a direction
//! nothing reveals.
//!
//! **Why ranking uses the published position too.** If the engine ranked or filtered by
//! the exact distance and only *showed* a blurred one, the exact position would still leak
//! through what is observable: whether someone is in the list at radius r (bisection), and
//! which of two people comes first as the request's place moves (their order flips on the
//! exact bisector). So the exact home is used for nothing a caller can observe. The cost in
//! matching quality (candidate lists with and without the offset on the same population)
//! is measured by `nabij-bench position`.
//!
//! **The request's place.** A request without its own place is searched from the
//! requester's published position. A request whose own place lies within
//! [`HOME_SNAP_M`] of the requester's published position (for instance their exact home,
//! sent in by a partner app) is searched from the published position as well: otherwise a
//! request placed at the home would give the home away to whoever reads its candidates.
//! The test depends only on the published position, so it leaks nothing finer. Any other
//! place is snapped to the centre of its [`PLACE_GRID_M`] cell (chosen places are not
//! followed to the metre).
//!
//! **Coarse numbers.** Components are shown rounded to [`COMPONENT_STEP`] and the score to
//! [`SCORE_STEP`]; distances to 50 m. This is defence in depth: the numbers depend on the
//! published position only, however precise they are.

use crate::projection::Point;
use crate::reasons::rounded_distance_m;
use crate::score::Components;
use rand::Rng;
use serde::{Deserialize, Serialize};

/// The published position is at least this far from the home, in metres.
pub const MIN_OFFSET_M: f64 = 150.0;
/// And at most this far.
pub const MAX_OFFSET_M: f64 = 250.0;
/// A request's own place within this distance of the requester's published position is
/// taken to be their home (searched from the published position).
pub const HOME_SNAP_M: f64 = 300.0;
/// Other request places are snapped to the centre of a cell this wide.
pub const PLACE_GRID_M: f64 = 100.0;
/// Components are shown in steps of this size.
pub const COMPONENT_STEP: f64 = 0.05;
/// The score is shown in steps of this size.
pub const SCORE_STEP: f64 = 0.01;

/// A neighbour's fixed offset from their home to their published position, in metres
/// (east and north in the projected plane).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Offset {
    pub east_m: f64,
    pub north_m: f64,
}

impl Offset {
    /// A fresh offset: any direction, distance area-uniform in
    /// [`MIN_OFFSET_M`, `MAX_OFFSET_M`]. The store calls it with an unpredictable
    /// generator; benchmarks with a seeded one.
    pub fn draw(rng: &mut impl Rng) -> Offset {
        let (lo, hi) = (MIN_OFFSET_M * MIN_OFFSET_M, MAX_OFFSET_M * MAX_OFFSET_M);
        let r = rng.gen_range(lo..hi).sqrt();
        let a = rng.gen_range(0.0..std::f64::consts::TAU);
        Offset {
            east_m: r * a.cos(),
            north_m: r * a.sin(),
        }
    }

    /// Whether a stored offset is one [`Offset::draw`] could have made (finite, in the
    /// ring, with a little room for rounding).
    pub fn is_valid(&self) -> bool {
        let r = self.east_m.hypot(self.north_m);
        r.is_finite() && (MIN_OFFSET_M - 0.01..=MAX_OFFSET_M + 0.01).contains(&r)
    }

    pub fn length_m(&self) -> f64 {
        self.east_m.hypot(self.north_m)
    }
}

/// The published position of a home.
pub fn published(home: Point, offset: Offset) -> Point {
    Point {
        x: home.x + offset.east_m,
        y: home.y + offset.north_m,
    }
}

/// Where a request is searched from: the requester's published position, unless the
/// request has its own place farther than [`HOME_SNAP_M`] from it (then that place,
/// snapped to the centre of its [`PLACE_GRID_M`] cell).
pub fn request_origin(requester_published: Point, own_place: Option<Point>) -> Point {
    match own_place {
        Some(p) if p.distance_m(requester_published) > HOME_SNAP_M => snap_place(p),
        _ => requester_published,
    }
}

/// The centre of the [`PLACE_GRID_M`] cell a place lies in.
pub fn snap_place(p: Point) -> Point {
    let snap = |v: f64| ((v / PLACE_GRID_M).floor() + 0.5) * PLACE_GRID_M;
    Point {
        x: snap(p.x),
        y: snap(p.y),
    }
}

fn round_to(x: f64, step: f64) -> f64 {
    // Whole steps, then back to a short decimal (0.35, not 0.35000000000000003).
    let steps = (x / step).round();
    ((steps * step) * 100.0).round() / 100.0
}

/// A score component as callers see it.
pub fn shown_component(x: f64) -> f64 {
    round_to(x, COMPONENT_STEP)
}

/// The components as callers see them.
pub fn shown_components(c: &Components) -> Components {
    Components {
        proximity: shown_component(c.proximity),
        fit: shown_component(c.fit),
        reciprocity: shown_component(c.reciprocity),
        continuity: shown_component(c.continuity),
        availability: shown_component(c.availability),
        load: shown_component(c.load),
    }
}

/// The score as callers see it.
pub fn shown_score(score: f64) -> f64 {
    round_to(score, SCORE_STEP)
}

/// The distance as callers see it, in metres (rounded to 50 m).
pub fn shown_distance_m(d: f64) -> u32 {
    rounded_distance_m(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn offsets_fill_the_ring_in_every_direction() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let (mut min, mut max, mut east, mut north) = (f64::MAX, 0.0f64, 0, 0);
        for _ in 0..10_000 {
            let o = Offset::draw(&mut rng);
            assert!(o.is_valid(), "{o:?}");
            min = min.min(o.length_m());
            max = max.max(o.length_m());
            east += usize::from(o.east_m > 0.0);
            north += usize::from(o.north_m > 0.0);
        }
        assert!((MIN_OFFSET_M..MIN_OFFSET_M + 2.0).contains(&min), "{min}");
        assert!((MAX_OFFSET_M - 2.0..=MAX_OFFSET_M).contains(&max), "{max}");
        assert!((4_700..5_300).contains(&east) && (4_700..5_300).contains(&north));
    }

    #[test]
    fn a_place_near_the_published_home_is_the_published_home() {
        let home = Point {
            x: 700_000.0,
            y: 700_000.0,
        };
        let o = Offset {
            east_m: 150.0,
            north_m: 0.0,
        };
        let p = published(home, o);
        assert_eq!(request_origin(p, None), p);
        // The exact home, sent as the request's place, is searched from the published one.
        assert_eq!(request_origin(p, Some(home)), p);
        let far = Point {
            x: 701_234.5,
            y: 699_001.0,
        };
        assert_eq!(
            request_origin(p, Some(far)),
            Point {
                x: 701_250.0,
                y: 699_050.0
            }
        );
    }

    #[test]
    fn shown_numbers_are_coarse() {
        assert_eq!(shown_component(0.5123), 0.5);
        assert_eq!(shown_component(0.376), 0.4);
        assert_eq!(shown_component(0.35), 0.35);
        assert_eq!(shown_score(0.61234), 0.61);
        assert_eq!(shown_distance_m(424.9), 400);
    }
}
