//! Console sessions, kept on the server so that they can end: the browser's cookie holds
//! a random id, this table only its SHA-256 (`id_hash`, hashed by the caller), so a copy
//! of the database opens no session. A session ends after an idle time without a
//! request, at its absolute expiry, at logout, and at once for every session of an
//! account when it is disabled, its password changes or it is logged out everywhere
//! ([`crate::user::end_sessions`]).

use crate::clock;
use crate::error::Result;
use crate::ids::{OrgId, UserId};
use crate::schema::{console_sessions, organisations, users};
use crate::user::User;
use crate::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// `last_seen_at` is written at most this often (a page view is then a read, not a
/// write, most of the time); the idle timeout is exact to within this.
pub const TOUCH_EVERY: Duration = Duration::seconds(60);

#[derive(Insertable)]
#[diesel(table_name = console_sessions)]
struct SessionInsert<'a> {
    id_hash: &'a str,
    user_id: UserId,
    organisation_id: OrgId,
    created_at: NaiveDateTime,
    last_seen_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

/// A live session: its account (enabled) and the organisation's slug.
#[derive(Debug, Clone)]
pub struct Live {
    pub user: User,
    pub org_slug: String,
    /// Whether `last_seen_at` is older than [`TOUCH_EVERY`] (call [`touch`]).
    pub stale: bool,
}

/// Starts a session for `user`, ending at the latest after `lifetime`. Also removes
/// the sessions that expired (the table stays small).
pub fn create(
    conn: &mut DbConnection,
    user: UserId,
    org: OrgId,
    id_hash: &str,
    lifetime: Duration,
) -> Result<()> {
    let now = clock::now();
    diesel::delete(console_sessions::table.filter(console_sessions::expires_at.lt(now))).execute(conn)?;
    diesel::insert_into(console_sessions::table)
        .values(&SessionInsert {
            id_hash,
            user_id: user,
            organisation_id: org,
            created_at: now,
            last_seen_at: now,
            expires_at: now + lifetime,
        })
        .execute(conn)?;
    Ok(())
}

/// The session with this id hash if it is live: not past its expiry, seen within
/// `idle`, its account enabled. One read by primary key (joined with the account and
/// its organisation); nothing is written (see [`touch`]).
pub fn live(conn: &mut DbConnection, id_hash: &str, idle: Duration) -> Result<Option<Live>> {
    let now = clock::now();
    let found = console_sessions::table
        .inner_join(users::table.inner_join(organisations::table))
        .filter(console_sessions::id_hash.eq(id_hash))
        .filter(console_sessions::expires_at.gt(now))
        .filter(console_sessions::last_seen_at.gt(now - idle))
        .filter(users::disabled_at.is_null())
        .filter(users::organisation_id.eq(console_sessions::organisation_id))
        .select((
            console_sessions::last_seen_at,
            User::as_select(),
            organisations::slug,
        ))
        .first::<(NaiveDateTime, User, String)>(conn)
        .optional()?;
    let Some((last_seen, user, org_slug)) = found else {
        return Ok(None);
    };
    Ok(Some(Live {
        user,
        org_slug,
        stale: now - last_seen > TOUCH_EVERY,
    }))
}

/// Moves a session's `last_seen_at` to now (the sliding idle timeout).
pub fn touch(conn: &mut DbConnection, id_hash: &str) -> Result<()> {
    diesel::update(console_sessions::table.filter(console_sessions::id_hash.eq(id_hash)))
        .set(console_sessions::last_seen_at.eq(clock::now()))
        .execute(conn)?;
    Ok(())
}

/// Ends one session (logout). Unknown ids are fine: the session is gone either way.
pub fn delete(conn: &mut DbConnection, id_hash: &str) -> Result<()> {
    diesel::delete(console_sessions::table.filter(console_sessions::id_hash.eq(id_hash))).execute(conn)?;
    Ok(())
}

/// Ends every session of an account.
pub fn delete_for_user(conn: &mut DbConnection, user: UserId) -> Result<()> {
    diesel::delete(console_sessions::table.filter(console_sessions::user_id.eq(user))).execute(conn)?;
    Ok(())
}

/// How many live-or-not session rows an account has (for tests and operators).
pub fn count_for_user(conn: &mut DbConnection, user: UserId) -> Result<i64> {
    Ok(console_sessions::table
        .filter(console_sessions::user_id.eq(user))
        .count()
        .get_result(conn)?)
}
