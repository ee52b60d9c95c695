//! The audit log of sensitive actions.

use axum::extract::State;
use hulian_service::App;
use hulian_service::audit::{AuditPage, AuditQuery};

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Query};

/// The audit log, newest first: contact reveals, role and membership changes, verification, import, export, deletion, key-project flags. Append-only.
///
/// Who may call: admins.
#[utoipa::path(get, path = "/api/v1/audit", tag = "users", params(AuditQuery),
    security(("bearer" = [])),
    responses((status = 200, body = AuditPage), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn audit_log(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<AuditQuery>,
) -> ApiResult<axum::Json<AuditPage>> {
    Ok(axum::Json(app.audit_log(caller, query).await?))
}
