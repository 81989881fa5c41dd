//! Every response the integration tests receive is checked against `openapi.yaml`.
//!
//! [`helpers::Client`](crate::helpers::Client) is the only way the tests send requests;
//! it hands each response to [`Spec::check`], which
//! - finds the operation by method and path template (`/v1/requests/12/candidates` is
//!   `/v1/requests/{id}/candidates`; literal segments beat parameters),
//! - picks the response by status: the exact code, else its range (`4XX`), else
//!   `default`; a status the operation does not document is a failure,
//! - checks the content type against the response's `content` (no `content`: no body),
//! - validates a JSON body against the schema, reporting each mismatch with its JSON
//!   pointer.
//!
//! The validator covers the JSON Schema the document uses (OpenAPI 3.1; 3.0's
//! `nullable: true` is honoured too): `$ref`, `type` (one or a list), `enum`, `const`,
//! `properties`, `required`, `additionalProperties`, `items`, `allOf`/`anyOf`/`oneOf`
//! and the numeric, length and item-count bounds; `format` and other annotations are
//! ignored. A schema keyword outside that set fails
//! [`every_schema_keyword_is_understood`] rather than being skipped silently. One rule
//! is stricter than JSON Schema: an object whose schema names its properties and says
//! nothing about `additionalProperties` may not carry a property the schema does not
//! name, so a field the server sends must be documented.
//!
//! Requests to a path or method the document does not have are held to the
//! document-wide error contract: 404 or 405 with the `Problem` response.

use crate::helpers::TestApp;
use nabij_api::auth::Role;
use nabij_api::routes::health::OPENAPI_YAML;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;
use std::sync::OnceLock;

crate::on_both_backends!(a_served_body_passes_and_the_same_body_spoiled_fails);

/// The document served, parsed once per test binary.
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| Spec::parse(OPENAPI_YAML))
}

pub struct Spec {
    doc: Value,
}

/// One way a value differs from its schema.
struct Mismatch {
    pointer: String,
    message: String,
}

const KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "nullable",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "allOf",
    "anyOf",
    "oneOf",
];

const ANNOTATIONS: &[&str] = &[
    "description",
    "example",
    "examples",
    "format",
    "default",
    "title",
    "readOnly",
    "writeOnly",
    "deprecated",
    "$comment",
];

impl Spec {
    pub fn parse(yaml: &str) -> Spec {
        let doc: Value = serde_norway::from_str(yaml).expect("openapi.yaml is YAML");
        assert!(doc["paths"].is_object(), "openapi.yaml has no paths");
        Spec { doc }
    }

