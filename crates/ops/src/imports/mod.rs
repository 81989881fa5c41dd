//! Imports from spreadsheets (issue 16): residents (CSV or XLSX) and the service
//! directory (CSV or XLSX), in three steps — map the file's columns to nabij's fields
//! (guessed from the headers, changed by the coordinator), a dry run that lists every
//! row's problems, and an import that is all-or-nothing.
//!
//! A finding names the spreadsheet row (headers are row 1), the column (the file's own
//! header), nabij's field and a stable code; the words are the catalogue's
//! (`imports.ftl`, `import-problem` by code) in the reader's language.
//!
//! - Errors keep the whole file out: an import with one error row writes nothing and
//!   answers with the findings ([`crate::OpsError::ImportRejected`], the transaction
//!   rolled back).
//! - Duplicates (someone already registered, or a row repeating an earlier row) are
//!   findings too, but they do not block: the import skips them and says so. Nobody is
//!   created twice.
//! - Notices (a word that is no tag, an unknown availability) are shown and do not block.

pub mod neighbours;
pub mod services;
pub mod sheet;
pub mod words;

use serde::Serialize;
use std::collections::BTreeMap;

pub use sheet::{Sheet, SheetError};

/// How a finding weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row (or the file) cannot be imported; nothing is, until it is fixed.
    Error,
    /// Someone already there: the row is skipped, never created twice.
    Duplicate,
    /// Worth knowing, imported anyway.
    Notice,
}

/// One finding of a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The spreadsheet's row number (headers are row 1); `None` for the file as a whole
    /// (a missing column).
    pub row: Option<usize>,
    /// The file's header of the column, when one is concerned.
    pub column: Option<String>,
    /// nabij's field.
    pub field: &'static str,
    /// A stable code (`name_missing`, `address_unknown`, `duplicate_existing`, …).
    pub code: &'static str,
    pub severity: Severity,
    /// The cell, or the other detail the message names (a row number, a suggestion),
    /// at most 80 characters.
    pub value: Option<String>,
}

impl Problem {
    fn at(row: usize, field: &'static str, code: &'static str, severity: Severity) -> Self {
        Problem {
            row: Some(row),
            column: None,
            field,
            code,
            severity,
            value: None,
        }
    }

    fn file(field: &'static str, code: &'static str, column: Option<String>) -> Self {
        Problem {
            row: None,
            column,
            field,
            code,
            severity: Severity::Error,
            value: None,
        }
    }

    fn with_value(mut self, v: &str) -> Self {
        self.value = Some(v.chars().take(80).collect());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One field a file can fill.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub field: &'static str,
    /// Headers that mean this field, normalised (see [`header_key`]); nl, fr, en.
    pub synonyms: &'static [&'static str],
}

/// Which column fills which field: field → the file's header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Mapping(pub BTreeMap<&'static str, String>);

impl Mapping {
    /// The column index of a field in `headers`.
    pub fn index(&self, headers: &[String], field: &str) -> Option<usize> {
        let h = self.0.get(field)?;
        headers.iter().position(|x| x == h)
    }

    pub fn header(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }
}

/// A header or word as compared: lowercase, accents removed, only letters and digits.
pub fn header_key(s: &str) -> String {
    words::fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The mapping guessed from the headers: a header equal to a synonym first, then one
/// containing a synonym (longest synonym first); a header fills one field at most.
pub fn guess(headers: &[String], fields: &[FieldSpec]) -> Mapping {
    let keys: Vec<String> = headers.iter().map(|h| header_key(h)).collect();
    let mut taken = vec![false; headers.len()];
    let mut out = BTreeMap::new();
    for f in fields {
        if let Some(i) = (0..keys.len()).find(|&i| !taken[i] && f.synonyms.contains(&keys[i].as_str())) {
            taken[i] = true;
            out.insert(f.field, headers[i].clone());
        }
    }
    let mut loose: Vec<(usize, &FieldSpec, &str)> = Vec::new();
    for f in fields {
        for s in f.synonyms {
            loose.push((s.len(), f, s));
        }
    }
    loose.sort_by_key(|l| std::cmp::Reverse(l.0));
    for (_, f, s) in loose {
        if out.contains_key(f.field) || s.len() < 3 {
            continue;
        }
        if let Some(i) = (0..keys.len()).find(|&i| !taken[i] && keys[i].contains(s)) {
            taken[i] = true;
            out.insert(f.field, headers[i].clone());
        }
    }
    Mapping(out)
}

/// The mapping to use: the guess, with the caller's choices over it (`Some("")` takes a
/// guessed column off a field). A chosen header the file does not have is a finding.
pub fn mapping(
    headers: &[String],
    fields: &[FieldSpec],
    chosen: &BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Mapping {
    let mut m = guess(headers, fields);
    for f in fields {
        let Some(h) = chosen.get(f.field) else {
            continue;
        };
        let h = h.trim();
        if h.is_empty() {
            m.0.remove(f.field);
        } else if let Some(real) = headers
            .iter()
            .find(|x| x.as_str() == h || x.to_lowercase() == h.to_lowercase())
        {
            m.0.insert(f.field, real.clone());
        } else {
            m.0.remove(f.field);
            problems.push(Problem::file(f.field, "column_not_found", Some(h.to_string())));
        }
    }
    m
}

/// What a dry run or an import found and did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub dry_run: bool,
    /// Whether the rows were written (never on a dry run).
    pub imported: bool,
    /// The file's headers, in order.
    pub headers: Vec<String>,
    /// The mapping used (field → header).
    pub mapping: Mapping,
    /// Data rows in the file (empty rows left out).
    pub rows: usize,
    /// Rows without errors that are not duplicates: created by an import.
    pub created: usize,
    /// Rows skipped as duplicates.
    pub duplicates: usize,
    /// Rows with at least one error.
    pub error_rows: usize,
    pub problems: Vec<Problem>,
}

impl Report {
    /// Whether an import of this file would be refused.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Counts error rows (a row with several errors counts once).
fn error_rows(problems: &[Problem]) -> usize {
    let mut rows: Vec<usize> = problems
        .iter()
        .filter(|p| p.is_error())
        .filter_map(|p| p.row)
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows.len()
}
