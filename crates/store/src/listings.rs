//! Listing queries and writes. Each write appends to the change log.

use chrono::{DateTime, NaiveDate, Utc};
use hulian_domain::{ListingRecord, ListingStatus, ListingType, Region};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::change_log::{self, EntityKind, Op};
use crate::convert::{apply_listing, listing_record};
use crate::entities::listing;
use crate::error::StoreError;
use crate::organizations::{self, OrganizationRow, sector_condition};
use crate::page::{Page, PageRequest};

pub use crate::entities::listing::Model as ListingRow;

/// Which listings a caller may see.
#[derive(Debug, Clone)]
pub enum Visibility {
    /// Published and not expired on `today`.
    Public { today: NaiveDate },
    /// Public ones, and every listing of these organizations (the caller's own).
    PublicOrOwn {
        today: NaiveDate,
        organization_ids: Vec<i64>,
    },
    /// Every listing of these organizations and no other (a member's own).
    OnlyOwn { organization_ids: Vec<i64> },
    /// Everything (admins, exports).
    All,
}

#[derive(Debug, Clone)]
pub struct ListingFilter {
    pub organization_id: Option<i64>,
    pub listing_type: Option<ListingType>,
    pub sector: Option<String>,
    pub region: Option<Region>,
    pub status: Option<ListingStatus>,
    pub visibility: Visibility,
}

impl ListingFilter {
    pub fn new(visibility: Visibility) -> Self {
        ListingFilter {
            organization_id: None,
            listing_type: None,
            sector: None,
            region: None,
            status: None,
            visibility,
        }
    }
}

fn public_condition(today: NaiveDate) -> Condition {
    Condition::all()
        .add(listing::Column::Status.eq(ListingStatus::Published.as_str()))
        .add(
            Condition::any()
                .add(listing::Column::Deadline.is_null())
                .add(listing::Column::Deadline.gte(today)),
        )
}

pub async fn find_by_external_id<C: ConnectionTrait>(
    conn: &C,
    external_id: &str,
) -> Result<Option<ListingRow>, StoreError> {
    Ok(listing::Entity::find()
        .filter(listing::Column::ExternalId.eq(external_id))
        .one(conn)
        .await?)
}

/// Holds a listing until the transaction ends, so that decisions about it
/// (one open introduction per pair) are taken one at a time (see
/// [`crate::db::hold_rows`]). Changes nothing.
pub async fn lock<C: ConnectionTrait>(conn: &C, id: i64) -> Result<(), StoreError> {
    crate::db::hold_rows::<listing::Entity, _>(conn, listing::Column::Id, listing::Column::Id.eq(id)).await
}

pub async fn find_by_id<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<ListingRow>, StoreError> {
    Ok(listing::Entity::find_by_id(id).one(conn).await?)
}

