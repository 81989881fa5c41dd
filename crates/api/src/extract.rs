//! Input limits and the error handlers of actix's extractors, so that bad input of any
//! kind answers a 4xx problem+json with a stable code, never a 5xx.

use crate::error::{codes, problem_response, ApiError, FieldError, PROBLEM_JSON};
use actix_web::dev::ServiceResponse;
use actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{web, HttpRequest};

/// Largest request body accepted (JSON or form), in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// `web::Json` settings: 64 KiB, `application/json` required, problem+json errors.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(BODY_LIMIT)
        .content_type_required(true)
        .error_handler(|err, _req: &HttpRequest| json_error(err).into())
}

/// Raw body (`web::Bytes`) limit; an overflow is turned into problem+json by
/// [`framework_error`].
pub fn payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(BODY_LIMIT)
}

/// `web::Path` settings: a path that does not parse is a bad id.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_err: PathError, _req| ApiError::invalid_id().into())
}

/// `web::Query` settings.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req| {
        let msg = match &err {
            QueryPayloadError::Deserialize(e) => e.to_string(),
            _ => "the query string is malformed".to_string(),
        };
        query_error(msg).into()
    })
}

fn query_error(msg: String) -> ApiError {
    match unknown_field_name(&msg) {
        Some(field) => ApiError::BadRequest {
            code: codes::UNKNOWN_FIELD,
            detail: format!("unknown query parameter `{field}`"),
            errors: vec![FieldError::new(field, "not a known parameter")],
        },
        None => ApiError::bad_request(codes::INVALID_VALUE, format!("query string: {msg}")),
    }
}

/// Maps a JSON body failure to its problem.
pub fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::PayloadTooLarge { limit: BODY_LIMIT }
        }
        JsonPayloadError::Payload(PayloadError::Overflow) => ApiError::PayloadTooLarge { limit: BODY_LIMIT },
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType {
            detail: "the body must be application/json".to_string(),
        },
        JsonPayloadError::Deserialize(e) => serde_json_error(&e),
        _ => ApiError::bad_request(codes::MALFORMED_JSON, "the request body could not be read"),
    }
}

/// Classifies a serde_json error: syntax → `malformed_json`, unknown field →
/// `unknown_field`, anything else about the data → `invalid_value`.
pub fn serde_json_error(e: &serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    let msg = e.to_string();
    match e.classify() {
        // Valid JSON nested deeper than serde_json reads (128 levels): no body of this
        // API is that deep, so it is a value out of range, not a syntax error.
        Category::Syntax if msg.starts_with("recursion limit exceeded") => {
            ApiError::bad_request(codes::INVALID_VALUE, "the body is nested too deeply")
        }
        Category::Syntax | Category::Eof | Category::Io => ApiError::bad_request(
            codes::MALFORMED_JSON,
            format!("the body is not valid JSON ({msg})"),
        ),
        Category::Data if msg.starts_with(DUPLICATE_KEY) => {
            let field = msg[DUPLICATE_KEY.len()..]
                .split('`')
                .next()
                .unwrap_or_default()
                .to_string();
            ApiError::BadRequest {
                code: codes::DUPLICATE_KEY,
                detail: format!("the key `{field}` appears more than once in one object"),
                errors: vec![FieldError::new(field, "given more than once")],
            }
        }
        Category::Data => match unknown_field_name(&msg) {
            Some(field) => ApiError::BadRequest {
                code: codes::UNKNOWN_FIELD,
                detail: format!("unknown field `{field}`"),
                errors: vec![FieldError::new(field, "not a known field")],
            },
            None => ApiError::bad_request(codes::INVALID_VALUE, msg),
        },
    }
}

/// A JSON value read like `serde_json::Value`, except that an object with the same key
/// twice is refused (serde_json keeps the last one silently, so `{"email": "a@x.be",
/// "email": "b@x.be"}` would mean different things to different readers). Every JSON
/// body goes through it: [`JsonBody`] and the idempotent POST extractors.
#[derive(Debug)]
pub struct StrictValue(pub serde_json::Value);

/// The message prefix of a duplicate key; [`serde_json_error`] turns it into the
/// `duplicate_key` problem.
const DUPLICATE_KEY: &str = "duplicate key `";

impl<'de> serde::Deserialize<'de> for StrictValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        serde::Deserialize::deserialize(d).map(|StrictValue(v)| v)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(serde_json::Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if fields.contains_key(&key) {
                let shown: String = key.chars().take(100).collect();
                return Err(serde::de::Error::custom(format_args!("{DUPLICATE_KEY}{shown}`")));
            }
            let StrictValue(v) = map.next_value()?;
            fields.insert(key, v);
        }
        Ok(serde_json::Value::Object(fields))
    }
}

/// Reads a JSON text into a value, refusing duplicate keys, with the problem codes of
/// [`serde_json_error`].
pub fn strict_from_slice(raw: &[u8]) -> Result<serde_json::Value, ApiError> {
    serde_json::from_slice::<StrictValue>(raw)
        .map(|StrictValue(v)| v)
        .map_err(|e| serde_json_error(&e))
}

/// Prepares a JSON request body for deserialisation into a struct: the body must be an
/// object (serde would otherwise read an array such as `[1, [2]]` into a struct's
/// fields in order), and numbers written with a zero fraction (`3.0`) become integers,
/// because JSON Schema, and so `openapi.yaml`, counts them as integers while serde's
/// integer types refuse them. `f64` fields read the integers as before.
pub fn normalise_body(value: &mut serde_json::Value) -> Result<(), ApiError> {
    if !value.is_object() {
        return Err(ApiError::bad_request(
            codes::INVALID_VALUE,
            "the body must be a JSON object",
        ));
    }
    integral_numbers(value);
    Ok(())
}

