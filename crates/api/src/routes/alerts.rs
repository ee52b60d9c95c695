//! The caller's inbox and saved searches.

use axum::extract::State;
use axum::http::StatusCode;
use hulian_service::App;
use hulian_service::alerts::{InboxItemView, InboxPage, InboxQuery, ReadAllView};
use hulian_service::saved_searches::{SavedSearchInput, SavedSearchView};
use serde_json::Value;

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json, Path, Query};

/// The caller's inbox, newest first, with the count of unread items.
///
/// Items: `match.new`, `introduction.*`, `cooperation.stage_changed`, `saved_search.hit`, each with its event data.
///
/// Who may call: any logged-in user, for their own inbox only.
#[utoipa::path(get, path = "/api/v1/inbox", tag = "alerts", params(InboxQuery), security(("bearer" = [])),
    responses((status = 200, body = InboxPage), (status = 400, description = "`invalid_query`", body = ErrorBody), (status = 401, description = "`login_required`", body = ErrorBody)))]
pub async fn inbox(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<InboxQuery>,
) -> ApiResult<axum::Json<InboxPage>> {
    Ok(axum::Json(app.inbox(caller, query).await?))
}

/// Mark one inbox item read.
///
/// Who may call: the item's owner; anyone else's item answers 404 `notification_not_found`.
#[utoipa::path(post, path = "/api/v1/inbox/{id}/read", tag = "alerts", params(("id" = i64, Path, description = "inbox item id")),
    security(("bearer" = [])),
    responses((status = 200, body = InboxItemView), (status = 401, body = ErrorBody), (status = 404, description = "`notification_not_found`", body = ErrorBody)))]
pub async fn mark_read(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
) -> ApiResult<axum::Json<InboxItemView>> {
    Ok(axum::Json(app.mark_inbox_item_read(caller, id).await?))
}

/// Mark every unread item of the caller's inbox read.
///
/// Who may call: any logged-in user, for their own inbox only.
#[utoipa::path(post, path = "/api/v1/inbox/read-all", tag = "alerts", security(("bearer" = [])),
    responses((status = 200, body = ReadAllView), (status = 401, body = ErrorBody)))]
pub async fn mark_all_read(State(app): State<App>, Auth(caller): Auth) -> ApiResult<axum::Json<ReadAllView>> {
    Ok(axum::Json(app.mark_inbox_read_all(caller).await?))
}

/// The caller's saved searches.
///
/// Who may call: any logged-in user, for their own saved searches only.
#[utoipa::path(get, path = "/api/v1/saved-searches", tag = "alerts", security(("bearer" = [])),
    responses((status = 200, body = Vec<SavedSearchView>), (status = 401, body = ErrorBody)))]
pub async fn list_saved_searches(
    State(app): State<App>,
    Auth(caller): Auth,
) -> ApiResult<axum::Json<Vec<SavedSearchView>>> {
    Ok(axum::Json(app.list_saved_searches(caller).await?))
}

/// Save a search: the caller gets a `saved_search.hit` inbox item when a newly published listing matches it.
///
/// The query takes the filters and text of `GET /api/v1/search`. At most 50 per user.
///
/// Who may call: any logged-in user; the saved search is theirs alone.
#[utoipa::path(post, path = "/api/v1/saved-searches", tag = "alerts", request_body = SavedSearchInput, security(("bearer" = [])),
    responses(
        (status = 201, body = SavedSearchView),
        (status = 401, body = ErrorBody),
        (status = 409, description = "`too_many_saved_searches`", body = ErrorBody),
        (status = 422, description = "`validation_failed` with `fields` (`name`, `query.<field>`)", body = ErrorBody),
    ))]
pub async fn create_saved_search(
    State(app): State<App>,
    Auth(caller): Auth,
    Json(body): Json<Value>,
) -> ApiResult<(StatusCode, axum::Json<SavedSearchView>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(app.create_saved_search(caller, body).await?),
    ))
}

/// Delete a saved search.
///
/// Who may call: its owner; anyone else's answers 404 `saved_search_not_found`.
#[utoipa::path(delete, path = "/api/v1/saved-searches/{id}", tag = "alerts", params(("id" = i64, Path, description = "saved search id")),
    security(("bearer" = [])),
    responses((status = 204, description = "deleted"), (status = 401, body = ErrorBody), (status = 404, description = "`saved_search_not_found`", body = ErrorBody)))]
pub async fn delete_saved_search(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
) -> ApiResult<StatusCode> {
    app.delete_saved_search(caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
