//! Import and export over the API in the exchange format: the development
//! corpus goes in whole and idempotently, a file with bad lines is refused
//! naming each line (or, with `skip_invalid`, imported in part), a dry run
//! writes nothing, and an export parses back into the records imported.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use hulian_domain::{Record, parse_ndjson, parse_record};
use hulian_tests::*;
use serde_json::{Value, json};

/// The records of an NDJSON text, keyed by kind and external id (a set that shows its differences).
fn records(text: &str) -> BTreeMap<(bool, String), Record> {
    let mut out = BTreeMap::new();
    for parsed in parse_ndjson(text) {
        let record = parsed.result.unwrap_or_else(|e| panic!("line {}: {e}", parsed.line));
        let key = (
            matches!(record, Record::Organization(_)),
            record.external_id().to_owned(),
        );
        assert!(
            out.insert(key, record).is_none(),
            "line {}: a duplicate record",
            parsed.line
        );
    }
    out
}

fn report(response: &TestResponse) -> [u64; 7] {
    let r = &response.json;
    [
        "organizations_created",
        "organizations_updated",
        "organizations_unchanged",
        "listings_created",
        "listings_updated",
        "listings_unchanged",
        "skipped",
    ]
    .map(|k| r[k].as_u64().unwrap_or_else(|| panic!("{k} in {}", response.text)))
}

fn org_line(external_id: &str) -> Value {
    with_changes(org_body(external_id), json!({"kind": "organization"}))
}

fn listing_line(external_id: &str, organization: &str) -> Value {
    with_changes(listing_body(external_id, organization), json!({"kind": "listing"}))
}

/// Six good lines, four bad ones (bad JSON, bad enum, unknown field, a
/// listing naming a missing organization) and a blank line.
fn mixed_file() -> String {
    [
        org_line("imp-org-1").to_string(),                                            // 1
        "{\"kind\":\"organization\",\"external_id\":\"imp-org-2\",".to_owned(),       // 2 bad JSON
        listing_line("imp-lst-1", "imp-org-1").to_string(),                           // 3
        with_changes(org_line("imp-org-3"), json!({"org_type": "bank"})).to_string(), // 4 bad enum
        with_changes(listing_line("imp-lst-2", "imp-org-1"), json!({"dedline": "2027-01-01"})).to_string(), // 5 unknown field
        listing_line("imp-lst-3", "org-nowhere").to_string(), // 6 missing organization
        String::new(),                                        // 7 blank, ignored
        listing_line("imp-lst-4", "imp-org-5").to_string(),   // 8 names an org further down
        org_line("imp-org-5").to_string(),                    // 9
        listing_line("imp-lst-5", "org-existing").to_string(), // 10 names an org of the database
    ]
    .join("\n")
}

fn expected_bad_lines() -> Vec<Value> {
    vec![
        json!({"line": 2, "field": "json", "code": "invalid_json"}),
        json!({"line": 4, "field": "org_type", "code": "invalid_value"}),
        json!({"line": 5, "field": "dedline", "code": "unknown_field"}),
        json!({"line": 6, "field": "organization", "code": "not_found"}),
    ]
}

fn line_errors(lines: &Value) -> Vec<Value> {
    lines
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            assert!(l["message"].as_str().is_some_and(|m| !m.is_empty()), "{l}");
            json!({"line": l["line"], "field": l["field"], "code": l["code"]})
        })
        .collect()
}

/// An admin and an organization `org-existing` already in the database.
async fn setup() -> (TestApp, String) {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    t.create_org(&admin, "org-existing").await;
    (t, admin)
}

