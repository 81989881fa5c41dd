//! Scope guard: is this "het kleine helpen" (small help), or should it be referred?
//!
//! A request is small help unless it signals one of three out-of-scope categories:
//! *structural* (frequent recurring chores: weekly cleaning, regular garden upkeep),
//! *heavy* (moving house, renovation, felling trees, roof work) or *personal care*
//! (washing, dressing, medication, wound care, toilet help). The guard reads the
//! structured fields (kind, recurrence, duration) and the wording in Dutch, French and
//! English, and explains which words or fields decided. A coordinator's override wins
//! ([`apply_override`]).
//!
//! How it reads text (see the submodules):
//! * `normalise`: lowercase, diacritics stripped (NFD), tokens, a simple suffix stemmer
//!   per language, and a stop-word guess of the language;
//! * `lexicon` and `lexicon_{nl,fr,en}`: weighted cues per category, with multi-word
//!   patterns ("medicatie … klaarzetten"), compound matching ("poetshulp"), recurrence and
//!   one-off words and signs of small help;
//! * `matcher`: negation in a small window ("geen poetshulp"; but "kan niet meer" is
//!   inability, not negation) and greedy non-overlapping matching, longest first;
//! * `rules`: evidence, scores, the decision and whether a coordinator should review it
//!   (weak or conflicting evidence); `explain`: the reasons, each a [`ScopeReason`] in
//!   Dutch, French and English, the last one saying why a review is asked;
//! * `eval`: counting verdicts against labelled requests (`nabij scope --eval`).

pub mod eval;
mod explain;
mod lexicon;
mod lexicon_en;
mod lexicon_fr;
mod lexicon_nl;
mod matcher;
mod normalise;
mod reason;
mod rules;
#[cfg(test)]
mod tests;

use crate::request::RequestKind;
pub use reason::ScopeReason;
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

impl ScopeCategory {
    /// The snake_case code, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            ScopeCategory::SmallHelp => "small_help",
            ScopeCategory::Structural => "structural",
            ScopeCategory::Heavy => "heavy",
            ScopeCategory::PersonalCare => "personal_care",
        }
    }
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
    /// Why, in Dutch, French and English; strongest cue first.
    pub reasons: Vec<ScopeReason>,
    pub overridden: bool,
    /// The evidence is weak or conflicting: a coordinator should look before candidates
    /// are shown. Never set on an overridden verdict (a coordinator already decided).
    #[serde(default)]
    pub needs_review: bool,
}

/// Classifies a request. Never panics; an empty text with no fields is small help.
pub fn classify(input: &ScopeInput<'_>) -> ScopeVerdict {
    let tokens = normalise::tokenize(input.text);
    let langs = normalise::detect(&tokens);
    let mut hits = matcher::find(&tokens, &langs);
    // A short text guessed from one stop word, with nothing found: read it in every language.
    if langs.len() < 3 && hits.is_empty() && normalise::weak_guess(&tokens) {
        hits = matcher::find(&tokens, &normalise::Lang::ALL);
    }
    let mut evidence = rules::from_hits(&hits, &tokens);
    evidence.extend(rules::from_fields(input));
    let scores = rules::Scores::of(&evidence);
    let category = scores.decide();
    let review = scores.review(category);
    let mut reasons = explain::reasons(category, &evidence, &scores);
    if let Some(doubt) = review {
        reasons.push(explain::review_reason(category, doubt));
    }
    ScopeVerdict {
        in_scope: category == ScopeCategory::SmallHelp,
        category,
        reasons,
        overridden: false,
        needs_review: review.is_some(),
    }
}

/// A coordinator's decision wins: sets the category, marks the verdict overridden and
/// adds the coordinator's reason after the guard's own reasons (kept for the record).
pub fn apply_override(verdict: ScopeVerdict, category: ScopeCategory, reason: &str) -> ScopeVerdict {
    let mut reasons = verdict.reasons;
    reasons.push(explain::override_reason(category, reason));
    ScopeVerdict {
        in_scope: category == ScopeCategory::SmallHelp,
        category,
        reasons,
        overridden: true,
        needs_review: false,
    }
}
