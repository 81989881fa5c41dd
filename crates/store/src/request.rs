//! Help requests: one small request for one neighbour (the requester), with the scope
//! guard's verdict. Out of scope requests wait for a referral (`referral_needed`).

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{NeighbourId, NeighbourhoodId, OrgId, RequestId};
use crate::json_text;
use crate::schema::{help_requests, neighbours};
use crate::scope_reasons;
use crate::text_enum::text_enum;
use crate::vocab;
use crate::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use nabij_engine::projection::check_radius;
use nabij_engine::scope::{self, Recurrence, ScopeCategory, ScopeVerdict};
use nabij_engine::{HelpRequest, Point, RequestKind, Window};

text_enum! {
    /// Where a request stands.
    pub enum RequestStatus in "help_requests.status" {
        Open = "open",
        Proposed = "proposed",
        Matched = "matched",
        Closed = "closed",
        ReferralNeeded = "referral_needed",
        Referred = "referred",
        Cancelled = "cancelled",
        Expired = "expired",
    }
}

pub fn category_code(c: ScopeCategory) -> &'static str {
    match c {
        ScopeCategory::SmallHelp => "small_help",
        ScopeCategory::Structural => "structural",
        ScopeCategory::Heavy => "heavy",
        ScopeCategory::PersonalCare => "personal_care",
    }
}

pub fn parse_category(s: &str) -> Option<ScopeCategory> {
    [
        ScopeCategory::SmallHelp,
        ScopeCategory::Structural,
        ScopeCategory::Heavy,
        ScopeCategory::PersonalCare,
    ]
    .into_iter()
    .find(|c| category_code(*c) == s)
}

pub fn recurrence_code(r: Recurrence) -> &'static str {
    match r {
        Recurrence::Once => "once",
        Recurrence::Occasional => "occasional",
        Recurrence::Monthly => "monthly",
        Recurrence::Weekly => "weekly",
        Recurrence::SeveralPerWeek => "several_per_week",
        Recurrence::Daily => "daily",
    }
}

pub fn parse_recurrence(s: &str) -> Option<Recurrence> {
    use Recurrence::*;
    [Once, Occasional, Monthly, Weekly, SeveralPerWeek, Daily]
        .into_iter()
        .find(|r| recurrence_code(*r) == s)
}

/// A row of `help_requests`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = help_requests)]
pub struct Request {
    pub id: RequestId,
    pub organisation_id: OrgId,
    /// The requester.
    pub neighbour_id: NeighbourId,
    pub kind: String,
    /// JSON list of tag codes.
    pub tags: String,
    pub text: String,
    /// JSON of [`Window`].
    pub window: String,
    pub recurrence: Option<String>,
    pub duration_minutes: Option<i32>,
    /// Where it takes place when not at the requester's home. Never sent to clients.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub radius_m: f64,
    pub status: RequestStatus,
    pub scope_in_scope: bool,
    pub scope_category: String,
    /// JSON list of reasons (message ids with arguments); read it with
    /// [`Request::scope`] (which also reads the older formats, see
    /// [`crate::scope_reasons`]).
    pub scope_reasons: String,
    pub scope_overridden: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Request {
    pub fn kind(&self) -> Result<RequestKind> {
        RequestKind::parse(&self.kind).ok_or_else(|| StoreError::Corrupt("help_requests.kind".to_string()))
    }
    pub fn tags(&self) -> Result<Vec<String>> {
        json_text::codes(&self.tags, "help_requests.tags")
    }
    pub fn window(&self) -> Result<Window> {
        json_text::decode(&self.window, "help_requests.window")
    }
    pub fn recurrence(&self) -> Option<Recurrence> {
        self.recurrence.as_deref().and_then(parse_recurrence)
    }
    pub fn scope(&self) -> Result<ScopeVerdict> {
        Ok(ScopeVerdict {
            in_scope: self.scope_in_scope,
            category: parse_category(&self.scope_category)
                .ok_or_else(|| StoreError::Corrupt("help_requests.scope_category".to_string()))?,
            reasons: scope_reasons::decode(&self.scope_reasons)?,
            overridden: self.scope_overridden,
            needs_review: false,
        })
    }
}

/// What it takes to file a request. The caller runs the scope guard first.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub neighbour_id: NeighbourId,
    pub kind: RequestKind,
    pub tags: Vec<String>,
    pub text: String,
    pub window: Window,
    pub recurrence: Option<Recurrence>,
    pub duration_minutes: Option<u32>,
    /// `(lat, lon)` when not at the requester's home.
    pub location: Option<(f64, f64)>,
    /// Search radius; the requester's travel radius when not given.
    pub radius_m: Option<f64>,
    /// The guard's verdict; out of scope makes the status `referral_needed`.
    pub scope: ScopeVerdict,
}

