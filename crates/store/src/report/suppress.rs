//! The small-count rule of the neighbourhood report: the one place that decides what a
//! published count shows. The HTML table, the SVG charts and the CSV download all show
//! [`Shown`] values made here, so they cannot disagree.
//!
//! **The rule.** A count of 1 to 4 is shown as `<5` ([`Shown::Small`]); zero and counts
//! of 5 or more are shown as they are (zero describes nobody). A *total* (of the parts of
//! a breakdown, of the months of a row, or both) is shown only when every one of its
//! parts is shown exactly; otherwise it is [`Shown::Hidden`] (`*`), whatever its value.
//! So no total ever helps to work out a suppressed part by subtraction: a shown total
//! is the sum of shown numbers and tells nothing new. A hidden total is marked the same
//! way whether it is small or large, since "small" or "5 or more" would itself narrow
//! down (or, with four parts of 1, pin) the hidden parts.
//!
//! The report never shows two different breakdowns of the same records (one
//! breakdown per set of records, e.g. referrals by reason, not also by service), since
//! two breakdowns of one total could be played off against each other.

/// Counts below this are suppressed.
pub const THRESHOLD: i64 = 5;

/// A count as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shown {
    /// The exact count: zero, or [`THRESHOLD`] and more.
    Exact(i64),
    /// A count of 1 to 4: shown as `<5`.
    Small,
    /// A total with a part that is not exact: not shown (`*`).
    Hidden,
}

impl Shown {
    /// The text of a table cell and a CSV field.
    pub fn text(self) -> String {
        match self {
            Shown::Exact(n) => n.to_string(),
            Shown::Small => format!("<{THRESHOLD}"),
            Shown::Hidden => "*".to_string(),
        }
    }

    pub fn is_exact(self) -> bool {
        matches!(self, Shown::Exact(_))
    }
}

/// What a count shows. `count` is the true count; `parts` are the published parts when
/// the count is a total of them (`None` for a single cell). See the module
/// documentation for the rule.
pub fn suppress(count: i64, parts: Option<&[Shown]>) -> Shown {
    if parts.is_some_and(|p| p.iter().any(|s| !s.is_exact())) {
        return Shown::Hidden;
    }
    if (1..THRESHOLD).contains(&count) {
        Shown::Small
    } else {
        Shown::Exact(count.max(0))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn cells(counts: &[i64]) -> Vec<Shown> {
        counts.iter().map(|c| suppress(*c, None)).collect()
    }

    #[test]
    fn one_to_four_is_small_zero_and_five_up_are_exact() {
        assert_eq!(suppress(0, None), Shown::Exact(0));
        for n in 1..=4 {
            assert_eq!(suppress(n, None), Shown::Small, "{n}");
            assert_eq!(suppress(n, None).text(), "<5");
        }
        assert_eq!(suppress(5, None), Shown::Exact(5));
        assert_eq!(suppress(123, None).text(), "123");
    }

    #[test]
    fn a_total_is_exact_only_when_every_part_is() {
        let parts = cells(&[7, 0, 12]);
        assert_eq!(suppress(19, Some(&parts)), Shown::Exact(19));
        // One small part: the total would give it away (19 - 7 - 12 = 0 … 4).
        let parts = cells(&[7, 3, 12]);
        assert_eq!(suppress(22, Some(&parts)), Shown::Hidden);
        assert_eq!(suppress(22, Some(&parts)).text(), "*");
        // Hidden also when the total itself is small: "<5" over four parts of "<5"
        // would say each is exactly 1.
        let parts = cells(&[1, 1, 1, 1]);
        assert_eq!(suppress(4, Some(&parts)), Shown::Hidden);
        // A total of totals: hidden as soon as one of them is.
        let rows = [
            suppress(19, Some(&cells(&[7, 12]))),
            suppress(8, Some(&cells(&[3, 5]))),
        ];
        assert_eq!(suppress(27, Some(&rows)), Shown::Hidden);
    }

    #[test]
    fn no_suppressed_part_can_be_recovered_from_a_shown_total() {
        // Every combination of three parts in 0..=9: whenever the total is shown, all
        // parts are shown, so subtraction recovers nothing that was suppressed.
        for a in 0..10 {
            for b in 0..10 {
                for c in 0..10 {
                    let parts = cells(&[a, b, c]);
                    let total = suppress(a + b + c, Some(&parts));
                    if total.is_exact() {
                        assert!(parts.iter().all(|p| p.is_exact()), "{a} {b} {c}");
                        assert_eq!(total, Shown::Exact(a + b + c));
                    } else {
                        assert_eq!(total, Shown::Hidden);
                        assert!(parts.contains(&Shown::Small));
                    }
                }
            }
        }
    }

    #[test]
    fn an_empty_total_is_zero() {
        assert_eq!(suppress(0, Some(&[])), Shown::Exact(0));
    }
}
