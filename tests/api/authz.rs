//! The authorization matrix: every mutating endpoint (and the privileged
//! reads: export, users, members) called by each kind of caller, each call on
//! a fresh database. Each cell states the exact status and error code; a
//! refused call must leave the database exactly as it was, and an allowed
//! call must have its effect (read back).

use axum::http::{Method, StatusCode};
use hulian_tests::*;
use serde_json::{Value, json};

/// Who calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    /// Owner of another organization, nothing of `org-a`.
    OtherMember,
    Editor,
    Owner,
    /// A platform promoter, not a member of `org-a`.
    Promoter,
    Admin,
}

const CALLERS: [Who; 6] = [
    Who::Anonymous,
    Who::OtherMember,
    Who::Editor,
    Who::Owner,
    Who::Promoter,
    Who::Admin,
];

/// What a cell expects.
#[derive(Debug, Clone, Copy)]
enum Expect {
    Ok(StatusCode),
    Err(StatusCode, &'static str),
}

const LOGIN: Expect = Expect::Err(StatusCode::UNAUTHORIZED, "login_required");
const FORBIDDEN: Expect = Expect::Err(StatusCode::FORBIDDEN, "forbidden");
const OK: Expect = Expect::Ok(StatusCode::OK);
const CREATED: Expect = Expect::Ok(StatusCode::CREATED);
const NO_CONTENT: Expect = Expect::Ok(StatusCode::NO_CONTENT);

enum Body {
    None,
    Json(Value),
    Ndjson(String),
}

/// After an allowed call: what reading back (as the admin) must show.
enum ReadBack {
    /// `GET path` answers 200 with `pointer` equal to the value.
    Field(&'static str, &'static str, Value),
    /// `GET path` answers this status and error code.
    Gone(&'static str, StatusCode, &'static str),
    /// A read-only call: the database is unchanged.
    Unchanged,
    /// A read that is itself audited: the only change is one audit entry with this action.
    Audited(&'static str),
}

struct Case {
    name: &'static str,
    method: Method,
    path: &'static str,
    body: fn(&World) -> Body,
    /// In the order of [`CALLERS`].
    expect: [Expect; 6],
    read_back: ReadBack,
}

/// A fresh database with `org-a` (owner, editor, published listing `lst-a`),
/// `org-b` owned by another member, a promoter and an admin.
struct World {
    t: TestApp,
    tokens: Vec<(Who, String)>,
    editor_id: i64,
    other_id: i64,
}

impl World {
    async fn new() -> World {
        let t = TestApp::new().await;
        let admin = t.admin().await;
        let (owner, _) = t.member_with_id("owner@example.com").await;
        t.create_org(&owner, "org-a").await;
        t.create_listing(&owner, "lst-a", "org-a").await;
        let (editor, editor_id) = t.editor("editor@example.com", "org-a", &owner).await;
        let (other, other_id) = t.member_with_id("other@example.com").await;
        t.create_org(&other, "org-b").await;
        let mut candidate = listing_body("lst-b", "org-b");
        candidate["region"] = json!("shanghai");
        candidate["listing_type"] = json!("fund_mandate");
        let created = t.post("/api/v1/listings", Some(&other), candidate).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
        let promoter = t.promoter("promoter@example.com", &admin).await;
        let tokens = vec![
            (Who::OtherMember, other),
            (Who::Editor, editor),
            (Who::Owner, owner),
            (Who::Promoter, promoter),
            (Who::Admin, admin),
        ];
        World {
            t,
            tokens,
            editor_id,
            other_id,
        }
    }

    fn token(&self, who: Who) -> Option<&str> {
        self.tokens
            .iter()
            .find(|(w, _)| *w == who)
            .map(|(_, token)| token.as_str())
    }

