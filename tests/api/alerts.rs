//! Alerts through the API: the inbox (owner only), notices reaching the
//! right people, saved searches (CRUD, validation, limits, owner only) and
//! the follower that turns newly published listings into `saved_search.hit`
//! and `match.new` notices exactly once, across restarts.

use axum::http::{Method, StatusCode};
use hulian_service::alerts::{Event, Notice, notify};
use hulian_service::{App, Config};
use hulian_tests::*;
use serde_json::{Value, json};

/// The mutating routes of this module and of `webhooks`, whose authorization
/// is proven by the tests of those modules (see the coverage test in `authz`).
pub const AUTHZ_COVERED: &[(&str, &str)] = &[
    ("POST", "/api/v1/inbox/{id}/read"),
    ("POST", "/api/v1/inbox/read-all"),
    ("POST", "/api/v1/saved-searches"),
    ("DELETE", "/api/v1/saved-searches/{id}"),
    ("POST", "/api/v1/organizations/{id}/webhooks"),
    ("PATCH", "/api/v1/organizations/{id}/webhooks/{webhook_id}"),
    ("DELETE", "/api/v1/organizations/{id}/webhooks/{webhook_id}"),
    ("POST", "/api/v1/organizations/{id}/webhooks/{webhook_id}/test"),
];

/// Records a notice as a use case would, in its own transaction.
async fn tell(t: &TestApp, notice: Notice) {
    notify(t.app.store.conn(), notice).await.expect("notify");
}

fn to_users(user_ids: Vec<i64>, n: i64) -> Notice {
    Notice {
        event: Event::IntroductionRequested,
        organization_ids: Vec::new(),
        user_ids,
        actor_user_id: None,
        data: json!({"n": n}),
    }
}

