//! Words of a spreadsheet as nabij's codes, in Dutch, French and English: languages,
//! tags, availability, consent channels, dates. No I/O.

use chrono::NaiveDate;
use nabij_engine::{DayPart, Vocabulary};
use nabij_store::neighbour::ConsentChannel;

/// Lowercase, accents removed.
pub fn fold(s: &str) -> String {
    nabij_store::address_text::fold(s)
}

/// A cell holding a list: split at commas, semicolons, slashes, pipes, line breaks and
/// the words "en", "et", "and"; empty parts left out.
pub fn list(cell: &str) -> Vec<String> {
    let spaced = format!(" {} ", cell.replace(['\n', '\r'], ","));
    let mut s = spaced;
    for w in [" en ", " et ", " and ", " & ", " + "] {
        s = s.replace(w, ",");
    }
    s.split([',', ';', '/', '|'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Language names and codes → nabij's language code.
const LANGUAGES: &[(&str, &[&str])] = &[
    (
        "nl",
        &[
            "nl",
            "nederlands",
            "dutch",
            "neerlandais",
            "vlaams",
            "flemish",
            "flamand",
        ],
    ),
    ("fr", &["fr", "frans", "french", "francais"]),
    ("en", &["en", "engels", "english", "anglais"]),
    ("de", &["de", "duits", "german", "allemand", "deutsch"]),
    ("ar", &["ar", "arabisch", "arabic", "arabe"]),
    ("tr", &["tr", "turks", "turkish", "turc"]),
    ("pl", &["pl", "pools", "polish", "polonais"]),
    ("ro", &["ro", "roemeens", "romanian", "roumain"]),
    ("es", &["es", "spaans", "spanish", "espagnol"]),
    ("it", &["it", "italiaans", "italian", "italien"]),
    ("pt", &["pt", "portugees", "portuguese", "portugais"]),
    ("ru", &["ru", "russisch", "russian", "russe"]),
    ("uk", &["uk", "oekraiens", "ukrainian", "ukrainien"]),
    ("fa", &["fa", "perzisch", "farsi", "persian", "persan"]),
    ("ps", &["ps", "pasjtoe", "pashto", "pachto"]),
    ("ti", &["ti", "tigrinya", "tigrinia", "tigrigna"]),
    ("so", &["so", "somalisch", "somali", "somalien"]),
    ("bg", &["bg", "bulgaars", "bulgarian", "bulgare"]),
    ("sq", &["sq", "albanees", "albanian", "albanais"]),
    ("ber", &["ber", "berbers", "berber", "berbere", "tamazight"]),
];

/// The language code of a word ("Frans", "français", "FR").
pub fn language(word: &str) -> Option<&'static str> {
    let k = fold(word.trim());
    let k = k.trim_end_matches('.');
    LANGUAGES
        .iter()
        .find(|(_, names)| names.contains(&k))
        .map(|(code, _)| *code)
}

/// The tag code of a word: the code itself or its label in Dutch, French or English,
/// case and accents ignored; a plural "s" tolerated.
pub fn tag(word: &str) -> Option<&'static str> {
    let k = super::header_key(word);
    if k.is_empty() {
        return None;
    }
    let vocab = Vocabulary::builtin();
    let same = |label: &str| {
        let l = super::header_key(label);
        l == k || format!("{l}s") == k || format!("{k}s") == l
    };
    vocab
        .tags()
        .iter()
        .find(|t| same(&t.code) || same(&t.nl) || same(&t.fr) || same(&t.en))
        .map(|t| t.code.as_str())
}

/// What an availability cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    /// Empty, "?", "onbekend", "à demander": nobody has asked yet.
    Unknown,
    /// Slot codes (`tue-afternoon`); empty means "never".
    Slots(Vec<String>),
}

const DAYS: [&[&str]; 7] = [
    &["ma", "maandag", "maandags", "lu", "lundi", "mon", "monday"],
    &["di", "dinsdag", "dinsdags", "mardi", "tue", "tuesday"],
    &[
        "wo",
        "woensdag",
        "woensdags",
        "me",
        "mercredi",
        "wed",
        "wednesday",
    ],
    &["do", "donderdag", "donderdags", "je", "jeudi", "thu", "thursday"],
    &["vr", "vrijdag", "vrijdags", "ve", "vendredi", "fri", "friday"],
    &["za", "zaterdag", "zaterdags", "sa", "samedi", "sat", "saturday"],
    &["zo", "zondag", "zondags", "dimanche", "sun", "sunday"],
];

