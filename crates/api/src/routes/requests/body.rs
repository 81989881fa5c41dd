//! Request and response bodies of `/v1/requests`. `location` is write-only: responses
//! never carry coordinates.

use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Days, NaiveDate, Utc};
use nabij_engine::projection::check_radius;
use nabij_engine::scope::{self, ScopeInput, ScopeReason, ScopeVerdict};
use nabij_engine::{DayPart, Point, RequestKind, WeeklySlots, Window};
use nabij_store::request::{self, NewRequest, Request, MAX_TEXT};
use nabij_store::service::Service;
use nabij_store::{clock, vocab, NeighbourId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationIn {
    pub lat: f64,
    pub lon: f64,
}

/// `{"type":"once","date":"2026-12-01","parts":["morning"]}`,
/// `{"type":"weekly","slots":["tue-afternoon"]}` or `{"type":"flexible"}`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum WindowIn {
    Once {
        date: NaiveDate,
        #[serde(default)]
        parts: Vec<DayPart>,
    },
    Weekly {
        slots: Vec<String>,
    },
    /// A struct variant (not a unit one) so that unknown fields are refused here too.
    Flexible {},
}

/// `POST /v1/requests`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestIn {
    pub neighbour_id: i64,
    pub kind: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub text: String,
    #[serde(deserialize_with = "crate::extract::object")]
    pub window: WindowIn,
    /// Where it takes place when not at the requester's home.
    #[serde(default, deserialize_with = "crate::extract::object_or_null")]
    pub location: Option<LocationIn>,
    /// Search radius in metres; the requester's travel radius when absent.
    #[serde(default)]
    pub radius_m: Option<f64>,
    /// Hints for the scope guard.
    #[serde(default)]
    pub recurrence: Option<String>,
    #[serde(default)]
    pub duration_minutes: Option<u32>,
}

impl RequestIn {
    /// Checks every field (naming each bad one) and runs the scope guard.
    pub fn into_new(self) -> ApiResult<NewRequest> {
        let mut errors = Vec::new();
        let mut bad = |field: &str, msg: String| errors.push(FieldError::new(field, msg));
        let neighbour_id = NeighbourId(self.neighbour_id);
        if self.neighbour_id <= 0 {
            bad("neighbour_id", "must be a positive id".into());
        }
        let kind = RequestKind::parse(&self.kind);
        if kind.is_none() {
            bad("kind", "must be emotional, companionship or practical".into());
        }
        let tags = vocab::canonical_tags(&self.tags, "tags").unwrap_or_else(|e| {
            bad("tags", store_message(e));
            Vec::new()
        });
        if let Err(e) = nabij_store::rules::text(&self.text, MAX_TEXT) {
            bad("text", e.message("text"));
        }
        let window = window_from(self.window, &mut bad);
        if let Some(l) = &self.location {
            if let Err(e) = Point::from_wgs84(l.lat, l.lon) {
                bad("location", e.to_string());
            }
        }
        if let Some(r) = self.radius_m {
            if let Err(e) = check_radius(r) {
                bad("radius_m", e.to_string());
            }
        }
        let recurrence = self.recurrence.as_deref().map(request::parse_recurrence);
        if recurrence == Some(None) {
            bad(
                "recurrence",
                "must be once, occasional, monthly, weekly, several_per_week or daily".into(),
            );
        }
        if self.duration_minutes.is_some_and(|d| d == 0 || d > 24 * 60) {
            bad("duration_minutes", "must be between 1 and 1440".into());
        }
        let Some(kind) = kind.filter(|_| errors.is_empty()) else {
            return Err(ApiError::invalid_fields(errors));
        };
        let recurrence = recurrence.flatten();
        let verdict = scope::classify(&ScopeInput {
            text: &self.text,
            kind: Some(kind),
            recurrence,
            duration_minutes: self.duration_minutes,
        });
        Ok(NewRequest {
            neighbour_id,
            kind,
            tags,
            text: self.text,
            window,
            recurrence,
            duration_minutes: self.duration_minutes,
            location: self.location.map(|l| (l.lat, l.lon)),
            radius_m: self.radius_m,
            scope: verdict,
        })
    }
}

/// A window as filed or edited, under the rules of filing; a bad one is reported
/// through `bad` (field `window.date` or `window.slots`).
pub(crate) fn window_from(w: WindowIn, bad: &mut impl FnMut(&str, String)) -> Window {
    match w {
        WindowIn::Once { date, parts } => {
            let today = Utc::now().date_naive();
            let (earliest, latest) = (today - Days::new(1), today + Days::new(366));
            if date < earliest || date > latest {
                bad("window.date", "must lie between today and a year from now".into());
            }
            Window::Once { date, parts }
        }
        WindowIn::Flexible {} => Window::Flexible,
        WindowIn::Weekly { slots } => {
            let parsed = slots.iter().try_fold(WeeklySlots::NONE, |acc, c| {
                WeeklySlots::parse_code(c).map(|s| acc.union(s))
            });
            match parsed {
                Ok(s) if !s.is_empty() && slots.len() <= vocab::MAX_CODES => Window::Weekly { slots: s },
                Ok(_) => {
                    bad(
                        "window.slots",
                        "must name 1 to 64 slots such as tue-afternoon".into(),
                    );
                    Window::Flexible
                }
                Err(e) => {
                    bad("window.slots", e.to_string());
                    Window::Flexible
                }
            }
        }
    }
}

