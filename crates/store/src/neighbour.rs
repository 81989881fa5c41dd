//! Neighbours: any participating resident. No role field: everybody can ask and
//! everybody can keep someone company. Exact coordinates are stored and never leave the
//! server; responses show the neighbourhood.
//!
//! Matching never uses the exact coordinates either: each row carries a fixed random
//! offset (`offset_east_m`, `offset_north_m`), drawn here when the location is written and
//! drawn anew only when it changes, and the engine sees the *published position* — home
//! plus offset — for everything a caller can observe (see `nabij_engine::position`).

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{NeighbourId, NeighbourhoodId, OrgId};
use crate::json_text;
use crate::schema::neighbours;
use crate::vocab;
use crate::DbConnection;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use nabij_engine::neighbour::MAX_CAPACITY;
use nabij_engine::position::{self, Offset};
use nabij_engine::projection::check_radius;
use nabij_engine::{Balance, Language, NeighbourProfile, Point};

/// How the neighbour's consent was given (a coordinator may register someone after a
/// home visit, a phone round or a signed referral card).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentChannel {
    SelfRegistered,
    HomeVisit,
    PhoneRound,
    ReferralCard,
}

impl ConsentChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentChannel::SelfRegistered => "self",
            ConsentChannel::HomeVisit => "home_visit",
            ConsentChannel::PhoneRound => "phone_round",
            ConsentChannel::ReferralCard => "referral_card",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "self" => Some(ConsentChannel::SelfRegistered),
            "home_visit" => Some(ConsentChannel::HomeVisit),
            "phone_round" => Some(ConsentChannel::PhoneRound),
            "referral_card" => Some(ConsentChannel::ReferralCard),
            _ => None,
        }
    }
}

/// The consent record.
#[derive(Debug, Clone, PartialEq)]
pub struct Consent {
    pub channel: ConsentChannel,
    pub recorded_at: NaiveDateTime,
    /// Who recorded it (a user or client id string, not a name).
    pub recorded_by: String,
}

/// A row of `neighbours`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = neighbours)]
pub struct Neighbour {
    pub id: NeighbourId,
    pub organisation_id: OrgId,
    pub neighbourhood_id: Option<NeighbourhoodId>,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Exact position; `None` only after erasure. Never sent to clients.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub travel_radius_m: f64,
    /// JSON lists of codes.
    pub interests: String,
    pub talents: String,
    pub languages: String,
    pub availability: String,
    pub capacity: i32,
    pub active_matches: i32,
    pub paused: bool,
    pub consent_channel: String,
    pub consent_recorded_at: NaiveDateTime,
    pub consent_recorded_by: String,
    pub preferred_language: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub erased_at: Option<NaiveDateTime>,
    /// The fixed offset to the published position, in metres; `None` only after erasure.
    /// Never sent to clients.
    pub offset_east_m: Option<f64>,
    pub offset_north_m: Option<f64>,
    /// Nobody has asked when they are free yet (imported without it): "any time, to be
    /// asked" to the engine, unlike an empty `availability` ("never").
    pub availability_unknown: bool,
}

impl Neighbour {
    /// The position matching uses: the home moved by the row's fixed offset. `None` after
    /// erasure (or for a row whose offset was never drawn).
    pub fn published_position(&self) -> Option<Point> {
        let (lat, lon) = (self.lat?, self.lon?);
        let offset = Offset {
            east_m: self.offset_east_m?,
            north_m: self.offset_north_m?,
        };
        if !offset.is_valid() {
            return None;
        }
        Some(position::published(Point::from_wgs84(lat, lon).ok()?, offset))
    }

    pub fn interests(&self) -> Result<Vec<String>> {
        json_text::codes(&self.interests, "neighbours.interests")
    }
    pub fn talents(&self) -> Result<Vec<String>> {
        json_text::codes(&self.talents, "neighbours.talents")
    }
    pub fn languages(&self) -> Result<Vec<String>> {
        json_text::codes(&self.languages, "neighbours.languages")
    }
    pub fn availability(&self) -> Result<Vec<String>> {
        json_text::codes(&self.availability, "neighbours.availability")
    }
    pub fn consent(&self) -> Result<Consent> {
        Ok(Consent {
            channel: ConsentChannel::parse(&self.consent_channel)
                .ok_or_else(|| StoreError::Corrupt("neighbours.consent_channel".to_string()))?,
            recorded_at: self.consent_recorded_at,
            recorded_by: self.consent_recorded_by.clone(),
        })
    }
    pub fn is_erased(&self) -> bool {
        self.erased_at.is_some()
    }
}