const PARTS: [(DayPart, &[&str]); 3] = [
    (
        DayPart::Morning,
        &["morning", "voormiddag", "vm", "ochtend", "morgen", "matin", "am"],
    ),
    (
        DayPart::Afternoon,
        &["afternoon", "namiddag", "nm", "middag", "apresmidi", "pm"],
    ),
    (DayPart::Evening, &["evening", "avond", "soir", "soiree", "av"]),
];

const UNKNOWN_WORDS: &[&str] = &[
    "",
    "?",
    "onbekend",
    "nognietgevraagd",
    "tevragen",
    "inconnu",
    "ademander",
    "unknown",
    "toask",
];
const ALWAYS_WORDS: &[&str] = &[
    "altijd", "steeds", "toujours", "always", "anytime", "flexibel", "flexible",
];
const NEVER_WORDS: &[&str] = &["nooit", "jamais", "never"];
const WEEKDAY_WORDS: &[&str] = &["weekdagen", "werkdagen", "semaine", "weekdays"];
const WEEKEND_WORDS: &[&str] = &["weekend", "weekends"];

/// Reads an availability cell: slot codes (`tue-afternoon`), day and part words in
/// Dutch, French or English ("di namiddag", "mardi soir", "zaterdag" = the whole day,
/// "weekend", "altijd"), several separated as a list. The first word that means
/// nothing is returned as the error.
pub fn availability(cell: &str) -> Result<Availability, String> {
    let whole = super::header_key(cell);
    if UNKNOWN_WORDS.contains(&whole.as_str()) {
        return Ok(Availability::Unknown);
    }
    if NEVER_WORDS.contains(&whole.as_str()) {
        return Ok(Availability::Slots(Vec::new()));
    }
    let mut mask = nabij_engine::WeeklySlots::NONE;
    for item in list(cell) {
        let folded = fold(&item);
        let key = super::header_key(&item);
        if ALWAYS_WORDS.contains(&key.as_str()) {
            mask = mask.union(nabij_engine::WeeklySlots::ALL);
            continue;
        }
        if let Ok(s) = nabij_engine::WeeklySlots::parse_code(&item) {
            mask = mask.union(s);
            continue;
        }
        let tokens: Vec<String> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        // "apres midi" is one part.
        let joined: Vec<String> = {
            let mut out: Vec<String> = Vec::new();
            for t in tokens {
                if t == "midi" && out.last().is_some_and(|p| p == "apres") {
                    out.pop();
                    out.push("apresmidi".to_string());
                } else {
                    out.push(t);
                }
            }
            out
        };
        let mut days: Vec<usize> = Vec::new();
        let mut parts: Vec<DayPart> = Vec::new();
        for t in &joined {
            if let Some((p, _)) = PARTS.iter().find(|(_, w)| w.contains(&t.as_str())) {
                parts.push(*p);
            } else if WEEKDAY_WORDS.contains(&t.as_str()) {
                days.extend(0..5);
            } else if WEEKEND_WORDS.contains(&t.as_str()) {
                days.extend(5..7);
            } else if let Some(d) = day(t) {
                days.push(d);
            } else {
                return Err(item);
            }
        }
        if days.is_empty() && parts.is_empty() {
            return Err(item);
        }
        let days: Vec<usize> = if days.is_empty() { (0..7).collect() } else { days };
        let parts: Vec<DayPart> = if parts.is_empty() {
            DayPart::ALL.to_vec()
        } else {
            parts
        };
        for d in days {
            for p in &parts {
                mask = mask.union(nabij_engine::WeeklySlots::slot(d, *p));
            }
        }
    }
    Ok(Availability::Slots(mask.codes()))
}

