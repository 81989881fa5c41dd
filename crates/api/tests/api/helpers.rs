//! `spawn_app_on(backend)`: the real application on a random loopback port, against a
//! fresh SQLite file in a temporary data directory or a fresh database in the test
//! binary's throwaway PostgreSQL cluster, with two organisations seeded.
//!
//! Every test body is `async fn name(app: TestApp)`, listed in its module's
//! [`on_both_backends!`](crate::on_both_backends) so it runs on both databases
//! (`…::sqlite::name` and `…::postgres::name`; `NABIJ_SKIP_PG=1` skips the latter).
//!
//! Requests go out through [`Client`] (`app.client`, the typed helpers use it too),
//! which checks every response against `openapi.yaml` ([`crate::openapi_check`]); the
//! mismatches are printed at once and fail the test when its body returns.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use nabij_api::auth::keys::KEYS_FILE;
use nabij_api::auth::password::hash_password;
use nabij_api::auth::{Caller, KeySet, Role, TokenConfig};
use nabij_api::{Application, Settings};
use nabij_store::testing::TestDatabase;
use nabij_store::{client, organisation, user, BackendKind, NeighbourhoodId, OrgId, Store};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{IntoUrl, Method, StatusCode};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

pub const PASSWORD: &str = "lang-en-sterk-wachtwoord";
pub const CLIENT_SECRET: &str = "partner-geheim-123";

/// One argon2 hash per test binary: hashing is deliberately slow.
fn password_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password(PASSWORD).unwrap())
}

fn secret_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password(CLIENT_SECRET).unwrap())
}

pub struct Org {
    pub id: OrgId,
    pub slug: String,
    pub coordinator_email: String,
    pub admin_email: String,
    pub client_id: String,
}

/// Runs each listed `async fn name(app: TestApp)` on SQLite and on PostgreSQL; see
/// `nabij_store::on_both_backends!`.
#[macro_export]
macro_rules! on_both_backends {
    ($($t:tt)*) => { nabij_store::on_both_backends!(async $crate::helpers::run; $($t)*); };
}

/// Runs `test` on an app on `backend` and checks that every call it made matched
/// `openapi.yaml` (skipped for PostgreSQL with `NABIJ_SKIP_PG=1`).
pub async fn run<F, Fut>(backend: BackendKind, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    if let Some(app) = spawn_app_on(backend).await {
        let failures = app.client.failures();
        test(app).await;
        failures.assert_none();
    }
}

pub struct TestApp {
    pub backend: BackendKind,
    pub address: String,
    pub client: Client,
    #[allow(dead_code)]
    pub store: Store,
    pub settings: Settings,
    pub org_a: Org,
    pub org_b: Org,
    _dir: tempfile::TempDir,
    _db: Option<TestDatabase>,
}

fn seed_org(store: &Store, slug: &str) -> Org {
    store
        .write(|c| {
            let org = organisation::create(
                c,
                &organisation::NewOrganisation {
                    slug: slug.to_string(),
                    name: slug.to_uppercase(),
                    settings: Default::default(),
                },
            )?;
            for (email, role) in [
                (format!("coordinator@{slug}.test"), user::Role::Coordinator),
                (format!("admin@{slug}.test"), user::Role::Admin),
            ] {
                user::create(
                    c,
                    org.id,
                    &user::NewUser {
                        email,
                        password_hash: password_hash().to_string(),
                        role,
                        neighbourhood_ids: None,
                    },
                )?;
            }
            client::create(
                c,
                org.id,
                &client::NewClient {
                    client_id: format!("app-{slug}"),
                    secret_hash: secret_hash().to_string(),
                    scopes: vec!["neighbours:write".into(), "requests:write".into()],
                    name: format!("App {slug}"),
                },
            )?;
            Ok(Org {
                id: org.id,
                slug: slug.to_string(),
                coordinator_email: format!("coordinator@{slug}.test"),
                admin_email: format!("admin@{slug}.test"),
                client_id: format!("app-{slug}"),
            })
        })
        .unwrap()
}

/// The app on `backend`, or `None` for PostgreSQL when `NABIJ_SKIP_PG=1`.
pub async fn spawn_app_on(backend: BackendKind) -> Option<TestApp> {
    spawn_app_with(backend, |_| {}).await
}

