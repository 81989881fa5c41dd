//! The token validation matrix: everything but a valid EdDSA token of ours is 401.

use crate::helpers::{assert_problem, TestApp};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use nabij_api::auth::keys::generate_key;
use nabij_api::auth::{KeySet, Role};

crate::on_both_backends!(
    valid_token_is_accepted,
    missing_or_malformed_authorization_is_refused,
    claim_matrix,
    unknown_kid_and_foreign_keys_are_refused,
    alg_none_and_hs256_with_public_key_are_refused,
);

type Tamper = Box<dyn Fn(&mut serde_json::Value)>;

async fn assert_refused(app: &TestApp, token: &str, case: &str) {
    let resp = app.get_with_token("/v1/auth/me", token).await;
    assert_eq!(resp.status().as_u16(), 401, "{case}");
    assert!(
        resp.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer"),
        "{case}"
    );
    assert_problem(resp, 401, "unauthorized").await;
}

async fn valid_token_is_accepted(app: TestApp) {
    let token = app.token(&app.org_a, Role::Coordinator, &[]);
    let resp = app.get_with_token("/v1/auth/me", &token).await;
    assert_eq!(resp.status().as_u16(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["org"], app.org_a.id.get());
    assert_eq!(body["role"], "coordinator");
}

async fn missing_or_malformed_authorization_is_refused(app: TestApp) {
    let resp = app.get("/v1/auth/me").await;
    assert!(resp.headers().contains_key("www-authenticate"));
    assert_problem(resp, 401, "unauthorized").await;
    for value in ["Basic abc", "Bearer", "Bearer ", "garbage", "Bearer a.b.c"] {
        let resp = app
            .client
            .get(app.url("/v1/auth/me"))
            .header("Authorization", value)
            .send()
            .await
            .unwrap();
        assert_problem(resp, 401, "unauthorized").await;
    }
}

async fn claim_matrix(app: TestApp) {
    let h = app.eddsa_header();
    let now = chrono::Utc::now().timestamp();

    // Within the 30 s leeway: still accepted.
    let mut c = app.claims();
    c["exp"] = (now - 10).into();
    let resp = app.get_with_token("/v1/auth/me", &app.sign(&h, &c)).await;
    assert_eq!(resp.status().as_u16(), 200, "exp within leeway");

    let cases: Vec<(&str, Tamper)> = vec![
        ("expired", Box::new(move |c| c["exp"] = (now - 120).into())),
        ("not yet valid", Box::new(move |c| c["nbf"] = (now + 120).into())),
        ("wrong aud", Box::new(|c| c["aud"] = "someone-else".into())),
        ("wrong iss", Box::new(|c| c["iss"] = "evil".into())),
        (
            "no exp",
            Box::new(|c| drop(c.as_object_mut().unwrap().remove("exp"))),
        ),
        (
            "no iss",
            Box::new(|c| drop(c.as_object_mut().unwrap().remove("iss"))),
        ),
        (
            "no aud",
            Box::new(|c| drop(c.as_object_mut().unwrap().remove("aud"))),
        ),
        (
            "no sub",
            Box::new(|c| drop(c.as_object_mut().unwrap().remove("sub"))),
        ),
        (
            "no nbf",
            Box::new(|c| drop(c.as_object_mut().unwrap().remove("nbf"))),
        ),
        ("bad role", Box::new(|c| c["role"] = "superuser".into())),
    ];
    for (case, tamper) in cases {
        let mut c = app.claims();
        tamper(&mut c);
        assert_refused(&app, &app.sign(&h, &c), case).await;
    }
}

async fn unknown_kid_and_foreign_keys_are_refused(app: TestApp) {
    let other = KeySet::from_stored(&[generate_key().unwrap()]).unwrap();
    let who = nabij_api::auth::Caller {
        subject: "user:1".into(),
        org: app.org_a.id,
        org_slug: "pelt".into(),
        role: Role::Admin,
        neighbourhoods: None,
        scopes: vec![],
    };
    let t = other
        .issue(&app.token_config(), &who, std::time::Duration::from_secs(60))
        .unwrap();
    assert_refused(&app, &t.access_token, "unknown kid").await;

    // A foreign key presented under our kid: signature fails.
    let mut header = Header::new(Algorithm::EdDSA);
    header.kid = Some(app.keys().current().unwrap().kid.clone());
    let foreign = EncodingKey::from_ed_pem(generate_key().unwrap().private_key_pem.as_bytes()).unwrap();
    let t = jsonwebtoken::encode(&header, &app.claims(), &foreign).unwrap();
    assert_refused(&app, &t, "foreign key under our kid").await;

    let mut h = app.eddsa_header();
    h.kid = None;
    assert_refused(&app, &app.sign(&h, &app.claims()), "no kid").await;

    let mut h = app.eddsa_header();
    h.jku = Some("http://127.0.0.1:1/jwks.json".into());
    assert_refused(&app, &app.sign(&h, &app.claims()), "jku").await;
}

async fn alg_none_and_hs256_with_public_key_are_refused(app: TestApp) {
    let kid = app.keys().current().unwrap().kid.clone();
    let claims = URL_SAFE_NO_PAD.encode(app.claims().to_string());
    for alg in ["none", "None", "NONE"] {
        let header = URL_SAFE_NO_PAD.encode(format!(r#"{{"alg":"{alg}","kid":"{kid}","typ":"JWT"}}"#));
        assert_refused(&app, &format!("{header}.{claims}."), alg).await;
    }
    let public = app.keys().current().unwrap().public_key();
    let x = URL_SAFE_NO_PAD.encode(public);
    for secret in [public.to_vec(), x.into_bytes()] {
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(kid.clone());
        let t = jsonwebtoken::encode(&header, &app.claims(), &EncodingKey::from_secret(&secret)).unwrap();
        assert_refused(&app, &t, "HS256 with the public key").await;
    }
}
