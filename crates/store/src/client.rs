//! Partner apps (OAuth2 client credentials).

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{ClientId, OrgId};
use crate::schema::clients;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A row of `clients`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = clients)]
pub struct Client {
    pub id: ClientId,
    pub organisation_id: OrgId,
    /// The public OAuth `client_id`; unique over all organisations.
    pub client_id: String,
    /// An argon2id PHC string of the secret.
    pub secret_hash: String,
    /// Space-separated scopes, e.g. `neighbours:write requests:write`.
    pub scopes: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

impl Client {
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.scopes.split_whitespace()
    }

    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes().any(|s| s == scope)
    }
}

/// What it takes to register a partner app. The secret arrives already hashed.
#[derive(Debug, Clone)]
pub struct NewClient {
    pub client_id: String,
    pub secret_hash: String,
    pub scopes: Vec<String>,
    pub name: String,
}

#[derive(Insertable)]
#[diesel(table_name = clients)]
struct ClientInsert<'a> {
    organisation_id: OrgId,
    client_id: &'a str,
    secret_hash: &'a str,
    scopes: String,
    name: &'a str,
    created_at: NaiveDateTime,
}

pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewClient) -> Result<Client> {
    let ok_id = |s: &str| {
        !s.is_empty()
            && s.len() <= 128
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    };
    if !ok_id(&form.client_id) {
        return Err(StoreError::invalid(
            "client_id must be 1 to 128 of A-Z a-z 0-9 - _ .",
        ));
    }
    if !form.secret_hash.starts_with("$argon2id$") {
        return Err(StoreError::invalid("secret_hash must be an argon2id PHC string"));
    }
    if form
        .scopes
        .iter()
        .any(|s| s.is_empty() || s.contains(char::is_whitespace))
    {
        return Err(StoreError::invalid("scopes must be single words"));
    }
    let row = ClientInsert {
        organisation_id: org,
        client_id: &form.client_id,
        secret_hash: &form.secret_hash,
        scopes: form.scopes.join(" "),
        name: form.name.trim(),
        created_at: clock::now(),
    };
    Ok(diesel::insert_into(clients::table)
        .values(&row)
        .returning(clients::all_columns)
        .get_result(conn)?)
}

/// Looks a partner app up by its OAuth `client_id`, over all organisations.
pub fn by_client_id(conn: &mut DbConnection, client_id: &str) -> Result<Client> {
    // No stored id holds a NUL, and PostgreSQL refuses one even in a query.
    if client_id.contains('\0') {
        return Err(StoreError::NotFound);
    }
    Ok(clients::table
        .filter(clients::client_id.eq(client_id))
        .select(Client::as_select())
        .first(conn)?)
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: ClientId) -> Result<Client> {
    Ok(clients::table
        .filter(clients::organisation_id.eq(org))
        .filter(clients::id.eq(id))
        .select(Client::as_select())
        .first(conn)?)
}

pub fn list(conn: &mut DbConnection, org: OrgId) -> Result<Vec<Client>> {
    Ok(clients::table
        .filter(clients::organisation_id.eq(org))
        .order(clients::id)
        .select(Client::as_select())
        .load(conn)?)
}
