//! Search through the API over the imported development corpus: Chinese and
//! English queries, filters and facets, visibility, lenient parsing, and the
//! index following writes (update, delete, organization rename).

use axum::http::StatusCode;
use hulian_tests::*;
use serde_json::{Value, json};

fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn ids(response: &TestResponse) -> Vec<String> {
    response.json["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["listing"]["external_id"].as_str().expect("id").to_owned())
        .collect()
}

fn facet(response: &TestResponse, name: &str, value: &str) -> u64 {
    response.json["facets"][name]
        .as_array()
        .expect("facet")
        .iter()
        .find(|f| f["value"] == value)
        .map_or(0, |f| f["count"].as_u64().expect("count"))
}

async fn corpus() -> (TestApp, String) {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let imported = t.import_dev_corpus(&admin).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.text);
    (t, admin)
}

#[tokio::test]
async fn chinese_and_english_queries_find_the_right_listings() {
    let (t, _) = corpus().await;
    let cold = t.search(&format!("q={}", enc("冷链物流"))).await;
    assert_eq!(cold.status, StatusCode::OK, "{}", cold.text);
    let found = ids(&cold);
    for expected in ["lst-0052", "lst-0051", "lst-0072"] {
        assert!(
            found[..5].contains(&expected.to_owned()),
            "{expected} in top 5 of {found:?}"
        );
    }
    assert!(!found.contains(&"lst-0117".to_owned()), "expired listings never appear");
    let hit = &cold.json["hits"][0];
    assert!(hit["title_html"].as_str().expect("html").contains("<mark>"), "{hit}");
    assert!(cold.json["took_ms"].as_f64().is_some());

    let english = t.search(&format!("q={}", enc("cold chain"))).await;
    let english_ids = ids(&english);
    assert!(english_ids.iter().take(5).any(|id| id == "lst-0052"), "{english_ids:?}");

    let flow = t.search(&format!("q={}", enc("液流电池"))).await;
    assert!(
        ids(&flow).contains(&"lst-0163".to_owned()) || ids(&flow).contains(&"lst-0004".to_owned()),
        "{:?}",
        ids(&flow)
    );
}

#[tokio::test]
async fn filters_narrow_and_facets_count() {
    let (t, _) = corpus().await;
    let all = t.search("").await;
    let total = all.json["total"].as_u64().expect("total");
    assert!(total > 150, "browsing shows every visible listing: {total}");
    let dalian = facet(&all, "region", "dalian");
    assert!(dalian > 0);
    let filtered = t.search("region=dalian").await;
    assert_eq!(
        filtered.json["total"].as_u64(),
        Some(dalian),
        "the facet count is what the filter gives"
    );
    for hit in filtered.json["hits"].as_array().expect("hits") {
        assert_eq!(hit["listing"]["region"], "dalian");
    }
    let funds = t.search("listing_type=fund_mandate&sector=equipment").await;
    for hit in funds.json["hits"].as_array().expect("hits") {
        assert_eq!(hit["listing"]["listing_type"], "fund_mandate");
        let sectors: Vec<&str> = hit["listing"]["sectors"]
            .as_array()
            .expect("sectors")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            sectors
                .iter()
                .any(|s| hulian_domain::taxonomy::top_level(s) == "equipment"),
            "{sectors:?}"
        );
    }
    let paged = t.search("per_page=5&page=2&sort=newest").await;
    assert_eq!(paged.json["hits"].as_array().expect("hits").len(), 5);
    assert_eq!(paged.json["page"], 2);
}

#[tokio::test]
async fn any_text_is_a_query_and_bad_filters_are_named() {
    let (t, _) = corpus().await;
    for garbage in ["\"冷链 AND (", "((( OR", "-", "\"", "*:*", "title:港口 +-"] {
        let response = t.search(&format!("q={}", enc(garbage))).await;
        assert_eq!(response.status, StatusCode::OK, "{garbage}: {}", response.text);
    }
    let bad = t.search("region=mars").await;
    assert_eq!((bad.status, bad.code()), (StatusCode::BAD_REQUEST, "invalid_query"));
    let sort = t.search("sort=best").await;
    assert_eq!((sort.status, sort.code()), (StatusCode::BAD_REQUEST, "invalid_query"));
}

#[tokio::test]
async fn only_published_unexpired_listings_are_found() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    for (id, status, deadline) in [
        ("live", "published", "2099-12-31"),
        ("draft", "draft", "2099-12-31"),
        ("old", "published", "2025-01-01"),
    ] {
        let mut body = listing_body(id, "org-a");
        body["status"] = json!(status);
        body["deadline"] = json!(deadline);
        body["title"] = json!("氢能重卡示范项目");
        let created = t.post("/api/v1/listings", Some(&owner), body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    }
    let found = t.search(&format!("q={}", enc("氢能"))).await;
    assert_eq!(ids(&found), vec!["live"]);
    // Closing it removes it from search.
    let mut body = listing_body("live", "org-a");
    body["status"] = json!("closed");
    assert_eq!(
        t.put("/api/v1/listings/live", Some(&owner), body).await.status,
        StatusCode::OK
    );
    assert!(ids(&t.search(&format!("q={}", enc("氢能"))).await).is_empty());
}

