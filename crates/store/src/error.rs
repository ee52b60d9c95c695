//! Storage errors, with database constraint violations mapped in one place.

use sea_orm::{DbErr, SqlErr};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique key already exists (maps to 409).
    #[error("unique constraint violated: {0}")]
    Conflict(String),
    /// A referenced row does not exist (maps to 422).
    #[error("foreign key constraint violated: {0}")]
    ForeignKey(String),
    /// A stored value could not be read back as a domain value.
    #[error("corrupt row in {table}: {reason}")]
    Corrupt { table: &'static str, reason: String },
    #[error("database error: {0}")]
    Db(DbErr),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => StoreError::Conflict(detail),
            Some(SqlErr::ForeignKeyConstraintViolation(detail)) => StoreError::ForeignKey(detail),
            _ => StoreError::Db(err),
        }
    }
}