/// What it takes to register a neighbour.
#[derive(Debug, Clone)]
pub struct NewNeighbour {
    /// Found from the location when not given.
    pub neighbourhood_id: Option<NeighbourhoodId>,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub travel_radius_m: f64,
    pub interests: Vec<String>,
    pub talents: Vec<String>,
    pub languages: Vec<String>,
    pub availability: Vec<String>,
    /// Availability not asked yet; `availability` is then empty.
    pub availability_unknown: bool,
    pub capacity: u8,
    pub paused: bool,
    pub consent: Consent,
    pub preferred_language: String,
}

/// A partial change; `None` leaves a field as it is, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct NeighbourUpdate {
    pub neighbourhood_id: Option<Option<NeighbourhoodId>>,
    pub display_name: Option<String>,
    pub email: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    /// New exact position `(lat, lon)`.
    pub location: Option<(f64, f64)>,
    pub travel_radius_m: Option<f64>,
    pub interests: Option<Vec<String>>,
    pub talents: Option<Vec<String>>,
    pub languages: Option<Vec<String>>,
    pub availability: Option<Vec<String>>,
    pub capacity: Option<u8>,
    pub paused: Option<bool>,
    pub consent: Option<Consent>,
    pub preferred_language: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = neighbours)]
struct NeighbourInsert {
    organisation_id: OrgId,
    neighbourhood_id: Option<NeighbourhoodId>,
    display_name: String,
    email: Option<String>,
    phone: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    travel_radius_m: f64,
    interests: String,
    talents: String,
    languages: String,
    availability: String,
    capacity: i32,
    active_matches: i32,
    paused: bool,
    consent_channel: &'static str,
    consent_recorded_at: NaiveDateTime,
    consent_recorded_by: String,
    preferred_language: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    offset_east_m: Option<f64>,
    offset_north_m: Option<f64>,
    availability_unknown: bool,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = neighbours)]
struct NeighbourChanges {
    neighbourhood_id: Option<Option<NeighbourhoodId>>,
    display_name: Option<String>,
    email: Option<Option<String>>,
    phone: Option<Option<String>>,
    lat: Option<Option<f64>>,
    lon: Option<Option<f64>>,
    travel_radius_m: Option<f64>,
    interests: Option<String>,
    talents: Option<String>,
    languages: Option<String>,
    availability: Option<String>,
    capacity: Option<i32>,
    paused: Option<bool>,
    consent_channel: Option<&'static str>,
    consent_recorded_at: Option<NaiveDateTime>,
    consent_recorded_by: Option<String>,
    preferred_language: Option<String>,
    updated_at: Option<NaiveDateTime>,
    offset_east_m: Option<Option<f64>>,
    offset_north_m: Option<Option<f64>>,
    availability_unknown: Option<bool>,
}

/// A fresh offset from the thread's cryptographically secure generator (seeded from the
/// operating system): nobody can predict or replay it.
fn fresh_offset() -> Offset {
    Offset::draw(&mut rand::thread_rng())
}

fn check_name(name: &str) -> Result<String> {
    crate::rules::display_name(name).map_err(|e| StoreError::invalid(e.message("display_name")))
}

fn check_email(email: Option<&str>) -> Result<Option<String>> {
    crate::rules::email(email).map_err(|e| StoreError::invalid(e.message("email")))
}

fn check_phone(phone: Option<&str>) -> Result<Option<String>> {
    crate::rules::phone(phone).map_err(|e| StoreError::invalid(e.message("phone")))
}

fn check_location(lat: f64, lon: f64) -> Result<()> {
    Point::from_wgs84(lat, lon)
        .map(|_| ())
        .map_err(|e| StoreError::invalid(e.to_string()))
}

fn check_travel(r: f64) -> Result<f64> {
    check_radius(r).map_err(|e| StoreError::invalid(e.to_string()))
}

fn check_capacity(c: u8) -> Result<i32> {
    if u32::from(c) > MAX_CAPACITY {
        return Err(StoreError::invalid(format!(
            "capacity must be between 0 and {MAX_CAPACITY}"
        )));
    }
    Ok(i32::from(c))
}

fn check_language(code: &str) -> Result<String> {
    Language::parse(code)
        .map(|l| l.code().to_string())
        .map_err(|e| StoreError::invalid(format!("preferred_language: {e}")))
}

/// Longest `consent.recorded_by`, in characters.
pub const MAX_RECORDER: usize = 128;

