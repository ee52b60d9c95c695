//! Listings: create, read, list with filters and pages, update, delete; the
//! lifecycle draft → published → closed; `expired` derived from the deadline;
//! and who sees what (others only published, unexpired listings).

use axum::http::StatusCode;
use hulian_tests::*;
use serde_json::{Value, json};

fn external_ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["external_id"].as_str().expect("external id").to_owned())
        .collect()
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

/// Today in China Standard Time, against which deadlines are read.
fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// An owner with `org-a`, another member with `org-b`, and an admin.
struct Setup {
    t: TestApp,
    admin: String,
    owner: String,
    editor: String,
    other: String,
}

async fn setup() -> Setup {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    let (editor, _) = t.editor("editor@example.com", "org-a", &owner).await;
    let other = t.member("other@example.com").await;
    t.create_org(&other, "org-b").await;
    Setup {
        t,
        admin,
        owner,
        editor,
        other,
    }
}

async fn create(t: &TestApp, token: &str, body: Value) -> Value {
    let response = t.post("/api/v1/listings", Some(token), body).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    response.json
}

async fn set_status(t: &TestApp, token: &str, id: &str, status: &str) -> TestResponse {
    t.put(
        &format!("/api/v1/listings/{id}"),
        Some(token),
        listing_with(id, "org-a", json!({"status": status})),
    )
    .await
}

#[tokio::test]
async fn create_read_update_delete() {
    let Setup { t, owner, .. } = setup().await;
    let created = create(&t, &owner, listing_body("dl-prj-0001", "org-a")).await;
    assert_eq!(created["external_id"], "dl-prj-0001");
    assert_eq!(created["organization"], "org-a");
    assert_eq!(created["organization_name"], "大连北湾重型装备有限公司");
    assert_eq!(created["organization_name_en"], "Dalian Beiwan Heavy Equipment Co.");
    assert_eq!(created["organization_verified"], false);
    assert_eq!(created["listing_type"], "project");
    assert_eq!(created["title"], "智能港口起重机生产线技改项目");
    assert_eq!(created["sectors"], json!(["equipment", "port_logistics"]));
    assert_eq!(created["region"], "dalian");
    assert_eq!(created["amount_cny_min"], 200_000_000);
    assert_eq!(created["amount_cny_max"], 500_000_000);
    assert_eq!(created["modes"], json!(["equity", "joint_venture"]));
    assert_eq!(created["deadline"], "2027-12-31");
    assert_eq!(created["tags"], json!(["岸桥", "自动化"]));
    assert_eq!(created["status"], "published", "status defaults to published");
    assert!(created.get("target_regions").is_none());
    assert_eq!(
        created["effective_target_regions"],
        json!(["shanghai"]),
        "a Dalian listing seeks Shanghai by default"
    );
    assert_eq!(created["expired"], false);
    assert_eq!(created["editable"], true);
    assert!(created["published_at"].is_string());

    let public = t.get("/api/v1/listings/dl-prj-0001", None).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.text);
    assert_eq!(public.json["editable"], false);
    let mut as_owner = public.json.clone();
    as_owner["editable"] = json!(true);
    assert_eq!(as_owner, created, "anyone reads what was created");
    let list = t.get("/api/v1/listings", None).await;
    assert_eq!(list.json["total"], 1);
    assert_eq!(list.json["items"][0], public.json);

    // PUT replaces every field; `organization` may be left out.
    let replacement = listing_with(
        "dl-prj-0001",
        "org-a",
        json!({"organization": null, "title": "岸桥生产线二期", "listing_type": "need", "target_regions": ["shanghai", "dandong"],
               "amount_cny_min": null, "amount_cny_max": null, "modes": null, "tags": null, "deadline": "2028-06-30"}),
    );
    let updated = t.put("/api/v1/listings/dl-prj-0001", Some(&owner), replacement).await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.text);
    let read = t.get("/api/v1/listings/dl-prj-0001", Some(&owner)).await;
    assert_eq!(read.json, updated.json);
    assert_eq!(read.json["organization"], "org-a");
    assert_eq!(read.json["title"], "岸桥生产线二期");
    assert_eq!(read.json["listing_type"], "need");
    assert_eq!(read.json["target_regions"], json!(["shanghai", "dandong"]));
    assert_eq!(read.json["effective_target_regions"], json!(["shanghai", "dandong"]));
    assert_eq!(read.json["deadline"], "2028-06-30");
    for cleared in ["amount_cny_min", "amount_cny_max", "modes", "tags"] {
        assert!(read.json.get(cleared).is_none(), "{cleared}: {}", read.text);
    }
    assert_eq!(
        read.json["published_at"], created["published_at"],
        "publication time is kept"
    );

    let before = t.snapshot().await;
    let moved = t
        .put(
            "/api/v1/listings/dl-prj-0001",
            Some(&owner),
            listing_body("dl-prj-0001", "org-b"),
        )
        .await;
    moved.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        moved.field_codes(),
        [("organization".to_owned(), "immutable".to_owned())].into()
    );
    let renamed = t
        .put(
            "/api/v1/listings/dl-prj-0001",
            Some(&owner),
            listing_body("dl-prj-0002", "org-a"),
        )
        .await;
    renamed.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        renamed.field_codes(),
        [("external_id".to_owned(), "immutable".to_owned())].into()
    );
    assert_eq!(t.snapshot().await, before);

    let deleted = t.delete("/api/v1/listings/dl-prj-0001", Some(&owner)).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text);
    t.get("/api/v1/listings/dl-prj-0001", Some(&owner))
        .await
        .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    assert_eq!(t.get("/api/v1/listings", Some(&owner)).await.json["total"], 0);
    assert_eq!(t.counts().await, (2, 0));
    t.delete("/api/v1/listings/dl-prj-0001", Some(&owner))
        .await
        .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    t.put(
        "/api/v1/listings/dl-prj-0001",
        Some(&owner),
        listing_body("dl-prj-0001", "org-a"),
    )
    .await
    .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
}