#[derive(Insertable)]
#[diesel(table_name = help_requests)]
struct RequestInsert {
    organisation_id: OrgId,
    neighbour_id: NeighbourId,
    kind: &'static str,
    tags: String,
    text: String,
    window: String,
    recurrence: Option<&'static str>,
    duration_minutes: Option<i32>,
    lat: Option<f64>,
    lon: Option<f64>,
    radius_m: f64,
    status: &'static str,
    scope_in_scope: bool,
    scope_category: &'static str,
    scope_reasons: String,
    scope_overridden: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Longest request text, in characters.
pub const MAX_TEXT: usize = 2000;

fn check_text(text: &str) -> Result<String> {
    crate::rules::text(text, MAX_TEXT).map_err(|e| StoreError::invalid(e.message("text")))
}

pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewRequest) -> Result<Request> {
    let requester = crate::neighbour::get(conn, org, form.neighbour_id)?;
    if let Some((lat, lon)) = form.location {
        Point::from_wgs84(lat, lon).map_err(|e| StoreError::invalid(e.to_string()))?;
    }
    let radius_m = check_radius(form.radius_m.unwrap_or(requester.travel_radius_m))
        .map_err(|e| StoreError::invalid(e.to_string()))?;
    let duration_minutes = form
        .duration_minutes
        .map(|d| i32::try_from(d).ok().filter(|d| *d <= 24 * 60))
        .map(|d| d.ok_or_else(|| StoreError::invalid("duration_minutes must be at most 1440")))
        .transpose()?;
    let now = clock::now();
    let status = if form.scope.in_scope {
        RequestStatus::Open
    } else {
        RequestStatus::ReferralNeeded
    };
    let row = RequestInsert {
        organisation_id: org,
        neighbour_id: requester.id,
        kind: form.kind.code(),
        tags: json_text::encode(&vocab::canonical_tags(&form.tags, "tags")?)?,
        text: check_text(&form.text)?,
        window: json_text::encode(&form.window)?,
        recurrence: form.recurrence.map(recurrence_code),
        duration_minutes,
        lat: form.location.map(|l| l.0),
        lon: form.location.map(|l| l.1),
        radius_m,
        status: status.as_str(),
        scope_in_scope: form.scope.in_scope,
        scope_category: category_code(form.scope.category),
        scope_reasons: scope_reasons::encode(&form.scope.reasons)?,
        scope_overridden: form.scope.overridden,
        created_at: now,
        updated_at: now,
    };
    Ok(diesel::insert_into(help_requests::table)
        .values(&row)
        .returning(help_requests::all_columns)
        .get_result(conn)?)
}

pub fn get(conn: &mut DbConnection, org: OrgId, id: RequestId) -> Result<Request> {
    Ok(help_requests::table
        .filter(help_requests::organisation_id.eq(org))
        .filter(help_requests::id.eq(id))
        .select(Request::as_select())
        .first(conn)?)
}

/// Which requests to list.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    pub statuses: Option<Vec<RequestStatus>>,
    pub neighbour_id: Option<NeighbourId>,
    /// Only requests of neighbours in these neighbourhoods; `None`: all.
    pub neighbourhoods: Option<Vec<NeighbourhoodId>>,
    pub after: Option<RequestId>,
    /// Clamped to 1..=10000.
    pub limit: i64,
}

/// Requests in id order.
pub fn list(conn: &mut DbConnection, org: OrgId, filter: &RequestFilter) -> Result<Vec<Request>> {
    let mut q = help_requests::table
        .inner_join(neighbours::table)
        .filter(help_requests::organisation_id.eq(org))
        .into_boxed();
    if let Some(st) = &filter.statuses {
        q = q.filter(help_requests::status.eq_any(st.iter().map(|s| s.as_str()).collect::<Vec<_>>()));
    }
    if let Some(n) = filter.neighbour_id {
        q = q.filter(help_requests::neighbour_id.eq(n));
    }
    if let Some(nhs) = &filter.neighbourhoods {
        q = q.filter(neighbours::neighbourhood_id.eq_any(nhs.clone()));
    }
    if let Some(after) = filter.after {
        q = q.filter(help_requests::id.gt(after));
    }
    Ok(q.order(help_requests::id)
        .limit(filter.limit.clamp(1, 10_000))
        .select(Request::as_select())
        .load(conn)?)
}

/// Moves a request to `to` if it is in one of `from`; `Conflict("request_status")`
/// otherwise.
pub fn transition(
    conn: &mut DbConnection,
    org: OrgId,
    id: RequestId,
    from: &[RequestStatus],
    to: RequestStatus,
) -> Result<()> {
    let n = diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::id.eq(id))
            .filter(help_requests::status.eq_any(from.iter().map(|s| s.as_str()).collect::<Vec<_>>())),
    )
    .set((
        help_requests::status.eq(to.as_str()),
        help_requests::updated_at.eq(clock::now()),
    ))
    .execute(conn)?;
    if n == 0 {
        get(conn, org, id)?;
        return Err(StoreError::conflict("request_status"));
    }
    Ok(())
}