    /// `Err` with one message naming method, path, status and every mismatch when the
    /// response does not match the document.
    pub fn check(
        &self,
        method: &str,
        path: &str,
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<(), String> {
        let media = content_type.map(|ct| {
            ct.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
        let head = format!(
            "{method} {path} answered {status} ({})",
            media.as_deref().unwrap_or("no content type")
        );
        let fail = |what: String| Err(format!("{head}: {what}"));
        let (template, response) = match self.operation(method, path) {
            Found::Operation(template, op) => match self.response(op, status) {
                Some(r) => (template, r),
                None => {
                    let documented: Vec<&String> = op
                        .get("responses")
                        .and_then(Value::as_object)
                        .map(|r| r.keys().collect())
                        .unwrap_or_default();
                    return fail(format!(
                        "status {status} is not documented for {method} {template} \
                         (documented: {documented:?})"
                    ));
                }
            },
            // Outside the document the error contract still holds.
            Found::NoPath | Found::NoMethod if status == 404 || status == 405 => {
                let problem = self
                    .target("#/components/responses/Problem")
                    .map_or(&Value::Null, |r| self.resolve(r));
                ("the error contract (no operation)".to_string(), problem)
            }
            Found::NoPath => return fail("openapi.yaml has no path that matches".into()),
            Found::NoMethod => return fail(format!("the path has no {method} operation")),
        };
        let content = response
            .get("content")
            .and_then(Value::as_object)
            .filter(|c| !c.is_empty());
        let Some(content) = content else {
            if body.is_empty() {
                return Ok(());
            }
            return fail(format!(
                "{template} documents no body for {status}, got {} bytes",
                body.len()
            ));
        };
        let documented: Vec<&String> = content.keys().collect();
        let Some(media) = media else {
            return fail(format!("no Content-Type; documented: {documented:?}"));
        };
        let Some(media_type) = media_type_entry(content, &media) else {
            return fail(format!(
                "content type {media} is not documented for {status} of {template}; \
                 documented: {documented:?}"
            ));
        };
        let is_json = media == "application/json" || media.ends_with("+json");
        let Some(schema) = media_type.get("schema").filter(|_| is_json) else {
            return Ok(());
        };
        let value: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => {
                let text: String = String::from_utf8_lossy(body).chars().take(300).collect();
                return fail(format!("the body is not JSON ({e}): {text:?}"));
            }
        };
        let mut out = Vec::new();
        self.validate(schema, &value, "", true, &mut out);
        if out.is_empty() {
            return Ok(());
        }
        let lines: Vec<String> = out
            .iter()
            .map(|m| format!("  at \"{}\": {}", m.pointer, m.message))
            .collect();
        let mut shown = value.to_string();
        if shown.len() > 600 {
            shown = format!("{}…", shown.chars().take(600).collect::<String>());
        }
        fail(format!(
            "the body does not match the schema of {template}:\n{}\n  body: {shown}",
            lines.join("\n")
        ))
    }

    /// The operation for `method` and a concrete `path`; of several matching templates
    /// the one with the most literal segments.
    fn operation(&self, method: &str, path: &str) -> Found<'_> {
        let concrete: Vec<&str> = path.split('/').collect();
        let mut path_matched = false;
        let mut best: Option<(usize, &str, &Value)> = None;
        for (template, item) in self.doc["paths"].as_object().into_iter().flatten() {
            let segments: Vec<&str> = template.split('/').collect();
            if segments.len() != concrete.len() {
                continue;
            }
            let mut literal = 0;
            let matches = segments.iter().zip(&concrete).all(|(t, c)| {
                if t.starts_with('{') && t.ends_with('}') {
                    !c.is_empty()
                } else {
                    literal += 1;
                    t == c
                }
            });
            if !matches {
                continue;
            }
            path_matched = true;
            let item = self.resolve(item);
            let Some(op) = item.get(method.to_ascii_lowercase()) else {
                continue;
            };
            match best {
                Some((l, _, _)) if l >= literal => {}
                _ => best = Some((literal, template, op)),
            }
        }
        match best {
            Some((_, template, op)) => Found::Operation(template.to_string(), op),
            None if path_matched => Found::NoMethod,
            None => Found::NoPath,
        }
    }

    /// The response object for `status`: exact, range (`4XX`) or `default`.
    fn response<'a>(&'a self, op: &'a Value, status: u16) -> Option<&'a Value> {
        let responses = op.get("responses")?.as_object()?;
        let range = format!("{}XX", status / 100);
        responses
            .get(&status.to_string())
            .or_else(|| {
                responses
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&range))
                    .map(|(_, v)| v)
            })
            .or_else(|| responses.get("default"))
            .map(|r| self.resolve(r))
    }

    /// Follows `$ref`s (local ones: `#/…`) to the object they name.
    fn resolve<'a>(&'a self, mut v: &'a Value) -> &'a Value {
        for _ in 0..32 {
            match v.get("$ref").and_then(Value::as_str) {
                Some(r) => v = self.target(r).unwrap_or(&Value::Null),
                None => return v,
            }
        }
        panic!("$ref cycle in openapi.yaml");
    }

    fn target(&self, reference: &str) -> Option<&Value> {
        self.doc.pointer(reference.strip_prefix('#')?)
    }

    fn validate(&self, schema: &Value, v: &Value, ptr: &str, closed: bool, out: &mut Vec<Mismatch>) {
        let mut push = |message: String| {
            out.push(Mismatch {
                pointer: ptr.to_string(),
                message,
            })
        };
        let s = match schema {
            Value::Bool(true) => return,
            Value::Object(s) => s,
            _ => return push(format!("nothing is allowed here, got {}", show(v))),
        };
        if v.is_null() && s.get("nullable") == Some(&Value::Bool(true)) {
            return;
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            if !types.iter().any(|t| has_type(v, t)) {
                return push(format!("expected {}, got {}", types.join(" or "), show(v)));
            }
        }
        if let Some(Value::Array(allowed)) = s.get("enum") {
            if !allowed.contains(v) {
                push(format!(
                    "{} is not one of {}",
                    show(v),
                    Value::from(allowed.clone())
                ));
            }
        }
        if let Some(c) = s.get("const") {
            if c != v {
                push(format!("expected {c}, got {}", show(v)));
            }
        }
        if let Some(x) = v.as_f64() {
            let bound = |k: &str| s.get(k).and_then(Value::as_f64);
            if bound("minimum").is_some_and(|m| x < m)
                || bound("maximum").is_some_and(|m| x > m)
                || bound("exclusiveMinimum").is_some_and(|m| x <= m)
                || bound("exclusiveMaximum").is_some_and(|m| x >= m)
            {
                push(format!(
                    "{x} is out of the bounds of {}",
                    Value::Object(s.clone())
                ));
            }
        }
        if let Some(text) = v.as_str() {
            let n = text.chars().count() as u64;
            let bound = |k: &str| s.get(k).and_then(Value::as_u64);
            if bound("minLength").is_some_and(|m| n < m) || bound("maxLength").is_some_and(|m| n > m) {
                push(format!("a string of {n} characters is out of its length bounds"));
            }
            if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                // ECMA-262 semantics: a search, not a full match.
                if !pattern(p).is_match(text) {
                    push(format!("{} does not match the pattern {p}", show(v)));
                }
            }
        }
        if let Some(items) = v.as_array() {
            let n = items.len() as u64;
            let bound = |k: &str| s.get(k).and_then(Value::as_u64);
            if bound("minItems").is_some_and(|m| n < m) || bound("maxItems").is_some_and(|m| n > m) {
                push(format!("an array of {n} items is out of its size bounds"));
            }
            if let Some(item) = s.get("items") {
                for (i, x) in items.iter().enumerate() {
                    self.validate(item, x, &format!("{ptr}/{i}"), true, out);
                }
            }
        }
        if let Some(obj) = v.as_object() {
            self.validate_object(s, obj, ptr, closed, out);
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            match self.target(r) {
                Some(target) => self.validate(target, v, ptr, false, out),
                None => out.push(Mismatch {
                    pointer: ptr.to_string(),
                    message: format!("$ref {r} does not resolve"),
                }),
            }
        }
        for member in s.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            self.validate(member, v, ptr, false, out);
        }
        for (keyword, exactly_one) in [("anyOf", false), ("oneOf", true)] {
            let Some(branches) = s.get(keyword).and_then(Value::as_array) else {
                continue;
            };
            let results: Vec<Vec<Mismatch>> = branches
                .iter()
                .map(|b| {
                    let mut o = Vec::new();
                    self.validate(b, v, ptr, false, &mut o);
                    o
                })
                .collect();
            let passed = results.iter().filter(|r| r.is_empty()).count();
            if passed == 0 {
                let why: Vec<String> = results
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let first = r
                            .first()
                            .map_or(String::new(), |m| format!("at \"{}\": {}", m.pointer, m.message));
                        format!("#{i}: {first}")
                    })
                    .collect();
                out.push(Mismatch {
                    pointer: ptr.to_string(),
                    message: format!("matches none of the {keyword} schemas ({})", why.join("; ")),
                });
            } else if exactly_one && passed > 1 {
                out.push(Mismatch {
                    pointer: ptr.to_string(),
                    message: format!("matches {passed} of the oneOf schemas, not exactly one"),
                });
            }
        }
    }

    fn validate_object(
        &self,
        s: &Map<String, Value>,
        obj: &Map<String, Value>,
        ptr: &str,
        closed: bool,
        out: &mut Vec<Mismatch>,
    ) {
        for name in s.get("required").and_then(Value::as_array).into_iter().flatten() {
            let name = name.as_str().unwrap_or_default();
            if !obj.contains_key(name) {
                out.push(Mismatch {
                    pointer: ptr.to_string(),
                    message: format!("required property \"{name}\" is missing"),
                });
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, x) in obj {
            let here = format!("{ptr}/{}", k.replace('~', "~0").replace('/', "~1"));
            match props.and_then(|p| p.get(k)) {
                Some(p) => self.validate(p, x, &here, true, out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(Mismatch {
                        pointer: here,
                        message: "property not allowed (additionalProperties: false)".into(),
                    }),
                    Some(extra) => self.validate(extra, x, &here, true, out),
                    None => {}
                },
            }
        }
        // Stricter than JSON Schema: the properties the server sends are documented.
        if closed {
            if let Some(named) = self.named_properties(&Value::Object(s.clone())) {
                for k in obj.keys().filter(|k| !named.is_empty() && !named.contains(*k)) {
                    out.push(Mismatch {
                        pointer: format!("{ptr}/{}", k.replace('~', "~0").replace('/', "~1")),
                        message: "property not in the schema (undocumented)".into(),
                    });
                }
            }
        }
    }

    /// The property names a schema and the schemas it is made of name, or `None` when
    /// one of them says something about `additionalProperties` (it decides then).
    fn named_properties(&self, schema: &Value) -> Option<BTreeSet<String>> {
        let mut names = BTreeSet::new();
        let Some(s) = schema.as_object() else {
            return Some(names);
        };
        if s.contains_key("additionalProperties") {
            return None;
        }
        if let Some(p) = s.get("properties").and_then(Value::as_object) {
            names.extend(p.keys().cloned());
        }
        let mut members: Vec<&Value> = Vec::new();
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            members.extend(self.target(r));
        }
        for k in ["allOf", "anyOf", "oneOf"] {
            members.extend(s.get(k).and_then(Value::as_array).into_iter().flatten());
        }
        for m in members {
            names.extend(self.named_properties(m)?);
        }
        Some(names)
    }
}