fn integral_numbers(value: &mut serde_json::Value) {
    use serde_json::Value;
    // 2^63: every integral f64 in [-2^63, 2^63) is exactly an i64.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n
                .as_f64()
                .filter(|f| f.fract() == 0.0 && (-LIMIT..LIMIT).contains(f))
            {
                *n = serde_json::Number::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers),
        Value::Object(fields) => fields.values_mut().for_each(integral_numbers),
        _ => {}
    }
}

/// For an optional field that may be left out but not set to `null` (with
/// `#[serde(default, deserialize_with = "crate::extract::non_null")]`): `null` is
/// refused instead of read as absent, e.g. in a PATCH body, where `null` would
/// otherwise silently change nothing.
pub fn non_null<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// For a field holding a nested struct (`#[serde(deserialize_with =
/// "crate::extract::object")]`): only a JSON object is read, because serde would
/// otherwise also read an array such as `[50.9, 4.1]` into the struct's fields in order.
/// JSON bodies only (the value is read through `serde_json::Value`).
pub fn object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::de::{Error as _, Unexpected};
    let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
    let unexpected = match &value {
        serde_json::Value::Object(_) => {
            return T::deserialize(value).map_err(D::Error::custom);
        }
        serde_json::Value::Array(_) => Unexpected::Seq,
        serde_json::Value::Null => Unexpected::Unit,
        serde_json::Value::Bool(b) => Unexpected::Bool(*b),
        serde_json::Value::Number(_) => Unexpected::Other("a number"),
        serde_json::Value::String(s) => Unexpected::Str(s),
    };
    Err(D::Error::invalid_type(unexpected, &"a JSON object"))
}

/// As [`object`] for an optional field where `null` counts as absent (with
/// `#[serde(default, …)]`).
pub fn object_or_null<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
    if value.is_null() {
        return Ok(None);
    }
    object(value).map(Some).map_err(serde::de::Error::custom)
}

/// As [`object`] for an optional field that may be left out but not be `null` (with
/// `#[serde(default, …)]`, see [`non_null`]).
pub fn some_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    object(d).map(Some)
}

/// A JSON body (same limit, content type and problem codes as `web::Json`) read into
/// `T` after [`normalise_body`]. For bodies without an `Idempotency-Key` (POST bodies
/// use [`crate::idempotency::Post`], which does the same).
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

impl<T> JsonBody<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T: serde::de::DeserializeOwned + 'static> actix_web::FromRequest for JsonBody<T> {
    type Error = actix_web::Error;
    type Future = futures_util::future::LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut actix_web::dev::Payload) -> Self::Future {
        let json = <web::Json<StrictValue> as actix_web::FromRequest>::from_request(req, payload);
        Box::pin(async move {
            let mut value = json.await?.into_inner().0;
            normalise_body(&mut value)?;
            Ok(JsonBody(
                serde_json::from_value(value).map_err(|e| serde_json_error(&e))?,
            ))
        })
    }
}

/// The field serde names in an "unknown field `x`, expected …" message.
fn unknown_field_name(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    Some(rest[..end].chars().take(100).collect())
}

/// Rewrites every error response that is not problem+json yet (no route, wrong method,
/// a body over the raw payload limit, actix's own extractor errors) into one.
pub fn framework_error<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()));
    // The console's own HTML error pages (crate::console) pass through as they are.
    let is_console_page = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if is_problem || is_console_page {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (code, detail) = match status {
        StatusCode::NOT_FOUND => (codes::NOT_FOUND, "no such resource".to_string()),
        StatusCode::METHOD_NOT_ALLOWED => (
            codes::METHOD_NOT_ALLOWED,
            "this method is not allowed here".to_string(),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            codes::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {BODY_LIMIT} bytes"),
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            codes::UNSUPPORTED_MEDIA_TYPE,
            "unsupported content type".to_string(),
        ),
        s if s.is_server_error() => (codes::INTERNAL, "an unexpected error occurred".to_string()),
        _ => (codes::INVALID_REQUEST, "the request is malformed".to_string()),
    };
    let (req, old) = res.into_parts();
    let mut resp = problem_response(status, code, detail, &[]);
    for name in [header::ALLOW, header::WWW_AUTHENTICATE, header::RETRY_AFTER] {
        if let Some(v) = old.headers().get(&name) {
            resp.headers_mut().insert(name, v.clone());
        }
    }
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, resp).map_into_right_body(),
    ))
}

/// An id type that may appear as `{id}` in a path.
pub trait PathId: Sized {
    fn parse_id(raw: &str) -> Option<Self>;
}

macro_rules! path_ids {
    ($($t:ty),*) => { $( impl PathId for $t {
        fn parse_id(raw: &str) -> Option<Self> { <$t>::parse(raw) }
    } )* };
}
path_ids!(
    nabij_store::NeighbourId,
    nabij_store::RequestId,
    nabij_store::MatchId,
    nabij_store::JobId,
    nabij_store::OutboxId,
    nabij_store::ServiceId,
    nabij_store::CallId,
    nabij_store::GroupId,
    nabij_store::SignalId
);

/// The `{id}` of the path, checked before the body is read: a bad id is 400
/// `invalid_id` whatever the body says.
#[derive(Debug, Clone, Copy)]
pub struct Id<T>(pub T);

impl<T: PathId> actix_web::FromRequest for Id<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(
            req.match_info()
                .get("id")
                .and_then(T::parse_id)
                .map(Id)
                .ok_or_else(ApiError::invalid_id),
        )
    }
}
