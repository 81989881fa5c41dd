//! Codes as stored (JSON lists of tag, language and slot codes) and the engine's
//! bitsets. Writes are strict and store canonical codes; reads are lenient, so a tag
//! later dropped from the vocabulary does not make a stored neighbour unreadable.

use crate::error::{Result, StoreError};
use nabij_engine::{LanguageSet, TagSet, Vocabulary, WeeklySlots};

/// Most codes in one list.
pub const MAX_CODES: usize = 64;

fn check_len<S>(codes: &[S], what: &str) -> Result<()> {
    if codes.len() > MAX_CODES {
        return Err(StoreError::invalid(format!(
            "{what}: at most {MAX_CODES} entries"
        )));
    }
    Ok(())
}

/// Checks tag codes and returns them canonical (vocabulary order, no duplicates).
pub fn canonical_tags<S: AsRef<str>>(codes: &[S], what: &str) -> Result<Vec<String>> {
    check_len(codes, what)?;
    let vocab = Vocabulary::builtin();
    let set = vocab
        .set(codes)
        .map_err(|e| StoreError::invalid(format!("{what}: {e}")))?;
    Ok(vocab.codes(set).into_iter().map(str::to_string).collect())
}

/// Tag codes to a set, ignoring codes the vocabulary no longer knows.
pub fn tags_lenient<S: AsRef<str>>(codes: &[S]) -> TagSet {
    let vocab = Vocabulary::builtin();
    codes
        .iter()
        .filter_map(|c| vocab.id(c.as_ref()).ok())
        .fold(TagSet::EMPTY, TagSet::with)
}

/// Checks language codes and returns them canonical.
pub fn canonical_languages<S: AsRef<str>>(codes: &[S], what: &str) -> Result<Vec<String>> {
    check_len(codes, what)?;
    let set = LanguageSet::parse_codes(codes).map_err(|e| StoreError::invalid(format!("{what}: {e}")))?;
    Ok(set.codes().into_iter().map(str::to_string).collect())
}

/// Language codes to a set, ignoring unknown codes.
pub fn languages_lenient<S: AsRef<str>>(codes: &[S]) -> LanguageSet {
    codes
        .iter()
        .filter_map(|c| nabij_engine::Language::parse(c.as_ref()).ok())
        .fold(LanguageSet::EMPTY, |acc, l| {
            LanguageSet(acc.0 | LanguageSet::of(&[l]).0)
        })
}

/// Checks weekly slot codes (`tue-afternoon`) and returns them canonical.
pub fn canonical_slots<S: AsRef<str>>(codes: &[S], what: &str) -> Result<Vec<String>> {
    check_len(codes, what)?;
    let slots = codes.iter().try_fold(WeeklySlots::NONE, |acc, c| {
        WeeklySlots::parse_code(c.as_ref())
            .map(|s| acc.union(s))
            .map_err(|e| StoreError::invalid(format!("{what}: {e}")))
    })?;
    Ok(slots.codes())
}

/// Slot codes to a mask, ignoring unknown codes.
pub fn slots_lenient<S: AsRef<str>>(codes: &[S]) -> WeeklySlots {
    codes
        .iter()
        .filter_map(|c| WeeklySlots::parse_code(c.as_ref()).ok())
        .fold(WeeklySlots::NONE, WeeklySlots::union)
}