enum Found<'a> {
    Operation(String, &'a Value),
    NoMethod,
    NoPath,
}

/// The entry of `content` for `media`: exact, then `type/*`, then `*/*`.
fn media_type_entry<'a>(content: &'a Map<String, Value>, media: &str) -> Option<&'a Value> {
    let family = format!("{}/*", media.split('/').next().unwrap_or_default());
    content
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(media))
        .or_else(|| content.iter().find(|(k, _)| **k == family || *k == "*/*"))
        .map(|(_, v)| v)
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|x| x.fract() == 0.0),
        _ => false,
    }
}

/// A schema's `pattern`, compiled (the document's patterns use the syntax ECMA-262 and
/// the `regex` crate share: classes, `\xHH`, `\uHHHH`, anchors, repetition).
fn pattern(p: &str) -> regex::Regex {
    regex::Regex::new(p).unwrap_or_else(|e| panic!("pattern {p} does not compile: {e}"))
}

fn show(v: &Value) -> String {
    let kind = match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let text = v.to_string();
    if text.len() > 80 {
        format!("{kind} {}…", text.chars().take(80).collect::<String>())
    } else {
        format!("{kind} {text}")
    }
}

/// Every keyword of every schema a response can be checked against, outside the
/// supported set and the annotations.
#[test]
fn every_schema_keyword_is_understood() {
    fn walk(schema: &Value, at: &str, unknown: &mut Vec<String>) {
        let Some(s) = schema.as_object() else {
            return;
        };
        for (k, v) in s {
            if !KEYWORDS.contains(&k.as_str()) && !ANNOTATIONS.contains(&k.as_str()) {
                unknown.push(format!("{at}: {k}"));
            }
            if k == "pattern" {
                pattern(v.as_str().unwrap_or_default());
            }
            match k.as_str() {
                "properties" => {
                    for (name, p) in v.as_object().into_iter().flatten() {
                        walk(p, &format!("{at}/properties/{name}"), unknown);
                    }
                }
                "items" | "additionalProperties" => walk(v, &format!("{at}/{k}"), unknown),
                "allOf" | "anyOf" | "oneOf" => {
                    for (i, m) in v.as_array().into_iter().flatten().enumerate() {
                        walk(m, &format!("{at}/{k}/{i}"), unknown);
                    }
                }
                _ => {}
            }
        }
    }
    let spec = spec();
    let doc = &spec.doc;
    let mut unknown = Vec::new();
    for (name, s) in doc["components"]["schemas"].as_object().into_iter().flatten() {
        walk(s, &format!("components/schemas/{name}"), &mut unknown);
    }
    let mut responses: Vec<(String, &Value)> = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in spec.resolve(item).as_object().into_iter().flatten() {
            for (code, r) in op["responses"].as_object().into_iter().flatten() {
                responses.push((format!("{method} {path} {code}"), spec.resolve(r)));
            }
        }
    }
    for (at, r) in responses {
        for (media, mt) in r["content"].as_object().into_iter().flatten() {
            walk(&mt["schema"], &format!("{at} {media}"), &mut unknown);
        }
    }
    assert!(
        unknown.is_empty(),
        "schema keywords the check does not know: {unknown:#?}"
    );
}

