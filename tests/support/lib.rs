//! Test support for black-box tests of the whole system: a [`TestApp`] over
//! the real router and a fresh database per test — SQLite in a temporary
//! directory by default, PostgreSQL when `HULIAN_TEST_DATABASE_URL` names a
//! server (a fresh database is created on it for every test).

use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use hulian_service::{App, Config};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tower::ServiceExt;

pub const TEST_SECRET: &str = "test-secret-test-secret-test-secret-0123";
pub const PASSWORD: &str = "correct horse battery staple";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The application under test, with its data directory.
pub struct TestApp {
    pub app: App,
    pub router: Router,
    pub dir: tempfile::TempDir,
}

/// A response, with the body read as text and (when it is JSON) parsed.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub text: String,
    pub json: Value,
    pub content_type: String,
}

impl TestResponse {
    /// The error code of an error envelope.
    pub fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or_default()
    }
}

/// The database URL for a new test: a fresh PostgreSQL database when
/// `HULIAN_TEST_DATABASE_URL` is set, else `None` (SQLite in the data dir).
pub async fn fresh_database_url() -> Option<String> {
    let admin_url = std::env::var("HULIAN_TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())?;
    let name = format!(
        "hulian_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        chrono::Utc::now().timestamp_subsec_nanos()
    );
    let admin = Database::connect(&admin_url).await.expect("connect to the PostgreSQL test server");
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.expect("create a test database");
    admin.close().await.ok();
    let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
    Some(format!("{base}/{name}"))
}

pub fn is_postgres() -> bool {
    std::env::var("HULIAN_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty())
}

impl TestApp {
    pub async fn new() -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Config {
            data_dir: dir.path().to_path_buf(),
            database_url: fresh_database_url().await,
            jwt_secret: Some(TEST_SECRET.to_owned()),
            ..Config::default()
        };
        let app = App::open(config).await.expect("open app");
        let router = hulian_api::router(app.clone(), None);
        TestApp { app, router, dir }
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.expect("router answers");
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        TestResponse { status, text, json, content_type }
    }

    pub async fn request(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = match body {
            Some(body) => builder
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string())),
            None => builder.body(Body::empty()),
        }
        .expect("request");
        self.send(request).await
    }

    /// A request with a raw body and content type.
    pub async fn raw(&self, method: Method, path: &str, token: Option<&str>, content_type: &str, body: impl Into<Body>) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path).header(header::CONTENT_TYPE, content_type);
        if let Some(token) = token {
            builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(builder.body(body.into()).expect("request")).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> TestResponse {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> TestResponse {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn put(&self, path: &str, token: Option<&str>, body: Value) -> TestResponse {
        self.request(Method::PUT, path, token, Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> TestResponse {
        self.request(Method::DELETE, path, token, None).await
    }

    /// Registers a member and returns its access token.
    pub async fn member(&self, email: &str) -> String {
        let response = self
            .post("/api/v1/auth/register", None, json!({"email": email, "password": PASSWORD, "display_name": email}))
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
        response.json["access_token"].as_str().expect("access token").to_owned()
    }

    /// Logs in and returns the whole session.
    pub async fn login(&self, email: &str) -> Value {
        let response = self.post("/api/v1/auth/login", None, json!({"email": email, "password": PASSWORD})).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text);
        response.json
    }

    /// Creates an admin (through the operator path) and returns its access token.
    pub async fn admin(&self) -> String {
        self.app.create_admin("admin@hulian.test", PASSWORD, "Admin").await.expect("create admin");
        self.login("admin@hulian.test").await["access_token"].as_str().expect("token").to_owned()
    }

    /// Registers a member, makes it a promoter, and returns a fresh token.
    pub async fn promoter(&self, email: &str, admin_token: &str) -> String {
        self.member(email).await;
        let id = self.login(email).await["user"]["id"].as_i64().expect("id");
        let response = self.put(&format!("/api/v1/users/{id}/role"), Some(admin_token), json!({"role": "promoter"})).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text);
        self.login(email).await["access_token"].as_str().expect("token").to_owned()
    }

    /// Creates an organization owned by the token's user.
    pub async fn create_org(&self, token: &str, external_id: &str) -> Value {
        let response = self.post("/api/v1/organizations", Some(token), org_body(external_id)).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
        response.json
    }

    /// Creates a listing of an organization.
    pub async fn create_listing(&self, token: &str, external_id: &str, organization: &str) -> Value {
        let response = self.post("/api/v1/listings", Some(token), listing_body(external_id, organization)).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
        response.json
    }
}

/// A valid organization body.
pub fn org_body(external_id: &str) -> Value {
    json!({
        "external_id": external_id,
        "name": "大连北湾重型装备有限公司",
        "name_en": "Dalian Beiwan Heavy Equipment Co.",
        "org_type": "enterprise",
        "region": "dalian",
        "district": "金普新区",
        "sectors": ["equipment"],
        "ownership": "soe",
        "description": "大型港口起重机和冶金装备制造商。",
        "contact": {"name": "王经理", "email": "invest@beiwan.example.com", "phone": "0411-0000-0000"}
    })
}

/// A valid listing body.
pub fn listing_body(external_id: &str, organization: &str) -> Value {
    json!({
        "external_id": external_id,
        "organization": organization,
        "listing_type": "project",
        "title": "智能港口起重机生产线技改项目",
        "title_en": "Smart port crane production line upgrade",
        "description": "拟引进战略投资者，建设自动化岸桥生产线。",
        "sectors": ["equipment", "port_logistics"],
        "region": "dalian",
        "amount_cny_min": 200000000,
        "amount_cny_max": 500000000,
        "modes": ["equity", "joint_venture"],
        "deadline": "2027-12-31",
        "tags": ["岸桥", "自动化"]
    })
}

/// The shared development set, beside the checkout.
pub fn dev_corpus_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/dev/corpus.ndjson")
}
