use axum::http::StatusCode;
use hulian_tests::*;

#[tokio::test]
async fn create_and_read_back_an_organization_and_a_listing() {
    let t = TestApp::new().await;
    let owner = t.member("owner@example.com").await;
    let org = t.create_org(&owner, "dl-ent-0001").await;
    assert_eq!(org["external_id"], "dl-ent-0001");
    assert_eq!(org["contact"]["name"], "王经理");
    let listing = t.create_listing(&owner, "dl-prj-0001", "dl-ent-0001").await;
    assert_eq!(listing["organization_name"], "大连北湾重型装备有限公司");
    let public = t.get("/api/v1/listings/dl-prj-0001", None).await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.text);
    let org_public = t.get("/api/v1/organizations/dl-ent-0001", None).await;
    assert!(org_public.json.get("contact").is_none(), "{}", org_public.text);
}
