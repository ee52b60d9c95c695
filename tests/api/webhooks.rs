//! Webhooks through the API and the delivery worker, against a real HTTP
//! receiver on 127.0.0.1: signatures, the delivery log, retries with backoff
//! (the worker runs at times the test chooses instead of sleeping), a
//! receiver that is down or too slow, giving up, a job surviving a restart,
//! URL checks, and who may manage webhooks.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use hulian_service::App;
use hulian_tests::*;
use serde_json::{Value, json};
use sha2::Sha256;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) headers: HeaderMap,
    pub(crate) body: String,
    /// When the request arrived.
    pub(crate) at: std::time::Instant,
}

/// What the receiver answers next: a status, after a delay.
#[derive(Debug, Clone, Copy)]
struct Answer {
    status: u16,
    delay: Duration,
}

#[derive(Default)]
pub(crate) struct ReceiverState {
    received: Vec<Received>,
    /// Answers to give in order; 200 at once when empty.
    script: VecDeque<Answer>,
}

/// A real HTTP server on 127.0.0.1, recording what it gets.
pub(crate) struct Receiver {
    pub(crate) url: String,
    state: Arc<Mutex<ReceiverState>>,
}

impl Receiver {
    pub(crate) async fn start(script: &[(u16, u64)]) -> Receiver {
        let state = Arc::new(Mutex::new(ReceiverState {
            received: Vec::new(),
            script: script
                .iter()
                .map(|(status, delay_ms)| Answer {
                    status: *status,
                    delay: Duration::from_millis(*delay_ms),
                })
                .collect(),
        }));
        let shared = state.clone();
        let router = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: String| {
                let shared = shared.clone();
                async move {
                    let answer = {
                        let mut state = shared.lock().expect("receiver state");
                        state.received.push(Received {
                            headers,
                            body,
                            at: std::time::Instant::now(),
                        });
                        state.script.pop_front()
                    }
                    .unwrap_or(Answer {
                        status: 200,
                        delay: Duration::ZERO,
                    });
                    tokio::time::sleep(answer.delay).await;
                    StatusCode::from_u16(answer.status).expect("status")
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, router).await });
        Receiver {
            url: format!("http://{addr}/hook"),
            state,
        }
    }

    pub(crate) fn received(&self) -> Vec<Received> {
        self.state.lock().expect("receiver state").received.clone()
    }
}

/// A URL on 127.0.0.1 where nothing listens.
async fn closed_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{addr}/hook")
}

pub(crate) fn header<'a>(received: &'a Received, name: &str) -> &'a str {
    received
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Verifies a delivery as a receiver would: HMAC-SHA256 of `timestamp.body`.
pub(crate) fn signature_holds(received: &Received, secret: &str) -> bool {
    let timestamp = header(received, "x-hulian-timestamp");
    let Some(hex_digest) = header(received, "x-hulian-signature").strip_prefix("sha256=") else {
        return false;
    };
    let Ok(expected) = hex::decode(hex_digest) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("key");
    mac.update(format!("{timestamp}.{}", received.body).as_bytes());
    mac.verify_slice(&expected).is_ok()
}

/// `org-a` with its owner; returns the owner's token.
async fn org_a(t: &TestApp) -> String {
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    owner
}

/// Creates a webhook of `org-a`; returns (id, secret).
async fn hook(t: &TestApp, token: &str, url: &str) -> (i64, String) {
    let response = t
        .post(
            "/api/v1/organizations/org-a/webhooks",
            Some(token),
            json!({"url": url, "events": ["match.new", "introduction.accepted"]}),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    (
        response.json["id"].as_i64().expect("id"),
        response.json["secret"].as_str().expect("secret").to_owned(),
    )
}

async fn ping(t: &TestApp, token: &str, id: i64) -> String {
    let response = t
        .post(
            &format!("/api/v1/organizations/org-a/webhooks/{id}/test"),
            Some(token),
            json!({}),
        )
        .await;
    assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.text);
    response.json["delivery_id"].as_str().expect("delivery id").to_owned()
}

