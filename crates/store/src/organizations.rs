//! Organization queries and writes. Each write appends to the change log.

use chrono::{DateTime, Utc};
use hulian_domain::{OrgType, OrganizationRecord, Region};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::change_log::{self, EntityKind, Op};
use crate::convert::{apply_organization, organization_record};
use crate::entities::{listing, organization};
use crate::error::StoreError;
use crate::page::{Page, PageRequest};

pub use crate::entities::organization::Model as OrganizationRow;

#[derive(Debug, Clone, Default)]
pub struct OrganizationFilter {
    pub region: Option<Region>,
    pub org_type: Option<OrgType>,
    /// A sector slug; a top-level sector also matches its sub-sectors.
    pub sector: Option<String>,
    pub verified: Option<bool>,
}

/// Matches a JSON text array column containing `slug` or, for a top-level
/// slug, any of its sub-sectors (`"slug.`).
pub(crate) fn sector_condition<C: ColumnTrait>(column: C, slug: &str) -> Condition {
    let escaped = slug.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let exact = LikeExpr::new(format!("%\"{escaped}\"%")).escape('\\');
    let child = LikeExpr::new(format!("%\"{escaped}.%")).escape('\\');
    Condition::any()
        .add(Expr::col(column).like(exact))
        .add(Expr::col(column).like(child))
}

pub async fn find_by_external_id<C: ConnectionTrait>(
    conn: &C,
    external_id: &str,
) -> Result<Option<OrganizationRow>, StoreError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::ExternalId.eq(external_id))
        .one(conn)
        .await?)
}

pub async fn find_by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<OrganizationRow>, StoreError> {
    Ok(organization::Entity::find_by_id(id).one(conn).await?)
}

/// The organizations of these listings, found without reading the listings
/// first (so both can be read at once, on two connections).
pub async fn of_listings<C: ConnectionTrait>(
    conn: &C,
    listing_ids: &[i64],
) -> Result<Vec<OrganizationRow>, StoreError> {
    let mut out: Vec<OrganizationRow> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for chunk in listing_ids.chunks(500) {
        let owners = sea_orm::sea_query::Query::select()
            .column(listing::Column::OrganizationId)
            .from(listing::Entity)
            .and_where(listing::Column::Id.is_in(chunk.iter().copied()))
            .to_owned();
        for org in organization::Entity::find()
            .filter(organization::Column::Id.in_subquery(owners))
            .all(conn)
            .await?
        {
            if seen.insert(org.id) {
                out.push(org);
            }
        }
    }
    Ok(out)
}

pub async fn find_by_ids<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<OrganizationRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.is_in(ids.iter().copied()))
        .all(conn)
        .await?)
}

pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &OrganizationFilter,
    page: PageRequest,
) -> Result<Page<OrganizationRow>, StoreError> {
    let mut query = organization::Entity::find();
    if let Some(region) = filter.region {
        query = query.filter(organization::Column::Region.eq(region.as_str()));
    }
    if let Some(org_type) = filter.org_type {
        query = query.filter(organization::Column::OrgType.eq(org_type.as_str()));
    }
    if let Some(sector) = &filter.sector {
        query = query.filter(sector_condition(organization::Column::Sectors, sector));
    }
    if let Some(verified) = filter.verified {
        query = query.filter(organization::Column::Verified.eq(verified));
    }
    let query = query.order_by_asc(organization::Column::Id);
    crate::page::fetch(conn, query, page).await
}

/// Every organization, in id order, in batches (for export and reindexing).
pub async fn all_after<C: ConnectionTrait>(
    conn: &C,
    after_id: i64,
    limit: u64,
) -> Result<Vec<OrganizationRow>, StoreError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::Id.gt(after_id))
        .order_by_asc(organization::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    record: &OrganizationRecord,
    now: DateTime<Utc>,
) -> Result<OrganizationRow, StoreError> {
    let mut active = organization::ActiveModel {
        verified: Set(false),
        verified_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply_organization(&mut active, record);
    let row = active.insert(conn).await?;
    change_log::append(
        conn,
        EntityKind::Organization,
        row.id,
        &row.external_id,
        Op::Upsert,
        now,
    )
    .await?;
    Ok(row)
}

/// Replaces an organization's fields with `record`'s.
pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: OrganizationRow,
    record: &OrganizationRecord,
    now: DateTime<Utc>,
) -> Result<OrganizationRow, StoreError> {
    let mut active: organization::ActiveModel = row.into();
    apply_organization(&mut active, record);
    active.updated_at = Set(now);
    let row = active.update(conn).await?;
    change_log::append(
        conn,
        EntityKind::Organization,
        row.id,
        &row.external_id,
        Op::Upsert,
        now,
    )
    .await?;
    Ok(row)
}

pub async fn set_verified<C: ConnectionTrait>(
    conn: &C,
    row: OrganizationRow,
    verified: bool,
    now: DateTime<Utc>,
) -> Result<OrganizationRow, StoreError> {
    let mut active: organization::ActiveModel = row.into();
    active.verified = Set(verified);
    active.verified_at = Set(verified.then_some(now));
    active.updated_at = Set(now);
    let row = active.update(conn).await?;
    change_log::append(
        conn,
        EntityKind::Organization,
        row.id,
        &row.external_id,
        Op::Upsert,
        now,
    )
    .await?;
    Ok(row)
}

/// Deletes an organization and its listings, logging each deletion.
pub async fn delete<C: ConnectionTrait>(conn: &C, row: &OrganizationRow, now: DateTime<Utc>) -> Result<(), StoreError> {
    let listings = listing::Entity::find()
        .filter(listing::Column::OrganizationId.eq(row.id))
        .all(conn)
        .await?;
    for listing_row in &listings {
        change_log::append(
            conn,
            EntityKind::Listing,
            listing_row.id,
            &listing_row.external_id,
            Op::Delete,
            now,
        )
        .await?;
    }
    listing::Entity::delete_many()
        .filter(listing::Column::OrganizationId.eq(row.id))
        .exec(conn)
        .await?;
    organization::Entity::delete_by_id(row.id).exec(conn).await?;
    change_log::append(
        conn,
        EntityKind::Organization,
        row.id,
        &row.external_id,
        Op::Delete,
        now,
    )
    .await?;
    Ok(())
}

/// What an idempotent upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Created,
    Updated,
    Unchanged,
}

/// Inserts or replaces by external id; a record equal to what is stored is left alone (no change-log row).
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    record: &OrganizationRecord,
    now: DateTime<Utc>,
) -> Result<(OrganizationRow, Upserted), StoreError> {
    match find_by_external_id(conn, &record.external_id).await? {
        None => Ok((insert(conn, record, now).await?, Upserted::Created)),
        Some(row) if organization_record(&row)? == *record => Ok((row, Upserted::Unchanged)),
        Some(row) => Ok((update(conn, row, record, now).await?, Upserted::Updated)),
    }
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, StoreError> {
    Ok(organization::Entity::find().count(conn).await?)
}