fn check_recorder(by: &str) -> Result<String> {
    // A name like any other (control characters, NUL above all, which PostgreSQL
    // cannot store, and invisible formatting characters refused).
    crate::rules::name(by, MAX_RECORDER).map_err(|e| StoreError::invalid(e.message("consent.recorded_by")))
}

fn list_json(codes: Vec<String>) -> Result<String> {
    json_text::encode(&codes)
}

pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewNeighbour) -> Result<Neighbour> {
    check_location(form.lat, form.lon)?;
    let neighbourhood_id = match form.neighbourhood_id {
        Some(id) => Some(
            crate::neighbourhood::get(conn, org, id)
                .map_err(|e| e.referring("neighbourhood_id"))?
                .id,
        ),
        None => crate::neighbourhood::locate(conn, org, form.lat, form.lon)?.map(|n| n.id),
    };
    let now = clock::now();
    let offset = fresh_offset();
    let row = NeighbourInsert {
        organisation_id: org,
        neighbourhood_id,
        display_name: check_name(&form.display_name)?,
        email: check_email(form.email.as_deref())?,
        phone: check_phone(form.phone.as_deref())?,
        lat: Some(form.lat),
        lon: Some(form.lon),
        travel_radius_m: check_travel(form.travel_radius_m)?,
        interests: list_json(vocab::canonical_tags(&form.interests, "interests")?)?,
        talents: list_json(vocab::canonical_tags(&form.talents, "talents")?)?,
        languages: list_json(vocab::canonical_languages(&form.languages, "languages")?)?,
        availability: list_json(vocab::canonical_slots(&form.availability, "availability")?)?,
        capacity: check_capacity(form.capacity)?,
        active_matches: 0,
        paused: form.paused,
        consent_channel: form.consent.channel.as_str(),
        consent_recorded_at: form.consent.recorded_at,
        consent_recorded_by: check_recorder(&form.consent.recorded_by)?,
        preferred_language: check_language(&form.preferred_language)?,
        created_at: now,
        updated_at: now,
        offset_east_m: Some(offset.east_m),
        offset_north_m: Some(offset.north_m),
        availability_unknown: form.availability_unknown && form.availability.is_empty(),
    };
    let created: Neighbour = diesel::insert_into(neighbours::table)
        .values(&row)
        .returning(neighbours::all_columns)
        .get_result(conn)?;
    crate::index_log::record(conn, org, &[created.id])?;
    Ok(created)
}

/// One neighbour, including an erased tombstone (internal use).
pub fn get_any(conn: &mut DbConnection, org: OrgId, id: NeighbourId) -> Result<Neighbour> {
    Ok(neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::id.eq(id))
        .select(Neighbour::as_select())
        .first(conn)?)
}

/// Several neighbours of an organisation (erased ones included) in one query, in id
/// order; ids not found are left out.
pub fn get_many_any(conn: &mut DbConnection, org: OrgId, ids: &[NeighbourId]) -> Result<Vec<Neighbour>> {
    Ok(neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::id.eq_any(ids))
        .order(neighbours::id)
        .select(Neighbour::as_select())
        .load(conn)?)
}

/// One neighbour; erased neighbours are gone (`NotFound`).
pub fn get(conn: &mut DbConnection, org: OrgId, id: NeighbourId) -> Result<Neighbour> {
    let n = get_any(conn, org, id)?;
    if n.is_erased() {
        return Err(StoreError::NotFound);
    }
    Ok(n)
}

/// One neighbour as seen by a caller limited to some neighbourhoods (`None`: not
/// limited). Outside those, the neighbour does not exist for the caller.
pub fn get_visible(
    conn: &mut DbConnection,
    org: OrgId,
    id: NeighbourId,
    limited_to: Option<&[NeighbourhoodId]>,
) -> Result<Neighbour> {
    let n = get(conn, org, id)?;
    match (limited_to, n.neighbourhood_id) {
        (None, _) => Ok(n),
        (Some(allowed), Some(nh)) if allowed.contains(&nh) => Ok(n),
        _ => Err(StoreError::NotFound),
    }
}

/// Display name and neighbourhood of each of `ids` that exists and is not erased
/// (e.g. to show a candidate list), in id order.
pub fn names(
    conn: &mut DbConnection,
    org: OrgId,
    ids: &[NeighbourId],
) -> Result<Vec<(NeighbourId, String, Option<NeighbourhoodId>)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::id.eq_any(ids.to_vec()))
        .filter(neighbours::erased_at.is_null())
        .order(neighbours::id)
        .select((
            neighbours::id,
            neighbours::display_name,
            neighbours::neighbourhood_id,
        ))
        .load(conn)?)
}