/// As [`spawn_app_on`], with `tweak` applied to the settings before the app is built.
pub async fn spawn_app_with(backend: BackendKind, tweak: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::for_data_dir(dir.path());
    let db = match backend {
        BackendKind::Sqlite => None,
        BackendKind::Postgres => {
            let db = TestDatabase::new(backend)?;
            settings.database_url = db.url.clone();
            Some(db)
        }
    };
    settings.listen = "127.0.0.1:0".to_string();
    settings.workers = Some(1);
    settings.login_max_failures = 3;
    settings.login_window = Duration::from_secs(60);
    tweak(&mut settings);
    let app = Application::build(settings.clone()).await.unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let store = Store::open(&settings.database_url).unwrap();
    let org_a = seed_org(&store, "pelt");
    let org_b = seed_org(&store, "deerlijk");
    let client = Client::new();
    Some(TestApp {
        backend,
        address,
        client,
        store,
        settings,
        org_a,
        org_b,
        _dir: dir,
        _db: db,
    })
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_with_token(&self, path: &str, token: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client.post(self.url(path)).json(body).send().await.unwrap()
    }

    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Response {
        self.client
            .post(self.url(path))
            .header("Content-Type", content_type)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_login(&self, email: &str, password: &str) -> Response {
        self.post_json(
            "/v1/auth/login",
            &serde_json::json!({"email": email, "password": password}),
        )
        .await
    }

    /// Another instance of the application on the same database and keys (as behind a
    /// load balancer); returns its address.
    pub async fn second_instance(&self) -> String {
        let app = Application::build(self.settings.clone()).await.unwrap();
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        address
    }

    pub fn keys(&self) -> KeySet {
        KeySet::load(&self.settings.data_dir).unwrap()
    }

    pub fn token_config(&self) -> TokenConfig {
        TokenConfig {
            issuer: self.settings.issuer.clone(),
            audience: self.settings.audience.clone(),
        }
    }

    /// A valid token of `org` with `role`, signed by the server's current key.
    pub fn token(&self, org: &Org, role: Role, scopes: &[&str]) -> String {
        self.token_for(org, role, scopes, None)
    }

    /// A coordinator's token limited to `neighbourhoods`.
    pub fn limited_token(&self, org: &Org, neighbourhoods: &[NeighbourhoodId]) -> String {
        self.token_for(org, Role::Coordinator, &[], Some(neighbourhoods.to_vec()))
    }

    /// A token of `org` with `role` whose audit subject is `subject` (two partner apps).
    pub fn token_as(&self, org: &Org, role: Role, scopes: &[&str], subject: &str) -> String {
        let who = Caller {
            subject: subject.to_string(),
            org: org.id,
            org_slug: org.slug.clone(),
            role,
            neighbourhoods: None,
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
        };
        self.keys()
            .issue(&self.token_config(), &who, Duration::from_secs(300))
            .unwrap()
            .access_token
    }

    fn token_for(
        &self,
        org: &Org,
        role: Role,
        scopes: &[&str],
        neighbourhoods: Option<Vec<NeighbourhoodId>>,
    ) -> String {
        let who = Caller {
            subject: format!("test:{}", role.as_str()),
            org: org.id,
            org_slug: org.slug.clone(),
            role,
            neighbourhoods,
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
        };
        self.keys()
            .issue(&self.token_config(), &who, Duration::from_secs(300))
            .unwrap()
            .access_token
    }

    /// Signs arbitrary claims with the server's private key and the given header.
    pub fn sign(&self, header: &Header, claims: &serde_json::Value) -> String {
        let text = std::fs::read_to_string(self.settings.data_dir.join(KEYS_FILE)).unwrap();
        let file: serde_json::Value = serde_json::from_str(&text).unwrap();
        let pem = file["keys"][0]["private_key_pem"].as_str().unwrap();
        let key = EncodingKey::from_ed_pem(pem.as_bytes()).unwrap();
        jsonwebtoken::encode(header, claims, &key).unwrap()
    }

    pub fn eddsa_header(&self) -> Header {
        let mut h = Header::new(Algorithm::EdDSA);
        h.kid = Some(self.keys().current().unwrap().kid.clone());
        h
    }

    /// Claims that would be valid, as JSON to tamper with.
    pub fn claims(&self) -> serde_json::Value {
        let now = chrono::Utc::now().timestamp();
        serde_json::json!({
            "iss": self.settings.issuer, "aud": self.settings.audience, "sub": "test:x",
            "org": self.org_a.id.get(), "org_slug": self.org_a.slug, "role": "coordinator",
            "iat": now, "nbf": now, "exp": now + 300, "jti": "j1",
        })
    }
}

/// A plain `reqwest::Client` whose responses are *not* checked against `openapi.yaml`:
/// only for what the document deliberately leaves out (`/metrics`, CORS preflights and
/// other methods the API does not serve).
pub fn unchecked_client() -> reqwest::Client {
    reqwest::Client::new()
}

/// Asserts a problem+json response and returns its body.
pub async fn assert_problem(resp: Response, status: u16, code: &str) -> serde_json::Value {
    assert_eq!(resp.status().as_u16(), status, "status");
    let ct = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string());
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert!(body["title"].is_string() && body["detail"].is_string() && body["type"].is_string());
    body
}

