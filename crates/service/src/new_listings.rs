//! The alerts follower: turns newly published listings into notices.
//!
//! It follows the change log like the search index does, from a cursor of its
//! own kept in the database (`alert_cursors`), and only up to the change the
//! search index has applied, because saved searches are evaluated by the
//! search engine. For each listing that is published and visible and that it
//! has not seen published before, it tells:
//!
//! * the owner of every saved search the listing matches (`saved_search.hit`,
//!   inbox only): the saved query is run on the live index, newest first, and
//!   the new listing must be among its results, exactly as the same search
//!   would show them (including the search's widening of rare words), so an
//!   alert never disagrees with what the user sees when they open the search;
//! * the organizations whose listings are among its best matches
//!   ([`MATCH_TOP_N`] with a score of at least [`MATCH_MIN_SCORE`]), with
//!   `match.new` (inbox and webhooks).
//!
//! Each listing's notices are written in one transaction together with marks
//! (`alert_marks`: the listing seen published, each pair told) that make every
//! notice happen once: a restart, a replay after a crash before the cursor
//! moved, or a second server instance repeats nothing, and the cursor only
//! moves past changes that were dealt with, so nothing is skipped.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::Duration;

use hulian_search::{SearchRequest, SortOrder};
use hulian_store::alerts::{self as store, SavedSearchRow};
use hulian_store::change_log;
use hulian_store::listings::{self, ListingRow};
use hulian_store::organizations::OrganizationRow;
use serde_json::{Value, json};

use crate::ServiceResult;
use crate::alerts::{Event, Notice, notify};
use crate::app::App;
use crate::error::ServiceError;
use crate::saved_searches::SavedQuery;
use crate::views::is_expired;

/// The follower's name in `alert_cursors` (seeded by its migration).
const CURSOR: &str = "new_listings";
/// Changes read per pass.
const BATCH: u64 = 500;
/// Matches of a new listing that are told about.
pub const MATCH_TOP_N: usize = 5;
/// Weaker matches are not worth an alert (scores are 0–1).
pub const MATCH_MIN_SCORE: f64 = 0.4;
/// Results read per page, and pages at most, when evaluating a saved search.
const SEARCH_PAGE: u32 = 100;
const SEARCH_PAGES: u32 = 10;

/// What a notice says about a listing: public fields only.
fn listing_data(row: &ListingRow, org: &OrganizationRow) -> Value {
    json!({
        "id": row.external_id,
        "title": row.title,
        "title_en": row.title_en,
        "listing_type": row.listing_type,
        "region": row.region,
        "organization": org.external_id,
        "organization_name": org.name,
    })
}

impl App {
    /// Deals with every change the search index has applied and this follower
    /// has not; returns how many changes it went through.
    pub async fn run_alerts_once(&self) -> ServiceResult<u64> {
        let conn = self.store.conn();
        let index = self
            .search
            .as_ref()
            .ok_or_else(|| ServiceError::Internal("the alerts follower needs the search index".to_owned()))?
            .index
            .clone();
        let mut handled = 0;
        loop {
            let after = store::cursor(conn, CURSOR).await?;
            let upto = index.last_change_id().unwrap_or(0);
            if upto <= after {
                return Ok(handled);
            }
            let changes: Vec<_> = change_log::since(conn, after, BATCH)
                .await?
                .into_iter()
                .filter(|change| change.id <= upto)
                .collect();
            let Some(last) = changes.last().map(|change| change.id) else {
                return Ok(handled);
            };
            let listing_ids: Vec<i64> = changes
                .iter()
                .filter(|change| change.entity == "listing")
                .map(|change| change.entity_id)
                .collect::<BTreeSet<i64>>()
                .into_iter()
                .collect();
            self.alert_new_listings(&listing_ids).await?;
            store::set_cursor(conn, CURSOR, last).await?;
            handled += changes.len() as u64;
        }
    }

