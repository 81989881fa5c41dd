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
//!
//! The schema validation is in [`schema`]; the checker's own tests in `self_tests`.

mod schema;
mod self_tests;

use nabij_api::auth::Role;
use nabij_api::routes::health::OPENAPI_YAML;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

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
