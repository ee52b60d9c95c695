//! Organizations: create, read, list with filters and pages, update, delete
//! (with their listings), verification, members, and the privacy of contact
//! details.

use axum::http::StatusCode;
use hulian_tests::*;
use serde_json::{Value, json};

const CONTACT_STRINGS: [&str; 3] = ["王经理", "invest@beiwan.example.com", "0411-0000-0000"];

fn external_ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["external_id"].as_str().expect("external id").to_owned())
        .collect()
}

#[tokio::test]
async fn create_read_update_delete() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;

    let created = t
        .post("/api/v1/organizations", Some(&owner), org_body("dl-ent-0001"))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let view = &created.json;
    assert_eq!(view["external_id"], "dl-ent-0001");
    assert_eq!(view["name"], "大连北湾重型装备有限公司");
    assert_eq!(view["org_type"], "enterprise");
    assert_eq!(view["region"], "dalian");
    assert_eq!(view["sectors"], json!(["equipment"]));
    assert_eq!(view["ownership"], "soe");
    assert_eq!(
        view["contact"],
        json!({"name": "王经理", "email": "invest@beiwan.example.com", "phone": "0411-0000-0000"})
    );
    assert_eq!(view["verified"], false);
    assert_eq!(view["verified_at"], Value::Null);
    assert_eq!(view["my_role"], "owner");
    assert_eq!(view["created_at"], view["updated_at"]);

    let read = t.get("/api/v1/organizations/dl-ent-0001", Some(&owner)).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    assert_eq!(read.json, created.json, "what was created reads back the same");

    let list = t.get("/api/v1/organizations", None).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text);
    assert_eq!(list.json["total"], 1);
    assert_eq!(external_ids(&list.json), ["dl-ent-0001"]);

    // PUT replaces every field: the ones left out are cleared.
    let replacement = org_with(
        "dl-ent-0001",
        json!({"name": "大连北湾装备集团", "region": "yingkou", "sectors": ["equipment.shipbuilding", "new_energy"],
               "ownership": null, "district": null, "website": "https://beiwan.example.com", "contact": {"name": "李总"}}),
    );
    let updated = t
        .put("/api/v1/organizations/dl-ent-0001", Some(&owner), replacement)
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    let read = t.get("/api/v1/organizations/dl-ent-0001", Some(&owner)).await;
    assert_eq!(read.json, updated.json);
    assert_eq!(read.json["name"], "大连北湾装备集团");
    assert_eq!(read.json["region"], "yingkou");
    assert_eq!(read.json["sectors"], json!(["equipment.shipbuilding", "new_energy"]));
    assert_eq!(read.json["website"], "https://beiwan.example.com");
    assert_eq!(read.json["contact"], json!({"name": "李总"}));
    assert!(
        read.json.get("ownership").is_none() && read.json.get("district").is_none(),
        "{}",
        read.text
    );
    assert_eq!(read.json["created_at"], created.json["created_at"]);
    assert_ne!(read.json["updated_at"], created.json["updated_at"]);

    // The external id may be left out of the body, but not changed.
    let without_id = t
        .put(
            "/api/v1/organizations/dl-ent-0001",
            Some(&owner),
            org_with("x", json!({"external_id": null})),
        )
        .await;
    assert_eq!(without_id.status, StatusCode::OK, "{}", without_id.text);
    assert_eq!(without_id.json["external_id"], "dl-ent-0001");
    let before = t.snapshot().await;
    let renamed = t
        .put(
            "/api/v1/organizations/dl-ent-0001",
            Some(&owner),
            org_body("dl-ent-0002"),
        )
        .await;
    renamed.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        renamed.field_codes(),
        [("external_id".to_owned(), "immutable".to_owned())].into()
    );
    assert_eq!(t.snapshot().await, before);

    let deleted = t.delete("/api/v1/organizations/dl-ent-0001", Some(&owner)).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text);
    assert!(deleted.text.is_empty());
    t.get("/api/v1/organizations/dl-ent-0001", Some(&owner))
        .await
        .assert_error(StatusCode::NOT_FOUND, "organization_not_found");
    assert_eq!(t.get("/api/v1/organizations", None).await.json["total"], 0);
    assert_eq!(t.get("/api/v1/me", Some(&owner)).await.json["memberships"], json!([]));
    t.delete("/api/v1/organizations/dl-ent-0001", Some(&owner))
        .await
        .assert_error(StatusCode::NOT_FOUND, "organization_not_found");
    t.put(
        "/api/v1/organizations/dl-ent-0001",
        Some(&owner),
        org_body("dl-ent-0001"),
    )
    .await
    .assert_error(StatusCode::NOT_FOUND, "organization_not_found");
}

