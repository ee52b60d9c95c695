//! Search over the tantivy index, and keeping that index in step with the
//! database.
//!
//! The index is derived data under `<data-dir>/index`. A follower reads the
//! change log after the last change the index applied (kept in the index's
//! commit payload, so a crash at any moment resumes from a consistent point)
//! and applies it; writes wake it, so a change is searchable well within a
//! second. `reindex` rebuilds everything from the database.
//!
//! Who may call: search is public (published, unexpired listings only).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use hulian_domain::{ListingType, Mode, OrgType, Region};
use hulian_search::{ListingDoc, ListingFilters, OrganizationDoc, SearchIndex, SearchRequest, SortOrder};
use hulian_store::change_log;
use hulian_store::convert::{listing_record, organization_record};
use hulian_store::listings::{self, ListingRow};
use hulian_store::organizations::{self, OrganizationRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::app::App;
use crate::error::ServiceError;
use crate::principal::Caller;
use crate::views::ListingView;

/// Query string of a listing search. Multi-valued filters are comma-separated.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Free text in Chinese or English; anything is accepted (unparseable syntax is searched as words). Empty browses.
    pub q: Option<String>,
    /// e.g. `project,fund_mandate`
    pub listing_type: Option<String>,
    /// Sector slugs; a top-level sector also matches its sub-sectors.
    pub sector: Option<String>,
    pub region: Option<String>,
    /// Where partners are sought (the default applied).
    pub target_region: Option<String>,
    pub org_type: Option<String>,
    pub mode: Option<String>,
    /// Yuan: listings whose amount range overlaps [amount_min, amount_max].
    pub amount_min: Option<i64>,
    pub amount_max: Option<i64>,
    /// Only listings of verified organizations.
    pub verified: Option<bool>,
    /// `relevance` (default) or `newest`.
    pub sort: Option<String>,
    pub page: Option<u32>,
    /// 1–100, default 20.
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FacetCountView {
    pub value: String,
    pub count: u64,
}

/// Counts per value for the current query and filters.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchFacets {
    pub listing_type: Vec<FacetCountView>,
    pub sector: Vec<FacetCountView>,
    pub region: Vec<FacetCountView>,
    pub target_region: Vec<FacetCountView>,
    pub org_type: Vec<FacetCountView>,
    pub mode: Vec<FacetCountView>,
    /// Amount buckets (yuan ranges) by label.
    pub amount: Vec<FacetCountView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    pub listing: ListingView,
    pub score: f32,
    /// The title, HTML-escaped, with matches in `<mark>`: safe to render.
    pub title_html: String,
    pub title_en_html: Option<String>,
    /// A passage of the description, HTML-escaped, with matches in `<mark>`.
    pub snippet_html: String,
    /// The query terms found in this listing.
    pub matched: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    pub facets: SearchFacets,
    /// Time spent in the search engine, milliseconds.
    pub took_ms: f64,
}

fn list<T>(field: &str, value: &Option<String>, parse: fn(&str) -> Option<T>) -> ServiceResult<Vec<T>> {
    let Some(text) = value else { return Ok(Vec::new()) };
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            parse(s).ok_or_else(|| {
                ServiceError::BadRequest("invalid_query", format!("{field}: `{s}` is not a known value"))
            })
        })
        .collect()
}

fn sector_slug(slug: &str) -> Option<String> {
    hulian_domain::taxonomy::is_known(slug).then(|| slug.to_owned())
}

fn facets(items: &[hulian_search::FacetCount]) -> Vec<FacetCountView> {
    items
        .iter()
        .map(|f| FacetCountView {
            value: f.value.clone(),
            count: f.count,
        })
        .collect()
}

/// The search index handle the service shares between requests and the follower.
#[derive(Clone)]
pub struct SearchHandle {
    pub index: Arc<SearchIndex>,
    wakeup: Arc<tokio::sync::Notify>,
    /// Held while changes are applied or the index is rebuilt: a rebuild adds
    /// documents without deleting older versions, so nothing else may write
    /// to the index meanwhile.
    writing: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for SearchHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SearchHandle(..)")
    }
}

impl SearchHandle {
    pub fn new(index: SearchIndex) -> Self {
        SearchHandle {
            index: Arc::new(index),
            wakeup: Arc::new(tokio::sync::Notify::new()),
            writing: Arc::new(tokio::sync::Mutex::new(())),
        }
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, hulian_search::SearchError> + Send + 'static,
) -> ServiceResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ServiceError::Internal(format!("search task: {e}")))?
        .map_err(|e| ServiceError::Internal(e.to_string()))
}

