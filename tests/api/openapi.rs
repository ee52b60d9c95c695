//! The OpenAPI document (snapshot-tested, so that any change to the API's
//! contract shows up in review) and JSON-shape snapshots of typical responses,
//! with timestamps and minted ids redacted.

use axum::http::StatusCode;
use hulian_tests::*;
use serde_json::json;

#[tokio::test]
async fn the_openapi_document_is_3_1_and_says_who_may_call_each_operation() {
    let t = TestApp::new().await;
    let response = t.get("/api/v1/openapi.json", None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert!(
        response.content_type.starts_with("application/json"),
        "{}",
        response.content_type
    );
    let doc = response.json;
    let version = doc["openapi"].as_str().expect("openapi version");
    assert!(version.starts_with("3.1."), "{version}");

    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() >= 14, "{}", paths.len());
    let mut operations = 0;
    for (path, item) in paths {
        assert!(path.starts_with("/api/v1/"), "{path}");
        for (method, operation) in item.as_object().expect("path item") {
            operations += 1;
            let description = operation["description"].as_str().unwrap_or_default();
            assert!(
                description.contains("Who may call"),
                "{method} {path} does not say who may call it: {description:?}"
            );
            assert!(
                operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{method} {path} has a summary"
            );
            assert!(
                operation["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path} has responses"
            );
        }
    }
    assert!(operations >= 20, "{operations}");
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn an_organization_view() {
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
    insta::assert_json_snapshot!("organization_view_for_its_owner", created.json, {
        ".external_id" => "[minted id]",
        ".created_at" => "[timestamp]",
        ".updated_at" => "[timestamp]",
    });
    let id = created.json["external_id"].as_str().expect("id");
    let public = t.get(&format!("/api/v1/organizations/{id}"), None).await;
    insta::assert_json_snapshot!("organization_view_for_anyone", public.json, {
        ".external_id" => "[minted id]",
        ".created_at" => "[timestamp]",
        ".updated_at" => "[timestamp]",
    });
}

#[tokio::test]
async fn a_listing_view_and_a_page() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "dl-ent-0001").await;
    let created = t
        .post(
            "/api/v1/listings",
            Some(&owner),
            listing_with("x", "dl-ent-0001", json!({"external_id": null})),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    insta::assert_json_snapshot!("listing_view_for_its_owner", created.json, {
        ".external_id" => "[minted id]",
        ".published_at" => "[timestamp]",
        ".created_at" => "[timestamp]",
        ".updated_at" => "[timestamp]",
    });
    let page = t.get("/api/v1/listings?per_page=5", None).await;
    insta::assert_json_snapshot!("listing_page_for_anyone", page.json, {
        ".items[].external_id" => "[minted id]",
        ".items[].published_at" => "[timestamp]",
        ".items[].created_at" => "[timestamp]",
        ".items[].updated_at" => "[timestamp]",
    });
}

#[tokio::test]
async fn error_envelopes() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    let invalid = t
        .post(
            "/api/v1/organizations",
            Some(&owner),
            org_with(
                "bad id",
                json!({"name": "连".repeat(201), "sectors": ["mining"], "fax": "0411"}),
            ),
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    insta::assert_json_snapshot!("validation_error", invalid.json);
    let not_found = t.get("/api/v1/listings/nope", None).await;
    insta::assert_json_snapshot!("not_found_error", not_found.json);
    let login = t.post("/api/v1/listings", None, listing_body("l", "o")).await;
    insta::assert_json_snapshot!("login_required_error", login.json);
    let import = t.admin().await;
    let bad_file = t.import(&import, "", "{\"kind\":\"fund\"}\n{oops\n").await;
    insta::assert_json_snapshot!("import_invalid_error", bad_file.json);
}

#[tokio::test]
async fn the_taxonomy() {
    let t = TestApp::new().await;
    let response = t.get("/api/v1/taxonomy", None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    let regions: Vec<&str> = response.json["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .filter_map(|r| r["slug"].as_str())
        .collect();
    assert_eq!(
        regions,
        [
            "shanghai", "dalian", "dandong", "jinzhou", "yingkou", "panjin", "huludao", "other"
        ]
    );
    assert_eq!(
        response.json["sectors"].as_array().map(Vec::len),
        Some(19),
        "the plan's 19 top-level sectors"
    );
    insta::assert_json_snapshot!("taxonomy", response.json);
}