#[tokio::test]
async fn an_external_id_is_minted_when_absent() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    let created = t
        .post(
            "/api/v1/organizations",
            Some(&owner),
            org_with("x", json!({"external_id": null})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let minted = created.json["external_id"].as_str().expect("minted id");
    assert!(minted.starts_with("org-") && minted.len() == 16, "{minted}");
    assert_eq!(
        t.get(&format!("/api/v1/organizations/{minted}"), None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn deleting_an_organization_deletes_its_listings() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    t.create_org(&owner, "org-keep").await;
    t.create_listing(&owner, "lst-1", "org-a").await;
    t.create_listing(&owner, "lst-2", "org-a").await;
    let draft = t
        .post(
            "/api/v1/listings",
            Some(&owner),
            listing_with("lst-3", "org-a", json!({"status": "draft"})),
        )
        .await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.text);
    t.create_listing(&owner, "lst-keep", "org-keep").await;
    assert_eq!(t.counts().await, (2, 4));

    let deleted = t.delete("/api/v1/organizations/org-a", Some(&owner)).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text);
    assert_eq!(t.counts().await, (1, 1));
    for id in ["lst-1", "lst-2", "lst-3"] {
        t.get(&format!("/api/v1/listings/{id}"), Some(&admin))
            .await
            .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    }
    let all = t.get("/api/v1/listings", Some(&admin)).await;
    assert_eq!(all.json["total"], 1);
    assert_eq!(external_ids(&all.json), ["lst-keep"]);
    t.get("/api/v1/listings?organization=org-a", Some(&admin))
        .await
        .assert_error(StatusCode::NOT_FOUND, "organization_not_found");
}

#[tokio::test]
async fn list_filters_by_region_type_sector_and_verification() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let owner = t.member("owner@example.com").await;
    let orgs = [
        ("o-1", "dalian", "enterprise", json!(["equipment"])),
        (
            "o-2",
            "dalian",
            "park",
            json!(["equipment.shipbuilding", "port_logistics"]),
        ),
        ("o-3", "shanghai", "fund", json!(["finance.equity_investment"])),
        (
            "o-4",
            "shanghai",
            "enterprise",
            json!(["software_it", "equipment.rail"]),
        ),
        ("o-5", "yingkou", "park", json!(["port_logistics.cold_chain"])),
        ("o-6", "shanghai", "institute", json!(["biomedicine"])),
    ];
    for (id, region, org_type, sectors) in orgs {
        let body = org_with(id, json!({"region": region, "org_type": org_type, "sectors": sectors}));
        let response = t.post("/api/v1/organizations", Some(&owner), body).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    }
    let verified = t
        .put(
            "/api/v1/organizations/o-3/verification",
            Some(&admin),
            json!({"verified": true}),
        )
        .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.text);
    assert_eq!(verified.json["verified"], true);
    assert!(verified.json["verified_at"].is_string(), "{}", verified.text);

    let cases: [(&str, &[&str]); 14] = [
        ("", &["o-1", "o-2", "o-3", "o-4", "o-5", "o-6"]),
        ("region=dalian", &["o-1", "o-2"]),
        ("region=shanghai", &["o-3", "o-4", "o-6"]),
        ("region=panjin", &[]),
        ("org_type=park", &["o-2", "o-5"]),
        ("org_type=enterprise&region=shanghai", &["o-4"]),
        // A sub-sector counts for its parent…
        ("sector=equipment", &["o-1", "o-2", "o-4"]),
        ("sector=port_logistics", &["o-2", "o-5"]),
        ("sector=finance", &["o-3"]),
        // …but not the other way round, nor for its siblings.
        ("sector=equipment.shipbuilding", &["o-2"]),
        ("sector=equipment.machine_tools", &[]),
        ("sector=port_logistics&region=yingkou", &["o-5"]),
        ("verified=true", &["o-3"]),
        ("verified=false&org_type=fund", &[]),
    ];
    for (query, expected) in cases {
        let response = t.get(&format!("/api/v1/organizations?{query}"), None).await;
        assert_eq!(response.status, StatusCode::OK, "{query}: {}", response.text);
        assert_eq!(external_ids(&response.json), expected, "{query}");
        assert_eq!(response.json["total"], expected.len(), "{query}");
    }
}

