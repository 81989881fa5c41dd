//! Weekly availability and request windows, as a 21-bit mask (7 days × 3 day parts).

use crate::error::EngineError;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A part of the day, the grain at which people say when they are free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayPart {
    /// Until noon.
    Morning,
    /// Noon until about 17:00.
    Afternoon,
    /// From about 17:00.
    Evening,
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Morning, DayPart::Afternoon, DayPart::Evening];

    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
        }
    }
}

/// The availability component of someone whose availability is unknown: half of someone
/// known to be free at every requested time, so a person who said when they are free and
/// fits ranks above one nobody has asked, all else equal.
pub const UNKNOWN_AVAILABILITY: f64 = 0.5;

/// Day codes, Monday first.
pub const DAY_CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Weekly slots as a bitmask: bit `day * 3 + part`, Monday = day 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct WeeklySlots(pub u32);

impl WeeklySlots {
    pub const NONE: WeeklySlots = WeeklySlots(0);
    pub const ALL: WeeklySlots = WeeklySlots((1 << 21) - 1);
    /// The bit above the week that marks an availability nobody has asked yet.
    pub const UNKNOWN_BIT: u32 = 1 << 21;
    /// Availability not known ("any time, to be asked"), e.g. for people imported from a
    /// spreadsheet that did not say: every slot passes the hard filter, so they can be
    /// proposed, but the availability component counts [`UNKNOWN_AVAILABILITY`] and the
    /// reason says to ask. Distinct from [`WeeklySlots::NONE`] ("never").
    pub const UNKNOWN: WeeklySlots = WeeklySlots(Self::ALL.0 | Self::UNKNOWN_BIT);

    /// Whether this is the unknown availability ([`WeeklySlots::UNKNOWN`]).
    pub fn is_unknown(self) -> bool {
        self.0 & Self::UNKNOWN_BIT != 0
    }

    pub fn slot(day: usize, part: DayPart) -> Self {
        if day >= 7 {
            return Self::NONE;
        }
        WeeklySlots(1 << (day * 3 + part as usize))
    }

    /// Parses `"tue-afternoon"` style codes.
    pub fn parse_code(code: &str) -> Result<Self, EngineError> {
        let (d, p) = code
            .split_once(['-', ':', ' '])
            .ok_or_else(|| EngineError::UnknownDayPart(code.chars().take(24).collect()))?;
        Self::parse_parts(d, p)
    }

    /// Parses a day code and a part code.
    pub fn parse_parts(day: &str, part: &str) -> Result<Self, EngineError> {
        let bad = || EngineError::UnknownDayPart(format!("{day}-{part}").chars().take(24).collect());
        let d = DAY_CODES
            .iter()
            .position(|c| c.eq_ignore_ascii_case(day.trim()))
            .ok_or_else(bad)?;
        let p = DayPart::ALL
            .into_iter()
            .find(|x| x.code().eq_ignore_ascii_case(part.trim()))
            .ok_or_else(bad)?;
        Ok(Self::slot(d, p))
    }

    pub fn union(self, other: Self) -> Self {
        WeeklySlots(self.0 | other.0)
    }

    pub fn intersect(self, other: Self) -> Self {
        WeeklySlots(self.0 & other.0)
    }

    pub fn count(self) -> u32 {
        (self.0 & Self::ALL.0).count_ones()
    }

    pub fn is_empty(self) -> bool {
        self.0 & Self::ALL.0 == 0
    }

    /// Codes such as `"tue-afternoon"`, Monday morning first.
    pub fn codes(self) -> Vec<String> {
        let mut out = Vec::new();
        for (d, day) in DAY_CODES.iter().enumerate() {
            for p in DayPart::ALL {
                if self.0 & Self::slot(d, p).0 != 0 {
                    out.push(format!("{day}-{}", p.code()));
                }
            }
        }
        out
    }
}

impl Serialize for WeeklySlots {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.codes().serialize(s)
    }
}

impl<'de> Deserialize<'de> for WeeklySlots {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let codes = Vec::<String>::deserialize(d)?;
        codes.iter().try_fold(WeeklySlots::NONE, |acc, c| {
            WeeklySlots::parse_code(c)
                .map(|s| acc.union(s))
                .map_err(serde::de::Error::custom)
        })
    }
}

/// When a request would take place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Window {
    /// Once, on a date, in one or more parts of that day.
    Once { date: NaiveDate, parts: Vec<DayPart> },
    /// Every week, in any of these slots.
    Weekly { slots: WeeklySlots },
    /// Whenever suits both.
    Flexible,
}

impl Window {
    /// The weekly slots the window falls in.
    pub fn slots(&self) -> WeeklySlots {
        match self {
            Window::Once { date, parts } => {
                let day = date.weekday().num_days_from_monday() as usize;
                let parts: &[DayPart] = if parts.is_empty() { &DayPart::ALL } else { parts };
                parts
                    .iter()
                    .fold(WeeklySlots::NONE, |acc, p| acc.union(WeeklySlots::slot(day, *p)))
            }
            Window::Weekly { slots } if !slots.is_empty() => *slots,
            Window::Weekly { .. } | Window::Flexible => WeeklySlots::ALL,
        }
    }

    pub fn is_recurring(&self) -> bool {
        matches!(self, Window::Weekly { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn once_window_maps_to_its_weekday() {
        // 2026-12-01 is a Tuesday.
        let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let w = Window::Once {
            date,
            parts: vec![DayPart::Afternoon],
        };
        assert_eq!(w.slots().codes(), vec!["tue-afternoon".to_string()]);
    }

    #[test]
    fn codes_round_trip() {
        let s = WeeklySlots::parse_code("sun-evening")
            .unwrap_or_default()
            .union(WeeklySlots::slot(0, DayPart::Morning));
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert_eq!(json, r#"["mon-morning","sun-evening"]"#);
        let back: WeeklySlots = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, s);
        assert!(WeeklySlots::parse_code("someday-morning").is_err());
        assert!(serde_json::from_str::<WeeklySlots>(r#"["mon-noon"]"#).is_err());
    }

    #[test]
    fn unknown_is_not_never() {
        assert!(WeeklySlots::UNKNOWN.is_unknown());
        assert!(!WeeklySlots::ALL.is_unknown());
        assert!(!WeeklySlots::UNKNOWN.is_empty());
        assert_eq!(WeeklySlots::UNKNOWN.count(), 21);
        assert!(WeeklySlots::NONE.is_empty());
    }
}
