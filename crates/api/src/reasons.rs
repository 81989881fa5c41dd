//! The engine's reasons as the API shows them: rendered from the catalogues
//! (`nabij_i18n::render_phrase`) into Dutch, French and English at the edge, so clients
//! see `{code, nl, fr, en}` (candidate and group reasons) and `{nl, fr, en}` (scope
//! reasons) as before the engine handed out message ids.

use nabij_engine::message::Texts;
use nabij_engine::reasons::{Reason, ReasonCode};
use nabij_engine::scope::ScopeReason;
use nabij_i18n::render_phrase;
use serde::{Serialize, Serializer};

/// A candidate or group reason in the three languages.
#[derive(Debug, Serialize)]
struct ReasonOut {
    code: ReasonCode,
    #[serde(flatten)]
    texts: Texts,
}

/// `serialize_with` for candidate and group reasons: `[{code, nl, fr, en}]`.
pub fn serialize_reasons<S: Serializer>(reasons: &[Reason], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(reasons.iter().map(|r| ReasonOut {
        code: r.code,
        texts: render_phrase(r),
    }))
}

/// `serialize_with` for scope reasons: `[{nl, fr, en}]`.
pub fn serialize_scope_reasons<S: Serializer>(reasons: &[ScopeReason], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(reasons.iter().map(render_phrase))
}