#[tokio::test]
async fn list_pages_in_creation_order() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    for i in 1..=5 {
        t.create_org(&owner, &format!("o-{i}")).await;
    }
    let cases: [(&str, u64, u64, &[&str]); 6] = [
        ("per_page=2", 1, 2, &["o-1", "o-2"]),
        ("per_page=2&page=2", 2, 2, &["o-3", "o-4"]),
        ("per_page=2&page=3", 3, 2, &["o-5"]),
        ("per_page=2&page=4", 4, 2, &[]),
        // Out-of-range sizes are clamped to 1–100, page 0 to 1.
        ("per_page=0&page=0", 1, 1, &["o-1"]),
        ("per_page=1000", 1, 100, &["o-1", "o-2", "o-3", "o-4", "o-5"]),
    ];
    for (query, page, per_page, expected) in cases {
        let response = t.get(&format!("/api/v1/organizations?{query}"), None).await;
        assert_eq!(response.status, StatusCode::OK, "{query}: {}", response.text);
        assert_eq!(external_ids(&response.json), expected, "{query}");
        assert_eq!(response.json["total"], 5, "{query}");
        assert_eq!(response.json["page"], page, "{query}");
        assert_eq!(response.json["per_page"], per_page, "{query}");
    }
    let default = t.get("/api/v1/organizations", None).await;
    assert_eq!(default.json["per_page"], 20);
    assert_eq!(default.json["page"], 1);
}

#[tokio::test]
async fn contact_details_are_shown_to_members_and_admins_only() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    t.create_listing(&owner, "lst-a", "org-a").await;
    let (editor, _) = t.editor("editor@example.com", "org-a", &owner).await;
    let other = t.member("other@example.com").await;
    let other_org = t
        .post(
            "/api/v1/organizations",
            Some(&other),
            org_with("org-b", json!({"contact": {"name": "赵女士"}})),
        )
        .await;
    assert_eq!(other_org.status, StatusCode::CREATED);
    let promoter = t.promoter("promoter@example.com", &admin).await;

    let reads = [
        "/api/v1/organizations/org-a",
        "/api/v1/organizations",
        "/api/v1/organizations?region=dalian",
        "/api/v1/listings/lst-a",
        "/api/v1/listings",
        "/api/v1/listings?organization=org-a",
    ];
    for (who, token) in [
        ("anonymous", None),
        ("other member", Some(other.as_str())),
        ("promoter", Some(promoter.as_str())),
    ] {
        for path in reads {
            let response = t.get(path, token).await;
            assert_eq!(response.status, StatusCode::OK, "{who} {path}: {}", response.text);
            for secret in CONTACT_STRINGS {
                assert!(
                    !response.text.contains(secret),
                    "{who} sees `{secret}` in {path}: {}",
                    response.text
                );
            }
        }
        let one = t.get("/api/v1/organizations/org-a", token).await;
        assert!(one.json.get("contact").is_none(), "{who}: {}", one.text);
        assert!(one.json.get("my_role").is_none(), "{who}: {}", one.text);
    }
    // The other member sees its own contact in a list, and not org-a's.
    let list = t.get("/api/v1/organizations", Some(&other)).await;
    let items = list.json["items"].as_array().expect("items");
    assert!(items[0].get("contact").is_none(), "{}", list.text);
    assert_eq!(items[1]["contact"], json!({"name": "赵女士"}));
    assert_eq!(items[1]["my_role"], "owner");

    let full_contact = json!({"name": "王经理", "email": "invest@beiwan.example.com", "phone": "0411-0000-0000"});
    for (who, token, role) in [
        ("owner", &owner, json!("owner")),
        ("editor", &editor, json!("editor")),
        ("admin", &admin, Value::Null),
    ] {
        let one = t.get("/api/v1/organizations/org-a", Some(token)).await;
        assert_eq!(one.json["contact"], full_contact, "{who}: {}", one.text);
        assert_eq!(one.json.get("my_role").cloned().unwrap_or(Value::Null), role, "{who}");
        // Lists carry contacts for members only: an admin's reveal is one
        // organization at a time, and audited.
        let list = t.get("/api/v1/organizations", Some(token)).await;
        let listed = if role.is_null() {
            Value::Null
        } else {
            full_contact.clone()
        };
        assert_eq!(list.json["items"][0]["contact"], listed, "{who}: {}", list.text);
        // Listings never carry the organization's contact, whoever reads them.
        let listing = t.get("/api/v1/listings/lst-a", Some(token)).await;
        assert!(listing.json.get("contact").is_none(), "{who}: {}", listing.text);
        assert!(
            !listing.text.contains("invest@beiwan.example.com"),
            "{who}: {}",
            listing.text
        );
    }
    let admin_one = t.get("/api/v1/organizations/org-b", Some(&admin)).await;
    assert_eq!(
        admin_one.json["contact"],
        json!({"name": "赵女士"}),
        "admins see every contact, one organization at a time"
    );
}

