//! The checker's own tests: a small document using what the real one does not, the
//! real document against served and spoiled bodies, and the rules that keep every
//! request going through the checking client.

use super::schema::pattern;
use super::*;
use crate::helpers::TestApp;

crate::on_both_backends!(a_served_body_passes_and_the_same_body_spoiled_fails);

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
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api");
    // Every test file, in subdirectories too; the client and this checker excepted.
    let mut dirs = vec![root.clone()];
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("openapi_check") {
                    dirs.push(path);
                }
            } else if !path.ends_with("helpers.rs") {
                files.push(path);
            }
        }
    }
    for path in files {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
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
