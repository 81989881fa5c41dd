//! Words for the codes a neighbour's record holds: tags, languages, weekly slots — all
//! from the catalogues (`tags.ftl`; `language-name`, `day-name`, `day-part` in
//! `console.ftl`).

use crate::console::Lang;
use nabij_engine::availability::DAY_CODES;
use nabij_engine::{DayPart, Language, Vocabulary};

/// Every tag of the vocabulary as `(code, label)`, in vocabulary order (labels from the
/// `tags` catalogue).
pub(super) fn tags(l: Lang) -> Vec<(&'static str, String)> {
    Vocabulary::builtin()
        .tags()
        .iter()
        .map(|t| (t.code.as_str(), nabij_i18n::tag_label(l, &t.code)))
        .collect()
}

/// The label of one tag code; an unknown code is shown as is.
pub(super) fn tag(l: Lang, code: &str) -> String {
    nabij_i18n::tag_label(l, code)
}

/// The name of a language, in the console's language (catalogue `language-name`).
pub(super) fn language(l: Lang, lang: Language) -> String {
    l.text(&format!("language-name.{}", lang.code()))
}

/// The name of a language code; an unknown code is shown as is.
pub(super) fn language_code(l: Lang, code: &str) -> String {
    Language::parse(code)
        .map(|x| language(l, x))
        .unwrap_or_else(|_| code.to_string())
}

/// Day names, Monday first (the order of [`DAY_CODES`]; catalogue `day-name`).
pub(super) fn day(l: Lang, index: usize) -> String {
    const KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    l.text(&format!("day-name.{}", KEYS[index.min(6)]))
}

/// A part of the day (catalogue `day-part`).
pub(super) fn part(l: Lang, p: DayPart) -> String {
    let key = match p {
        DayPart::Morning => "morning",
        DayPart::Afternoon => "afternoon",
        DayPart::Evening => "evening",
    };
    l.text(&format!("day-part.{key}"))
}

/// Every weekly slot as `(code, day index, part)`, Monday morning first.
pub(super) fn slots() -> Vec<(String, usize, DayPart)> {
    DAY_CODES
        .iter()
        .enumerate()
        .flat_map(|(d, code)| {
            DayPart::ALL
                .into_iter()
                .map(move |p| (format!("{code}-{}", p.code()), d, p))
        })
        .collect()
}

/// "dinsdag namiddag" for `tue-afternoon`; an unknown code is shown as is.
pub(super) fn slot(l: Lang, code: &str) -> String {
    slots()
        .into_iter()
        .find(|(c, _, _)| c == code)
        .map(|(_, d, p)| format!("{} {}", day(l, d), part(l, p)))
        .unwrap_or_else(|| code.to_string())
}
