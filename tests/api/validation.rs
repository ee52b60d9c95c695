//! Bad input is answered 4xx with its code and writes nothing: every limit of
//! the exchange format, every failing field listed at once, malformed and
//! oversized bodies, wrong content types, bad query parameters, unknown
//! routes and duplicate external ids.

use axum::http::{Method, StatusCode};
use hulian_tests::*;
use serde_json::{Value, json};

/// An owner with `org-a`, whose token writes the bodies under test.
async fn setup() -> (TestApp, String) {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    t.create_org(&owner, "org-a").await;
    t.create_listing(&owner, "lst-a", "org-a").await;
    (t, owner)
}

/// A named body and the fields (with their codes) it must be refused for.
type Case = (&'static str, Value, Vec<(&'static str, &'static str)>);

fn codes(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs.iter().map(|(f, c)| ((*f).to_owned(), (*c).to_owned())).collect()
}

/// Posts `body` (and PUTs it over the existing record) and expects 422 with exactly `expected` fields.
async fn assert_rejected(t: &TestApp, token: &str, kind: &str, case: &str, body: Value, expected: &[(&str, &str)]) {
    let before = t.snapshot().await;
    let (collection, existing) = match kind {
        "organization" => ("/api/v1/organizations", "/api/v1/organizations/org-a"),
        _ => ("/api/v1/listings", "/api/v1/listings/lst-a"),
    };
    let create = t.post(collection, Some(token), body.clone()).await;
    assert_eq!(
        (create.status, create.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        "{case}: {}",
        create.text
    );
    assert_eq!(create.field_codes(), codes(expected), "{case}: {}", create.text);
    for (field, _) in expected {
        let message = create.json["error"]["fields"][field]["message"]
            .as_str()
            .unwrap_or_default();
        assert!(!message.is_empty(), "{case}: {field} has a reason");
        assert_eq!(create.json["error"]["fields"][field]["field"], *field, "{case}");
        assert!(
            create.json["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .contains(field),
            "{case}: the summary names {field}"
        );
    }
    // The same body as an update of the existing record (with its id, so only the bad fields differ).
    let mut update_body = body;
    let keeps_id = expected.iter().all(|(f, _)| *f != "external_id");
    if keeps_id {
        update_body["external_id"] = json!(existing.rsplit('/').next().unwrap_or_default());
        let update = t.put(existing, Some(token), update_body).await;
        assert_eq!(
            (update.status, update.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            "{case} (update): {}",
            update.text
        );
        assert_eq!(
            update.field_codes(),
            codes(expected),
            "{case} (update): {}",
            update.text
        );
    }
    assert_eq!(t.snapshot().await, before, "{case}: nothing was written");
}

/// Posts `body` and expects it accepted (the limits are inclusive).
async fn assert_accepted(t: &TestApp, token: &str, kind: &str, case: &str, body: Value) -> Value {
    let collection = if kind == "organization" {
        "/api/v1/organizations"
    } else {
        "/api/v1/listings"
    };
    let response = t.post(collection, Some(token), body).await;
    assert_eq!(response.status, StatusCode::CREATED, "{case}: {}", response.text);
    response.json
}

#[tokio::test]
async fn organization_limits() {
    let (t, owner) = setup().await;
    let cases: Vec<Case> = vec![
        (
            "name 201 chars",
            org_with("o-x", json!({"name": "连".repeat(201)})),
            vec![("name", "too_long")],
        ),
        (
            "name blank",
            org_with("o-x", json!({"name": "   "})),
            vec![("name", "required")],
        ),
        (
            "name missing",
            org_with("o-x", json!({"name": null})),
            vec![("name", "required")],
        ),
        (
            "name a number",
            org_with("o-x", json!({"name": 42})),
            vec![("name", "invalid_type")],
        ),
        (
            "name_en 201 chars",
            org_with("o-x", json!({"name_en": "a".repeat(201)})),
            vec![("name_en", "too_long")],
        ),
        (
            "district 101 chars",
            org_with("o-x", json!({"district": "区".repeat(101)})),
            vec![("district", "too_long")],
        ),
        (
            "description 10,001 chars",
            org_with("o-x", json!({"description": "述".repeat(10_001)})),
            vec![("description", "too_long")],
        ),
        (
            "description_en 10,001",
            org_with("o-x", json!({"description_en": "d".repeat(10_001)})),
            vec![("description_en", "too_long")],
        ),
        (
            "description missing",
            org_with("o-x", json!({"description": null})),
            vec![("description", "required")],
        ),
        (
            "no sectors",
            org_with("o-x", json!({"sectors": []})),
            vec![("sectors", "too_few")],
        ),
        (
            "sectors missing",
            org_with("o-x", json!({"sectors": null})),
            vec![("sectors", "required")],
        ),
        (
            "six sectors",
            org_with(
                "o-x",
                json!({"sectors": ["equipment", "finance", "trade", "health", "tourism", "auto"]}),
            ),
            vec![("sectors", "too_many")],
        ),
        (
            "unknown sector",
            org_with("o-x", json!({"sectors": ["mining"]})),
            vec![("sectors", "invalid_value")],
        ),
        (
            "unknown sub-sector",
            org_with("o-x", json!({"sectors": ["equipment.spaceships"]})),
            vec![("sectors", "invalid_value")],
        ),
        (
            "duplicate sector",
            org_with("o-x", json!({"sectors": ["trade", "trade"]})),
            vec![("sectors", "duplicate")],
        ),
        (
            "sectors a string",
            org_with("o-x", json!({"sectors": "equipment"})),
            vec![("sectors", "invalid_type")],
        ),
        (
            "org_type",
            org_with("o-x", json!({"org_type": "bank"})),
            vec![("org_type", "invalid_value")],
        ),
        (
            "org_type case",
            org_with("o-x", json!({"org_type": "Enterprise"})),
            vec![("org_type", "invalid_value")],
        ),
        (
            "region",
            org_with("o-x", json!({"region": "mars"})),
            vec![("region", "invalid_value")],
        ),
        (
            "ownership",
            org_with("o-x", json!({"ownership": "state"})),
            vec![("ownership", "invalid_value")],
        ),
        (
            "website",
            org_with("o-x", json!({"website": "ftp://example.com"})),
            vec![("website", "invalid_format")],
        ),
        (
            "contact email",
            org_with("o-x", json!({"contact": {"email": "nope"}})),
            vec![("contact.email", "invalid_format")],
        ),
        (
            "contact unknown field",
            org_with("o-x", json!({"contact": {"fax": "1"}})),
            vec![("contact.fax", "unknown_field")],
        ),
        (
            "contact not an object",
            org_with("o-x", json!({"contact": "王经理"})),
            vec![("contact", "invalid_type")],
        ),
        (
            "unknown field",
            org_with("o-x", json!({"employees": 500})),
            vec![("employees", "unknown_field")],
        ),
        (
            "kind is not a field of the API",
            org_with("o-x", json!({"kind": "organization"})),
            vec![("kind", "unknown_field")],
        ),
        (
            "external_id charset",
            org_with("o-x", json!({"external_id": "bad id"})),
            vec![("external_id", "invalid_format")],
        ),
        (
            "external_id chinese",
            org_with("o-x", json!({"external_id": "机构-1"})),
            vec![("external_id", "invalid_format")],
        ),
        (
            "external_id slash",
            org_with("o-x", json!({"external_id": "a/b"})),
            vec![("external_id", "invalid_format")],
        ),
        (
            "external_id 129 chars",
            org_with("o-x", json!({"external_id": "x".repeat(129)})),
            vec![("external_id", "too_long")],
        ),
        (
            "external_id empty",
            org_with("o-x", json!({"external_id": ""})),
            vec![("external_id", "required")],
        ),
        (
            "external_id a number",
            org_with("o-x", json!({"external_id": 7})),
            vec![("external_id", "invalid_type")],
        ),
    ];
    for (case, body, expected) in cases {
        assert_rejected(&t, &owner, "organization", case, body, &expected).await;
    }

    // The limits themselves are allowed.
    let at_limits = org_with(
        &"x".repeat(128),
        json!({"name": "连".repeat(200), "description": "述".repeat(10_000), "district": "区".repeat(100),
               "sectors": ["equipment", "finance", "trade", "health", "equipment.shipbuilding"]}),
    );
    let created = assert_accepted(&t, &owner, "organization", "at the limits", at_limits).await;
    assert_eq!(created["name"].as_str().map(|n| n.chars().count()), Some(200));
    assert_eq!(created["description"].as_str().map(|n| n.chars().count()), Some(10_000));
    assert_eq!(created["sectors"].as_array().map(Vec::len), Some(5));
    assert_accepted(&t, &owner, "organization", "external_id charset", org_body("Aa0._:-z")).await;
    assert_eq!(t.counts().await, (3, 1));
}

#[tokio::test]
async fn listing_limits() {
    let (t, owner) = setup().await;
    let l = |changes: Value| listing_with("l-x", "org-a", changes);
    let cases: Vec<Case> = vec![
        (
            "title 201 chars",
            l(json!({"title": "项".repeat(201)})),
            vec![("title", "too_long")],
        ),
        ("title missing", l(json!({"title": null})), vec![("title", "required")]),
        (
            "title_en 201",
            l(json!({"title_en": "t".repeat(201)})),
            vec![("title_en", "too_long")],
        ),
        (
            "description 20,001",
            l(json!({"description": "述".repeat(20_001)})),
            vec![("description", "too_long")],
        ),
        (
            "description_en 20,001",
            l(json!({"description_en": "d".repeat(20_001)})),
            vec![("description_en", "too_long")],
        ),
        ("no sectors", l(json!({"sectors": []})), vec![("sectors", "too_few")]),
        (
            "six sectors",
            l(json!({"sectors": ["equipment", "finance", "trade", "health", "tourism", "auto"]})),
            vec![("sectors", "too_many")],
        ),
        (
            "unknown sector",
            l(json!({"sectors": ["equipment", "mining"]})),
            vec![("sectors", "invalid_value")],
        ),
        (
            "21 tags",
            l(json!({"tags": (0..21).map(|i| format!("t{i}")).collect::<Vec<_>>()})),
            vec![("tags", "too_many")],
        ),
        (
            "a 51-char tag",
            l(json!({"tags": ["标".repeat(51)]})),
            vec![("tags", "too_long")],
        ),
        ("a blank tag", l(json!({"tags": ["  "]})), vec![("tags", "required")]),
        (
            "duplicate tags",
            l(json!({"tags": ["港口", "港口"]})),
            vec![("tags", "duplicate")],
        ),
        (
            "amounts reversed",
            l(json!({"amount_cny_min": 600_000_000, "amount_cny_max": 500_000_000})),
            vec![("amount_cny_min", "out_of_range")],
        ),
        (
            "negative amount",
            l(json!({"amount_cny_min": -1})),
            vec![("amount_cny_min", "out_of_range")],
        ),
        (
            "fractional amount",
            l(json!({"amount_cny_max": 1.5})),
            vec![("amount_cny_max", "invalid_type")],
        ),
        (
            "amount as a string",
            l(json!({"amount_cny_max": "500"})),
            vec![("amount_cny_max", "invalid_type")],
        ),
        (
            "amount too large",
            l(json!({"amount_cny_max": u64::MAX})),
            vec![("amount_cny_max", "out_of_range")],
        ),
        (
            "bad date",
            l(json!({"deadline": "2027-13-01"})),
            vec![("deadline", "invalid_format")],
        ),
        (
            "no such day",
            l(json!({"deadline": "2027-02-30"})),
            vec![("deadline", "invalid_format")],
        ),
        (
            "slashed date",
            l(json!({"deadline": "2027/12/31"})),
            vec![("deadline", "invalid_format")],
        ),
        (
            "short date",
            l(json!({"deadline": "2027-1-5"})),
            vec![("deadline", "invalid_format")],
        ),
        (
            "date with time",
            l(json!({"deadline": "2027-12-31T00:00:00Z"})),
            vec![("deadline", "invalid_format")],
        ),
        (
            "date as number",
            l(json!({"deadline": 20271231})),
            vec![("deadline", "invalid_type")],
        ),
        (
            "listing_type",
            l(json!({"listing_type": "loan"})),
            vec![("listing_type", "invalid_value")],
        ),
        (
            "listing_type missing",
            l(json!({"listing_type": null})),
            vec![("listing_type", "required")],
        ),
        (
            "mode",
            l(json!({"modes": ["equity", "gift"]})),
            vec![("modes", "invalid_value")],
        ),
        (
            "status",
            l(json!({"status": "archived"})),
            vec![("status", "invalid_value")],
        ),
        (
            "expired is not a status",
            l(json!({"status": "expired"})),
            vec![("status", "invalid_value")],
        ),
        (
            "region",
            l(json!({"region": "mars"})),
            vec![("region", "invalid_value")],
        ),
        (
            "target region",
            l(json!({"target_regions": ["shanghai", "mars"]})),
            vec![("target_regions", "invalid_value")],
        ),
        (
            "unknown field",
            l(json!({"dedline": "2027-12-31"})),
            vec![("dedline", "unknown_field")],
        ),
        (
            "platform field",
            l(json!({"editable": true})),
            vec![("editable", "unknown_field")],
        ),
        (
            "external_id charset",
            l(json!({"external_id": "lst 1"})),
            vec![("external_id", "invalid_format")],
        ),
        (
            "external_id 129 chars",
            l(json!({"external_id": "l".repeat(129)})),
            vec![("external_id", "too_long")],
        ),
    ];
    for (case, body, expected) in cases {
        assert_rejected(&t, &owner, "listing", case, body, &expected).await;
    }

    let at_limits = listing_with(
        &"l".repeat(128),
        "org-a",
        json!({"title": "项".repeat(200), "description": "述".repeat(20_000),
               "tags": (0..20).map(|i| format!("{i:02}{}", "标".repeat(48))).collect::<Vec<_>>(),
               "amount_cny_min": 0, "amount_cny_max": 0, "deadline": "2028-02-29"}),
    );
    let created = assert_accepted(&t, &owner, "listing", "at the limits", at_limits).await;
    assert_eq!(created["tags"].as_array().map(Vec::len), Some(20));
    assert_eq!(created["description"].as_str().map(|d| d.chars().count()), Some(20_000));
    assert_eq!(created["amount_cny_min"], 0);
    assert_eq!(t.counts().await, (1, 2));
}

#[tokio::test]
async fn every_failing_field_is_listed_at_once() {
    let (t, owner) = setup().await;
    let three = listing_with(
        "l-x",
        "org-a",
        json!({"title": "", "amount_cny_min": -5, "region": "mars"}),
    );
    assert_rejected(
        &t,
        &owner,
        "listing",
        "three bad fields",
        three,
        &[
            ("amount_cny_min", "out_of_range"),
            ("region", "invalid_value"),
            ("title", "required"),
        ],
    )
    .await;

    let many = json!({"external_id": "bad id", "name": "", "org_type": "bank", "region": "beijing", "sectors": [],
                      "description": "x", "website": "nope", "contact": {"email": "no", "fax": "1"}, "founded": 1990});
    assert_rejected(
        &t,
        &owner,
        "organization",
        "nine bad fields",
        many,
        &[
            ("contact.email", "invalid_format"),
            ("contact.fax", "unknown_field"),
            ("external_id", "invalid_format"),
            ("founded", "unknown_field"),
            ("name", "required"),
            ("org_type", "invalid_value"),
            ("region", "invalid_value"),
            ("sectors", "too_few"),
            ("website", "invalid_format"),
        ],
    )
    .await;

    let empty = t.post("/api/v1/organizations", Some(&owner), json!({})).await;
    empty.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(
        empty.field_codes(),
        codes(&[
            ("description", "required"),
            ("name", "required"),
            ("org_type", "required"),
            ("region", "required"),
            ("sectors", "required")
        ]),
        "a missing external id is minted, every other required field is named"
    );
}

#[tokio::test]
async fn malformed_bodies_are_refused() {
    let (t, owner) = setup().await;
    let before = t.snapshot().await;
    let json_type = "application/json";
    let bodies: [(&str, Method, &str, &str, &str, StatusCode, &str); 12] = [
        (
            "broken JSON",
            Method::POST,
            "/api/v1/organizations",
            json_type,
            "{\"name\": ",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            "trailing garbage",
            Method::POST,
            "/api/v1/listings",
            json_type,
            "{} {}",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            "empty body",
            Method::PUT,
            "/api/v1/organizations/org-a",
            json_type,
            "",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            "an array",
            Method::POST,
            "/api/v1/organizations",
            json_type,
            "[]",
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        (
            "a string",
            Method::PUT,
            "/api/v1/listings/lst-a",
            json_type,
            "\"x\"",
            StatusCode::BAD_REQUEST,
            "invalid_body",
        ),
        (
            "text/plain",
            Method::POST,
            "/api/v1/organizations",
            "text/plain",
            "{}",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "form",
            Method::POST,
            "/api/v1/listings",
            "application/x-www-form-urlencoded",
            "a=1",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "no content type",
            Method::PUT,
            "/api/v1/organizations/org-a",
            "",
            "{}",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "ndjson",
            Method::POST,
            "/api/v1/auth/login",
            "application/x-ndjson",
            "{}",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "typed body, wrong type",
            Method::PUT,
            "/api/v1/organizations/org-a/verification",
            json_type,
            "{\"verified\": \"yes\"}",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "typed body, unknown field",
            Method::POST,
            "/api/v1/organizations/org-a/members",
            json_type,
            "{\"email\": \"a@b.c\", \"role\": \"editor\", \"x\": 1}",
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        ),
        (
            "typed body, broken",
            Method::POST,
            "/api/v1/auth/login",
            json_type,
            "{\"email\"",
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
    ];
    for (case, method, path, content_type, body, status, code) in bodies {
        let response = if content_type.is_empty() {
            let request = axum::http::Request::builder()
                .method(method)
                .uri(path)
                .header("authorization", format!("Bearer {owner}"))
                .body(axum::body::Body::from(body))
                .expect("request");
            t.send(request).await
        } else {
            t.raw(method, path, Some(&owner), content_type, body).await
        };
        assert_eq!(
            (response.status, response.code()),
            (status, code),
            "{case}: {}",
            response.text
        );
        assert!(
            response.content_type.starts_with("application/json"),
            "{case}: the envelope is JSON"
        );
    }
    assert_eq!(t.snapshot().await, before);
}

#[tokio::test]
async fn a_json_content_type_with_parameters_is_json() {
    let (t, owner) = setup().await;
    let response = t
        .raw(
            Method::POST,
            "/api/v1/organizations",
            Some(&owner),
            "application/json; charset=utf-8",
            org_body("o-charset").to_string(),
        )
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text);
    assert_eq!(t.counts().await, (2, 1));
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let (t, owner) = setup().await;
    let before = t.snapshot().await;
    let huge = org_with("o-huge", json!({"description": "x".repeat(1024 * 1024 + 1)}));
    for (method, path) in [
        (Method::POST, "/api/v1/organizations"),
        (Method::PUT, "/api/v1/organizations/org-a"),
        (Method::POST, "/api/v1/listings"),
    ] {
        let response = t
            .raw(method.clone(), path, Some(&owner), "application/json", huge.to_string())
            .await;
        response.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
        // The body is refused before anything else is looked at.
        let anonymous = t.raw(method, path, None, "application/json", huge.to_string()).await;
        anonymous.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    }
    let register = t
        .post(
            "/api/v1/auth/register",
            None,
            json!({"email": "a@b.example", "password": PASSWORD, "display_name": "x".repeat(1024 * 1024)}),
        )
        .await;
    register.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    assert_eq!(t.snapshot().await, before);

    // Just under the limit is read (and then refused by validation, as the description is too long).
    let under = org_with("o-under", json!({"description": "x".repeat(1024 * 1024 - 1024)}));
    let response = t.post("/api/v1/organizations", Some(&owner), under).await;
    response.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(t.snapshot().await, before);
}

#[tokio::test]
async fn bad_query_parameters_are_refused() {
    let (t, owner) = setup().await;
    let admin = t.admin().await;
    let before = t.snapshot().await;
    let queries = [
        "/api/v1/organizations?region=mars",
        "/api/v1/organizations?org_type=bank",
        "/api/v1/organizations?verified=maybe",
        "/api/v1/organizations?page=abc",
        "/api/v1/organizations?per_page=-1",
        "/api/v1/organizations?page=1.5",
        "/api/v1/listings?region=mars",
        "/api/v1/listings?listing_type=loan",
        "/api/v1/listings?status=expired",
        "/api/v1/listings?page=abc",
        "/api/v1/listings?mine=yes",
        "/api/v1/users?page=abc",
    ];
    for path in queries {
        let response = t.get(path, Some(&admin)).await;
        assert_eq!(
            (response.status, response.code()),
            (StatusCode::BAD_REQUEST, "invalid_query"),
            "{path}: {}",
            response.text
        );
    }
    let import = t.import(&admin, "?dry_run=perhaps", "").await;
    import.assert_error(StatusCode::BAD_REQUEST, "invalid_query");
    let unknown_sector = t.get("/api/v1/organizations?sector=mining", Some(&owner)).await;
    unknown_sector.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(unknown_sector.field_codes(), codes(&[("sector", "invalid_value")]));
    assert_eq!(t.snapshot().await, before);
}

#[tokio::test]
async fn unknown_api_routes_answer_a_json_404() {
    let t = TestApp::new().await;
    for (method, path) in [
        (Method::GET, "/api/v1/nope"),
        (Method::GET, "/api/v2/organizations"),
        (Method::POST, "/api/v1/organisations"),
        (Method::DELETE, "/api/v1/organizations/org-a/listings"),
        (Method::GET, "/api"),
        (Method::GET, "/api/"),
    ] {
        let response = t.request(method.clone(), path, None, None).await;
        assert_eq!(
            (response.status, response.code()),
            (StatusCode::NOT_FOUND, "route_not_found"),
            "{method} {path}: {}",
            response.text
        );
    }
    // Outside the API, paths belong to the web app.
    let page = t.get("/organizations/org-a", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type.starts_with("text/html"), "{}", page.content_type);
}

#[tokio::test]
async fn a_duplicate_external_id_is_a_conflict() {
    let (t, owner) = setup().await;
    let other = t.member("other@example.com").await;
    t.create_org(&other, "org-b").await;
    let before = t.snapshot().await;
    for token in [&owner, &other] {
        let org = t
            .post(
                "/api/v1/organizations",
                Some(token),
                org_with("org-a", json!({"name": "另一家"})),
            )
            .await;
        org.assert_error(StatusCode::CONFLICT, "organization_exists");
    }
    let listing = t
        .post(
            "/api/v1/listings",
            Some(&owner),
            listing_with("lst-a", "org-a", json!({"title": "另一个"})),
        )
        .await;
    listing.assert_error(StatusCode::CONFLICT, "listing_exists");
    let elsewhere = t
        .post("/api/v1/listings", Some(&other), listing_body("lst-a", "org-b"))
        .await;
    elsewhere.assert_error(StatusCode::CONFLICT, "listing_exists");
    assert_eq!(t.snapshot().await, before);
    assert_eq!(
        t.get("/api/v1/organizations/org-a", None).await.json["name"],
        "大连北湾重型装备有限公司"
    );
    assert_eq!(
        t.get("/api/v1/listings/lst-a", None).await.json["title"],
        "智能港口起重机生产线技改项目"
    );

    // Organizations and listings have separate keys.
    let same_key = t
        .post("/api/v1/listings", Some(&owner), listing_body("org-a", "org-a"))
        .await;
    assert_eq!(same_key.status, StatusCode::CREATED, "{}", same_key.text);
}

#[tokio::test]
async fn a_method_a_route_does_not_have_answers_405_in_the_envelope() {
    let (t, owner) = setup().await;
    let before = t.snapshot().await;
    for (method, path) in [
        (Method::PATCH, "/api/v1/organizations/org-a"),
        (Method::DELETE, "/api/v1/organizations"),
        (Method::PUT, "/api/v1/listings"),
        (Method::GET, "/api/v1/import"),
        (Method::POST, "/api/v1/export"),
        (Method::GET, "/api/v1/auth/login"),
    ] {
        let response = t.request(method.clone(), path, Some(&owner), Some(json!({}))).await;
        assert_eq!(
            (response.status, response.code()),
            (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            "{method} {path}: {}",
            response.text
        );
        assert!(
            response.headers.contains_key("allow"),
            "{method} {path}: a 405 names the allowed methods"
        );
    }
    assert_eq!(t.snapshot().await, before);
}

#[tokio::test]
async fn a_path_parameter_of_the_wrong_type_is_refused() {
    let (t, owner) = setup().await;
    let admin = t.admin().await;
    let before = t.snapshot().await;
    for (method, path, token) in [
        (Method::PUT, "/api/v1/users/abc/role", &admin),
        (Method::PUT, "/api/v1/users/1.5/role", &admin),
        (Method::DELETE, "/api/v1/organizations/org-a/members/abc", &owner),
        (
            Method::DELETE,
            "/api/v1/organizations/org-a/members/99999999999999999999",
            &owner,
        ),
    ] {
        let body = (method == Method::PUT).then(|| json!({"role": "promoter"}));
        let response = t.request(method.clone(), path, Some(token), body).await;
        assert_eq!(
            (response.status, response.code()),
            (StatusCode::BAD_REQUEST, "invalid_path"),
            "{method} {path}: {}",
            response.text
        );
    }
    assert_eq!(t.snapshot().await, before);
}
