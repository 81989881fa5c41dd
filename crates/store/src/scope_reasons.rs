//! The scope guard's reasons in `help_requests.scope_reasons`: a JSON list of
//! `{"nl": …, "fr": …, "en": …}` objects.
//!
//! Rows written before the reasons were translated hold plain strings with Dutch and
//! English joined as `"nl / en"`. They are still read: the text is split on the first
//! `" / "` into Dutch and English, and the Dutch text stands in for the French one, which
//! never existed for those rows. A string without `" / "` (a coordinator's own words,
//! added by an override) is used for all three languages. Writing always uses the
//! objects, so an old row is upgraded the next time its verdict is stored.

use crate::error::Result;
use crate::json_text;
use nabij_engine::scope::ScopeReason;
use serde::Deserialize;

const COLUMN: &str = "help_requests.scope_reasons";

/// One stored reason, in either format.
#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    Translated(ScopeReason),
    Joined(String),
}

impl From<Stored> for ScopeReason {
    fn from(s: Stored) -> Self {
        match s {
            Stored::Translated(r) => r,
            Stored::Joined(text) => match text.split_once(" / ") {
                Some((nl, en)) => ScopeReason::new(nl.trim(), nl.trim(), en.trim()),
                None => ScopeReason::new(text.clone(), text.clone(), text),
            },
        }
    }
}

/// The column's text for a list of reasons.
pub fn encode(reasons: &[ScopeReason]) -> Result<String> {
    json_text::encode(reasons)
}

/// Reads the column, in the current or the old format (see the module docs).
pub fn decode(text: &str) -> Result<Vec<ScopeReason>> {
    let stored: Vec<Stored> = json_text::decode(text, COLUMN)?;
    Ok(stored.into_iter().map(ScopeReason::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_joined_strings_split_into_dutch_and_english() {
        let old = r#"["woorden 'samen wandelen' wijzen op gezelschap / words 'samen wandelen' point to companionship", "eenmalige kuis"]"#;
        let reasons = decode(old).unwrap_or_default();
        assert_eq!(reasons.len(), 2);
        assert_eq!(reasons[0].nl, "woorden 'samen wandelen' wijzen op gezelschap");
        assert_eq!(reasons[0].fr, reasons[0].nl, "no French existed: Dutch stands in");
        assert_eq!(reasons[0].en, "words 'samen wandelen' point to companionship");
        assert_eq!(
            reasons[1],
            ScopeReason::new("eenmalige kuis", "eenmalige kuis", "eenmalige kuis")
        );
    }

    #[test]
    fn new_rows_round_trip_and_garbage_is_corrupt() {
        let r = vec![ScopeReason::new("a", "b", "c")];
        let text = encode(&r).unwrap_or_default();
        assert_eq!(text, r#"[{"nl":"a","fr":"b","en":"c"}]"#);
        assert_eq!(decode(&text).unwrap_or_default(), r);
        assert!(decode("[1]").is_err());
        assert!(decode("{").is_err());
    }
}
