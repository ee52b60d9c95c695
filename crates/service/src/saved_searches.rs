//! Saved searches: a user keeps the parameters of a listing search under a
//! name, and is told (an inbox item, `saved_search.hit`) when a newly
//! published listing matches it.
//!
//! The parameters are those of `GET /api/v1/search` (its filters and `q`;
//! not paging or sorting), checked field by field like any other input and
//! stored as JSON. A saved search is evaluated by the search engine itself
//! (see `new_listings`), so it alerts on exactly what the same search would
//! show.
//!
//! Who may call: any logged-in user, for their own saved searches only;
//! another user's answers 404 `saved_search_not_found`.

use chrono::{DateTime, Utc};
use hulian_domain::validation::FieldReader;
use hulian_domain::{ListingType, Mode, OrgType, Region};
use hulian_search::ListingFilters;
use hulian_store::alerts as store;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::ServiceResult;
use crate::accounts::require_login;
use crate::app::App;
use crate::error::ServiceError;
use crate::principal::Caller;

/// Saved searches one user may keep.
pub const MAX_SAVED_SEARCHES_PER_USER: u64 = 50;
/// Longest `q`.
const MAX_Q_CHARS: usize = 500;

/// The saved parameters: the filters and text of `GET /api/v1/search`, in
/// the same form (multi-valued filters comma-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SavedQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<bool>,
}

/// Body of `POST /api/v1/saved-searches`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SavedSearchInput {
    /// 1–200 characters.
    pub name: String,
    /// Any of `q`, `listing_type`, `sector`, `region`, `target_region`, `org_type`, `mode`,
    /// `amount_min`, `amount_max`, `verified`, as `GET /api/v1/search` takes them.
    pub query: SavedQuery,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SavedSearchView {
    pub id: i64,
    pub name: String,
    pub query: SavedQuery,
    pub created_at: DateTime<Utc>,
}

fn not_found(id: i64) -> ServiceError {
    ServiceError::NotFound("saved_search_not_found", format!("no saved search {id}"))
}

/// A comma-separated list of slugs, each checked by `parse`; normalized (trimmed, no blanks).
fn slug_list<T>(reader: &mut FieldReader<'_>, field: &str, parse: fn(&str) -> Option<T>) -> Option<String> {
    let text = reader.string(field, false, 1000)?;
    let mut slugs = Vec::new();
    for slug in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if parse(slug).is_none() {
            reader.fail(field, "invalid_value", format!("`{slug}` is not a known value"));
            return None;
        }
        if !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    (!slugs.is_empty()).then(|| slugs.join(","))
}

fn sector_slug(slug: &str) -> Option<()> {
    hulian_domain::taxonomy::is_known(slug).then_some(())
}

/// Checks a saved query field by field (errors named `query.<field>`).
fn read_query(map: &Map<String, Value>) -> Result<SavedQuery, hulian_domain::ValidationErrors> {
    let mut reader = FieldReader::new(
        map,
        &[
            "q",
            "listing_type",
            "sector",
            "region",
            "target_region",
            "org_type",
            "mode",
            "amount_min",
            "amount_max",
            "verified",
        ],
        "query.",
    );
    let q = reader.string("q", false, MAX_Q_CHARS);
    let listing_type = slug_list(&mut reader, "listing_type", ListingType::parse);
    let sector = slug_list(&mut reader, "sector", sector_slug);
    let region = slug_list(&mut reader, "region", Region::parse);
    let target_region = slug_list(&mut reader, "target_region", Region::parse);
    let org_type = slug_list(&mut reader, "org_type", OrgType::parse);
    let mode = slug_list(&mut reader, "mode", Mode::parse);
    let amount_min = reader.amount("amount_min");
    let amount_max = reader.amount("amount_max");
    if let (Some(min), Some(max)) = (amount_min, amount_max)
        && min > max
    {
        reader.fail("amount_max", "out_of_range", "must not be less than amount_min");
    }
    let verified = match reader.raw("verified") {
        None => None,
        Some(Value::Bool(flag)) => Some(*flag),
        Some(_) => {
            reader.fail("verified", "invalid_type", "must be true or false");
            None
        }
    };
    reader.finish(|| {
        Some(SavedQuery {
            q,
            listing_type,
            sector,
            region,
            target_region,
            org_type,
            mode,
            amount_min,
            amount_max,
            verified,
        })
    })
}

