//! Validating a JSON value against a schema of the document (the subset of JSON Schema
//! listed in the module above).

use super::{Mismatch, Spec};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

impl Spec {
    pub(super) fn validate(
        &self,
        schema: &Value,
        v: &Value,
        ptr: &str,
        closed: bool,
        out: &mut Vec<Mismatch>,
    ) {
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
pub(super) fn pattern(p: &str) -> regex::Regex {
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
