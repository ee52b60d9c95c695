//! Introductions and cooperations end to end through the API: interest and
//! brokered introductions, answers, contacts revealed only after acceptance
//! (and audited), flood limits, the cooperation pipeline with its timeline,
//! key projects and reports — and who may do each.

use axum::http::{Method, StatusCode};
use hulian_tests::*;
use serde_json::{Value, json};

/// Routes whose authorization this module proves (listed in the matrix coverage test).
pub const AUTHZ_COVERED: &[(&str, &str)] = &[
    ("POST", "/api/v1/introductions"),
    ("POST", "/api/v1/introductions/{id}/accept"),
    ("POST", "/api/v1/introductions/{id}/decline"),
    ("POST", "/api/v1/introductions/{id}/withdraw"),
    ("POST", "/api/v1/cooperations/{id}/stage"),
    ("PUT", "/api/v1/cooperations/{id}/key-project"),
];

/// `org-a` (Dalian, owner `a`, editor `a2`) with listing `lst-a`; `org-b`
/// (Shanghai, owner `b`) with fund mandate `lst-b`; an outsider with `org-c`;
/// a promoter and an admin.
struct World {
    t: TestApp,
    a: String,
    a2: String,
    b: String,
    outsider: String,
    promoter: String,
    admin: String,
}

const A_CONTACT: &str = "invest@beiwan.example.com";
const B_CONTACT: &str = "deals@pujiang-fund.example.com";

async fn world_with(change: impl FnOnce(&mut hulian_service::Config)) -> World {
    let t = TestApp::with_config(change).await;
    let admin = t.admin().await;
    let a = t.member("a@example.com").await;
    t.create_org(&a, "org-a").await;
    t.create_listing(&a, "lst-a", "org-a").await;
    let (a2, _) = t.editor("a2@example.com", "org-a", &a).await;
    let b = t.member("b@example.com").await;
    let org_b = org_with(
        "org-b",
        json!({"name": "浦江产业基金", "org_type": "fund", "region": "shanghai",
               "contact": {"name": "李总", "email": B_CONTACT, "phone": "021-0000-0000"}}),
    );
    let created = t.post("/api/v1/organizations", Some(&b), org_b).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let mandate = listing_with(
        "lst-b",
        "org-b",
        json!({"listing_type": "fund_mandate", "region": "shanghai", "title": "高端装备产业投资意向",
               "sectors": ["equipment"]}),
    );
    let created = t.post("/api/v1/listings", Some(&b), mandate).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let outsider = t.member("c@example.com").await;
    t.create_org(&outsider, "org-c").await;
    t.create_listing(&outsider, "lst-c", "org-c").await;
    let promoter = t.promoter("promoter@example.com", &admin).await;
    World {
        t,
        a,
        a2,
        b,
        outsider,
        promoter,
        admin,
    }
}

async fn world() -> World {
    world_with(|_| {}).await
}

fn interest(listing: &str) -> Value {
    json!({"listing": listing, "from_organization": "org-a", "from_listing": "lst-a",
           "message": "我们的岸桥项目寻求高端装备基金投资，希望当面交流。"})
}

impl World {
    /// `org-a` asks about `lst-b`; returns the introduction id.
    async fn ask(&self) -> String {
        let response = self
            .t
            .post("/api/v1/introductions", Some(&self.a), interest("lst-b"))
            .await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
        response.json["id"].as_str().expect("id").to_owned()
    }

    /// An accepted introduction; returns (introduction id, cooperation id).
    async fn accepted(&self) -> (String, String) {
        let id = self.ask().await;
        let accepted = self
            .t
            .post(&format!("/api/v1/introductions/{id}/accept"), Some(&self.b), json!({}))
            .await;
        assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
        let cooperation = accepted.json["cooperation"].as_str().expect("cooperation").to_owned();
        (id, cooperation)
    }

    async fn audit(&self, action: &str) -> Vec<Value> {
        let response = self
            .t
            .get(
                &format!("/api/v1/audit?action={action}&per_page=100"),
                Some(&self.admin),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text);
        response.json["items"].as_array().expect("items").clone()
    }

    async fn stage(&self, token: &str, cooperation: &str, body: Value) -> TestResponse {
        self.t
            .post(&format!("/api/v1/cooperations/{cooperation}/stage"), Some(token), body)
            .await
    }
}

