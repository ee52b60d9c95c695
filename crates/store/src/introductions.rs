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
/// ends. The first statement is a write that changes nothing: on PostgreSQL
/// it locks the row, on SQLite it takes the database's write lock before
/// anything is read, so two changes at once run one after the other and the
/// second sees the first (rather than failing on a stale snapshot).
pub async fn lock<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<IntroductionRow>, StoreError> {
    Entity::update_many()
        .col_expr(Column::Id, sea_orm::sea_query::Expr::col(Column::Id))
        .filter(Column::Id.eq(id))
        .exec(conn)
        .await?;
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
pub async fn latest_between<C: ConnectionTrait>(
    conn: &C,
    org_id: i64,
    listing_id: i64,
    other_org_id: i64,
    other_listing_id: Option<i64>,
) -> Result<Option<IntroductionRow>, StoreError> {
    let forward = Condition::all()
        .add(Column::AOrgId.eq(org_id))
        .add(Column::BListingId.eq(listing_id));
    let mut either = Condition::any().add(forward);
    if let Some(other_listing_id) = other_listing_id {
        either = either.add(
            Condition::all()
                .add(Column::AOrgId.eq(other_org_id))
                .add(Column::AListingId.eq(listing_id))
                .add(Column::BListingId.eq(other_listing_id)),
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