/// `POST /v1/requests/{id}/cancel`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancelIn {
    /// `no_longer_needed`, `solved_otherwise`, `person_asked`, `filed_in_error` or
    /// `other` (with a note).
    pub reason: String,
    #[serde(default)]
    pub note: Option<String>,
}

impl CancelIn {
    pub fn into_cancellation(self) -> ApiResult<nabij_ops::requests::Cancellation> {
        let mut errors = Vec::new();
        let reason = request::CancelReason::parse(&self.reason);
        if reason.is_none() {
            errors.push(FieldError::new(
                "reason",
                "must be no_longer_needed, solved_otherwise, person_asked, filed_in_error or other",
            ));
        }
        let note = self.note.filter(|n| !n.trim().is_empty());
        if let Some(n) = &note {
            if let Err(e) = nabij_store::rules::text(n, request::MAX_CANCEL_NOTE) {
                errors.push(FieldError::new("note", e.message("note")));
            }
        }
        if reason == Some(request::CancelReason::Other) && note.is_none() {
            errors.push(FieldError::new("note", "say why when the reason is other"));
        }
        match reason {
            Some(reason) if errors.is_empty() => Ok(nabij_ops::requests::Cancellation {
                reason,
                note: note.map(|n| n.trim().to_string()),
            }),
            _ => Err(ApiError::invalid_fields(errors)),
        }
    }
}

/// `POST /v1/requests/{id}/reopen`: no fields (the body may be left out).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReopenIn {}

/// `PATCH /v1/requests/{id}`: any of text, tags and window.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestPatch {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::extract::object_or_null")]
    pub window: Option<WindowIn>,
}

impl RequestPatch {
    /// Checks every field under the rules of filing (naming each bad one).
    pub fn into_edit(self) -> ApiResult<request::RequestEdit> {
        let mut errors = Vec::new();
        let mut bad = |field: &str, msg: String| errors.push(FieldError::new(field, msg));
        if self.text.is_none() && self.tags.is_none() && self.window.is_none() {
            bad("body", "name at least one of text, tags and window".into());
        }
        let tags = self.tags.map(|t| {
            vocab::canonical_tags(&t, "tags").unwrap_or_else(|e| {
                bad("tags", store_message(e));
                Vec::new()
            })
        });
        if let Some(t) = &self.text {
            if let Err(e) = nabij_store::rules::text(t, MAX_TEXT) {
                bad("text", e.message("text"));
            }
        }
        let window = self.window.map(|w| window_from(w, &mut bad));
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        Ok(request::RequestEdit {
            text: self.text,
            tags,
            window,
        })
    }
}

/// The client-safe message of a store validation error.
fn store_message(e: nabij_store::StoreError) -> String {
    match e {
        nabij_store::StoreError::Invalid(msg) => msg,
        other => other.to_string(),
    }
}

/// `POST /v1/requests/{id}/scope-override`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideIn {
    /// `small_help`, `structural`, `heavy` or `personal_care`.
    pub category: String,
    pub reason: String,
}

/// Longest override reason, in characters.
pub const MAX_REASON: usize = 500;

impl OverrideIn {
    pub fn category(&self) -> ApiResult<nabij_engine::scope::ScopeCategory> {
        let mut errors = Vec::new();
        let category = request::parse_category(&self.category);
        if category.is_none() {
            errors.push(FieldError::new(
                "category",
                "must be small_help, structural, heavy or personal_care",
            ));
        }
        if let Err(e) = nabij_store::rules::name(&self.reason, MAX_REASON) {
            errors.push(FieldError::new("reason", e.message("reason")));
        }
        match category {
            Some(c) if errors.is_empty() => Ok(c),
            _ => Err(ApiError::invalid_fields(errors)),
        }
    }
}

/// `GET /v1/requests` query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub neighbour_id: Option<i64>,
}

/// The scope verdict as the API shows it.
#[derive(Debug, Serialize)]
pub struct ScopeOut {
    pub in_scope: bool,
    pub category: &'static str,
    /// The reasons in Dutch (kept a list of strings for existing clients).
    pub reasons: Vec<String>,
    /// The same reasons, in the same order, in Dutch, French and English.
    #[serde(serialize_with = "crate::reasons::serialize_scope_reasons")]
    pub reasons_i18n: Vec<ScopeReason>,
    pub overridden: bool,
    /// The evidence is weak or conflicting: a coordinator should look before candidates.
    pub needs_review: bool,
}

