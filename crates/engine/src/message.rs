//! What the engine says to people, without saying it in a language: a message id of the
//! catalogues (`crates/i18n/locales/<lang>/reasons.ftl` and `scope.ftl`) with typed
//! arguments, e.g. `{"id": "reason-distance-m", "args": {"m": 400}}`. `nabij-i18n`
//! renders it (`render_reason`) at the edge: the API, the console, the mails and the CLI.
//!
//! Arguments are numbers, enumerated codes (a scope category, a recurrence, a request
//! kind, a day, a day part, a tag code) or verbatim text (words quoted from a request, a
//! coordinator's own words), which the catalogues show unchanged in every language.
//!
//! A [`Phrase`] is either such a message or, for a reason stored before the catalogues
//! existed, its finished texts ([`Texts`]), kept and shown as they were stored.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One argument of a message: a number, or text (an enumerated code or verbatim words).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Num(i64),
    Text(String),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Num(i64::from(n))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A message id of the catalogues with its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: BTreeMap<String, Arg>,
}

impl Message {
    /// A message without arguments.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            args: BTreeMap::new(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.insert(name.to_string(), value.into());
        self
    }

    /// The argument `name`, if it is text.
    pub fn text_arg(&self, name: &str) -> Option<&str> {
        match self.args.get(name) {
            Some(Arg::Text(s)) => Some(s),
            _ => None,
        }
    }

    /// The argument `name`, if it is a number.
    pub fn num_arg(&self, name: &str) -> Option<i64> {
        match self.args.get(name) {
            Some(Arg::Num(n)) => Some(*n),
            _ => None,
        }
    }
}

/// Finished texts in Dutch, French and English, as stored before the catalogues.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Texts {
    pub nl: String,
    pub fr: String,
    pub en: String,
}

impl Texts {
    /// The text in a language (`nl`, `fr`, `en`; Dutch for anything else).
    pub fn text(&self, lang: &str) -> &str {
        match lang {
            "en" => &self.en,
            "fr" => &self.fr,
            _ => &self.nl,
        }
    }
}

/// A message, or the finished texts of an older stored reason. Serialised as either
/// object (`{"id", "args"}` or `{"nl", "fr", "en"}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Phrase {
    Message(Message),
    Texts(Texts),
}

impl Phrase {
    /// The message, when this is one (not an older stored text).
    pub fn message(&self) -> Option<&Message> {
        match self {
            Phrase::Message(m) => Some(m),
            Phrase::Texts(_) => None,
        }
    }

    /// The message id, when this is a message.
    pub fn id(&self) -> Option<&str> {
        self.message().map(|m| m.id.as_str())
    }

    /// Finished texts kept from an older row.
    pub fn texts(nl: impl Into<String>, fr: impl Into<String>, en: impl Into<String>) -> Self {
        Phrase::Texts(Texts {
            nl: nl.into(),
            fr: fr.into(),
            en: en.into(),
        })
    }
}

impl AsRef<Phrase> for Phrase {
    fn as_ref(&self) -> &Phrase {
        self
    }
}

impl From<Message> for Phrase {
    fn from(m: Message) -> Self {
        Phrase::Message(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_older_texts_round_trip_as_json() {
        let m: Phrase = Message::new("reason-distance-m").arg("m", 400u32).into();
        let json = serde_json::to_string(&m).unwrap_or_default();
        assert_eq!(json, r#"{"id":"reason-distance-m","args":{"m":400}}"#);
        assert_eq!(serde_json::from_str::<Phrase>(&json).ok(), Some(m));
        let bare: Phrase = Message::new("reason-free").into();
        assert_eq!(
            serde_json::to_string(&bare).unwrap_or_default(),
            r#"{"id":"reason-free"}"#
        );
        let old = r#"{"nl":"a","fr":"b","en":"c"}"#;
        assert_eq!(
            serde_json::from_str::<Phrase>(old).ok(),
            Some(Phrase::texts("a", "b", "c"))
        );
    }
}