/// No test sends a request around [`crate::helpers::Client`], whose responses are checked.
#[test]
fn every_request_goes_through_the_checking_client() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if ["helpers.rs", "openapi_check.rs"].contains(&name.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in [
            "reqwest::Client",
            "reqwest::get",
            "reqwest::blocking",
            ".execute(",
        ] {
            assert!(
                !text.contains(needle),
                "{name} uses {needle}: send through helpers::Client so that the response is \
                 checked against openapi.yaml"
            );
        }
    }
}

/// A small OpenAPI 3.0 document using what the real one does not: `nullable`, a `4XX`
/// range, `default`, a literal segment next to a parameter.
const MINI: &str = r#"
openapi: 3.0.3
info: {title: mini, version: '1'}
paths:
  /things/{id}:
    get:
      responses:
        '200':
          description: A thing
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
        4XX:
          description: A client error
          content:
            application/problem+json:
              schema: {type: object, required: [code], properties: {code: {type: string}}}
  /things/special:
    get:
      responses:
        default:
          description: Anything
          content:
            application/json:
              schema: {type: object}
  /things/{id}/gone:
    delete:
      responses:
        '204': {description: Gone}
components:
  schemas:
    Thing:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string, nullable: true}
        kind: {type: string, enum: [a, b]}
        tags: {type: array, items: {type: string, pattern: '^[a-z]+$'}}
        shape:
          oneOf:
            - {type: object, additionalProperties: false, required: [r], properties: {r: {type: number}}}
            - {type: object, additionalProperties: false, required: [w], properties: {w: {type: number}}}