#[tokio::test]
async fn interest_accepted_reveals_contacts_to_each_other_and_begins_a_cooperation() {
    let w = world().await;
    let id = w.ask().await;

    // Pending: both sides see it, nobody sees a contact.
    for token in [&w.a, &w.a2, &w.b] {
        let read = w.t.get(&format!("/api/v1/introductions/{id}"), Some(token)).await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.text);
        assert_eq!(read.json["status"], "pending");
        assert!(read.json["side_a"].get("contact").is_none(), "{}", read.text);
        assert!(read.json["side_b"].get("contact").is_none(), "{}", read.text);
    }
    let as_b = w.t.get(&format!("/api/v1/introductions/{id}"), Some(&w.b)).await;
    assert_eq!(as_b.json["can_respond"], true);
    assert_eq!(as_b.json["my_sides"], json!(["b"]));
    let as_a = w.t.get(&format!("/api/v1/introductions/{id}"), Some(&w.a)).await;
    assert_eq!(as_a.json["can_respond"], false, "A already said yes by asking");
    assert_eq!(as_a.json["can_withdraw"], true);
    assert!(w.audit("contact_reveal").await.is_empty());

    // B's inbox of introductions awaiting an answer lists it; A's does not.
    let awaiting = w.t.get("/api/v1/introductions?awaiting_me=true", Some(&w.b)).await;
    assert_eq!(awaiting.json["total"], 1, "{}", awaiting.text);
    let awaiting = w.t.get("/api/v1/introductions?awaiting_me=true", Some(&w.a)).await;
    assert_eq!(awaiting.json["total"], 0, "{}", awaiting.text);

    let accepted =
        w.t.post(
            &format!("/api/v1/introductions/{id}/accept"),
            Some(&w.b),
            json!({"note": "欢迎来沪面谈"}),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text);
    assert_eq!(accepted.json["status"], "accepted");
    assert_eq!(
        accepted.json["side_a"]["contact"]["email"], A_CONTACT,
        "B now sees A's contact"
    );
    assert!(accepted.json["side_b"].get("contact").is_none(), "not its own");
    let cooperation = accepted.json["cooperation"].as_str().expect("a cooperation began");

    let as_a = w.t.get(&format!("/api/v1/introductions/{id}"), Some(&w.a)).await;
    assert_eq!(
        as_a.json["side_b"]["contact"]["email"], B_CONTACT,
        "A now sees B's contact"
    );
    assert!(as_a.json["side_a"].get("contact").is_none());
    assert_eq!(as_a.json["response_note"], "欢迎来沪面谈");

    // Lists never carry contacts; the detail reads were each audited.
    let list = w.t.get("/api/v1/introductions", Some(&w.a)).await;
    assert!(!list.text.contains(B_CONTACT), "{}", list.text);
    let reveals = w.audit("contact_reveal").await;
    assert_eq!(reveals.len(), 2, "{reveals:?}");
    assert!(
        reveals
            .iter()
            .any(|r| r["actor_email"] == "a@example.com" && r["subject_id"] == "org-b")
    );
    assert!(
        reveals
            .iter()
            .any(|r| r["actor_email"] == "b@example.com" && r["subject_id"] == "org-a")
    );

    // Admins see both contacts (audited); the outsider and the promoter (not the broker) see nothing.
    let as_admin = w.t.get(&format!("/api/v1/introductions/{id}"), Some(&w.admin)).await;
    assert_eq!(as_admin.json["side_a"]["contact"]["email"], A_CONTACT);
    assert_eq!(as_admin.json["side_b"]["contact"]["email"], B_CONTACT);
    assert_eq!(w.audit("contact_reveal").await.len(), 4);
    for token in [&w.outsider, &w.promoter] {
        w.t.get(&format!("/api/v1/introductions/{id}"), Some(token))
            .await
            .assert_error(StatusCode::NOT_FOUND, "introduction_not_found");
    }
    w.t.get(&format!("/api/v1/introductions/{id}"), None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");

    // The cooperation: stage interest, the Dalian side's region, the listing's sector.
    let read =
        w.t.get(&format!("/api/v1/cooperations/{cooperation}"), Some(&w.a))
            .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    assert_eq!(read.json["stage"], "interest");
    assert_eq!(read.json["region"], "dalian");
    assert_eq!(read.json["sector"], "equipment");
    assert_eq!(read.json["introduction"], id.as_str());
    assert_eq!(read.json["events"][0]["kind"], "created");
    insta::assert_json_snapshot!("cooperation_view", read.json, {
        ".id" => "[id]",
        ".introduction" => "[id]",
        ".stage_date" => "[date]",
        ".events[].date" => "[date]",
        ".events[].recorded_at" => "[timestamp]",
        ".created_at" => "[timestamp]",
        ".updated_at" => "[timestamp]",
    });
    insta::assert_json_snapshot!("introduction_view", as_a.json, {
        ".id" => "[id]",
        ".cooperation" => "[id]",
        ".created_at" => "[timestamp]",
        ".updated_at" => "[timestamp]",
        ".decided_at" => "[timestamp]",
    });
}