    /// Follows the change log until the process ends, a pass every second.
    pub fn spawn_alerts_follower(&self) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = app.run_alerts_once().await {
                    tracing::error!(error = %e, "alerts follower failed; retrying");
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        })
    }

    async fn alert_new_listings(&self, listing_ids: &[i64]) -> ServiceResult<()> {
        let conn = self.store.conn();
        let today = self.today();
        let mut fresh = Vec::new();
        for (row, org) in listings::with_organizations(conn, listings::find_by_ids(conn, listing_ids).await?).await? {
            let visible =
                row.status == hulian_domain::ListingStatus::Published.as_str() && !is_expired(row.deadline, today);
            if visible && !store::is_marked(conn, "published", row.id, 0).await? {
                fresh.push((row, org));
            }
        }
        if fresh.is_empty() {
            return Ok(());
        }
        let hits = self.saved_search_hits(&fresh).await?;
        self.sync_matching().await?;
        for (row, org) in &fresh {
            let matches: Vec<(i64, f64)> = self
                .ranked(row.id, MATCH_TOP_N, HashSet::new())
                .await?
                .into_iter()
                .filter(|m| m.score >= MATCH_MIN_SCORE)
                .map(|m| (m.id, m.score))
                .collect();
            let ids: Vec<i64> = matches.iter().map(|(id, _)| *id).collect();
            let matched: HashMap<i64, (ListingRow, OrganizationRow)> =
                listings::with_organizations(conn, listings::find_by_ids(conn, &ids).await?)
                    .await?
                    .into_iter()
                    .map(|(r, o)| (r.id, (r, o)))
                    .collect();
            let now = self.now();
            let txn = self.store.begin_write().await?;
            if !store::mark_once(&txn, "published", row.id, 0, now).await? {
                continue; // another instance dealt with it meanwhile
            }
            let new_listing = listing_data(row, org);
            for saved in hits.get(&row.id).into_iter().flatten() {
                if store::mark_once(&txn, "saved_search", saved.id, row.id, now).await? {
                    let notice = Notice {
                        event: Event::SavedSearchHit,
                        organization_ids: Vec::new(),
                        user_ids: vec![saved.user_id],
                        actor_user_id: None,
                        data: json!({
                            "saved_search": {"id": saved.id, "name": saved.name},
                            "listing": new_listing,
                        }),
                    };
                    notify(&txn, notice).await?;
                }
            }
            for (id, score) in &matches {
                let Some((their_row, their_org)) = matched.get(id) else {
                    continue;
                };
                let (first, second) = (row.id.min(*id), row.id.max(*id));
                if store::mark_once(&txn, "match", first, second, now).await? {
                    let notice = Notice {
                        event: Event::MatchNew,
                        organization_ids: vec![their_org.id],
                        user_ids: Vec::new(),
                        actor_user_id: None,
                        data: json!({
                            "listing": listing_data(their_row, their_org),
                            "matched_listing": new_listing,
                            "score": (score * 1000.0).round() / 1000.0,
                        }),
                    };
                    notify(&txn, notice).await?;
                }
            }
            txn.commit().await?;
        }
        Ok(())
    }

    /// For each new listing, the saved searches whose results include it.
    async fn saved_search_hits(
        &self,
        fresh: &[(ListingRow, OrganizationRow)],
    ) -> ServiceResult<HashMap<i64, Vec<SavedSearchRow>>> {
        let conn = self.store.conn();
        let wanted: HashSet<i64> = fresh.iter().map(|(row, _)| row.id).collect();
        let oldest = fresh
            .iter()
            .map(|(row, _)| row.created_at.timestamp())
            .min()
            .unwrap_or_default();
        let mut hits: HashMap<i64, Vec<SavedSearchRow>> = HashMap::new();
        let mut after = 0;
        loop {
            let batch = store::saved_searches_after(conn, after, 200).await?;
            let Some(last) = batch.last() else { break };
            after = last.id;
            for saved in batch {
                let Ok(query) = serde_json::from_str::<SavedQuery>(&saved.query) else {
                    tracing::warn!(saved_search = saved.id, "unreadable saved query; skipped");
                    continue;
                };
                for id in self.listings_found(&query, &wanted, oldest).await? {
                    hits.entry(id).or_default().push(saved.clone());
                }
            }
        }
        Ok(hits)
    }

    /// Which of `wanted` the saved query finds. Results come newest first, so
    /// the pages stop once they are older than the oldest wanted listing.
    async fn listings_found(&self, query: &SavedQuery, wanted: &HashSet<i64>, oldest: i64) -> ServiceResult<Vec<i64>> {
        let conn = self.store.conn();
        let index = self
            .search
            .as_ref()
            .ok_or_else(|| ServiceError::Internal("the alerts follower needs the search index".to_owned()))?
            .index
            .clone();
        let mut found = Vec::new();
        for page in 1..=SEARCH_PAGES {
            let request = SearchRequest {
                q: query.q.clone().unwrap_or_default(),
                filters: query.filters(),
                sort: SortOrder::Newest,
                page,
                per_page: SEARCH_PAGE,
                today: self.today(),
            };
            let index = index.clone();
            let response = tokio::task::spawn_blocking(move || index.search_listings(&request))
                .await
                .map_err(|e| ServiceError::Internal(format!("search task: {e}")))?
                .map_err(|e| ServiceError::Internal(e.to_string()))?;
            for hit in &response.hits {
                if wanted.contains(&hit.id) && !found.contains(&hit.id) {
                    found.push(hit.id);
                }
            }
            let Some(last) = response.hits.last() else { break };
            if found.len() == wanted.len() || response.hits.len() < SEARCH_PAGE as usize {
                break;
            }
            let last_created = listings::find_by_id(conn, last.id)
                .await?
                .map_or(i64::MIN, |row| row.created_at.timestamp());
            if last_created < oldest {
                break;
            }
        }
        Ok(found)
    }
}
