//! What callers may learn of where people live.
//!
//! Everything a caller can observe of a candidate — the distance shown, the score and its
//! components — goes through the functions here.

use crate::reasons::rounded_distance_m;
use crate::score::Components;

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A score component as callers see it.
pub fn shown_component(x: f64) -> f64 {
    round4(x)
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
    round4(score)
}

/// The distance as callers see it, in metres.
pub fn shown_distance_m(d: f64) -> u32 {
    rounded_distance_m(d)
}
