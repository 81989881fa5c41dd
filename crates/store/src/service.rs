//! The service directory ("sociale kaart"): professional services requests are referred
//! to when they are out of scope or find no match.
//!
//! A service taken off the directory ([`remove`]) stays as a row, so that referrals made
//! to it keep pointing at it; from then on it is not found, listed, suggested or
//! offered for a new referral ([`get_any`] still reads it, for history).

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{OrgId, ServiceId};
use crate::json_text;
use crate::rules;
use crate::schema::services;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A row of `services`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = services)]
pub struct Service {
    pub id: ServiceId,
    pub organisation_id: OrgId,
    pub name: String,
    pub description: String,
    /// JSON list of category codes (e.g. `personal_care`, `structural`, `heavy`).
    pub categories: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub area: Option<String>,
    pub created_at: NaiveDateTime,
    /// When it was taken off the directory.
    pub removed_at: Option<NaiveDateTime>,
}

impl Service {
    pub fn categories(&self) -> Result<Vec<String>> {
        json_text::codes(&self.categories, "services.categories")
    }
    pub fn is_removed(&self) -> bool {
        self.removed_at.is_some()
    }
}

/// What it takes to add a service.
#[derive(Debug, Clone, Default)]
pub struct NewService {
    pub name: String,
    pub description: String,
    pub categories: Vec<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub area: Option<String>,
}

/// A partial change; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ServiceUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub categories: Option<Vec<String>>,
    pub phone: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub area: Option<Option<String>>,
}

#[derive(Insertable)]
#[diesel(table_name = services)]
struct ServiceInsert {
    organisation_id: OrgId,
    name: String,
    description: String,
    categories: String,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    area: Option<String>,
    created_at: NaiveDateTime,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = services)]
struct ServiceChanges {
    name: Option<String>,
    description: Option<String>,
    categories: Option<String>,
    phone: Option<Option<String>>,
    email: Option<Option<String>>,
    website: Option<Option<String>>,
    area: Option<Option<String>>,
}

fn text(v: &str, field: &str, max: usize) -> Result<String> {
    rules::text(v, max).map_err(|e| StoreError::invalid(e.message(field)))
}

fn opt(v: &Option<String>, field: &str, max: usize) -> Result<Option<String>> {
    let r = match field {
        "phone" => rules::service_phone(v.as_deref()),
        "email" => rules::email(v.as_deref()),
        "website" => rules::website(v.as_deref()),
        _ => v
            .as_deref()
            .map(|s| rules::line(s, max))
            .transpose()
            .map(|s| s.filter(|s| !s.is_empty())),
    };
    r.map_err(|e| StoreError::invalid(e.message(field)))
}

/// A category code: 1–64 of `a-z`, `0-9`, `_`, `-`.
pub fn valid_category(c: &str) -> bool {
    !c.is_empty()
        && c.len() <= 64
        && c.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Longest service name, in characters.
pub const MAX_NAME: usize = 200;
/// Longest service description, in characters.
pub const MAX_DESCRIPTION: usize = 2000;
/// Longest service area, in characters.
pub const MAX_AREA: usize = 200;

fn check_name(name: &str) -> Result<String> {
    rules::name(name, MAX_NAME).map_err(|e| StoreError::invalid(e.message("name")))
}

/// The categories as stored: checked, sorted, without duplicates.
fn check_categories(categories: &[String]) -> Result<String> {
    if categories.len() > 32 || !categories.iter().all(|c| valid_category(c)) {
        return Err(StoreError::invalid(
            "categories must be up to 32 codes of a-z 0-9 _ -",
        ));
    }
    let mut categories = categories.to_vec();
    categories.sort();
    categories.dedup();
    json_text::encode(&categories)
}

pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewService) -> Result<Service> {
    let row = ServiceInsert {
        organisation_id: org,
        name: check_name(&form.name)?,
        description: text(&form.description, "description", MAX_DESCRIPTION)?,
        categories: check_categories(&form.categories)?,
        phone: opt(&form.phone, "phone", 32)?,
        email: opt(&form.email, "email", 254)?,
        website: opt(&form.website, "website", 500)?,
        area: opt(&form.area, "area", MAX_AREA)?,
        created_at: clock::now(),
    };
    Ok(diesel::insert_into(services::table)
        .values(&row)
        .returning(services::all_columns)
        .get_result(conn)?)
}

