//! What the index is told about a listing or an organization: plain data the
//! service fills from the database (or from exchange-format records), with
//! everything already resolved (the owning organization's name and type, the
//! effective target regions).
//!
//! These are inputs only; what a search returns is in `request.rs`.

use chrono::{Datelike, NaiveDate};
use hulian_domain::taxonomy;
use hulian_domain::{
    Counterparts, ListingRecord, ListingStatus, ListingType, Mode, OrgType, OrganizationRecord, Ownership, Region,
};
use serde::{Deserialize, Serialize};

/// A listing as the search index sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingDoc {
    /// Internal database id: the key for upserts and deletes.
    pub id: i64,
    pub external_id: String,
    pub listing_type: ListingType,
    pub title: String,
    pub title_en: Option<String>,
    pub description: String,
    pub description_en: Option<String>,
    pub tags: Vec<String>,
    /// Sector slugs; sub-sectors are expanded with their parents when indexed,
    /// so raw or already expanded slugs both do.
    pub sectors: Vec<String>,
    pub region: Region,
    /// Effective target regions: the record's own, or the counterparts of `region`.
    pub target_regions: Vec<Region>,
    pub org_external_id: String,
    pub org_name: String,
    pub org_name_en: Option<String>,
    pub org_type: OrgType,
    pub org_verified: bool,
    /// Yuan; a missing bound is open.
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    pub modes: Vec<Mode>,
    pub status: ListingStatus,
    /// Last day the listing is visible; expiry is evaluated at query time.
    pub deadline: Option<NaiveDate>,
    /// Unix seconds.
    pub created_at: i64,
    pub updated_at: i64,
}

impl ListingDoc {
    /// Builds the document of an exchange-format listing owned by `organization`.
    pub fn from_records(
        id: i64,
        listing: &ListingRecord,
        organization: &OrganizationRecord,
        counterparts: &Counterparts,
        org_verified: bool,
        created_at: i64,
        updated_at: i64,
    ) -> Self {
        ListingDoc {
            id,
            external_id: listing.external_id.clone(),
            listing_type: listing.listing_type,
            title: listing.title.clone(),
            title_en: listing.title_en.clone(),
            description: listing.description.clone(),
            description_en: listing.description_en.clone(),
            tags: listing.tags.clone(),
            sectors: taxonomy::expand(&listing.sectors),
            region: listing.region,
            target_regions: listing.effective_target_regions(counterparts),
            org_external_id: organization.external_id.clone(),
            org_name: organization.name.clone(),
            org_name_en: organization.name_en.clone(),
            org_type: organization.org_type,
            org_verified,
            amount_min: listing.amount_cny_min,
            amount_max: listing.amount_cny_max,
            modes: listing.modes.clone(),
            status: listing.status,
            deadline: listing.deadline,
            created_at,
            updated_at,
        }
    }

    pub(crate) fn expanded_sectors(&self) -> Vec<String> {
        taxonomy::expand(&self.sectors)
    }
}

/// An organization as the search index sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationDoc {
    pub id: i64,
    pub external_id: String,
    pub name: String,
    pub name_en: Option<String>,
    pub org_type: OrgType,
    pub region: Region,
    pub district: Option<String>,
    pub sectors: Vec<String>,
    pub ownership: Option<Ownership>,
    pub description: String,
    pub description_en: Option<String>,
    pub verified: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl OrganizationDoc {
    pub fn from_record(id: i64, record: &OrganizationRecord, verified: bool, created_at: i64, updated_at: i64) -> Self {
        OrganizationDoc {
            id,
            external_id: record.external_id.clone(),
            name: record.name.clone(),
            name_en: record.name_en.clone(),
            org_type: record.org_type,
            region: record.region,
            district: record.district.clone(),
            sectors: taxonomy::expand(&record.sectors),
            ownership: record.ownership,
            description: record.description.clone(),
            description_en: record.description_en.clone(),
            verified,
            created_at,
            updated_at,
        }
    }

    pub(crate) fn expanded_sectors(&self) -> Vec<String> {
        taxonomy::expand(&self.sectors)
    }
}

/// Days since the start of the common era, the unit deadlines are stored and compared in.
pub(crate) fn days_from_date(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}
