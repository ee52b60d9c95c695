//! Forged, expired and malformed access tokens are refused with 401 (never
//! treated as anonymous), and what a token claims never outranks the database.

use axum::http::StatusCode;
use hulian_tests::*;
use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

const OTHER_SECRET: &str = "another-secret-another-secret-0123456789";

/// A member with an organization, and the claims of a valid token for it.
async fn setup() -> (TestApp, i64) {
    let t = TestApp::new().await;
    let (token, id) = t.member_with_id("alice@example.com").await;
    t.create_org(&token, "org-alice").await;
    (t, id)
}

fn with(mut claims: Value, key: &str, value: Value) -> Value {
    claims[key] = value;
    claims
}

fn without(mut claims: Value, key: &str) -> Value {
    claims.as_object_mut().expect("claims").remove(key);
    claims
}

/// Asserts that `token` is refused with `code` on a read, on a public read and
/// on a write, and that the write changed nothing.
async fn assert_refused(t: &TestApp, token: &str, code: &str, case: &str) {
    let before = t.snapshot().await;
    let me = t.get("/api/v1/me", Some(token)).await;
    assert_eq!(
        (me.status, me.code()),
        (StatusCode::UNAUTHORIZED, code),
        "{case}: {}",
        me.text
    );
    assert_eq!(
        me.headers.get("www-authenticate").and_then(|v| v.to_str().ok()),
        Some("Bearer"),
        "{case}"
    );
    // A bad token on a public endpoint is an error, not an anonymous call.
    let public = t.get("/api/v1/organizations", Some(token)).await;
    assert_eq!(
        (public.status, public.code()),
        (StatusCode::UNAUTHORIZED, code),
        "{case}: {}",
        public.text
    );
    let write = t
        .put(
            "/api/v1/organizations/org-alice",
            Some(token),
            org_with("org-alice", json!({"name": "forged"})),
        )
        .await;
    assert_eq!(
        (write.status, write.code()),
        (StatusCode::UNAUTHORIZED, code),
        "{case}: {}",
        write.text
    );
    let create = t
        .post("/api/v1/organizations", Some(token), org_body("org-forged"))
        .await;
    assert_eq!(
        (create.status, create.code()),
        (StatusCode::UNAUTHORIZED, code),
        "{case}: {}",
        create.text
    );
    assert_eq!(t.snapshot().await, before, "{case}: a refused token wrote nothing");
}

#[tokio::test]
async fn a_well_formed_token_signed_with_the_key_is_accepted() {
    // The control case: the crafted tokens below differ from this one in one way each.
    let (t, id) = setup().await;
    let token = sign_token(&valid_claims(id, "member"), TEST_SECRET);
    let me = t.get("/api/v1/me", Some(&token)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.json["user"]["id"], id);
    let update = t
        .put(
            "/api/v1/organizations/org-alice",
            Some(&token),
            org_with("org-alice", json!({"name": "新名称"})),
        )
        .await;
    assert_eq!(update.status, StatusCode::OK, "{}", update.text);
}

#[tokio::test]
async fn a_token_signed_with_another_key_is_refused() {
    let (t, id) = setup().await;
    assert_refused(
        &t,
        &sign_token(&valid_claims(id, "member"), OTHER_SECRET),
        "invalid_token",
        "wrong key",
    )
    .await;
    assert_refused(
        &t,
        &sign_token(&valid_claims(id, "admin"), OTHER_SECRET),
        "invalid_token",
        "wrong key, admin",
    )
    .await;
}

