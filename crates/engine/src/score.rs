//! Scoring: components in [0, 1], combined with per-organisation weights.

use crate::error::EngineError;
use crate::request::RequestKind;
use crate::tags::TagSet;
use serde::{Deserialize, Serialize};

/// Per-organisation weights of the score components. The score is the weighted mean of
/// the components, so it stays in [0, 1] whatever the weights.
///
/// Defaults (documented in README): proximity 0.35, fit 0.25, reciprocity 0.10,
/// continuity 0.10, availability 0.10, load 0.10; proximity halves every 750 m.
/// Proximity carries the most weight because meeting close by is what the practice is
/// about (building block *Ontmoeting*) and it matters most for people with limited
/// mobility or money.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub proximity: f64,
    pub fit: f64,
    pub reciprocity: f64,
    pub continuity: f64,
    pub availability: f64,
    pub load: f64,
    /// Distance in metres at which the proximity component is 0.5.
    pub proximity_half_m: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            proximity: 0.35,
            fit: 0.25,
            reciprocity: 0.10,
            continuity: 0.10,
            availability: 0.10,
            load: 0.10,
            proximity_half_m: 750.0,
        }
    }
}

impl Weights {
    pub fn validate(&self) -> Result<(), EngineError> {
        let named = [
            ("proximity", self.proximity),
            ("fit", self.fit),
            ("reciprocity", self.reciprocity),
            ("continuity", self.continuity),
            ("availability", self.availability),
            ("load", self.load),
        ];
        for (name, value) in named {
            if !value.is_finite() || !(0.0..=1.0).contains(&value) {
                return Err(EngineError::InvalidWeight { name, value });
            }
        }
        if self.total() <= 0.0 {
            return Err(EngineError::ZeroWeights);
        }
        if !self.proximity_half_m.is_finite() || !(50.0..=50_000.0).contains(&self.proximity_half_m) {
            return Err(EngineError::InvalidWeight {
                name: "proximity_half_m",
                value: self.proximity_half_m,
            });
        }
        Ok(())
    }

    pub fn total(&self) -> f64 {
        self.proximity + self.fit + self.reciprocity + self.continuity + self.availability + self.load
    }

    /// Proximity component for a distance in metres: 1 at the door, 0.5 at
    /// `proximity_half_m`, strictly decreasing.
    #[inline]
    pub fn proximity(&self, distance_m: f64) -> f64 {
        (-distance_m.max(0.0) / self.proximity_half_m).exp2()
    }

    /// The weighted mean of the components.
    #[inline]
    pub fn combine(&self, c: &Components) -> f64 {
        (self.proximity * c.proximity
            + self.fit * c.fit
            + self.reciprocity * c.reciprocity
            + self.continuity * c.continuity
            + self.availability * c.availability
            + self.load * c.load)
            / self.total()
    }
}

/// The components of one candidate's score, each in [0, 1].
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Components {
    /// Closeness: decays with walking distance.
    pub proximity: f64,
    /// The companion's talents (practical, emotional) or interests (companionship) cover
    /// the request's tags; shared interests count for companionship.
    pub fit: f64,
    /// A chance to give for people who have mostly received or rarely had the chance.
    pub reciprocity: f64,
    /// An earlier match of the same pair went well.
    pub continuity: f64,
    /// Share of the request's window in which the companion is free.
    pub availability: f64,
    /// Room left and protection of people who already give a lot.
    pub load: f64,
}

/// Fit of a companion for a request, in [0, 1].
#[inline]
pub fn fit(
    kind: RequestKind,
    tags: TagSet,
    requester_interests: TagSet,
    interests: TagSet,
    talents: TagSet,
) -> f64 {
    let n = f64::from(tags.len());
    match kind {
        RequestKind::Companionship => {
            let cover = if n > 0.0 {
                f64::from(tags.intersect(interests.union(talents)).len()) / n
            } else {
                0.5
            };
            let union = requester_interests.union(interests).len();
            let shared = if union > 0 {
                f64::from(requester_interests.intersect(interests).len()) / f64::from(union)
            } else {
                0.0
            };
            0.7 * cover + 0.3 * shared
        }
        RequestKind::Practical | RequestKind::Emotional => {
            if n == 0.0 {
                return 0.5;
            }
            let by_talent = f64::from(tags.intersect(talents).len()) / n;
            let by_interest = f64::from((tags.intersect(interests).0 & !talents.0).count_ones()) / n;
            (by_talent + 0.5 * by_interest).min(1.0)
        }
    }
}

/// Load component: half free capacity share, half protection of people who gave a lot.
#[inline]
pub fn load(capacity: u8, active: u8, protection: f64) -> f64 {
    let free = if capacity == 0 {
        0.0
    } else {
        f64::from(capacity.saturating_sub(active)) / f64::from(capacity)
    };
    0.5 * free + 0.5 * protection.clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::TagId;

    #[test]
    fn proximity_halves_at_the_half_distance_and_decreases() {
        let w = Weights::default();
        assert!((w.proximity(750.0) - 0.5).abs() < 1e-12);
        assert!((w.proximity(0.0) - 1.0).abs() < 1e-12);
        assert!(w.proximity(400.0) > w.proximity(401.0));
    }

    #[test]
    fn invalid_weights_are_refused() {
        let w = Weights {
            fit: f64::NAN,
            ..Weights::default()
        };
        assert!(w.validate().is_err());
        let zero = Weights {
            proximity: 0.0,
            fit: 0.0,
            reciprocity: 0.0,
            continuity: 0.0,
            availability: 0.0,
            load: 0.0,
            ..Weights::default()
        };
        assert_eq!(zero.validate(), Err(EngineError::ZeroWeights));
        assert!(Weights::default().validate().is_ok());
    }

    #[test]
    fn talents_fit_practical_and_interests_fit_companionship() {
        let walking = TagSet::EMPTY.with(TagId(0));
        let shopping = TagSet::EMPTY.with(TagId(1));
        assert_eq!(
            fit(
                RequestKind::Practical,
                shopping,
                TagSet::EMPTY,
                TagSet::EMPTY,
                shopping
            ),
            1.0
        );
        assert_eq!(
            fit(
                RequestKind::Practical,
                shopping,
                TagSet::EMPTY,
                shopping,
                TagSet::EMPTY
            ),
            0.5
        );
        let f = fit(
            RequestKind::Companionship,
            walking,
            walking,
            walking,
            TagSet::EMPTY,
        );
        assert!((f - 1.0).abs() < 1e-12, "{f}");
    }
}
