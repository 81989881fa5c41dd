//! Authentication and authorisation: signing keys, tokens, passwords, throttling and
//! the extractor types handlers ask for.

pub mod caller;
pub mod keys;
pub mod password;
pub mod throttle;
pub mod token;
pub mod verified;

pub use caller::{
    AdminOnly, Authenticated, Authorised, Caller, MatchesRead, MatchesWrite, NeighboursRead, NeighboursWrite,
    RequestsRead, RequestsWrite, Scope, SignalsWrite, Staff,
};
pub use keys::{KeyError, KeySet};
pub use token::{Claims, IssuedToken, Role, TokenConfig, TokenError};