#[tokio::test]
async fn the_index_follows_updates_deletes_and_organization_renames() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    t.create_listing(&owner, "l-1", "org-a").await;
    assert_eq!(ids(&t.search(&format!("q={}", enc("岸桥"))).await), vec!["l-1"]);

    let mut body = listing_body("l-1", "org-a");
    body["title"] = json!("邮轮母港商业配套招商");
    body["tags"] = json!([]);
    body["description"] = json!("邮轮码头商业街区招商。");
    assert_eq!(
        t.put("/api/v1/listings/l-1", Some(&owner), body).await.status,
        StatusCode::OK
    );
    assert!(
        ids(&t.search(&format!("q={}", enc("岸桥"))).await).is_empty(),
        "the old text is gone"
    );
    assert_eq!(ids(&t.search(&format!("q={}", enc("邮轮"))).await), vec!["l-1"]);

    let mut org = org_body("org-a");
    org["name"] = json!("大连星海湾邮轮发展集团");
    assert_eq!(
        t.put("/api/v1/organizations/org-a", Some(&owner), org).await.status,
        StatusCode::OK
    );
    let renamed = t.search(&format!("q={}", enc("星海湾"))).await;
    assert_eq!(
        ids(&renamed),
        vec!["l-1"],
        "listings are found by their organization's new name"
    );
    assert_eq!(
        renamed.json["hits"][0]["listing"]["organization_name"],
        "大连星海湾邮轮发展集团"
    );

    assert_eq!(
        t.delete("/api/v1/organizations/org-a", Some(&owner)).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(ids(&t.search(&format!("q={}", enc("邮轮"))).await).is_empty());
    assert_eq!(t.search("").await.json["total"], 0);
}

#[tokio::test]
async fn a_rebuilt_index_agrees_with_the_followed_one() {
    let (t, _) = corpus().await;
    let before = t.search(&format!("q={}&per_page=50", enc("港口"))).await;
    t.app.reindex(&|_, _| {}).await.expect("reindex");
    let after = t.search(&format!("q={}&per_page=50", enc("港口"))).await;
    // Scores may differ in the last digits (segment statistics), the results may not.
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(ids(&before)), sorted(ids(&after)));
    assert_eq!(before.json["total"], after.json["total"]);
}

#[tokio::test]
async fn a_rebuild_indexes_listings_of_the_same_sectors_together() {
    let (t, _) = corpus().await;
    let conn = t.app.store.conn();
    let all = hulian_store::listings::ids_by_sectors(conn).await.expect("order");
    let rows = hulian_store::listings::find_by_ids(conn, &all).await.expect("rows");
    let sectors: std::collections::HashMap<i64, String> = rows.into_iter().map(|r| (r.id, r.sectors)).collect();
    assert_eq!(all.len(), sectors.len(), "every listing once");
    assert_eq!(
        all.len() as u64,
        hulian_store::listings::count(conn).await.expect("count")
    );
    // Each set of sectors is one run, in id order (the order of the runs is
    // the database's collation); the corpus's ids interleave them.
    let runs = |order: &[i64]| {
        let mut runs: Vec<(&str, Vec<i64>)> = Vec::new();
        for id in order {
            match runs.last_mut() {
                Some((key, ids)) if *key == sectors[id] => ids.push(*id),
                _ => runs.push((sectors[id].as_str(), vec![*id])),
            }
        }
        runs
    };
    let grouped = |order: &[i64]| {
        let runs = runs(order);
        let distinct: std::collections::HashSet<&str> = runs.iter().map(|(key, _)| *key).collect();
        distinct.len() == runs.len() && runs.iter().all(|(_, ids)| ids.windows(2).all(|w| w[0] < w[1]))
    };
    assert!(grouped(&all), "{:?}", runs(&all));
    let mut by_id = all.clone();
    by_id.sort_unstable();
    assert!(!grouped(&by_id), "the dev corpus should interleave sectors");

    // The rebuilt index holds them in that order, segment by segment.
    t.app.reindex(&|_, _| {}).await.expect("reindex");
    let segments = t.app.indexed_listing_order().await.expect("index order");
    assert_eq!(segments.iter().map(Vec::len).sum::<usize>(), all.len());
    for segment in &segments {
        assert!(grouped(segment), "{:?}", runs(segment));
    }
}
