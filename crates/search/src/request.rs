//! What a search asks for and what it answers: plain data for the service,
//! the HTTP endpoint and the CLI to fill in and pass on.
//!
//! User text (`q`) is never validated: any string is a query. Pages are
//! 1-based and clamped (see [`MAX_PER_PAGE`], [`MAX_RESULT_WINDOW`]).

use chrono::NaiveDate;
use hulian_domain::{ListingType, Mode, OrgType, Ownership, Region};
use serde::{Deserialize, Serialize};

use crate::facets::FacetCount;

/// Largest page.
pub const MAX_PER_PAGE: u32 = 100;
/// Deepest result reachable by paging (offset + page size).
pub const MAX_RESULT_WINDOW: u32 = 10_000;
pub const DEFAULT_PER_PAGE: u32 = 20;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Best match first; without query text, the same as `Newest`.
    #[default]
    Relevance,
    /// Most recently created first.
    Newest,
}

/// Listing filters: OR within one filter, AND across filters; empty means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListingFilters {
    pub listing_types: Vec<ListingType>,
    /// Sector slugs; a top-level slug also matches listings filed under its sub-sectors.
    pub sectors: Vec<String>,
    pub regions: Vec<Region>,
    /// Effective target regions.
    pub target_regions: Vec<Region>,
    pub org_types: Vec<OrgType>,
    pub modes: Vec<Mode>,
    /// Yuan: listings whose amount range overlaps `[amount_min, amount_max]`
    /// (either bound may be open). Listings naming no amount are left out once
    /// either bound is set.
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    /// Only listings of verified organizations.
    pub verified_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    /// Free text; empty browses.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub filters: ListingFilters,
    #[serde(default)]
    pub sort: SortOrder,
    /// 1-based.
    #[serde(default = "first_page")]
    pub page: u32,
    #[serde(default = "default_per_page")]
    pub per_page: u32,
    /// The day visibility is judged on: listings past their deadline are hidden.
    pub today: NaiveDate,
}

fn first_page() -> u32 {
    1
}

fn default_per_page() -> u32 {
    DEFAULT_PER_PAGE
}

impl SearchRequest {
    /// A first page of `q` as of `today`, unfiltered.
    pub fn new(q: impl Into<String>, today: NaiveDate) -> Self {
        SearchRequest {
            q: q.into(),
            filters: ListingFilters::default(),
            sort: SortOrder::Relevance,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            today,
        }
    }
}

/// `(offset, per_page)` after clamping.
pub(crate) fn window(page: u32, per_page: u32) -> (usize, usize) {
    let per_page = per_page.clamp(1, MAX_PER_PAGE);
    let max_page = (MAX_RESULT_WINDOW / per_page).max(1);
    let page = page.clamp(1, max_page);
    ((page - 1) as usize * per_page as usize, per_page as usize)
}

/// A listing found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingHit {
    /// Internal database id.
    pub id: i64,
    pub external_id: String,
    /// Relevance (0 when browsing or sorting by date).
    pub score: f32,
    pub title: String,
    pub title_en: Option<String>,
    /// The title, HTML-escaped, matches in `<mark>`.
    pub title_html: String,
    pub title_en_html: Option<String>,
    /// A passage of the description (or English description, or tags),
    /// HTML-escaped, matches in `<mark>`.
    pub snippet_html: String,
    /// What the query matched in this listing, for "why this result".
    pub matched: Vec<String>,
}

/// Facet counts for the query and filters; each facet ignores its own filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListingFacets {
    pub listing_type: Vec<FacetCount>,
    pub sector: Vec<FacetCount>,
    pub region: Vec<FacetCount>,
    pub target_region: Vec<FacetCount>,
    pub org_type: Vec<FacetCount>,
    pub mode: Vec<FacetCount>,
    /// Bucket slugs of [`crate::AMOUNT_BUCKETS`] and `unspecified`.
    pub amount: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub hits: Vec<ListingHit>,
    /// Visible listings matching the query and every filter.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub facets: ListingFacets,
    /// Few listings matched every word, so the results also include partial
    /// matches (any word, parts of compounds, narrower terms).
    pub widened: bool,
    pub took_ms: f64,
}

/// Organization filters: OR within one filter, AND across filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrganizationFilters {
    pub org_types: Vec<OrgType>,
    pub regions: Vec<Region>,
    pub sectors: Vec<String>,
    pub ownerships: Vec<Ownership>,
    pub verified_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationSearchRequest {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub filters: OrganizationFilters,
    #[serde(default)]
    pub sort: SortOrder,
    #[serde(default = "first_page")]
    pub page: u32,
    #[serde(default = "default_per_page")]
    pub per_page: u32,
}

impl OrganizationSearchRequest {
    pub fn new(q: impl Into<String>) -> Self {
        OrganizationSearchRequest {
            q: q.into(),
            filters: OrganizationFilters::default(),
            sort: SortOrder::Relevance,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationHit {
    pub id: i64,
    pub external_id: String,
    pub score: f32,
    pub name: String,
    pub name_en: Option<String>,
    pub name_html: String,
    pub name_en_html: Option<String>,
    pub snippet_html: String,
    pub matched: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationFacets {
    pub org_type: Vec<FacetCount>,
    pub region: Vec<FacetCount>,
    pub sector: Vec<FacetCount>,
    pub ownership: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationSearchResponse {
    pub hits: Vec<OrganizationHit>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub facets: OrganizationFacets,
    /// As in [`SearchResponse::widened`].
    pub widened: bool,
    pub took_ms: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_clamped() {
        assert_eq!(window(0, 0), (0, 1));
        assert_eq!(window(3, 20), (40, 20));
        assert_eq!(window(1, 1000), (0, 100));
        assert_eq!(window(u32::MAX, 100), (9_900, 100));
    }
}
