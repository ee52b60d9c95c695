//! Inbox items, saved searches, and the alerts follower's cursor and
//! once-only marks. Who may read or change what is decided in the service.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Set,
};

use crate::entities::{alert_cursor, alert_mark, notification, saved_search};
use crate::error::StoreError;
use crate::page::{Page, PageRequest};

pub use crate::entities::notification::Model as NotificationRow;
pub use crate::entities::saved_search::Model as SavedSearchRow;

// --- inbox ---

/// Adds one inbox item per user (inside the caller's transaction).
pub async fn insert_notifications<C: ConnectionTrait>(
    conn: &C,
    user_ids: &[i64],
    event: &str,
    data: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if user_ids.is_empty() {
        return Ok(());
    }
    let rows = user_ids.iter().map(|user_id| notification::ActiveModel {
        user_id: Set(*user_id),
        event: Set(event.to_owned()),
        data: Set(data.to_owned()),
        created_at: Set(now),
        read_at: Set(None),
        ..Default::default()
    });
    notification::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// A user's items, newest first; only unread ones when `unread_only`.
pub async fn inbox<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    unread_only: bool,
    page: PageRequest,
) -> Result<Page<NotificationRow>, StoreError> {
    let mut query = notification::Entity::find().filter(notification::Column::UserId.eq(user_id));
    if unread_only {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    let query = query.order_by_desc(notification::Column::Id);
    crate::page::fetch(conn, query, page).await
}

pub async fn unread_count<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<u64, StoreError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(conn)
        .await?)
}

/// One of a user's items (`None` for another user's).
pub async fn notification_of<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    id: i64,
) -> Result<Option<NotificationRow>, StoreError> {
    Ok(notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(user_id))
        .one(conn)
        .await?)
}

/// Marks one item read (keeping the first reading time).
pub async fn mark_read<C: ConnectionTrait>(
    conn: &C,
    row: NotificationRow,
    now: DateTime<Utc>,
) -> Result<NotificationRow, StoreError> {
    if row.read_at.is_some() {
        return Ok(row);
    }
    let mut active: notification::ActiveModel = row.into();
    active.read_at = Set(Some(now));
    Ok(active.update(conn).await?)
}

/// Marks every unread item of a user read; returns how many.
pub async fn mark_all_read<C: ConnectionTrait>(conn: &C, user_id: i64, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let result = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(now))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

// --- saved searches ---

pub async fn saved_searches_of<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<Vec<SavedSearchRow>, StoreError> {
    Ok(saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(user_id))
        .order_by_asc(saved_search::Column::Id)
        .all(conn)
        .await?)
}

pub async fn count_saved_searches<C: ConnectionTrait>(conn: &C, user_id: i64) -> Result<u64, StoreError> {
    Ok(saved_search::Entity::find()
        .filter(saved_search::Column::UserId.eq(user_id))
        .count(conn)
        .await?)
}

pub async fn insert_saved_search<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    name: &str,
    query: &str,
    now: DateTime<Utc>,
) -> Result<SavedSearchRow, StoreError> {
    Ok(saved_search::ActiveModel {
        user_id: Set(user_id),
        name: Set(name.to_owned()),
        query: Set(query.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// Deletes one of a user's saved searches; false when it is not theirs or absent.
pub async fn delete_saved_search<C: ConnectionTrait>(conn: &C, user_id: i64, id: i64) -> Result<bool, StoreError> {
    let result = saved_search::Entity::delete_many()
        .filter(saved_search::Column::Id.eq(id))
        .filter(saved_search::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Saved searches with an id above `after`, oldest first, at most `limit` (for the follower).
pub async fn saved_searches_after<C: ConnectionTrait>(
    conn: &C,
    after: i64,
    limit: u64,
) -> Result<Vec<SavedSearchRow>, StoreError> {
    Ok(saved_search::Entity::find()
        .filter(saved_search::Column::Id.gt(after))
        .order_by_asc(saved_search::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

// --- the follower's cursor and marks ---

/// The last change a follower has dealt with (0 when it never ran).
pub async fn cursor<C: ConnectionTrait>(conn: &C, name: &str) -> Result<i64, StoreError> {
    Ok(alert_cursor::Entity::find_by_id(name.to_owned())
        .one(conn)
        .await?
        .map_or(0, |row| row.last_change_id))
}

pub async fn set_cursor<C: ConnectionTrait>(conn: &C, name: &str, last_change_id: i64) -> Result<(), StoreError> {
    alert_cursor::Entity::insert(alert_cursor::ActiveModel {
        name: Set(name.to_owned()),
        last_change_id: Set(last_change_id),
    })
    .on_conflict(
        OnConflict::column(alert_cursor::Column::Name)
            .update_column(alert_cursor::Column::LastChangeId)
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Records that `(kind, subject, object)` was dealt with; false when it already was.
/// Concurrent followers agree: the second insert does nothing (no error, no abort).
pub async fn mark_once<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    subject_id: i64,
    object_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let inserted = alert_mark::Entity::insert(alert_mark::ActiveModel {
        kind: Set(kind.to_owned()),
        subject_id: Set(subject_id),
        object_id: Set(object_id),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            alert_mark::Column::Kind,
            alert_mark::Column::SubjectId,
            alert_mark::Column::ObjectId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(inserted > 0)
}

/// Whether `(kind, subject, object)` was dealt with already.
pub async fn is_marked<C: ConnectionTrait>(
    conn: &C,
    kind: &str,
    subject_id: i64,
    object_id: i64,
) -> Result<bool, StoreError> {
    Ok(alert_mark::Entity::find_by_id((kind.to_owned(), subject_id, object_id))
        .one(conn)
        .await?
        .is_some())
}