#[tokio::test]
async fn a_brokered_introduction_needs_both_sides() {
    let w = world().await;
    let body = json!({"kind": "brokered", "from_listing": "lst-a", "listing": "lst-b",
                      "message": "推介会上双方都提到了岸桥自动化，建议对接。"});
    w.t.post("/api/v1/introductions", Some(&w.a), body.clone())
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    let created = w.t.post("/api/v1/introductions", Some(&w.promoter), body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    assert_eq!(created.json["side_a"]["response"], "pending");
    assert_eq!(created.json["brokered_by"], "promoter@example.com");
    let id = created.json["id"].as_str().expect("id");

    let half =
        w.t.post(&format!("/api/v1/introductions/{id}/accept"), Some(&w.a2), json!({}))
            .await;
    assert_eq!(half.status, StatusCode::OK, "{}", half.text);
    assert_eq!(half.json["status"], "pending", "B has not answered");
    assert!(half.json["side_b"].get("contact").is_none(), "{}", half.text);
    w.t.post(&format!("/api/v1/introductions/{id}/accept"), Some(&w.a), json!({}))
        .await
        .assert_error(StatusCode::CONFLICT, "already_answered");

    let whole =
        w.t.post(&format!("/api/v1/introductions/{id}/accept"), Some(&w.b), json!({}))
            .await;
    assert_eq!(whole.json["status"], "accepted", "{}", whole.text);
    let cooperation = whole.json["cooperation"].as_str().expect("cooperation");
    // The broker follows the cooperation; as a promoter it may see it.
    let read =
        w.t.get(&format!("/api/v1/cooperations/{cooperation}"), Some(&w.promoter))
            .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.text);
    let mine = w.t.get("/api/v1/introductions", Some(&w.promoter)).await;
    assert_eq!(
        mine.json["total"], 1,
        "the broker lists what it brokered: {}",
        mine.text
    );
    let brokered = w.t.get("/api/v1/introductions?kind=brokered", Some(&w.a)).await;
    assert_eq!(brokered.json["total"], 1, "{}", brokered.text);
    let interest = w.t.get("/api/v1/introductions?kind=interest", Some(&w.a)).await;
    assert_eq!(interest.json["total"], 0, "{}", interest.text);
}

#[tokio::test]
async fn a_decline_ends_it_and_the_pair_waits_thirty_days() {
    let w = world().await;
    let id = w.ask().await;
    let declined =
        w.t.post(
            &format!("/api/v1/introductions/{id}/decline"),
            Some(&w.b),
            json!({"note": "暂不考虑"}),
        )
        .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.text);
    assert_eq!(declined.json["status"], "declined");
    assert!(declined.json["cooperation"].is_null());
    assert!(
        declined.json["side_a"].get("contact").is_none(),
        "no contacts after a decline"
    );
    w.t.post(&format!("/api/v1/introductions/{id}/accept"), Some(&w.b), json!({}))
        .await
        .assert_error(StatusCode::CONFLICT, "introduction_closed");
    let before = w.t.snapshot().await;
    w.t.post("/api/v1/introductions", Some(&w.a), interest("lst-b"))
        .await
        .assert_error(StatusCode::CONFLICT, "recently_declined");
    assert_eq!(w.t.snapshot().await, before);
}

#[tokio::test]
async fn one_open_introduction_per_pair_and_a_daily_limit_per_account() {
    let w = world_with(|config| config.introductions_per_day = 2).await;
    w.ask().await;
    w.t.post("/api/v1/introductions", Some(&w.a), interest("lst-b"))
        .await
        .assert_error(StatusCode::CONFLICT, "introduction_exists");
    // Nor the same pair the other way round.
    let reverse = json!({"listing": "lst-a", "from_organization": "org-b", "from_listing": "lst-b",
                         "message": "反向询问"});
    w.t.post("/api/v1/introductions", Some(&w.b), reverse)
        .await
        .assert_error(StatusCode::CONFLICT, "introduction_exists");

    let to_c = w.t.post("/api/v1/introductions", Some(&w.a), interest("lst-c")).await;
    assert_eq!(to_c.status, StatusCode::CREATED, "{}", to_c.text);
    let d = w.t.member("d@example.com").await;
    w.t.create_org(&d, "org-d").await;
    w.t.create_listing(&d, "lst-d", "org-d").await;
    let before = w.t.snapshot().await;
    let limited = w.t.post("/api/v1/introductions", Some(&w.a), interest("lst-d")).await;
    limited.assert_error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert_eq!(w.t.snapshot().await, before, "a refused introduction wrote nothing");
    // The limit is per account: A's colleague may still ask.
    let colleague = w.t.post("/api/v1/introductions", Some(&w.a2), interest("lst-d")).await;
    assert_eq!(colleague.status, StatusCode::CREATED, "{}", colleague.text);
}

