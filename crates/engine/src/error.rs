//! The one error type of the engine.

use thiserror::Error;

/// Everything the engine can refuse. Inputs come from people and partner apps, so every
/// bad value is a typed error, never a panic.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EngineError {
    #[error("latitude {0} is not a number between -90 and 90")]
    InvalidLatitude(f64),
    #[error("longitude {0} is not a number between -180 and 180")]
    InvalidLongitude(f64),
    #[error("location ({lat}, {lon}) lies outside the area nabij serves (Belgium and its neighbours)")]
    OutsideServiceArea { lat: f64, lon: f64 },
    #[error("radius {0} m is not a number between {min} and {max} m", min = crate::projection::MIN_RADIUS_M, max = crate::projection::MAX_RADIUS_M)]
    InvalidRadius(f64),
    #[error("unknown tag `{0}`")]
    UnknownTag(String),
    #[error("too many tags in the vocabulary ({0}); at most 64 are supported")]
    VocabularyTooLarge(usize),
    #[error("tag vocabulary is malformed: {0}")]
    BadVocabulary(String),
    #[error("unknown language `{0}`")]
    UnknownLanguage(String),
    #[error("unknown day part `{0}`")]
    UnknownDayPart(String),
    #[error("capacity {0} is out of range (0 to {max})", max = crate::neighbour::MAX_CAPACITY)]
    InvalidCapacity(u32),
    #[error("weight `{name}` = {value} must be a finite number between 0 and 1")]
    InvalidWeight { name: &'static str, value: f64 },
    #[error("all weights are zero")]
    ZeroWeights,
    #[error("half-life must be a positive number of days, got {0}")]
    InvalidHalfLife(f64),
    #[error("amount {0} must be a finite, non-negative number")]
    InvalidAmount(f64),
    #[error("neighbour {0} is not in the index")]
    UnknownNeighbour(u64),
    #[error("the index is full (at most 4,294,967,295 neighbours per organisation)")]
    IndexFull,
}