/// Mismatches with `openapi.yaml`, shared by the clones of one test's [`Client`].
#[derive(Clone, Default)]
pub struct Failures(Arc<Mutex<Vec<String>>>);

impl Failures {
    pub fn push(&self, failure: String) {
        eprintln!("openapi.yaml mismatch: {failure}");
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(failure);
    }

    /// Panics with every mismatch collected so far.
    pub fn assert_none(&self) {
        let failures = std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner));
        assert!(
            failures.is_empty(),
            "{} response(s) do not match openapi.yaml:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// A `reqwest::Client` (no redirects) whose every response is checked against
/// `openapi.yaml`; clones share one [`Failures`].
#[derive(Clone)]
pub struct Client {
    inner: reqwest::Client,
    failures: Failures,
}

impl Client {
    fn new() -> Client {
        let inner = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Client {
            inner,
            failures: Failures::default(),
        }
    }

    pub fn failures(&self) -> Failures {
        self.failures.clone()
    }

    pub fn request(&self, method: Method, url: impl IntoUrl) -> RequestBuilder {
        RequestBuilder {
            inner: self.inner.request(method, url),
            failures: self.failures.clone(),
        }
    }

    pub fn get(&self, url: impl IntoUrl) -> RequestBuilder {
        self.request(Method::GET, url)
    }

    pub fn post(&self, url: impl IntoUrl) -> RequestBuilder {
        self.request(Method::POST, url)
    }

    pub fn patch(&self, url: impl IntoUrl) -> RequestBuilder {
        self.request(Method::PATCH, url)
    }

    pub fn delete(&self, url: impl IntoUrl) -> RequestBuilder {
        self.request(Method::DELETE, url)
    }
}

/// `reqwest::RequestBuilder`'s calls the tests use; [`send`](Self::send) checks the answer.
pub struct RequestBuilder {
    inner: reqwest::RequestBuilder,
    failures: Failures,
}

impl RequestBuilder {
    fn map(self, f: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder) -> Self {
        RequestBuilder {
            inner: f(self.inner),
            failures: self.failures,
        }
    }

    pub fn bearer_auth(self, token: impl std::fmt::Display) -> Self {
        self.map(|r| r.bearer_auth(token))
    }

    pub fn basic_auth(self, user: impl std::fmt::Display, password: Option<impl std::fmt::Display>) -> Self {
        self.map(|r| r.basic_auth(user, password))
    }

    pub fn header(self, name: &str, value: impl AsRef<str>) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes()).unwrap();
        let value = HeaderValue::from_str(value.as_ref()).unwrap();
        self.map(|r| r.header(name, value))
    }

    pub fn json<T: serde::Serialize + ?Sized>(self, body: &T) -> Self {
        self.map(|r| r.json(body))
    }

    pub fn body(self, body: impl Into<reqwest::Body>) -> Self {
        self.map(|r| r.body(body))
    }

    /// Sends, reads the whole body and checks the response against `openapi.yaml`.
    pub async fn send(self) -> reqwest::Result<Response> {
        let (client, request) = self.inner.build_split();
        let request = request?;
        let (method, url) = (request.method().to_string(), request.url().clone());
        let resp = client.execute(request).await?;
        let (status, headers) = (resp.status(), resp.headers().clone());
        let body = resp.bytes().await?.to_vec();
        let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let checked =
            crate::openapi_check::spec().check(&method, url.path(), status.as_u16(), content_type, &body);
        if let Err(failure) = checked {
            self.failures.push(failure);
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

/// A response read in full (and checked); `reqwest::Response`'s calls the tests use.
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Response {
    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub async fn text(self) -> Result<String, std::string::FromUtf8Error> {
        String::from_utf8(self.body)
    }

    pub async fn json<T: serde::de::DeserializeOwned>(self) -> serde_json::Result<T> {
        serde_json::from_slice(&self.body)
    }
}