/// Applies a partial change to a service still on the directory and returns it as it
/// is now.
pub fn update(conn: &mut DbConnection, org: OrgId, id: ServiceId, change: &ServiceUpdate) -> Result<Service> {
    get(conn, org, id)?;
    let maybe = |v: &Option<Option<String>>, field: &str, max: usize| -> Result<Option<Option<String>>> {
        v.as_ref().map(|inner| opt(inner, field, max)).transpose()
    };
    let c = ServiceChanges {
        name: change.name.as_deref().map(check_name).transpose()?,
        description: change
            .description
            .as_deref()
            .map(|d| text(d, "description", MAX_DESCRIPTION))
            .transpose()?,
        categories: change.categories.as_deref().map(check_categories).transpose()?,
        phone: maybe(&change.phone, "phone", 32)?,
        email: maybe(&change.email, "email", 254)?,
        website: maybe(&change.website, "website", 500)?,
        area: maybe(&change.area, "area", MAX_AREA)?,
    };
    let target = services::table
        .filter(services::organisation_id.eq(org))
        .filter(services::id.eq(id))
        .filter(services::removed_at.is_null());
    // An empty change set is not valid SQL: then there is nothing to write.
    let nothing = c.name.is_none()
        && c.description.is_none()
        && c.categories.is_none()
        && c.phone.is_none()
        && c.email.is_none()
        && c.website.is_none()
        && c.area.is_none();
    if !nothing {
        diesel::update(target).set(&c).execute(conn)?;
    }
    get(conn, org, id)
}

/// Takes a service off the directory (see the module documentation).
pub fn remove(conn: &mut DbConnection, org: OrgId, id: ServiceId) -> Result<()> {
    let n = diesel::update(
        services::table
            .filter(services::organisation_id.eq(org))
            .filter(services::id.eq(id))
            .filter(services::removed_at.is_null()),
    )
    .set(services::removed_at.eq(Some(clock::now())))
    .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A service on the directory; one taken off is `NotFound`.
pub fn get(conn: &mut DbConnection, org: OrgId, id: ServiceId) -> Result<Service> {
    let s = get_any(conn, org, id)?;
    if s.is_removed() {
        return Err(StoreError::NotFound);
    }
    Ok(s)
}

/// A service, also when taken off the directory (to show where a request was referred).
pub fn get_any(conn: &mut DbConnection, org: OrgId, id: ServiceId) -> Result<Service> {
    Ok(services::table
        .filter(services::organisation_id.eq(org))
        .filter(services::id.eq(id))
        .select(Service::as_select())
        .first(conn)?)
}

/// Services on the directory in id order (keyset pagination; `limit` clamped to
/// 1..=1000).
pub fn list(
    conn: &mut DbConnection,
    org: OrgId,
    after: Option<ServiceId>,
    limit: i64,
) -> Result<Vec<Service>> {
    let mut q = services::table
        .filter(services::organisation_id.eq(org))
        .filter(services::removed_at.is_null())
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(services::id.gt(after));
    }
    Ok(q.order(services::id)
        .limit(limit.clamp(1, 1000))
        .select(Service::as_select())
        .load(conn)?)
}

/// Services on the directory that list `category` (suggestions for an out-of-scope
/// request).
pub fn for_category(conn: &mut DbConnection, org: OrgId, category: &str) -> Result<Vec<Service>> {
    let all: Vec<Service> = services::table
        .filter(services::organisation_id.eq(org))
        .filter(services::removed_at.is_null())
        .order(services::id)
        .select(Service::as_select())
        .load(conn)?;
    let mut out = Vec::new();
    for s in all {
        if s.categories()?.iter().any(|c| c == category) {
            out.push(s);
        }
    }
    Ok(out)
}

/// The names of every service on the directory (the duplicate check of an import).
pub fn names(conn: &mut DbConnection, org: OrgId) -> Result<Vec<String>> {
    Ok(services::table
        .filter(services::organisation_id.eq(org))
        .filter(services::removed_at.is_null())
        .order(services::id)
        .select(services::name)
        .load(conn)?)
}
