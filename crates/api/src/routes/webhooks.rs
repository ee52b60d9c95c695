//! An organization's outbound webhooks and their delivery log.

use axum::extract::State;
use axum::http::StatusCode;
use hulian_service::App;
use hulian_service::webhooks::{
    DeliveryPage, DeliveryQuery, QueuedDeliveryView, WebhookCreatedView, WebhookInput, WebhookPatch, WebhookView,
};
use serde_json::Value;

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json, Path, Query};

/// The organization's webhooks (without their secrets).
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/webhooks", tag = "alerts",
    params(("id" = String, Path, description = "external id of the organization")), security(("bearer" = [])),
    responses((status = 200, body = Vec<WebhookView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, description = "`organization_not_found`", body = ErrorBody)))]
pub async fn list_webhooks(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<Vec<WebhookView>>> {
    Ok(axum::Json(app.list_webhooks(caller, &id).await?))
}

/// Add a webhook. The answer holds its signing secret, shown this once only.
///
/// Deliveries are POSTed as `{id, event, created_at, data}` with `X-Hulian-Event`, `X-Hulian-Delivery`,
/// `X-Hulian-Timestamp` and `X-Hulian-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`.
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/webhooks", tag = "alerts", request_body = WebhookInput,
    params(("id" = String, Path, description = "external id of the organization")), security(("bearer" = [])),
    responses(
        (status = 201, body = WebhookCreatedView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "`organization_not_found`", body = ErrorBody),
        (status = 409, description = "`too_many_webhooks`", body = ErrorBody),
        (status = 422, description = "`validation_failed` with `fields` (`url`, `events`, `active`)", body = ErrorBody),
    ))]
pub async fn create_webhook(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, axum::Json<WebhookCreatedView>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(app.create_webhook(caller, &id, body).await?),
    ))
}

/// Change a webhook's URL, events or active flag (the fields given).
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(patch, path = "/api/v1/organizations/{id}/webhooks/{webhook_id}", tag = "alerts", request_body = WebhookPatch,
    params(("id" = String, Path, description = "external id of the organization"), ("webhook_id" = i64, Path, description = "webhook id")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = WebhookView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "`organization_not_found`, `webhook_not_found`", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ))]
pub async fn update_webhook(
    State(app): State<App>,
    Auth(caller): Auth,
    Path((id, webhook_id)): Path<(String, i64)>,
    Json(body): Json<Value>,
) -> ApiResult<axum::Json<WebhookView>> {
    Ok(axum::Json(app.update_webhook(caller, &id, webhook_id, body).await?))
}

/// Delete a webhook, its queued deliveries and its delivery log.
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(delete, path = "/api/v1/organizations/{id}/webhooks/{webhook_id}", tag = "alerts",
    params(("id" = String, Path, description = "external id of the organization"), ("webhook_id" = i64, Path, description = "webhook id")),
    security(("bearer" = [])),
    responses((status = 204, description = "deleted"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete_webhook(
    State(app): State<App>,
    Auth(caller): Auth,
    Path((id, webhook_id)): Path<(String, i64)>,
) -> ApiResult<StatusCode> {
    app.delete_webhook(caller, &id, webhook_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The webhook's delivery log: every attempt, newest first, with status code, error, duration and outcome.
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/webhooks/{webhook_id}/deliveries", tag = "alerts",
    params(("id" = String, Path, description = "external id of the organization"), ("webhook_id" = i64, Path, description = "webhook id"), DeliveryQuery),
    security(("bearer" = [])),
    responses((status = 200, body = DeliveryPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_deliveries(
    State(app): State<App>,
    Auth(caller): Auth,
    Path((id, webhook_id)): Path<(String, i64)>,
    Query(query): Query<DeliveryQuery>,
) -> ApiResult<axum::Json<DeliveryPage>> {
    Ok(axum::Json(
        app.webhook_deliveries(caller, &id, webhook_id, query).await?,
    ))
}

/// Queue a `ping` delivery to the webhook (delivered, signed and logged like any other).
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/webhooks/{webhook_id}/test", tag = "alerts",
    params(("id" = String, Path, description = "external id of the organization"), ("webhook_id" = i64, Path, description = "webhook id")),
    security(("bearer" = [])),
    responses((status = 202, body = QueuedDeliveryView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn test_webhook(
    State(app): State<App>,
    Auth(caller): Auth,
    Path((id, webhook_id)): Path<(String, i64)>,
) -> ApiResult<(StatusCode, axum::Json<QueuedDeliveryView>)> {
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(app.test_webhook(caller, &id, webhook_id).await?),
    ))
}
