//! Organizations and their members.

use axum::extract::State;
use axum::http::StatusCode;
use hulian_domain::OrganizationRecord;
use hulian_service::App;
use hulian_service::organizations::{AddMemberInput, OrganizationQuery, VerifyInput};
use hulian_service::views::{MemberView, OrganizationPage, OrganizationView};
use serde_json::Value;

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json, Path, Query};

/// List organizations, filtered by region, type, sector and verification.
///
/// Who may call: anyone. Contact details appear only for the caller's own organizations (all of them for admins).
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations", params(OrganizationQuery),
    responses((status = 200, body = OrganizationPage), (status = 400, description = "`invalid_query`", body = ErrorBody)))]
pub async fn list_organizations(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<OrganizationQuery>,
) -> ApiResult<axum::Json<OrganizationPage>> {
    Ok(axum::Json(app.list_organizations(caller, query).await?))
}

/// Create an organization; the caller becomes its owner. `external_id` is minted when absent.
///
/// Who may call: any logged-in user.
#[utoipa::path(post, path = "/api/v1/organizations", tag = "organizations", request_body = OrganizationRecord, security(("bearer" = [])),
    responses(
        (status = 201, body = OrganizationView),
        (status = 401, body = ErrorBody),
        (status = 409, description = "`organization_exists`", body = ErrorBody),
        (status = 422, description = "`validation_failed` with `fields`", body = ErrorBody),
    ))]
pub async fn create_organization(
    State(app): State<App>,
    Auth(caller): Auth,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, axum::Json<OrganizationView>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(app.create_organization(caller, body).await?),
    ))
}

/// One organization.
///
/// Who may call: anyone; contact details only for its members and admins.
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "organizations",
    params(("id" = String, Path, description = "external id")),
    responses((status = 200, body = OrganizationView), (status = 404, description = "`organization_not_found`", body = ErrorBody)))]
pub async fn get_organization(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<OrganizationView>> {
    Ok(axum::Json(app.get_organization(caller, &id).await?))
}

/// Replace an organization's fields.
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(put, path = "/api/v1/organizations/{id}", tag = "organizations", request_body = OrganizationRecord,
    params(("id" = String, Path, description = "external id")), security(("bearer" = [])),
    responses(
        (status = 200, body = OrganizationView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn update_organization(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<axum::Json<OrganizationView>> {
    Ok(axum::Json(app.update_organization(caller, &id, body).await?))
}

/// Delete an organization and its listings.
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(delete, path = "/api/v1/organizations/{id}", tag = "organizations",
    params(("id" = String, Path, description = "external id")), security(("bearer" = [])),
    responses((status = 204, description = "deleted"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_organization(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    app.delete_organization(caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Mark an organization verified (or not).
///
/// Who may call: admins.
#[utoipa::path(put, path = "/api/v1/organizations/{id}/verification", tag = "organizations", request_body = VerifyInput,
    params(("id" = String, Path, description = "external id")), security(("bearer" = [])),
    responses((status = 200, body = OrganizationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn verify_organization(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(input): Json<VerifyInput>,
) -> ApiResult<axum::Json<OrganizationView>> {
    Ok(axum::Json(app.verify_organization(caller, &id, input).await?))
}

/// Who may edit an organization.
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/members", tag = "organizations",
    params(("id" = String, Path, description = "external id")), security(("bearer" = [])),
    responses((status = 200, body = Vec<MemberView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_members(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Vec<MemberView>>> {
    Ok(axum::Json(app.organization_members(caller, &id).await?))
}

/// Add an existing account as owner or editor.
///
/// Who may call: the organization's owners, and admins.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/members", tag = "organizations", request_body = AddMemberInput,
    params(("id" = String, Path, description = "external id")), security(("bearer" = [])),
    responses((status = 201, body = Vec<MemberView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, description = "`already_member`", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_member(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(input): Json<AddMemberInput>,
) -> ApiResult<(StatusCode, axum::Json<Vec<MemberView>>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(app.add_organization_member(caller, &id, input).await?),
    ))
}

/// Remove a member (not the last owner).
///
/// Who may call: the organization's owners, and admins.
#[utoipa::path(delete, path = "/api/v1/organizations/{id}/members/{user_id}", tag = "organizations",
    params(("id" = String, Path, description = "external id"), ("user_id" = i64, Path, description = "user id")), security(("bearer" = [])),
    responses((status = 204, description = "removed"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, description = "`last_owner`", body = ErrorBody)))]
pub async fn remove_member(
    State(app): State<App>,
    Auth(caller): Auth,
    Path((id, user_id)): Path<(String, i64)>,
) -> ApiResult<StatusCode> {
    app.remove_organization_member(caller, &id, user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