"#;

const JSON: Option<&str> = Some("application/json");
const PROBLEM: Option<&str> = Some("application/problem+json");

fn mini() -> Spec {
    Spec::parse(MINI)
}

#[test]
fn a_matching_body_passes() {
    let body = br#"{"id": 12, "name": null, "kind": "a", "tags": ["x"], "shape": {"r": 1.5}}"#;
    let ct = Some("application/json; charset=utf-8");
    mini().check("GET", "/things/12", 200, ct, body).unwrap();
    mini()
        .check("GET", "/things/12", 404, PROBLEM, br#"{"code": "not_found"}"#)
        .unwrap();
    mini().check("GET", "/things/special", 500, JSON, b"{}").unwrap();
    mini().check("DELETE", "/things/1/gone", 204, None, b"").unwrap();
}

#[test]
fn a_wrong_body_fails_with_the_pointer_of_each_mismatch() {
    let body = br#"{"id": "12", "kind": "c", "tags": [1, "Xy"], "shape": {"r": 1, "w": 2}, "extra": true}"#;
    let err = mini().check("GET", "/things/12", 200, JSON, body).unwrap_err();
    assert!(
        err.starts_with("GET /things/12 answered 200 (application/json)"),
        "{err}"
    );
    assert!(err.contains("/things/{id}"), "{err}");
    for expected in [
        r#"at "": required property "name" is missing"#,
        r#"at "/id": expected integer, got string "12""#,
        r#"at "/kind": string "c" is not one of ["a","b"]"#,
        r#"at "/tags/0": expected string, got number 1"#,
        r#"at "/tags/1": string "Xy" does not match the pattern ^[a-z]+$"#,
        r#"at "/shape": matches none of the oneOf schemas"#,
        r#"at "/extra": property not in the schema"#,
    ] {
        assert!(err.contains(expected), "{expected} not in {err}");
    }
    // A literal segment beats a parameter: /things/special is not a Thing.
    let err = mini()
        .check("GET", "/things/special", 200, JSON, b"[]")
        .unwrap_err();
    assert!(err.contains(r#"at "": expected object, got array []"#), "{err}");
}

#[test]
fn undocumented_statuses_content_types_and_bodies_fail() {
    let m = mini();
    let err = m.check("GET", "/things/1", 500, JSON, b"{}").unwrap_err();
    assert!(err.contains("status 500 is not documented"), "{err}");
    let err = m
        .check("GET", "/things/1", 404, JSON, br#"{"code": "x"}"#)
        .unwrap_err();
    assert!(
        err.contains("content type application/json is not documented"),
        "{err}"
    );
    let err = m.check("GET", "/things/1", 200, JSON, b"").unwrap_err();
    assert!(err.contains("not JSON"), "{err}");
    let err = m.check("DELETE", "/things/1/gone", 204, JSON, b"{}").unwrap_err();
    assert!(err.contains("documents no body"), "{err}");
    let err = m.check("GET", "/elsewhere", 200, JSON, b"{}").unwrap_err();
    assert!(err.contains("no path"), "{err}");
    let err = m.check("POST", "/things/1", 200, JSON, b"{}").unwrap_err();
    assert!(err.contains("no POST operation"), "{err}");
}

#[test]
fn the_real_document_rejects_a_wrong_match() {
    let body = json!({
        "id": "7", "request_id": 3, "status": "bogus",
        "members": [{"neighbour_id": 1, "side": "middle", "response": "pending", "responded_at": null}],
        "created_at": "2024-01-01T00:00:00Z", "activated_at": null, "closed_at": null,
        "follow_up": {"met": "yes", "mutual_support": true},
        "secret": 1,
    });
    let err = spec()
        .check("GET", "/v1/matches/7", 200, JSON, body.to_string().as_bytes())
        .unwrap_err();
    for pointer in ["/id", "/status", "/members/0/side", "/follow_up/met", "/secret"] {
        assert!(
            err.contains(&format!("at \"{pointer}\"")),
            "{pointer} not in {err}"
        );
    }
    let problem = json!({"type": "about:blank", "title": "Niet gevonden", "status": 404,
        "detail": "not found", "code": "not_found"});
    let problem = problem.to_string();
    spec()
        .check("GET", "/v1/matches/7", 404, PROBLEM, problem.as_bytes())
        .unwrap();
    let err = spec()
        .check("GET", "/v1/matches/7", 418, PROBLEM, problem.as_bytes())
        .unwrap_err();
    assert!(err.contains("status 418 is not documented"), "{err}");
    let err = spec()
        .check("GET", "/v1/matches/7", 404, JSON, problem.as_bytes())
        .unwrap_err();
    assert!(err.contains("not documented"), "{err}");
    // Outside the document only the error contract holds.
    spec()
        .check("GET", "/nope", 404, PROBLEM, problem.as_bytes())
        .unwrap();
    assert!(spec().check("GET", "/nope", 200, JSON, b"{}").is_err());
    assert!(spec().check("GET", "/nope", 404, JSON, b"{}").is_err());
}

#[test]
fn failures_collected_by_the_client_fail_the_test() {
    let failures = crate::helpers::Failures::default();
    failures.assert_none();
    failures.push("GET /x answered 200: made up".into());
    let caught = std::panic::catch_unwind(|| failures.assert_none());
    let message = *caught.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("GET /x answered 200: made up"), "{message}");
}

async fn a_served_body_passes_and_the_same_body_spoiled_fails(app: TestApp) {
    use crate::fixtures::{neighbour_at, walk_request};
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let an = app.new_neighbour(&token, &neighbour_at("An", 0, 1)).await;
    let id = app.new_request(&token, &walk_request(an)).await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/v1/requests/{id}");
    let resp = app.get_with_token(&path, &token).await;
    let ct = resp.headers()["content-type"].to_str().unwrap().to_string();
    let mut body: Value = resp.json().await.unwrap();
    spec()
        .check("GET", &path, 200, Some(&ct), body.to_string().as_bytes())
        .unwrap();
    body["status"] = json!(42);
    body["scope"]["in_scope"] = json!("yes");
    body["window"] = json!({"type": "weekly"});
    let err = spec()
        .check("GET", &path, 200, Some(&ct), body.to_string().as_bytes())
        .unwrap_err();
    for pointer in ["/status", "/scope/in_scope", "/window"] {
        assert!(
            err.contains(&format!("at \"{pointer}\"")),
            "{pointer} not in {err}"
        );
    }
}