#[tokio::test]
async fn creating_a_listing_needs_an_existing_organization() {
    let Setup { t, owner, admin, .. } = setup().await;
    let before = t.snapshot().await;
    for token in [&owner, &admin] {
        let response = t
            .post("/api/v1/listings", Some(token), listing_body("lst-x", "org-missing"))
            .await;
        response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
        assert_eq!(
            response.field_codes(),
            [("organization".to_owned(), "not_found".to_owned())].into()
        );
    }
    assert_eq!(t.snapshot().await, before);

    let minted = create(&t, &owner, listing_with("x", "org-a", json!({"external_id": null}))).await;
    let id = minted["external_id"].as_str().expect("minted id");
    assert!(id.starts_with("lst-") && id.len() == 16, "{id}");
}

#[tokio::test]
async fn the_lifecycle_runs_draft_published_closed() {
    let Setup {
        t,
        owner,
        editor,
        other,
        admin,
    } = setup().await;
    let draft = create(&t, &owner, listing_with("lst-1", "org-a", json!({"status": "draft"}))).await;
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["published_at"], Value::Null);

    // A draft is hidden from others: 404 by id, absent from lists, even when asked for by status.
    for (who, token) in [("anonymous", None), ("other member", Some(other.as_str()))] {
        t.get("/api/v1/listings/lst-1", token)
            .await
            .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
        for query in ["", "?status=draft", "?organization=org-a"] {
            let list = t.get(&format!("/api/v1/listings{query}"), token).await;
            assert_eq!(list.status, StatusCode::OK, "{who} {query}: {}", list.text);
            assert_eq!(list.json["total"], 0, "{who} {query}: {}", list.text);
        }
    }
    // Others cannot touch it either: it does not exist for them.
    let before = t.snapshot().await;
    t.put("/api/v1/listings/lst-1", Some(&other), listing_body("lst-1", "org-a"))
        .await
        .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    t.delete("/api/v1/listings/lst-1", Some(&other))
        .await
        .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    t.delete("/api/v1/listings/lst-1", None)
        .await
        .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    assert_eq!(t.snapshot().await, before);

    // Its organization's members and admins see it, by id and in lists.
    for (who, token) in [("owner", &owner), ("editor", &editor), ("admin", &admin)] {
        let one = t.get("/api/v1/listings/lst-1", Some(token)).await;
        assert_eq!(one.status, StatusCode::OK, "{who}: {}", one.text);
        assert_eq!(one.json["editable"], true, "{who}");
        assert_eq!(
            external_ids(&t.get("/api/v1/listings", Some(token)).await.json),
            ["lst-1"],
            "{who}"
        );
        assert_eq!(
            external_ids(&t.get("/api/v1/listings?status=draft", Some(token)).await.json),
            ["lst-1"],
            "{who}"
        );
    }
    assert_eq!(
        external_ids(&t.get("/api/v1/listings?mine=true", Some(&owner)).await.json),
        ["lst-1"]
    );
    assert_eq!(
        external_ids(
            &t.get("/api/v1/listings?mine=true&status=draft", Some(&editor))
                .await
                .json
        ),
        ["lst-1"]
    );
    assert_eq!(t.get("/api/v1/listings?mine=true", Some(&other)).await.json["total"], 0);

    // draft → published: now public, with its publication time.
    let published = set_status(&t, &editor, "lst-1", "published").await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    assert_eq!(published.json["status"], "published");
    assert!(published.json["published_at"].is_string());
    let public = t.get("/api/v1/listings/lst-1", None).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.text);
    assert_eq!(
        external_ids(&t.get("/api/v1/listings", Some(&other)).await.json),
        ["lst-1"]
    );

    // published → closed: hidden from others again.
    let closed = set_status(&t, &owner, "lst-1", "closed").await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.text);
    assert_eq!(closed.json["status"], "closed");
    assert_eq!(closed.json["published_at"], published.json["published_at"]);
    t.get("/api/v1/listings/lst-1", None)
        .await
        .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    t.get("/api/v1/listings/lst-1", Some(&other))
        .await
        .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    assert_eq!(t.get("/api/v1/listings", None).await.json["total"], 0);
    assert_eq!(
        t.get("/api/v1/listings?status=closed", Some(&other)).await.json["total"],
        0
    );
    assert_eq!(
        external_ids(
            &t.get("/api/v1/listings?mine=true&status=closed", Some(&owner))
                .await
                .json
        ),
        ["lst-1"]
    );
    assert_eq!(
        external_ids(&t.get("/api/v1/listings?status=closed", Some(&admin)).await.json),
        ["lst-1"]
    );

    // There is no way back.
    let before = t.snapshot().await;
    for (from, to) in [("closed", "published"), ("closed", "draft")] {
        for token in [&owner, &admin] {
            let response = set_status(&t, token, "lst-1", to).await;
            response.assert_error(StatusCode::CONFLICT, "invalid_status_transition");
            assert!(
                response.json["error"]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains(from) && m.contains(to))
            );
        }
    }
    assert_eq!(t.snapshot().await, before);
    assert_eq!(
        t.get("/api/v1/listings/lst-1", Some(&owner)).await.json["status"],
        "closed"
    );

    create(&t, &owner, listing_body("lst-2", "org-a")).await;
    let before = t.snapshot().await;
    set_status(&t, &owner, "lst-2", "draft")
        .await
        .assert_error(StatusCode::CONFLICT, "invalid_status_transition");
    assert_eq!(t.snapshot().await, before);

    // A draft may be closed without ever being published; staying put is allowed.
    create(&t, &owner, listing_with("lst-3", "org-a", json!({"status": "draft"}))).await;
    assert_eq!(set_status(&t, &owner, "lst-3", "draft").await.status, StatusCode::OK);
    let closed_draft = set_status(&t, &owner, "lst-3", "closed").await;
    assert_eq!(closed_draft.status, StatusCode::OK, "{}", closed_draft.text);
    assert_eq!(closed_draft.json["published_at"], Value::Null);
    assert_eq!(set_status(&t, &owner, "lst-3", "closed").await.status, StatusCode::OK);
}

