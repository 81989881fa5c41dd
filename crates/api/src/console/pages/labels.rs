//! Words for the codes a neighbour's record holds: tags (from the vocabulary, which
//! carries its own nl/fr/en labels), languages, weekly slots.

use crate::console::Lang;
use nabij_engine::availability::DAY_CODES;
use nabij_engine::{DayPart, Language, Vocabulary};

/// Every tag of the vocabulary as `(code, label)`, in vocabulary order.
pub(super) fn tags(l: Lang) -> Vec<(&'static str, &'static str)> {
    Vocabulary::builtin()
        .tags()
        .iter()
        .map(|t| (t.code.as_str(), l.t(&t.nl, &t.fr, &t.en)))
        .collect()
}

/// The label of one tag code; an unknown code is shown as is.
pub(super) fn tag(l: Lang, code: &str) -> String {
    Vocabulary::builtin()
        .tags()
        .iter()
        .find(|t| t.code == code)
        .map(|t| l.t(&t.nl, &t.fr, &t.en).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// The name of a language, in the console's language.
pub(super) fn language(l: Lang, lang: Language) -> &'static str {
    use Language::*;
    match lang {
        Nl => l.t("Nederlands", "néerlandais", "Dutch"),
        Fr => l.t("Frans", "français", "French"),
        En => l.t("Engels", "anglais", "English"),
        De => l.t("Duits", "allemand", "German"),
        Ar => l.t("Arabisch", "arabe", "Arabic"),
        Tr => l.t("Turks", "turc", "Turkish"),
        Pl => l.t("Pools", "polonais", "Polish"),
        Ro => l.t("Roemeens", "roumain", "Romanian"),
        Es => l.t("Spaans", "espagnol", "Spanish"),
        It => l.t("Italiaans", "italien", "Italian"),
        Pt => l.t("Portugees", "portugais", "Portuguese"),
        Ru => l.t("Russisch", "russe", "Russian"),
        Uk => l.t("Oekraïens", "ukrainien", "Ukrainian"),
        Fa => l.t("Perzisch (Farsi)", "persan (farsi)", "Persian (Farsi)"),
        Ps => l.t("Pasjtoe", "pachto", "Pashto"),
        Ti => l.t("Tigrinya", "tigrigna", "Tigrinya"),
        So => l.t("Somalisch", "somali", "Somali"),
        Bg => l.t("Bulgaars", "bulgare", "Bulgarian"),
        Sq => l.t("Albanees", "albanais", "Albanian"),
        Ber => l.t("Berbers (Tamazight)", "berbère (tamazight)", "Berber (Tamazight)"),
    }
}

/// The name of a language code; an unknown code is shown as is.
pub(super) fn language_code(l: Lang, code: &str) -> String {
    Language::parse(code)
        .map(|x| language(l, x).to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// Day names, Monday first (the order of [`DAY_CODES`]).
pub(super) fn day(l: Lang, index: usize) -> &'static str {
    match index {
        0 => l.t("maandag", "lundi", "Monday"),
        1 => l.t("dinsdag", "mardi", "Tuesday"),
        2 => l.t("woensdag", "mercredi", "Wednesday"),
        3 => l.t("donderdag", "jeudi", "Thursday"),
        4 => l.t("vrijdag", "vendredi", "Friday"),
        5 => l.t("zaterdag", "samedi", "Saturday"),
        _ => l.t("zondag", "dimanche", "Sunday"),
    }
}

pub(super) fn part(l: Lang, p: DayPart) -> &'static str {
    match p {
        DayPart::Morning => l.t("voormiddag", "matin", "morning"),
        DayPart::Afternoon => l.t("namiddag", "après-midi", "afternoon"),
        DayPart::Evening => l.t("avond", "soir", "evening"),
    }
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