    fn admin(&self) -> &str {
        self.token(Who::Admin).expect("admin token")
    }
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "create organization",
            method: Method::POST,
            path: "/api/v1/organizations",
            body: |_| Body::Json(org_with("org-new", json!({"name": "新建机构"}))),
            expect: [LOGIN, CREATED, CREATED, CREATED, CREATED, CREATED],
            read_back: ReadBack::Field("/api/v1/organizations/org-new", "/name", json!("新建机构")),
        },
        Case {
            name: "update organization",
            method: Method::PUT,
            path: "/api/v1/organizations/org-a",
            body: |_| Body::Json(org_with("org-a", json!({"name": "改名后的机构"}))),
            expect: [LOGIN, FORBIDDEN, OK, OK, FORBIDDEN, OK],
            read_back: ReadBack::Field("/api/v1/organizations/org-a", "/name", json!("改名后的机构")),
        },
        Case {
            name: "delete organization",
            method: Method::DELETE,
            path: "/api/v1/organizations/org-a",
            body: |_| Body::None,
            expect: [LOGIN, FORBIDDEN, NO_CONTENT, NO_CONTENT, FORBIDDEN, NO_CONTENT],
            read_back: ReadBack::Gone("/api/v1/listings/lst-a", StatusCode::NOT_FOUND, "listing_not_found"),
        },
        Case {
            name: "verify organization",
            method: Method::PUT,
            path: "/api/v1/organizations/org-a/verification",
            body: |_| Body::Json(json!({"verified": true})),
            expect: [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
            read_back: ReadBack::Field("/api/v1/organizations/org-a", "/verified", json!(true)),
        },
        Case {
            name: "list members",
            method: Method::GET,
            path: "/api/v1/organizations/org-a/members",
            body: |_| Body::None,
            expect: [LOGIN, FORBIDDEN, OK, OK, FORBIDDEN, OK],
            read_back: ReadBack::Unchanged,
        },
        Case {
            name: "add member",
            method: Method::POST,
            path: "/api/v1/organizations/org-a/members",
            body: |_| Body::Json(json!({"email": "other@example.com", "role": "editor"})),
            expect: [LOGIN, FORBIDDEN, FORBIDDEN, CREATED, FORBIDDEN, CREATED],
            read_back: ReadBack::Field(
                "/api/v1/organizations/org-a/members",
                "/2/email",
                json!("other@example.com"),
            ),
        },
        Case {
            name: "remove member",
            method: Method::DELETE,
            path: "", // built from the editor's id
            body: |_| Body::None,
            expect: [LOGIN, FORBIDDEN, FORBIDDEN, NO_CONTENT, FORBIDDEN, NO_CONTENT],
            read_back: ReadBack::Field("/api/v1/organizations/org-a/members", "/1", Value::Null),
        },
        Case {
            name: "create listing",
            method: Method::POST,
            path: "/api/v1/listings",
            body: |_| Body::Json(listing_with("lst-new", "org-a", json!({"title": "新项目"}))),
            expect: [LOGIN, FORBIDDEN, CREATED, CREATED, FORBIDDEN, CREATED],
            read_back: ReadBack::Field("/api/v1/listings/lst-new", "/title", json!("新项目")),
        },
        Case {
            name: "update listing",
            method: Method::PUT,
            path: "/api/v1/listings/lst-a",
            body: |_| Body::Json(listing_with("lst-a", "org-a", json!({"title": "改过的项目"}))),
            expect: [LOGIN, FORBIDDEN, OK, OK, FORBIDDEN, OK],
            read_back: ReadBack::Field("/api/v1/listings/lst-a", "/title", json!("改过的项目")),
        },
        Case {
            name: "delete listing",
            method: Method::DELETE,
            path: "/api/v1/listings/lst-a",
            body: |_| Body::None,
            expect: [LOGIN, FORBIDDEN, NO_CONTENT, NO_CONTENT, FORBIDDEN, NO_CONTENT],
            read_back: ReadBack::Gone("/api/v1/listings/lst-a", StatusCode::NOT_FOUND, "listing_not_found"),
        },
        Case {
            name: "shortlist a match",
            method: Method::PUT,
            path: "/api/v1/listings/lst-a/matches/lst-b",
            body: |_| Body::Json(json!({"decision": "shortlisted"})),
            expect: [LOGIN, FORBIDDEN, NO_CONTENT, NO_CONTENT, FORBIDDEN, NO_CONTENT],
            read_back: ReadBack::Field(
                "/api/v1/listings/lst-a/matches",
                "/matches/0/decision",
                json!("shortlisted"),
            ),
        },
        Case {
            name: "clear a match decision",
            method: Method::DELETE,
            path: "/api/v1/listings/lst-a/matches/lst-b",
            body: |_| Body::None,
            expect: [LOGIN, FORBIDDEN, NO_CONTENT, NO_CONTENT, FORBIDDEN, NO_CONTENT],
            read_back: ReadBack::Unchanged,
        },
        Case {
            name: "organization recommendations",
            method: Method::GET,
            path: "/api/v1/organizations/org-a/recommendations",
            body: |_| Body::None,
            expect: [LOGIN, FORBIDDEN, OK, OK, FORBIDDEN, OK],
            read_back: ReadBack::Unchanged,
        },
        Case {
            name: "set user role",
            method: Method::PUT,
            path: "", // built from the other member's id
            body: |_| Body::Json(json!({"role": "promoter"})),
            expect: [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
            read_back: ReadBack::Field("/api/v1/users?per_page=100", "/items/3/role", json!("promoter")),
        },
        Case {
            name: "import",
            method: Method::POST,
            path: "/api/v1/import",
            body: |_| {
                let mut line = org_with("org-imported", json!({"name": "导入的机构"}));
                line["kind"] = json!("organization");
                Body::Ndjson(format!("{line}\n"))
            },
            expect: [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
            read_back: ReadBack::Field("/api/v1/organizations/org-imported", "/name", json!("导入的机构")),
        },
        Case {
            name: "export",
            method: Method::GET,
            path: "/api/v1/export",
            body: |_| Body::None,
            expect: [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
            read_back: ReadBack::Audited("export"),
        },
        Case {
            name: "list users",
            method: Method::GET,
            path: "/api/v1/users",
            body: |_| Body::None,
            expect: [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
            read_back: ReadBack::Unchanged,
        },
    ]
}

fn path_of(case: &Case, world: &World) -> String {
    match case.name {
        "remove member" => format!("/api/v1/organizations/org-a/members/{}", world.editor_id),
        "set user role" => format!("/api/v1/users/{}/role", world.other_id),
        _ => case.path.to_owned(),
    }
}

/// Runs every caller against one endpoint, each on a fresh database.
async fn run(name: &str) {
    let case = cases()
        .into_iter()
        .find(|c| c.name == name)
        .expect("a case of that name");
    for (who, expect) in CALLERS.into_iter().zip(case.expect) {
        let world = World::new().await;
        let t = &world.t;
        let token = world.token(who);
        let path = path_of(&case, &world);
        let before = t.snapshot().await;
        let response = match (case.body)(&world) {
            Body::None => t.request(case.method.clone(), &path, token, None).await,
            Body::Json(body) => t.request(case.method.clone(), &path, token, Some(body)).await,
            Body::Ndjson(text) => {
                t.raw(case.method.clone(), &path, token, "application/x-ndjson", text)
                    .await
            }
        };
        let cell = format!("{} {path} as {who:?}", case.method);
        match expect {
            Expect::Err(status, code) => {
                assert_eq!(
                    (response.status, response.code()),
                    (status, code),
                    "{cell}: {}",
                    response.text
                );
                assert_eq!(t.snapshot().await, before, "{cell}: a refused call changed nothing");
            }
            Expect::Ok(status) => {
                assert_eq!(response.status, status, "{cell}: {}", response.text);
                let after = t.snapshot().await;
                match &case.read_back {
                    ReadBack::Unchanged => {
                        assert_eq!(after, before, "{cell}: a read changed nothing")
                    }
                    ReadBack::Audited(action) => {
                        let mut audited = after.clone();
                        let entry = audited.audit_log.pop().expect("an audit entry");
                        assert_eq!(entry.action, *action, "{cell}: the audit entry");
                        assert_eq!(audited, before, "{cell}: nothing but the audit entry changed");
                    }
                    ReadBack::Field(read_path, pointer, value) => {
                        assert_ne!(after, before, "{cell}: the call had an effect");
                        let read = t.get(read_path, Some(world.admin())).await;
                        assert_eq!(
                            read.status,
                            StatusCode::OK,
                            "{cell}: reading back {read_path}: {}",
                            read.text
                        );
                        assert_eq!(
                            read.json.pointer(pointer).unwrap_or(&Value::Null),
                            value,
                            "{cell}: {}",
                            read.text
                        );
                    }
                    ReadBack::Gone(read_path, status, code) => {
                        assert_ne!(after, before, "{cell}: the call had an effect");
                        let read = t.get(read_path, Some(world.admin())).await;
                        assert_eq!(
                            (read.status, read.code()),
                            (*status, *code),
                            "{cell}: reading back {read_path}: {}",
                            read.text
                        );
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn shortlist_a_match() {
    run("shortlist a match").await;
}

#[tokio::test]
async fn clear_a_match_decision() {
    run("clear a match decision").await;
}

#[tokio::test]
async fn organization_recommendations() {
    run("organization recommendations").await;
}

#[tokio::test]
async fn create_organization() {
    run("create organization").await;
}

#[tokio::test]
async fn update_organization() {
    run("update organization").await;
}

#[tokio::test]
async fn delete_organization() {
    run("delete organization").await;
}

#[tokio::test]
async fn verify_organization() {
    run("verify organization").await;
}

#[tokio::test]
async fn list_members() {
    run("list members").await;
}

#[tokio::test]
async fn add_member() {
    run("add member").await;
}

#[tokio::test]
async fn remove_member() {
    run("remove member").await;
}

#[tokio::test]
async fn create_listing() {
    run("create listing").await;
}

#[tokio::test]
async fn update_listing() {
    run("update listing").await;
}

#[tokio::test]
async fn delete_listing() {
    run("delete listing").await;
}

#[tokio::test]
async fn set_user_role() {
    run("set user role").await;
}

#[tokio::test]
async fn import() {
    run("import").await;
}

#[tokio::test]
async fn export() {
    run("export").await;
}

#[tokio::test]
async fn list_users() {
    run("list users").await;
}

#[tokio::test]
async fn the_matrix_covers_every_mutating_route_of_the_api() {
    // Every (method, path) of the OpenAPI document that is not a GET must have
    // a row in the matrix: a new mutating endpoint without one fails here.
    let t = TestApp::new().await;
    let doc = t.get("/api/v1/openapi.json", None).await.json;
    let mut documented = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if method != "get" {
                documented.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    // Rows of other modules' own authorization tests: append a module's list here.
    let elsewhere: &[&[(&str, &str)]] = &[crate::alerts::AUTHZ_COVERED, crate::introductions::AUTHZ_COVERED];
    // Open to anyone by design, and covered in the accounts module.
    let public = [
        ("POST", "/api/v1/auth/register"),
        ("POST", "/api/v1/auth/login"),
        ("POST", "/api/v1/auth/refresh"),
        ("POST", "/api/v1/auth/logout"),
    ];
    let covered: Vec<(String, String)> = cases()
        .iter()
        .map(|c| {
            let path = match c.name {
                "remove member" => "/api/v1/organizations/{id}/members/{user_id}".to_owned(),
                "set user role" => "/api/v1/users/{id}/role".to_owned(),
                _ => c
                    .path
                    .replace("org-a", "{id}")
                    .replace("lst-a", "{id}")
                    .replace("lst-b", "{candidate}"),
            };
            (c.method.to_string(), path)
        })
        .chain(
            elsewhere
                .iter()
                .flat_map(|rows| rows.iter())
                .map(|(method, path)| ((*method).to_owned(), (*path).to_owned())),
        )
        .collect();
    let missing: Vec<_> = documented
        .iter()
        .filter(|(m, p)| !covered.contains(&(m.clone(), p.clone())) && !public.contains(&(m.as_str(), p.as_str())))
        .collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the authorization matrix: {missing:?}"
    );
}