impl App {
    /// Tells the follower that the change log has grown.
    pub fn index_changed(&self) {
        if let Some(search) = &self.search {
            search.wakeup.notify_one();
        }
    }

    fn search_handle(&self) -> ServiceResult<&SearchHandle> {
        self.search
            .as_ref()
            .ok_or_else(|| ServiceError::Internal("the search index is not open in this process".to_owned()))
    }

    /// The ids of the indexed listings, per segment in index order.
    pub async fn indexed_listing_order(&self) -> ServiceResult<Vec<Vec<i64>>> {
        let index = self.search_handle()?.index.clone();
        blocking(move || index.listing_ids_by_segment()).await
    }

    pub async fn search_listings(&self, _caller: Caller, query: SearchQuery) -> ServiceResult<SearchResults> {
        let filters = ListingFilters {
            listing_types: list("listing_type", &query.listing_type, ListingType::parse)?,
            sectors: list("sector", &query.sector, sector_slug)?,
            regions: list("region", &query.region, Region::parse)?,
            target_regions: list("target_region", &query.target_region, Region::parse)?,
            org_types: list("org_type", &query.org_type, OrgType::parse)?,
            modes: list("mode", &query.mode, Mode::parse)?,
            amount_min: query.amount_min,
            amount_max: query.amount_max,
            verified_only: query.verified.unwrap_or(false),
        };
        let sort = match query.sort.as_deref() {
            None | Some("relevance") => SortOrder::Relevance,
            Some("newest") => SortOrder::Newest,
            Some(other) => {
                return Err(ServiceError::BadRequest(
                    "invalid_query",
                    format!("sort: `{other}` is not relevance or newest"),
                ));
            }
        };
        let request = SearchRequest {
            q: query.q.unwrap_or_default(),
            filters,
            sort,
            page: query.page.unwrap_or(1),
            per_page: query.per_page.unwrap_or(hulian_search::DEFAULT_PER_PAGE),
            today: self.today(),
        };
        let index = self.search_handle()?.index.clone();
        let response = blocking(move || index.search_listings(&request)).await?;
        let ids: Vec<i64> = response.hits.iter().map(|h| h.id).collect();
        // The rows and their organizations, read at once on two connections.
        let conn = self.store.conn();
        let (rows, orgs) = tokio::try_join!(
            listings::find_by_ids(conn, &ids),
            organizations::of_listings(conn, &ids)
        )?;
        let rows = listings::pair_with_organizations(rows, &orgs)?;
        let by_id: HashMap<i64, (ListingRow, OrganizationRow)> =
            rows.into_iter().map(|(l, o)| (l.id, (l, o))).collect();
        let mut hits = Vec::with_capacity(response.hits.len());
        for hit in response.hits {
            // A hit deleted since the last index commit is skipped, not shown stale.
            let Some((row, org)) = by_id.get(&hit.id) else { continue };
            hits.push(SearchHit {
                listing: self.listing_view(row, org, false)?,
                score: hit.score,
                title_html: hit.title_html,
                title_en_html: hit.title_en_html,
                snippet_html: hit.snippet_html,
                matched: hit.matched,
            });
        }
        Ok(SearchResults {
            hits,
            total: response.total,
            page: response.page,
            per_page: response.per_page,
            facets: SearchFacets {
                listing_type: facets(&response.facets.listing_type),
                sector: facets(&response.facets.sector),
                region: facets(&response.facets.region),
                target_region: facets(&response.facets.target_region),
                org_type: facets(&response.facets.org_type),
                mode: facets(&response.facets.mode),
                amount: facets(&response.facets.amount),
            },
            took_ms: response.took_ms,
        })
    }

    fn listing_doc(&self, row: &ListingRow, org: &OrganizationRow) -> ServiceResult<ListingDoc> {
        let record = listing_record(row, &org.external_id)?;
        let org_record = organization_record(org)?;
        Ok(ListingDoc::from_records(
            row.id,
            &record,
            &org_record,
            &self.config.counterparts,
            org.verified,
            row.created_at.timestamp(),
            row.updated_at.timestamp(),
        ))
    }

    fn organization_doc(&self, org: &OrganizationRow) -> ServiceResult<OrganizationDoc> {
        let record = organization_record(org)?;
        Ok(OrganizationDoc::from_record(
            org.id,
            &record,
            org.verified,
            org.created_at.timestamp(),
            org.updated_at.timestamp(),
        ))
    }

