//! Exchanges: recorded acts of help or thanks between two neighbours. They feed the
//! reciprocity balance, which is used only to offer chances to give and to protect
//! people who give a lot; it is never shown as a debt.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{ExchangeId, MatchId, NeighbourId, OrgId};
use crate::schema::{exchanges, match_members, neighbours};
use crate::DbConnection;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use nabij_engine::reciprocity::{ExchangeKind, Ledger};
use nabij_engine::{Balance, ReciprocityConfig};
use std::collections::HashMap;

/// A row of `exchanges`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = exchanges)]
pub struct Exchange {
    pub id: ExchangeId,
    pub organisation_id: OrgId,
    pub from_id: NeighbourId,
    pub to_id: NeighbourId,
    /// `help` or `thanks`.
    pub kind: String,
    pub match_id: Option<MatchId>,
    pub at: NaiveDateTime,
}

impl Exchange {
    pub fn kind(&self) -> Result<ExchangeKind> {
        parse_kind(&self.kind).ok_or_else(|| StoreError::Corrupt("exchanges.kind".to_string()))
    }
}

pub fn kind_code(kind: ExchangeKind) -> &'static str {
    match kind {
        ExchangeKind::Help => "help",
        ExchangeKind::Thanks => "thanks",
    }
}

pub fn parse_kind(s: &str) -> Option<ExchangeKind> {
    match s {
        "help" => Some(ExchangeKind::Help),
        "thanks" => Some(ExchangeKind::Thanks),
        _ => None,
    }
}

/// What it takes to record an exchange.
#[derive(Debug, Clone)]
pub struct NewExchange {
    pub from_id: NeighbourId,
    pub to_id: NeighbourId,
    pub kind: ExchangeKind,
    /// The match it happened in, if any; both neighbours must be members of it.
    pub match_id: Option<MatchId>,
    /// When it happened; now if not given. Not more than a day ahead.
    pub at: Option<NaiveDateTime>,
}

#[derive(Insertable)]
#[diesel(table_name = exchanges)]
struct ExchangeInsert {
    organisation_id: OrgId,
    from_id: NeighbourId,
    to_id: NeighbourId,
    kind: &'static str,
    match_id: Option<MatchId>,
    at: NaiveDateTime,
}

pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewExchange) -> Result<Exchange> {
    if form.from_id == form.to_id {
        return Err(StoreError::invalid("from_id and to_id must differ"));
    }
    let now = clock::now();
    let at = form.at.unwrap_or(now);
    if at > now + chrono::Duration::days(1) {
        return Err(StoreError::invalid("at lies in the future"));
    }
    let known: i64 = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::id.eq_any([form.from_id, form.to_id]))
        .filter(neighbours::erased_at.is_null())
        .count()
        .get_result(conn)?;
    if known != 2 {
        return Err(StoreError::NotFound);
    }
    if let Some(m) = form.match_id {
        crate::matching::get(conn, org, m)?;
        let members: i64 = match_members::table
            .filter(match_members::organisation_id.eq(org))
            .filter(match_members::match_id.eq(m))
            .filter(match_members::neighbour_id.eq_any([form.from_id, form.to_id]))
            .count()
            .get_result(conn)?;
        if members != 2 {
            return Err(StoreError::invalid("both neighbours must be part of the match"));
        }
    }
    let row = ExchangeInsert {
        organisation_id: org,
        from_id: form.from_id,
        to_id: form.to_id,
        kind: kind_code(form.kind),
        match_id: form.match_id,
        at,
    };
    let created = diesel::insert_into(exchanges::table)
        .values(&row)
        .returning(exchanges::all_columns)
        .get_result(conn)?;
    // Balances (and so the index) change.
    crate::index_log::record(conn, org, &[form.from_id, form.to_id])?;
    Ok(created)
}

/// Every exchange one neighbour took part in, oldest first.
pub fn list_for(conn: &mut DbConnection, org: OrgId, neighbour: NeighbourId) -> Result<Vec<Exchange>> {
    Ok(exchanges::table
        .filter(exchanges::organisation_id.eq(org))
        .filter(
            exchanges::from_id
                .eq(neighbour)
                .or(exchanges::to_id.eq(neighbour)),
        )
        .order((exchanges::at, exchanges::id))
        .select(Exchange::as_select())
        .load(conn)?)
}

type Event = (NeighbourId, NeighbourId, String, NaiveDateTime);

fn fold(
    events: Vec<Event>,
    cfg: &ReciprocityConfig,
    now: DateTime<Utc>,
) -> Result<HashMap<NeighbourId, Balance>> {
    let mut ledgers: HashMap<NeighbourId, Ledger> = HashMap::new();
    for (from, to, kind, at) in events {
        let Some(kind) = parse_kind(&kind) else { continue };
        let at = clock::utc(at);
        for (who, gave) in [(from, true), (to, false)] {
            ledgers
                .entry(who)
                .or_insert_with(|| Ledger::new(now))
                .record(gave, kind, at, cfg)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        }
    }
    Ok(ledgers
        .into_iter()
        .map(|(id, l)| (id, l.balance_at(now, cfg)))
        .collect())
}

/// Time-decayed balances of everybody in an organisation who took part in an exchange.
pub fn balances(
    conn: &mut DbConnection,
    org: OrgId,
    cfg: &ReciprocityConfig,
    now: DateTime<Utc>,
) -> Result<HashMap<NeighbourId, Balance>> {
    let events: Vec<Event> = exchanges::table
        .filter(exchanges::organisation_id.eq(org))
        .select((
            exchanges::from_id,
            exchanges::to_id,
            exchanges::kind,
            exchanges::at,
        ))
        .load(conn)?;
    fold(events, cfg, now)
}

/// The balance of one neighbour.
pub fn balance_of(
    conn: &mut DbConnection,
    org: OrgId,
    neighbour: NeighbourId,
    cfg: &ReciprocityConfig,
    now: DateTime<Utc>,
) -> Result<Balance> {
    let events: Vec<Event> = exchanges::table
        .filter(exchanges::organisation_id.eq(org))
        .filter(
            exchanges::from_id
                .eq(neighbour)
                .or(exchanges::to_id.eq(neighbour)),
        )
        .select((
            exchanges::from_id,
            exchanges::to_id,
            exchanges::kind,
            exchanges::at,
        ))
        .load(conn)?;
    Ok(fold(events, cfg, now)?.remove(&neighbour).unwrap_or_default())
}
