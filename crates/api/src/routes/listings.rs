//! Listings.

use axum::extract::State;
use axum::http::StatusCode;
use hulian_domain::ListingRecord;
use hulian_service::App;
use hulian_service::listings::ListingQuery;
use hulian_service::views::{ListingPage, ListingView};
use serde_json::Value;

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json, Path, Query};

/// List listings, newest change first.
///
/// Who may call: anyone. Others see published, unexpired listings; members also see their organizations' drafts, closed and expired listings; admins see all.
#[utoipa::path(get, path = "/api/v1/listings", tag = "listings", params(ListingQuery),
    responses((status = 200, body = ListingPage), (status = 400, description = "`invalid_query`", body = ErrorBody)))]
pub async fn list_listings(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<ListingQuery>,
) -> ApiResult<axum::Json<ListingPage>> {
    Ok(axum::Json(app.list_listings(caller, query).await?))
}

/// Post a listing for an organization. `external_id` is minted when absent; `status` defaults to `published`.
///
/// Who may call: owners and editors of the organization named in `organization`, and admins.
#[utoipa::path(post, path = "/api/v1/listings", tag = "listings", request_body = ListingRecord, security(("bearer" = [])),
    responses(
        (status = 201, body = ListingView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 409, description = "`listing_exists`", body = ErrorBody),
        (status = 422, description = "`validation_failed` with `fields`", body = ErrorBody),
    ))]
pub async fn create_listing(
    State(app): State<App>,
    Auth(caller): Auth,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, axum::Json<ListingView>)> {
    Ok((StatusCode::CREATED, axum::Json(app.create_listing(caller, body).await?)))
}

/// One listing.
///
/// Who may call: anyone for published, unexpired listings; otherwise the organization's members and admins (others get 404).
#[utoipa::path(get, path = "/api/v1/listings/{id}", tag = "listings",
    params(("id" = String, Path, description = "external id")),
    responses((status = 200, body = ListingView), (status = 404, description = "`listing_not_found`", body = ErrorBody)))]
pub async fn get_listing(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<ListingView>> {
    Ok(axum::Json(app.get_listing(caller, &id).await?))
}

/// Replace a listing's fields. Status moves draft → published → closed only.
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(put, path = "/api/v1/listings/{id}", tag = "listings", request_body = ListingRecord,
    params(("id" = String, Path, description = "external id")), security(("bearer" = [])),
    responses(
        (status = 200, body = ListingView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "`invalid_status_transition`", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn update_listing(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<axum::Json<ListingView>> {
    Ok(axum::Json(app.update_listing(caller, &id, body).await?))
}

/// Delete a listing.
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(delete, path = "/api/v1/listings/{id}", tag = "listings",
    params(("id" = String, Path, description = "external id")), security(("bearer" = [])),
    responses((status = 204, description = "deleted"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_listing(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    app.delete_listing(caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