#[tokio::test]
async fn the_dev_corpus_imports_cleanly_and_idempotently() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let first = t.import_dev_corpus(&admin).await;
    assert_eq!(first.json["committed"], true, "{}", first.text);
    assert_eq!(report(&first), [118, 0, 0, 215, 0, 0, 0], "{}", first.text);
    assert_eq!(first.json["errors"], json!([]));
    assert_eq!(t.counts().await, (118, 215));
    let after_first = t.snapshot().await;

    let second = t.import_dev_corpus(&admin).await;
    assert_eq!(second.json["committed"], true);
    assert_eq!(report(&second), [0, 0, 118, 0, 0, 215, 0], "{}", second.text);
    let (unchanged, audited) = t.snapshot().await.without_new_audit(1);
    assert_eq!(
        unchanged, after_first,
        "a second import changes nothing, not even timestamps or the change log"
    );
    assert_eq!(audited, ["import"], "but the import itself is audited");

    // Changing one record updates exactly that one.
    let corpus = dev_corpus();
    let edited = corpus.replacen("大连滨海体育产业发展有限公司", "大连滨海体育产业集团", 1);
    assert_ne!(edited, corpus);
    let third = t.import(&admin, "", edited).await;
    assert_eq!(third.status, StatusCode::OK, "{}", third.text);
    assert_eq!(report(&third), [0, 1, 117, 0, 0, 215, 0], "{}", third.text);
    assert_eq!(
        t.get("/api/v1/organizations/org-0001", None).await.json["name"],
        "大连滨海体育产业集团"
    );
}

#[tokio::test]
async fn the_imported_corpus_is_visible_through_the_api() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    t.import_dev_corpus(&admin).await;
    let corpus = records(&dev_corpus());
    let public = corpus
        .values()
        .filter(|r| match r {
            Record::Listing(l) => l.is_public((chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()),
            Record::Organization(_) => false,
        })
        .count();
    assert!(public < 215, "the corpus holds drafts, closed and expired listings");
    assert_eq!(t.get("/api/v1/listings", None).await.json["total"], public);
    assert_eq!(t.get("/api/v1/listings", Some(&admin)).await.json["total"], 215);
    assert_eq!(t.get("/api/v1/organizations", None).await.json["total"], 118);
}

#[tokio::test]
async fn a_file_with_bad_lines_is_refused_whole() {
    let (t, admin) = setup().await;
    let before = t.snapshot().await;
    let response = t.import(&admin, "", mixed_file()).await;
    response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "import_invalid");
    assert_eq!(
        line_errors(&response.json["error"]["lines"]),
        expected_bad_lines(),
        "{}",
        response.text
    );
    assert!(
        response.json["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains('4')),
        "{}",
        response.text
    );
    assert_eq!(t.snapshot().await, before, "nothing was written");

    // A dry run of the same file is refused the same way.
    let dry = t.import(&admin, "?dry_run=true", mixed_file()).await;
    dry.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "import_invalid");
    assert_eq!(line_errors(&dry.json["error"]["lines"]), expected_bad_lines());
    assert_eq!(t.snapshot().await, before);
}

#[tokio::test]
async fn every_error_of_every_line_is_reported() {
    let (t, admin) = setup().await;
    let before = t.snapshot().await;
    let two_bad_fields = with_changes(org_line("imp-1"), json!({"region": "mars", "sectors": []}));
    let duplicate = org_line("imp-2");
    let text = [
        two_bad_fields.to_string(),
        duplicate.to_string(),
        duplicate.to_string(),
        "[1, 2]".to_owned(),
        "{\"kind\": \"fund\"}".to_owned(),
        "{\"external_id\": \"x\"}".to_owned(),
    ]
    .join("\r\n");
    let response = t.import(&admin, "", text).await;
    response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "import_invalid");
    assert_eq!(
        line_errors(&response.json["error"]["lines"]),
        [
            json!({"line": 1, "field": "region", "code": "invalid_value"}),
            json!({"line": 1, "field": "sectors", "code": "too_few"}),
            json!({"line": 3, "field": "external_id", "code": "duplicate"}),
            json!({"line": 4, "field": "json", "code": "invalid_type"}),
            json!({"line": 5, "field": "kind", "code": "invalid_value"}),
            json!({"line": 6, "field": "kind", "code": "required"}),
        ],
        "{}",
        response.text
    );
    assert_eq!(t.snapshot().await, before);
}

