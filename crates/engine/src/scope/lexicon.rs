//! The weighted lexicon: what a cue signals, how strongly, and the per-language word lists
//! around negation.
//!
//! An entry has one to three *groups*; each group lists alternatives separated by `|`.
//! All groups must match distinct tokens of one sentence within `window` tokens of each
//! other, in any order. An alternative may be a phrase (words separated by spaces, matched
//! on consecutive tokens). Each word of an alternative is one of:
//!
//! * `word`   — equal after stemming (the same stemmer runs on text and lexicon),
//! * `=word`  — equal exactly, no stemming,
//! * `word*`  — the token starts with `word`,
//! * `*word*` — the token contains `word` (Dutch compounds: "poetshulp"),
//! * `*word`  — the stemmed token ends with the stemmed `word` (compound heads).
//!
//! Prefix and contains matches are refused when the token ends in a *neutral head* after
//! the match ("douchekop", "medicatie-app"): a Dutch compound means its last part.
//!
//! Weights: a category needs a score of `rules::THRESHOLD`; strong cues weigh 2.0
//! and decide alone, moderate cues 1.2–1.8, weak cues 0.3–0.6 only count together.

use super::normalise::Lang;

/// Kinds of small help, to explain an in-scope verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SmallKind {
    Company,
    Emotional,
    Tech,
    Errand,
    Repair,
    Other,
}

/// What a matched cue says about the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    /// Personal care: washing, dressing, medication, wound care, toilet help.
    Care,
    /// Heavy work: moving house, renovation, felling trees, roof work.
    Heavy,
    /// A household or garden chore: structural on its own when strong, or with recurrence.
    Chore,
    /// A recurrence word ("elke week", "daily"); counts only together with a chore.
    Recur,
    /// A one-off or occasional word; lowers a chore's structural score.
    OneOff,
    /// Consumes words so that they do not count ("salle de bain", "pas verhuisd").
    Neutral,
    /// A sign of small help; dampens weak out-of-scope cues.
    Small(SmallKind),
}

/// One lexicon entry; unused groups are empty strings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub signal: Signal,
    pub weight: f32,
    pub window: u8,
    pub groups: [&'static str; 3],
}

/// A single-group entry.
pub(crate) const fn e1(signal: Signal, weight: f32, a: &'static str) -> Entry {
    Entry {
        signal,
        weight,
        window: 0,
        groups: [a, "", ""],
    }
}

/// A two-group entry: both within `window` tokens.
pub(crate) const fn e2(signal: Signal, weight: f32, window: u8, a: &'static str, b: &'static str) -> Entry {
    Entry {
        signal,
        weight,
        window,
        groups: [a, b, ""],
    }
}

/// A three-group entry: all within `window` tokens.
pub(crate) const fn e3(
    signal: Signal,
    weight: f32,
    window: u8,
    a: &'static str,
    b: &'static str,
    c: &'static str,
) -> Entry {
    Entry {
        signal,
        weight,
        window,
        groups: [a, b, c],
    }
}

pub(crate) const CARE: Signal = Signal::Care;
pub(crate) const HEAVY: Signal = Signal::Heavy;
pub(crate) const CHORE: Signal = Signal::Chore;
pub(crate) const RECUR: Signal = Signal::Recur;
pub(crate) const ONCE: Signal = Signal::OneOff;
pub(crate) const NEUTRAL: Signal = Signal::Neutral;
pub(crate) const COMPANY: Signal = Signal::Small(SmallKind::Company);
pub(crate) const EMOTION: Signal = Signal::Small(SmallKind::Emotional);
pub(crate) const TECH: Signal = Signal::Small(SmallKind::Tech);
pub(crate) const ERRAND: Signal = Signal::Small(SmallKind::Errand);
pub(crate) const REPAIR: Signal = Signal::Small(SmallKind::Repair);
pub(crate) const SMALL: Signal = Signal::Small(SmallKind::Other);

/// Recurrence weights by frequency.
pub(crate) const DAILY: f32 = 0.9;
pub(crate) const SEVERAL: f32 = 0.75;
pub(crate) const WEEKLY: f32 = 0.6;
pub(crate) const FORTNIGHT: f32 = 0.5;
pub(crate) const REGULAR: f32 = 0.5;
pub(crate) const MONTHLY: f32 = 0.5;

/// Everything the guard knows about one language.
pub(crate) struct LangLexicon {
    pub lang: Lang,
    pub entries: &'static [Entry],
    /// Words that negate the next few content words ("geen", "pas", "no").
    pub negators: &'static [&'static str],
    /// A negator right after one of these is inability, not negation ("kan niet").
    pub modals: &'static [&'static str],
    /// A negator right before one of these is inability ("niet meer", "not able").
    pub inability_after: &'static [&'static str],
    /// Words that may stand between the negator and an inability word ("not *be* able",
    /// "niet *de* middelen", "pas *la* force").
    pub inability_bridge: &'static [&'static str],
    /// Negator next to one of these negates backwards ("poetsen is niet nodig").
    pub backward_markers: &'static [&'static str],
    /// Words that end a negation's scope ("maar", "juste", "but").
    pub scope_breakers: &'static [&'static str],
    /// Function words that do not count toward the negation window.
    pub skip_words: &'static [&'static str],
    /// Compound heads that turn a cue into an object ("app", "kop", "kamer").
    pub neutral_heads: &'static [&'static str],
}

/// The three lexicons.
pub(crate) fn all() -> [&'static LangLexicon; 3] {
    [
        &super::lexicon_nl::NL,
        &super::lexicon_fr::FR,
        &super::lexicon_en::EN,
    ]
}

/// The lexicon of one language.
pub(crate) fn of(lang: Lang) -> &'static LangLexicon {
    match lang {
        Lang::Nl => &super::lexicon_nl::NL,
        Lang::Fr => &super::lexicon_fr::FR,
        Lang::En => &super::lexicon_en::EN,
    }
}