#[tokio::test]
async fn expiry_is_derived_from_the_deadline() {
    let Setup {
        t, owner, other, admin, ..
    } = setup().await;
    let yesterday = today().pred_opt().expect("yesterday").to_string();
    let expired = create(
        &t,
        &owner,
        listing_with("lst-old", "org-a", json!({"deadline": "2025-01-01"})),
    )
    .await;
    assert_eq!(expired["expired"], true);
    assert_eq!(expired["status"], "published", "expiry is not a status");
    create(
        &t,
        &owner,
        listing_with("lst-yesterday", "org-a", json!({"deadline": yesterday})),
    )
    .await;
    let last_day = create(
        &t,
        &owner,
        listing_with("lst-today", "org-a", json!({"deadline": today().to_string()})),
    )
    .await;
    assert_eq!(last_day["expired"], false, "the deadline day itself still counts");
    create(&t, &owner, listing_with("lst-open", "org-a", json!({"deadline": null}))).await;

    for (who, token) in [("anonymous", None), ("other member", Some(other.as_str()))] {
        for id in ["lst-old", "lst-yesterday"] {
            t.get(&format!("/api/v1/listings/{id}"), token)
                .await
                .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
        }
        let list = t.get("/api/v1/listings", token).await;
        assert_eq!(sorted(external_ids(&list.json)), ["lst-open", "lst-today"], "{who}");
        assert_eq!(list.json["total"], 2, "{who}");
    }
    for (who, token) in [("owner", &owner), ("admin", &admin)] {
        let one = t.get("/api/v1/listings/lst-old", Some(token)).await;
        assert_eq!(one.status, StatusCode::OK, "{who}: {}", one.text);
        assert_eq!(one.json["expired"], true);
        let list = t.get("/api/v1/listings", Some(token)).await;
        assert_eq!(
            sorted(external_ids(&list.json)),
            ["lst-old", "lst-open", "lst-today", "lst-yesterday"],
            "{who}"
        );
    }
    let mine = t.get("/api/v1/listings?mine=true", Some(&owner)).await;
    let expired_flags: Vec<(String, bool)> = mine.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["external_id"].as_str().unwrap_or_default().to_owned(),
                i["expired"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    let mut expired_flags = expired_flags;
    expired_flags.sort();
    assert_eq!(
        expired_flags,
        [
            ("lst-old", true),
            ("lst-open", false),
            ("lst-today", false),
            ("lst-yesterday", true)
        ]
        .map(|(i, e)| (i.to_owned(), e))
    );

    // Moving the deadline makes it public again.
    let extended = t
        .put(
            "/api/v1/listings/lst-old",
            Some(&owner),
            listing_with("lst-old", "org-a", json!({"deadline": "2099-01-01"})),
        )
        .await;
    assert_eq!(extended.status, StatusCode::OK, "{}", extended.text);
    assert_eq!(extended.json["expired"], false);
    assert_eq!(t.get("/api/v1/listings/lst-old", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn list_filters_by_type_sector_region_and_organization() {
    let Setup { t, owner, other, .. } = setup().await;
    let listings = [
        ("l-1", "org-a", "project", json!(["equipment"]), "dalian"),
        ("l-2", "org-a", "need", json!(["equipment.shipbuilding"]), "dalian"),
        (
            "l-3",
            "org-a",
            "offer",
            json!(["port_logistics.cold_chain", "trade"]),
            "yingkou",
        ),
        (
            "l-4",
            "org-b",
            "fund_mandate",
            json!(["finance", "equipment.rail"]),
            "shanghai",
        ),
        ("l-5", "org-b", "technology", json!(["software_it"]), "shanghai"),
        ("l-6", "org-b", "park_space", json!(["new_materials"]), "other"),
    ];
    for (id, org, listing_type, sectors, region) in listings {
        let token = if org == "org-a" { &owner } else { &other };
        create(
            &t,
            token,
            listing_with(
                id,
                org,
                json!({"listing_type": listing_type, "sectors": sectors, "region": region}),
            ),
        )
        .await;
    }
    create(&t, &owner, listing_with("l-draft", "org-a", json!({"status": "draft"}))).await;

    let cases: [(&str, &[&str]); 13] = [
        ("", &["l-1", "l-2", "l-3", "l-4", "l-5", "l-6"]),
        ("listing_type=project", &["l-1"]),
        ("listing_type=fund_mandate", &["l-4"]),
        ("region=dalian", &["l-1", "l-2"]),
        ("region=huludao", &[]),
        ("sector=equipment", &["l-1", "l-2", "l-4"]),
        ("sector=equipment.shipbuilding", &["l-2"]),
        ("sector=port_logistics", &["l-3"]),
        ("sector=trade", &["l-3"]),
        ("organization=org-b", &["l-4", "l-5", "l-6"]),
        ("organization=org-a&sector=equipment", &["l-1", "l-2"]),
        ("organization=org-a&region=yingkou&listing_type=offer", &["l-3"]),
        ("status=published&region=shanghai", &["l-4", "l-5"]),
    ];
    for (query, expected) in cases {
        let response = t.get(&format!("/api/v1/listings?{query}"), None).await;
        assert_eq!(response.status, StatusCode::OK, "{query}: {}", response.text);
        assert_eq!(sorted(external_ids(&response.json)), expected, "{query}");
        assert_eq!(response.json["total"], expected.len(), "{query}");
    }
    t.get("/api/v1/listings?organization=org-nope", None)
        .await
        .assert_error(StatusCode::NOT_FOUND, "organization_not_found");
    let unknown_sector = t.get("/api/v1/listings?sector=mining", None).await;
    unknown_sector.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        unknown_sector.field_codes(),
        [("sector".to_owned(), "invalid_value".to_owned())].into()
    );
    t.get("/api/v1/listings?mine=true", None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
}

#[tokio::test]
async fn list_pages_newest_change_first() {
    let Setup { t, owner, .. } = setup().await;
    for i in 1..=5 {
        create(&t, &owner, listing_body(&format!("l-{i}"), "org-a")).await;
    }
    let cases: [(&str, &[&str]); 4] = [
        ("per_page=2", &["l-5", "l-4"]),
        ("per_page=2&page=2", &["l-3", "l-2"]),
        ("per_page=2&page=3", &["l-1"]),
        ("per_page=2&page=9", &[]),
    ];
    for (query, expected) in cases {
        let response = t.get(&format!("/api/v1/listings?{query}"), None).await;
        assert_eq!(response.status, StatusCode::OK, "{query}: {}", response.text);
        assert_eq!(external_ids(&response.json), expected, "{query}");
        assert_eq!(response.json["total"], 5, "{query}");
        assert_eq!(response.json["per_page"], 2, "{query}");
    }
    // An update moves a listing to the front.
    let touched = t
        .put("/api/v1/listings/l-2", Some(&owner), listing_body("l-2", "org-a"))
        .await;
    assert_eq!(touched.status, StatusCode::OK, "{}", touched.text);
    assert_eq!(
        external_ids(&t.get("/api/v1/listings?per_page=2", None).await.json),
        ["l-2", "l-5"]
    );
}

#[tokio::test]
async fn an_outsider_learns_nothing_from_validation_when_posting_for_someone_elses_organization() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    let outsider = t.member("outsider@example.com").await;
    let mut body = listing_body("sneaky", "org-a");
    body["title"] = serde_json::json!("");
    body["region"] = serde_json::json!("mars");
    let response = t.post("/api/v1/listings", Some(&outsider), body).await;
    assert_eq!(
        (response.status, response.code()),
        (StatusCode::FORBIDDEN, "forbidden"),
        "{}",
        response.text
    );
    let missing = t
        .post("/api/v1/listings", Some(&outsider), listing_body("x", "no-such-org"))
        .await;
    assert_eq!(
        (missing.status, missing.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
    );
    assert_eq!(missing.json["error"]["fields"]["organization"]["code"], "not_found");
}
