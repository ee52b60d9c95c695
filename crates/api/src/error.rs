//! The one error envelope: `{"error": {"code", "message", "fields"?, "lines"?}}`.
//! Internal errors are logged with their cause and answered with a bare 500.

use std::collections::BTreeMap;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hulian_domain::FieldError;
use hulian_service::ServiceError;
use hulian_service::views::ImportLineError;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Machine-readable, stable: switch on this, not on `message`.
    pub code: String,
    /// Human-readable, English.
    pub message: String,
    /// For `validation_failed`: the first error of each failing field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, FieldError>>,
    /// For `import_invalid`: every invalid line of the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<ImportLineError>>,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub detail: ErrorDetail,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            detail: ErrorDetail {
                code: code.to_owned(),
                message: message.into(),
                fields: None,
                lines: None,
            },
        }
    }
}

impl From<ServiceError> for ApiError {
    fn from(err: ServiceError) -> Self {
        let code = err.code();
        match err {
            ServiceError::Validation(errors) => {
                let summary = errors.summary();
                ApiError {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    detail: ErrorDetail {
                        code: code.to_owned(),
                        message: format!("invalid input: {summary}"),
                        fields: Some(errors.by_field()),
                        lines: None,
                    },
                }
            }
            ServiceError::Unauthenticated(_, message) => ApiError::new(StatusCode::UNAUTHORIZED, code, message),
            ServiceError::Forbidden(_, message) => ApiError::new(StatusCode::FORBIDDEN, code, message),
            ServiceError::NotFound(_, message) => ApiError::new(StatusCode::NOT_FOUND, code, message),
            ServiceError::Conflict(_, message) => ApiError::new(StatusCode::CONFLICT, code, message),
            ServiceError::TooManyRequests(_, message) => ApiError::new(StatusCode::TOO_MANY_REQUESTS, code, message),
            ServiceError::BadRequest(_, message) => ApiError::new(StatusCode::BAD_REQUEST, code, message),
            ServiceError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, code, "internal error")
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(ErrorBody { error: self.detail })).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A path that exists, called with a method it does not have: 405 in the
/// envelope (axum adds the `Allow` header).
pub async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        format!("{method} is not allowed on {}", uri.path()),
    )
}
