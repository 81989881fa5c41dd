//! Request and response bodies of `/v1/signals`. An unregistered person's address line
//! is held for the coordinator's contact (shown on the console's signal page) and never
//! sent by the API: responses say only whether there is one.

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::routes::neighbours::body::NeighbourIn;
use crate::routes::requests::body::RequestIn;
use chrono::{DateTime, NaiveDate, Utc};
use nabij_ops::signals::Outcome;
use nabij_store::neighbour::NewNeighbour;
use nabij_store::request::NewRequest;
use nabij_store::signal::{self, Basis, LifeDomain, NewSignal, Signal, SignalOutcome, SignalSource, Subject};
use nabij_store::{clock, rules, NeighbourId, NeighbourhoodId, ServiceId};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A person who is not registered.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonIn {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    /// `signed_card`, `verbal_consent`, `own_request` or `concern`.
    pub basis: String,
}

/// `POST /v1/signals`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalIn {
    /// About a registered neighbour (or `person`).
    #[serde(default)]
    pub neighbour_id: Option<i64>,
    /// About a person who is not registered (or `neighbour_id`).
    #[serde(default, deserialize_with = "crate::extract::object_or_null")]
    pub person: Option<PersonIn>,
    #[serde(default)]
    pub neighbourhood_id: Option<i64>,
    pub source: String,
    #[serde(default)]
    pub referring_partner: Option<String>,
    #[serde(default)]
    pub referring_service_id: Option<i64>,
    #[serde(default)]
    pub signed_on: Option<NaiveDate>,
    pub life_domains: Vec<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub contact_by: Option<NaiveDate>,
}

fn positive(errors: &mut Vec<FieldError>, field: &str, v: Option<i64>) -> Option<i64> {
    if v.is_some_and(|v| v <= 0) {
        errors.push(FieldError::new(field, "must be a positive id"));
    }
    v
}

impl SignalIn {
    /// Checks every field (naming each bad one); the store checks what depends on the
    /// source (a referral card's partner and date) and on other rows.
    pub fn into_new(self, caller: &Caller) -> ApiResult<NewSignal> {
        let mut errors = Vec::new();
        let neighbour_id = positive(&mut errors, "neighbour_id", self.neighbour_id);
        let neighbourhood_id = positive(&mut errors, "neighbourhood_id", self.neighbourhood_id);
        let referring_service_id = positive(&mut errors, "referring_service_id", self.referring_service_id);
        let source = SignalSource::parse(&self.source);
        if source.is_none() {
            errors.push(FieldError::new(
                "source",
                format!("must be one of {}", SignalSource::codes()),
            ));
        }
        let mut domains = Vec::new();
        for d in &self.life_domains {
            match LifeDomain::parse(d) {
                Some(d) if !domains.contains(&d) => domains.push(d),
                Some(_) => errors.push(FieldError::new("life_domains", "names a life domain twice")),
                None => errors.push(FieldError::new(
                    "life_domains",
                    format!("must be among {}", LifeDomain::codes()),
                )),
            }
        }
        if self.life_domains.is_empty() {
            errors.push(FieldError::new(
                "life_domains",
                "must name at least one life domain",
            ));
        }
        if let Err(e) = rules::text(&self.text, signal::MAX_TEXT) {
            errors.push(FieldError::new("text", e.message("text")));
        }
        if let Some(p) = self.referring_partner.as_deref() {
            if let Err(e) = rules::line(p, signal::MAX_PARTNER) {
                errors.push(FieldError::new(
                    "referring_partner",
                    e.message("referring_partner"),
                ));
            }
        }
        let subject = match (neighbour_id, self.person) {
            (Some(id), None) => Some(Subject::Neighbour(NeighbourId(id))),
            (None, Some(p)) => {
                if let Err(e) = rules::display_name(&p.name) {
                    errors.push(FieldError::new("person.name", e.message("person.name")));
                }
                if let Err(e) = rules::phone(p.phone.as_deref()) {
                    errors.push(FieldError::new("person.phone", e.message("person.phone")));
                }
                if let Some(a) = p.address.as_deref() {
                    if let Err(e) = rules::line(a, signal::MAX_ADDRESS) {
                        errors.push(FieldError::new("person.address", e.message("person.address")));
                    }
                }
                let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
                if blank(&p.phone) && blank(&p.address) {
                    errors.push(FieldError::new(
                        "person",
                        "needs a phone number or an address line",
                    ));
                }
                let basis = Basis::parse(&p.basis);
                if basis.is_none() {
                    errors.push(FieldError::new(
                        "person.basis",
                        format!("must be one of {}", Basis::codes()),
                    ));
                }
                basis.map(|basis| Subject::Person {
                    name: p.name,
                    phone: p.phone,
                    address: p.address,
                    basis,
                })
            }
            _ => {
                errors.push(FieldError::new(
                    "person",
                    "name either neighbour_id (a registered neighbour) or person, not both",
                ));
                None
            }
        };
        match (source, subject) {
            (Some(source), Some(subject)) if errors.is_empty() => Ok(NewSignal {
                neighbourhood_id: neighbourhood_id.map(NeighbourhoodId),
                subject,
                source,
                referring_partner: self.referring_partner,
                referring_service_id: referring_service_id.map(ServiceId),
                signed_on: self.signed_on,
                life_domains: domains,
                text: self.text,
                contact_by: self.contact_by,
                filed_by: caller.actor().to_string(),
            }),
            _ => Err(ApiError::invalid_fields(errors)),
        }
    }
}

