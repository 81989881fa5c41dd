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

text_enum! {
    /// Why an open request is put before the coordinator (to refer or to re-open): it
    /// is never dropped silently (see [`flag`]).
    pub enum FlagReason in "help_requests.flag_reason" {
        /// Open without a match for the organisation's `request_flag_days`.
        OpenTooLong = "open_too_long",
        /// `request_flag_proposals` proposals declined or lapsed since it was (re)opened.
        ProposalsDeclined = "proposals_declined",
        /// A re-matching run found no candidate at all, and it is open that long.
        NoCandidates = "no_candidates",
    }
}

text_enum! {
    /// Why a request was cancelled. Residents have no login: a coordinator records the
    /// person's own wish as `person_asked` (or what they said: no longer needed, solved
    /// otherwise).
    pub enum CancelReason in "help_requests.cancel_reason" {
        NoLongerNeeded = "no_longer_needed",
        SolvedOtherwise = "solved_otherwise",
        PersonAsked = "person_asked",
        FiledInError = "filed_in_error",
        /// Needs a note saying what.
        Other = "other",
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
    /// Who filed it: the caller's audit subject (`user:3`, `client:app`); `None` for
    /// requests filed before this was recorded.
    pub filed_by: Option<String>,
    /// Where the expiry clock starts: filing, or the coordinator's last re-open.
    pub open_since: NaiveDateTime,
    /// Set while the request waits for the coordinator to refer or re-open it.
    pub flagged_at: Option<NaiveDateTime>,
    pub flag_reason: Option<FlagReason>,
    pub cancel_reason: Option<CancelReason>,
    pub cancel_note: Option<String>,
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
    open_since: NaiveDateTime,
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
        open_since: now,
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

/// Records who filed a request (the caller's audit subject), in the filing transaction.
pub fn set_filed_by(conn: &mut DbConnection, org: OrgId, id: RequestId, subject: &str) -> Result<()> {
    diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::id.eq(id)),
    )
    .set(help_requests::filed_by.eq(Some(subject)))
    .execute(conn)?;
    Ok(())
}

/// Longest cancellation note, in characters.
pub const MAX_CANCEL_NOTE: usize = 500;

/// Cancels a request that is open or proposed (`Conflict("request_not_cancellable")`
/// otherwise), with its reason; the flag is cleared. The caller withdraws the open
/// proposals ([`crate::matching::withdraw_proposals`]) in the same transaction.
pub fn cancel(
    conn: &mut DbConnection,
    org: OrgId,
    id: RequestId,
    reason: CancelReason,
    note: Option<&str>,
) -> Result<Request> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if let Some(n) = note {
        crate::rules::text(n, MAX_CANCEL_NOTE).map_err(|e| StoreError::invalid(e.message("note")))?;
    }
    if reason == CancelReason::Other && note.is_none() {
        return Err(StoreError::invalid("note: say why when the reason is other"));
    }
    let n = diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::id.eq(id))
            .filter(
                help_requests::status
                    .eq_any([RequestStatus::Open.as_str(), RequestStatus::Proposed.as_str()]),
            ),
    )
    .set((
        help_requests::status.eq(RequestStatus::Cancelled.as_str()),
        help_requests::cancel_reason.eq(Some(reason.as_str())),
        help_requests::cancel_note.eq(note),
        help_requests::flagged_at.eq(None::<NaiveDateTime>),
        help_requests::flag_reason.eq(None::<&str>),
        help_requests::updated_at.eq(clock::now()),
    ))
    .execute(conn)?;
    if n == 0 {
        get(conn, org, id)?;
        return Err(StoreError::conflict("request_not_cancellable"));
    }
    get(conn, org, id)
}

/// What an edit changes; `None` keeps the field.
#[derive(Debug, Clone, Default)]
pub struct RequestEdit {
    pub text: Option<String>,
    pub tags: Option<Vec<String>>,
    pub window: Option<Window>,
}

impl RequestEdit {
    pub fn is_empty(&self) -> bool {
        self.text.is_none() && self.tags.is_none() && self.window.is_none()
    }
}

/// Changes text, tags and/or window of a request that is open (not waiting on a
/// proposal) or waiting for a referral (`Conflict("request_not_editable")` otherwise),
/// under the same rules as filing. `verdict`, when given (the text changed), is the
/// guard's new verdict: the status follows it as at filing (open when in scope,
/// `referral_needed` otherwise).
pub fn edit(
    conn: &mut DbConnection,
    org: OrgId,
    id: RequestId,
    change: &RequestEdit,
    verdict: Option<&ScopeVerdict>,
) -> Result<Request> {
    let req = get(conn, org, id)?;
    if !matches!(req.status, RequestStatus::Open | RequestStatus::ReferralNeeded) {
        return Err(StoreError::conflict("request_not_editable"));
    }
    let text = change.text.as_deref().map(check_text).transpose()?;
    let tags = change
        .tags
        .as_ref()
        .map(|t| vocab::canonical_tags(t, "tags").and_then(|t| json_text::encode(&t)))
        .transpose()?;
    let window = change.window.as_ref().map(json_text::encode).transpose()?;
    let target = help_requests::table
        .filter(help_requests::organisation_id.eq(org))
        .filter(help_requests::id.eq(id))
        .filter(help_requests::status.eq_any([
            RequestStatus::Open.as_str(),
            RequestStatus::ReferralNeeded.as_str(),
        ]));
    let n = diesel::update(target)
        .set((
            help_requests::text.eq(text.unwrap_or(req.text)),
            help_requests::tags.eq(tags.unwrap_or(req.tags)),
            help_requests::window.eq(window.unwrap_or(req.window)),
            help_requests::updated_at.eq(clock::now()),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(StoreError::conflict("request_not_editable"));
    }
    if let Some(v) = verdict {
        let to = if v.in_scope {
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
            help_requests::scope_in_scope.eq(v.in_scope),
            help_requests::scope_category.eq(category_code(v.category)),
            help_requests::scope_overridden.eq(v.overridden),
            help_requests::scope_reasons.eq(scope_reasons::encode(&v.reasons)?),
            help_requests::status.eq(to.as_str()),
        ))
        .execute(conn)?;
    }
    get(conn, org, id)
}