#[tokio::test]
async fn bad_introductions_are_refused_field_by_field() {
    let w = world().await;
    let draft = listing_with("lst-draft", "org-b", json!({"status": "draft"}));
    assert_eq!(
        w.t.post("/api/v1/listings", Some(&w.b), draft).await.status,
        StatusCode::CREATED
    );
    let cases = [
        (json!({"message": ""}), "message", "required"),
        (json!({"message": "长".repeat(2001)}), "message", "too_long"),
        (json!({"listing": "lst-a"}), "listing", "own_listing"),
        (json!({"listing": "lst-nowhere"}), "listing", "not_found"),
        (json!({"listing": "lst-draft"}), "listing", "not_found"),
        (json!({"from_listing": "lst-c"}), "from_listing", "not_yours"),
        (
            json!({"from_organization": "org-nowhere"}),
            "from_organization",
            "not_found",
        ),
    ];
    let before = w.t.snapshot().await;
    for (changes, field, code) in cases {
        let body = with_changes(interest("lst-b"), changes.clone());
        let response = w.t.post("/api/v1/introductions", Some(&w.a), body).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{changes}: {}",
            response.text
        );
        assert_eq!(
            response.field_codes().get(field).map(String::as_str),
            Some(code),
            "{changes}: {}",
            response.text
        );
    }
    let unknown_kind = with_changes(interest("lst-b"), json!({"kind": "marriage"}));
    let response = w.t.post("/api/v1/introductions", Some(&w.a), unknown_kind).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", response.text);
    // Asking for an organization one is not a member of.
    w.t.post("/api/v1/introductions", Some(&w.outsider), interest("lst-b"))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(w.t.snapshot().await, before, "nothing was written");
}

