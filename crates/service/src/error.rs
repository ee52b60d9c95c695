//! The errors a use case can end in, each with a machine-readable code that
//! adapters pass through unchanged (the SPA switches on it).

use hulian_domain::ValidationErrors;
use hulian_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Input failed validation: every failing field with its reason (422).
    #[error("validation failed: {0}")]
    Validation(ValidationErrors),
    /// No credentials, or credentials that do not hold (401).
    #[error("{1}")]
    Unauthenticated(&'static str, String),
    /// Authenticated but not allowed (403).
    #[error("{1}")]
    Forbidden(&'static str, String),
    /// The resource does not exist or the caller may not know it does (404).
    #[error("{1}")]
    NotFound(&'static str, String),
    /// The request conflicts with the current state (409).
    #[error("{1}")]
    Conflict(&'static str, String),
    /// The caller has done this too often lately (429).
    #[error("{1}")]
    TooManyRequests(&'static str, String),
    /// The request is malformed in a way that is not about one field (400).
    #[error("{1}")]
    BadRequest(&'static str, String),
    /// A failure that is ours, not the caller's (500). Logged with its cause, answered bare.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn code(&self) -> &'static str {
        match self {
            ServiceError::Validation(_) => "validation_failed",
            ServiceError::Unauthenticated(code, _)
            | ServiceError::Forbidden(code, _)
            | ServiceError::NotFound(code, _)
            | ServiceError::Conflict(code, _)
            | ServiceError::TooManyRequests(code, _)
            | ServiceError::BadRequest(code, _) => code,
            ServiceError::Internal(_) => "internal_error",
        }
    }

    pub fn forbidden() -> Self {
        ServiceError::Forbidden("forbidden", "you may not do this".to_owned())
    }

    pub fn login_required() -> Self {
        ServiceError::Unauthenticated("login_required", "log in to do this".to_owned())
    }

    pub fn validation(field: &str, code: &str, message: impl Into<String>) -> Self {
        ServiceError::Validation(ValidationErrors::single(field, code, message))
    }
}

impl From<ValidationErrors> for ServiceError {
    fn from(errors: ValidationErrors) -> Self {
        ServiceError::Validation(errors)
    }
}

/// Constraint violations map here, in one place: unique key → 409, foreign key → 422.
impl From<StoreError> for ServiceError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Conflict(detail) => {
                tracing::info!(%detail, "unique constraint violated");
                ServiceError::Conflict("already_exists", "a record with this key already exists".to_owned())
            }
            StoreError::ForeignKey(detail) => {
                tracing::info!(%detail, "foreign key violated");
                ServiceError::validation("", "invalid_reference", "refers to a record that does not exist")
            }
            other => ServiceError::Internal(other.to_string()),
        }
    }
}

impl From<sea_orm::DbErr> for ServiceError {
    fn from(err: sea_orm::DbErr) -> Self {
        StoreError::from(err).into()
    }
}
