//! Login, sessions, CSRF, languages, the pages and what another organisation sees.

use crate::helpers::{location, Browser, TestApp, PASSWORD};
use reqwest::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, SET_COOKIE};
use reqwest::StatusCode;

crate::on_both_backends!(
    pages_need_a_session_and_login_sets_a_strict_cookie,
    a_wrong_password_is_refused_and_throttled_like_the_api,
    a_form_without_the_csrf_token_is_refused,
    every_page_has_a_strict_csp_and_the_chosen_language,
    register_on_behalf_keeps_what_was_typed_and_explains_in_dutch,
    another_organisation_sees_none_of_it,
    a_coordinator_can_override_the_scope_verdict,
    the_session_is_short_lived_and_no_api_token_opens_it,
);

async fn pages_need_a_session_and_login_sets_a_strict_cookie(app: TestApp) {
    let mut b = Browser::new(&app);
    for path in ["/", "/neighbours", "/neighbours/new", "/services", "/requests/1"] {
        let resp = b.get(path).await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(location(&resp), "/login", "{path}");
    }
    let page = b.get("/login").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let resp = b
        .submit(
            "/login",
            &[("email", &app.org_a.coordinator_email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let session = resp
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("nabij_session="))
        .expect("a session cookie");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(session.contains(attr), "{attr} in {session}");
    }
    let today = b.get("/").await;
    assert_eq!(today.status(), StatusCode::OK);
    let html = today.text().await.unwrap();
    assert!(html.contains("<html lang=\"nl\">"), "{html}");
    assert!(html.contains("Open vragen"));

    // The session token is not an API bearer token.
    let token = b.jar["nabij_session"].clone();
    let me = reqwest::Client::new()
        .get(format!("{}/v1/auth/me", app.address))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);

    // Log out: the session is gone.
    let out = b.submit("/logout", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert!(!b.jar.contains_key("nabij_session"));
    assert_eq!(b.get("/").await.status(), StatusCode::SEE_OTHER);
}

async fn a_wrong_password_is_refused_and_throttled_like_the_api(app: TestApp) {
    let mut b = Browser::new(&app);
    b.get("/login").await;
    let email = app.org_a.coordinator_email.clone();
    for _ in 0..3 {
        let resp = b
            .submit("/login", &[("email", &email), ("password", "fout")])
            .await;
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        let html = resp.text().await.unwrap();
        assert!(html.contains("horen niet bij elkaar"), "{html}");
        // What was typed stays; the password does not.
        assert!(html.contains(&format!("value=\"{email}\"")));
    }
    let resp = b
        .submit("/login", &[("email", &email), ("password", PASSWORD)])
        .await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    // The API's login counts the same failures.
    let api = reqwest::Client::new()
        .post(format!("{}/v1/auth/login", app.address))
        .json(&serde_json::json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::TOO_MANY_REQUESTS);
}

async fn a_form_without_the_csrf_token_is_refused(app: TestApp) {
    let mut b = Browser::new(&app);
    b.get("/login").await;
    let email = app.org_a.coordinator_email.clone();
    let resp = b
        .post("/login", &[("email", &email), ("password", PASSWORD)])
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(resp.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let resp = b
        .post(
            "/login",
            &[
                ("csrf", &"0".repeat(64)),
                ("email", &email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    b.login(&email).await;
    let resp = b
        .post(
            "/neighbours/new",
            &[("display_name", "Mia"), ("consent", "home_visit")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let resp = b.post("/logout", &[]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(b.jar.contains_key("nabij_session"), "still logged in");
}

async fn every_page_has_a_strict_csp_and_the_chosen_language(app: TestApp) {
    let role_words: Vec<&str> = include_str!("../../../../fixtures/role-words.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    for (query, lang, word) in [
        ("", "nl", "Vandaag"),
        ("?lang=fr", "fr", "Aujourd’hui"),
        ("?lang=en", "en", "Today"),
    ] {
        for path in [
            "/",
            "/neighbours",
            "/neighbours/new",
            "/services",
            "/report",
            "/rematch",
        ] {
            let resp = b.get(&format!("{path}{query}")).await;
            assert_eq!(resp.status(), StatusCode::OK, "{path}{query}");
            let csp = resp.headers()[CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_string();
            assert!(csp.contains("default-src 'none'"), "{csp}");
            assert!(
                !csp.contains("unsafe-inline") && !csp.contains("script-src"),
                "{csp}"
            );
            let html = resp.text().await.unwrap();
            assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}{query}");
            assert!(html.contains(word), "{word} on {path}{query}");
            assert!(!html.contains("<script"), "{path}");
            assert!(!html.contains(" style=\""), "{path}");
            let lower = html.to_lowercase();
            for w in &role_words {
                assert!(!lower.contains(w), "{path}{query} says {w:?}");
            }
        }
    }
    // The choice is remembered in a cookie.
    let html = b.get("/").await.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    let css = b.get("/assets/console.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(css.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
}

async fn register_on_behalf_keeps_what_was_typed_and_explains_in_dutch(app: TestApp) {
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    // No consent, a wrong e-mail address: refused, values kept.
    let resp = b
        .submit(
            "/neighbours/new",
            &[
                ("display_name", "Maria <Peeters>"),
                ("phone", "011 22 33 44"),
                ("email", "maria-at-home"),
                ("neighbourhood_id", &app.org_a.neighbourhood.to_string()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(html.contains("value=\"Maria &lt;Peeters&gt;\""), "{html}");
    assert!(html.contains("value=\"011 22 33 44\""));
    assert!(html.contains("value=\"maria-at-home\""));
    assert!(html.contains("zonder toestemming schrijven we niemand in"));
    assert!(html.contains("Dit e-mailadres klopt niet"));
    assert!(html.contains(&format!("value=\"{}\" selected", app.org_a.neighbourhood)));
    assert!(html.contains("aria-invalid=\"true\""));

    // Complete: registered, consent recorded, and a request can be filed.
    let resp = b
        .submit(
            "/neighbours/new",
            &[
                ("display_name", "Maria Peeters"),
                ("phone", "011 22 33 44"),
                ("consent", "phone_round"),
                ("neighbourhood_id", &app.org_a.neighbourhood.to_string()),
                ("travel_radius_m", "1000"),
                ("preferred_language", "nl"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let neighbour = location(&resp);
    assert!(neighbour.starts_with("/neighbours/"), "{neighbour}");
    let html = b.get(&neighbour).await.text().await.unwrap();
    assert!(html.contains("Maria Peeters"));
    assert!(html.contains("Tijdens een belronde"));

    let resp = b
        .submit(
            &format!("{neighbour}/requests"),
            &[("kind", "companionship"), ("text", "Samen wandelen in het park")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let request = location(&resp);
    let page = b.get(&request).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Samen wandelen in het park"));
    assert!(html.contains("Past deze vraag bij buurthulp?"));
    assert!(html.contains("Buren die kunnen meegaan"));

    // The neighbour shows in the list and the search.
    let html = b.get("/neighbours?q=maria").await.text().await.unwrap();
    assert!(html.contains("Maria Peeters"));
    let html = b.get("/neighbours?q=jan").await.text().await.unwrap();
    assert!(!html.contains("Maria Peeters"));
    let html = b.get("/").await.text().await.unwrap();
    assert!(html.contains("Samen wandelen in het park"), "open on today");
}

async fn another_organisation_sees_none_of_it(app: TestApp) {
    let mut b = Browser::new(&app);
    b.login(&app.org_b.coordinator_email).await;
    let resp = b
        .submit(
            "/neighbours/new",
            &[
                ("display_name", "Jef Deerlijk"),
                ("consent", "home_visit"),
                ("neighbourhood_id", &app.org_b.neighbourhood.to_string()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let neighbour = location(&resp);
    let resp = b
        .submit(
            &format!("{neighbour}/requests"),
            &[("kind", "practical"), ("text", "Boodschappen")],
        )
        .await;
    let request = location(&resp);
    assert!(request.starts_with("/requests/"));

    let mut a = Browser::new(&app);
    a.login(&app.org_a.coordinator_email).await;
    for path in [
        request.as_str(),
        neighbour.as_str(),
        "/requests/abc",
        "/neighbours/0",
    ] {
        let resp = a.get(path).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(resp.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let html = resp.text().await.unwrap();
        assert!(!html.contains("Jef") && !html.contains("Boodschappen"));
    }
    let resp = a
        .submit(
            &format!("{neighbour}/requests"),
            &[("kind", "practical"), ("text", "x")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    // Another organisation's neighbourhood cannot be chosen either.
    let resp = a
        .submit(
            "/neighbours/new",
            &[
                ("display_name", "Sneaky"),
                ("consent", "home_visit"),
                ("neighbourhood_id", &app.org_b.neighbourhood.to_string()),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = a.get("/").await.text().await.unwrap();
    assert!(!html.contains("Boodschappen"));
    let html = a.get("/neighbours").await.text().await.unwrap();
    assert!(!html.contains("Jef"));
}

async fn the_session_is_short_lived_and_no_api_token_opens_it(app: TestApp) {
    use nabij_api::auth::{Caller, KeySet, Role, TokenConfig};
    use nabij_store::testing::{count_sql, execute_sql, sql_timestamp};
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    // The cookie is a random id; the server keeps only its hash, with the account.
    let id = b.jar["nabij_session"].clone();
    assert_eq!(id.len(), 64);
    assert!(id.bytes().all(|c| c.is_ascii_hexdigit()));
    let rows = app
        .store
        .read(|c| {
            count_sql(
                c,
                &format!("SELECT COUNT(*) AS n FROM console_sessions WHERE id_hash = '{id}'"),
            )
        })
        .unwrap();
    assert_eq!(rows, 0, "the id itself is not stored");
    let rows = app
        .store
        .read(|c| count_sql(c, "SELECT COUNT(*) AS n FROM console_sessions"))
        .unwrap();
    assert_eq!(rows, 1);
    assert_eq!(b.get("/").await.status(), StatusCode::OK);
    // The session ends after the idle time without a request.
    let idle = chrono::Duration::seconds(nabij_api::console::IDLE.as_secs() as i64 + 5);
    let past = sql_timestamp(chrono::Utc::now().naive_utc() - idle);
    app.store
        .write(|c| execute_sql(c, &format!("UPDATE console_sessions SET last_seen_at = {past}")))
        .unwrap();
    let resp = b.get("/").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/login");
    // And after its absolute lifetime, however active.
    b.login(&app.org_a.coordinator_email).await;
    let past = sql_timestamp(chrono::Utc::now().naive_utc() - chrono::Duration::seconds(1));
    app.store
        .write(|c| execute_sql(c, &format!("UPDATE console_sessions SET expires_at = {past}")))
        .unwrap();
    let resp = b.get("/").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/login");

    // A valid API token of the same coordinator does not open a console session.
    let keys = KeySet::load(&app.settings.data_dir).unwrap();
    let config = TokenConfig {
        issuer: app.settings.issuer.clone(),
        audience: app.settings.audience.clone(),
    };
    let who = Caller {
        subject: "user:1".into(),
        org: app.org_a.id,
        org_slug: "pelt".into(),
        role: Role::Coordinator,
        neighbourhoods: None,
        scopes: vec![],
    };
    let api_token = keys
        .issue(&config, &who, std::time::Duration::from_secs(600))
        .unwrap();
    let mut other = Browser::new(&app);
    other.jar.insert("nabij_session".into(), api_token.access_token);
    let resp = other.get("/").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/login");
}

async fn a_coordinator_can_override_the_scope_verdict(app: TestApp) {
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let resp = b
        .submit(
            "/neighbours/new",
            &[
                ("display_name", "Paula"),
                ("consent", "referral_card"),
                ("neighbourhood_id", &app.org_a.neighbourhood.to_string()),
            ],
        )
        .await;
    let neighbour = location(&resp);
    let resp = b
        .submit(
            &format!("{neighbour}/requests"),
            &[("kind", "practical"), ("text", "Een lamp ophangen")],
        )
        .await;
    let request = location(&resp);
    // No reason: refused, the choice kept.
    let resp = b
        .submit(
            &format!("{request}/scope"),
            &[("category", "heavy"), ("reason", "")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.unwrap();
    assert!(html.contains("value=\"heavy\" checked"), "{html}");
    assert!(html.contains("schrijf kort waarom"));
    let resp = b
        .submit(
            &format!("{request}/scope"),
            &[("category", "heavy"), ("reason", "Het is een zware luchter")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let html = b.get(&request).await.text().await.unwrap();
    assert!(html.contains("aangepast door een aanspreekpersoon"), "{html}");
    assert!(html.contains("verwijs door naar een dienst"));
    let html = b.get("/").await.text().await.unwrap();
    assert!(html.contains("Een lamp ophangen"), "listed to refer");
}