/// Flags an open, unflagged request for the coordinator; `Ok(false)` when it is not
/// open or already flagged (nothing changes).
pub fn flag(
    conn: &mut DbConnection,
    org: OrgId,
    id: RequestId,
    reason: FlagReason,
    now: NaiveDateTime,
) -> Result<bool> {
    let n = diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::id.eq(id))
            .filter(help_requests::status.eq(RequestStatus::Open.as_str()))
            .filter(help_requests::flagged_at.is_null()),
    )
    .set((
        help_requests::flagged_at.eq(Some(now)),
        help_requests::flag_reason.eq(Some(reason.as_str())),
        help_requests::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// The coordinator re-opens a flagged request: the flag is cleared and the expiry clock
/// starts again at `now`. `Conflict("request_not_flagged")` when it is not flagged.
pub fn reopen(conn: &mut DbConnection, org: OrgId, id: RequestId, now: NaiveDateTime) -> Result<Request> {
    let n = diesel::update(
        help_requests::table
            .filter(help_requests::organisation_id.eq(org))
            .filter(help_requests::id.eq(id))
            .filter(help_requests::status.eq(RequestStatus::Open.as_str()))
            .filter(help_requests::flagged_at.is_not_null()),
    )
    .set((
        help_requests::flagged_at.eq(None::<NaiveDateTime>),
        help_requests::flag_reason.eq(None::<&str>),
        help_requests::open_since.eq(now),
        help_requests::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n == 0 {
        get(conn, org, id)?;
        return Err(StoreError::conflict("request_not_flagged"));
    }
    get(conn, org, id)
}

/// Open, unflagged requests whose clock started at or before `cutoff`, in id order.
pub fn open_since_before(conn: &mut DbConnection, org: OrgId, cutoff: NaiveDateTime) -> Result<Vec<Request>> {
    Ok(help_requests::table
        .filter(help_requests::organisation_id.eq(org))
        .filter(help_requests::status.eq(RequestStatus::Open.as_str()))
        .filter(help_requests::flagged_at.is_null())
        .filter(help_requests::open_since.le(cutoff))
        .order(help_requests::id)
        .select(Request::as_select())
        .load(conn)?)
}

/// Open, unflagged requests with at least `k` proposals declined or lapsed since their
/// clock started (withdrawn ones do not count), in id order.
pub fn with_declined_proposals(conn: &mut DbConnection, org: OrgId, k: u32) -> Result<Vec<Request>> {
    use crate::schema::matches;
    let counts: Vec<(RequestId, i64)> = matches::table
        .inner_join(help_requests::table)
        .filter(matches::organisation_id.eq(org))
        .filter(help_requests::organisation_id.eq(org))
        .filter(help_requests::status.eq(RequestStatus::Open.as_str()))
        .filter(help_requests::flagged_at.is_null())
        .filter(matches::status.eq(crate::matching::MatchStatus::Declined.as_str()))
        .filter(
            matches::ended_by
                .is_null()
                .or(matches::ended_by.ne(crate::matching::MatchEnd::Withdrawn.as_str())),
        )
        .filter(matches::created_at.ge(help_requests::open_since))
        .group_by(matches::request_id)
        .select((matches::request_id, diesel::dsl::count_star()))
        .load(conn)?;
    let ids: Vec<RequestId> = counts
        .into_iter()
        .filter(|(_, n)| *n >= i64::from(k))
        .map(|(id, _)| id)
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(help_requests::table
        .filter(help_requests::organisation_id.eq(org))
        .filter(help_requests::id.eq_any(ids))
        .order(help_requests::id)
        .select(Request::as_select())
        .load(conn)?)
}

/// Flagged requests still open (the coordinator's list), oldest flag first.
pub fn flagged(
    conn: &mut DbConnection,
    org: OrgId,
    neighbourhoods: Option<&[NeighbourhoodId]>,
    limit: i64,
) -> Result<Vec<Request>> {
    let mut q = help_requests::table
        .inner_join(neighbours::table)
        .filter(help_requests::organisation_id.eq(org))
        .filter(help_requests::status.eq(RequestStatus::Open.as_str()))
        .filter(help_requests::flagged_at.is_not_null())
        .into_boxed();
    if let Some(nhs) = neighbourhoods {
        q = q.filter(neighbours::neighbourhood_id.eq_any(nhs.to_vec()));
    }
    Ok(q.order((help_requests::flagged_at, help_requests::id))
        .limit(limit.clamp(1, 1000))
        .select(Request::as_select())
        .load(conn)?)
}
