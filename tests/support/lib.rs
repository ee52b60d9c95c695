//! Test support for black-box tests of the whole system: a [`TestApp`] over
//! the real router and a fresh database per test — SQLite in a temporary
//! directory by default, PostgreSQL when `HULIAN_TEST_DATABASE_URL` names a
//! server (a fresh database is created on it for every test).
//!
//! Besides requests, it offers what black-box tests need to prove a refused
//! call wrote nothing ([`TestApp::snapshot`]), to build the usual actors
//! (members, editors, promoters, admins) and to forge access tokens.

// Test support: failing loudly on a broken fixture is the point, as in tests.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http_body_util::BodyExt;
use hulian_service::{App, Config};
use hulian_store::entities::{listing, membership, organization, user};
use sea_orm::{ConnectionTrait, Database, EntityTrait, QueryOrder};
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
    pub headers: HeaderMap,
}

impl TestResponse {
    /// The error code of an error envelope.
    pub fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or_default()
    }

    /// `error.fields` of a `validation_failed` envelope as field → code.
    pub fn field_codes(&self) -> BTreeMap<String, String> {
        self.json["error"]["fields"]
            .as_object()
            .map(|fields| {
                fields
                    .iter()
                    .map(|(field, error)| (field.clone(), error["code"].as_str().unwrap_or_default().to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts the status and, for an error, the envelope's code.
    #[track_caller]
    pub fn assert_error(&self, status: StatusCode, code: &str) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.code(), code, "{}", self.text);
        assert!(
            self.json["error"]["message"].is_string(),
            "an error envelope has a message: {}",
            self.text
        );
    }
}

/// Every row a request could write, except refresh tokens (which logging in
/// writes): equal snapshots before and after a call prove it wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbSnapshot {
    pub organizations: Vec<organization::Model>,
    pub listings: Vec<listing::Model>,
    pub users: Vec<user::Model>,
    pub memberships: Vec<membership::Model>,
    pub match_feedback: Vec<hulian_store::entities::match_feedback::Model>,
    pub change_log: u64,
    pub notifications: Vec<hulian_store::entities::notification::Model>,
    pub saved_searches: Vec<hulian_store::entities::saved_search::Model>,
    pub webhooks: Vec<hulian_store::entities::webhook::Model>,
    pub webhook_jobs: Vec<hulian_store::entities::webhook_job::Model>,
    pub introductions: Vec<hulian_store::entities::introduction::Model>,
    pub cooperations: Vec<hulian_store::entities::cooperation::Model>,
    pub cooperation_events: Vec<hulian_store::entities::cooperation_event::Model>,
    pub audit_log: Vec<hulian_store::entities::audit_entry::Model>,
}

impl DbSnapshot {
    /// The snapshot with the newest `count` audit entries taken off, and
    /// their actions: for calls whose only write is to the audit log.
    pub fn without_new_audit(&self, count: usize) -> (DbSnapshot, Vec<String>) {
        let mut rest = self.clone();
        let split = rest.audit_log.len().saturating_sub(count);
        let taken = rest.audit_log.split_off(split);
        (rest, taken.into_iter().map(|e| e.action).collect())
    }
}

/// Every row of a table, ordered by `keys`.
async fn rows<E: EntityTrait>(conn: &sea_orm::DatabaseConnection, keys: &[E::Column]) -> Vec<E::Model> {
    let mut query = E::find();
    for key in keys {
        query = query.order_by_asc(*key);
    }
    query
        .all(conn)
        .await
        .unwrap_or_else(|e| panic!("reading {}: {e}", sea_orm::EntityName::table_name(&E::default())))
}

/// The database URL for a new test: a fresh PostgreSQL database when
/// `HULIAN_TEST_DATABASE_URL` is set, else `None` (SQLite in the data dir).
pub async fn fresh_database_url() -> Option<String> {
    let admin_url = std::env::var("HULIAN_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    let name = format!(
        "hulian_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        chrono::Utc::now().timestamp_subsec_nanos()
    );
    let admin = Database::connect(&admin_url)
        .await
        .expect("connect to the PostgreSQL test server");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create a test database");
    admin.close().await.ok();
    let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
    Some(format!("{base}/{name}"))
}

pub fn is_postgres() -> bool {
    std::env::var("HULIAN_TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty())
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with_config(|_| {}).await
    }

    /// A test app whose configuration `change` adjusts first. Webhooks may
    /// call private addresses (the tests' receivers listen on 127.0.0.1).
    pub async fn with_config(change: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = Config {
            data_dir: dir.path().to_path_buf(),
            database_url: fresh_database_url().await,
            jwt_secret: Some(TEST_SECRET.to_owned()),
            index_writer_bytes: 30_000_000,
            webhook_allow_private: true,
            ..Config::default()
        };
        change(&mut config);
        let app = App::open_with_search(config).await.expect("open app");
        let router = hulian_api::router(app.clone(), None);
        TestApp { app, router, dir }
    }

    /// Brings the search index up to date with the database (what the
    /// follower task of `hulian serve` does continuously).
    pub async fn sync_index(&self) {
        self.app.sync_search_index().await.expect("sync the search index");
    }

    /// Brings the search index and then the alerts follower up to date (what
    /// the follower tasks of `hulian serve` do continuously).
    pub async fn run_alerts(&self) {
        self.sync_index().await;
        self.app.run_alerts_once().await.expect("run the alerts follower");
    }

    /// `GET /api/v1/search?…` as anonymous, after syncing the index.
    pub async fn search(&self, query: &str) -> TestResponse {
        self.sync_index().await;
        self.get(&format!("/api/v1/search?{query}"), None).await
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
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let json = serde_json::from_str(&text).unwrap_or(Value::Null);
        TestResponse {
            status,
            text,
            json,
            content_type,
            headers,
        }
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
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: impl Into<Body>,
    ) -> TestResponse {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, content_type);
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

    /// A request with a raw `Authorization` header value (for malformed headers).
    pub async fn get_with_authorization(&self, path: &str, authorization: impl AsRef<[u8]>) -> TestResponse {
        let request = Request::builder()
            .uri(path)
            .header(
                header::AUTHORIZATION,
                axum::http::HeaderValue::from_bytes(authorization.as_ref()).expect("header value"),
            )
            .body(Body::empty())
            .expect("request");
        self.send(request).await
    }

    /// Everything stored that a request could have written.
    pub async fn snapshot(&self) -> DbSnapshot {
        use hulian_store::entities::{
            audit_entry, cooperation, cooperation_event, introduction, match_feedback, notification, saved_search,
            webhook, webhook_job,
        };
        let conn = self.app.store.conn();
        DbSnapshot {
            organizations: rows::<organization::Entity>(conn, &[organization::Column::Id]).await,
            listings: rows::<listing::Entity>(conn, &[listing::Column::Id]).await,
            users: rows::<user::Entity>(conn, &[user::Column::Id]).await,
            memberships: rows::<membership::Entity>(
                conn,
                &[membership::Column::UserId, membership::Column::OrganizationId],
            )
            .await,
            match_feedback: rows::<match_feedback::Entity>(
                conn,
                &[match_feedback::Column::ListingId, match_feedback::Column::CandidateId],
            )
            .await,
            change_log: hulian_store::change_log::count(conn).await.expect("change log"),
            notifications: rows::<notification::Entity>(conn, &[notification::Column::Id]).await,
            saved_searches: rows::<saved_search::Entity>(conn, &[saved_search::Column::Id]).await,
            webhooks: rows::<webhook::Entity>(conn, &[webhook::Column::Id]).await,
            webhook_jobs: rows::<webhook_job::Entity>(conn, &[webhook_job::Column::Id]).await,
            introductions: rows::<introduction::Entity>(conn, &[introduction::Column::Id]).await,
            cooperations: rows::<cooperation::Entity>(conn, &[cooperation::Column::Id]).await,
            cooperation_events: rows::<cooperation_event::Entity>(conn, &[cooperation_event::Column::Id]).await,
            audit_log: rows::<audit_entry::Entity>(conn, &[audit_entry::Column::Id]).await,
        }
    }

    /// (organizations, listings) stored.
    pub async fn counts(&self) -> (u64, u64) {
        let conn = self.app.store.conn();
        (
            hulian_store::organizations::count(conn)
                .await
                .expect("count organizations"),
            hulian_store::listings::count(conn).await.expect("count listings"),
        )
    }

    /// Registers a member and returns the whole session.
    pub async fn register(&self, email: &str) -> Value {
        let response = self
            .post(
                "/api/v1/auth/register",
                None,
                json!({"email": email, "password": PASSWORD, "display_name": email}),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
        response.json
    }

    /// Registers a member and returns its access token and user id.
    pub async fn member_with_id(&self, email: &str) -> (String, i64) {
        let session = self.register(email).await;
        (
            session["access_token"].as_str().expect("access token").to_owned(),
            session["user"]["id"].as_i64().expect("user id"),
        )
    }

    /// Adds an existing account to an organization as `role` (`owner`/`editor`).
    pub async fn add_member(&self, token: &str, organization: &str, email: &str, role: &str) {
        let response = self
            .post(
                &format!("/api/v1/organizations/{organization}/members"),
                Some(token),
                json!({"email": email, "role": role}),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    }

    /// Registers a member and makes it an editor of `organization`; returns its token and id.
    pub async fn editor(&self, email: &str, organization: &str, owner_token: &str) -> (String, i64) {
        let (token, id) = self.member_with_id(email).await;
        self.add_member(owner_token, organization, email, "editor").await;
        (token, id)
    }

    /// Posts an NDJSON file to the import endpoint; `query` is e.g. `?dry_run=true` or empty.
    pub async fn import(&self, token: &str, query: &str, text: impl Into<String>) -> TestResponse {
        self.raw(
            Method::POST,
            &format!("/api/v1/import{query}"),
            Some(token),
            "application/x-ndjson",
            text.into(),
        )
        .await
    }

    /// Imports the development corpus as `token` and checks that it went in whole.
    pub async fn import_dev_corpus(&self, token: &str) -> TestResponse {
        let response = self.import(token, "", dev_corpus()).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text);
        response
    }

    /// Registers a member and returns its access token.
    pub async fn member(&self, email: &str) -> String {
        let response = self
            .post(
                "/api/v1/auth/register",
                None,
                json!({"email": email, "password": PASSWORD, "display_name": email}),
            )
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
        response.json["access_token"].as_str().expect("access token").to_owned()
    }

    /// Logs in and returns the whole session.
    pub async fn login(&self, email: &str) -> Value {
        let response = self
            .post(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": PASSWORD}),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text);
        response.json
    }

    /// Creates an admin (through the operator path) and returns its access token.
    pub async fn admin(&self) -> String {
        self.app
            .create_admin("admin@hulian.test", PASSWORD, "Admin")
            .await
            .expect("create admin");
        self.login("admin@hulian.test").await["access_token"]
            .as_str()
            .expect("token")
            .to_owned()
    }

    /// Registers a member, makes it a promoter, and returns a fresh token.
    pub async fn promoter(&self, email: &str, admin_token: &str) -> String {
        self.member(email).await;
        let id = self.login(email).await["user"]["id"].as_i64().expect("id");
        let response = self
            .put(
                &format!("/api/v1/users/{id}/role"),
                Some(admin_token),
                json!({"role": "promoter"}),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text);
        self.login(email).await["access_token"]
            .as_str()
            .expect("token")
            .to_owned()
    }

    /// Creates an organization owned by the token's user.
    pub async fn create_org(&self, token: &str, external_id: &str) -> Value {
        let response = self
            .post("/api/v1/organizations", Some(token), org_body(external_id))
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
        response.json
    }

    /// Creates a listing of an organization.
    pub async fn create_listing(&self, token: &str, external_id: &str, organization: &str) -> Value {
        let response = self
            .post("/api/v1/listings", Some(token), listing_body(external_id, organization))
            .await;
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

/// A listing body with some fields replaced (a `null` in `changes` removes the field).
pub fn listing_with(external_id: &str, organization: &str, changes: Value) -> Value {
    with_changes(listing_body(external_id, organization), changes)
}

/// An organization body with some fields replaced (a `null` in `changes` removes the field).
pub fn org_with(external_id: &str, changes: Value) -> Value {
    with_changes(org_body(external_id), changes)
}

/// `base` with the fields of `changes` set (or, for `null`, removed).
pub fn with_changes(mut base: Value, changes: Value) -> Value {
    let object = base.as_object_mut().expect("an object body");
    for (key, value) in changes.as_object().expect("an object of changes") {
        if value.is_null() {
            object.remove(key);
        } else {
            object.insert(key.clone(), value.clone());
        }
    }
    base
}

/// Claims of a valid access token for a user, as the service issues them.
pub fn valid_claims(user_id: i64, role: &str) -> Value {
    let now = chrono::Utc::now().timestamp();
    json!({"sub": user_id.to_string(), "role": role, "iat": now, "exp": now + 900, "iss": "hulian", "aud": "hulian-api"})
}

/// Signs `claims` with HS256 and `secret`.
pub fn sign_token(claims: &Value, secret: &str) -> String {
    sign_token_with(jsonwebtoken::Algorithm::HS256, claims, secret)
}

/// Signs `claims` with an HMAC algorithm and `secret`.
pub fn sign_token_with(algorithm: jsonwebtoken::Algorithm, claims: &Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(algorithm),
        claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("sign a token")
}

/// base64url without padding, as JWTs encode their parts.
pub fn b64url(bytes: impl AsRef<[u8]>) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes one base64url part of a JWT.
pub fn b64url_decode(text: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(text).expect("base64url")
}

/// The shared development set as text.
pub fn dev_corpus() -> String {
    std::fs::read_to_string(dev_corpus_path()).expect("read the dev corpus")
}

/// The shared development set, beside the checkout.
pub fn dev_corpus_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/dev/corpus.ndjson")
}
