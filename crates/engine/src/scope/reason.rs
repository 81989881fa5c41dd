//! One reason of the scope guard, written out in Dutch, French and English.

use serde::{Deserialize, Serialize};

/// A reason of a verdict in the three languages of the service. Words quoted from the
/// request (`'elke week'`) and a coordinator's own words appear unchanged in all three.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScopeReason {
    pub nl: String,
    pub fr: String,
    pub en: String,
}

impl ScopeReason {
    pub fn new(nl: impl Into<String>, fr: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            nl: nl.into(),
            fr: fr.into(),
            en: en.into(),
        }
    }

    /// The text in a language (`nl`, `fr`, `en`; Dutch for anything else).
    pub fn text(&self, lang: &str) -> &str {
        match lang {
            "en" => &self.en,
            "fr" => &self.fr,
            _ => &self.nl,
        }
    }

    /// Whether any of the three texts contains `needle` (for tests and searches).
    pub fn contains(&self, needle: &str) -> bool {
        self.nl.contains(needle) || self.fr.contains(needle) || self.en.contains(needle)
    }
}
