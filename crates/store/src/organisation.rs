//! Organisations (tenants) and their settings. The one entity that is not itself
//! filtered by organisation.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::OrgId;
use crate::json_text;
use crate::schema::organisations;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use nabij_engine::{ReciprocityConfig, Weights};
use serde::{Deserialize, Serialize};

/// Per-organisation settings, kept as JSON in `organisations.settings`. Missing fields
/// take their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrgSettings {
    /// Weights of the score components.
    pub weights: Weights,
    /// Half-life and thanks weight of the reciprocity ledger (default 180 days, 0.3).
    pub reciprocity: ReciprocityConfig,
    /// Days after activation at which a coordinator follows up on a match.
    pub follow_up_days: u32,
    /// Language of messages and reasons (`nl`, `fr`, `en`).
    pub language: String,
    /// Working days to a signal's contact-by date, per source code (`referral_card`,
    /// …), where the organisation departs from the defaults
    /// ([`crate::signal::SignalSource::default_contact_days`]): 1 to 60.
    pub signal_contact_days: std::collections::BTreeMap<String, u32>,
    /// Days a request may stay open without a match before it is flagged for the
    /// coordinator (refer or re-open; never dropped): 1 to 365, default 21.
    pub request_flag_days: u32,
    /// Proposals declined or lapsed (since the request was filed or re-opened) after
    /// which it is flagged too: 1 to 50, default 3.
    pub request_flag_proposals: u32,
    /// Days a proposal may wait for answers before it lapses: 1 to 90, default 7.
    pub proposal_lapse_days: u32,
    /// Whether the scheduler re-matches the organisation every night (default off).
    pub nightly_rematch: bool,
    /// Weeks between check-ins of an active pair: each side is asked separately
    /// whether it still goes well (1 to 52; default 6).
    pub check_in_weeks: u32,
}

impl Default for OrgSettings {
    fn default() -> Self {
        Self {
            weights: Weights::default(),
            reciprocity: ReciprocityConfig::default(),
            follow_up_days: 14,
            language: "nl".to_string(),
            signal_contact_days: std::collections::BTreeMap::new(),
            request_flag_days: 21,
            request_flag_proposals: 3,
            proposal_lapse_days: 7,
            nightly_rematch: false,
            check_in_weeks: 6,
        }
    }
}

impl OrgSettings {
    pub fn validate(&self) -> Result<()> {
        self.weights
            .validate()
            .map_err(|e| StoreError::invalid(e.to_string()))?;
        self.reciprocity
            .validate()
            .map_err(|e| StoreError::invalid(e.to_string()))?;
        if !(1..=365).contains(&self.follow_up_days) {
            return Err(StoreError::invalid("follow_up_days must be between 1 and 365"));
        }
        if !["nl", "fr", "en"].contains(&self.language.as_str()) {
            return Err(StoreError::invalid("language must be nl, fr or en"));
        }
        if !(1..=365).contains(&self.request_flag_days) {
            return Err(StoreError::invalid("request_flag_days must be between 1 and 365"));
        }
        if !(1..=50).contains(&self.request_flag_proposals) {
            return Err(StoreError::invalid(
                "request_flag_proposals must be between 1 and 50",
            ));
        }
        if !(1..=90).contains(&self.proposal_lapse_days) {
            return Err(StoreError::invalid(
                "proposal_lapse_days must be between 1 and 90",
            ));
        }
        if !(1..=52).contains(&self.check_in_weeks) {
            return Err(StoreError::invalid("check_in_weeks must be between 1 and 52"));
        }
        for (source, days) in &self.signal_contact_days {
            if crate::signal::SignalSource::parse(source).is_none() {
                return Err(StoreError::invalid(format!(
                    "signal_contact_days: {source:?} is not a signal source ({})",
                    crate::signal::SignalSource::codes()
                )));
            }
            if !(1..=crate::signal::MAX_CONTACT_DAYS).contains(days) {
                return Err(StoreError::invalid(
                    "signal_contact_days: between 1 and 60 working days",
                ));
            }
        }
        Ok(())
    }
}

/// A row of `organisations`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    pub id: OrgId,
    pub slug: String,
    pub name: String,
    pub settings: String,
    pub created_at: NaiveDateTime,
    /// Change counter of what the candidate index holds (SQLite; see [`crate::index_log`]).
    pub index_version: i64,
}

impl Organisation {
    /// The parsed settings.
    pub fn settings(&self) -> Result<OrgSettings> {
        json_text::decode(&self.settings, "organisations.settings")
    }
}

/// What it takes to create an organisation.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    /// Lowercase letters, digits and dashes, e.g. `hamont-achel`.
    pub slug: String,
    pub name: String,
    pub settings: OrgSettings,
}

#[derive(Insertable)]
#[diesel(table_name = organisations)]
struct OrganisationInsert<'a> {
    slug: &'a str,
    name: &'a str,
    settings: String,
    created_at: NaiveDateTime,
}

/// Checks a slug: 1–64 of `a-z`, `0-9`, `-`, not starting or ending with a dash.
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 64
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn create(conn: &mut DbConnection, form: &NewOrganisation) -> Result<Organisation> {
    if !valid_slug(&form.slug) {
        return Err(StoreError::invalid(
            "slug must be lowercase letters, digits and dashes",
        ));
    }
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(StoreError::invalid("name must be 1 to 200 characters"));
    }
    form.settings.validate()?;
    let row = OrganisationInsert {
        slug: &form.slug,
        name,
        settings: json_text::encode(&form.settings)?,
        created_at: clock::now(),
    };
    Ok(diesel::insert_into(organisations::table)
        .values(&row)
        .returning(organisations::all_columns)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, id: OrgId) -> Result<Organisation> {
    Ok(organisations::table
        .find(id)
        .select(Organisation::as_select())
        .first(conn)?)
}

pub fn by_slug(conn: &mut DbConnection, slug: &str) -> Result<Organisation> {
    Ok(organisations::table
        .filter(organisations::slug.eq(slug))
        .select(Organisation::as_select())
        .first(conn)?)
}

pub fn list(conn: &mut DbConnection) -> Result<Vec<Organisation>> {
    Ok(organisations::table
        .order(organisations::id)
        .select(Organisation::as_select())
        .load(conn)?)
}

/// The settings of one organisation (defaults for anything not set).
pub fn settings(conn: &mut DbConnection, id: OrgId) -> Result<OrgSettings> {
    get(conn, id)?.settings()
}

pub fn update_settings(conn: &mut DbConnection, id: OrgId, settings: &OrgSettings) -> Result<()> {
    settings.validate()?;
    let n = diesel::update(organisations::table.find(id))
        .set(organisations::settings.eq(json_text::encode(settings)?))
        .execute(conn)?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The organisation's change counter as this transaction sees it.
pub fn index_version(conn: &mut DbConnection, id: OrgId) -> Result<i64> {
    Ok(organisations::table
        .find(id)
        .select(organisations::index_version)
        .first(conn)?)
}