    /// Applies every change logged after the index's last commit; returns how many were applied.
    pub async fn sync_search_index(&self) -> ServiceResult<u64> {
        const BATCH: u64 = 2000;
        let writing = Arc::clone(&self.search_handle()?.writing);
        let _writing = writing.lock().await;
        // A new index, or one discarded after a schema change, is rebuilt whole:
        // faster than replaying the change log from its start, and the same result.
        if self.search_handle()?.index.last_change_id().is_none() && change_log::latest_id(self.store.conn()).await? > 0
        {
            return self.rebuild(&|_, _| {}).await;
        }
        let mut applied = 0;
        loop {
            let after = self.search_handle()?.index.last_change_id().unwrap_or(0);
            let Some(changed) = crate::changes::since(self.store.conn(), after, BATCH).await? else {
                return Ok(applied);
            };
            let mut listing_docs = Vec::with_capacity(changed.listings.len());
            for (row, org) in &changed.listings {
                listing_docs.push(self.listing_doc(row, org)?);
            }
            let org_docs = changed
                .organizations
                .iter()
                .map(|o| self.organization_doc(o))
                .collect::<ServiceResult<Vec<_>>>()?;
            let gone_listings = changed.deleted_listings();
            let gone_orgs = changed.deleted_organizations();
            let last = changed.last;
            let index = self.search_handle()?.index.clone();
            blocking(move || {
                for id in gone_listings {
                    index.delete_listing(id)?;
                }
                for doc in &listing_docs {
                    index.upsert_listing(doc)?;
                }
                for id in gone_orgs {
                    index.delete_organization(id)?;
                }
                for doc in &org_docs {
                    index.upsert_organization(doc)?;
                }
                index.commit(last)
            })
            .await?;
            applied += changed.count;
        }
    }

    /// Rebuilds the index from the database.
    pub async fn reindex(&self, progress: crate::exchange::Progress<'_>) -> ServiceResult<u64> {
        let writing = Arc::clone(&self.search_handle()?.writing);
        let _writing = writing.lock().await;
        self.rebuild(progress).await
    }

    /// [`App::reindex`], with the writing lock held.
    async fn rebuild(&self, progress: crate::exchange::Progress<'_>) -> ServiceResult<u64> {
        const BATCH: u64 = 2000;
        let conn = self.store.conn();
        // Everything up to this change is in what is read below; later changes
        // are applied again by the follower, which is harmless.
        let upto = change_log::latest_id(conn).await?;
        let total = organizations::count(conn).await? + listings::count(conn).await?;
        let index = self.search_handle()?.index.clone();
        blocking(move || index.clear()).await?;
        let mut done = 0;
        let mut after = 0;
        let mut org_rows: HashMap<i64, OrganizationRow> = HashMap::new();
        loop {
            let rows = organizations::all_after(conn, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            let docs = rows
                .iter()
                .map(|o| self.organization_doc(o))
                .collect::<ServiceResult<Vec<_>>>()?;
            let index = self.search_handle()?.index.clone();
            blocking(move || docs.iter().try_for_each(|d| index.add_new_organization(d))).await?;
            done += rows.len() as u64;
            progress(done, total);
            org_rows.extend(rows.into_iter().map(|o| (o.id, o)));
        }
        // Listings of the same sectors are indexed together (see
        // `listings::ids_by_sectors`); one deleted meanwhile is just missing.
        let order = listings::ids_by_sectors(conn).await?;
        for batch in order.chunks(BATCH as usize) {
            let mut rows = listings::find_by_ids(conn, batch).await?;
            let rank: HashMap<i64, usize> = batch.iter().enumerate().map(|(i, id)| (*id, i)).collect();
            rows.sort_by_key(|row| rank.get(&row.id).copied().unwrap_or(usize::MAX));
            let mut docs = Vec::with_capacity(rows.len());
            for row in &rows {
                let org = org_rows
                    .get(&row.organization_id)
                    .ok_or_else(|| ServiceError::Internal(format!("listing {} has no organization", row.id)))?;
                docs.push(self.listing_doc(row, org)?);
            }
            let index = self.search_handle()?.index.clone();
            blocking(move || docs.iter().try_for_each(|d| index.add_new_listing(d))).await?;
            done += rows.len() as u64;
            progress(done, total);
        }
        let index = self.search_handle()?.index.clone();
        blocking(move || index.commit(upto)).await?;
        Ok(done)
    }

    /// Follows the change log until the process ends: wakes on writes, and
    /// every half second in case another process wrote to the database.
    pub fn spawn_indexer(&self) -> ServiceResult<tokio::task::JoinHandle<()>> {
        let wakeup = self.search_handle()?.wakeup.clone();
        let app = self.clone();
        Ok(tokio::spawn(async move {
            loop {
                if let Err(e) = app.sync_search_index().await {
                    tracing::error!(error = %e, "search index follower failed; retrying");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                let _ = tokio::time::timeout(Duration::from_millis(500), wakeup.notified()).await;
            }
        }))
    }
}
