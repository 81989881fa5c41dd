//! The neighbourhood report (docs/design.md §1 *Monitoring*): anonymised counts per
//! neighbourhood and month for policy — requests by kind, matches, referrals and their
//! reasons, unmet needs, where people who like to help are missing, and how residents
//! were reached.
//!
//! **What counts where and when.** Every record counts for the neighbourhood of the
//! resident it concerns — for requests, matches and referrals the one who asked —
//! ([`Area`]; residents outside every neighbourhood and erased residents count under
//! [`Area::NoNeighbourhood`]), in the month of the event that is counted: a request in
//! the month it was filed, a match in the month it started (or, for "help goes both
//! ways", the month it was closed), a referral in the month it was made, a registration
//! in the month the resident was registered, a call in the month it was marked done.
//! "Unmet" is the *current* status of the requests filed in a month (still open,
//! expired, or waiting for a referral); "no candidate nearby" is whether the engine
//! finds anybody for such a waiting request *now* (the caller holds the index, see
//! [`Report::take_candidate_checks`]); "asks for something nobody offers" counts
//! requests with a tag that no other available resident of the same neighbourhood
//! offers (talents; interests too for doing something together), and
//! [`Report::tags_not_offered`] names those tags per area without counts.
//!
//! **Small counts.** [`Report`] holds the true counts; only [`Report::tables`] is meant
//! to be shown, and it passes every number through [`suppress`] (see [`suppress`] for
//! the rule: 1–4 is `<5`, a total with a suppressed part is hidden). HTML, charts and CSV
//! are all drawn from [`Report::tables`].
//!
//! **Feeding it more signals.** The report is a table of (area, month, [`Metric`])
//! counts grouped in [`Section`]s. A new signal — contacts of a phone round, home
//! visits, referral cards handed out — becomes a `Metric` in a section (a breakdown goes
//! in [`Section::parts`], so its total is suppressed correctly; a single count in
//! [`Section::extra`]) and one counting function below that adds its records to
//! [`Report::add`] with the resident's neighbourhood and the month of the event. The
//! tables, charts, CSV and the small-count rule then include it without further change.
//! The [`Section::Reach`] section already counts registrations by consent channel (home
//! visit, phone round, referral card, self) and the calls made to residents without
//! e-mail. Keep one breakdown per set of records (see [`suppress`]).
//!
//! Queries are written once for both backends (plain diesel on [`DbConnection`]): each
//! loads the few columns it needs for the months asked, and counting happens here.

mod count;
mod metric;
pub mod suppress;

pub use metric::{Area, Metric, Month, Section};
pub use suppress::{suppress, Shown, THRESHOLD};

use nabij_engine::HelpRequest;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which report: the areas (already checked against what the caller may see) and the
/// months `from..=to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportQuery {
    pub areas: Vec<Area>,
    pub from: Month,
    pub to: Month,
}

/// A waiting request to look up in the candidate index.
#[derive(Debug, Clone)]
pub struct CandidateCheck {
    pub area: Area,
    pub month: Month,
    pub request: HelpRequest,
}

/// The true counts of a report. Show only [`Report::tables`].
#[derive(Debug, Clone)]
pub struct Report {
    pub months: Vec<Month>,
    pub areas: Vec<Area>,
    counts: HashMap<(Area, Month, Metric), i64>,
    /// Per area, the tags asked for that nobody else there offers (codes, sorted).
    pub tags_not_offered: BTreeMap<Area, BTreeSet<String>>,
    pub(crate) checks: Vec<CandidateCheck>,
}

/// One line of a section: a metric or the section's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKey {
    Metric(Metric),
    Total(Section),
}

impl LineKey {
    pub fn code(self) -> String {
        match self {
            LineKey::Metric(m) => m.code().to_string(),
            LineKey::Total(s) => s.total_code(),
        }
    }
}

/// A published line: one value per month and the line's total over the months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub key: LineKey,
    pub months: Vec<Shown>,
    pub total: Shown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionTable {
    pub section: Section,
    pub lines: Vec<Line>,
}

/// Everything published about one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaTable {
    pub area: Area,
    pub sections: Vec<SectionTable>,
}

impl Report {
    pub(crate) fn new(q: &ReportQuery) -> Report {
        Report {
            months: Month::range(q.from, q.to),
            areas: q.areas.clone(),
            counts: HashMap::new(),
            tags_not_offered: BTreeMap::new(),
            checks: Vec::new(),
        }
    }

    /// The true count (0 when nothing was counted).
    pub fn count(&self, area: Area, month: Month, metric: Metric) -> i64 {
        self.counts.get(&(area, month, metric)).copied().unwrap_or(0)
    }

