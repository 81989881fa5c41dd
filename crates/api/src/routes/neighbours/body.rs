//! Request and response bodies of `/v1/neighbours`. Responses show the neighbourhood,
//! never the exact coordinates (`location` is write-only).

use crate::auth::{Caller, Role};
use crate::error::{ApiError, ApiResult, FieldError};
use chrono::{DateTime, Duration, Utc};
use nabij_store::neighbour::{Consent, ConsentChannel, NeighbourUpdate, NewNeighbour};
use nabij_store::neighbourhood::Neighbourhood;
use nabij_store::rules;
use nabij_store::{clock, NeighbourhoodId};
use serde::{Deserialize, Deserializer, Serialize};

/// `Some(None)` for an explicit `null`, `Some(Some(v))` for a value; absent stays `None`
/// through `#[serde(default)]`.
fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationIn {
    pub lat: f64,
    pub lon: f64,
}

/// An address of the organisation's address register, instead of a position: the
/// server finds its point (422 `address_unknown` with suggestions when there is none).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressIn {
    pub street: String,
    pub house_number: String,
    #[serde(default)]
    pub box_number: Option<String>,
    pub postcode: String,
}

impl AddressIn {
    pub fn to_query(&self) -> nabij_store::address::AddressQuery {
        nabij_store::address::AddressQuery {
            street: self.street.clone(),
            house_number: self.house_number.clone(),
            box_number: self.box_number.clone(),
            postcode: self.postcode.clone(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactIn {
    #[serde(default, deserialize_with = "nullable")]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub phone: Option<Option<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentIn {
    pub channel: String,
    /// Defaults to now.
    #[serde(default)]
    pub recorded_at: Option<DateTime<Utc>>,
    /// Defaults to the caller.
    #[serde(default)]
    pub recorded_by: Option<String>,
}

/// How far a `consent.recorded_at` may lie ahead of the server's clock (clock skew of
/// the device that recorded it).
pub const CONSENT_SKEW: Duration = Duration::minutes(5);
/// How far back a `consent.recorded_at` may lie: a year. Consent is recorded when it is
/// given (after the home visit, the phone round, the referral card); one given longer
/// ago and never recorded should be asked again rather than back-dated, and a date
/// decades away is a typing error or a forgery, not a record.
pub const CONSENT_MAX_AGE: Duration = Duration::days(366);

impl ConsentIn {
    /// The consent as recorded. `recorded_at` lies in the past year (a few minutes of
    /// clock skew allowed). Staff may name the colleague who took the consent in
    /// `recorded_by`; for a partner app it is always the partner client itself.
    fn into_consent(self, caller: &Caller, errors: &mut Vec<FieldError>) -> Option<Consent> {
        let channel = ConsentChannel::parse(&self.channel);
        if channel.is_none() {
            errors.push(FieldError::new(
                "consent.channel",
                "must be self, home_visit, phone_round or referral_card",
            ));
        }
        let now = Utc::now();
        let recorded_at = self.recorded_at.unwrap_or(now);
        if recorded_at > now + CONSENT_SKEW {
            errors.push(FieldError::new(
                "consent.recorded_at",
                "must not lie in the future: consent is recorded once it was given",
            ));
        } else if recorded_at < now - CONSENT_MAX_AGE {
            errors.push(FieldError::new(
                "consent.recorded_at",
                "must lie within the past year; ask for consent again rather than back-dating it",
            ));
        }
        let recorded_by = match (caller.role, self.recorded_by) {
            (Role::Partner, Some(by)) if by.trim() != caller.actor() => {
                errors.push(FieldError::new(
                    "consent.recorded_by",
                    format!(
                        "a partner app cannot name who recorded the consent: it is recorded as the client itself ({})",
                        caller.actor()
                    ),
                ));
                None
            }
            (_, Some(by)) => match rules::name(&by, nabij_store::neighbour::MAX_RECORDER) {
                Ok(by) => Some(by),
                Err(e) => {
                    errors.push(FieldError::new(
                        "consent.recorded_by",
                        e.message("consent.recorded_by"),
                    ));
                    None
                }
            },
            (_, None) => Some(caller.actor().to_string()),
        };
        Some(Consent {
            channel: channel?,
            recorded_at: clock::stored(recorded_at),
            recorded_by: recorded_by?,
        })
    }
}

/// Applies a field rule, noting a broken one under `field`.
fn rule<T>(errors: &mut Vec<FieldError>, field: &str, r: Result<T, rules::RuleError>) -> Option<T> {
    r.map_err(|e| errors.push(FieldError::new(field, e.message(field))))
        .ok()
}

/// The field errors as one problem, or the value.
fn done<T>(errors: Vec<FieldError>, value: Option<T>) -> ApiResult<T> {
    match value {
        Some(v) if errors.is_empty() => Ok(v),
        _ => Err(ApiError::invalid_fields(errors)),
    }
}

/// `POST /v1/neighbours`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeighbourIn {
    pub display_name: String,
    #[serde(default, deserialize_with = "crate::extract::object_or_null")]
    pub contact: Option<ContactIn>,
    /// The home's position; or give `address` instead (exactly one of the two).
    #[serde(default, deserialize_with = "crate::extract::some_object")]
    pub location: Option<LocationIn>,
    /// The home's address, found among the organisation's address points.
    #[serde(default, deserialize_with = "crate::extract::some_object")]
    pub address: Option<AddressIn>,
    /// Found from the location when absent.
    #[serde(default)]
    pub neighbourhood_id: Option<i64>,
    pub travel_radius_m: f64,
    #[serde(default)]
    pub interests: Vec<String>,
    #[serde(default)]
    pub talents: Vec<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub availability: Vec<String>,
    #[serde(default = "default_capacity")]
    pub capacity: u8,
    #[serde(default)]
    pub paused: bool,
    #[serde(deserialize_with = "crate::extract::object")]
    pub consent: ConsentIn,
    #[serde(default = "default_language")]
    pub preferred_language: String,
}

fn default_capacity() -> u8 {
    1
}

fn default_language() -> String {
    "nl".to_string()
}

impl NeighbourIn {
    /// Checks the typed fields with the store's rules (naming each bad one).
    pub fn into_new(self, caller: &Caller) -> ApiResult<NewNeighbour> {
        let contact = self.contact.unwrap_or_default();
        let mut errors = Vec::new();
        let display_name = rule(
            &mut errors,
            "display_name",
            rules::display_name(&self.display_name),
        );
        let email = rule(
            &mut errors,
            "contact.email",
            rules::email(contact.email.flatten().as_deref()),
        );
        let phone = rule(
            &mut errors,
            "contact.phone",
            rules::phone(contact.phone.flatten().as_deref()),
        );
        let consent = self.consent.into_consent(caller, &mut errors);
        // The address's point is found in the write transaction; until then, none.
        let location = match (&self.location, &self.address) {
            (Some(l), None) => Some((l.lat, l.lon)),
            (None, Some(_)) => Some((f64::NAN, f64::NAN)),
            (Some(_), Some(_)) => {
                errors.push(FieldError::new("address", "give location or address, not both"));
                None
            }
            (None, None) => {
                errors.push(FieldError::new("location", "location or address is required"));
                None
            }
        };
        let (Some(display_name), Some(email), Some(phone), Some(consent), Some((lat, lon))) =
            (display_name, email, phone, consent, location)
        else {
            return done(errors, None);
        };
        done(errors, Some(()))?;
        Ok(NewNeighbour {
            neighbourhood_id: self.neighbourhood_id.map(NeighbourhoodId),
            display_name,
            email,
            phone,
            lat,
            lon,
            travel_radius_m: self.travel_radius_m,
            interests: self.interests,
            talents: self.talents,
            languages: self.languages,
            availability: self.availability,
            availability_unknown: false,
            capacity: self.capacity,
            paused: self.paused,
            consent,
            preferred_language: self.preferred_language,
        })
    }
}

/// `PATCH /v1/neighbours/{id}`: absent fields stay, `null` clears what may be cleared
/// (the neighbourhood, a contact field) and is refused elsewhere.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeighbourPatch {
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub display_name: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::some_object")]
    pub contact: Option<ContactIn>,
    #[serde(default, deserialize_with = "crate::extract::some_object")]
    pub location: Option<LocationIn>,
    #[serde(default, deserialize_with = "nullable")]
    pub neighbourhood_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub travel_radius_m: Option<f64>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub interests: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub talents: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub languages: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub availability: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub capacity: Option<u8>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub paused: Option<bool>,
    #[serde(default, deserialize_with = "crate::extract::some_object")]
    pub consent: Option<ConsentIn>,
    #[serde(default, deserialize_with = "crate::extract::non_null")]
    pub preferred_language: Option<String>,
}

impl NeighbourPatch {
    /// The store's change and the names of the fields it touches (for the audit log).
    pub fn into_update(self, caller: &Caller) -> ApiResult<(NeighbourUpdate, Vec<&'static str>)> {
        let mut fields = Vec::new();
        let mut mark = |present: bool, name: &'static str| {
            if present {
                fields.push(name);
            }
        };
        let contact = self.contact.unwrap_or_default();
        mark(self.display_name.is_some(), "display_name");
        mark(contact.email.is_some(), "contact.email");
        mark(contact.phone.is_some(), "contact.phone");
        mark(self.location.is_some(), "location");
        mark(self.neighbourhood_id.is_some(), "neighbourhood_id");
        mark(self.travel_radius_m.is_some(), "travel_radius_m");
        mark(self.interests.is_some(), "interests");
        mark(self.talents.is_some(), "talents");
        mark(self.languages.is_some(), "languages");
        mark(self.availability.is_some(), "availability");
        mark(self.capacity.is_some(), "capacity");
        mark(self.paused.is_some(), "paused");
        mark(self.consent.is_some(), "consent");
        mark(self.preferred_language.is_some(), "preferred_language");
        let mut errors = Vec::new();
        let display_name = match &self.display_name {
            Some(n) => rule(&mut errors, "display_name", rules::display_name(n)).map(Some),
            None => Some(None),
        };
        // `Some(None)` (clear) stays; a value is checked.
        let email = match contact.email {
            Some(e) => rule(&mut errors, "contact.email", rules::email(e.as_deref())).map(Some),
            None => Some(None),
        };
        let phone = match contact.phone {
            Some(p) => rule(&mut errors, "contact.phone", rules::phone(p.as_deref())).map(Some),
            None => Some(None),
        };
        let consent = match self.consent {
            Some(c) => c.into_consent(caller, &mut errors).map(Some),
            None => Some(None),
        };
        let (Some(display_name), Some(email), Some(phone), Some(consent)) =
            (display_name, email, phone, consent)
        else {
            return done(errors, None);
        };
        done(errors, Some(()))?;
        let update = NeighbourUpdate {
            neighbourhood_id: self.neighbourhood_id.map(|o| o.map(NeighbourhoodId)),
            display_name,
            email,
            phone,
            location: self.location.map(|l| (l.lat, l.lon)),
            travel_radius_m: self.travel_radius_m,
            interests: self.interests,
            talents: self.talents,
            languages: self.languages,
            availability: self.availability,
            capacity: self.capacity,
            paused: self.paused,
            consent,
            preferred_language: self.preferred_language,
        };
        Ok((update, fields))
    }
}

/// `GET /v1/neighbours` query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub cursor: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct NeighbourhoodOut {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct ContactOut {
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ConsentOut {
    pub channel: &'static str,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

/// A neighbour as the API shows it: no coordinates, no role.
#[derive(Debug, Serialize)]
pub struct NeighbourOut {
    pub id: i64,
    pub display_name: String,
    pub contact: ContactOut,
    pub neighbourhood: Option<NeighbourhoodOut>,
    pub travel_radius_m: f64,
    pub interests: Vec<String>,
    pub talents: Vec<String>,
    pub languages: Vec<String>,
    pub availability: Vec<String>,
    /// Nobody has asked when they are free yet (imported without it): proposed at any
    /// time, with a reason saying to ask. `availability` is then empty.
    pub availability_unknown: bool,
    pub capacity: i32,
    pub active_matches: i32,
    pub paused: bool,
    pub consent: ConsentOut,
    pub preferred_language: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl NeighbourOut {
    /// Builds the view; `neighbourhoods` names the row's neighbourhood.
    pub fn from_row(
        n: &nabij_store::neighbour::Neighbour,
        neighbourhoods: &[Neighbourhood],
    ) -> ApiResult<Self> {
        let consent = n.consent()?;
        Ok(NeighbourOut {
            id: n.id.get(),
            display_name: n.display_name.clone(),
            contact: ContactOut {
                email: n.email.clone(),
                phone: n.phone.clone(),
            },
            neighbourhood: n.neighbourhood_id.and_then(|id| {
                neighbourhoods
                    .iter()
                    .find(|h| h.id == id)
                    .map(|h| NeighbourhoodOut {
                        id: h.id.get(),
                        name: h.name.clone(),
                    })
            }),
            travel_radius_m: n.travel_radius_m,
            interests: n.interests()?,
            talents: n.talents()?,
            languages: n.languages()?,
            availability: n.availability()?,
            availability_unknown: n.availability_unknown,
            capacity: n.capacity,
            active_matches: n.active_matches,
            paused: n.paused,
            consent: ConsentOut {
                channel: consent.channel.as_str(),
                recorded_at: clock::utc(consent.recorded_at),
                recorded_by: consent.recorded_by,
            },
            preferred_language: n.preferred_language.clone(),
            created_at: clock::utc(n.created_at),
            updated_at: clock::utc(n.updated_at),
        })
    }
}

/// A page of neighbours.
#[derive(Debug, Serialize)]
pub struct NeighbourPage {
    pub items: Vec<NeighbourOut>,
    pub next_cursor: Option<String>,
}