#[tokio::test]
async fn skip_invalid_imports_the_good_lines_and_reports_the_bad() {
    let (t, admin) = setup().await;
    let response = t.import(&admin, "?skip_invalid=true", mixed_file()).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(response.json["committed"], true);
    assert_eq!(report(&response), [2, 0, 0, 3, 0, 0, 4], "{}", response.text);
    assert_eq!(line_errors(&response.json["errors"]), expected_bad_lines());
    assert_eq!(t.counts().await, (3, 3));
    for id in ["imp-lst-1", "imp-lst-4", "imp-lst-5"] {
        assert_eq!(
            t.get(&format!("/api/v1/listings/{id}"), None).await.status,
            StatusCode::OK,
            "{id}"
        );
    }
    for id in ["imp-lst-2", "imp-lst-3"] {
        t.get(&format!("/api/v1/listings/{id}"), Some(&admin))
            .await
            .assert_error(StatusCode::NOT_FOUND, "listing_not_found");
    }
    for id in ["imp-org-2", "imp-org-3"] {
        t.get(&format!("/api/v1/organizations/{id}"), Some(&admin))
            .await
            .assert_error(StatusCode::NOT_FOUND, "organization_not_found");
    }
    assert_eq!(
        t.get("/api/v1/listings/imp-lst-5", None).await.json["organization"],
        "org-existing"
    );
}

#[tokio::test]
async fn a_dry_run_writes_nothing() {
    let (t, admin) = setup().await;
    let before = t.snapshot().await;
    let response = t.import(&admin, "?dry_run=true", dev_corpus()).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(response.json["committed"], false);
    assert_eq!(
        report(&response),
        [118, 0, 0, 215, 0, 0, 0],
        "a dry run counts what it would do"
    );
    assert_eq!(t.snapshot().await, before);

    let partial = t.import(&admin, "?dry_run=true&skip_invalid=true", mixed_file()).await;
    assert_eq!(partial.status, StatusCode::OK, "{}", partial.text);
    assert_eq!(partial.json["committed"], false);
    assert_eq!(report(&partial), [2, 0, 0, 3, 0, 0, 4]);
    assert_eq!(t.snapshot().await, before);
}

#[tokio::test]
async fn export_gives_back_what_was_imported() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    t.import_dev_corpus(&admin).await;
    let export = t.get("/api/v1/export", Some(&admin)).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.text);
    assert_eq!(export.content_type, "application/x-ndjson; charset=utf-8");
    assert_eq!(
        export.headers.get("content-disposition").and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"hulian-export.ndjson\"")
    );
    assert_eq!(export.text.lines().count(), 118 + 215);
    // Every line parses on its own and names its kind (organizations first, then listings).
    let kinds: Vec<bool> = export
        .text
        .lines()
        .map(|line| matches!(parse_record(line).expect("a valid line"), Record::Organization(_)))
        .collect();
    assert!(kinds[..118].iter().all(|k| *k) && kinds[118..].iter().all(|k| !*k));

    let imported = records(&dev_corpus());
    let exported = records(&export.text);
    let contacts = imported
        .values()
        .filter(|r| matches!(r, Record::Organization(o) if o.contact.is_some()))
        .count();
    assert_eq!(contacts, 3, "the corpus holds contacts, so the comparison covers them");
    assert_eq!(exported.len(), imported.len());
    for (key, record) in &imported {
        assert_eq!(exported.get(key), Some(record), "{key:?}");
    }
    assert_eq!(exported, imported);

    // Re-importing the export changes nothing.
    let before = t.snapshot().await;
    let again = t.import(&admin, "", export.text.clone()).await;
    assert_eq!(report(&again), [0, 0, 118, 0, 0, 215, 0], "{}", again.text);
    let (unchanged, audited) = t.snapshot().await.without_new_audit(1);
    assert_eq!(unchanged, before);
    assert_eq!(audited, ["import"]);
}

