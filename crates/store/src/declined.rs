//! Pairs of neighbours where one declined a proposal with the other. Such pairs are not
//! proposed again; declining carries no reason and no other consequence.

use crate::clock;
use crate::error::Result;
use crate::ids::{NeighbourId, OrgId};
use crate::schema::declined_pairs;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Insertable)]
#[diesel(table_name = declined_pairs)]
struct PairInsert {
    organisation_id: OrgId,
    a_id: NeighbourId,
    b_id: NeighbourId,
    at: NaiveDateTime,
}

/// Records that `x` and `y` declined each other (order does not matter; idempotent).
pub fn record(conn: &mut DbConnection, org: OrgId, x: NeighbourId, y: NeighbourId) -> Result<()> {
    if x == y {
        return Ok(());
    }
    let row = PairInsert {
        organisation_id: org,
        a_id: x.min(y),
        b_id: x.max(y),
        at: clock::now(),
    };
    crate::per_backend!(conn, |c| diesel::insert_into(declined_pairs::table)
        .values(&row)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(())
}

/// Everybody `n` declined or was declined by.
pub fn partners(conn: &mut DbConnection, org: OrgId, n: NeighbourId) -> Result<Vec<NeighbourId>> {
    let pairs: Vec<(NeighbourId, NeighbourId)> = declined_pairs::table
        .filter(declined_pairs::organisation_id.eq(org))
        .filter(declined_pairs::a_id.eq(n).or(declined_pairs::b_id.eq(n)))
        .select((declined_pairs::a_id, declined_pairs::b_id))
        .load(conn)?;
    let mut out: Vec<NeighbourId> = pairs
        .into_iter()
        .map(|(a, b)| if a == n { b } else { a })
        .collect();
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Whether `x` and `y` declined each other before.
pub fn exists(conn: &mut DbConnection, org: OrgId, x: NeighbourId, y: NeighbourId) -> Result<bool> {
    let n: i64 = declined_pairs::table
        .filter(declined_pairs::organisation_id.eq(org))
        .filter(declined_pairs::a_id.eq(x.min(y)))
        .filter(declined_pairs::b_id.eq(x.max(y)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
