//! Bulk import and export in the exchange format.

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use hulian_service::App;
use hulian_service::exchange::ImportOptions;
use hulian_service::views::ImportReport;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::IMPORT_BODY_LIMIT;
use crate::error::{ApiError, ApiResult, ErrorBody, ErrorDetail};
use crate::extract::{Auth, NdjsonBody, Query};

pub fn router() -> OpenApiRouter<App> {
    OpenApiRouter::new()
        .routes(routes!(import))
        .layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT))
        .routes(routes!(export))
}

/// Import an NDJSON file in the exchange format (upsert by external id).
///
/// All-or-nothing unless `skip_invalid`: a file with invalid lines answers 422 `import_invalid` with every invalid line in `lines`, and writes nothing.
///
/// Who may call: promoters and admins.
#[utoipa::path(post, path = "/api/v1/import", tag = "exchange", params(ImportOptions),
    request_body(content = String, content_type = "application/x-ndjson"), security(("bearer" = [])),
    responses(
        (status = 200, body = ImportReport),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 413, description = "`payload_too_large`", body = ErrorBody),
        (status = 422, description = "`import_invalid` with `lines`", body = ErrorBody),
    ))]
pub async fn import(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(options): Query<ImportOptions>,
    NdjsonBody(text): NdjsonBody,
) -> ApiResult<axum::Json<ImportReport>> {
    let report = app.import(caller, &text, options).await?;
    if !report.committed && !report.errors.is_empty() && !options.skip_invalid {
        return Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            detail: ErrorDetail {
                code: "import_invalid".to_owned(),
                message: format!("{} invalid line(s); nothing was imported", report.skipped),
                fields: None,
                lines: Some(report.errors),
            },
        });
    }
    Ok(axum::Json(report))
}

/// Export every organization and listing as NDJSON in the exchange format.
///
/// Who may call: promoters and admins; contact details are included for admins only.
#[utoipa::path(get, path = "/api/v1/export", tag = "exchange", security(("bearer" = [])),
    responses((status = 200, content_type = "application/x-ndjson", body = String), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn export(State(app): State<App>, Auth(caller): Auth) -> ApiResult<impl IntoResponse> {
    let body = app.export(caller).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"hulian-export.ndjson\"",
            ),
        ],
        body,
    ))
}