#[tokio::test]
async fn members_are_managed_by_owners() {
    let t = TestApp::new().await;
    let (owner, owner_id) = t.member_with_id("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    let (editor, editor_id) = t.member_with_id("editor@example.com").await;

    // Emails are matched whatever their case.
    let added = t
        .post(
            "/api/v1/organizations/org-a/members",
            Some(&owner),
            json!({"email": "Editor@Example.com", "role": "editor"}),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text);
    assert_eq!(
        added.json,
        json!([
            {"user_id": owner_id, "email": "owner@example.com", "display_name": "owner@example.com", "role": "owner"},
            {"user_id": editor_id, "email": "editor@example.com", "display_name": "editor@example.com", "role": "editor"},
        ])
    );
    let members = t.get("/api/v1/organizations/org-a/members", Some(&editor)).await;
    assert_eq!(members.json, added.json);

    let before = t.snapshot().await;
    t.post(
        "/api/v1/organizations/org-a/members",
        Some(&owner),
        json!({"email": "editor@example.com", "role": "owner"}),
    )
    .await
    .assert_error(StatusCode::CONFLICT, "already_member");
    let unknown = t
        .post(
            "/api/v1/organizations/org-a/members",
            Some(&owner),
            json!({"email": "nobody@example.com", "role": "editor"}),
        )
        .await;
    unknown.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        unknown.field_codes(),
        [("email".to_owned(), "not_found".to_owned())].into()
    );
    t.post(
        "/api/v1/organizations/org-a/members",
        Some(&owner),
        json!({"email": "editor@example.com", "role": "boss"}),
    )
    .await
    .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body");
    t.delete(&format!("/api/v1/organizations/org-a/members/{owner_id}"), Some(&owner))
        .await
        .assert_error(StatusCode::CONFLICT, "last_owner");
    t.delete("/api/v1/organizations/org-a/members/999999", Some(&owner))
        .await
        .assert_error(StatusCode::NOT_FOUND, "member_not_found");
    t.post(
        "/api/v1/organizations/nope/members",
        Some(&owner),
        json!({"email": "editor@example.com", "role": "editor"}),
    )
    .await
    .assert_error(StatusCode::NOT_FOUND, "organization_not_found");
    assert_eq!(t.snapshot().await, before, "refused member changes write nothing");

    // An owner removes an editor, who loses access at once.
    let removed = t
        .delete(
            &format!("/api/v1/organizations/org-a/members/{editor_id}"),
            Some(&owner),
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.text);
    t.get("/api/v1/organizations/org-a/members", Some(&editor))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    t.put("/api/v1/organizations/org-a", Some(&editor), org_body("org-a"))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");

    // With a second owner, the first may leave.
    let (second, _) = t.member_with_id("second@example.com").await;
    t.add_member(&owner, "org-a", "second@example.com", "owner").await;
    let left = t
        .delete(&format!("/api/v1/organizations/org-a/members/{owner_id}"), Some(&owner))
        .await;
    assert_eq!(left.status, StatusCode::NO_CONTENT, "{}", left.text);
    t.get("/api/v1/organizations/org-a/members", Some(&owner))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    let members = t.get("/api/v1/organizations/org-a/members", Some(&second)).await;
    assert_eq!(members.status, StatusCode::OK, "{}", members.text);
    assert_eq!(members.json.as_array().map(Vec::len), Some(1));
    assert_eq!(members.json[0]["email"], "second@example.com");
    assert_eq!(members.json[0]["role"], "owner");
}