#[tokio::test]
async fn only_whoever_started_it_withdraws() {
    let w = world().await;
    let id = w.ask().await;
    w.t.post(&format!("/api/v1/introductions/{id}/withdraw"), Some(&w.b), json!({}))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    let withdrawn =
        w.t.post(&format!("/api/v1/introductions/{id}/withdraw"), Some(&w.a2), json!({}))
            .await;
    assert_eq!(withdrawn.json["status"], "withdrawn", "{}", withdrawn.text);
    w.t.post(&format!("/api/v1/introductions/{id}/accept"), Some(&w.b), json!({}))
        .await
        .assert_error(StatusCode::CONFLICT, "introduction_closed");
    // A withdrawn introduction does not block asking again.
    assert_eq!(
        w.t.post("/api/v1/introductions", Some(&w.a), interest("lst-b"))
            .await
            .status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_cooperation_moves_forward_to_production_with_its_timeline() {
    let w = world().await;
    let (_, coop) = w.accepted().await;
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let yesterday = today - chrono::Duration::days(1);

    let moved = w
        .stage(
            &w.a,
            &coop,
            json!({"stage": "negotiation", "note": "第一轮洽谈在大连举行"}),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert_eq!(moved.json["stage"], "negotiation");

    let before = w.t.snapshot().await;
    for (body, status, code) in [
        (json!({"stage": "signed"}), 422, "validation_failed"),
        (
            json!({"stage": "signed", "agreed_amount_cny": 0}),
            422,
            "validation_failed",
        ),
        (
            json!({"stage": "signed", "agreed_amount_cny": 1, "date": "2999-01-01"}),
            422,
            "validation_failed",
        ),
        (
            json!({"stage": "signed", "agreed_amount_cny": 1, "date": yesterday}),
            422,
            "validation_failed",
        ),
        (json!({"stage": "negotiation"}), 409, "invalid_stage_transition"),
        (json!({"stage": "interest"}), 409, "invalid_stage_transition"),
        (json!({"stage": "construction_site"}), 422, "invalid_body"),
    ] {
        let response = w.stage(&w.b, &coop, body.clone()).await;
        assert_eq!(
            (response.status.as_u16(), response.code()),
            (status, code),
            "{body}: {}",
            response.text
        );
    }
    let no_amount = w.stage(&w.b, &coop, json!({"stage": "signed"})).await;
    assert_eq!(
        no_amount.field_codes().get("agreed_amount_cny").map(String::as_str),
        Some("required")
    );
    assert_eq!(w.t.snapshot().await, before, "refused changes wrote nothing");

    let signed = w
        .stage(
            &w.b,
            &coop,
            json!({"stage": "signed", "agreed_amount_cny": 350_000_000, "note": "签约仪式"}),
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.text);
    assert_eq!(signed.json["signed_on"], json!(today));
    assert_eq!(signed.json["agreed_amount_cny"], 350_000_000);
    // A promoter records the next stages, skipping none; production is the end.
    let started = w.stage(&w.promoter, &coop, json!({"stage": "construction"})).await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.text);
    let producing = w.stage(&w.a, &coop, json!({"stage": "production"})).await;
    assert_eq!(producing.json["stage"], "production", "{}", producing.text);
    assert_eq!(producing.json["next_stages"], json!([]));
    assert_eq!(producing.json["can_update"], false);
    w.stage(&w.a, &coop, json!({"stage": "dropped"}))
        .await
        .assert_error(StatusCode::CONFLICT, "invalid_stage_transition");

    let timeline = w.t.get(&format!("/api/v1/cooperations/{coop}"), Some(&w.b)).await;
    let events = timeline.json["events"].as_array().expect("events");
    let stages: Vec<&str> = events.iter().map(|e| e["to_stage"].as_str().unwrap_or("")).collect();
    assert_eq!(
        stages,
        ["interest", "negotiation", "signed", "construction", "production"]
    );
    let authors: Vec<&str> = events.iter().map(|e| e["author"].as_str().unwrap_or("")).collect();
    assert_eq!(
        authors,
        [
            "b@example.com",
            "a@example.com",
            "b@example.com",
            "promoter@example.com",
            "a@example.com"
        ]
    );
    assert_eq!(events[1]["note"], "第一轮洽谈在大连举行");
    assert_eq!(events[2]["agreed_amount_cny"], 350_000_000);
}

#[tokio::test]
async fn a_cooperation_can_be_dropped_and_skips_stages_that_happened_elsewhere() {
    let w = world().await;
    let (_, coop) = w.accepted().await;
    let jumped = w
        .stage(
            &w.a,
            &coop,
            json!({"stage": "construction", "agreed_amount_cny": 80_000_000}),
        )
        .await;
    assert_eq!(jumped.json["stage"], "construction", "{}", jumped.text);
    assert!(
        jumped.json["signed_on"].is_string(),
        "signed at the latest when construction starts"
    );
    let dropped = w
        .stage(&w.b, &coop, json!({"stage": "dropped", "note": "资金未到位"}))
        .await;
    assert_eq!(dropped.json["stage"], "dropped", "{}", dropped.text);
    assert_eq!(
        dropped.json["agreed_amount_cny"], 80_000_000,
        "the agreed amount is kept"
    );
}

#[tokio::test]
async fn cooperations_are_seen_by_their_parties_promoters_and_admins_only() {
    let w = world().await;
    let (_, coop) = w.accepted().await;
    for token in [&w.a, &w.a2, &w.b, &w.promoter, &w.admin] {
        let read = w.t.get(&format!("/api/v1/cooperations/{coop}"), Some(token)).await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.text);
        let list = w.t.get("/api/v1/cooperations", Some(token)).await;
        assert_eq!(list.json["total"], 1, "{}", list.text);
    }
    w.t.get(&format!("/api/v1/cooperations/{coop}"), Some(&w.outsider))
        .await
        .assert_error(StatusCode::NOT_FOUND, "cooperation_not_found");
    let list = w.t.get("/api/v1/cooperations", Some(&w.outsider)).await;
    assert_eq!(list.json["total"], 0, "{}", list.text);
    w.t.get("/api/v1/cooperations", None)
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "login_required");
}

#[tokio::test]
async fn key_projects_are_flagged_by_promoters_and_audited() {
    let w = world().await;
    let (_, coop) = w.accepted().await;
    let path = format!("/api/v1/cooperations/{coop}/key-project");
    w.t.put(&path, Some(&w.a), json!({"key_project": true}))
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    let flagged =
        w.t.put(
            &path,
            Some(&w.promoter),
            json!({"key_project": true, "note": "列入年度重点项目"}),
        )
        .await;
    assert_eq!(flagged.status, StatusCode::OK, "{}", flagged.text);
    assert_eq!(flagged.json["key_project"], true);
    let audited = w.audit("key_project").await;
    assert_eq!(audited.len(), 1);
    assert_eq!(audited[0]["subject_id"], coop.as_str());
    assert_eq!(audited[0]["actor_email"], "promoter@example.com");
    let keys = w.t.get("/api/v1/cooperations?key_project=true", Some(&w.admin)).await;
    assert_eq!(keys.json["total"], 1, "{}", keys.text);
    // Flagging again changes nothing.
    let before = w.t.snapshot().await;
    let again = w.t.put(&path, Some(&w.admin), json!({"key_project": true})).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(w.t.snapshot().await, before);
}

