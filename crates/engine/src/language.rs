//! Languages a neighbour speaks, as a compact bitset.

use crate::error::EngineError;
use serde::{Deserialize, Serialize};

/// Languages nabij knows about. The list covers the national languages and the languages
/// most spoken by newcomers in Flanders; the bitset has room for 32.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Nl,
    Fr,
    En,
    De,
    Ar,
    Tr,
    Pl,
    Ro,
    Es,
    It,
    Pt,
    Ru,
    Uk,
    Fa,
    Ps,
    Ti,
    So,
    Bg,
    Sq,
    Ber,
}

impl Language {
    pub const ALL: [Language; 20] = [
        Language::Nl,
        Language::Fr,
        Language::En,
        Language::De,
        Language::Ar,
        Language::Tr,
        Language::Pl,
        Language::Ro,
        Language::Es,
        Language::It,
        Language::Pt,
        Language::Ru,
        Language::Uk,
        Language::Fa,
        Language::Ps,
        Language::Ti,
        Language::So,
        Language::Bg,
        Language::Sq,
        Language::Ber,
    ];

    /// ISO 639 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::Fr => "fr",
            Language::En => "en",
            Language::De => "de",
            Language::Ar => "ar",
            Language::Tr => "tr",
            Language::Pl => "pl",
            Language::Ro => "ro",
            Language::Es => "es",
            Language::It => "it",
            Language::Pt => "pt",
            Language::Ru => "ru",
            Language::Uk => "uk",
            Language::Fa => "fa",
            Language::Ps => "ps",
            Language::Ti => "ti",
            Language::So => "so",
            Language::Bg => "bg",
            Language::Sq => "sq",
            Language::Ber => "ber",
        }
    }

    pub fn parse(code: &str) -> Result<Self, EngineError> {
        let lower = code.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|l| l.code() == lower)
            .ok_or_else(|| EngineError::UnknownLanguage(code.chars().take(16).collect()))
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A set of languages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct LanguageSet(pub u32);

impl LanguageSet {
    pub const EMPTY: LanguageSet = LanguageSet(0);

    pub fn of(langs: &[Language]) -> Self {
        LanguageSet(langs.iter().fold(0, |acc, l| acc | l.bit()))
    }

    pub fn parse_codes<S: AsRef<str>>(codes: &[S]) -> Result<Self, EngineError> {
        let mut set = 0;
        for c in codes {
            set |= Language::parse(c.as_ref())?.bit();
        }
        Ok(LanguageSet(set))
    }

    pub fn contains(self, l: Language) -> bool {
        self.0 & l.bit() != 0
    }

    pub fn shares_any(self, other: LanguageSet) -> bool {
        self.0 & other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Language> {
        Language::ALL.into_iter().filter(move |l| self.contains(*l))
    }

    pub fn codes(self) -> Vec<&'static str> {
        self.iter().map(Language::code).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_case_insensitively() {
        let set = LanguageSet::parse_codes(&["NL", "fr"]);
        assert_eq!(set, Ok(LanguageSet::of(&[Language::Nl, Language::Fr])));
        assert!(matches!(
            Language::parse("xx"),
            Err(EngineError::UnknownLanguage(_))
        ));
    }

    #[test]
    fn every_language_has_its_own_bit() {
        let all = LanguageSet::of(&Language::ALL);
        assert_eq!(all.0.count_ones() as usize, Language::ALL.len());
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Ok(l));
        }
    }
}
