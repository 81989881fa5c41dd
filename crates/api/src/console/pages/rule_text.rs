//! The message a form shows next to a field that breaks one of the store's field rules
//! (`nabij_store::rules`), in the page's language. The forms decide nothing themselves:
//! they call the rule and word its verdict here.

use crate::console::Lang;
use nabij_store::rules::{RuleError, RuleKind};

/// The message for a broken rule.
pub(super) fn rule_text(l: Lang, e: RuleError) -> String {
    match e.kind {
        RuleKind::Empty => l.text("rule-empty"),
        RuleKind::TooLong(max) => nabij_i18n::t(l, "rule-too-long", &[("max", max.into())]),
        RuleKind::Control => l.text("rule-control"),
        RuleKind::Format => l.text("rule-format"),
        RuleKind::Phone(min) => nabij_i18n::t(l, "rule-phone", &[("min", min.into())]),
        RuleKind::Email => l.text("rule-email"),
        RuleKind::Url => l.text("rule-url"),
    }
}
