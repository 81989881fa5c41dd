//! Sessions that end and forms that only this origin and this session can post
//! (issue 12, "Sessions end"): a cookie kept from before logout, a password change, a
//! disabled account or "log out everywhere" opens nothing; a CSRF token planted as a
//! cookie, or a POST from another origin, is refused.

use crate::helpers::{location, Browser, TestApp, PASSWORD};
use nabij_store::user;
use reqwest::StatusCode;

crate::on_both_backends! {
    a_session_cookie_kept_from_before_logout_opens_nothing,
    a_password_change_a_disabled_account_and_logout_everywhere_end_sessions,
    a_csrf_token_planted_as_a_cookie_is_refused,
    a_post_from_another_origin_is_refused,
}

/// `/` answers the login page (a redirect) to this browser.
async fn sent_to_login(b: &mut Browser) {
    let resp = b.get("/").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/login");
}

async fn a_session_cookie_kept_from_before_logout_opens_nothing(app: TestApp) {
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let kept = b.jar.clone();
    assert_eq!(b.get("/").await.status(), StatusCode::OK);
    let out = b.submit("/logout", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);

    // The same cookies, sent again after logout: the login page, no renewed session.
    let mut copy = Browser::new(&app);
    copy.jar = kept;
    let resp = copy.get("/").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/login");
    assert!(!copy.jar.contains_key("nabij_session"), "the cookie is cleared");
}

fn account(app: &TestApp, email: &str) -> user::User {
    app.store.read(|c| user::by_email(c, email)).unwrap()
}

async fn a_password_change_a_disabled_account_and_logout_everywhere_end_sessions(app: TestApp) {
    let email = app.org_a.coordinator_email.clone();
    let me = account(&app, &email);

    // A password change ends every session of the account (two browsers here).
    let mut b = Browser::new(&app);
    let mut other = Browser::new(&app);
    b.login(&email).await;
    other.login(&email).await;
    let hash = nabij_api::auth::password::hash_password(PASSWORD).unwrap();
    app.store
        .write(|c| user::set_password(c, app.org_a.id, me.id, &hash))
        .unwrap();
    sent_to_login(&mut b).await;
    sent_to_login(&mut other).await;

    // "Log out everywhere".
    b.login(&email).await;
    assert_eq!(b.get("/").await.status(), StatusCode::OK);
    app.store
        .write(|c| user::end_sessions(c, app.org_a.id, me.id))
        .unwrap();
    sent_to_login(&mut b).await;

    // Disabling: the session ends and the account cannot log in again.
    b.login(&email).await;
    app.store
        .write(|c| user::disable(c, app.org_a.id, me.id))
        .unwrap();
    sent_to_login(&mut b).await;
    b.get("/login").await;
    let resp = b
        .submit("/login", &[("email", &email), ("password", PASSWORD)])
        .await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    // Enabled again, it logs in (its old sessions stay ended).
    app.store.write(|c| user::enable(c, app.org_a.id, me.id)).unwrap();
    b.login(&email).await;
    assert_eq!(b.get("/").await.status(), StatusCode::OK);
}

async fn a_csrf_token_planted_as_a_cookie_is_refused(app: TestApp) {
    // Someone plants a cookie of their choice (both names a token could come from) and
    // puts the same value in the form.
    let planted = "a".repeat(64);
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    for name in ["nabij_csrf", "nabij_presession"] {
        b.jar.insert(name.to_string(), planted.clone());
    }
    let resp = b.post("/logout", &[("csrf", &planted)]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(b.get("/").await.status(), StatusCode::OK, "still logged in");

    // The login form too.
    let mut fresh = Browser::new(&app);
    fresh.get("/login").await;
    for name in ["nabij_csrf", "nabij_presession"] {
        fresh.jar.insert(name.to_string(), planted.clone());
    }
    let resp = fresh
        .post(
            "/login",
            &[
                ("csrf", &planted),
                ("email", &app.org_a.coordinator_email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);

    // Another browser's own, valid token is not this session's either.
    let mut other = Browser::new(&app);
    other.login(&app.org_a.coordinator_email).await;
    let foreign = other.csrf();
    let resp = b.post("/logout", &[("csrf", &foreign)]).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
}

async fn a_post_from_another_origin_is_refused(app: TestApp) {
    let mut b = Browser::new(&app);
    b.login(&app.org_a.coordinator_email).await;
    let csrf = b.csrf();
    let own = app.address.clone();
    for headers in [
        vec![("Origin", "https://evil.example")],
        vec![("Origin", "null"), ("Sec-Fetch-Site", "cross-site")],
        vec![("Sec-Fetch-Site", "cross-site")],
        vec![("Sec-Fetch-Site", "same-site")],
        vec![("Origin", own.as_str()), ("Sec-Fetch-Site", "cross-site")],
    ] {
        let resp = b.post_with("/logout", &[("csrf", &csrf)], &headers).await;
        assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{headers:?}");
    }
    assert_eq!(b.get("/").await.status(), StatusCode::OK, "still logged in");
    // The same origin, as a browser sends it, is fine (`Origin: null` is what a browser
    // sends from a page with `Referrer-Policy: no-referrer`, as the console's are).
    let resp = b
        .post_with(
            "/neighbours/new",
            &[("csrf", &csrf), ("display_name", "")],
            &[("Origin", "null"), ("Sec-Fetch-Site", "same-origin")],
        )
        .await;
    assert_ne!(resp.status(), StatusCode::FORBIDDEN);
    let resp = b
        .post_with(
            "/logout",
            &[("csrf", &csrf)],
            &[("Origin", own.as_str()), ("Sec-Fetch-Site", "same-origin")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    sent_to_login(&mut b).await;
}