async fn deliveries(t: &TestApp, token: &str, id: i64) -> Value {
    let response = t
        .get(
            &format!("/api/v1/organizations/org-a/webhooks/{id}/deliveries"),
            Some(token),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    response.json
}

async fn run_at(app: &App, now: DateTime<Utc>) -> hulian_service::webhooks::WorkerReport {
    app.run_webhook_jobs_at(now).await.expect("run the webhook worker")
}

#[tokio::test]
async fn a_delivery_is_signed_carries_its_ids_and_is_logged() {
    let t = TestApp::new().await;
    let owner = org_a(&t).await;
    let receiver = Receiver::start(&[]).await;
    let (id, secret) = hook(&t, &owner, &receiver.url).await;
    let delivery_id = ping(&t, &owner, id).await;

    let report = t.app.run_webhook_jobs_once().await.expect("worker");
    assert_eq!((report.claimed, report.delivered), (1, 1), "{report:?}");
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    let got = &received[0];
    assert!(signature_holds(got, &secret), "the signature verifies: {got:?}");
    assert!(!signature_holds(got, "whsec_wrong"), "and only with the secret");
    assert_eq!(header(got, "x-hulian-event"), "ping");
    assert_eq!(header(got, "x-hulian-delivery"), delivery_id);
    assert_eq!(header(got, "content-type"), "application/json");
    let timestamp: i64 = header(got, "x-hulian-timestamp").parse().expect("unix seconds");
    assert!((Utc::now().timestamp() - timestamp).abs() < 60);
    let body: Value = serde_json::from_str(&got.body).expect("JSON body");
    assert_eq!(body["id"], delivery_id.as_str());
    assert_eq!(body["event"], "ping");
    assert!(body["created_at"].is_string(), "{body}");
    assert_eq!(body["data"]["organization"], "org-a");

    let log = deliveries(&t, &owner, id).await;
    assert_eq!(log["total"], 1, "{log}");
    let entry = &log["items"][0];
    assert_eq!(entry["delivery_id"], delivery_id.as_str());
    assert_eq!(
        (entry["attempt"].as_i64(), entry["status_code"].as_i64()),
        (Some(1), Some(200))
    );
    assert_eq!(entry["outcome"], "delivered");
    assert!(entry["error"].is_null(), "{entry}");
    insta::assert_json_snapshot!("webhook_delivery_page", log, {
        ".items[].delivery_id" => "[delivery id]",
        ".items[].attempted_at" => "[timestamp]",
        ".items[].duration_ms" => "[ms]",
    });
    assert_eq!(
        t.app.run_webhook_jobs_once().await.expect("worker").claimed,
        0,
        "delivered once"
    );
}

#[tokio::test]
async fn a_failed_delivery_is_retried_with_backoff_until_the_receiver_takes_it() {
    let t = TestApp::new().await;
    let owner = org_a(&t).await;
    let receiver = Receiver::start(&[(500, 0), (503, 0)]).await;
    let (id, secret) = hook(&t, &owner, &receiver.url).await;
    let delivery_id = ping(&t, &owner, id).await;
    let start = Utc::now();

    assert_eq!(run_at(&t.app, start).await.retrying, 1);
    assert_eq!(run_at(&t.app, start).await.claimed, 0, "not due again at once");
    // The first retry waits 30 s (plus up to 25 % jitter): not yet at 29 s, surely by 38 s.
    assert_eq!(run_at(&t.app, start + chrono::Duration::seconds(29)).await.claimed, 0);
    let second = start + chrono::Duration::seconds(38);
    assert_eq!(run_at(&t.app, second).await.retrying, 1);
    // The second retry waits 60 s (up to 75 s).
    assert_eq!(run_at(&t.app, second + chrono::Duration::seconds(59)).await.claimed, 0);
    let third = run_at(&t.app, second + chrono::Duration::seconds(76)).await;
    assert_eq!(third.delivered, 1, "{third:?}");

    let received = receiver.received();
    assert_eq!(received.len(), 3);
    for got in &received {
        assert_eq!(
            header(got, "x-hulian-delivery"),
            delivery_id,
            "one delivery id on every attempt"
        );
        assert!(signature_holds(got, &secret));
    }
    let log = deliveries(&t, &owner, id).await;
    let attempts: Vec<(i64, i64, String, String)> = log["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| {
            (
                e["attempt"].as_i64().expect("attempt"),
                e["status_code"].as_i64().expect("status"),
                e["outcome"].as_str().expect("outcome").to_owned(),
                e["error"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        attempts,
        [
            (3, 200, "delivered".to_owned(), String::new()),
            (2, 503, "retrying".to_owned(), "HTTP 503".to_owned()),
            (1, 500, "retrying".to_owned(), "HTTP 500".to_owned()),
        ],
        "newest first"
    );
}

#[tokio::test]
async fn an_unreachable_receiver_is_given_up_after_the_last_attempt() {
    let t = TestApp::with_config(|c| c.webhook_max_attempts = 3).await;
    let owner = org_a(&t).await;
    let (id, _) = hook(&t, &owner, &closed_url().await).await;
    ping(&t, &owner, id).await;
    let start = Utc::now();
    let mut failed = 0;
    for hour in 0..5 {
        failed += run_at(&t.app, start + chrono::Duration::hours(hour)).await.failed;
    }
    assert_eq!(failed, 1);
    let log = deliveries(&t, &owner, id).await;
    assert_eq!(log["total"], 3, "three attempts and no more: {log}");
    let outcomes: Vec<&str> = log["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(outcomes, ["failed", "retrying", "retrying"]);
    let last = &log["items"][0];
    assert!(last["status_code"].is_null(), "{last}");
    assert!(!last["error"].as_str().unwrap_or_default().is_empty(), "{last}");
    let jobs = t.snapshot().await.webhook_jobs;
    assert_eq!((jobs[0].status.as_str(), jobs[0].attempts), ("failed", 3));
}

#[tokio::test]
async fn a_receiver_slower_than_the_timeout_is_an_attempt_that_failed() {
    let t = TestApp::with_config(|c| c.webhook_timeout = Duration::from_millis(500)).await;
    let owner = org_a(&t).await;
    let receiver = Receiver::start(&[(200, 3000)]).await;
    let (id, _) = hook(&t, &owner, &receiver.url).await;
    ping(&t, &owner, id).await;
    let start = Utc::now();
    assert_eq!(run_at(&t.app, start).await.retrying, 1);
    let log = deliveries(&t, &owner, id).await;
    let entry = &log["items"][0];
    assert!(
        entry["error"].as_str().unwrap_or_default().contains("timed out"),
        "{entry}"
    );
    assert!(entry["status_code"].is_null());
    // The receiver answers at once the next time.
    assert_eq!(run_at(&t.app, start + chrono::Duration::minutes(5)).await.delivered, 1);
}

#[tokio::test]
async fn a_queued_job_survives_a_restart() {
    let t = TestApp::new().await;
    let owner = org_a(&t).await;
    let receiver = Receiver::start(&[]).await;
    let (id, _) = hook(&t, &owner, &receiver.url).await;
    let delivery_id = ping(&t, &owner, id).await;
    // Another process on the same database (the first never ran its worker).
    let restarted = App::open(t.app.config.clone()).await.expect("reopen");
    let report = restarted.run_webhook_jobs_once().await.expect("worker");
    assert_eq!(report.delivered, 1, "{report:?}");
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    assert_eq!(header(&received[0], "x-hulian-delivery"), delivery_id);
    assert_eq!(t.app.run_webhook_jobs_once().await.expect("worker").claimed, 0);
}

#[tokio::test]
async fn a_webhooks_deliveries_go_out_one_at_a_time_in_the_order_queued() {
    let t = TestApp::new().await;
    let owner = org_a(&t).await;
    // The first delivery is answered after 300 ms.
    let receiver = Receiver::start(&[(200, 300)]).await;
    let (id, _) = hook(&t, &owner, &receiver.url).await;
    let queued = vec![
        ping(&t, &owner, id).await,
        ping(&t, &owner, id).await,
        ping(&t, &owner, id).await,
    ];
    let report = t.app.run_webhook_jobs_once().await.expect("worker");
    assert_eq!((report.claimed, report.delivered), (3, 3), "{report:?}");
    let received = receiver.received();
    let delivered: Vec<&str> = received.iter().map(|r| header(r, "x-hulian-delivery")).collect();
    assert_eq!(delivered, queued, "in the order queued");
    let waited = received[1].at.duration_since(received[0].at);
    assert!(
        waited >= Duration::from_millis(300),
        "the second went out only once the first was answered ({waited:?})"
    );
}

#[tokio::test]
async fn workers_running_at_once_never_deliver_a_job_twice() {
    let t = TestApp::new().await;
    let owner = org_a(&t).await;
    let receiver = Receiver::start(&[]).await;
    let (id, _) = hook(&t, &owner, &receiver.url).await;
    let mut queued = Vec::new();
    for _ in 0..6 {
        queued.push(ping(&t, &owner, id).await);
    }
    // Two server instances on the same database.
    let other = App::open(t.app.config.clone()).await.expect("second instance");
    let now = Utc::now();
    let (first, second) = tokio::join!(run_at(&t.app, now), run_at(&other, now));
    assert_eq!(first.delivered + second.delivered, 6, "{first:?} {second:?}");
    let mut delivered: Vec<String> = receiver
        .received()
        .iter()
        .map(|r| header(r, "x-hulian-delivery").to_owned())
        .collect();
    delivered.sort();
    queued.sort();
    assert_eq!(delivered, queued, "each delivery exactly once");
}

#[tokio::test]
async fn a_job_whose_worker_died_is_taken_over_when_its_lease_runs_out() {
    let t = TestApp::new().await;
    let owner = org_a(&t).await;
    let receiver = Receiver::start(&[]).await;
    let (id, _) = hook(&t, &owner, &receiver.url).await;
    ping(&t, &owner, id).await;
    // A worker claims the job and dies before recording anything.
    let now = Utc::now();
    let claimed = hulian_store::webhooks::claim_due(t.app.store.conn(), now, now + chrono::Duration::seconds(60), 10)
        .await
        .expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!(run_at(&t.app, now).await.claimed, 0, "leased to the dead worker");
    let report = run_at(&t.app, now + chrono::Duration::seconds(61)).await;
    assert_eq!(report.delivered, 1, "{report:?}");
    let log = deliveries(&t, &owner, id).await;
    assert_eq!(log["items"][0]["attempt"], 2, "the lost attempt counts");
}

#[tokio::test]
async fn webhook_urls_and_events_are_checked() {
    let t = TestApp::with_config(|c| c.webhook_allow_private = false).await;
    let owner = org_a(&t).await;
    let before = t.snapshot().await;
    for (body, field, code) in [
        (json!({"events": ["match.new"]}), "url", "required"),
        (
            json!({"url": "ftp://example.com/x", "events": ["match.new"]}),
            "url",
            "invalid_format",
        ),
        (
            json!({"url": "not a url", "events": ["match.new"]}),
            "url",
            "invalid_format",
        ),
        (
            json!({"url": "https://user:pw@example.com/", "events": ["match.new"]}),
            "url",
            "invalid_format",
        ),
        (
            json!({"url": "http://127.0.0.1:8080/hook", "events": ["match.new"]}),
            "url",
            "invalid_value",
        ),
        (
            json!({"url": "http://10.1.2.3/hook", "events": ["match.new"]}),
            "url",
            "invalid_value",
        ),
        (
            json!({"url": "http://[::1]/hook", "events": ["match.new"]}),
            "url",
            "invalid_value",
        ),
        (
            json!({"url": "http://169.254.169.254/latest", "events": ["match.new"]}),
            "url",
            "invalid_value",
        ),
        (
            json!({"url": "http://localhost/hook", "events": ["match.new"]}),
            "url",
            "invalid_value",
        ),
        (json!({"url": "https://example.com/hook"}), "events", "required"),
        (
            json!({"url": "https://example.com/hook", "events": []}),
            "events",
            "too_few",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["match.old"]}),
            "events",
            "invalid_value",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["saved_search.hit"]}),
            "events",
            "invalid_value",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["match.new", "match.new"]}),
            "events",
            "duplicate",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["match.new"], "active": "yes"}),
            "active",
            "invalid_type",
        ),
        (
            json!({"url": "https://example.com/hook", "events": ["match.new"], "secret": "mine"}),
            "secret",
            "unknown_field",
        ),
    ] {
        let response = t
            .post("/api/v1/organizations/org-a/webhooks", Some(&owner), body.clone())
            .await;
        response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
        assert_eq!(
            response.field_codes().get(field).map(String::as_str),
            Some(code),
            "{body}: {}",
            response.text
        );
    }
    assert_eq!(t.snapshot().await, before, "nothing stored");

    let created = t
        .post(
            "/api/v1/organizations/org-a/webhooks",
            Some(&owner),
            json!({"url": "https://hooks.example.com/hulian", "events": ["match.new", "cooperation.stage_changed"]}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    insta::assert_json_snapshot!("webhook_created_view", created.json, {
        ".id" => "[id]",
        ".secret" => "[secret]",
        ".created_at" => "[timestamp]",
        ".updated_at" => "[timestamp]",
    });
    let id = created.json["id"].as_i64().expect("id");
    let path = format!("/api/v1/organizations/org-a/webhooks/{id}");
    let patch = |body: Value| t.request(axum::http::Method::PATCH, &path, Some(&owner), Some(body));
    patch(json!({"url": "http://192.168.1.1/"}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    patch(json!({"events": []}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    let changed = patch(json!({"active": false, "events": ["introduction.accepted"]})).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.text);
    assert_eq!(changed.json["active"], false);
    assert_eq!(changed.json["events"], json!(["introduction.accepted"]));
    assert_eq!(
        changed.json["url"], "https://hooks.example.com/hulian",
        "fields not given are kept"
    );
    let listed = t.get("/api/v1/organizations/org-a/webhooks", Some(&owner)).await;
    assert_eq!(listed.json.as_array().map(Vec::len), Some(1), "{}", listed.text);
    assert!(listed.json[0].get("secret").is_none(), "the secret is shown once only");
}

#[tokio::test]
async fn only_an_organizations_editors_and_admins_manage_its_webhooks() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let owner = org_a(&t).await;
    let (editor, _) = t.editor("editor@example.com", "org-a", &owner).await;
    let other = t.member("other@example.com").await;
    t.create_org(&other, "org-b").await;
    let promoter = t.promoter("promoter@example.com", &admin).await;
    let (id, _) = hook(&t, &owner, "https://hooks.example.com/a").await;
    let other_hook = t
        .post(
            "/api/v1/organizations/org-b/webhooks",
            Some(&other),
            json!({"url": "https://hooks.example.com/b", "events": ["match.new"]}),
        )
        .await;
    assert_eq!(other_hook.status, StatusCode::CREATED, "{}", other_hook.text);
    let other_id = other_hook.json["id"].as_i64().expect("id");

    let base = "/api/v1/organizations/org-a/webhooks";
    let one = format!("{base}/{id}");
    let calls: Vec<(axum::http::Method, String, Option<Value>)> = vec![
        (axum::http::Method::GET, base.to_owned(), None),
        (
            axum::http::Method::POST,
            base.to_owned(),
            Some(json!({"url": "https://hooks.example.com/new", "events": ["match.new"]})),
        ),
        (axum::http::Method::PATCH, one.clone(), Some(json!({"active": false}))),
        (axum::http::Method::GET, format!("{one}/deliveries"), None),
        (axum::http::Method::POST, format!("{one}/test"), Some(json!({}))),
        (axum::http::Method::DELETE, one.clone(), None),
    ];
    for (method, path, body) in &calls {
        let before = t.snapshot().await;
        let anonymous = t.request(method.clone(), path, None, body.clone()).await;
        anonymous.assert_error(StatusCode::UNAUTHORIZED, "login_required");
        for token in [&other, &promoter] {
            let refused = t.request(method.clone(), path, Some(token), body.clone()).await;
            refused.assert_error(StatusCode::FORBIDDEN, "forbidden");
        }
        // Another organization's webhook does not exist under org-a, even for its owner's peers.
        let foreign = path.replace(&format!("/{id}"), &format!("/{other_id}"));
        if foreign != *path {
            let missing = t.request(method.clone(), &foreign, Some(&owner), body.clone()).await;
            missing.assert_error(StatusCode::NOT_FOUND, "webhook_not_found");
        }
        assert_eq!(
            t.snapshot().await,
            before,
            "{method} {path}: refused calls changed nothing"
        );
    }
    // The editor and an admin may do everything (deleting last).
    for (token, (method, path, body)) in [&editor, &admin, &editor, &admin, &editor, &admin]
        .into_iter()
        .zip(&calls)
    {
        let allowed = t.request(method.clone(), path, Some(token), body.clone()).await;
        assert!(allowed.status.is_success(), "{method} {path}: {}", allowed.text);
    }
    let gone = t.get(&format!("{one}/deliveries"), Some(&owner)).await;
    gone.assert_error(StatusCode::NOT_FOUND, "webhook_not_found");
    t.get("/api/v1/organizations/nowhere/webhooks", Some(&admin))
        .await
        .assert_error(StatusCode::NOT_FOUND, "organization_not_found");
}
