//! Cooperations: the pipeline from interest to production, and its reports.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use hulian_service::App;
use hulian_service::cooperations::{CooperationPage, CooperationQuery, CooperationView, KeyProjectInput, StageInput};
use hulian_service::reports::{ReportQuery, ReportView};

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json, Path, Query};

/// Cooperations, most recently changed first.
///
/// Who may call: any signed-in user; members see their organizations' cooperations, promoters and admins see all.
#[utoipa::path(get, path = "/api/v1/cooperations", tag = "cooperations", params(CooperationQuery),
    security(("bearer" = [])),
    responses((status = 200, body = CooperationPage), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_cooperations(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<CooperationQuery>,
) -> ApiResult<axum::Json<CooperationPage>> {
    Ok(axum::Json(app.list_cooperations(caller, query).await?))
}

/// One cooperation with its timeline (every stage change with date, author and note).
///
/// Who may call: members of either organization, promoters, admins; others get 404.
#[utoipa::path(get, path = "/api/v1/cooperations/{id}", tag = "cooperations", params(("id" = String, Path, description = "cooperation id")),
    security(("bearer" = [])),
    responses((status = 200, body = CooperationView), (status = 401, body = ErrorBody), (status = 404, description = "`cooperation_not_found`", body = ErrorBody)))]
pub async fn get_cooperation(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
) -> ApiResult<axum::Json<CooperationView>> {
    Ok(axum::Json(app.get_cooperation(caller, &id).await?))
}

/// Record that the cooperation reached a stage: forward only (stages may be skipped) or `dropped`; 签约 `signed` needs the agreed amount.
///
/// Who may call: owners and editors of either organization, promoters, admins.
#[utoipa::path(post, path = "/api/v1/cooperations/{id}/stage", tag = "cooperations", request_body = StageInput,
    params(("id" = String, Path, description = "cooperation id")), security(("bearer" = [])),
    responses((status = 200, body = CooperationView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`invalid_stage_transition`", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_stage(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(input): Json<StageInput>,
) -> ApiResult<axum::Json<CooperationView>> {
    Ok(axum::Json(app.move_cooperation_stage(caller, &id, input).await?))
}

/// Flag or unflag a key project (重点项目); audited.
///
/// Who may call: promoters and admins.
#[utoipa::path(put, path = "/api/v1/cooperations/{id}/key-project", tag = "cooperations", request_body = KeyProjectInput,
    params(("id" = String, Path, description = "cooperation id")), security(("bearer" = [])),
    responses((status = 200, body = CooperationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn set_key_project(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Json(input): Json<KeyProjectInput>,
) -> ApiResult<axum::Json<CooperationView>> {
    Ok(axum::Json(app.set_key_project(caller, &id, input).await?))
}

/// Cooperations counted and agreed amounts summed by one or two of stage, sector, region, period and key-project flag.
///
/// Who may call: promoters and admins.
#[utoipa::path(get, path = "/api/v1/reports/cooperations", tag = "cooperations", params(ReportQuery),
    security(("bearer" = [])),
    responses((status = 200, body = ReportView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn cooperation_report(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<ReportQuery>,
) -> ApiResult<axum::Json<ReportView>> {
    Ok(axum::Json(app.cooperation_report(caller, query).await?))
}

/// The same report as CSV (UTF-8 with a byte-order mark; zh and en names beside each slug; a total row).
///
/// Who may call: promoters and admins.
#[utoipa::path(get, path = "/api/v1/reports/cooperations.csv", tag = "cooperations", params(ReportQuery),
    security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn cooperation_report_csv(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<ReportQuery>,
) -> ApiResult<impl IntoResponse> {
    let body = app.cooperation_report_csv(caller, query).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"hulian-cooperations.csv\"",
            ),
        ],
        body,
    ))
}
