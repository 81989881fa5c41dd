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
//!   (weak or conflicting evidence); `explain`: the reasons, each a [`ScopeReason`] (a message
//!   of the catalogue `scope.ftl` with its arguments, rendered by `nabij-i18n`), the last one saying why a review is asked;
//! * `model`: a small learned model (naive Bayes over words, word pairs and character
//!   n-grams) trained at first use from the real requests in `fixtures/scope/real`;
//!   `blend`: the rules decide when they fire, the model flags (or refers, flagged) what
//!   the rules see as small help when its evidence is strong; its reason names the words
//!   that weighed most;
//! * `eval`: counting verdicts against labelled requests (`nabij scope --eval`).

mod blend;
#[cfg(test)]
mod cv;
pub mod eval;
#[cfg(test)]
mod eval_file;
mod explain;
mod lexicon;
mod lexicon_en;
mod lexicon_fr;
mod lexicon_nl;
mod matcher;
mod model;
mod normalise;
mod reason;
mod rules;
#[cfg(test)]
mod tests;

use crate::request::RequestKind;
pub use explain::own_words;
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

impl Recurrence {
    /// The snake_case code, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            Recurrence::Once => "once",
            Recurrence::Occasional => "occasional",
            Recurrence::Monthly => "monthly",
            Recurrence::Weekly => "weekly",
            Recurrence::SeveralPerWeek => "several_per_week",
            Recurrence::Daily => "daily",
        }
    }
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
    /// Why, as messages of `scope.ftl`; strongest cue first.
    pub reasons: Vec<ScopeReason>,
    pub overridden: bool,
    /// The evidence is weak or conflicting: a coordinator should look before candidates
    /// are shown. Never set on an overridden verdict (a coordinator already decided).
    #[serde(default)]
    pub needs_review: bool,
}

/// The rules' part of a verdict, before the model is asked.
pub(crate) struct RulesPart {
    pub tokens: Vec<normalise::Token>,
    pub evidence: Vec<rules::Evidence>,
    pub scores: rules::Scores,
    pub category: ScopeCategory,
    pub review: Option<ScopeCategory>,
}

pub(crate) fn rules_part(input: &ScopeInput<'_>) -> RulesPart {
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
    RulesPart {
        tokens,
        evidence,
        scores,
        category,
        review,
    }
}

/// Classifies a request. Never panics; an empty text with no fields is small help.
pub fn classify(input: &ScopeInput<'_>) -> ScopeVerdict {
    let part = rules_part(input);
    let (category, review, reading) = if part.tokens.is_empty() {
        (part.category, part.review, None)
    } else {
        let reading = model::shared().read(&part.tokens);
        let b = blend::apply(&blend::POLICY, part.category, part.review, &part.scores, &reading);
        (b.category, b.review, Some((b.role, reading)))
    };
    let mut reasons = match &reading {
        Some((blend::ModelRole::Decided, r)) => vec![explain::model_reason(r.best, &r.words)],
        _ => explain::reasons(category, &part.evidence, &part.scores),
    };
    match &reading {
        Some((blend::ModelRole::Flagged, r)) => reasons.push(explain::model_reason(r.best, &r.words)),
        Some((blend::ModelRole::Vetoed | blend::ModelRole::Cleared, r)) => {
            reasons.push(explain::model_reason(ScopeCategory::SmallHelp, &r.words))
        }
        _ => {}
    }
    if let Some(doubt) = review {
        reasons.push(match &reading {
            Some((blend::ModelRole::Decided | blend::ModelRole::Flagged, _)) => {
                explain::model_review_reason(doubt)
            }
            _ => explain::review_reason(category, doubt),
        });
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
