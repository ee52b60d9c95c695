//! The change log the search index follows.
//!
//! Rows are appended inside the writing transaction. On PostgreSQL, concurrent
//! transactions could commit ids out of order and a follower reading "after id
//! N" would skip one; a transaction-scoped advisory lock taken before the id is
//! drawn makes commit order equal id order. SQLite has one writer at a time.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    Statement,
};

use crate::entities::change_log::{ActiveModel, Column, Entity, Model};
use crate::error::StoreError;

/// Arbitrary constant naming Hulian's change-log lock among PostgreSQL advisory locks.
const CHANGE_LOG_LOCK: i64 = 0x4855_4C49_414E;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Organization,
    Listing,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Organization => "organization",
            EntityKind::Listing => "listing",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Upsert,
    Delete,
}

impl Op {
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Upsert => "upsert",
            Op::Delete => "delete",
        }
    }
}

/// Appends one change; call inside the transaction that made it.
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    entity: EntityKind,
    entity_id: i64,
    external_id: &str,
    op: Op,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    if conn.get_database_backend() == DbBackend::Postgres {
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [CHANGE_LOG_LOCK.into()],
        ))
        .await?;
    }
    let row = ActiveModel {
        entity: Set(entity.as_str().to_owned()),
        entity_id: Set(entity_id),
        external_id: Set(external_id.to_owned()),
        op: Set(op.as_str().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(row.id)
}

/// Changes with an id above `after`, oldest first, at most `limit`.
pub async fn since<C: ConnectionTrait>(conn: &C, after: i64, limit: u64) -> Result<Vec<Model>, StoreError> {
    Ok(Entity::find()
        .filter(Column::Id.gt(after))
        .order_by_asc(Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

/// The id of the newest change, or 0.
pub async fn latest_id<C: ConnectionTrait>(conn: &C) -> Result<i64, StoreError> {
    Ok(Entity::find()
        .order_by_desc(Column::Id)
        .one(conn)
        .await?
        .map_or(0, |row| row.id))
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, StoreError> {
    use sea_orm::PaginatorTrait;
    Ok(Entity::find().count(conn).await?)
}