/// `POST /v1/signals/{id}/outcome`: `outcome` and the fields it takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeIn {
    /// `registered`, `referred`, `recurring_call` or `no_action_wanted`.
    pub outcome: String,
    /// `registered`, `recurring_call`: a registration (a neighbour as for
    /// `POST /v1/neighbours`; `consent` may be left out: it is filled in from the
    /// signal's source).
    #[serde(default, deserialize_with = "crate::extract::object_or_null")]
    pub neighbour: Option<serde_json::Map<String, Value>>,
    /// `registered`: a request as for `POST /v1/requests`, without `neighbour_id`.
    #[serde(default, deserialize_with = "crate::extract::object_or_null")]
    pub request: Option<serde_json::Map<String, Value>>,
    /// `referred`.
    #[serde(default)]
    pub service_id: Option<i64>,
    #[serde(default)]
    pub check_on: Option<NaiveDate>,
    /// `recurring_call`.
    #[serde(default)]
    pub next_call_on: Option<NaiveDate>,
    /// `no_action_wanted`: who said so (e.g. "the person", "her daughter").
    #[serde(default)]
    pub decided_by: Option<String>,
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
}

/// A nested body's error, its field names put under `prefix`.
fn nested(prefix: &str, e: ApiError) -> ApiError {
    match e {
        ApiError::BadRequest { code, detail, errors } => {
            let errors: Vec<FieldError> = errors
                .into_iter()
                .map(|f| FieldError::new(format!("{prefix}.{}", f.field), f.message))
                .collect();
            let detail = format!("{prefix}: {detail}");
            let errors = if errors.is_empty() {
                vec![FieldError::new(prefix, detail.clone())]
            } else {
                errors
            };
            ApiError::BadRequest { code, detail, errors }
        }
        other => other,
    }
}

fn parse_nested<T: serde::de::DeserializeOwned>(prefix: &str, v: Value) -> ApiResult<T> {
    serde_json::from_value(v).map_err(|e| nested(prefix, crate::extract::serde_json_error(&e)))
}

