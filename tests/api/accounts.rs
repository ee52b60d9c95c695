//! Accounts and sessions: registration, login, refresh-token rotation and
//! reuse detection, logout, `/me`, and role changes by admins.

use axum::http::StatusCode;
use hulian_tests::*;
use serde_json::json;

fn refresh_token(session: &serde_json::Value) -> String {
    session["refresh_token"].as_str().expect("refresh token").to_owned()
}

async fn refresh(t: &TestApp, token: &str) -> TestResponse {
    t.post("/api/v1/auth/refresh", None, json!({"refresh_token": token}))
        .await
}

#[tokio::test]
async fn register_starts_a_member_session() {
    let t = TestApp::new().await;
    let response = t
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "  Alice@Example.COM ", "password": PASSWORD, "display_name": " Alice "}),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    let session = &response.json;
    assert_eq!(session["token_type"], "Bearer");
    assert_eq!(session["expires_in"], 900);
    assert!(
        session["access_token"]
            .as_str()
            .is_some_and(|t| t.split('.').count() == 3),
        "{}",
        response.text
    );
    assert!(
        session["refresh_token"].as_str().is_some_and(|t| !t.is_empty()),
        "{}",
        response.text
    );
    assert_eq!(
        session["user"]["email"], "alice@example.com",
        "emails are stored trimmed and lowercased"
    );
    assert_eq!(session["user"]["display_name"], "Alice");
    assert_eq!(session["user"]["role"], "member");
    assert!(session.get("password_hash").is_none() && session["user"].get("password_hash").is_none());

    let token = session["access_token"].as_str().expect("token");
    let me = t.get("/api/v1/me", Some(token)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.json["user"]["id"], session["user"]["id"]);
    assert_eq!(me.json["memberships"], json!([]));
    assert_eq!(t.snapshot().await.users.len(), 1);
}

#[tokio::test]
async fn a_duplicate_email_is_refused_whatever_its_case() {
    let t = TestApp::new().await;
    t.member("alice@example.com").await;
    let before = t.snapshot().await;
    for email in ["alice@example.com", "ALICE@example.com", " Alice@Example.Com "] {
        let response = t
            .post(
                "/api/v1/auth/register",
                None,
                json!({"email": email, "password": PASSWORD, "display_name": "Other"}),
            )
            .await;
        response.assert_error(StatusCode::CONFLICT, "email_taken");
    }
    assert_eq!(t.snapshot().await, before, "a refused registration writes nothing");
}

#[tokio::test]
async fn a_bad_registration_lists_every_failing_field() {
    let t = TestApp::new().await;
    let before = t.snapshot().await;
    let response = t
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "not-an-email", "password": "short", "display_name": "   "}),
        )
        .await;
    response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        response.field_codes(),
        [
            ("display_name", "required"),
            ("email", "invalid_format"),
            ("password", "too_short")
        ]
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
        .into(),
        "{}",
        response.text
    );

    let too_long = t
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "a@b.example", "password": "x".repeat(129), "display_name": "A"}),
        )
        .await;
    too_long.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        too_long.field_codes(),
        [("password".to_owned(), "too_long".to_owned())].into()
    );

    let nine = t
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "a@b.example", "password": "123456789", "display_name": "A"}),
        )
        .await;
    nine.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        nine.field_codes(),
        [("password".to_owned(), "too_short".to_owned())].into()
    );

    let unknown = t
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "a@b.example", "password": PASSWORD, "display_name": "A", "role": "admin"}),
        )
        .await;
    unknown.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");

    let missing = t
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "a@b.example", "password": PASSWORD}),
        )
        .await;
    missing.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");
    assert_eq!(t.snapshot().await, before, "no account was created");
}

#[tokio::test]
async fn login_with_wrong_credentials_is_refused_alike() {
    let t = TestApp::new().await;
    t.member("alice@example.com").await;
    let wrong_password = t
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "alice@example.com", "password": "not the password"}),
        )
        .await;
    wrong_password.assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    let unknown = t
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": "bob@example.com", "password": PASSWORD}),
        )
        .await;
    unknown.assert_error(StatusCode::UNAUTHORIZED, "invalid_credentials");
    assert_eq!(
        wrong_password.json["error"]["message"], unknown.json["error"]["message"],
        "no account enumeration"
    );

    let session = t
        .post(
            "/api/v1/auth/login",
            None,
            json!({"email": " ALICE@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(session.status, StatusCode::OK, "{}", session.text);
    assert_eq!(session.json["user"]["email"], "alice@example.com");
}

#[tokio::test]
async fn refresh_rotates_the_token_and_reuse_revokes_the_family() {
    let t = TestApp::new().await;
    t.member("alice@example.com").await;
    let first = t.login("alice@example.com").await;
    let other_session = t.login("alice@example.com").await;
    let r1 = refresh_token(&first);

    let second = refresh(&t, &r1).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text);
    let r2 = refresh_token(&second.json);
    assert_ne!(r1, r2);
    let access = second.json["access_token"].as_str().expect("access token");
    assert_eq!(t.get("/api/v1/me", Some(access)).await.status, StatusCode::OK);

    // The old token no longer works: presenting it again is a replay…
    refresh(&t, &r1)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_refresh_token");
    // …which revokes the whole family, so the newest token stops working too.
    refresh(&t, &r2)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_refresh_token");

    // Another session (another family) of the same account is untouched.
    let other = refresh(&t, &refresh_token(&other_session)).await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.text);

    refresh(&t, "not-a-token")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_refresh_token");
    let extra = t
        .post("/api/v1/auth/refresh", None, json!({"refresh_token": r2, "x": 1}))
        .await;
    extra.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");
}