impl From<ScopeVerdict> for ScopeOut {
    fn from(v: ScopeVerdict) -> Self {
        ScopeOut {
            in_scope: v.in_scope,
            category: v.category.code(),
            reasons: v
                .reasons
                .iter()
                .map(|r| nabij_i18n::render_reason(nabij_i18n::Locale::Nl, r))
                .collect(),
            reasons_i18n: v.reasons,
            overridden: v.overridden,
            needs_review: v.needs_review,
        }
    }
}

/// The stored verdict with `needs_review` filled in. The flag is not stored: the guard
/// runs again on the request's text and fields (in-process, well under a millisecond)
/// and the request needs review when that run is unsure, or when it no longer agrees
/// with the stored category. An overridden verdict never needs review.
fn scope_out(r: &Request) -> ApiResult<ScopeOut> {
    let mut stored = r.scope()?;
    if !stored.overridden {
        let now = scope::classify(&ScopeInput {
            text: &r.text,
            kind: RequestKind::parse(&r.kind),
            recurrence: r.recurrence(),
            duration_minutes: r.duration_minutes.and_then(|d| u32::try_from(d).ok()),
        });
        stored.needs_review = now.needs_review || now.category != stored.category;
    }
    Ok(stored.into())
}

/// A service as suggested for a request, and as listed in the directory.
#[derive(Debug, Serialize)]
pub struct ServiceOut {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub categories: Vec<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub area: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl ServiceOut {
    pub fn from_row(s: &Service) -> ApiResult<Self> {
        Ok(ServiceOut {
            id: s.id.get(),
            name: s.name.clone(),
            description: s.description.clone(),
            categories: s.categories()?,
            phone: s.phone.clone(),
            email: s.email.clone(),
            website: s.website.clone(),
            area: s.area.clone(),
            created_at: clock::utc(s.created_at),
        })
    }
}

/// A request as the API shows it: no coordinates.
#[derive(Debug, Serialize)]
pub struct RequestOut {
    pub id: i64,
    pub neighbour_id: i64,
    pub kind: String,
    pub tags: Vec<String>,
    pub text: String,
    pub window: Window,
    pub recurrence: Option<String>,
    pub duration_minutes: Option<i32>,
    pub radius_m: f64,
    /// Whether it takes place somewhere else than the requester's home.
    pub has_own_location: bool,
    pub status: nabij_store::request::RequestStatus,
    pub scope: ScopeOut,
    /// Services of the organisation that fit the scope category, when out of scope.
    pub suggested_services: Vec<ServiceOut>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Since when the expiry clock runs: filing, or the coordinator's last re-open.
    pub open_since: DateTime<Utc>,
    /// Set while the request waits for the coordinator to refer or re-open it.
    pub flag: Option<FlagOut>,
    /// Why it was cancelled, once cancelled.
    pub cancellation: Option<CancellationOut>,
}

/// Why a request waits for the coordinator.
#[derive(Debug, Serialize)]
pub struct FlagOut {
    /// `open_too_long`, `proposals_declined` or `no_candidates`.
    pub reason: request::FlagReason,
    pub at: DateTime<Utc>,
}

/// Why a request was cancelled.
#[derive(Debug, Serialize)]
pub struct CancellationOut {
    pub reason: request::CancelReason,
    pub note: Option<String>,
}

impl RequestOut {
    pub fn from_row(r: &Request, suggested: &[Service]) -> ApiResult<Self> {
        Ok(RequestOut {
            id: r.id.get(),
            neighbour_id: r.neighbour_id.get(),
            kind: r.kind.clone(),
            tags: r.tags()?,
            text: r.text.clone(),
            window: r.window()?,
            recurrence: r.recurrence.clone(),
            duration_minutes: r.duration_minutes,
            radius_m: r.radius_m,
            has_own_location: r.lat.is_some(),
            status: r.status,
            scope: scope_out(r)?,
            suggested_services: suggested
                .iter()
                .map(ServiceOut::from_row)
                .collect::<ApiResult<_>>()?,
            created_at: clock::utc(r.created_at),
            updated_at: clock::utc(r.updated_at),
            open_since: clock::utc(r.open_since),
            flag: match (r.flag_reason, r.flagged_at) {
                (Some(reason), Some(at)) => Some(FlagOut {
                    reason,
                    at: clock::utc(at),
                }),
                _ => None,
            },
            cancellation: r.cancel_reason.map(|reason| CancellationOut {
                reason,
                note: r.cancel_note.clone(),
            }),
        })
    }
}

/// A page of requests.
#[derive(Debug, Serialize)]
pub struct RequestPage {
    pub items: Vec<RequestOut>,
    pub next_cursor: Option<String>,
}
