//! Owners' decisions on matches: shortlisted or dismissed, one per pair.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::match_feedback::{ActiveModel, Column, Entity, Model};
use crate::error::StoreError;

pub use crate::entities::match_feedback::Model as FeedbackRow;

/// Records (or replaces) a decision.
pub async fn set<C: ConnectionTrait>(
    conn: &C,
    listing_id: i64,
    candidate_id: i64,
    decision: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    Entity::delete_by_id((listing_id, candidate_id)).exec(conn).await?;
    Entity::insert(ActiveModel {
        listing_id: Set(listing_id),
        candidate_id: Set(candidate_id),
        decision: Set(decision.to_owned()),
        user_id: Set(user_id),
        created_at: Set(now),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

pub async fn clear<C: ConnectionTrait>(conn: &C, listing_id: i64, candidate_id: i64) -> Result<bool, StoreError> {
    Ok(Entity::delete_by_id((listing_id, candidate_id))
        .exec(conn)
        .await?
        .rows_affected
        > 0)
}

/// Every decision about a listing's matches.
pub async fn of_listing<C: ConnectionTrait>(conn: &C, listing_id: i64) -> Result<Vec<Model>, StoreError> {
    Ok(Entity::find()
        .filter(Column::ListingId.eq(listing_id))
        .all(conn)
        .await?)
}
