//! Partner recommendations: the matching engine (`hulian-matching`) over an
//! in-memory index of every listing, kept in step with the database's change
//! log before each request, and the owners' shortlist/dismiss decisions.
//!
//! Who may call: anyone who may see a listing sees its matches (only public
//! listings are ever proposed); its organization's owners and editors, and
//! admins, shortlist or dismiss, and see an organization's recommendations.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use hulian_domain::OrgType;
use hulian_matching::{
    DocTerms, ListingMeta, Match, MatchConfig, MatchContext, MatchIndex, MatchProfile, TermStats, Weights,
};
use hulian_store::convert::listing_record;
use hulian_store::listings::{self, ListingRow};
use hulian_store::organizations::{self, OrganizationRow};
use hulian_store::{change_log, feedback};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::accounts::require_login;
use crate::app::App;
use crate::error::ServiceError;
use crate::organizations::require_editor;
use crate::principal::Caller;
use crate::views::ListingView;

pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 100;

#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchQuery {
    /// 1–100, default 20.
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Shortlisted,
    Dismissed,
}

impl Decision {
    fn as_str(self) -> &'static str {
        match self {
            Decision::Shortlisted => "shortlisted",
            Decision::Dismissed => "dismissed",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackInput {
    pub decision: Decision,
}

/// One factor of a match score.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FactorView {
    /// `text`, `sector`, `amount`, `mode`, `region`, `complementarity`, `freshness` or `verification`.
    pub name: String,
    pub weight: f64,
    /// 0–1.
    pub value: f64,
    /// weight × value, normalized: the factors' contributions add up to the score.
    pub contribution: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReasonView {
    pub factor: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MatchView {
    pub listing: ListingView,
    /// 0–1.
    pub score: f64,
    pub factors: Vec<FactorView>,
    pub reasons: Vec<ReasonView>,
    /// The owners' decision, shown to the listing's owners and editors only.
    pub decision: Option<Decision>,
    /// For organization recommendations: which of its listings this matches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_listing: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MatchesView {
    /// The query listing's external id (or the organization's, for recommendations).
    pub query: String,
    pub matches: Vec<MatchView>,
}

/// The in-memory matching index and the corpus statistics its text vectors use.
pub struct MatchState {
    inner: Mutex<Inner>,
    config: MatchConfig,
}

#[derive(Default)]
struct Inner {
    index: MatchIndex,
    stats: TermStats,
    terms: HashMap<i64, DocTerms>,
    /// The last change-log id applied; `None` before the first load.
    applied: Option<i64>,
}

impl std::fmt::Debug for MatchState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MatchState(..)")
    }
}

impl MatchState {
    pub fn new(weights: Weights, counterparts: hulian_domain::Counterparts) -> Arc<Self> {
        Arc::new(MatchState {
            inner: Mutex::new(Inner::default()),
            config: MatchConfig::new(weights, counterparts),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn meta(row: &ListingRow, org: &OrganizationRow) -> ListingMeta {
    ListingMeta {
        id: row.id,
        org_id: org.id,
        org_type: OrgType::parse(&org.org_type).unwrap_or(OrgType::Enterprise),
        org_verified: org.verified,
        updated_at: row.updated_at.timestamp(),
    }
}

/// The candidates the owners dismissed: never proposed again.
fn dismissed(decisions: &HashMap<i64, Decision>) -> HashSet<i64> {
    decisions
        .iter()
        .filter(|(_, d)| **d == Decision::Dismissed)
        .map(|(id, _)| *id)
        .collect()
}

fn decision_of(text: &str) -> Option<Decision> {
    match text {
        "shortlisted" => Some(Decision::Shortlisted),
        "dismissed" => Some(Decision::Dismissed),
        _ => None,
    }
}

impl App {
    /// Brings the matching index up to date: a full load the first time, the
    /// change log after that.
    pub async fn sync_matching(&self) -> ServiceResult<()> {
        let conn = self.store.conn();
        let applied = self.matching.lock().applied;
        let Some(after) = applied else {
            let upto = change_log::latest_id(conn).await?;
            let mut rows = Vec::new();
            let mut after_id = 0;
            loop {
                let batch = listings::all_after(conn, after_id, 5000).await?;
                let Some(last) = batch.last() else { break };
                after_id = last.id;
                rows.extend(listings::with_organizations(conn, batch).await?);
            }
            let mut built = Vec::with_capacity(rows.len());
            for (row, org) in &rows {
                let record = listing_record(row, &org.external_id)?;
                built.push((record, meta(row, org)));
            }
            let mut inner = Inner::default();
            for (record, meta) in &built {
                inner.terms.insert(meta.id, DocTerms::from_listing(record));
            }
            inner.stats = TermStats::from_documents(inner.terms.values());
            for (record, meta) in built {
                let terms = inner.terms.get(&meta.id).cloned().unwrap_or_default();
                inner
                    .index
                    .upsert(MatchProfile::build(&record, meta, &terms, &inner.stats));
            }
            inner.applied = Some(upto);
            let mut state = self.matching.lock();
            if state.applied.is_none() {
                *state = inner;
            }
            return Ok(());
        };
        let Some(changed) = crate::changes::since(conn, after, 100_000).await? else {
            return Ok(());
        };
        let mut records = Vec::with_capacity(changed.listings.len());
        for (row, org) in &changed.listings {
            records.push((listing_record(row, &org.external_id)?, meta(row, org)));
        }
        let mut state = self.matching.lock();
        if state.applied != Some(after) {
            return Ok(()); // another request applied these changes meanwhile
        }
        let Inner {
            index,
            stats,
            terms,
            applied,
        } = &mut *state;
        for id in &changed.listing_ids {
            if let Some(old) = terms.remove(id) {
                stats.remove(&old);
            }
            index.remove(*id);
        }
        for (record, meta) in records {
            let doc = DocTerms::from_listing(&record);
            stats.add(&doc);
            index.upsert(MatchProfile::build(&record, meta, &doc, stats));
            terms.insert(meta.id, doc);
        }
        *applied = Some(changed.last);
        Ok(())
    }

    /// Ranks from the index as it is; callers sync it first, once per request.
    pub(crate) async fn ranked(
        &self,
        query_id: i64,
        limit: usize,
        excluded: HashSet<i64>,
    ) -> ServiceResult<Vec<Match>> {
        let state = self.matching.clone();
        let today = self.today();
        tokio::task::spawn_blocking(move || {
            let inner = state.lock();
            let ctx = MatchContext::new(today, &state.config).with_terms(&inner.stats);
            inner
                .index
                .top_matches(query_id, ctx, limit, &excluded)
                .unwrap_or_default()
        })
        .await
        .map_err(|e| ServiceError::Internal(format!("matching task: {e}")))
    }

    async fn match_views(
        &self,
        matches: Vec<Match>,
        decisions: &HashMap<i64, Decision>,
        for_listing: Option<&str>,
    ) -> ServiceResult<Vec<MatchView>> {
        let ids: Vec<i64> = matches.iter().map(|m| m.id).collect();
        let rows =
            listings::with_organizations(self.store.conn(), listings::find_by_ids(self.store.conn(), &ids).await?)
                .await?;
        let by_id: HashMap<i64, &(ListingRow, OrganizationRow)> = rows.iter().map(|pair| (pair.0.id, pair)).collect();
        let mut out = Vec::with_capacity(matches.len());
        for m in matches {
            let Some((row, org)) = by_id.get(&m.id) else { continue };
            out.push(MatchView {
                listing: self.listing_view(row, org, false)?,
                score: m.score,
                factors: m
                    .factors
                    .iter()
                    .map(|f| FactorView {
                        name: f.name.as_str().to_owned(),
                        weight: f.weight,
                        value: f.value,
                        contribution: f.contribution,
                    })
                    .collect(),
                reasons: m
                    .reasons
                    .iter()
                    .map(|r| ReasonView {
                        factor: r.factor.as_str().to_owned(),
                        zh: r.zh.clone(),
                        en: r.en.clone(),
                    })
                    .collect(),
                decision: decisions.get(&m.id).copied(),
                for_listing: for_listing.map(str::to_owned),
            });
        }
        Ok(out)
    }

    async fn decisions(&self, listing_id: i64) -> ServiceResult<HashMap<i64, Decision>> {
        Ok(feedback::of_listing(self.store.conn(), listing_id)
            .await?
            .into_iter()
            .filter_map(|row| decision_of(&row.decision).map(|d| (row.candidate_id, d)))
            .collect())
    }

    /// The best partners for a listing, best first; never what its owners dismissed.
    pub async fn listing_matches(
        &self,
        caller: Caller,
        external_id: &str,
        query: MatchQuery,
    ) -> ServiceResult<MatchesView> {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let (row, _org, editable) = self.visible_listing(caller, external_id).await?;
        // Decisions are the owners' private working notes: they shape only what the owners see.
        let decisions = if editable {
            self.decisions(row.id).await?
        } else {
            HashMap::new()
        };
        let excluded = dismissed(&decisions);
        self.sync_matching().await?;
        let matches = self.ranked(row.id, limit, excluded).await?;
        Ok(MatchesView {
            query: row.external_id,
            matches: self.match_views(matches, &decisions, None).await?,
        })
    }

    /// Matches for any listing, with the operator's authority (the CLI).
    pub async fn operator_listing_matches(&self, external_id: &str, query: MatchQuery) -> ServiceResult<MatchesView> {
        let operator = crate::principal::Principal {
            user_id: 0,
            role: hulian_domain::PlatformRole::Admin,
        };
        self.listing_matches(Some(operator), external_id, query).await
    }

    /// Shortlist or dismiss a match. Owners and editors of the listing's organization, and admins.
    pub async fn set_match_feedback(
        &self,
        caller: Caller,
        external_id: &str,
        candidate: &str,
        input: FeedbackInput,
    ) -> ServiceResult<()> {
        require_login(caller)?;
        let (row, org, _) = self.visible_listing(caller, external_id).await?;
        let principal = require_editor(self.store.conn(), caller, org.id).await?;
        let (other, _, _) = self.visible_listing(caller, candidate).await?;
        if other.id == row.id {
            return Err(ServiceError::validation(
                "candidate",
                "invalid_value",
                "a listing is not its own match",
            ));
        }
        feedback::set(
            self.store.conn(),
            row.id,
            other.id,
            input.decision.as_str(),
            principal.user_id,
            self.now(),
        )
        .await?;
        Ok(())
    }

    /// Forget a decision (a dismissed match may come back).
    pub async fn clear_match_feedback(&self, caller: Caller, external_id: &str, candidate: &str) -> ServiceResult<()> {
        require_login(caller)?;
        let (row, org, _) = self.visible_listing(caller, external_id).await?;
        require_editor(self.store.conn(), caller, org.id).await?;
        let other = listings::find_by_external_id(self.store.conn(), candidate)
            .await?
            .ok_or_else(|| ServiceError::NotFound("listing_not_found", format!("no listing `{candidate}`")))?;
        feedback::clear(self.store.conn(), row.id, other.id).await?;
        Ok(())
    }

    /// The best matches across an organization's listings (each candidate once, under its best query).
    pub async fn organization_recommendations(
        &self,
        caller: Caller,
        external_id: &str,
        query: MatchQuery,
    ) -> ServiceResult<MatchesView> {
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let org = organizations::find_by_external_id(self.store.conn(), external_id)
            .await?
            .ok_or_else(|| crate::organizations::not_found(external_id))?;
        require_editor(self.store.conn(), caller, org.id).await?;
        let ids = listings::ids_of_organizations(self.store.conn(), &[org.id]).await?;
        let rows = listings::find_by_ids(self.store.conn(), &ids).await?;
        self.sync_matching().await?;
        let mut best: HashMap<i64, (Match, String, HashMap<i64, Decision>)> = HashMap::new();
        for row in rows.iter().filter(|r| r.status != "closed") {
            let decisions = self.decisions(row.id).await?;
            let excluded = dismissed(&decisions);
            for m in self.ranked(row.id, limit, excluded).await? {
                let better = best.get(&m.id).is_none_or(|(kept, _, _)| m.score > kept.score);
                if better {
                    best.insert(m.id, (m, row.external_id.clone(), decisions.clone()));
                }
            }
        }
        let mut ranked: Vec<(Match, String, HashMap<i64, Decision>)> = best.into_values().collect();
        ranked.sort_by(|a, b| b.0.score.total_cmp(&a.0.score).then(a.0.id.cmp(&b.0.id)));
        ranked.truncate(limit);
        let mut matches = Vec::with_capacity(ranked.len());
        for (m, for_listing, decisions) in ranked {
            matches.extend(self.match_views(vec![m], &decisions, Some(&for_listing)).await?);
        }
        Ok(MatchesView {
            query: org.external_id,
            matches,
        })
    }
}
