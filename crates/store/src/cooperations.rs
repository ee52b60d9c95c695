//! Cooperations and their timelines.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};

use crate::entities::cooperation::{ActiveModel, Column, Entity};
use crate::entities::cooperation_event;
use crate::error::StoreError;
use crate::page::{Page, PageRequest};

pub use crate::entities::cooperation::Model as CooperationRow;
pub use crate::entities::cooperation_event::Model as CooperationEventRow;

/// Stores a new cooperation (its `id` is ignored and assigned).
pub async fn insert<C: ConnectionTrait>(conn: &C, row: CooperationRow) -> Result<CooperationRow, StoreError> {
    let mut active: ActiveModel = row.into_active_model().reset_all();
    active.id = sea_orm::NotSet;
    Ok(active.insert(conn).await?)
}

/// Writes every column of a changed cooperation.
pub async fn save<C: ConnectionTrait>(conn: &C, row: CooperationRow) -> Result<CooperationRow, StoreError> {
    Ok(row.into_active_model().reset_all().update(conn).await?)
}

pub async fn find_by_public_id<C: ConnectionTrait>(
    conn: &C,
    public_id: &str,
) -> Result<Option<CooperationRow>, StoreError> {
    Ok(Entity::find().filter(Column::PublicId.eq(public_id)).one(conn).await?)
}

/// Reads a cooperation for a change, holding it until the transaction ends
/// (see [`crate::db::hold_rows`]).
pub async fn lock<C: ConnectionTrait>(conn: &C, public_id: &str) -> Result<Option<CooperationRow>, StoreError> {
    crate::db::hold_rows::<Entity, _>(conn, Column::Id, Column::PublicId.eq(public_id)).await?;
    find_by_public_id(conn, public_id).await
}

pub async fn find_by_introduction<C: ConnectionTrait>(
    conn: &C,
    introduction_id: i64,
) -> Result<Option<CooperationRow>, StoreError> {
    Ok(Entity::find()
        .filter(Column::IntroductionId.eq(introduction_id))
        .one(conn)
        .await?)
}

/// Appends an entry to a cooperation's timeline (its `id` is ignored and assigned).
pub async fn insert_event<C: ConnectionTrait>(
    conn: &C,
    row: CooperationEventRow,
) -> Result<CooperationEventRow, StoreError> {
    let mut active: cooperation_event::ActiveModel = row.into_active_model().reset_all();
    active.id = sea_orm::NotSet;
    Ok(active.insert(conn).await?)
}

/// A cooperation's timeline, oldest first.
pub async fn events_of<C: ConnectionTrait>(
    conn: &C,
    cooperation_id: i64,
) -> Result<Vec<CooperationEventRow>, StoreError> {
    Ok(cooperation_event::Entity::find()
        .filter(cooperation_event::Column::CooperationId.eq(cooperation_id))
        .order_by_asc(cooperation_event::Column::Id)
        .all(conn)
        .await?)
}

/// Which cooperations a list or a report covers.
#[derive(Debug, Clone, Default)]
pub struct CooperationFilter {
    /// Everything (promoters, admins); otherwise those of `org_ids`.
    pub all: bool,
    pub org_ids: Vec<i64>,
    pub stage: Option<String>,
    pub key_project: Option<bool>,
    pub sector: Option<String>,
    pub region: Option<String>,
    /// Only cooperations one side of which is this organization.
    pub organization_id: Option<i64>,
}

fn filtered(filter: &CooperationFilter) -> sea_orm::Select<Entity> {
    let mut query = Entity::find();
    if !filter.all {
        query = query.filter(
            Condition::any()
                .add(Column::AOrgId.is_in(filter.org_ids.clone()))
                .add(Column::BOrgId.is_in(filter.org_ids.clone())),
        );
    }
    if let Some(org) = filter.organization_id {
        query = query.filter(Condition::any().add(Column::AOrgId.eq(org)).add(Column::BOrgId.eq(org)));
    }
    if let Some(stage) = &filter.stage {
        query = query.filter(Column::Stage.eq(stage.as_str()));
    }
    if let Some(key) = filter.key_project {
        query = query.filter(Column::KeyProject.eq(key));
    }
    if let Some(sector) = &filter.sector {
        query = query.filter(Column::Sector.eq(sector.as_str()));
    }
    if let Some(region) = &filter.region {
        query = query.filter(Column::Region.eq(region.as_str()));
    }
    query
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &CooperationFilter,
    page: PageRequest,
) -> Result<Page<CooperationRow>, StoreError> {
    let query = filtered(filter);
    let query = query.order_by_desc(Column::UpdatedAt).order_by_desc(Column::Id);
    crate::page::fetch(conn, query, page).await
}

/// Every cooperation the filter covers, for aggregation in reports.
pub async fn all<C: ConnectionTrait>(conn: &C, filter: &CooperationFilter) -> Result<Vec<CooperationRow>, StoreError> {
    Ok(filtered(filter).order_by_asc(Column::Id).all(conn).await?)
}
