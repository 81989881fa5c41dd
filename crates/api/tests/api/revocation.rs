//! A staff account's API tokens end with its sessions (issue 12 "Sessions end", reused
//! by issue 16): after "log out everywhere", a password change or disabling the
//! account, a token issued before is refused at once (401), and a disabled account
//! cannot log in.

use crate::helpers::{assert_problem, TestApp, PASSWORD};
use nabij_store::user;

crate::on_both_backends!(
    tokens_issued_before_log_out_everywhere_or_a_password_change_are_refused,
    a_disabled_accounts_token_is_refused_and_it_cannot_log_in,
);

async fn login_token(app: &TestApp) -> String {
    let resp = app.post_login(&app.org_a.coordinator_email, PASSWORD).await;
    assert_eq!(resp.status().as_u16(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_string()
}

async fn me(app: &TestApp, token: &str) -> crate::helpers::Response {
    app.get_with_token("/v1/auth/me", token).await
}

fn account(app: &TestApp) -> user::User {
    app.store
        .read(|c| user::by_email(c, &app.org_a.coordinator_email))
        .unwrap()
}

async fn tokens_issued_before_log_out_everywhere_or_a_password_change_are_refused(app: TestApp) {
    let me_id = account(&app).id;
    let old = login_token(&app).await;
    assert_eq!(me(&app, &old).await.status().as_u16(), 200);
    app.store
        .write(|c| user::end_sessions(c, app.org_a.id, me_id))
        .unwrap();
    // Refused at once, although the signature cache of this instance knew the token.
    assert_problem(me(&app, &old).await, 401, "unauthorized").await;
    // A new login gets a token that works, on a data route too.
    let new = login_token(&app).await;
    assert_eq!(me(&app, &new).await.status().as_u16(), 200);
    let resp = app.get_with_token("/v1/neighbours", &new).await;
    assert_eq!(resp.status().as_u16(), 200);

    // A password change ends it too.
    let hash = nabij_api::auth::password::hash_password(PASSWORD).unwrap();
    app.store
        .write(|c| user::set_password(c, app.org_a.id, me_id, &hash))
        .unwrap();
    assert_problem(me(&app, &new).await, 401, "unauthorized").await;
    let resp = app.get_with_token("/v1/neighbours", &new).await;
    assert_eq!(resp.status().as_u16(), 401);
}

async fn a_disabled_accounts_token_is_refused_and_it_cannot_log_in(app: TestApp) {
    let me_id = account(&app).id;
    let token = login_token(&app).await;
    assert_eq!(me(&app, &token).await.status().as_u16(), 200);
    app.store
        .write(|c| user::disable(c, app.org_a.id, me_id))
        .unwrap();
    assert_problem(me(&app, &token).await, 401, "unauthorized").await;
    let resp = app.post_login(&app.org_a.coordinator_email, PASSWORD).await;
    assert_problem(resp, 401, "invalid_credentials").await;
    // Enabled again: a new login works, the old token stays refused.
    app.store.write(|c| user::enable(c, app.org_a.id, me_id)).unwrap();
    let new = login_token(&app).await;
    assert_eq!(me(&app, &new).await.status().as_u16(), 200);
    assert_problem(me(&app, &token).await, 401, "unauthorized").await;
}
