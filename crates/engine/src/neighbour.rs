//! A neighbour as the engine sees them: no name, no contact, no role.

use crate::availability::WeeklySlots;
use crate::error::EngineError;
use crate::language::LanguageSet;
use crate::projection::{check_radius, Point};
use crate::reciprocity::Balance;
use crate::tags::TagSet;
use serde::{Deserialize, Serialize};

/// Most matches one person can have active at once.
pub const MAX_CAPACITY: u32 = 20;

/// Stable id of a neighbour (the store's primary key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NeighbourId(pub u64);

impl std::fmt::Display for NeighbourId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What the engine needs to know of a participating resident. Everybody can ask and
/// everybody can keep someone company; there is no field that says which.
#[derive(Debug, Clone, PartialEq)]
pub struct NeighbourProfile {
    pub id: NeighbourId,
    pub location: Point,
    /// How far this person can or wants to go, in metres.
    pub travel_radius_m: f64,
    /// What they like to do together ("goesting").
    pub interests: TagSet,
    /// What they like to help with.
    pub talents: TagSet,
    pub languages: LanguageSet,
    pub availability: WeeklySlots,
    /// How many matches they are happy to have active at once.
    pub capacity: u8,
    /// How many they have active now.
    pub active_matches: u8,
    /// Paused people are never proposed; pausing is always free.
    pub paused: bool,
    /// Time-decayed help and thanks, as of the moment the profile was built.
    pub balance: Balance,
}

impl NeighbourProfile {
    /// Checks values that come from outside.
    pub fn validate(&self) -> Result<(), EngineError> {
        check_radius(self.travel_radius_m)?;
        if !self.location.x.is_finite() || !self.location.y.is_finite() {
            return Err(EngineError::InvalidLatitude(f64::NAN));
        }
        if u32::from(self.capacity) > MAX_CAPACITY {
            return Err(EngineError::InvalidCapacity(u32::from(self.capacity)));
        }
        self.balance.validate()
    }

    /// Has room for one more match and is not paused.
    pub fn is_available(&self) -> bool {
        !self.paused && self.active_matches < self.capacity
    }
}
