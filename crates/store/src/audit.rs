//! The audit log: appended to inside the transaction of the action it
//! records, read by admins, never changed.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::audit_entry::{ActiveModel, Column, Entity};
use crate::error::StoreError;
use crate::page::{Page, PageRequest};

pub use crate::entities::audit_entry::Model as AuditRow;

/// One action to record.
#[derive(Debug, Clone)]
pub struct NewAuditEntry<'a> {
    pub actor_user_id: Option<i64>,
    pub actor_email: Option<&'a str>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    pub detail: serde_json::Value,
}

pub async fn append<C: ConnectionTrait>(
    conn: &C,
    entry: NewAuditEntry<'_>,
    now: DateTime<Utc>,
) -> Result<AuditRow, StoreError> {
    Ok(ActiveModel {
        created_at: Set(now),
        actor_user_id: Set(entry.actor_user_id),
        actor_email: Set(entry.actor_email.map(str::to_owned)),
        action: Set(entry.action.to_owned()),
        subject_type: Set(entry.subject_type.to_owned()),
        subject_id: Set(entry.subject_id.to_owned()),
        detail: Set(entry.detail.to_string()),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor_user_id: Option<i64>,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Newest first.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditRow>, StoreError> {
    let mut query = Entity::find();
    if let Some(action) = &filter.action {
        query = query.filter(Column::Action.eq(action.as_str()));
    }
    if let Some(actor) = filter.actor_user_id {
        query = query.filter(Column::ActorUserId.eq(actor));
    }
    if let Some(subject_type) = &filter.subject_type {
        query = query.filter(Column::SubjectType.eq(subject_type.as_str()));
    }
    if let Some(subject_id) = &filter.subject_id {
        query = query.filter(Column::SubjectId.eq(subject_id.as_str()));
    }
    if let Some(from) = filter.from {
        query = query.filter(Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(Column::CreatedAt.lt(to));
    }
    let query = query.order_by_desc(Column::Id);
    crate::page::fetch(conn, query, page).await
}
