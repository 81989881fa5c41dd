//! What the neighbourhood report counts: months, areas, sections and metrics, each with
//! a stable code (the CSV's `section` and `metric` columns).

use crate::ids::NeighbourhoodId;
use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// A calendar month (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    /// 1..=12.
    pub month: u32,
}

impl Month {
    /// The month of a stored timestamp.
    pub fn of(t: NaiveDateTime) -> Month {
        Month {
            year: t.year(),
            month: t.month(),
        }
    }

    /// `YYYY-MM`, as in a query string or the CSV; `None` for anything else.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let month = Month {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
        };
        ((1..=12).contains(&month.month) && (1970..=9999).contains(&month.year)).then_some(month)
    }

    /// `YYYY-MM`.
    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// Midnight of its first day, as stored.
    pub fn start(self) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default()
    }

    /// `from` to `to`, both included, in order (empty when `from` is after `to`).
    pub fn range(from: Month, to: Month) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = from;
        while m <= to {
            out.push(m);
            m = m.next();
        }
        out
    }
}

/// Where a record counts: the neighbourhood of the resident it concerns (the one who
/// asked, for requests, matches and referrals), or none (residents whose home lies in
/// no neighbourhood, and erased residents, whose neighbourhood is cleared).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    Hood(NeighbourhoodId),
    NoNeighbourhood,
}

impl Area {
    pub fn of(hood: Option<NeighbourhoodId>) -> Area {
        hood.map_or(Area::NoNeighbourhood, Area::Hood)
    }

    /// `none` or the neighbourhood id, as in a query string.
    pub fn code(self) -> String {
        match self {
            Area::Hood(id) => id.to_string(),
            Area::NoNeighbourhood => "none".to_string(),
        }
    }

    pub fn parse(s: &str) -> Option<Area> {
        match s.trim() {
            "none" => Some(Area::NoNeighbourhood),
            other => NeighbourhoodId::parse(other).map(Area::Hood),
        }
    }
}

/// A group of metrics. A section with `parts` shows their total too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Requests filed in the month, by kind.
    Requests,
    /// Matches that started (everybody said yes) or ended with mutual support.
    Matches,
    /// Referrals made in the month, by reason.
    Referrals,
    /// Requests filed in the month that are still without a match now, by status.
    Unmet,
    /// Where people who like to help are missing.
    Missing,
    /// How residents were reached: registrations by consent channel, calls made.
    Reach,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Requests,
        Section::Matches,
        Section::Referrals,
        Section::Unmet,
        Section::Missing,
        Section::Reach,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Section::Requests => "requests",
            Section::Matches => "matches",
            Section::Referrals => "referrals",
            Section::Unmet => "unmet",
            Section::Missing => "missing",
            Section::Reach => "reach",
        }
    }

    /// The metrics that split one set of records (each record in exactly one): shown
    /// with their total.
    pub fn parts(self) -> &'static [Metric] {
        use Metric::*;
        match self {
            Section::Requests => &[RequestsEmotional, RequestsCompanionship, RequestsPractical],
            Section::Matches => &[],
            Section::Referrals => &[
                ReferralsStructural,
                ReferralsHeavy,
                ReferralsPersonalCare,
                ReferralsOutOfScopeOther,
                ReferralsNoMatch,
                ReferralsCoordinatorChoice,
            ],
            Section::Unmet => &[UnmetOpen, UnmetExpired, UnmetReferralNeeded],
            Section::Missing => &[],
            Section::Reach => &[
                RegisteredHomeVisit,
                RegisteredPhoneRound,
                RegisteredReferralCard,
                RegisteredSelf,
            ],
        }
    }

    /// Further metrics of the section, each on its own (no total).
    pub fn extra(self) -> &'static [Metric] {
        use Metric::*;
        match self {
            Section::Matches => &[MatchesStarted, MatchesClosedMutual],
            Section::Missing => &[NoCandidateNearby, TagNotOffered],
            Section::Reach => &[CallsMade],
            _ => &[],
        }
    }

    /// Code of the total line in the CSV.
    pub fn total_code(self) -> String {
        format!("{}_total", self.code())
    }
}

/// One thing counted per area and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    RequestsEmotional,
    RequestsCompanionship,
    RequestsPractical,
    /// Matches activated in the month.
    MatchesStarted,
    /// Matches closed in the month whose follow-up says help now goes both ways.
    MatchesClosedMutual,
    /// Out of scope: structural help.
    ReferralsStructural,
    /// Out of scope: heavy work.
    ReferralsHeavy,
    /// Out of scope: personal care.
    ReferralsPersonalCare,
    /// Out of scope by a coordinator's verdict without one of those categories.
    ReferralsOutOfScopeOther,
    ReferralsNoMatch,
    ReferralsCoordinatorChoice,
    UnmetOpen,
    UnmetExpired,
    UnmetReferralNeeded,
    /// Waiting requests (in scope) for which nobody within reach could go along now.
    NoCandidateNearby,
    /// Requests asking for something that nobody else in their neighbourhood offers.
    TagNotOffered,
    RegisteredHomeVisit,
    RegisteredPhoneRound,
    RegisteredReferralCard,
    RegisteredSelf,
    /// Calls to residents without e-mail marked done in the month.
    CallsMade,
}