impl OutcomeIn {
    /// The outcome, with a registration's consent channel filled in from `source`
    /// when the body leaves it out (required for sources that do not say one).
    pub fn into_outcome(self, caller: &Caller, source: SignalSource) -> ApiResult<Outcome> {
        let kind = SignalOutcome::parse(&self.outcome).ok_or_else(|| {
            ApiError::invalid_field("outcome", format!("must be one of {}", SignalOutcome::codes()))
        })?;
        let mut errors = Vec::new();
        let mut refuse = |present: bool, field: &str| {
            if present {
                errors.push(FieldError::new(
                    field,
                    format!("does not go with outcome {}", kind.as_str()),
                ));
            }
        };
        use SignalOutcome as K;
        refuse(
            self.neighbour.is_some() && !matches!(kind, K::Registered | K::RecurringCall),
            "neighbour",
        );
        refuse(self.request.is_some() && kind != K::Registered, "request");
        refuse(self.service_id.is_some() && kind != K::Referred, "service_id");
        refuse(self.check_on.is_some() && kind != K::Referred, "check_on");
        refuse(
            self.next_call_on.is_some() && kind != K::RecurringCall,
            "next_call_on",
        );
        refuse(
            self.decided_by.is_some() && kind != K::NoActionWanted,
            "decided_by",
        );
        refuse(
            self.decided_on.is_some() && kind != K::NoActionWanted,
            "decided_on",
        );
        if !errors.is_empty() {
            return Err(ApiError::invalid_fields(errors));
        }
        let neighbour = self
            .neighbour
            .map(|n| registration(n, caller, source))
            .transpose()?;
        Ok(match kind {
            K::Registered => {
                let request = self.request.map(request_of).transpose()?;
                if neighbour.is_none() && request.is_none() {
                    return Err(ApiError::invalid_field(
                        "neighbour",
                        "registered needs a registration (neighbour), a request, or both",
                    ));
                }
                Outcome::Registered { neighbour, request }
            }
            K::Referred => {
                let id = self.service_id.filter(|s| *s > 0).ok_or_else(|| {
                    ApiError::invalid_field("service_id", "a positive service id is required")
                })?;
                Outcome::Referred {
                    service_id: ServiceId(id),
                    check_on: self.check_on,
                }
            }
            K::RecurringCall => Outcome::RecurringCall {
                neighbour,
                next_call_on: self.next_call_on.ok_or_else(|| {
                    ApiError::invalid_field("next_call_on", "the date of the next call is required")
                })?,
            },
            K::NoActionWanted => {
                let by = self.decided_by.unwrap_or_default();
                let by = rules::name(&by, signal::MAX_NOTE)
                    .map_err(|e| ApiError::invalid_field("decided_by", e.message("decided_by")))?;
                Outcome::NoActionWanted {
                    decided_by: by,
                    decided_on: self.decided_on,
                }
            }
        })
    }
}

/// A registration from an outcome body.
fn registration(
    mut n: serde_json::Map<String, Value>,
    caller: &Caller,
    source: SignalSource,
) -> ApiResult<NewNeighbour> {
    if !n.contains_key("consent") {
        let Some(channel) = source.consent_channel() else {
            return Err(ApiError::invalid_field(
                "neighbour.consent",
                "required: this signal's source does not say how consent was given",
            ));
        };
        n.insert("consent".into(), serde_json::json!({"channel": channel.as_str()}));
    }
    let body: NeighbourIn = parse_nested("neighbour", Value::Object(n))?;
    body.into_new(caller).map_err(|e| nested("neighbour", e))
}

/// A request from an outcome body; its neighbour is set by the operation.
pub(crate) fn request_of(mut r: serde_json::Map<String, Value>) -> ApiResult<NewRequest> {
    if r.contains_key("neighbour_id") {
        return Err(ApiError::invalid_field(
            "request.neighbour_id",
            "is the signal's neighbour: leave it out",
        ));
    }
    // A placeholder the operation replaces with the signal's (new) neighbour.
    r.insert("neighbour_id".into(), Value::from(1));
    let body: RequestIn = parse_nested("request", Value::Object(r))?;
    body.into_new().map_err(|e| nested("request", e))
}

