//! Webhook subscriptions, the delivery job queue and the log of attempts.
//!
//! Jobs are claimed with one atomic statement: on PostgreSQL the candidate
//! rows are selected `FOR UPDATE SKIP LOCKED`, so several server instances
//! never claim the same job; SQLite has one writer at a time. A claimed job
//! carries a lease (`locked_until`): if its worker dies, it is claimable
//! again once the lease has run out.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    Set, Statement,
};

use crate::entities::{webhook, webhook_delivery, webhook_job};
use crate::error::StoreError;
use crate::page::{Page, PageRequest};

pub use crate::entities::webhook::Model as WebhookRow;
pub use crate::entities::webhook_delivery::Model as DeliveryRow;
pub use crate::entities::webhook_job::Model as JobRow;

pub const JOB_PENDING: &str = "pending";
pub const JOB_DELIVERING: &str = "delivering";
pub const JOB_DELIVERED: &str = "delivered";
pub const JOB_FAILED: &str = "failed";

// --- subscriptions ---

pub async fn of_organization<C: ConnectionTrait>(
    conn: &C,
    organization_id: i64,
) -> Result<Vec<WebhookRow>, StoreError> {
    Ok(webhook::Entity::find()
        .filter(webhook::Column::OrganizationId.eq(organization_id))
        .order_by_asc(webhook::Column::Id)
        .all(conn)
        .await?)
}

/// The active webhooks of these organizations (subscriptions are filtered by the caller).
pub async fn active_of_organizations<C: ConnectionTrait>(
    conn: &C,
    organization_ids: &[i64],
) -> Result<Vec<WebhookRow>, StoreError> {
    if organization_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(webhook::Entity::find()
        .filter(webhook::Column::OrganizationId.is_in(organization_ids.iter().copied()))
        .filter(webhook::Column::Active.eq(true))
        .order_by_asc(webhook::Column::Id)
        .all(conn)
        .await?)
}

pub async fn count_of_organization<C: ConnectionTrait>(conn: &C, organization_id: i64) -> Result<u64, StoreError> {
    Ok(webhook::Entity::find()
        .filter(webhook::Column::OrganizationId.eq(organization_id))
        .count(conn)
        .await?)
}

/// A webhook of this organization (`None` for another organization's).
pub async fn find<C: ConnectionTrait>(
    conn: &C,
    organization_id: i64,
    id: i64,
) -> Result<Option<WebhookRow>, StoreError> {
    Ok(webhook::Entity::find_by_id(id)
        .filter(webhook::Column::OrganizationId.eq(organization_id))
        .one(conn)
        .await?)
}

pub async fn find_by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<WebhookRow>, StoreError> {
    Ok(webhook::Entity::find_by_id(id).one(conn).await?)
}

#[expect(clippy::too_many_arguments, reason = "one column each")]
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    organization_id: i64,
    url: &str,
    events: &str,
    secret: &str,
    active: bool,
    created_by: i64,
    now: DateTime<Utc>,
) -> Result<WebhookRow, StoreError> {
    Ok(webhook::ActiveModel {
        organization_id: Set(organization_id),
        url: Set(url.to_owned()),
        events: Set(events.to_owned()),
        secret: Set(secret.to_owned()),
        active: Set(active),
        created_by: Set(Some(created_by)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: WebhookRow,
    url: String,
    events: String,
    active: bool,
    now: DateTime<Utc>,
) -> Result<WebhookRow, StoreError> {
    let mut active_model: webhook::ActiveModel = row.into();
    active_model.url = Set(url);
    active_model.events = Set(events);
    active_model.active = Set(active);
    active_model.updated_at = Set(now);
    Ok(active_model.update(conn).await?)
}

/// Deletes a webhook with its jobs and their log (foreign keys cascade).
pub async fn delete<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), StoreError> {
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .exec(conn)
        .await?;
    webhook_job::Entity::delete_many()
        .filter(webhook_job::Column::WebhookId.eq(id))
        .exec(conn)
        .await?;
    webhook::Entity::delete_by_id(id).exec(conn).await?;
    Ok(())
}

// --- jobs ---

/// Queues a delivery, due at once (inside the caller's transaction).
pub async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    webhook_id: i64,
    delivery_id: &str,
    event: &str,
    payload: &str,
    now: DateTime<Utc>,
) -> Result<JobRow, StoreError> {
    Ok(webhook_job::ActiveModel {
        webhook_id: Set(webhook_id),
        delivery_id: Set(delivery_id.to_owned()),
        event: Set(event.to_owned()),
        payload: Set(payload.to_owned()),
        status: Set(JOB_PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now.timestamp_millis()),
        locked_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?)
}

/// Claims at most `limit` due jobs (pending and due, or delivering with an
/// expired lease), counting the attempt and leasing them until `lease_until`.
pub async fn claim_due<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<JobRow>, StoreError> {
    let backend = conn.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "UPDATE webhook_jobs SET status = 'delivering', attempts = attempts + 1, locked_until = $1 \
             WHERE id IN (SELECT id FROM webhook_jobs \
                 WHERE (status = 'pending' AND next_attempt_at <= $2) OR (status = 'delivering' AND locked_until <= $2) \
                 ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
             RETURNING id"
        }
        _ => {
            "UPDATE webhook_jobs SET status = 'delivering', attempts = attempts + 1, locked_until = ?1 \
             WHERE id IN (SELECT id FROM webhook_jobs \
                 WHERE (status = 'pending' AND next_attempt_at <= ?2) OR (status = 'delivering' AND locked_until <= ?2) \
                 ORDER BY next_attempt_at, id LIMIT ?3) \
             RETURNING id"
        }
    };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                lease_until.timestamp_millis().into(),
                now.timestamp_millis().into(),
                limit.into(),
            ],
        ))
        .await?;
    let mut ids = Vec::with_capacity(rows.len());
    for row in rows {
        ids.push(row.try_get::<i64>("", "id")?);
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(webhook_job::Entity::find()
        .filter(webhook_job::Column::Id.is_in(ids))
        .order_by_asc(webhook_job::Column::Id)
        .all(conn)
        .await?)
}

