//! Scope guard: is this "het kleine helpen" (small help), or should it be referred?
//!
//! STUB — the interface below is fixed; the classifier is being written.

use crate::request::RequestKind;
use serde::{Deserialize, Serialize};

/// The verdict's category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeCategory {
    SmallHelp,
    Structural,
    Heavy,
    PersonalCare,
}

/// How often the help is needed, when the caller knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Once,
    Occasional,
    Monthly,
    Weekly,
    SeveralPerWeek,
    Daily,
}

/// What the guard looks at.
#[derive(Debug, Clone, Default)]
pub struct ScopeInput<'a> {
    pub text: &'a str,
    pub kind: Option<RequestKind>,
    pub recurrence: Option<Recurrence>,
    pub duration_minutes: Option<u32>,
}

/// The guard's verdict, with the words or fields that decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScopeVerdict {
    pub in_scope: bool,
    pub category: ScopeCategory,
    pub reasons: Vec<String>,
    pub overridden: bool,
}

/// Classifies a request.
pub fn classify(input: &ScopeInput<'_>) -> ScopeVerdict {
    let _ = input;
    ScopeVerdict {
        in_scope: true,
        category: ScopeCategory::SmallHelp,
        reasons: Vec::new(),
        overridden: false,
    }
}
