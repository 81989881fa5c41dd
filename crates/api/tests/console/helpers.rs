//! The app with two organisations (`pelt`, `deerlijk`), each with a coordinator and a
//! neighbourhood, and [`Browser`]: a reqwest client with a tiny cookie jar.
//!
//! [`spawn_app`] runs on a fresh SQLite file. [`spawn_app_on`] runs on either backend
//! (PostgreSQL: a fresh database in the test binary's throwaway cluster, see
//! `nabij_store::testing`); a test written as `async fn name(app: TestApp)` and listed in
//! [`on_both_backends!`](crate::on_both_backends) runs on both (`…::sqlite::name` and
//! `…::postgres::name`; `NABIJ_SKIP_PG=1` skips the latter).

use nabij_api::auth::password::hash_password;
use nabij_api::{Application, Settings};
use nabij_store::neighbourhood::{self, NewNeighbourhood};
use nabij_store::testing::TestDatabase;
use nabij_store::{organisation, user, BackendKind, NeighbourhoodId, Store};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, Response, StatusCode};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::Duration;

pub const PASSWORD: &str = "lang-en-sterk-wachtwoord";

fn password_hash() -> &'static str {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password(PASSWORD).unwrap())
}

pub struct Org {
    pub id: nabij_store::OrgId,
    pub coordinator_email: String,
    pub neighbourhood: NeighbourhoodId,
}

/// Runs each listed `async fn name(app: TestApp)` on SQLite and on PostgreSQL; see
/// `nabij_store::on_both_backends!`.
#[macro_export]
macro_rules! on_both_backends {
    ($($t:tt)*) => { nabij_store::on_both_backends!(async $crate::helpers::run; $($t)*); };
}

/// Runs `test` on an app on `backend` (skipped for PostgreSQL with `NABIJ_SKIP_PG=1`).
pub async fn run<F, Fut>(backend: BackendKind, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    if let Some(app) = spawn_app_on(backend).await {
        test(app).await;
    }
}

pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub org_a: Org,
    pub org_b: Org,
    /// The database the app runs on.
    #[allow(dead_code)]
    pub backend: BackendKind,
    /// A pool on the app's database (for seeding and checking what a page wrote).
    pub store: Store,
    _dir: tempfile::TempDir,
    _db: Option<TestDatabase>,
}

fn seed_org(store: &Store, slug: &str, lat: f64) -> Org {
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
            user::create(
                c,
                org.id,
                &user::NewUser {
                    email: format!("coordinator@{slug}.test"),
                    password_hash: password_hash().to_string(),
                    role: user::Role::Coordinator,
                    neighbourhood_ids: None,
                },
            )?;
            let hood = neighbourhood::create(
                c,
                org.id,
                &NewNeighbourhood {
                    name: format!("Centrum {slug}"),
                    centre_lat: lat,
                    centre_lon: 5.42,
                    radius_m: 1500.0,
                },
            )?;
            Ok(Org {
                id: org.id,
                coordinator_email: format!("coordinator@{slug}.test"),
                neighbourhood: hood.id,
            })
        })
        .unwrap()
}

/// The app on a fresh SQLite file.
#[allow(dead_code)]
pub async fn spawn_app() -> TestApp {
    spawn_app_on(BackendKind::Sqlite)
        .await
        .expect("SQLite is always there")
}

/// The app on `backend`, or `None` for PostgreSQL when `NABIJ_SKIP_PG=1`.
pub async fn spawn_app_on(backend: BackendKind) -> Option<TestApp> {
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
    let app = Application::build(settings.clone()).await.unwrap();
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let store = Store::open(&settings.database_url).unwrap();
    let org_a = seed_org(&store, "pelt", 51.22);
    let org_b = seed_org(&store, "deerlijk", 50.85);
    Some(TestApp {
        address,
        settings,
        org_a,
        org_b,
        backend,
        store,
        _dir: dir,
        _db: db,
    })
}