pub async fn find_by_ids<C: ConnectionTrait>(conn: &C, ids: &[i64]) -> Result<Vec<ListingRow>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        out.extend(
            listing::Entity::find()
                .filter(listing::Column::Id.is_in(chunk.iter().copied()))
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

/// The ids of every listing of these organizations.
pub async fn ids_of_organizations<C: ConnectionTrait>(
    conn: &C,
    organization_ids: &[i64],
) -> Result<Vec<i64>, StoreError> {
    let mut out = Vec::new();
    for chunk in organization_ids.chunks(500) {
        let rows: Vec<i64> = listing::Entity::find()
            .select_only()
            .column(listing::Column::Id)
            .filter(listing::Column::OrganizationId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// A page of listings with their organizations.
pub async fn list<C: ConnectionTrait>(
    conn: &C,
    filter: &ListingFilter,
    page: PageRequest,
) -> Result<Page<(ListingRow, OrganizationRow)>, StoreError> {
    let mut query = listing::Entity::find();
    match &filter.visibility {
        Visibility::Public { today } => query = query.filter(public_condition(*today)),
        Visibility::PublicOrOwn {
            today,
            organization_ids,
        } => {
            query = query.filter(
                Condition::any()
                    .add(public_condition(*today))
                    .add(listing::Column::OrganizationId.is_in(organization_ids.iter().copied())),
            );
        }
        Visibility::OnlyOwn { organization_ids } => {
            query = query.filter(listing::Column::OrganizationId.is_in(organization_ids.iter().copied()));
        }
        Visibility::All => {}
    }
    if let Some(id) = filter.organization_id {
        query = query.filter(listing::Column::OrganizationId.eq(id));
    }
    if let Some(listing_type) = filter.listing_type {
        query = query.filter(listing::Column::ListingType.eq(listing_type.as_str()));
    }
    if let Some(sector) = &filter.sector {
        query = query.filter(sector_condition(listing::Column::Sectors, sector));
    }
    if let Some(region) = filter.region {
        query = query.filter(listing::Column::Region.eq(region.as_str()));
    }
    if let Some(status) = filter.status {
        query = query.filter(listing::Column::Status.eq(status.as_str()));
    }
    let query = query
        .order_by_desc(listing::Column::UpdatedAt)
        .order_by_desc(listing::Column::Id);
    let rows = crate::page::fetch(conn, query, page).await?;
    Ok(Page {
        items: with_organizations(conn, rows.items).await?,
        total: rows.total,
        page: rows.page,
        per_page: rows.per_page,
    })
}

/// Pairs each listing with its organization (one query for all of them).
pub async fn with_organizations<C: ConnectionTrait>(
    conn: &C,
    rows: Vec<ListingRow>,
) -> Result<Vec<(ListingRow, OrganizationRow)>, StoreError> {
    let mut ids: Vec<i64> = rows.iter().map(|r| r.organization_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let orgs = organizations::find_by_ids(conn, &ids).await?;
    pair_with_organizations(rows, &orgs)
}

/// Each listing with its organization, found among `orgs`.
pub fn pair_with_organizations(
    rows: Vec<ListingRow>,
    orgs: &[OrganizationRow],
) -> Result<Vec<(ListingRow, OrganizationRow)>, StoreError> {
    rows.into_iter()
        .map(|row| {
            let org = orgs
                .iter()
                .find(|o| o.id == row.organization_id)
                .cloned()
                .ok_or_else(|| StoreError::Corrupt {
                    table: "listings",
                    reason: format!("listing {} has no organization", row.id),
                })?;
            Ok((row, org))
        })
        .collect()
}

/// The ids of every listing, those of the same sectors together (in id
/// order within), for a rebuild of the search index: documents that share
/// their sectors share their words, so the matches of a search lie close
/// together in the index and in its per-document arrays.
pub async fn ids_by_sectors<C: ConnectionTrait>(conn: &C) -> Result<Vec<i64>, StoreError> {
    Ok(listing::Entity::find()
        .select_only()
        .column(listing::Column::Id)
        .order_by_asc(listing::Column::Sectors)
        .order_by_asc(listing::Column::Id)
        .into_tuple()
        .all(conn)
        .await?)
}

/// Every listing, in id order, in batches (for export and the demo data).
pub async fn all_after<C: ConnectionTrait>(conn: &C, after_id: i64, limit: u64) -> Result<Vec<ListingRow>, StoreError> {
    Ok(listing::Entity::find()
        .filter(listing::Column::Id.gt(after_id))
        .order_by_asc(listing::Column::Id)
        .limit(limit)
        .all(conn)
        .await?)
}

pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    organization_id: i64,
    record: &ListingRecord,
    now: DateTime<Utc>,
) -> Result<ListingRow, StoreError> {
    let mut active = listing::ActiveModel {
        organization_id: Set(organization_id),
        published_at: Set((record.status == ListingStatus::Published).then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply_listing(&mut active, record);
    let row = active.insert(conn).await?;
    change_log::append(conn, EntityKind::Listing, row.id, &row.external_id, Op::Upsert, now).await?;
    Ok(row)
}

pub async fn update<C: ConnectionTrait>(
    conn: &C,
    row: ListingRow,
    organization_id: i64,
    record: &ListingRecord,
    now: DateTime<Utc>,
) -> Result<ListingRow, StoreError> {
    let first_publication = row.published_at.is_none() && record.status == ListingStatus::Published;
    let mut active: listing::ActiveModel = row.into();
    apply_listing(&mut active, record);
    active.organization_id = Set(organization_id);
    if first_publication {
        active.published_at = Set(Some(now));
    }
    active.updated_at = Set(now);
    let row = active.update(conn).await?;
    change_log::append(conn, EntityKind::Listing, row.id, &row.external_id, Op::Upsert, now).await?;
    Ok(row)
}

pub async fn delete<C: ConnectionTrait>(conn: &C, row: &ListingRow, now: DateTime<Utc>) -> Result<(), StoreError> {
    listing::Entity::delete_by_id(row.id).exec(conn).await?;
    change_log::append(conn, EntityKind::Listing, row.id, &row.external_id, Op::Delete, now).await?;
    Ok(())
}

/// Inserts or replaces by external id; an identical record is left alone.
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    organization: &OrganizationRow,
    record: &ListingRecord,
    now: DateTime<Utc>,
) -> Result<(ListingRow, organizations::Upserted), StoreError> {
    use organizations::Upserted;
    match find_by_external_id(conn, &record.external_id).await? {
        None => Ok((insert(conn, organization.id, record, now).await?, Upserted::Created)),
        Some(row)
            if row.organization_id == organization.id
                && listing_record(&row, &organization.external_id)? == *record =>
        {
            Ok((row, Upserted::Unchanged))
        }
        Some(row) => Ok((
            update(conn, row, organization.id, record, now).await?,
            Upserted::Updated,
        )),
    }
}

pub async fn count<C: ConnectionTrait>(conn: &C) -> Result<u64, StoreError> {
    Ok(listing::Entity::find().count(conn).await?)
}