/// Which neighbours to list.
#[derive(Debug, Clone, Default)]
pub struct NeighbourFilter {
    /// Only these neighbourhoods (a limited coordinator); `None`: all.
    pub neighbourhoods: Option<Vec<NeighbourhoodId>>,
    /// Keyset pagination: ids greater than this.
    pub after: Option<NeighbourId>,
    /// At most this many (clamped to 1..=1000).
    pub limit: i64,
}

/// Neighbours in id order, erased ones left out.
pub fn list(conn: &mut DbConnection, org: OrgId, filter: &NeighbourFilter) -> Result<Vec<Neighbour>> {
    let mut q = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::erased_at.is_null())
        .into_boxed();
    if let Some(nhs) = &filter.neighbourhoods {
        q = q.filter(neighbours::neighbourhood_id.eq_any(nhs.clone()));
    }
    if let Some(after) = filter.after {
        q = q.filter(neighbours::id.gt(after));
    }
    Ok(q.order(neighbours::id)
        .limit(filter.limit.clamp(1, 1000))
        .select(Neighbour::as_select())
        .load(conn)?)
}

/// Applies a partial change and returns the row as it is now.
pub fn update(
    conn: &mut DbConnection,
    org: OrgId,
    id: NeighbourId,
    change: &NeighbourUpdate,
) -> Result<Neighbour> {
    let before = get(conn, org, id)?;
    let mut c = NeighbourChanges {
        updated_at: Some(clock::now()),
        ..Default::default()
    };
    if let Some(nh) = change.neighbourhood_id {
        c.neighbourhood_id = Some(match nh {
            Some(nh) => Some(
                crate::neighbourhood::get(conn, org, nh)
                    .map_err(|e| e.referring("neighbourhood_id"))?
                    .id,
            ),
            None => None,
        });
    }
    if let Some(name) = &change.display_name {
        c.display_name = Some(check_name(name)?);
    }
    if let Some(email) = &change.email {
        c.email = Some(check_email(email.as_deref())?);
    }
    if let Some(phone) = &change.phone {
        c.phone = Some(check_phone(phone.as_deref())?);
    }
    if let Some((lat, lon)) = change.location {
        check_location(lat, lon)?;
        c.lat = Some(Some(lat));
        c.lon = Some(Some(lon));
        // A new home gets a new offset (so writing a known place and reading its
        // published position tells nothing about the old one); the same home keeps its
        // offset (so rewriting it cannot be used to draw again and average).
        // A home that moves lies in the neighbourhood it moved to, unless the change
        // names one.
        if change.neighbourhood_id.is_none() && (before.lat != Some(lat) || before.lon != Some(lon)) {
            c.neighbourhood_id = Some(crate::neighbourhood::locate(conn, org, lat, lon)?.map(|n| n.id));
        }
        if before.lat != Some(lat) || before.lon != Some(lon) || before.published_position().is_none() {
            let offset = fresh_offset();
            c.offset_east_m = Some(Some(offset.east_m));
            c.offset_north_m = Some(Some(offset.north_m));
        }
    }
    if let Some(r) = change.travel_radius_m {
        c.travel_radius_m = Some(check_travel(r)?);
    }
    if let Some(v) = &change.interests {
        c.interests = Some(list_json(vocab::canonical_tags(v, "interests")?)?);
    }
    if let Some(v) = &change.talents {
        c.talents = Some(list_json(vocab::canonical_tags(v, "talents")?)?);
    }
    if let Some(v) = &change.languages {
        c.languages = Some(list_json(vocab::canonical_languages(v, "languages")?)?);
    }
    if let Some(v) = &change.availability {
        c.availability = Some(list_json(vocab::canonical_slots(v, "availability")?)?);
        // Said now, even if it is "never": no longer unknown.
        c.availability_unknown = Some(false);
    }
    if let Some(cap) = change.capacity {
        c.capacity = Some(check_capacity(cap)?);
    }
    c.paused = change.paused;
    if let Some(consent) = &change.consent {
        c.consent_channel = Some(consent.channel.as_str());
        c.consent_recorded_at = Some(consent.recorded_at);
        c.consent_recorded_by = Some(check_recorder(&consent.recorded_by)?);
    }
    if let Some(l) = &change.preferred_language {
        c.preferred_language = Some(check_language(l)?);
    }
    diesel::update(
        neighbours::table
            .filter(neighbours::organisation_id.eq(org))
            .filter(neighbours::id.eq(id))
            .filter(neighbours::erased_at.is_null()),
    )
    .set(&c)
    .execute(conn)?;
    crate::index_log::record(conn, org, &[id])?;
    get(conn, org, id)
}

