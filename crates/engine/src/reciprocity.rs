//! Reciprocity without tit-for-tat.
//!
//! Per neighbour the engine keeps two time-decayed sums: help given and help received.
//! Thanks count too, with a smaller weight (a coffee after garden help *is* reciprocity).
//! The sums are used only to offer chances to give to people who have mostly received,
//! and to protect people who give a lot. They never lower the priority of anybody's own
//! request, and are never shown to a neighbour as a balance or a debt.

use crate::error::EngineError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What an exchange was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExchangeKind {
    Help,
    Thanks,
}

/// Settings of the reciprocity ledger.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReciprocityConfig {
    /// After this many days an exchange counts half. Default 180.
    pub half_life_days: f64,
    /// How much a thank-you counts compared with an act of help. Default 0.3.
    pub thanks_weight: f64,
}

impl Default for ReciprocityConfig {
    fn default() -> Self {
        Self {
            half_life_days: 180.0,
            thanks_weight: 0.3,
        }
    }
}

impl ReciprocityConfig {
    pub fn validate(&self) -> Result<(), EngineError> {
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Err(EngineError::InvalidHalfLife(self.half_life_days));
        }
        if !(self.thanks_weight.is_finite() && (0.0..=1.0).contains(&self.thanks_weight)) {
            return Err(EngineError::InvalidWeight {
                name: "thanks_weight",
                value: self.thanks_weight,
            });
        }
        Ok(())
    }

    pub fn weight_of(&self, kind: ExchangeKind) -> f64 {
        match kind {
            ExchangeKind::Help => 1.0,
            ExchangeKind::Thanks => self.thanks_weight,
        }
    }
}

/// An exponentially decaying sum: `value` as of `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DecayedSum {
    pub value: f64,
    pub as_of: DateTime<Utc>,
}

impl DecayedSum {
    pub fn zero(at: DateTime<Utc>) -> Self {
        Self {
            value: 0.0,
            as_of: at,
        }
    }

    /// The value at another moment (never grows going forward).
    pub fn value_at(&self, at: DateTime<Utc>, half_life_days: f64) -> f64 {
        let days = (at - self.as_of).num_seconds() as f64 / 86_400.0;
        if days <= 0.0 {
            return self.value;
        }
        self.value * 0.5f64.powf(days / half_life_days)
    }

    /// Adds `amount` at moment `at`. Events may arrive out of order: an older event is
    /// decayed to the current `as_of`.
    pub fn add(&mut self, amount: f64, at: DateTime<Utc>, half_life_days: f64) -> Result<(), EngineError> {
        if !amount.is_finite() || amount < 0.0 {
            return Err(EngineError::InvalidAmount(amount));
        }
        if at >= self.as_of {
            self.value = self.value_at(at, half_life_days) + amount;
            self.as_of = at;
        } else {
            let back = DecayedSum {
                value: amount,
                as_of: at,
            };
            self.value += back.value_at(self.as_of, half_life_days);
        }
        Ok(())
    }
}

/// A neighbour's decayed help given and received, as of one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    pub given: f64,
    pub received: f64,
}

impl Balance {
    pub fn validate(&self) -> Result<(), EngineError> {
        for v in [self.given, self.received] {
            if !v.is_finite() || v < 0.0 {
                return Err(EngineError::InvalidAmount(v));
            }
        }
        Ok(())
    }

    /// The chance-to-give component in [0, 1]: high for people who have mostly received
    /// or had few chances to help yet, low for people who already give a lot.
    /// Laplace-smoothed share of received, so a newcomer sits at 0.5.
    pub fn chance_to_give(&self) -> f64 {
        ((self.received + 1.0) / (self.given + self.received + 2.0)).clamp(0.0, 1.0)
    }

    /// Protection of people who give a lot: 1 for someone who gave little recently,
    /// falling towards 0 as recent help given grows (half at 6 acts within a half-life).
    pub fn protection(&self) -> f64 {
        1.0 / (1.0 + self.given / 6.0)
    }
}

/// Builds a neighbour's balance from their exchanges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ledger {
    pub given: DecayedSum,
    pub received: DecayedSum,
}

impl Ledger {
    pub fn new(at: DateTime<Utc>) -> Self {
        Self {
            given: DecayedSum::zero(at),
            received: DecayedSum::zero(at),
        }
    }

    /// Records an exchange in which this neighbour gave (`gave = true`) or received.
    pub fn record(
        &mut self,
        gave: bool,
        kind: ExchangeKind,
        at: DateTime<Utc>,
        cfg: &ReciprocityConfig,
    ) -> Result<(), EngineError> {
        let w = cfg.weight_of(kind);
        if gave {
            self.given.add(w, at, cfg.half_life_days)
        } else {
            self.received.add(w, at, cfg.half_life_days)
        }
    }

    pub fn balance_at(&self, at: DateTime<Utc>, cfg: &ReciprocityConfig) -> Balance {
        Balance {
            given: self.given.value_at(at, cfg.half_life_days),
            received: self.received.value_at(at, cfg.half_life_days),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn halves_after_one_half_life() {
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let mut s = DecayedSum::zero(t0);
        assert!(s.add(2.0, t0, 180.0).is_ok());
        let v = s.value_at(t0 + Duration::days(180), 180.0);
        assert!((v - 1.0).abs() < 1e-9, "{v}");
        assert!(s.add(f64::NAN, t0, 180.0).is_err());
        assert!(s.add(-1.0, t0, 180.0).is_err());
    }

    #[test]
    fn order_of_events_does_not_matter() {
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let t1 = t0 + Duration::days(30);
        let mut a = DecayedSum::zero(t0);
        let mut b = DecayedSum::zero(t0);
        assert!(a.add(1.0, t0, 180.0).and(a.add(1.0, t1, 180.0)).is_ok());
        assert!(b.add(1.0, t1, 180.0).and(b.add(1.0, t0, 180.0)).is_ok());
        assert!((a.value_at(t1, 180.0) - b.value_at(t1, 180.0)).abs() < 1e-12);
    }

    #[test]
    fn thanks_count_less_than_help_and_chances_go_to_people_who_mostly_received() {
        let cfg = ReciprocityConfig::default();
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let mut l = Ledger::new(t0);
        assert!(l.record(false, ExchangeKind::Help, t0, &cfg).is_ok());
        assert!(l.record(true, ExchangeKind::Thanks, t0, &cfg).is_ok());
        let b = l.balance_at(t0, &cfg);
        assert!((b.received - 1.0).abs() < 1e-12 && (b.given - 0.3).abs() < 1e-12);
        let newcomer = Balance::default();
        let mostly_received = Balance {
            given: 0.0,
            received: 4.0,
        };
        let gives_a_lot = Balance {
            given: 12.0,
            received: 1.0,
        };
        assert!(mostly_received.chance_to_give() > newcomer.chance_to_give());
        assert!(newcomer.chance_to_give() > gives_a_lot.chance_to_give());
        assert!(gives_a_lot.protection() < newcomer.protection());
    }
}
