//! Which notification events were told (`notification_events`): each event — a kind and
//! its subject, e.g. `match_proposed` of match 12 — is told once per organisation.

use crate::clock;
use crate::error::Result;
use crate::ids::OrgId;
use crate::schema::notification_events;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashSet;

#[derive(Insertable)]
#[diesel(table_name = notification_events)]
struct EventRow<'a> {
    organisation_id: OrgId,
    kind: &'a str,
    subject_id: i64,
    created_at: NaiveDateTime,
}

/// Records that an event is being told; `false` if it was told before (its row exists).
pub fn first_telling(conn: &mut DbConnection, org: OrgId, kind: &str, subject_id: i64) -> Result<bool> {
    let row = EventRow {
        organisation_id: org,
        kind,
        subject_id,
        created_at: clock::now(),
    };
    let n = crate::per_backend!(conn, |c| diesel::insert_into(notification_events::table)
        .values(&row)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(n == 1)
}

/// Whether an event was told.
pub fn was_told(conn: &mut DbConnection, org: OrgId, kind: &str, subject_id: i64) -> Result<bool> {
    let n: i64 = notification_events::table
        .filter(notification_events::organisation_id.eq(org))
        .filter(notification_events::kind.eq(kind))
        .filter(notification_events::subject_id.eq(subject_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Which of these subjects' events of `kind` were told (in chunks of 500 ids).
pub fn told_among(conn: &mut DbConnection, org: OrgId, kind: &str, subjects: &[i64]) -> Result<HashSet<i64>> {
    let mut told = HashSet::new();
    for chunk in subjects.chunks(500) {
        told.extend(
            notification_events::table
                .filter(notification_events::organisation_id.eq(org))
                .filter(notification_events::kind.eq(kind))
                .filter(notification_events::subject_id.eq_any(chunk))
                .select(notification_events::subject_id)
                .load::<i64>(conn)?,
        );
    }
    Ok(told)
}
