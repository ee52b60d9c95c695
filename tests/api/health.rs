//! Liveness and readiness, outside the versioned API.

use axum::http::StatusCode;
use hulian_tests::*;

#[tokio::test]
async fn healthz_answers_ok() {
    let t = TestApp::new().await;
    let response = t.get("/healthz", None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(response.text, "ok");
}

#[tokio::test]
async fn readyz_answers_ready_when_the_database_answers() {
    let t = TestApp::new().await;
    let response = t.get("/readyz", None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(response.text, "ready");
}