#[tokio::test]
async fn reports_count_and_sum_by_stage_sector_region_and_period() {
    let w = world().await;
    let (_, first) = w.accepted().await;
    w.stage(
        &w.a,
        &first,
        json!({"stage": "signed", "agreed_amount_cny": 300_000_000}),
    )
    .await;
    // A second cooperation, org-c with org-b, left at interest.
    let asked =
        w.t.post(
            "/api/v1/introductions",
            Some(&w.outsider),
            json!({"listing": "lst-b", "from_organization": "org-c", "message": "希望对接"}),
        )
        .await;
    let id = asked.json["id"].as_str().expect("id").to_owned();
    let accepted =
        w.t.post(&format!("/api/v1/introductions/{id}/accept"), Some(&w.b), json!({}))
            .await;
    assert_eq!(accepted.json["status"], "accepted", "{}", accepted.text);

    let report =
        w.t.get("/api/v1/reports/cooperations?group_by=stage", Some(&w.promoter))
            .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.text);
    let rows = report.json["rows"].as_array().expect("rows");
    let summary: Vec<(String, u64, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["keys"][0]["key"].as_str().unwrap_or("").to_owned(),
                r["count"].as_u64().unwrap_or(0),
                r["agreed_amount_cny"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![("interest".to_owned(), 1, 0), ("signed".to_owned(), 1, 300_000_000)]
    );
    assert_eq!(report.json["totals"]["count"], 2);
    assert_eq!(report.json["totals"]["signed_count"], 1);
    assert_eq!(report.json["totals"]["by_stage"].as_array().map(Vec::len), Some(6));
    assert_eq!(rows[1]["keys"][0]["zh"], "签约");

    let two =
        w.t.get(
            "/api/v1/reports/cooperations?group_by=sector,period&period=year",
            Some(&w.admin),
        )
        .await;
    assert_eq!(two.status, StatusCode::OK, "{}", two.text);
    assert_eq!(two.json["rows"][0]["keys"][0]["key"], "equipment");
    assert_eq!(two.json["rows"][0]["count"], 2);
    let signed_only =
        w.t.get(
            "/api/v1/reports/cooperations?group_by=region&basis=signed",
            Some(&w.admin),
        )
        .await;
    assert_eq!(signed_only.json["totals"]["count"], 1, "{}", signed_only.text);

    let csv =
        w.t.get("/api/v1/reports/cooperations.csv?group_by=stage", Some(&w.promoter))
            .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.text);
    assert!(csv.content_type.starts_with("text/csv"), "{}", csv.content_type);
    let lines: Vec<&str> = csv.text.trim_start_matches('\u{feff}').lines().collect();
    assert!(csv.text.starts_with('\u{feff}'), "a byte-order mark for spreadsheets");
    assert_eq!(
        lines[0],
        "stage,stage_zh,stage_en,count,signed_count,key_projects,agreed_amount_cny,agreed_amount_wan"
    );
    assert_eq!(lines[2], "signed,签约,signed,1,1,0,300000000,30000.00");
    assert_eq!(lines[3], "total,合计,total,2,1,0,300000000,30000.00");

    for token in [Some(w.a.as_str()), None] {
        let refused = w.t.get("/api/v1/reports/cooperations", token).await;
        assert!(matches!(refused.status.as_u16(), 401 | 403), "{}", refused.text);
        let refused = w.t.get("/api/v1/reports/cooperations.csv", token).await;
        assert!(matches!(refused.status.as_u16(), 401 | 403), "{}", refused.text);
    }
    for bad in [
        "group_by=colour",
        "group_by=stage,sector,region",
        "from=2026-12-01&to=2026-01-01",
    ] {
        let response =
            w.t.get(&format!("/api/v1/reports/cooperations?{bad}"), Some(&w.admin))
                .await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            response.text
        );
    }
}

