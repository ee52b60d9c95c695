//! Full-text search over listings and organizations, in Chinese and English,
//! with filters and facet counts: the engine behind the "Search" issue.
//!
//! * [`SearchIndex`] owns the on-disk index (derived data under the data
//!   directory): upserts, deletes, commits that record the last database change
//!   applied, and the searches themselves.
//! * [`ListingDoc`] / [`OrganizationDoc`] are what the service feeds it;
//!   [`SearchRequest`] / [`SearchResponse`] (and the organization pair) are
//!   what a search takes and gives.
//! * `analysis` (jieba and English analyzers, one registry), `synonyms`
//!   (`data/synonyms.txt`), `query` (lenient parsing and query building),
//!   `eval` (the query tree, evaluated a segment and a term at a time),
//!   `snippet` (escaped highlights), `collect` (filters, facets, top-k) and
//!   `context` (the sector-name bonus, from the facet rows) are
//!   the parts; see each module.
//!
//! Not here: following the database change log, HTTP, the CLI. Those call
//! this crate (from `spawn_blocking`, since everything here blocks).

pub mod analysis;
mod collect;
mod context;
mod doc;
mod error;
mod eval;
mod facets;
mod helper;
mod index;
pub mod query;
mod request;
mod schema;
mod snippet;
pub mod synonyms;

pub use doc::{ListingDoc, OrganizationDoc};
pub use error::SearchError;
pub use facets::{AMOUNT_BUCKETS, AMOUNT_UNSPECIFIED, AmountBucket, FacetCount};
pub use index::{IndexOptions, SearchIndex};
pub use request::{
    DEFAULT_PER_PAGE, ListingFacets, ListingFilters, ListingHit, MAX_PER_PAGE, MAX_RESULT_WINDOW, OrganizationFacets,
    OrganizationFilters, OrganizationHit, OrganizationSearchRequest, OrganizationSearchResponse, SearchRequest,
    SearchResponse, SortOrder,
};
pub use schema::SCHEMA_VERSION;
pub use snippet::escape_html;
