//! Timestamps as stored: UTC, without zone, to the microsecond (PostgreSQL's precision,
//! so a value read back equals the value written on both backends).

use chrono::{DateTime, NaiveDateTime, Timelike, Utc};

/// The current time, as stored.
pub fn now() -> NaiveDateTime {
    stored(Utc::now())
}

/// A moment as stored.
pub fn stored(at: DateTime<Utc>) -> NaiveDateTime {
    let t = at.naive_utc();
    let micros = t.nanosecond() / 1_000 * 1_000;
    t.with_nanosecond(micros).unwrap_or(t)
}

/// A stored timestamp as a UTC moment.
pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// The calendar month of a moment, `YYYY-MM` (the key of anonymised counts).
pub fn month(t: NaiveDateTime) -> String {
    t.format("%Y-%m").to_string()
}