fn read_input(body: &Value) -> ServiceResult<(String, SavedQuery)> {
    let Value::Object(map) = body else {
        return Err(ServiceError::BadRequest(
            "invalid_body",
            "the body must be a JSON object".to_owned(),
        ));
    };
    let mut reader = FieldReader::new(map, &["name", "query"], "");
    let name = reader.string("name", true, 200);
    let query_map = match reader.raw("query") {
        None => Some(Map::new()),
        Some(_) => reader.object("query").cloned(),
    };
    let mut errors = reader.errors;
    let query = match query_map.as_ref().map(read_query) {
        Some(Ok(query)) => Some(query),
        Some(Err(more)) => {
            for error in more.0 {
                errors.push(error);
            }
            None
        }
        None => None,
    };
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    match (name, query) {
        (Some(name), Some(query)) => Ok((name, query)),
        _ => Err(ServiceError::validation("", "invalid_value", "record is incomplete")),
    }
}

impl SavedQuery {
    /// The search engine's filters for this query (stored queries were checked on the way in;
    /// a value no longer known is skipped rather than failing the follower).
    pub(crate) fn filters(&self) -> ListingFilters {
        fn parsed<T>(text: &Option<String>, parse: fn(&str) -> Option<T>) -> Vec<T> {
            text.as_deref()
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter_map(parse)
                .collect()
        }
        ListingFilters {
            listing_types: parsed(&self.listing_type, ListingType::parse),
            sectors: parsed(&self.sector, |s| {
                hulian_domain::taxonomy::is_known(s).then(|| s.to_owned())
            }),
            regions: parsed(&self.region, Region::parse),
            target_regions: parsed(&self.target_region, Region::parse),
            org_types: parsed(&self.org_type, OrgType::parse),
            modes: parsed(&self.mode, Mode::parse),
            amount_min: self.amount_min,
            amount_max: self.amount_max,
            verified_only: self.verified.unwrap_or(false),
        }
    }
}

pub(crate) fn view(row: &store::SavedSearchRow) -> SavedSearchView {
    SavedSearchView {
        id: row.id,
        name: row.name.clone(),
        query: serde_json::from_str(&row.query).unwrap_or_default(),
        created_at: row.created_at,
    }
}

impl App {
    /// The caller's saved searches, oldest first.
    pub async fn list_saved_searches(&self, caller: Caller) -> ServiceResult<Vec<SavedSearchView>> {
        let principal = require_login(caller)?;
        let rows = store::saved_searches_of(self.store.conn(), principal.user_id).await?;
        Ok(rows.iter().map(view).collect())
    }

    /// Saves a search for the caller (at most [`MAX_SAVED_SEARCHES_PER_USER`]).
    pub async fn create_saved_search(&self, caller: Caller, body: Value) -> ServiceResult<SavedSearchView> {
        let principal = require_login(caller)?;
        let (name, query) = read_input(&body)?;
        let query_json = serde_json::to_string(&query)
            .map_err(|e| ServiceError::Internal(format!("encoding a saved query: {e}")))?;
        let txn = self.store.begin_write().await?;
        if store::count_saved_searches(&txn, principal.user_id).await? >= MAX_SAVED_SEARCHES_PER_USER {
            return Err(ServiceError::Conflict(
                "too_many_saved_searches",
                format!("a user may keep at most {MAX_SAVED_SEARCHES_PER_USER} saved searches"),
            ));
        }
        let row = store::insert_saved_search(&txn, principal.user_id, &name, &query_json, self.now()).await?;
        txn.commit().await?;
        Ok(view(&row))
    }

    /// Deletes one of the caller's saved searches.
    pub async fn delete_saved_search(&self, caller: Caller, id: i64) -> ServiceResult<()> {
        let principal = require_login(caller)?;
        let txn = self.store.begin_write().await?;
        if !store::delete_saved_search(&txn, principal.user_id, id).await? {
            return Err(not_found(id));
        }
        txn.commit().await?;
        Ok(())
    }
}
