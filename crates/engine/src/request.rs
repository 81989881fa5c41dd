//! A help request as the engine sees it.

use crate::availability::Window;
use crate::language::LanguageSet;
use crate::neighbour::NeighbourId;
use crate::tags::TagSet;
use serde::{Deserialize, Serialize};

/// What kind of small help is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// A listening ear, a visit, a card when someone is ill.
    Emotional,
    /// A walk, the market together, a game afternoon, coffee.
    Companionship,
    /// Shopping, a small repair, help with the phone, an occasional ride.
    Practical,
}

impl RequestKind {
    pub fn code(self) -> &'static str {
        match self {
            RequestKind::Emotional => "emotional",
            RequestKind::Companionship => "companionship",
            RequestKind::Practical => "practical",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "emotional" => Some(RequestKind::Emotional),
            "companionship" => Some(RequestKind::Companionship),
            "practical" => Some(RequestKind::Practical),
            _ => None,
        }
    }
}

/// A request ready for candidate search: everything already validated and projected.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpRequest {
    /// The neighbour who asked; never their own candidate.
    pub requester: NeighbourId,
    pub kind: RequestKind,
    /// Where it takes place (usually the requester's home), in index coordinates.
    pub location: [f32; 2],
    /// How far the requester can or wants to go, in metres.
    pub radius_m: f32,
    pub tags: TagSet,
    /// The requester's interests (shared interests count for companionship).
    pub requester_interests: TagSet,
    /// Languages the requester speaks; a candidate must share one.
    pub languages: LanguageSet,
    pub window: Window,
    /// Neighbours who declined a proposal with this requester, or were declined by them.
    /// Sorted and deduplicated by [`HelpRequest::normalise`].
    pub declined_with: Vec<NeighbourId>,
    /// Neighbours with an earlier match with this requester that went well.
    /// Sorted and deduplicated by [`HelpRequest::normalise`].
    pub met_before: Vec<NeighbourId>,
}

impl HelpRequest {
    /// Sorts and deduplicates the pair lists so lookups can binary-search.
    pub fn normalise(mut self) -> Self {
        self.declined_with.sort_unstable();
        self.declined_with.dedup();
        self.met_before.sort_unstable();
        self.met_before.dedup();
        self
    }

    pub(crate) fn declined(&self, id: NeighbourId) -> bool {
        self.declined_with.binary_search(&id).is_ok()
    }

    pub(crate) fn met(&self, id: NeighbourId) -> bool {
        self.met_before.binary_search(&id).is_ok()
    }
}
