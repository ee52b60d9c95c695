//! Partner recommendations through the API, on the development corpus and on
//! hand-made records: the hard rules, the explanation, dismissals, and the
//! index following writes.

use axum::http::StatusCode;
use hulian_tests::*;
use serde_json::{Value, json};

fn ids(response: &TestResponse) -> Vec<String> {
    response.json["matches"]
        .as_array()
        .expect("matches")
        .iter()
        .map(|m| m["listing"]["external_id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test]
async fn the_corpus_query_gets_its_best_partners_explained_and_never_forbidden_ones() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    assert_eq!(t.import_dev_corpus(&admin).await.status, StatusCode::OK);
    let response = t.get("/api/v1/listings/lst-0101/matches?limit=20", None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(response.json["query"], "lst-0101");
    let found = ids(&response);
    assert_eq!(found.len(), 20);
    assert!(
        found[..5].contains(&"lst-0123".to_owned()),
        "the shipbuilding fund is a top match: {found:?}"
    );
    for forbidden in ["lst-0128", "lst-0204"] {
        assert!(
            !found.contains(&forbidden.to_owned()),
            "{forbidden} (own organization / closed) never appears"
        );
    }
    for m in response.json["matches"].as_array().expect("matches") {
        let score = m["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&score));
        let sum: f64 = m["factors"]
            .as_array()
            .expect("factors")
            .iter()
            .map(|f| f["contribution"].as_f64().expect("c"))
            .sum();
        assert!(
            (sum - score).abs() < 0.02,
            "contributions add up to the score: {sum} vs {score}"
        );
        let reasons = m["reasons"].as_array().expect("reasons");
        assert!(!reasons.is_empty());
        assert!(
            reasons.iter().all(|r| !r["zh"].as_str().unwrap_or_default().is_empty()
                && !r["en"].as_str().unwrap_or_default().is_empty())
        );
        assert_ne!(
            m["listing"]["region"], "dalian",
            "a Dalian project is matched across the pair"
        );
    }
    let scores: Vec<f64> = response.json["matches"]
        .as_array()
        .expect("m")
        .iter()
        .map(|m| m["score"].as_f64().expect("s"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first: {scores:?}");
}

async fn pair() -> (TestApp, String, String) {
    let t = TestApp::new().await;
    let dalian = t.member("dalian@example.com").await;
    t.create_org(&dalian, "org-dl").await;
    t.create_listing(&dalian, "prj", "org-dl").await;
    let shanghai = t.member("shanghai@example.com").await;
    let mut fund = org_body("org-sh");
    fund["region"] = json!("shanghai");
    fund["org_type"] = json!("fund");
    fund["name"] = json!("上海港航装备产业投资基金");
    assert_eq!(
        t.post("/api/v1/organizations", Some(&shanghai), fund).await.status,
        StatusCode::CREATED
    );
    let mut mandate = listing_body("fund-1", "org-sh");
    mandate["listing_type"] = json!("fund_mandate");
    mandate["region"] = json!("shanghai");
    mandate["title"] = json!("港口起重机与岸桥自动化产业投资意向");
    mandate["amount_cny_min"] = json!(100_000_000);
    mandate["amount_cny_max"] = json!(600_000_000);
    mandate["modes"] = json!(["equity"]);
    assert_eq!(
        t.post("/api/v1/listings", Some(&shanghai), mandate).await.status,
        StatusCode::CREATED
    );
    (t, dalian, shanghai)
}

#[tokio::test]
async fn a_fund_and_a_project_find_each_other_and_the_ticket_is_explained() {
    let (t, _, _) = pair().await;
    let for_project = t.get("/api/v1/listings/prj/matches", None).await;
    assert_eq!(ids(&for_project), vec!["fund-1"]);
    let reasons: Vec<String> = for_project.json["matches"][0]["reasons"]
        .as_array()
        .expect("r")
        .iter()
        .map(|r| r["zh"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("1亿") && r.contains("6亿")),
        "the ticket range is named: {reasons:?}"
    );
    let for_fund = t.get("/api/v1/listings/fund-1/matches", None).await;
    assert_eq!(ids(&for_fund), vec!["prj"], "reciprocal");
}

#[tokio::test]
async fn a_dismissed_match_never_returns_and_a_shortlisted_one_is_marked() {
    let (t, dalian, shanghai) = pair().await;
    let other = t
        .put(
            "/api/v1/listings/prj/matches/fund-1",
            Some(&shanghai),
            json!({"decision": "dismissed"}),
        )
        .await;
    assert_eq!(
        (other.status, other.code()),
        (StatusCode::FORBIDDEN, "forbidden"),
        "only the listing's owners decide"
    );
    let shortlist = t
        .put(
            "/api/v1/listings/prj/matches/fund-1",
            Some(&dalian),
            json!({"decision": "shortlisted"}),
        )
        .await;
    assert_eq!(shortlist.status, StatusCode::NO_CONTENT, "{}", shortlist.text);
    assert_eq!(
        t.get("/api/v1/listings/prj/matches", Some(&dalian)).await.json["matches"][0]["decision"],
        "shortlisted"
    );
    let dismiss = t
        .put(
            "/api/v1/listings/prj/matches/fund-1",
            Some(&dalian),
            json!({"decision": "dismissed"}),
        )
        .await;
    assert_eq!(dismiss.status, StatusCode::NO_CONTENT);
    assert!(ids(&t.get("/api/v1/listings/prj/matches", Some(&dalian)).await).is_empty());
    let recommendations = t
        .get("/api/v1/organizations/org-dl/recommendations", Some(&dalian))
        .await;
    assert_eq!(recommendations.status, StatusCode::OK, "{}", recommendations.text);
    assert!(ids(&recommendations).is_empty(), "dismissed everywhere");
    // The other side still sees it: the dismissal is one side's decision.
    assert_eq!(ids(&t.get("/api/v1/listings/fund-1/matches", None).await), vec!["prj"]);
    // Decisions are the owners' notes: others neither see them nor have them applied.
    let public = t.get("/api/v1/listings/prj/matches", None).await;
    assert_eq!(ids(&public), vec!["fund-1"]);
    assert_eq!(public.json["matches"][0]["decision"], Value::Null);
    let own = t
        .put(
            "/api/v1/listings/prj/matches/prj",
            Some(&dalian),
            json!({"decision": "shortlisted"}),
        )
        .await;
    assert_eq!(
        (own.status, own.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
    );
    let missing = t
        .put(
            "/api/v1/listings/prj/matches/nope",
            Some(&dalian),
            json!({"decision": "shortlisted"}),
        )
        .await;
    assert_eq!(
        (missing.status, missing.code()),
        (StatusCode::NOT_FOUND, "listing_not_found")
    );
    let missing = t.delete("/api/v1/listings/prj/matches/nope", Some(&dalian)).await;
    assert_eq!(
        (missing.status, missing.code()),
        (StatusCode::NOT_FOUND, "listing_not_found")
    );
    let bad = t
        .put(
            "/api/v1/listings/prj/matches/fund-1",
            Some(&dalian),
            json!({"decision": "maybe"}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        t.delete("/api/v1/listings/prj/matches/fund-1", Some(&dalian))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        ids(&t.get("/api/v1/listings/prj/matches", Some(&dalian)).await),
        vec!["fund-1"],
        "cleared, it may return"
    );
}

#[tokio::test]
async fn the_matching_index_follows_writes() {
    let (t, _, shanghai) = pair().await;
    assert_eq!(ids(&t.get("/api/v1/listings/prj/matches", None).await), vec!["fund-1"]);
    let mut closed = listing_body("fund-1", "org-sh");
    closed["listing_type"] = json!("fund_mandate");
    closed["region"] = json!("shanghai");
    closed["status"] = json!("closed");
    let response = t.put("/api/v1/listings/fund-1", Some(&shanghai), closed).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert!(
        ids(&t.get("/api/v1/listings/prj/matches", None).await).is_empty(),
        "closed listings are not matched"
    );
    let hidden = t.get("/api/v1/listings/fund-1/matches", None).await;
    assert_eq!(
        (hidden.status, hidden.code()),
        (StatusCode::NOT_FOUND, "listing_not_found")
    );
    let owner_view = t.get("/api/v1/listings/fund-1/matches", Some(&shanghai)).await;
    assert_eq!(
        owner_view.status,
        StatusCode::OK,
        "owners still see matches of their closed listing"
    );
    let value: &Value = &owner_view.json["matches"];
    assert!(value.is_array());
}