/// A day word. Two-letter abbreviations are Dutch ("di" is Tuesday, "ma" Monday, the
/// default language's); French and English days are written out or as codes.
fn day(t: &str) -> Option<usize> {
    DAYS.iter().position(|names| names.contains(&t))
}

/// A consent channel in words: `self`, "zelf", "huisbezoek", "visite à domicile",
/// "belronde", "carte de référence", …
pub fn consent_channel(cell: &str) -> Option<ConsentChannel> {
    let k = super::header_key(cell);
    if let Some(c) = ConsentChannel::parse(cell.trim()) {
        return Some(c);
    }
    let any = |words: &[&str]| words.iter().any(|w| k == *w || (w.len() > 5 && k.contains(w)));
    if any(&[
        "zelf",
        "self",
        "selfregistered",
        "zelfingeschreven",
        "eigen",
        "soimeme",
        "luimeme",
        "ellememe",
        "online",
    ]) {
        Some(ConsentChannel::SelfRegistered)
    } else if any(&["huisbezoek", "homevisit", "visiteadomicile", "visite", "bezoek"]) {
        Some(ConsentChannel::HomeVisit)
    } else if any(&[
        "belronde",
        "telefoonronde",
        "phoneround",
        "telefonisch",
        "telefoon",
        "tournee",
        "appel",
        "phone",
    ]) {
        Some(ConsentChannel::PhoneRound)
    } else if any(&[
        "doorverwijskaart",
        "verwijskaart",
        "referralcard",
        "kaart",
        "carte",
        "card",
    ]) {
        Some(ConsentChannel::ReferralCard)
    } else {
        None
    }
}

/// A date as written in Belgium or by a spreadsheet: `31/12/2026`, `31-12-2026`,
/// `31.12.2026`, `2026-12-31` (also with a time after it).
pub fn date(cell: &str) -> Option<NaiveDate> {
    let s = cell.trim();
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    for f in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_name_or_code() {
        assert_eq!(language("Frans"), Some("fr"));
        assert_eq!(language("français"), Some("fr"));
        assert_eq!(language("NL"), Some("nl"));
        assert_eq!(language("Klingon"), None);
    }

    #[test]
    fn tags_by_label_in_three_languages() {
        assert_eq!(tag("Wandelen"), Some("walking"));
        assert_eq!(tag("promenade"), Some("walking"));
        assert_eq!(tag("shopping"), Some("shopping"));
        assert_eq!(tag("boodschappen"), Some("shopping"));
        assert_eq!(tag("kantklossen"), None);
    }

    #[test]
    fn availability_words() {
        assert_eq!(availability(""), Ok(Availability::Unknown));
        assert_eq!(availability("onbekend"), Ok(Availability::Unknown));
        assert_eq!(availability("nooit"), Ok(Availability::Slots(vec![])));
        assert_eq!(
            availability("di namiddag, mardi soir"),
            Ok(Availability::Slots(vec![
                "tue-afternoon".into(),
                "tue-evening".into()
            ]))
        );
        assert_eq!(
            availability("tue-afternoon"),
            Ok(Availability::Slots(vec!["tue-afternoon".into()]))
        );
        assert!(matches!(availability("zaterdag"), Ok(Availability::Slots(s)) if s.len() == 3));
        assert!(matches!(availability("weekend voormiddag"), Ok(Availability::Slots(s)) if s.len() == 2));
        assert_eq!(availability("als het regent"), Err("als het regent".to_string()));
    }

    #[test]
    fn consent_words_and_dates() {
        assert_eq!(consent_channel("Huisbezoek"), Some(ConsentChannel::HomeVisit));
        assert_eq!(consent_channel("home_visit"), Some(ConsentChannel::HomeVisit));
        assert_eq!(consent_channel("belronde"), Some(ConsentChannel::PhoneRound));
        assert_eq!(
            consent_channel("visite à domicile"),
            Some(ConsentChannel::HomeVisit)
        );
        assert_eq!(consent_channel("ja"), None);
        assert_eq!(date("03/11/2026"), NaiveDate::from_ymd_opt(2026, 11, 3));
        assert_eq!(date("2026-11-03 10:00"), NaiveDate::from_ymd_opt(2026, 11, 3));
        assert_eq!(date("gisteren"), None);
    }
}