/// A coordinator overrules the scope guard. Only while the request waits (open or
/// referral needed); the status follows the new verdict.
pub fn override_scope(
    conn: &mut DbConnection,
    org: OrgId,
    id: RequestId,
    in_scope: bool,
    reason: &str,
) -> Result<Request> {
    let req = get(conn, org, id)?;
    let status = req.status;
    if !matches!(status, RequestStatus::Open | RequestStatus::ReferralNeeded) {
        return Err(StoreError::conflict("request_status"));
    }
    let reason = reason.trim();
    if reason.chars().count() > 500 {
        return Err(StoreError::invalid("reason must be at most 500 characters"));
    }
    let mut reasons = scope_reasons::decode(&req.scope_reasons)?;
    if !reason.is_empty() {
        // The coordinator's own words, the same in every language.
        reasons.push(scope::own_words(reason));
    }
    let to = if in_scope {
        RequestStatus::Open
    } else {
        RequestStatus::ReferralNeeded
    };
    diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::id.eq(id)),
    )
    .set((
        help_requests::scope_in_scope.eq(in_scope),
        help_requests::scope_overridden.eq(true),
        help_requests::scope_reasons.eq(scope_reasons::encode(&reasons)?),
        help_requests::status.eq(to.as_str()),
        help_requests::updated_at.eq(clock::now()),
    ))
    .execute(conn)?;
    get(conn, org, id)
}

/// Stores a coordinator's verdict (made with `nabij_engine::scope::apply_override`):
/// category, reasons and the overridden flag. Only while the request waits (open or
/// referral needed); the status follows the verdict: open when in scope,
/// `referral_needed` otherwise.
pub fn set_scope(
    conn: &mut DbConnection,
    org: OrgId,
    id: RequestId,
    verdict: &ScopeVerdict,
) -> Result<Request> {
    let req = get(conn, org, id)?;
    if !matches!(req.status, RequestStatus::Open | RequestStatus::ReferralNeeded) {
        return Err(StoreError::conflict("request_status"));
    }
    let to = if verdict.in_scope {
        RequestStatus::Open
    } else {
        RequestStatus::ReferralNeeded
    };
    diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::id.eq(id)),
    )
    .set((
        help_requests::scope_in_scope.eq(verdict.in_scope),
        help_requests::scope_category.eq(category_code(verdict.category)),
        help_requests::scope_overridden.eq(verdict.overridden),
        help_requests::scope_reasons.eq(scope_reasons::encode(&verdict.reasons)?),
        help_requests::status.eq(to.as_str()),
        help_requests::updated_at.eq(clock::now()),
    ))
    .execute(conn)?;
    get(conn, org, id)
}

/// Where a request is searched from, as the engine sees it: the requester's published
/// position, or the request's own place when that lies clearly elsewhere (snapped to a
/// grid); never the requester's exact home (see `nabij_engine::position::request_origin`).
pub fn origin(req: &Request, requester: &crate::neighbour::Neighbour) -> Result<Point> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("request {}: {what}", req.id));
    let published = requester
        .published_position()
        .ok_or_else(|| corrupt("requester without a published position"))?;
    let own = match (req.lat, req.lon) {
        (Some(lat), Some(lon)) => Some(Point::from_wgs84(lat, lon).map_err(|e| corrupt(&e.to_string()))?),
        _ => None,
    };
    Ok(nabij_engine::position::request_origin(published, own))
}

/// The engine's view of a request: the requester's languages and interests, where it is
/// searched from ([`origin`]), who declined with the requester before and with whom an
/// earlier match went well.
pub fn to_help_request(conn: &mut DbConnection, org: OrgId, req: &Request) -> Result<HelpRequest> {
    let requester = crate::neighbour::get(conn, org, req.neighbour_id)?;
    let location = origin(req, &requester)?;
    let declined_with = crate::declined::partners(conn, org, requester.id)?;
    let met_before = crate::matching::met_before(conn, org, requester.id)?;
    Ok(HelpRequest {
        requester: requester.id.into(),
        kind: req.kind()?,
        location: location.to_index(),
        radius_m: req.radius_m as f32,
        tags: vocab::tags_lenient(&req.tags()?),
        requester_interests: vocab::tags_lenient(&requester.interests()?),
        languages: vocab::languages_lenient(&requester.languages()?),
        window: req.window()?,
        declined_with: declined_with.into_iter().map(Into::into).collect(),
        met_before: met_before.into_iter().map(Into::into).collect(),
    }
    .normalise())
}
