//! Reading the change log for the derived indexes (search, matching): a batch
//! of changes collapsed to the current rows they touched.

use std::collections::BTreeSet;

use hulian_store::listings::{self, ListingRow};
use hulian_store::organizations::{self, OrganizationRow};
use hulian_store::{ConnectionTrait, change_log};

use crate::ServiceResult;

/// The records touched by changes `(after, last]`, as they are now.
pub(crate) struct Changed {
    /// Id of the newest change in the batch.
    pub last: i64,
    /// Changes in the batch.
    pub count: u64,
    /// Listings changed, and every listing of a changed organization (its
    /// name, type and verification are part of the listing's derived data).
    pub listing_ids: Vec<i64>,
    /// Those of them that still exist, with their organizations.
    pub listings: Vec<(ListingRow, OrganizationRow)>,
    pub organization_ids: Vec<i64>,
    /// Those of them that still exist.
    pub organizations: Vec<OrganizationRow>,
}

impl Changed {
    pub fn deleted_listings(&self) -> Vec<i64> {
        let present: BTreeSet<i64> = self.listings.iter().map(|(row, _)| row.id).collect();
        self.listing_ids
            .iter()
            .copied()
            .filter(|id| !present.contains(id))
            .collect()
    }

    pub fn deleted_organizations(&self) -> Vec<i64> {
        let present: BTreeSet<i64> = self.organizations.iter().map(|o| o.id).collect();
        self.organization_ids
            .iter()
            .copied()
            .filter(|id| !present.contains(id))
            .collect()
    }
}

/// At most `limit` changes after `after`, collapsed: the current row is what
/// counts, whatever happened before. `None` when there is nothing new.
pub(crate) async fn since<C: ConnectionTrait>(conn: &C, after: i64, limit: u64) -> ServiceResult<Option<Changed>> {
    let changes = change_log::since(conn, after, limit).await?;
    let Some(last) = changes.last().map(|c| c.id) else {
        return Ok(None);
    };
    let mut listing_ids = BTreeSet::new();
    let mut organization_ids = BTreeSet::new();
    for change in &changes {
        match change.entity.as_str() {
            "listing" => listing_ids.insert(change.entity_id),
            _ => organization_ids.insert(change.entity_id),
        };
    }
    let organization_ids: Vec<i64> = organization_ids.into_iter().collect();
    listing_ids.extend(listings::ids_of_organizations(conn, &organization_ids).await?);
    let listing_ids: Vec<i64> = listing_ids.into_iter().collect();
    let rows = listings::with_organizations(conn, listings::find_by_ids(conn, &listing_ids).await?).await?;
    let organizations = organizations::find_by_ids(conn, &organization_ids).await?;
    Ok(Some(Changed {
        last,
        count: changes.len() as u64,
        listing_ids,
        listings: rows,
        organization_ids,
        organizations,
    }))
}