impl TestApp {
    /// Another coordinator of `org`, limited to `neighbourhoods` when given; logs in
    /// with [`PASSWORD`]. Returns the e-mail address.
    pub fn add_coordinator(
        &self,
        org: &Org,
        email: &str,
        neighbourhoods: Option<Vec<NeighbourhoodId>>,
    ) -> String {
        self.store
            .write(|c| {
                user::create(
                    c,
                    org.id,
                    &user::NewUser {
                        email: email.to_string(),
                        password_hash: password_hash().to_string(),
                        role: user::Role::Coordinator,
                        neighbourhood_ids: neighbourhoods,
                    },
                )
            })
            .unwrap();
        email.to_string()
    }

    /// Another neighbourhood of `org` (centre at `lat`, 5.42; radius 1500 m).
    pub fn add_neighbourhood(&self, org: &Org, name: &str, lat: f64) -> NeighbourhoodId {
        self.store
            .write(|c| {
                neighbourhood::create(
                    c,
                    org.id,
                    &NewNeighbourhood {
                        name: name.to_string(),
                        centre_lat: lat,
                        centre_lon: 5.42,
                        radius_m: 1500.0,
                    },
                )
            })
            .unwrap()
            .id
    }
}

/// A browser: keeps the cookies it is given, follows no redirect.
pub struct Browser {
    base: String,
    client: reqwest::Client,
    pub jar: BTreeMap<String, String>,
    /// The server's key for CSRF tokens (the tokens a page of this browser carries are
    /// computed from it and the session or pre-session cookie).
    csrf_secret: [u8; 32],
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        Browser {
            base: app.address.clone(),
            client: reqwest::Client::builder()
                .redirect(redirect::Policy::none())
                .build()
                .unwrap(),
            jar: BTreeMap::new(),
            csrf_secret: nabij_api::auth::KeySet::load(&app.settings.data_dir)
                .unwrap()
                .console_secret()
                .unwrap(),
        }
    }

    fn keep(&mut self, resp: &Response) {
        for v in resp.headers().get_all(SET_COOKIE) {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            if val.is_empty() || v.contains("Max-Age=0") {
                self.jar.remove(k);
            } else {
                self.jar.insert(k.to_string(), val.to_string());
            }
        }
    }

    fn cookie_header(&self) -> String {
        self.jar
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn get(&mut self, path: &str) -> Response {
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(&resp);
        resp
    }

    /// Posts a form as is (add `csrf` yourself, or use [`Browser::submit`]).
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Response {
        self.post_with(path, form, &[]).await
    }

    /// Posts a form as is with extra request headers (`Origin`, `Sec-Fetch-Site`).
    pub async fn post_with(
        &mut self,
        path: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> Response {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header());
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = req
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(form).unwrap())
            .send()
            .await
            .unwrap();
        self.keep(&resp);
        resp
    }

    /// Posts a body of any type (a `multipart/form-data` upload).
    pub async fn post_raw(&mut self, path: &str, content_type: &str, body: Vec<u8>) -> Response {
        let resp = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .header("Content-Type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        self.keep(&resp);
        resp
    }

    /// The CSRF token the forms of this browser carry: bound to its session, or before
    /// login to its pre-session id (the same value the pages write into their forms).
    pub fn csrf(&self) -> String {
        let (kind, id) = match self.jar.get("nabij_session") {
            Some(id) => ("session", id),
            None => (
                "pre",
                self.jar
                    .get("nabij_presession")
                    .expect("no pre-session cookie yet"),
            ),
        };
        nabij_api::console::csrf_token(&self.csrf_secret, kind, id)
    }

    /// Posts a form with this browser's CSRF token.
    pub async fn submit(&mut self, path: &str, form: &[(&str, &str)]) -> Response {
        let csrf = self.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(form);
        self.post(path, &all).await
    }

    /// Opens the login page and logs in; panics unless redirected to `/`.
    pub async fn login(&mut self, email: &str) {
        let page = self.get("/login").await;
        assert_eq!(page.status(), StatusCode::OK);
        let resp = self
            .submit("/login", &[("email", email), ("password", PASSWORD)])
            .await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER, "login of {email}");
        assert_eq!(location(&resp), "/");
    }
}

pub fn location(resp: &Response) -> String {
    resp.headers()
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}
