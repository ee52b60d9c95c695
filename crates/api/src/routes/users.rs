//! User administration.

use axum::extract::State;
use hulian_service::App;
use hulian_service::accounts::RoleInput;
use hulian_service::views::{UserPage, UserView};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json, Path, Query};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// List users.
///
/// Who may call: admins.
#[utoipa::path(get, path = "/api/v1/users", tag = "users", params(PageParams), security(("bearer" = [])),
    responses(
        (status = 200, body = UserPage),
        (status = 401, body = ErrorBody),
        (status = 403, description = "`forbidden`", body = ErrorBody),
    ))]
pub async fn list_users(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(params): Query<PageParams>,
) -> ApiResult<axum::Json<UserPage>> {
    let page = hulian_store_page(params.page, params.per_page);
    Ok(axum::Json(app.list_users(caller, page).await?))
}

fn hulian_store_page(page: Option<u64>, per_page: Option<u64>) -> hulian_service::accounts::PageRequest {
    hulian_service::accounts::PageRequest::new(page, per_page)
}

/// Change a user's platform role (member, promoter, admin).
///
/// Who may call: admins (not on themselves).
#[utoipa::path(put, path = "/api/v1/users/{id}/role", tag = "users", request_body = RoleInput,
    params(("id" = i64, Path, description = "user id")), security(("bearer" = [])),
    responses(
        (status = 200, body = UserView),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, description = "`user_not_found`", body = ErrorBody),
        (status = 409, description = "`cannot_demote_self`", body = ErrorBody),
    ))]
pub async fn set_role(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<i64>,
    Json(input): Json<RoleInput>,
) -> ApiResult<axum::Json<UserView>> {
    Ok(axum::Json(app.set_user_role(caller, id, input).await?))
}