/// The engine's view of a neighbour: the published position (never the exact one),
/// bitsets, balance.
pub fn to_profile(row: &Neighbour, balance: Balance) -> Result<NeighbourProfile> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("neighbour {}: {what}", row.id));
    let location = row
        .published_position()
        .ok_or_else(|| corrupt("no location or no published position"))?;
    let profile = NeighbourProfile {
        id: row.id.into(),
        location,
        travel_radius_m: row.travel_radius_m,
        interests: vocab::tags_lenient(&row.interests()?),
        talents: vocab::tags_lenient(&row.talents()?),
        languages: vocab::languages_lenient(&row.languages()?),
        availability: if row.availability_unknown {
            nabij_engine::WeeklySlots::UNKNOWN
        } else {
            vocab::slots_lenient(&row.availability()?)
        },
        capacity: u8::try_from(row.capacity).map_err(|_| corrupt("capacity"))?,
        active_matches: u8::try_from(row.active_matches.clamp(0, 255)).unwrap_or(u8::MAX),
        paused: row.paused,
        balance,
    };
    profile.validate().map_err(|e| corrupt(&e.to_string()))?;
    Ok(profile)
}

/// Every neighbour of an organisation (erased ones left out) as engine profiles, with
/// their reciprocity balance as of `now` (half-life from the organisation's settings).
pub fn load_profiles(
    conn: &mut DbConnection,
    org: OrgId,
    now: DateTime<Utc>,
) -> Result<Vec<NeighbourProfile>> {
    let settings = crate::organisation::settings(conn, org)?;
    let balances = crate::exchange::balances(conn, org, &settings.reciprocity, now)?;
    let rows: Vec<Neighbour> = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::erased_at.is_null())
        .order(neighbours::id)
        .select(Neighbour::as_select())
        .load(conn)?;
    rows.iter()
        .map(|r| to_profile(r, balances.get(&r.id).copied().unwrap_or_default()))
        .collect()
}

/// One neighbour's profile (to refresh an index after a write).
pub fn load_profile(
    conn: &mut DbConnection,
    org: OrgId,
    id: NeighbourId,
    now: DateTime<Utc>,
) -> Result<NeighbourProfile> {
    let row = get(conn, org, id)?;
    let settings = crate::organisation::settings(conn, org)?;
    let balance = crate::exchange::balance_of(conn, org, id, &settings.reciprocity, now)?;
    to_profile(&row, balance)
}

/// Draws an offset for every neighbour with a location but none yet (rows from before the
/// published position existed). Run right after the migrations; returns how many.
pub fn draw_missing_offsets(conn: &mut DbConnection) -> Result<usize> {
    let ids: Vec<NeighbourId> = neighbours::table
        .filter(neighbours::lat.is_not_null())
        .filter(
            neighbours::offset_east_m
                .is_null()
                .or(neighbours::offset_north_m.is_null()),
        )
        .select(neighbours::id)
        .load(conn)?;
    for id in &ids {
        let offset = fresh_offset();
        diesel::update(
            neighbours::table.filter(neighbours::id.eq(id)).filter(
                neighbours::offset_east_m
                    .is_null()
                    .or(neighbours::offset_north_m.is_null()),
            ),
        )
        .set((
            neighbours::offset_east_m.eq(Some(offset.east_m)),
            neighbours::offset_north_m.eq(Some(offset.north_m)),
        ))
        .execute(conn)?;
    }
    Ok(ids.len())
}

/// What tells one person from another, for finding duplicates before an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub id: NeighbourId,
    pub display_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Name, contact and exact home of every neighbour of an organisation (erased ones left
/// out), in id order: the duplicate check of an import. Stays on the server.
pub fn identities(conn: &mut DbConnection, org: OrgId) -> Result<Vec<Identity>> {
    type Row = (
        NeighbourId,
        String,
        Option<String>,
        Option<String>,
        Option<f64>,
        Option<f64>,
    );
    let rows: Vec<Row> = neighbours::table
        .filter(neighbours::organisation_id.eq(org))
        .filter(neighbours::erased_at.is_null())
        .order(neighbours::id)
        .select((
            neighbours::id,
            neighbours::display_name,
            neighbours::phone,
            neighbours::email,
            neighbours::lat,
            neighbours::lon,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, phone, email, lat, lon)| Identity {
            id,
            display_name,
            phone,
            email,
            lat,
            lon,
        })
        .collect())
}