/// The person a signal is about, when not registered.
#[derive(Debug, Serialize)]
pub struct PersonOut {
    pub name: String,
    pub phone: Option<String>,
    /// Whether an address line is held (shown on the console only).
    pub has_address: bool,
    pub basis: String,
}

/// The outcome of a closed signal.
#[derive(Debug, Serialize)]
pub struct OutcomeOut {
    pub outcome: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
    pub request_id: Option<i64>,
    pub service_id: Option<i64>,
    pub call_id: Option<i64>,
    pub check_on: Option<NaiveDate>,
    pub next_call_on: Option<NaiveDate>,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct SignalOut {
    pub id: i64,
    /// `open` or `closed`.
    pub status: String,
    /// Open, and its contact-by date has passed.
    pub overdue: bool,
    pub source: String,
    pub neighbourhood_id: Option<i64>,
    pub neighbour_id: Option<i64>,
    pub person: Option<PersonOut>,
    pub referring_partner: Option<String>,
    pub referring_service_id: Option<i64>,
    pub signed_on: Option<NaiveDate>,
    pub life_domains: Vec<String>,
    pub text: String,
    pub contact_by: NaiveDate,
    pub filed_by: String,
    pub created_at: DateTime<Utc>,
    pub outcome: Option<OutcomeOut>,
}

impl SignalOut {
    pub fn from_row(s: &Signal) -> ApiResult<Self> {
        let outcome = match (s.outcome()?, s.outcome_at) {
            (Some(kind), Some(at)) => {
                let on = s.outcome_on()?;
                let when = |k: SignalOutcome| on.filter(|_| kind == k);
                Some(OutcomeOut {
                    outcome: kind.as_str().to_string(),
                    recorded_at: clock::utc(at),
                    recorded_by: s.outcome_by.clone().unwrap_or_default(),
                    request_id: s.outcome_request_id.map(|r| r.get()),
                    service_id: s.outcome_service_id.map(|r| r.get()),
                    call_id: s.outcome_call_id.map(|r| r.get()),
                    check_on: when(SignalOutcome::Referred),
                    next_call_on: when(SignalOutcome::RecurringCall),
                    decided_by: s.outcome_note.clone(),
                    decided_on: when(SignalOutcome::NoActionWanted),
                })
            }
            _ => None,
        };
        let person = s.person_name.as_ref().map(|name| PersonOut {
            name: name.clone(),
            phone: s.person_phone.clone(),
            has_address: s.person_address.is_some(),
            basis: s.basis.clone().unwrap_or_default(),
        });
        Ok(SignalOut {
            id: s.id.get(),
            status: s.status().as_str().to_string(),
            overdue: s.is_overdue(signal::today()),
            source: s.source.clone(),
            neighbourhood_id: s.neighbourhood_id.map(|n| n.get()),
            neighbour_id: s.neighbour_id.map(|n| n.get()),
            person,
            referring_partner: s.referring_partner.clone(),
            referring_service_id: s.referring_service_id.map(|r| r.get()),
            signed_on: s.signed_on()?,
            life_domains: s.life_domains()?.iter().map(|d| d.as_str().to_string()).collect(),
            text: s.text.clone(),
            contact_by: s.contact_by()?,
            filed_by: s.filed_by.clone(),
            created_at: clock::utc(s.created_at),
            outcome,
        })
    }
}

/// What `POST /v1/signals/{id}/outcome` answers: the closed signal and what the
/// outcome created.
#[derive(Debug, Serialize)]
pub struct OutcomeResult {
    pub signal: SignalOut,
    /// The neighbour registered from the signal, if one was.
    pub neighbour_id: Option<i64>,
    /// The request filed, if one was.
    pub request_id: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct SignalPage {
    pub items: Vec<SignalOut>,
    pub next_cursor: Option<String>,
}

/// `GET /v1/signals` query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub cursor: Option<String>,
    /// `open` or `closed`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub overdue: Option<bool>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub neighbourhood_id: Option<i64>,
}
