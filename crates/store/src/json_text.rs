//! JSON values kept in Text columns (tag, language and slot lists, windows, settings).

use crate::error::{Result, StoreError};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Serialises a value for a Text column.
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|_| StoreError::invalid("value cannot be stored"))
}

/// Reads a value back from a Text column; `column` names it in the (logged) error.
pub fn decode<T: DeserializeOwned>(text: &str, column: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

/// A list of codes (tags, languages, slots) from a Text column.
pub fn codes(text: &str, column: &str) -> Result<Vec<String>> {
    decode(text, column)
}
