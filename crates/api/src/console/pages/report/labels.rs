//! The report's words, from the catalogue (`report-section`, `report-line`,
//! `report-month` in console.ftl): sections, lines, months.

use crate::console::Lang;
use nabij_store::report::{LineKey, Month, Section};

pub(super) fn section(l: Lang, s: Section) -> String {
    nabij_i18n::t(l, "report-section", &[("code", s.code().into())])
}

/// A line: a metric, or the total of a section.
pub(super) fn line(l: Lang, key: LineKey) -> String {
    nabij_i18n::t(l, "report-line", &[("code", key.code().into())])
}

/// `jan 2026`, `janv. 2026`, `Jan 2026`.
pub(super) fn month(l: Lang, m: Month) -> String {
    nabij_i18n::t(
        l,
        "report-month",
        &[
            ("month", m.month.clamp(1, 12).into()),
            ("year", m.year.to_string().into()),
        ],
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use nabij_store::report::Metric;

    #[test]
    fn months_lines_and_sections_come_from_the_catalogue() {
        let m = Month::parse("2026-02").unwrap();
        assert_eq!(month(Lang::Nl, m), "feb 2026");
        assert_eq!(month(Lang::Fr, Month::parse("2025-12").unwrap()), "déc. 2025");
        assert_eq!(month(Lang::En, Month::parse("2026-01").unwrap()), "Jan 2026");
        assert_eq!(
            line(Lang::Nl, LineKey::Metric(Metric::ReferralsHeavy)),
            "Zwaar werk"
        );
        assert_eq!(line(Lang::Fr, LineKey::Total(Section::Matches)), "Total");
        assert_eq!(
            line(Lang::Nl, LineKey::Total(Section::Reach)),
            "Alle inschrijvingen"
        );
        assert_eq!(
            section(Lang::En, Section::Unmet),
            "Requests still without a match"
        );
    }
}
