//! Introductions: stored, found, listed for a caller's organizations, and
//! counted for the flood limits.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use crate::entities::introduction::{ActiveModel, Column, Entity};
use crate::error::StoreError;
use crate::page::{Page, PageRequest};

pub use crate::entities::introduction::Model as IntroductionRow;

/// Stores a new introduction (its `id` is ignored and assigned).
pub async fn insert<C: ConnectionTrait>(conn: &C, row: IntroductionRow) -> Result<IntroductionRow, StoreError> {
    let mut active: ActiveModel = row.into_active_model();
    active = active.reset_all();
    active.id = sea_orm::NotSet;
    Ok(active.insert(conn).await?)
}

/// Writes every column of a changed introduction.
pub async fn save<C: ConnectionTrait>(conn: &C, row: IntroductionRow) -> Result<IntroductionRow, StoreError> {
    Ok(row.into_active_model().reset_all().update(conn).await?)
}

pub async fn find_by_public_id<C: ConnectionTrait>(
    conn: &C,
    public_id: &str,
) -> Result<Option<IntroductionRow>, StoreError> {
    Ok(Entity::find().filter(Column::PublicId.eq(public_id)).one(conn).await?)
}

pub async fn find_by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<IntroductionRow>, StoreError> {
    Ok(Entity::find_by_id(id).one(conn).await?)
}

/// Reads an introduction for a change, holding it until the transaction
/// ends (see [`crate::db::hold_rows`]).
pub async fn lock<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<IntroductionRow>, StoreError> {
    crate::db::hold_rows::<Entity, _>(conn, Column::Id, Column::Id.eq(id)).await?;
    find_by_id(conn, id).await
}

/// How many introductions a user started since a moment (the flood limit).
pub async fn count_created_by_since<C: ConnectionTrait>(
    conn: &C,
    user_id: i64,
    since: DateTime<Utc>,
) -> Result<u64, StoreError> {
    Ok(Entity::find()
        .filter(Column::CreatedBy.eq(user_id))
        .filter(Column::CreatedAt.gte(since))
        .count(conn)
        .await?)
}

/// The newest introduction between an organization and a listing, in either direction.
/// `a_listing_id` is side A's own listing, when the introduction names one:
/// then the same two listings the other way round count too.
pub async fn latest_between<C: ConnectionTrait>(
    conn: &C,
    a_org_id: i64,
    b_listing_id: i64,
    b_org_id: i64,
    a_listing_id: Option<i64>,
) -> Result<Option<IntroductionRow>, StoreError> {
    let forward = Condition::all()
        .add(Column::AOrgId.eq(a_org_id))
        .add(Column::BListingId.eq(b_listing_id));
    let mut either = Condition::any().add(forward);
    if let Some(a_listing_id) = a_listing_id {
        either = either.add(
            Condition::all()
                .add(Column::AOrgId.eq(b_org_id))
                .add(Column::AListingId.eq(b_listing_id))
                .add(Column::BListingId.eq(a_listing_id)),
        );
    }
    Ok(Entity::find()
        .filter(either)
        .order_by_desc(Column::Id)
        .one(conn)
        .await?)
}

/// Which introductions a list shows.
#[derive(Debug, Clone, Default)]
pub struct IntroductionFilter {
    /// Everything (admins); otherwise those involving `org_ids` or brokered by `broker`.
    pub all: bool,
    pub org_ids: Vec<i64>,
    pub broker: Option<i64>,
    pub status: Option<String>,
    pub kind: Option<String>,
    /// Only those where one of `org_ids` is side B and has not answered yet… or
    /// side A of a brokered one that has not: whatever awaits the caller's answer.
    pub awaiting_org_ids: Option<Vec<i64>>,
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &IntroductionFilter,
    page: PageRequest,
) -> Result<Page<IntroductionRow>, StoreError> {
    let mut query = Entity::find();
    if !filter.all {
        let mut involved = Condition::any()
            .add(Column::AOrgId.is_in(filter.org_ids.clone()))
            .add(Column::BOrgId.is_in(filter.org_ids.clone()));
        if let Some(broker) = filter.broker {
            involved = involved.add(Column::BrokerUserId.eq(broker));
        }
        query = query.filter(involved);
    }
    if let Some(status) = &filter.status {
        query = query.filter(Column::Status.eq(status.as_str()));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(Column::Kind.eq(kind.as_str()));
    }
    if let Some(orgs) = &filter.awaiting_org_ids {
        query = query.filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(Column::BOrgId.is_in(orgs.clone()))
                        .add(Column::BResponse.eq("pending")),
                )
                .add(
                    Condition::all()
                        .add(Column::AOrgId.is_in(orgs.clone()))
                        .add(Column::AResponse.eq("pending")),
                ),
        );
        query = query.filter(Column::Status.eq("pending"));
    }
    let query = query.order_by_desc(Column::UpdatedAt).order_by_desc(Column::Id);
    crate::page::fetch(conn, query, page).await
}
