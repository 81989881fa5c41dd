//! nabij-engine: the matching engine of nabij, pure Rust without I/O.
//!
//! It finds neighbours close by who could help with a small request, ranks them with
//! reasons a coordinator can read, keeps help flowing both ways without ever labelling a
//! person, and guards the scope of "het kleine helpen". See docs/design.md §3.
//!
//! Roles exist only inside one request: the neighbour who asked (the *requester*) and the
//! neighbour who may keep them company (a *companion*). No type here names a person by a
//! role.

pub mod assign;
pub mod availability;
pub mod batch;
pub mod candidates;
mod envelope;
pub mod error;
pub mod groups;
mod idmap;
pub mod index;
pub mod language;
pub mod message;
pub mod neighbour;
pub mod position;
pub mod projection;
pub mod reasons;
pub mod reciprocity;
pub mod request;
pub mod scope;
pub mod score;
pub mod synth;
pub mod tags;

pub use availability::{DayPart, WeeklySlots, Window};
pub use candidates::{Candidate, CandidateQuery};
pub use error::EngineError;
pub use index::OrgIndex;
pub use language::{Language, LanguageSet};
pub use neighbour::{NeighbourId, NeighbourProfile};
pub use projection::{LatLon, Point};
pub use reciprocity::{Balance, DecayedSum, ReciprocityConfig};
pub use request::{HelpRequest, RequestKind};
pub use score::{Components, Weights};
pub use tags::{TagId, TagSet, Vocabulary};