/// Ends an attempt: the job's new status, when it is next due (for a retry)
/// and the error, and the attempt's row in the delivery log.
pub async fn finish_attempt<C: ConnectionTrait>(
    conn: &C,
    job: &JobRow,
    status: &str,
    next_attempt_at: DateTime<Utc>,
    attempt: AttemptRecord,
) -> Result<(), StoreError> {
    webhook_job::Entity::update_many()
        .col_expr(webhook_job::Column::Status, sea_orm::sea_query::Expr::value(status))
        .col_expr(
            webhook_job::Column::NextAttemptAt,
            sea_orm::sea_query::Expr::value(next_attempt_at.timestamp_millis()),
        )
        .col_expr(
            webhook_job::Column::LockedUntil,
            sea_orm::sea_query::Expr::value(Option::<i64>::None),
        )
        .col_expr(
            webhook_job::Column::LastError,
            sea_orm::sea_query::Expr::value(attempt.error.clone()),
        )
        .col_expr(
            webhook_job::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(attempt.attempted_at),
        )
        .filter(webhook_job::Column::Id.eq(job.id))
        .exec(conn)
        .await?;
    webhook_delivery::ActiveModel {
        job_id: Set(job.id),
        webhook_id: Set(job.webhook_id),
        attempt: Set(job.attempts),
        status_code: Set(attempt.status_code),
        error: Set(attempt.error),
        duration_ms: Set(attempt.duration_ms),
        outcome: Set(attempt.outcome),
        attempted_at: Set(attempt.attempted_at),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// One attempt as the delivery log keeps it.
#[derive(Debug, Clone)]
pub struct AttemptRecord {
    pub status_code: Option<i32>,
    pub error: Option<String>,
    pub duration_ms: i64,
    pub outcome: String,
    pub attempted_at: DateTime<Utc>,
}

pub async fn jobs_by_ids<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<JobRow>, StoreError> {
    Ok(webhook_job::Entity::find()
        .filter(webhook_job::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?)
}

pub async fn jobs_of_webhook<C: ConnectionTrait>(conn: &C, webhook_id: i64) -> Result<Vec<JobRow>, StoreError> {
    Ok(webhook_job::Entity::find()
        .filter(webhook_job::Column::WebhookId.eq(webhook_id))
        .order_by_asc(webhook_job::Column::Id)
        .all(conn)
        .await?)
}

/// A webhook's delivery log, newest attempt first.
pub async fn deliveries<C: ConnectionTrait>(
    conn: &C,
    webhook_id: i64,
    page: PageRequest,
) -> Result<Page<DeliveryRow>, StoreError> {
    let query = webhook_delivery::Entity::find().filter(webhook_delivery::Column::WebhookId.eq(webhook_id));
    let query = query.order_by_desc(webhook_delivery::Column::Id);
    crate::page::fetch(conn, query, page).await
}
