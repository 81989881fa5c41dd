//! One reason of the scope guard: a message of the catalogue `scope.ftl` with its
//! arguments (see `explain`), or the finished texts of a reason stored before the
//! catalogues. `nabij-i18n` renders it.

/// A reason of a verdict. Words quoted from the request (`'elke week'`) and a
/// coordinator's own words are verbatim arguments, shown unchanged in every language.
pub type ScopeReason = crate::message::Phrase;