    /// Counts `by` more; ignored outside the report's areas and months.
    pub fn add(&mut self, area: Area, month: Month, metric: Metric, by: i64) {
        if self.areas.contains(&area) && self.months.contains(&month) {
            *self.counts.entry((area, month, metric)).or_insert(0) += by;
        }
    }

    /// The waiting requests to look up in the candidate index; count each without a
    /// candidate as [`Metric::NoCandidateNearby`] with [`Report::add`].
    pub fn take_candidate_checks(&mut self) -> Vec<CandidateCheck> {
        std::mem::take(&mut self.checks)
    }

    /// What may be shown: every count through [`suppress`], with the totals of each
    /// breakdown and of each line.
    pub fn tables(&self) -> Vec<AreaTable> {
        self.areas
            .iter()
            .map(|&area| AreaTable {
                area,
                sections: Section::ALL
                    .iter()
                    .map(|&section| self.section_table(area, section))
                    .collect(),
            })
            .collect()
    }

    fn metric_line(&self, area: Area, metric: Metric) -> Line {
        let raw: Vec<i64> = self.months.iter().map(|&m| self.count(area, m, metric)).collect();
        let months: Vec<Shown> = raw.iter().map(|&n| suppress(n, None)).collect();
        let total = suppress(raw.iter().sum(), Some(&months));
        Line {
            key: LineKey::Metric(metric),
            months,
            total,
        }
    }

    fn section_table(&self, area: Area, section: Section) -> SectionTable {
        let parts: Vec<Line> = section
            .parts()
            .iter()
            .map(|&m| self.metric_line(area, m))
            .collect();
        let mut lines = parts.clone();
        if !parts.is_empty() {
            let months = (0..self.months.len())
                .map(|i| {
                    let raw: i64 = section
                        .parts()
                        .iter()
                        .map(|&m| self.count(area, self.months[i], m))
                        .sum();
                    let cells: Vec<Shown> = parts.iter().map(|l| l.months[i]).collect();
                    suppress(raw, Some(&cells))
                })
                .collect();
            let raw: i64 = section
                .parts()
                .iter()
                .flat_map(|&m| self.months.iter().map(move |&mo| (m, mo)))
                .map(|(m, mo)| self.count(area, mo, m))
                .sum();
            let cells: Vec<Shown> = parts.iter().flat_map(|l| l.months.iter().copied()).collect();
            lines.push(Line {
                key: LineKey::Total(section),
                months,
                total: suppress(raw, Some(&cells)),
            });
        }
        lines.extend(section.extra().iter().map(|&m| self.metric_line(area, m)));
        SectionTable { section, lines }
    }
}

pub use count::load;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn query(areas: Vec<Area>) -> ReportQuery {
        ReportQuery {
            areas,
            from: Month::parse("2026-01").unwrap(),
            to: Month::parse("2026-03").unwrap(),
        }
    }

    #[test]
    fn tables_suppress_cells_and_totals() {
        let hood = Area::Hood(crate::ids::NeighbourhoodId(1));
        let mut r = Report::new(&query(vec![hood]));
        let (jan, feb, mar) = (r.months[0], r.months[1], r.months[2]);
        r.add(hood, jan, Metric::RequestsPractical, 7);
        r.add(hood, feb, Metric::RequestsPractical, 6);
        r.add(hood, jan, Metric::RequestsEmotional, 2);
        r.add(hood, mar, Metric::RequestsCompanionship, 5);
        // Outside the report: ignored.
        r.add(Area::NoNeighbourhood, jan, Metric::RequestsPractical, 9);
        r.add(hood, mar.next(), Metric::RequestsPractical, 9);
        let t = r.tables();
        assert_eq!(t.len(), 1);
        let requests = &t[0].sections[0];
        assert_eq!(requests.section, Section::Requests);
        let line = |code: &str| requests.lines.iter().find(|l| l.key.code() == code).unwrap();
        let practical = line("requests_practical");
        assert_eq!(
            practical.months,
            [Shown::Exact(7), Shown::Exact(6), Shown::Exact(0)]
        );
        assert_eq!(practical.total, Shown::Exact(13));
        let emotional = line("requests_emotional");
        assert_eq!(emotional.months, [Shown::Small, Shown::Exact(0), Shown::Exact(0)]);
        assert_eq!(emotional.total, Shown::Hidden);
        let total = line("requests_total");
        // January has a small part: hidden; February and March are exact.
        assert_eq!(total.months, [Shown::Hidden, Shown::Exact(6), Shown::Exact(5)]);
        assert_eq!(total.total, Shown::Hidden);
        // Sections without a breakdown have no total line.
        assert!(t[0].sections[1]
            .lines
            .iter()
            .all(|l| matches!(l.key, LineKey::Metric(_))));
    }
}