#[tokio::test]
async fn an_unsigned_alg_none_token_is_refused() {
    let (t, id) = setup().await;
    for claims in [valid_claims(id, "member"), valid_claims(id, "admin")] {
        let header = b64url(r#"{"alg":"none","typ":"JWT"}"#);
        let payload = b64url(claims.to_string());
        assert_refused(&t, &format!("{header}.{payload}."), "invalid_token", "alg none").await;
        // Keeping a real signature but declaring `none` does not help either.
        let signed = sign_token(&claims, TEST_SECRET);
        let signature = signed.rsplit('.').next().expect("signature");
        assert_refused(
            &t,
            &format!("{header}.{payload}.{signature}"),
            "invalid_token",
            "alg none, signed",
        )
        .await;
    }
}

#[tokio::test]
async fn another_algorithm_with_the_right_key_is_refused() {
    let (t, id) = setup().await;
    let token = sign_token_with(Algorithm::HS512, &valid_claims(id, "member"), TEST_SECRET);
    assert_refused(&t, &token, "invalid_token", "HS512").await;
}

#[tokio::test]
async fn an_expired_token_is_refused_as_expired() {
    let (t, id) = setup().await;
    let now = chrono::Utc::now().timestamp();
    let claims = with(
        with(valid_claims(id, "member"), "iat", json!(now - 1000)),
        "exp",
        json!(now - 100),
    );
    assert_refused(&t, &sign_token(&claims, TEST_SECRET), "token_expired", "expired").await;
    // No leeway: a token is valid exactly until `exp`.
    let just_expired = with(valid_claims(id, "member"), "exp", json!(now - 2));
    assert_refused(
        &t,
        &sign_token(&just_expired, TEST_SECRET),
        "token_expired",
        "just expired",
    )
    .await;
}

#[tokio::test]
async fn a_token_for_another_audience_or_issuer_is_refused() {
    let (t, id) = setup().await;
    let cases = [
        (
            "wrong audience",
            with(valid_claims(id, "member"), "aud", json!("other-api")),
        ),
        (
            "wrong issuer",
            with(valid_claims(id, "member"), "iss", json!("someone-else")),
        ),
        ("no audience", without(valid_claims(id, "member"), "aud")),
        ("no issuer", without(valid_claims(id, "member"), "iss")),
        ("no expiry", without(valid_claims(id, "member"), "exp")),
        ("no subject", without(valid_claims(id, "member"), "sub")),
        ("no issued-at", without(valid_claims(id, "member"), "iat")),
        ("no role", without(valid_claims(id, "member"), "role")),
        (
            "unknown role",
            with(valid_claims(id, "member"), "role", json!("superuser")),
        ),
        ("numeric subject", with(valid_claims(id, "member"), "sub", json!(id))),
        (
            "non-numeric subject",
            with(valid_claims(id, "member"), "sub", json!("alice")),
        ),
    ];
    for (case, claims) in cases {
        assert_refused(&t, &sign_token(&claims, TEST_SECRET), "invalid_token", case).await;
    }
}

#[tokio::test]
async fn tampered_claims_break_the_signature() {
    let (t, id) = setup().await;
    let genuine = t.login("alice@example.com").await["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    t.get("/api/v1/users", Some(&genuine))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");

    let parts: Vec<&str> = genuine.split('.').collect();
    let mut claims: Value = serde_json::from_slice(&b64url_decode(parts[1])).expect("claims");
    assert_eq!(
        claims["sub"],
        id.to_string(),
        "the service issues the documented claims"
    );
    assert_eq!(claims["role"], "member");
    claims["role"] = json!("admin");
    let tampered = format!("{}.{}.{}", parts[0], b64url(claims.to_string()), parts[2]);
    assert_refused(&t, &tampered, "invalid_token", "role tampered").await;
    t.get("/api/v1/users", Some(&tampered))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_token");

    let mut claims: Value = serde_json::from_slice(&b64url_decode(parts[1])).expect("claims");
    claims["exp"] = json!(claims["exp"].as_i64().expect("exp") + 86_400);
    let extended = format!("{}.{}.{}", parts[0], b64url(claims.to_string()), parts[2]);
    assert_refused(&t, &extended, "invalid_token", "expiry tampered").await;
}

#[tokio::test]
async fn a_validly_signed_admin_claim_does_not_outrank_the_database() {
    // Were the signing key to leak into a member's hands, the role is still read from the database.
    let (t, id) = setup().await;
    let token = sign_token(&valid_claims(id, "admin"), TEST_SECRET);
    t.get("/api/v1/users", Some(&token))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(t.get("/api/v1/me", Some(&token)).await.json["user"]["role"], "member");
}

#[tokio::test]
async fn a_token_for_a_missing_or_deleted_account_is_refused() {
    let (t, _) = setup().await;
    assert_refused(
        &t,
        &sign_token(&valid_claims(999_999, "admin"), TEST_SECRET),
        "invalid_token",
        "no such user",
    )
    .await;

    let (bob, bob_id) = t.member_with_id("bob@example.com").await;
    assert_eq!(t.get("/api/v1/me", Some(&bob)).await.status, StatusCode::OK);
    use sea_orm::EntityTrait;
    hulian_store::entities::user::Entity::delete_by_id(bob_id)
        .exec(t.app.store.conn())
        .await
        .expect("delete the account");
    assert_refused(&t, &bob, "invalid_token", "deleted user").await;
}

#[tokio::test]
async fn a_malformed_authorization_header_is_refused() {
    let (t, id) = setup().await;
    let token = sign_token(&valid_claims(id, "member"), TEST_SECRET);
    let before = t.snapshot().await;
    let headers: Vec<Vec<u8>> = vec![
        token.clone().into_bytes(),
        format!("Basic {token}").into_bytes(),
        format!("Token {token}").into_bytes(),
        format!("Bearer{token}").into_bytes(),
        b"Bearer".to_vec(),
        b"Bearer ".to_vec(),
        b"Bearer    ".to_vec(),
        b"Bearer not-a-jwt".to_vec(),
        b"Bearer a.b.c".to_vec(),
        b"Bearer ....".to_vec(),
        b"".to_vec(),
        [b"Bearer ".as_slice(), &[0xff, 0xfe]].concat(),
    ];
    for header in headers {
        let case = String::from_utf8_lossy(&header).into_owned();
        for path in ["/api/v1/me", "/api/v1/organizations", "/api/v1/listings"] {
            let response = t.get_with_authorization(path, &header).await;
            assert_eq!(
                (response.status, response.code()),
                (StatusCode::UNAUTHORIZED, "invalid_token"),
                "{case:?} on {path}: {}",
                response.text
            );
        }
    }
    assert_eq!(t.snapshot().await, before);
    // A lowercase scheme is accepted too.
    let lower = t.get_with_authorization("/api/v1/me", format!("bearer {token}")).await;
    assert_eq!(lower.status, StatusCode::OK, "{}", lower.text);
    // The scheme is case-insensitive (RFC 9110 §11.1).
    let upper = t.get_with_authorization("/api/v1/me", format!("BEARER {token}")).await;
    assert_eq!(upper.status, StatusCode::OK, "{}", upper.text);
}
