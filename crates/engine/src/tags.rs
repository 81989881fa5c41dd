//! The tag vocabulary (what help and shared time can be about) and tag sets as bitsets.
//!
//! The vocabulary lives in `fixtures/tags.toml` and is compiled into the engine, so the
//! engine needs no file at run time.

use crate::error::EngineError;
use crate::request::RequestKind;
use serde::Deserialize;
use std::sync::LazyLock;

const BUILTIN_TOML: &str = include_str!("../../../fixtures/tags.toml");

/// Position of a tag in its vocabulary (0..64).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TagId(pub u8);

/// One tag with its labels and reason phrases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    pub code: String,
    pub kinds: Vec<RequestKind>,
    pub nl: String,
    pub fr: String,
    pub en: String,
    pub likes_nl: String,
    pub likes_fr: String,
    pub likes_en: String,
    pub helps_nl: String,
    pub helps_fr: String,
    pub helps_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    tag: Vec<Tag>,
}

/// An ordered list of at most 64 tags.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    tags: Vec<Tag>,
}

static BUILTIN: LazyLock<Vocabulary> = LazyLock::new(|| {
    // The built-in file is checked by a unit test; an empty vocabulary is the safe
    // fallback should it ever fail to parse.
    Vocabulary::from_toml(BUILTIN_TOML).unwrap_or(Vocabulary { tags: Vec::new() })
});

impl Vocabulary {
    /// The vocabulary compiled in from `fixtures/tags.toml`.
    pub fn builtin() -> &'static Vocabulary {
        &BUILTIN
    }

    pub fn from_toml(text: &str) -> Result<Self, EngineError> {
        let file: VocabularyFile =
            toml::from_str(text).map_err(|e| EngineError::BadVocabulary(e.to_string()))?;
        if file.tag.len() > 64 {
            return Err(EngineError::VocabularyTooLarge(file.tag.len()));
        }
        let mut seen = std::collections::HashSet::new();
        for t in &file.tag {
            if !seen.insert(t.code.as_str()) {
                return Err(EngineError::BadVocabulary(format!("duplicate tag `{}`", t.code)));
            }
        }
        Ok(Self { tags: file.tag })
    }

    pub fn len(&self) -> usize {
        self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    pub fn tags(&self) -> &[Tag] {
        &self.tags
    }

    pub fn get(&self, id: TagId) -> Option<&Tag> {
        self.tags.get(usize::from(id.0))
    }

    pub fn id(&self, code: &str) -> Result<TagId, EngineError> {
        let code = code.trim();
        self.tags
            .iter()
            .position(|t| t.code.eq_ignore_ascii_case(code))
            .and_then(|i| u8::try_from(i).ok())
            .map(TagId)
            .ok_or_else(|| EngineError::UnknownTag(code.chars().take(40).collect()))
    }

    /// Parses a list of tag codes into a set.
    pub fn set<S: AsRef<str>>(&self, codes: &[S]) -> Result<TagSet, EngineError> {
        codes
            .iter()
            .try_fold(TagSet::EMPTY, |acc, c| Ok(acc.with(self.id(c.as_ref())?)))
    }

    /// The codes of a set, in vocabulary order.
    pub fn codes(&self, set: TagSet) -> Vec<&str> {
        set.iter()
            .filter_map(|id| self.get(id))
            .map(|t| t.code.as_str())
            .collect()
    }

    /// Tags usually asked for with a kind of request.
    pub fn for_kind(&self, kind: RequestKind) -> TagSet {
        self.tags
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kinds.contains(&kind))
            .fold(TagSet::EMPTY, |acc, (i, _)| acc.with(TagId(i as u8)))
    }
}

/// A set of tags as a 64-bit bitset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TagSet(pub u64);

impl TagSet {
    pub const EMPTY: TagSet = TagSet(0);

    pub fn with(self, id: TagId) -> Self {
        TagSet(self.0 | (1u64 << (id.0 & 63)))
    }

    pub fn contains(self, id: TagId) -> bool {
        self.0 & (1u64 << (id.0 & 63)) != 0
    }

    pub fn intersect(self, other: TagSet) -> TagSet {
        TagSet(self.0 & other.0)
    }

    pub fn union(self, other: TagSet) -> TagSet {
        TagSet(self.0 | other.0)
    }

    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = TagId> {
        (0u8..64).filter(move |i| self.0 & (1u64 << i) != 0).map(TagId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_vocabulary_parses_with_all_labels() {
        let v = Vocabulary::from_toml(BUILTIN_TOML);
        assert!(v.is_ok(), "{v:?}");
        let v = Vocabulary::builtin();
        assert!(v.len() >= 20 && v.len() <= 64);
        for t in v.tags() {
            for s in [
                &t.nl,
                &t.fr,
                &t.en,
                &t.likes_nl,
                &t.likes_en,
                &t.likes_fr,
                &t.helps_nl,
                &t.helps_en,
                &t.helps_fr,
            ] {
                assert!(!s.trim().is_empty(), "{} has an empty label", t.code);
            }
            assert!(!t.kinds.is_empty(), "{} has no kind", t.code);
        }
        for code in [
            "walking",
            "shopping",
            "coffee_visit",
            "phone_help",
            "computer_help",
            "small_repairs",
            "games",
            "reading_aloud",
            "gardening_once",
        ] {
            assert!(v.id(code).is_ok(), "missing {code}");
        }
    }

    #[test]
    fn sets_round_trip_and_reject_unknown_codes() {
        let v = Vocabulary::builtin();
        let set = v.set(&["walking", "games"]);
        let Ok(set) = set else { panic!("{set:?}") };
        assert_eq!(set.len(), 2);
        assert_eq!(v.codes(set), vec!["walking", "games"]);
        assert!(matches!(v.set(&["skydiving"]), Err(EngineError::UnknownTag(_))));
    }
}
