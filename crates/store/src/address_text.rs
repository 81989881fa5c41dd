//! Normalising Belgian addresses for lookup, no I/O. Street names are compared by a
//! *key*: lowercase, accents removed, abbreviations written out ("Kerkstr." →
//! "kerkstraat", "stwg" → "steenweg", "Av." → "avenue"), and everything that is not a
//! letter or digit dropped, spaces included ("Kerk straat" and "Kerkstraat" are the same
//! street; "Rue de la Loi" becomes "ruedelaloi").

use unicode_normalization::UnicodeNormalization;

/// Whole words written out (after lowercasing and removing accents and dots).
const WORDS: &[(&str, &str)] = &[
    ("str", "straat"),
    ("stwg", "steenweg"),
    ("stw", "steenweg"),
    ("ln", "laan"),
    ("pln", "plein"),
    ("av", "avenue"),
    ("ave", "avenue"),
    ("bd", "boulevard"),
    ("bld", "boulevard"),
    ("bvd", "boulevard"),
    ("ch", "chaussee"),
    ("chee", "chaussee"),
    ("r", "rue"),
    ("sq", "square"),
];

/// Word endings written out: Dutch compounds ("Kerkstr", "Brusselsestwg").
const ENDINGS: &[(&str, &str)] = &[("stwg", "steenweg"), ("str", "straat"), ("ln", "laan")];

/// Lowercase, accents removed.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The lookup key of a street name.
pub fn street_key(name: &str) -> String {
    let folded = fold(name);
    let mut key = String::with_capacity(folded.len() + 8);
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if let Some((_, full)) = WORDS.iter().find(|(short, _)| *short == word) {
            key.push_str(full);
            continue;
        }
        match ENDINGS
            .iter()
            .find(|(end, _)| word.len() > end.len() + 1 && word.ends_with(end))
        {
            Some((end, full)) => {
                key.push_str(&word[..word.len() - end.len()]);
                key.push_str(full);
            }
            None => key.push_str(word),
        }
    }
    key
}

/// A house number as compared: lowercase, without spaces or dots ("12 A" → "12a").
pub fn house_number(s: &str) -> String {
    fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect()
}

/// A box number as compared: without a leading "bus", "bte", "boîte", "b" or "/"
/// ("bus 2" → "2"; empty when there is none).
pub fn box_number(s: &str) -> String {
    let f = fold(s);
    let t = f.trim().trim_start_matches('/').trim();
    let t = ["boite", "bus", "bte", "bt", "b"]
        .iter()
        .find_map(|p| {
            t.strip_prefix(p)
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == ' ' || c == '.'))
        })
        .unwrap_or(t);
    t.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A postcode: four digits.
pub fn postcode(s: &str) -> Option<String> {
    let t = s.trim();
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn street_names_are_compared_by_their_key() {
        assert_eq!(street_key("Kerkstraat"), "kerkstraat");
        assert_eq!(street_key("KERKSTR."), "kerkstraat");
        assert_eq!(street_key("Kerk str"), "kerkstraat");
        assert_eq!(street_key("Brusselsesteenweg"), street_key("Brusselse Stwg."));
        assert_eq!(street_key("Stationslaan"), street_key("Stations ln"));
        assert_eq!(street_key("Rue de l'Église"), "ruedeleglise");
        assert_eq!(street_key("R. de l'Eglise"), "ruedeleglise");
        assert_eq!(street_key("Chaussée de Mons"), street_key("Ch. de Mons"));
        assert_eq!(street_key("Av. Louise"), "avenuelouise");
        assert_eq!(street_key("  "), "");
    }

    #[test]
    fn numbers_and_boxes() {
        assert_eq!(house_number(" 12 A"), "12a");
        assert_eq!(box_number("bus 2"), "2");
        assert_eq!(box_number("Bte 3"), "3");
        assert_eq!(box_number("/1"), "1");
        assert_eq!(box_number("b0.1"), "01");
        assert_eq!(box_number(""), "");
        assert_eq!(postcode("3900"), Some("3900".into()));
        assert_eq!(postcode("39000"), None);
    }
}