fn events_of(inbox: &Value) -> Vec<String> {
    inbox["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["event"].as_str().expect("event").to_owned())
        .collect()
}

#[tokio::test]
async fn the_inbox_is_the_callers_own_newest_first_with_an_unread_count() {
    let t = TestApp::new().await;
    let (alice, alice_id) = t.member_with_id("alice@example.com").await;
    let (bob, bob_id) = t.member_with_id("bob@example.com").await;
    for n in 1..=3 {
        tell(&t, to_users(vec![alice_id], n)).await;
    }
    tell(&t, to_users(vec![bob_id], 9)).await;

    let inbox = t.get("/api/v1/inbox", Some(&alice)).await;
    assert_eq!(inbox.status, StatusCode::OK, "{}", inbox.text);
    assert_eq!(
        (inbox.json["total"].as_u64(), inbox.json["unread"].as_u64()),
        (Some(3), Some(3))
    );
    let numbers: Vec<i64> = inbox.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["data"]["n"].as_i64().expect("n"))
        .collect();
    assert_eq!(numbers, [3, 2, 1], "newest first, and only alice's");
    let page = t.get("/api/v1/inbox?per_page=2&page=2", Some(&alice)).await;
    assert_eq!(page.json["items"].as_array().map(Vec::len), Some(1), "{}", page.text);
    assert_eq!(page.json["total"], 3);

    let oldest = inbox.json["items"][2]["id"].as_i64().expect("id");
    // Bob can neither read nor mark alice's item: it does not exist for him.
    let before = t.snapshot().await;
    let refused = t
        .post(&format!("/api/v1/inbox/{oldest}/read"), Some(&bob), json!({}))
        .await;
    refused.assert_error(StatusCode::NOT_FOUND, "notification_not_found");
    let bobs = t.get("/api/v1/inbox", Some(&bob)).await;
    assert_eq!(bobs.json["total"], 1, "{}", bobs.text);
    // Anonymous callers must log in.
    t.get("/api/v1/inbox", None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
    t.post(&format!("/api/v1/inbox/{oldest}/read"), None, json!({}))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
    t.post("/api/v1/inbox/read-all", None, json!({}))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
    assert_eq!(t.snapshot().await, before, "refused calls changed nothing");

    let read = t
        .post(&format!("/api/v1/inbox/{oldest}/read"), Some(&alice), json!({}))
        .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    assert!(read.json["read_at"].is_string(), "{}", read.text);
    let again = t
        .post(&format!("/api/v1/inbox/{oldest}/read"), Some(&alice), json!({}))
        .await;
    assert_eq!(
        again.json["read_at"], read.json["read_at"],
        "the first reading time is kept"
    );
    let unread = t.get("/api/v1/inbox?unread=true", Some(&alice)).await;
    assert_eq!(
        (unread.json["total"].as_u64(), unread.json["unread"].as_u64()),
        (Some(2), Some(2))
    );

    let all = t.post("/api/v1/inbox/read-all", Some(&alice), json!({})).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    assert_eq!(all.json["marked"], 2);
    let after = t.get("/api/v1/inbox", Some(&alice)).await;
    assert_eq!(after.json["unread"], 0);
    let bobs = t.get("/api/v1/inbox", Some(&bob)).await;
    assert_eq!(bobs.json["unread"], 1, "read-all touched only the caller's items");
    t.get("/api/v1/inbox?unread=maybe", Some(&alice))
        .await
        .assert_error(StatusCode::BAD_REQUEST, "invalid_query");
}

#[tokio::test]
async fn a_notice_reaches_the_members_and_named_users_but_never_the_actor() {
    let t = TestApp::new().await;
    let (owner, _) = t.member_with_id("owner@example.com").await;
    let org = t.create_org(&owner, "org-a").await;
    let (editor, editor_id) = t.editor("editor@example.com", "org-a", &owner).await;
    let (broker, broker_id) = t.member_with_id("broker@example.com").await;
    let (outsider, _) = t.member_with_id("outsider@example.com").await;
    let org_id = hulian_store::organizations::find_by_external_id(t.app.store.conn(), "org-a")
        .await
        .expect("find")
        .expect("org-a")
        .id;
    assert_eq!(org["external_id"], "org-a");
    let subscribed = t
        .post(
            "/api/v1/organizations/org-a/webhooks",
            Some(&owner),
            json!({"url": "https://hooks.example.com/a", "events": ["cooperation.stage_changed"]}),
        )
        .await;
    assert_eq!(subscribed.status, StatusCode::CREATED, "{}", subscribed.text);
    for (url, events, active) in [
        ("https://hooks.example.com/b", json!(["match.new"]), true),
        (
            "https://hooks.example.com/c",
            json!(["cooperation.stage_changed"]),
            false,
        ),
    ] {
        let other = t
            .post(
                "/api/v1/organizations/org-a/webhooks",
                Some(&owner),
                json!({"url": url, "events": events, "active": active}),
            )
            .await;
        assert_eq!(other.status, StatusCode::CREATED, "{}", other.text);
    }

    tell(
        &t,
        Notice {
            event: Event::CooperationStageChanged,
            organization_ids: vec![org_id],
            user_ids: vec![broker_id],
            actor_user_id: Some(editor_id),
            data: json!({"stage": "signed"}),
        },
    )
    .await;
    for (token, expected) in [(&owner, 1), (&broker, 1), (&editor, 0), (&outsider, 0)] {
        let inbox = t.get("/api/v1/inbox", Some(token)).await;
        assert_eq!(inbox.json["total"], expected, "{}", inbox.text);
    }
    let owners = t.get("/api/v1/inbox", Some(&owner)).await;
    assert_eq!(owners.json["items"][0]["event"], "cooperation.stage_changed");
    assert_eq!(owners.json["items"][0]["data"], json!({"stage": "signed"}));

    let jobs = t.snapshot().await.webhook_jobs;
    assert_eq!(
        jobs.len(),
        1,
        "only the active webhook subscribed to the event gets a job: {jobs:?}"
    );
    assert_eq!(jobs[0].webhook_id, subscribed.json["id"].as_i64().expect("id"));
    assert_eq!(jobs[0].status, "pending");
    let payload: Value = serde_json::from_str(&jobs[0].payload).expect("payload");
    assert_eq!(payload["event"], "cooperation.stage_changed");
    assert_eq!(payload["id"], jobs[0].delivery_id.as_str());
    assert_eq!(payload["data"], json!({"stage": "signed"}));
}

#[tokio::test]
async fn saved_searches_are_validated_limited_and_their_owners_alone() {
    let t = TestApp::new().await;
    let (alice, _) = t.member_with_id("alice@example.com").await;
    let (bob, _) = t.member_with_id("bob@example.com").await;

    let created = t
        .post(
            "/api/v1/saved-searches",
            Some(&alice),
            json!({"name": "大连装备项目", "query": {"q": "起重机", "region": "dalian, shanghai", "sector": "equipment",
                   "amount_min": 1000000, "verified": false}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    insta::assert_json_snapshot!("saved_search_view", created.json, {
        ".id" => "[id]",
        ".created_at" => "[timestamp]",
    });
    let id = created.json["id"].as_i64().expect("id");

    for (body, field, code) in [
        (json!({"query": {}}), "name", "required"),
        (
            json!({"name": "x", "query": {"sector": "nonsense"}}),
            "query.sector",
            "invalid_value",
        ),
        (
            json!({"name": "x", "query": {"region": "atlantis"}}),
            "query.region",
            "invalid_value",
        ),
        (
            json!({"name": "x", "query": {"page": 2}}),
            "query.page",
            "unknown_field",
        ),
        (
            json!({"name": "x", "query": {"amount_min": -1}}),
            "query.amount_min",
            "out_of_range",
        ),
        (
            json!({"name": "x", "query": {"amount_min": 9, "amount_max": 1}}),
            "query.amount_max",
            "out_of_range",
        ),
        (
            json!({"name": "x", "query": {"verified": "yes"}}),
            "query.verified",
            "invalid_type",
        ),
        (json!({"name": "x", "query": "dalian"}), "query", "invalid_type"),
        (json!({"name": "x".repeat(201)}), "name", "too_long"),
        (json!({"name": "x", "extra": 1}), "extra", "unknown_field"),
    ] {
        let response = t.post("/api/v1/saved-searches", Some(&alice), body.clone()).await;
        response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
        assert_eq!(
            response.field_codes().get(field).map(String::as_str),
            Some(code),
            "{body}: {}",
            response.text
        );
    }
    t.post("/api/v1/saved-searches", Some(&alice), json!([1]))
        .await
        .assert_error(StatusCode::BAD_REQUEST, "invalid_body");

    // Only the owner sees and deletes it; others are told it does not exist.
    let before = t.snapshot().await;
    t.get("/api/v1/saved-searches", None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
    t.post("/api/v1/saved-searches", None, json!({"name": "x"}))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
    t.delete(&format!("/api/v1/saved-searches/{id}"), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
    t.delete(&format!("/api/v1/saved-searches/{id}"), Some(&bob))
        .await
        .assert_error(StatusCode::NOT_FOUND, "saved_search_not_found");
    assert_eq!(t.snapshot().await, before, "refused calls changed nothing");
    let bobs = t.get("/api/v1/saved-searches", Some(&bob)).await;
    assert_eq!(bobs.json, json!([]), "{}", bobs.text);
    let alices = t.get("/api/v1/saved-searches", Some(&alice)).await;
    assert_eq!(alices.json.as_array().map(Vec::len), Some(1), "{}", alices.text);

    // At most 50 per user.
    for n in 1..50 {
        let more = t
            .post(
                "/api/v1/saved-searches",
                Some(&alice),
                json!({"name": format!("search {n}")}),
            )
            .await;
        assert_eq!(more.status, StatusCode::CREATED, "{}", more.text);
    }
    t.post("/api/v1/saved-searches", Some(&alice), json!({"name": "one too many"}))
        .await
        .assert_error(StatusCode::CONFLICT, "too_many_saved_searches");
    let bobs_first = t
        .post("/api/v1/saved-searches", Some(&bob), json!({"name": "mine"}))
        .await;
    assert_eq!(bobs_first.status, StatusCode::CREATED, "the limit is per user");

    let deleted = t.delete(&format!("/api/v1/saved-searches/{id}"), Some(&alice)).await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.text);
    t.delete(&format!("/api/v1/saved-searches/{id}"), Some(&alice))
        .await
        .assert_error(StatusCode::NOT_FOUND, "saved_search_not_found");
}

async fn save(t: &TestApp, token: &str, name: &str, query: Value) -> i64 {
    let response = t
        .post(
            "/api/v1/saved-searches",
            Some(token),
            json!({"name": name, "query": query}),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    response.json["id"].as_i64().expect("id")
}

async fn inbox_of(t: &TestApp, token: &str) -> Value {
    let inbox = t.get("/api/v1/inbox?per_page=100", Some(token)).await;
    assert_eq!(inbox.status, StatusCode::OK, "{}", inbox.text);
    inbox.json
}

#[tokio::test]
async fn a_newly_published_listing_alerts_the_saved_searches_it_matches_once() {
    let t = TestApp::new().await;
    let (owner, _) = t.member_with_id("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    let (watcher, _) = t.member_with_id("watcher@example.com").await;
    let cranes = save(&t, &watcher, "起重机", json!({"q": "起重机", "region": "dalian"})).await;
    save(&t, &watcher, "elsewhere", json!({"q": "起重机", "region": "shanghai"})).await;
    save(&t, &watcher, "biotech", json!({"sector": "biomedicine"})).await;
    save(&t, &watcher, "no such words", json!({"q": "量子计算机芯片封装"})).await;

    // A draft is not news; its publication is.
    let draft = t
        .post(
            "/api/v1/listings",
            Some(&owner),
            listing_with("lst-a", "org-a", json!({"status": "draft"})),
        )
        .await;
    assert_eq!(draft.status, StatusCode::CREATED, "{}", draft.text);
    t.run_alerts().await;
    assert_eq!(inbox_of(&t, &watcher).await["total"], 0);
    let published = t
        .put(
            "/api/v1/listings/lst-a",
            Some(&owner),
            listing_with("lst-a", "org-a", json!({"status": "published"})),
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text);
    t.run_alerts().await;
    let inbox = inbox_of(&t, &watcher).await;
    assert_eq!(events_of(&inbox), ["saved_search.hit"], "{inbox}");
    let item = &inbox["items"][0];
    assert_eq!(item["data"]["saved_search"]["id"], cranes);
    assert_eq!(item["data"]["listing"]["id"], "lst-a");
    assert_eq!(item["data"]["listing"]["organization"], "org-a");
    assert!(item["data"].get("contact").is_none(), "no contact details in notices");

    // Edits, re-runs and a second listing that matches nothing tell nobody again.
    let edited = t
        .put(
            "/api/v1/listings/lst-a",
            Some(&owner),
            listing_with("lst-a", "org-a", json!({"title": "起重机项目（更新）"})),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.text);
    t.run_alerts().await;
    t.run_alerts().await;
    assert_eq!(inbox_of(&t, &watcher).await["total"], 1);

    // Another matching listing arrives as another item.
    t.create_listing(&owner, "lst-a2", "org-a").await;
    t.run_alerts().await;
    let inbox = inbox_of(&t, &watcher).await;
    assert_eq!(inbox["total"], 2, "{inbox}");
    assert_eq!(inbox["items"][0]["data"]["listing"]["id"], "lst-a2");
}

/// A Shanghai fund for `org-b` that matches the Dalian port-crane project of `listing_body`.
fn fund_body(external_id: &str) -> Value {
    listing_with(
        external_id,
        "org-b",
        json!({
            "listing_type": "fund_mandate",
            "region": "shanghai",
            "title": "港口装备产业基金",
            "title_en": "Port equipment industry fund",
            "description": "投资大连港口起重机、岸桥自动化和智能装备项目。",
            "target_regions": ["dalian"],
        }),
    )
}

#[tokio::test]
async fn a_new_listing_tells_the_organizations_of_its_matches_once_per_pair_across_restarts() {
    let t = TestApp::new().await;
    let (owner_a, _) = t.member_with_id("a@example.com").await;
    t.create_org(&owner_a, "org-a").await;
    t.create_listing(&owner_a, "lst-a", "org-a").await;
    let hook = t
        .post(
            "/api/v1/organizations/org-a/webhooks",
            Some(&owner_a),
            json!({"url": "https://hooks.example.com/a", "events": ["match.new"]}),
        )
        .await;
    assert_eq!(hook.status, StatusCode::CREATED, "{}", hook.text);
    t.run_alerts().await;
    assert_eq!(inbox_of(&t, &owner_a).await["total"], 0, "nothing to match yet");

    let (owner_b, _) = t.member_with_id("b@example.com").await;
    t.create_org(&owner_b, "org-b").await;
    let fund = t.post("/api/v1/listings", Some(&owner_b), fund_body("lst-b")).await;
    assert_eq!(fund.status, StatusCode::CREATED, "{}", fund.text);
    t.run_alerts().await;

    let inbox = inbox_of(&t, &owner_a).await;
    assert_eq!(events_of(&inbox), ["match.new"], "{inbox}");
    let data = &inbox["items"][0]["data"];
    assert_eq!(data["listing"]["id"], "lst-a", "{data}");
    assert_eq!(data["matched_listing"]["id"], "lst-b", "{data}");
    assert!(data["score"].as_f64().is_some_and(|s| s >= 0.4), "{data}");
    assert_eq!(
        inbox_of(&t, &owner_b).await["total"],
        0,
        "the publisher is not told of its own listing's matches"
    );
    let jobs = t.snapshot().await.webhook_jobs;
    assert_eq!(jobs.len(), 1, "{jobs:?}");
    assert_eq!(jobs[0].event, "match.new");

    // A restart: another process on the same database, with a fresh search
    // index, resumes from the stored cursor; nothing is told twice.
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        data_dir: dir.path().to_path_buf(),
        database_url: Some(t.app.config.effective_database_url()),
        ..t.app.config.clone()
    };
    let restarted = App::open_with_search(config).await.expect("reopen");
    restarted.sync_search_index().await.expect("rebuild the index");
    restarted.run_alerts_once().await.expect("follow");
    assert_eq!(inbox_of(&t, &owner_a).await["total"], 1, "no repeat after a restart");

    // A second fund is a new pair: told once more, by the restarted follower.
    let second = t.post("/api/v1/listings", Some(&owner_b), fund_body("lst-b2")).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text);
    restarted.sync_search_index().await.expect("sync");
    restarted.run_alerts_once().await.expect("follow");
    t.run_alerts().await;
    let inbox = inbox_of(&t, &owner_a).await;
    assert_eq!(events_of(&inbox), ["match.new", "match.new"], "{inbox}");
    assert_eq!(inbox["items"][0]["data"]["matched_listing"]["id"], "lst-b2");
    assert_eq!(t.snapshot().await.webhook_jobs.len(), 2);
}

#[tokio::test]
async fn an_inbox_page_snapshot() {
    let t = TestApp::new().await;
    let (alice, alice_id) = t.member_with_id("alice@example.com").await;
    tell(
        &t,
        Notice {
            event: Event::MatchNew,
            organization_ids: Vec::new(),
            user_ids: vec![alice_id],
            actor_user_id: None,
            data: json!({"listing": {"id": "lst-a"}, "matched_listing": {"id": "lst-b"}, "score": 0.71}),
        },
    )
    .await;
    let inbox = t.request(Method::GET, "/api/v1/inbox", Some(&alice), None).await;
    insta::assert_json_snapshot!("inbox_page", inbox.json, {
        ".items[].id" => "[id]",
        ".items[].created_at" => "[timestamp]",
    });
}