#[tokio::test]
async fn a_promoters_export_has_no_contacts() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let promoter = t.promoter("promoter@example.com", &admin).await;
    let imported = t.import(&promoter, "", dev_corpus()).await;
    assert_eq!(imported.status, StatusCode::OK, "promoters import: {}", imported.text);
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-with-contact").await;

    let export = t.get("/api/v1/export", Some(&promoter)).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.text);
    assert!(
        !export.text.contains("\"contact\""),
        "no contact in a promoter's export"
    );
    assert!(!export.text.contains("invest@beiwan.example.com"));
    let mut expected = records(&dev_corpus());
    for record in expected.values_mut() {
        if let Record::Organization(o) = record {
            o.contact = None;
        }
    }
    let mut extra = org_body("org-with-contact");
    extra.as_object_mut().expect("object").remove("contact");
    let extra: hulian_domain::OrganizationRecord = serde_json::from_value(extra).expect("record");
    expected.insert((true, "org-with-contact".to_owned()), Record::Organization(extra));
    assert_eq!(records(&export.text), expected);

    let admin_export = t.get("/api/v1/export", Some(&admin)).await;
    assert!(
        admin_export.text.contains("invest@beiwan.example.com"),
        "admins' exports carry contacts"
    );
    assert_eq!(admin_export.text.matches("\"contact\"").count(), 4);
}

#[tokio::test]
async fn re_importing_a_promoters_export_keeps_the_stored_contacts() {
    let t = TestApp::new().await;
    let admin = t.admin().await;
    let promoter = t.promoter("promoter@example.com", &admin).await;
    t.import_dev_corpus(&admin).await;
    let before = t.get("/api/v1/export", Some(&admin)).await.text;
    let promoters_export = t.get("/api/v1/export", Some(&promoter)).await;
    assert!(!promoters_export.text.contains("\"contact\""));
    let again = t.import(&promoter, "", promoters_export.text).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(report(&again), [0, 0, 118, 0, 0, 215, 0], "{}", again.text);
    let after = t.get("/api/v1/export", Some(&admin)).await.text;
    assert_eq!(records(&after), records(&before), "contacts survive the round trip");
}

#[tokio::test]
async fn an_import_may_be_larger_than_a_json_body() {
    let (t, admin) = setup().await;
    // About 1.5 MiB: over the 1 MiB JSON limit, well under the import limit.
    let lines: Vec<String> = (0..150)
        .map(|i| {
            with_changes(
                org_line(&format!("big-{i:03}")),
                json!({"description": "述".repeat(3_300)}),
            )
            .to_string()
        })
        .collect();
    let text = lines.join("\n");
    assert!(text.len() > 1024 * 1024 + 1024 * 256, "{}", text.len());
    let response = t.import(&admin, "", text).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(report(&response), [150, 0, 0, 0, 0, 0, 0]);
    assert_eq!(t.counts().await, (151, 0));
}

#[tokio::test]
async fn an_import_must_be_utf8_and_may_start_with_a_bom() {
    let (t, admin) = setup().await;
    let before = t.snapshot().await;
    let latin1: Vec<u8> = [org_line("imp-1").to_string().as_bytes(), &[0xe9, 0x0a]].concat();
    let response = t
        .raw(
            axum::http::Method::POST,
            "/api/v1/import",
            Some(&admin),
            "application/x-ndjson",
            latin1,
        )
        .await;
    response.assert_error(StatusCode::BAD_REQUEST, "invalid_encoding");
    assert_eq!(t.snapshot().await, before);

    let with_bom = format!(
        "\u{feff}{}\n\n{}\n",
        org_line("imp-1"),
        listing_line("imp-lst-1", "imp-1")
    );
    let response = t.import(&admin, "", with_bom).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text);
    assert_eq!(report(&response), [1, 0, 0, 1, 0, 0, 0]);

    let empty = t.import(&admin, "", "\n\n").await;
    assert_eq!(empty.status, StatusCode::OK, "{}", empty.text);
    assert_eq!(report(&empty), [0; 7]);
    assert_eq!(t.counts().await, (2, 1));
}
