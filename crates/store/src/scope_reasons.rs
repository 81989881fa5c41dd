//! The scope guard's reasons in `help_requests.scope_reasons`: a JSON list of messages,
//! `{"id": "scope-points-to", "args": {…}}` (ids of the catalogue `scope.ftl`, rendered
//! by `nabij-i18n`).
//!
//! Two older formats are still read, as their stored text:
//! - `{"nl": …, "fr": …, "en": …}` objects, written before the catalogues;
//! - plain strings with Dutch and English joined as `"nl / en"`, written before the
//!   reasons were translated: the text is split on the first `" / "` into Dutch and
//!   English, and the Dutch text stands in for the French one, which never existed for
//!   those rows. A string without `" / "` (a coordinator's own words, added by an
//!   override) is used for all three languages.
//!
//! Writing always uses the current format for reasons the engine gives as messages; an
//! older reason keeps its texts when its row is written again.

use crate::error::Result;
use crate::json_text;
use nabij_engine::scope::ScopeReason;
use serde::Deserialize;

const COLUMN: &str = "help_requests.scope_reasons";

/// One stored reason, in any format.
#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    /// A message, or the `{nl, fr, en}` texts.
    Reason(ScopeReason),
    Joined(String),
}

impl From<Stored> for ScopeReason {
    fn from(s: Stored) -> Self {
        match s {
            Stored::Reason(r) => r,
            Stored::Joined(text) => match text.split_once(" / ") {
                Some((nl, en)) => ScopeReason::texts(nl.trim(), nl.trim(), en.trim()),
                None => ScopeReason::texts(text.clone(), text.clone(), text),
            },
        }
    }
}

/// The column's text for a list of reasons.
pub fn encode(reasons: &[ScopeReason]) -> Result<String> {
    json_text::encode(reasons)
}

/// Reads the column, in the current or an older format (see the module docs).
pub fn decode(text: &str) -> Result<Vec<ScopeReason>> {
    let stored: Vec<Stored> = json_text::decode(text, COLUMN)?;
    Ok(stored.into_iter().map(ScopeReason::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use nabij_engine::message::Message;

    #[test]
    fn old_joined_strings_split_into_dutch_and_english() {
        let old = r#"["woorden 'samen wandelen' wijzen op gezelschap / words 'samen wandelen' point to companionship", "eenmalige kuis"]"#;
        let reasons = decode(old).unwrap_or_default();
        assert_eq!(
            reasons,
            vec![
                ScopeReason::texts(
                    "woorden 'samen wandelen' wijzen op gezelschap",
                    "woorden 'samen wandelen' wijzen op gezelschap",
                    "words 'samen wandelen' point to companionship"
                ),
                ScopeReason::texts("eenmalige kuis", "eenmalige kuis", "eenmalige kuis"),
            ],
            "no French existed: Dutch stands in"
        );
    }

    #[test]
    fn translated_texts_of_before_the_catalogues_are_kept() {
        let old = r#"[{"nl":"a","fr":"b","en":"c"}]"#;
        let reasons = decode(old).unwrap_or_default();
        assert_eq!(reasons, vec![ScopeReason::texts("a", "b", "c")]);
        assert_eq!(encode(&reasons).unwrap_or_default(), old);
    }

    #[test]
    fn new_rows_round_trip_and_garbage_is_corrupt() {
        let r: Vec<ScopeReason> = vec![
            Message::new("scope-points-to")
                .arg("source", "word")
                .arg("text", "poetsen")
                .arg("to", "structural")
                .into(),
            Message::new("scope-makes-structural")
                .arg("source", "duration")
                .arg("minutes", 480u32)
                .into(),
        ];
        let text = encode(&r).unwrap_or_default();
        assert_eq!(
            text,
            r#"[{"id":"scope-points-to","args":{"source":"word","text":"poetsen","to":"structural"}},{"id":"scope-makes-structural","args":{"minutes":480,"source":"duration"}}]"#
        );
        assert_eq!(decode(&text).unwrap_or_default(), r);
        assert!(decode("[1]").is_err());
        assert!(decode("{").is_err());
        assert!(decode(r#"[{"nl":"a"}]"#).is_err());
    }
}
