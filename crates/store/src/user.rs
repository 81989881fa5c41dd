//! Coordinator and admin accounts. Roles live here and on tokens, never on neighbours.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{NeighbourhoodId, OrgId, UserId};
use crate::json_text;
use crate::schema::users;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Admin,
    Coordinator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Coordinator => "coordinator",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "admin" => Some(Role::Admin),
            "coordinator" => Some(Role::Coordinator),
            _ => None,
        }
    }
}

/// A row of `users`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: UserId,
    pub organisation_id: OrgId,
    /// Lowercase; unique over all organisations (it is the login name).
    pub email: String,
    /// An argon2id PHC string.
    pub password_hash: String,
    pub role: String,
    /// JSON list of neighbourhood ids; `None` means not limited.
    pub neighbourhood_ids: Option<String>,
    pub created_at: NaiveDateTime,
    /// Set when the account is disabled: no login, no session, no token.
    pub disabled_at: Option<NaiveDateTime>,
    /// Raised by [`end_sessions`]; a staff API token carries the epoch it was issued
    /// under and is refused once the account's epoch has moved on.
    pub session_epoch: i64,
}

impl User {
    pub fn role(&self) -> Result<Role> {
        Role::parse(&self.role).ok_or_else(|| StoreError::Corrupt("users.role".to_string()))
    }

    /// The neighbourhoods this account is limited to; `None` when not limited.
    pub fn neighbourhoods(&self) -> Result<Option<Vec<NeighbourhoodId>>> {
        self.neighbourhood_ids
            .as_deref()
            .map(|t| json_text::decode(t, "users.neighbourhood_ids"))
            .transpose()
    }
}

/// What it takes to create an account. The password arrives already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub password_hash: String,
    pub role: Role,
    pub neighbourhood_ids: Option<Vec<NeighbourhoodId>>,
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct UserInsert<'a> {
    organisation_id: OrgId,
    email: String,
    password_hash: &'a str,
    role: &'static str,
    neighbourhood_ids: Option<String>,
    created_at: NaiveDateTime,
}

/// Normalises an e-mail address for lookups.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewUser) -> Result<User> {
    let email = normalise_email(&form.email);
    if email.len() > 254 || !email.contains('@') {
        return Err(StoreError::invalid("email is not an e-mail address"));
    }
    if !form.password_hash.starts_with("$argon2id$") {
        return Err(StoreError::invalid(
            "password_hash must be an argon2id PHC string",
        ));
    }
    if let Some(ids) = &form.neighbourhood_ids {
        for id in ids {
            crate::neighbourhood::get(conn, org, *id)?;
        }
    }
    let row = UserInsert {
        organisation_id: org,
        email,
        password_hash: &form.password_hash,
        role: form.role.as_str(),
        neighbourhood_ids: form
            .neighbourhood_ids
            .as_ref()
            .map(json_text::encode)
            .transpose()?,
        created_at: clock::now(),
    };
    Ok(diesel::insert_into(users::table)
        .values(&row)
        .returning(users::all_columns)
        .get_result(conn)?)
}

/// Looks an account up by its login e-mail, over all organisations (login comes before
/// the organisation is known).
pub fn by_email(conn: &mut DbConnection, email: &str) -> Result<User> {
    // No stored address holds a NUL, and PostgreSQL refuses one even in a query.
    if email.contains('\0') {
        return Err(StoreError::NotFound);
    }
    Ok(users::table
        .filter(users::email.eq(normalise_email(email)))
        .select(User::as_select())
        .first(conn)?)
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: UserId) -> Result<User> {
    Ok(users::table
        .filter(users::organisation_id.eq(org))
        .filter(users::id.eq(id))
        .select(User::as_select())
        .first(conn)?)
}

pub fn list(conn: &mut DbConnection, org: OrgId) -> Result<Vec<User>> {
    Ok(users::table
        .filter(users::organisation_id.eq(org))
        .order(users::id)
        .select(User::as_select())
        .load(conn)?)
}

pub fn set_password_hash(conn: &mut DbConnection, org: OrgId, id: UserId, hash: &str) -> Result<()> {
    if !hash.starts_with("$argon2id$") {
        return Err(StoreError::invalid(
            "password_hash must be an argon2id PHC string",
        ));
    }
    let n = diesel::update(
        users::table
            .filter(users::organisation_id.eq(org))
            .filter(users::id.eq(id)),
    )
    .set(users::password_hash.eq(hash))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// "Log out everywhere": deletes the account's console sessions and raises its
/// `session_epoch`, so that every API token issued before is refused from the next
/// request on. Called by [`set_password`] and [`disable`] too.
pub fn end_sessions(conn: &mut DbConnection, org: OrgId, id: UserId) -> Result<()> {
    let n = diesel::update(
        users::table
            .filter(users::organisation_id.eq(org))
            .filter(users::id.eq(id)),
    )
    .set(users::session_epoch.eq(users::session_epoch + 1))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    crate::console_session::delete_for_user(conn, id)?;
    Ok(())
}

/// A password change: the new hash, and every session and token of the account ended.
pub fn set_password(conn: &mut DbConnection, org: OrgId, id: UserId, hash: &str) -> Result<()> {
    set_password_hash(conn, org, id, hash)?;
    end_sessions(conn, org, id)
}

/// Disables an account (idempotent): no more logins, and every session and token of it
/// ended at once.
pub fn disable(conn: &mut DbConnection, org: OrgId, id: UserId) -> Result<()> {
    let n = diesel::update(
        users::table
            .filter(users::organisation_id.eq(org))
            .filter(users::id.eq(id))
            .filter(users::disabled_at.is_null()),
    )
    .set(users::disabled_at.eq(clock::now()))
    .execute(conn)?;
    if n == 0 {
        // Unknown here, or disabled before.
        get(conn, org, id)?;
    }
    end_sessions(conn, org, id)
}

/// Enables a disabled account again (its old sessions and tokens stay ended).
pub fn enable(conn: &mut DbConnection, org: OrgId, id: UserId) -> Result<()> {
    let n = diesel::update(
        users::table
            .filter(users::organisation_id.eq(org))
            .filter(users::id.eq(id)),
    )
    .set(users::disabled_at.eq(None::<NaiveDateTime>))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// What a staff token's check needs on every request, in one read by primary key:
/// the account's current epoch, `None` when it is unknown in `org` or disabled.
pub fn token_epoch(conn: &mut DbConnection, org: OrgId, id: UserId) -> Result<Option<i64>> {
    Ok(users::table
        .filter(users::id.eq(id))
        .filter(users::organisation_id.eq(org))
        .filter(users::disabled_at.is_null())
        .select(users::session_epoch)
        .first::<i64>(conn)
        .optional()?)
}
