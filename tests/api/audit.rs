//! The audit log: sensitive actions are recorded with their actor, only
//! admins read it, and the database refuses to change or remove an entry.

use axum::http::StatusCode;
use hulian_tests::*;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

async fn entries(t: &TestApp, admin: &str, query: &str) -> Vec<Value> {
    let response = t.get(&format!("/api/v1/audit?per_page=100{query}"), Some(admin)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    response.json["items"].as_array().expect("items").clone()
}

#[tokio::test]
async fn sensitive_actions_are_recorded_with_their_actor() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let (owner, _) = t.member_with_id("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    t.create_listing(&owner, "lst-a", "org-a").await;
    let (_, editor_id) = t.editor("editor@example.com", "org-a", &owner).await;
    let promoter = t.promoter("promoter@example.com", &admin).await;

    // Verification, an admin reading a contact, membership, deletion, import, export.
    let verified = t
        .put(
            "/api/v1/organizations/org-a/verification",
            Some(&admin),
            json!({"verified": true}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    assert!(
        verified.json.get("contact").is_none(),
        "answers to writes carry no contact for non-members"
    );
    let read = t.get("/api/v1/organizations/org-a", Some(&admin)).await;
    assert_eq!(
        read.json["contact"]["email"], "invest@beiwan.example.com",
        "an admin reads the contact"
    );
    let listed = t.get("/api/v1/organizations", Some(&admin)).await;
    assert!(
        !listed.text.contains("invest@beiwan.example.com"),
        "lists reveal no contacts"
    );
    let owner_read = t.get("/api/v1/organizations/org-a", Some(&owner)).await;
    assert_eq!(owner_read.json["contact"]["email"], "invest@beiwan.example.com");
    let removed = t
        .delete(
            &format!("/api/v1/organizations/org-a/members/{editor_id}"),
            Some(&owner),
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.text);
    assert_eq!(
        t.delete("/api/v1/listings/lst-a", Some(&owner)).await.status,
        StatusCode::NO_CONTENT
    );
    t.import(&promoter, "", dev_corpus()).await;
    assert_eq!(t.get("/api/v1/export", Some(&admin)).await.status, StatusCode::OK);

    let all = entries(&t, &admin, "").await;
    let actions: Vec<(&str, &str, &str)> = all
        .iter()
        .rev()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or(""),
                e["actor_email"].as_str().unwrap_or("-"),
                e["subject_type"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        actions,
        vec![
            ("membership_change", "owner@example.com", "organization"),
            ("role_change", "admin@hulian.test", "user"),
            ("verification", "admin@hulian.test", "organization"),
            ("contact_reveal", "admin@hulian.test", "organization"),
            ("membership_change", "owner@example.com", "organization"),
            ("deletion", "owner@example.com", "listing"),
            ("import", "promoter@example.com", "import"),
            ("export", "admin@hulian.test", "export"),
        ]
    );
    let role_change = all.iter().find(|e| e["action"] == "role_change").expect("role change");
    assert_eq!(role_change["detail"]["to"], "promoter");
    assert_eq!(role_change["detail"]["email"], "promoter@example.com");
    let import = all.iter().find(|e| e["action"] == "import").expect("import entry");
    assert!(
        import["detail"]["listings_created"].as_u64().unwrap_or(0) > 100,
        "{import}"
    );
    let export = all.iter().find(|e| e["action"] == "export").expect("export entry");
    assert_eq!(export["detail"]["contacts"], true);

    // Filters.
    assert_eq!(entries(&t, &admin, "&action=deletion").await.len(), 1);
    assert_eq!(
        entries(&t, &admin, "&subject_type=organization&subject_id=org-a")
            .await
            .len(),
        4
    );
    let bad = t.get("/api/v1/audit?action=gossip", Some(&admin)).await;
    assert_eq!(bad.status.as_u16() / 100, 4, "{}", bad.text);

    // A deleted organization is audited too.
    let (other, _) = t.member_with_id("other@example.com").await;
    t.create_org(&other, "org-b").await;
    assert_eq!(
        t.delete("/api/v1/organizations/org-b", Some(&other)).await.status,
        StatusCode::NO_CONTENT
    );
    let deletions = entries(&t, &admin, "&action=deletion").await;
    assert_eq!(deletions[0]["subject_id"], "org-b");
}

#[tokio::test]
async fn only_admins_read_the_audit_log() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let member = t.member("member@example.com").await;
    let promoter = t.promoter("promoter@example.com", &admin).await;
    t.get("/api/v1/audit", None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
    for token in [&member, &promoter] {
        t.get("/api/v1/audit", Some(token))
            .await
            .assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
}

#[tokio::test]
async fn the_database_refuses_to_change_or_remove_an_entry() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    t.promoter("promoter@example.com", &admin).await;
    let conn = t.app.store.conn();
    let before = t.snapshot().await.audit_log;
    assert_eq!(before.len(), 1, "the role change");
    for statement in ["UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log"] {
        let result = conn.execute_unprepared(statement).await;
        assert!(result.is_err(), "{statement} must fail");
    }
    assert_eq!(t.snapshot().await.audit_log, before);
}