#[tokio::test]
async fn a_rotated_chain_keeps_working_until_reuse() {
    let t = TestApp::new().await;
    let mut token = refresh_token(&t.register("alice@example.com").await);
    for _ in 0..3 {
        let next = refresh(&t, &token).await;
        assert_eq!(next.status, StatusCode::OK, "{}", next.text);
        token = refresh_token(&next.json);
    }
    assert_eq!(refresh(&t, &token).await.status, StatusCode::OK);
}

#[tokio::test]
async fn logout_revokes_the_session() {
    let t = TestApp::new().await;
    t.member("alice@example.com").await;
    let session = t.login("alice@example.com").await;
    let r1 = refresh_token(&session);
    let rotated = refresh(&t, &r1).await;
    let r2 = refresh_token(&rotated.json);

    let logout = t.post("/api/v1/auth/logout", None, json!({"refresh_token": r2})).await;
    assert_eq!(logout.status, StatusCode::NO_CONTENT, "{}", logout.text);
    refresh(&t, &r2)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "invalid_refresh_token");

    // Logging out with an unknown token is not an error (nothing to end).
    let unknown = t
        .post("/api/v1/auth/logout", None, json!({"refresh_token": "unknown"}))
        .await;
    assert_eq!(unknown.status, StatusCode::NO_CONTENT, "{}", unknown.text);
}

#[tokio::test]
async fn me_lists_memberships_and_requires_login() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    let alice = t.member("alice@example.com").await;
    t.create_org(&alice, "org-alice").await;
    t.create_org(&owner, "org-other").await;
    t.add_member(&owner, "org-other", "alice@example.com", "editor").await;

    let me = t.get("/api/v1/me", Some(&alice)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text);
    assert_eq!(me.json["user"]["email"], "alice@example.com");
    assert_eq!(
        me.json["memberships"],
        json!([
            {"organization": "org-alice", "organization_name": "大连北湾重型装备有限公司", "role": "owner"},
            {"organization": "org-other", "organization_name": "大连北湾重型装备有限公司", "role": "editor"},
        ])
    );

    let anonymous = t.get("/api/v1/me", None).await;
    anonymous.assert_error(StatusCode::UNAUTHORIZED, "login_required");
    assert_eq!(
        anonymous
            .headers
            .get("www-authenticate")
            .map(|v| v.to_str().unwrap_or_default()),
        Some("Bearer")
    );
}

#[tokio::test]
async fn a_role_change_takes_effect_on_tokens_already_issued() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let (member, member_id) = t.member_with_id("alice@example.com").await;

    t.get("/api/v1/users", Some(&member))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    t.get("/api/v1/export", Some(&member))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");

    let promoted = t
        .put(
            &format!("/api/v1/users/{member_id}/role"),
            Some(&admin),
            json!({"role": "promoter"}),
        )
        .await;
    assert_eq!(promoted.status, StatusCode::OK, "{}", promoted.text);
    assert_eq!(promoted.json["role"], "promoter");
    // The same token (its claims still say `member`) may now export…
    assert_eq!(t.get("/api/v1/export", Some(&member)).await.status, StatusCode::OK);
    assert_eq!(
        t.get("/api/v1/me", Some(&member)).await.json["user"]["role"],
        "promoter"
    );

    let made_admin = t
        .put(
            &format!("/api/v1/users/{member_id}/role"),
            Some(&admin),
            json!({"role": "admin"}),
        )
        .await;
    assert_eq!(made_admin.status, StatusCode::OK, "{}", made_admin.text);
    assert_eq!(t.get("/api/v1/users", Some(&member)).await.status, StatusCode::OK);

    let demoted = t
        .put(
            &format!("/api/v1/users/{member_id}/role"),
            Some(&admin),
            json!({"role": "member"}),
        )
        .await;
    assert_eq!(demoted.status, StatusCode::OK, "{}", demoted.text);
    // …and a demotion is as immediate.
    t.get("/api/v1/users", Some(&member))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    t.get("/api/v1/export", Some(&member))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
}

#[tokio::test]
async fn role_changes_are_checked() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let admin_id = t.get("/api/v1/me", Some(&admin)).await.json["user"]["id"]
        .as_i64()
        .expect("id");
    let (_, member_id) = t.member_with_id("alice@example.com").await;
    let before = t.snapshot().await;

    t.put(
        &format!("/api/v1/users/{admin_id}/role"),
        Some(&admin),
        json!({"role": "member"}),
    )
    .await
    .assert_error(StatusCode::CONFLICT, "cannot_demote_self");
    t.put("/api/v1/users/999999/role", Some(&admin), json!({"role": "promoter"}))
        .await
        .assert_error(StatusCode::NOT_FOUND, "user_not_found");
    t.put(
        &format!("/api/v1/users/{member_id}/role"),
        Some(&admin),
        json!({"role": "superuser"}),
    )
    .await
    .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");
    assert_eq!(t.snapshot().await, before, "refused role changes write nothing");

    // Staying admin is allowed.
    let same = t
        .put(
            &format!("/api/v1/users/{admin_id}/role"),
            Some(&admin),
            json!({"role": "admin"}),
        )
        .await;
    assert_eq!(same.status, StatusCode::OK, "{}", same.text);
}

#[tokio::test]
async fn admins_list_users_page_by_page() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    for i in 0..4 {
        t.member(&format!("user{i}@example.com")).await;
    }
    let page = t.get("/api/v1/users?page=2&per_page=2", Some(&admin)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.json["total"], 5);
    assert_eq!(page.json["page"], 2);
    assert_eq!(page.json["per_page"], 2);
    let emails: Vec<&str> = page.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|u| u["email"].as_str())
        .collect();
    assert_eq!(emails, ["user1@example.com", "user2@example.com"]);
    assert!(!page.text.contains("argon2"), "password hashes never leave the server");
}