impl Metric {
    pub fn code(self) -> &'static str {
        use Metric::*;
        match self {
            RequestsEmotional => "requests_emotional",
            RequestsCompanionship => "requests_companionship",
            RequestsPractical => "requests_practical",
            MatchesStarted => "matches_started",
            MatchesClosedMutual => "matches_closed_mutual",
            ReferralsStructural => "referrals_structural",
            ReferralsHeavy => "referrals_heavy",
            ReferralsPersonalCare => "referrals_personal_care",
            ReferralsOutOfScopeOther => "referrals_out_of_scope_other",
            ReferralsNoMatch => "referrals_no_match",
            ReferralsCoordinatorChoice => "referrals_coordinator_choice",
            UnmetOpen => "unmet_open",
            UnmetExpired => "unmet_expired",
            UnmetReferralNeeded => "unmet_referral_needed",
            NoCandidateNearby => "no_candidate_nearby",
            TagNotOffered => "tag_not_offered",
            RegisteredHomeVisit => "registered_home_visit",
            RegisteredPhoneRound => "registered_phone_round",
            RegisteredReferralCard => "registered_referral_card",
            RegisteredSelf => "registered_self",
            CallsMade => "calls_made",
        }
    }

    pub fn requests_of_kind(kind: &str) -> Option<Metric> {
        match kind {
            "emotional" => Some(Metric::RequestsEmotional),
            "companionship" => Some(Metric::RequestsCompanionship),
            "practical" => Some(Metric::RequestsPractical),
            _ => None,
        }
    }

    /// A referral's line: out of scope by the request's scope category, else the reason.
    pub fn referral(reason: &str, scope_category: &str) -> Option<Metric> {
        match (reason, scope_category) {
            ("out_of_scope", "structural") => Some(Metric::ReferralsStructural),
            ("out_of_scope", "heavy") => Some(Metric::ReferralsHeavy),
            ("out_of_scope", "personal_care") => Some(Metric::ReferralsPersonalCare),
            ("out_of_scope", _) => Some(Metric::ReferralsOutOfScopeOther),
            ("no_match", _) => Some(Metric::ReferralsNoMatch),
            ("coordinator_choice", _) => Some(Metric::ReferralsCoordinatorChoice),
            _ => None,
        }
    }

    pub fn unmet(status: crate::request::RequestStatus) -> Option<Metric> {
        use crate::request::RequestStatus;
        match status {
            RequestStatus::Open => Some(Metric::UnmetOpen),
            RequestStatus::Expired => Some(Metric::UnmetExpired),
            RequestStatus::ReferralNeeded => Some(Metric::UnmetReferralNeeded),
            _ => None,
        }
    }

    pub fn registered(channel: &str) -> Option<Metric> {
        match channel {
            "home_visit" => Some(Metric::RegisteredHomeVisit),
            "phone_round" => Some(Metric::RegisteredPhoneRound),
            "referral_card" => Some(Metric::RegisteredReferralCard),
            "self" => Some(Metric::RegisteredSelf),
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_step_and_range() {
        let m = Month::parse("2026-12").unwrap();
        assert_eq!(m.code(), "2026-12");
        assert_eq!(m.next().code(), "2027-01");
        assert_eq!(m.next().prev(), m);
        for bad in [
            "2026-13",
            "2026-00",
            "26-01",
            "2026-1",
            "x",
            "2026-01-01",
            "+026-01",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let r = Month::range(Month::parse("2025-11").unwrap(), Month::parse("2026-02").unwrap());
        let codes: Vec<String> = r.iter().map(|m| m.code()).collect();
        assert_eq!(codes, ["2025-11", "2025-12", "2026-01", "2026-02"]);
        assert!(Month::range(m, m.prev()).is_empty());
        assert_eq!(m.start().to_string(), "2026-12-01 00:00:00");
    }

    #[test]
    fn every_metric_is_in_exactly_one_section() {
        let mut seen = Vec::new();
        for s in Section::ALL {
            seen.extend(s.parts().iter().chain(s.extra()).copied());
        }
        let mut codes: Vec<&str> = seen.iter().map(|m| m.code()).collect();
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "a metric in two sections");
        assert_eq!(n, 21);
    }

    #[test]
    fn areas_round_trip() {
        for a in [Area::NoNeighbourhood, Area::Hood(NeighbourhoodId(12))] {
            assert_eq!(Area::parse(&a.code()), Some(a));
        }
        assert_eq!(Area::parse("0"), None);
        assert_eq!(Area::parse("-3"), None);
    }
}
