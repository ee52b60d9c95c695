//! Introductions: interest, brokered proposals, answers.

use axum::extract::State;
use axum::http::StatusCode;
use hulian_service::App;
use hulian_service::introductions::{
    IntroductionInput, IntroductionPage, IntroductionQuery, IntroductionView, ResponseInput,
};

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json, Path, Query};

/// Ask for an introduction: interest in a listing for one's organization, or (promoters) a brokered proposal between two listings.
///
/// Limits: at most `HULIAN_INTRODUCTIONS_PER_DAY` (default 20) a day per account (promoters ten times as many), no second open introduction about the same pair (409 `introduction_exists`), none within 30 days of a decline (409 `recently_declined`).
///
/// Who may call: owners and editors of `from_organization` (interest); promoters and admins (brokered).
#[utoipa::path(post, path = "/api/v1/introductions", tag = "introductions", request_body = IntroductionInput,
    security(("bearer" = [])),
    responses((status = 201, body = IntroductionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "`introduction_exists`, `recently_declined`", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, description = "`rate_limited`", body = ErrorBody)))]
pub async fn create_introduction(
    State(app): State<App>,
    Auth(caller): Auth,
    Json(input): Json<IntroductionInput>,
) -> ApiResult<(StatusCode, axum::Json<IntroductionView>)> {
    let view = app.create_introduction(caller, input).await?;
    Ok((StatusCode::CREATED, axum::Json(view)))
}

/// The caller's introductions, newest activity first: those of their organizations and those they brokered (admins: all).
///
/// Who may call: any signed-in user.
#[utoipa::path(get, path = "/api/v1/introductions", tag = "introductions", params(IntroductionQuery),
    security(("bearer" = [])),
    responses((status = 200, body = IntroductionPage), (status = 401, body = ErrorBody)))]
pub async fn list_introductions(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<IntroductionQuery>,
) -> ApiResult<axum::Json<IntroductionPage>> {
    Ok(axum::Json(app.list_introductions(caller, query).await?))
}

/// One introduction. Once both sides accepted, each side sees the other's contact (admins see both); every reveal is audited.
///
/// Who may call: members of either side, its broker, admins; others get 404.
#[utoipa::path(get, path = "/api/v1/introductions/{id}", tag = "introductions", params(("id" = String, Path, description = "introduction id")),
    security(("bearer" = [])),
    responses((status = 200, body = IntroductionView), (status = 401, body = ErrorBody), (status = 404, description = "`introduction_not_found`", body = ErrorBody)))]
pub async fn get_introduction(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<IntroductionView>> {
    Ok(axum::Json(app.get_introduction(caller, &id).await?))
}

/// Accept for the caller's side. When every side has accepted, contacts become visible to each other and the cooperation begins (stage `interest`).
///
/// Who may call: owners and editors of a side that has not answered yet.
#[utoipa::path(post, path = "/api/v1/introductions/{id}/accept", tag = "introductions", request_body = ResponseInput,
    params(("id" = String, Path, description = "introduction id")), security(("bearer" = [])),
    responses((status = 200, body = IntroductionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`introduction_closed`, `already_answered`", body = ErrorBody)))]
pub async fn accept_introduction(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(input): Json<ResponseInput>,
) -> ApiResult<axum::Json<IntroductionView>> {
    Ok(axum::Json(app.accept_introduction(caller, &id, input).await?))
}

/// Decline for the caller's side, with an optional note: the introduction ends.
///
/// Who may call: owners and editors of a side that has not answered yet.
#[utoipa::path(post, path = "/api/v1/introductions/{id}/decline", tag = "introductions", request_body = ResponseInput,
    params(("id" = String, Path, description = "introduction id")), security(("bearer" = [])),
    responses((status = 200, body = IntroductionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`introduction_closed`, `already_answered`", body = ErrorBody)))]
pub async fn decline_introduction(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(input): Json<ResponseInput>,
) -> ApiResult<axum::Json<IntroductionView>> {
    Ok(axum::Json(app.decline_introduction(caller, &id, input).await?))
}

/// Withdraw a pending introduction.
///
/// Who may call: whoever started it (side A's members for interest, the broker for brokered), and admins.
#[utoipa::path(post, path = "/api/v1/introductions/{id}/withdraw", tag = "introductions",
    params(("id" = String, Path, description = "introduction id")), security(("bearer" = [])),
    responses((status = 200, body = IntroductionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`introduction_closed`", body = ErrorBody)))]
pub async fn withdraw_introduction(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<IntroductionView>> {
    Ok(axum::Json(app.withdraw_introduction(caller, &id).await?))
}