/// Every mutating route of this module against every kind of caller: the
/// exact answer, and a refused call writes nothing.
#[tokio::test]
async fn who_may_act_on_introductions_and_cooperations() {
    #[derive(Debug, Clone, Copy)]
    enum Who {
        Anonymous,
        Outsider,
        SideA,
        SideB,
        Promoter,
        Admin,
    }
    use Who::*;
    const ALL: [Who; 6] = [Anonymous, Outsider, SideA, SideB, Promoter, Admin];
    fn token(w: &World, who: Who) -> Option<&str> {
        match who {
            Anonymous => None,
            Outsider => Some(&w.outsider),
            SideA => Some(&w.a2),
            SideB => Some(&w.b),
            Promoter => Some(&w.promoter),
            Admin => Some(&w.admin),
        }
    }
    // (route, expected status per caller in the order of ALL)
    type Expect = [u16; 6];
    let rows: Vec<(&str, Expect)> = vec![
        ("ask", [401, 403, 201, 403, 403, 201]),
        ("accept", [401, 404, 409, 200, 404, 403]),
        ("decline", [401, 404, 409, 200, 404, 403]),
        ("withdraw", [401, 404, 200, 403, 404, 200]),
        ("stage", [401, 404, 200, 200, 200, 200]),
        ("key", [401, 404, 403, 403, 200, 200]),
    ];
    for (route, expect) in rows {
        for (who, status) in ALL.into_iter().zip(expect) {
            let w = world().await;
            let (method, path, body) = match route {
                "ask" => (
                    Method::POST,
                    "/api/v1/introductions".to_owned(),
                    Some(interest("lst-b")),
                ),
                "accept" | "decline" | "withdraw" => {
                    let id = w.ask().await;
                    (
                        Method::POST,
                        format!("/api/v1/introductions/{id}/{route}"),
                        Some(json!({})),
                    )
                }
                "stage" => {
                    let (_, coop) = w.accepted().await;
                    (
                        Method::POST,
                        format!("/api/v1/cooperations/{coop}/stage"),
                        Some(json!({"stage": "negotiation"})),
                    )
                }
                _ => {
                    let (_, coop) = w.accepted().await;
                    (
                        Method::PUT,
                        format!("/api/v1/cooperations/{coop}/key-project"),
                        Some(json!({"key_project": true})),
                    )
                }
            };
            let before = w.t.snapshot().await;
            let response = w.t.request(method.clone(), &path, token(&w, who), body).await;
            assert_eq!(
                response.status.as_u16(),
                status,
                "{method} {path} as {who:?}: {}",
                response.text
            );
            if status >= 400 {
                assert_eq!(
                    w.t.snapshot().await,
                    before,
                    "{method} {path} as {who:?}: a refused call wrote nothing"
                );
            } else {
                assert_ne!(
                    w.t.snapshot().await,
                    before,
                    "{method} {path} as {who:?}: the call had its effect"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_demo_data_carries_a_plausible_pipeline_once() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let config = hulian_demo::DemoConfig::default();
    t.app.load_demo(&config, &|_, _| {}).await.expect("demo");
    let list = t.get("/api/v1/cooperations?per_page=100", Some(&admin)).await;
    assert_eq!(list.json["total"], 60, "{}", list.text);
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    for item in list.json["items"].as_array().expect("items") {
        let id = item["id"].as_str().expect("id");
        let read = t.get(&format!("/api/v1/cooperations/{id}"), Some(&admin)).await;
        let events = read.json["events"].as_array().expect("events");
        let dates: Vec<chrono::NaiveDate> = events
            .iter()
            .map(|e| e["date"].as_str().expect("date").parse().expect("a date"))
            .collect();
        assert!(
            dates.windows(2).all(|w| w[0] <= w[1]),
            "{id}: dates in order: {dates:?}"
        );
        assert!(dates.iter().all(|d| *d <= today), "{id}: nothing in the future");
        assert_eq!(events.last().expect("an event")["to_stage"], read.json["stage"], "{id}");
        let stage: hulian_domain::Stage = serde_json::from_value(read.json["stage"].clone()).expect("stage");
        assert_eq!(
            read.json["agreed_amount_cny"].is_i64(),
            read.json["signed_on"].is_string(),
            "{id}"
        );
        if stage.needs_amount() {
            assert!(read.json["agreed_amount_cny"].as_i64().unwrap_or(0) > 0, "{id}");
        }
    }
    let report = t.get("/api/v1/reports/cooperations?group_by=stage", Some(&admin)).await;
    let stages = report.json["rows"].as_array().expect("rows").len();
    assert_eq!(stages, 6, "every stage is represented: {}", report.text);
    assert!(report.json["totals"]["key_projects"].as_u64().unwrap_or(0) > 0);
    // Loading again adds nothing.
    t.app.load_demo(&config, &|_, _| {}).await.expect("demo again");
    let again = t.get("/api/v1/cooperations?per_page=1", Some(&admin)).await;
    assert_eq!(again.json["total"], 60);
}

#[tokio::test]
async fn answers_and_requests_at_the_same_moment_count_once() {
    let w = world().await;
    // Both sides of a brokered introduction accept at once: one cooperation.
    let body = json!({"kind": "brokered", "from_listing": "lst-a", "listing": "lst-b", "message": "建议对接"});
    let created = w.t.post("/api/v1/introductions", Some(&w.promoter), body).await;
    let id = created.json["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/introductions/{id}/accept");
    let (first, second) = tokio::join!(
        w.t.post(&path, Some(&w.a), json!({})),
        w.t.post(&path, Some(&w.b), json!({}))
    );
    assert_eq!(
        (first.status, second.status),
        (StatusCode::OK, StatusCode::OK),
        "{} / {}",
        first.text,
        second.text
    );
    let read = w.t.get(&format!("/api/v1/introductions/{id}"), Some(&w.admin)).await;
    assert_eq!(read.json["status"], "accepted", "{}", read.text);
    let snapshot = w.t.snapshot().await;
    assert_eq!(snapshot.cooperations.len(), 1);

    // The same interest sent twice at once: one introduction, one 409.
    let ask = json!({"listing": "lst-c", "from_organization": "org-a", "message": "希望对接"});
    let (first, second) = tokio::join!(
        w.t.post("/api/v1/introductions", Some(&w.a), ask.clone()),
        w.t.post("/api/v1/introductions", Some(&w.a2), ask.clone())
    );
    let mut statuses = [first.status.as_u16(), second.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409], "{} / {}", first.text, second.text);
    assert_eq!(w.t.snapshot().await.introductions.len(), 2);
}

#[tokio::test]
async fn each_side_is_told_in_its_inbox_and_by_its_signed_webhooks() {
    use crate::webhooks::{Receiver, header, signature_holds};
    let w = world().await;
    let receiver = Receiver::start(&[]).await;
    let events = [
        "introduction.requested",
        "introduction.accepted",
        "cooperation.stage_changed",
    ];
    let created =
        w.t.post(
            "/api/v1/organizations/org-b/webhooks",
            Some(&w.b),
            json!({"url": receiver.url, "events": events}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    let secret = created.json["secret"].as_str().expect("secret").to_owned();

    let (_, coop) = w.accepted().await;
    let moved = w.stage(&w.a, &coop, json!({"stage": "negotiation"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    w.t.app.run_webhook_jobs_once().await.expect("deliver");

    let received = receiver.received();
    let told: Vec<&str> = received.iter().map(|r| header(r, "x-hulian-event")).collect();
    assert_eq!(
        told, events,
        "org-b's webhook hears every step, its own acceptance included"
    );
    for delivery in &received {
        assert!(signature_holds(delivery, &secret), "{}", delivery.body);
        assert!(
            !delivery.body.contains(A_CONTACT) && !delivery.body.contains(B_CONTACT),
            "no contacts in webhooks"
        );
    }
    let stage_change: Value = serde_json::from_str(&received[2].body).expect("json");
    assert_eq!(stage_change["data"]["cooperation"], coop.as_str());
    assert_eq!(stage_change["data"]["to_stage"], "negotiation");

    // Inboxes: everyone concerned, never the one who acted.
    let inbox = |token: String| {
        let t = &w.t;
        async move {
            let page = t.get("/api/v1/inbox", Some(&token)).await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.text);
            let mut kinds: Vec<String> = page.json["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|i| i["event"].as_str().unwrap_or("").to_owned())
                .collect();
            kinds.reverse();
            kinds
        }
    };
    assert_eq!(
        inbox(w.b.clone()).await,
        ["introduction.requested", "cooperation.stage_changed"]
    );
    assert_eq!(inbox(w.a.clone()).await, ["introduction.accepted"]);
    assert_eq!(
        inbox(w.a2.clone()).await,
        ["introduction.accepted", "cooperation.stage_changed"],
        "a colleague of the asker hears of it too"
    );
    assert!(inbox(w.outsider.clone()).await.is_empty());
}

#[tokio::test]
async fn many_writers_at_once_are_served_one_after_the_other_never_with_a_500() {
    let w = world().await;
    // Listings of several organizations written while introductions are asked
    // and answered: on SQLite every one of these transactions reads before it
    // writes, and a deferred transaction would fail ("database is locked")
    // when another committed in between.
    let mut asks = Vec::new();
    for i in 0..6 {
        let token = w.t.member(&format!("writer{i}@example.com")).await;
        w.t.create_org(&token, &format!("org-w{i}")).await;
        asks.push(token);
    }
    let updates = (0..6).map(|i| {
        w.t.put(
            "/api/v1/listings/lst-a",
            Some(&w.a),
            listing_with(
                "lst-a",
                "org-a",
                json!({"title": format!("岸桥生产线技改项目（第{i}版）")}),
            ),
        )
    });
    let interests = asks.iter().enumerate().map(|(i, token)| {
        w.t.post(
            "/api/v1/introductions",
            Some(token),
            json!({"listing": "lst-b", "from_organization": format!("org-w{i}"), "message": "希望对接"}),
        )
    });
    let (updated, asked) = tokio::join!(
        futures_util::future::join_all(updates),
        futures_util::future::join_all(interests)
    );
    for response in updated.iter().chain(asked.iter()) {
        assert!(response.status.is_success(), "{}", response.text);
    }
    let awaiting = w.t.get("/api/v1/introductions?awaiting_me=true", Some(&w.b)).await;
    assert_eq!(awaiting.json["total"], 6, "{}", awaiting.text);
}
