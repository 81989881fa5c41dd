//! The service directory ("sociale kaart"): professional services requests are referred
//! to when they are out of scope or find no match.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{OrgId, ServiceId};
use crate::json_text;
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
}

impl Service {
    pub fn categories(&self) -> Result<Vec<String>> {
        json_text::codes(&self.categories, "services.categories")
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

fn text(v: &str, field: &str, max: usize) -> Result<String> {
    let v = v.trim();
    if v.chars().count() > max || v.chars().any(|c| c.is_control() && c != '\n') {
        return Err(StoreError::invalid(format!(
            "{field} must be at most {max} printable characters"
        )));
    }
    Ok(v.to_string())
}

fn opt(v: &Option<String>, field: &str, max: usize) -> Result<Option<String>> {
    Ok(v.as_deref()
        .map(|s| text(s, field, max))
        .transpose()?
        .filter(|s| !s.is_empty()))
}

/// A category code: 1–64 of `a-z`, `0-9`, `_`, `-`.
pub fn valid_category(c: &str) -> bool {
    !c.is_empty()
        && c.len() <= 64
        && c.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewService) -> Result<Service> {
    let name = text(&form.name, "name", 200)?;
    if name.is_empty() {
        return Err(StoreError::invalid("name must not be empty"));
    }
    if form.categories.len() > 32 || !form.categories.iter().all(|c| valid_category(c)) {
        return Err(StoreError::invalid(
            "categories must be up to 32 codes of a-z 0-9 _ -",
        ));
    }
    let mut categories = form.categories.clone();
    categories.sort();
    categories.dedup();
    let row = ServiceInsert {
        organisation_id: org,
        name,
        description: text(&form.description, "description", 2000)?,
        categories: json_text::encode(&categories)?,
        phone: opt(&form.phone, "phone", 32)?,
        email: opt(&form.email, "email", 254)?,
        website: opt(&form.website, "website", 500)?,
        area: opt(&form.area, "area", 200)?,
        created_at: clock::now(),
    };
    Ok(diesel::insert_into(services::table)
        .values(&row)
        .returning(services::all_columns)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: ServiceId) -> Result<Service> {
    Ok(services::table
        .filter(services::organisation_id.eq(org))
        .filter(services::id.eq(id))
        .select(Service::as_select())
        .first(conn)?)
}

/// Services in id order (keyset pagination; `limit` clamped to 1..=1000).
pub fn list(
    conn: &mut DbConnection,
    org: OrgId,
    after: Option<ServiceId>,
    limit: i64,
) -> Result<Vec<Service>> {
    let mut q = services::table
        .filter(services::organisation_id.eq(org))
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(services::id.gt(after));
    }
    Ok(q.order(services::id)
        .limit(limit.clamp(1, 1000))
        .select(Service::as_select())
        .load(conn)?)
}

/// Services that list `category` (suggestions for an out-of-scope request).
pub fn for_category(conn: &mut DbConnection, org: OrgId, category: &str) -> Result<Vec<Service>> {
    let all: Vec<Service> = services::table
        .filter(services::organisation_id.eq(org))
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
