//! The search index on disk: two tantivy indexes (`listings/`, `organizations/`)
//! under one data directory, their single writers, their readers, and the
//! searches over them.
//!
//! The index is derived data. Each commit stores, in tantivy's commit payload,
//! the id of the last database change it reflects; tantivy writes its
//! `meta.json` atomically, so a process killed at any moment (mid-commit
//! included) reopens at the previous commit, with the change id that goes
//! with it, and the change-log follower replays from there. The two indexes
//! commit one after the other: [`SearchIndex::last_change_id`] is the lower of
//! the two, so replay may apply a change twice, which upserts and deletes by id
//! make harmless. An index written with another schema or packed layout, or
//! one that cannot be opened, is discarded and reported as empty
//! (`last_change_id() == None`): rebuild it from the database.
//!
//! All methods take `&self` and block; from async code call them through
//! `spawn_blocking`. Commit when the follower has caught up or every N changes
//! or seconds, and at shutdown; a commit costs milliseconds, not a per-change
//! price to pay.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::time::Instant;

use hulian_domain::{ListingType, Mode, OrgType, Ownership, Region};
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{Field, Schema, Value};
use tantivy::{
    DocAddress, Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term, Warmer,
};

use crate::analysis;
use crate::collect::{AmountRange, Collected, Dim, Order, Plan, PlanCollector, Source, TableCache, Visibility};
use crate::context::{SectorBonus, SectorNames};
use crate::doc::{ListingDoc, OrganizationDoc, days_from_date};
use crate::error::SearchError;
use crate::eval::{self, Node};
use crate::facets::{
    AMOUNT_BUCKETS, ListingLayout, OrgLayout, amount_slugs, facet_values, layout_fingerprint, mask_of, sector_mask,
    sector_slugs,
};
use crate::helper;
use crate::query::{Highlights, ParsedQuery, QueryBuilder, Tier, parse};
use crate::request::{
    ListingFacets, ListingHit, OrganizationFacets, OrganizationHit, OrganizationSearchRequest,
    OrganizationSearchResponse, SearchRequest, SearchResponse, SortOrder, window,
};
use crate::schema::{ListingFields, OrgFields, SCHEMA_VERSION, TextTargets};
use crate::snippet::{Highlighter, Lang, plain_start};
use crate::synonyms::Synonyms;

/// Sizing of the writers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOptions {
    /// Indexing memory of the listing writer, shared by its threads (bytes).
    pub listing_writer_bytes: usize,
    /// Indexing threads of the listing writer (0: one per core, at most 4).
    pub listing_writer_threads: usize,
    pub organization_writer_bytes: usize,
}

/// The strict tier of a query (every word) is widened to the relaxed tier
/// (any word, parts of compounds, narrower terms) when fewer visible
/// listings than this match its words, filters aside: widening is for words
/// the index rarely uses, not for narrow filters. A constant, so that every
/// page of a result comes from the same tier.
pub(crate) const RELAX_BELOW: u64 = 50;

/// A search expected to visit this many documents or more splits the
/// segments between two threads (one more than the caller's).
const PARALLEL_COST: u64 = 20_000;

/// tantivy's floor per indexing thread.
const MIN_BYTES_PER_THREAD: usize = 15_000_000;

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            listing_writer_bytes: 512_000_000,
            listing_writer_threads: 0,
            organization_writer_bytes: 32_000_000,
        }
    }
}

/// What each commit carries besides the documents.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct CommitPayload {
    schema_version: u32,
    /// Hex digest of the packed facet layout.
    layout: String,
    last_change_id: i64,
}

fn current_layout() -> String {
    format!("{:016x}", layout_fingerprint())
}

/// One tantivy index with its writer and reader.
struct Part<F> {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    last_change_id: Mutex<Option<i64>>,
    /// Fast fields as arrays, per segment (also the reader's warmer).
    tables: Arc<TableCache>,
    fields: F,
    targets: TextTargets,
    id_field: Field,
    /// Searches expected to visit this many documents or more use two threads.
    parallel_from: AtomicU64,
    /// The sector-name fields' tokens, for the context bonus.
    sector_names: SectorNames,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves the writer usable: recover it.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<F> Part<F> {
    fn open(
        dir: &Path,
        schema: &Schema,
        fields: F,
        targets: TextTargets,
        id_field: Field,
        heap: usize,
        threads: usize,
    ) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir)?;
        let (mut index, payload) = match open_existing(dir, schema)? {
            Some(found) => found,
            None => (
                Index::create(MmapDirectory::open(dir)?, schema.clone(), IndexSettings::default())?,
                None,
            ),
        };
        index.set_tokenizers(analysis::tokenizer_manager());
        let sector_names = SectorNames::new(&index, targets.context_zh.field, targets.context_en.field)?;
        let writer = index.writer_with_num_threads(threads, heap)?;
        let tables = Arc::new(TableCache::default());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .warmers(vec![Arc::downgrade(&tables) as Weak<dyn Warmer>])
            .try_into()?;
        Ok(Part {
            reader,
            writer: Mutex::new(writer),
            last_change_id: Mutex::new(payload.map(|p| p.last_change_id)),
            tables,
            fields,
            targets,
            id_field,
            parallel_from: AtomicU64::new(PARALLEL_COST),
            sector_names,
        })
    }

    fn upsert(&self, id: i64, document: TantivyDocument) -> Result<(), SearchError> {
        let writer = lock(&self.writer);
        writer.delete_term(Term::from_field_i64(self.id_field, id));
        writer.add_document(document)?;
        Ok(())
    }

    /// Adds a document known not to be in the index (a rebuild after `clear`).
    fn add(&self, document: TantivyDocument) -> Result<(), SearchError> {
        lock(&self.writer).add_document(document)?;
        Ok(())
    }

    fn delete(&self, id: i64) {
        lock(&self.writer).delete_term(Term::from_field_i64(self.id_field, id));
    }

    fn commit(&self, last_change_id: i64) -> Result<(), SearchError> {
        let payload = CommitPayload {
            schema_version: SCHEMA_VERSION,
            layout: current_layout(),
            last_change_id,
        };
        let payload = serde_json::to_string(&payload).map_err(tantivy::TantivyError::from)?;
        {
            let mut writer = lock(&self.writer);
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
        }
        *lock(&self.last_change_id) = Some(last_change_id);
        self.reader.reload()?;
        Ok(())
    }

    fn rollback(&self) -> Result<(), SearchError> {
        lock(&self.writer).rollback()?;
        Ok(())
    }

    fn clear(&self) -> Result<(), SearchError> {
        let mut writer = lock(&self.writer);
        writer.rollback()?;
        writer.delete_all_documents()?;
        Ok(())
    }

    fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs the strict tier of `parsed`, and the relaxed tier when the strict
    /// one matches fewer than [`RELAX_BELOW`] visible documents.
    /// Ranked by score, hits earn the bonus of the query's words in the
    /// names of their sectors (see `context.rs`).
    fn search(&self, parsed: &ParsedQuery, mut plan: Plan) -> Result<(Searcher, Collected, Tier), SearchError> {
        let searcher = self.reader.searcher();
        let builder = QueryBuilder::new(&self.targets);
        if plan.order == Order::Score {
            let terms = builder.context_terms(parsed);
            plan.bonus = SectorBonus::new(&self.sector_names, &searcher, &terms)?.map(Arc::new);
        }
        let plan = Arc::new(plan);
        let collected = self.collect(&searcher, builder.build(parsed, Tier::Strict).as_ref(), &plan)?;
        if collected.matched >= RELAX_BELOW || parsed.is_empty() || !parsed.can_relax() {
            return Ok((searcher, collected, Tier::Strict));
        }
        let collected = self.collect(&searcher, builder.build(parsed, Tier::Relaxed).as_ref(), &plan)?;
        Ok((searcher, collected, Tier::Relaxed))
    }

    /// One pass of `plan` over the documents `query` matches (every
    /// document when `None`), segment by segment.
    fn collect(&self, searcher: &Searcher, query: Option<&Node>, plan: &Arc<Plan>) -> Result<Collected, SearchError> {
        let collector = PlanCollector {
            plan: Arc::clone(plan),
            tables: Arc::clone(&self.tables),
        };
        let evaluation = query
            .map(|node| eval::Plan::new(node, searcher, plan.order == Order::Score))
            .transpose()?
            .map(Arc::new);
        let readers = searcher.segment_readers();
        let cost = evaluation.as_ref().map_or_else(|| searcher.num_docs(), |e| e.cost());
        let fruits = if readers.len() > 1 && cost >= self.parallel_from.load(Ordering::Relaxed) {
            // Two halves of about the same size, the second on the helper thread.
            let mut by_size: Vec<usize> = (0..readers.len()).collect();
            by_size.sort_by_key(|&i| std::cmp::Reverse(readers[i].max_doc()));
            let (mut mine, mut theirs) = (Vec::new(), Vec::new());
            let (mut my_docs, mut their_docs) = (0u64, 0u64);
            for i in by_size {
                let docs = u64::from(readers[i].max_doc());
                if my_docs <= their_docs {
                    mine.push(i);
                    my_docs += docs;
                } else {
                    theirs.push(i);
                    their_docs += docs;
                }
            }
            let (their_searcher, their_evaluation, their_collector) =
                (searcher.clone(), evaluation.clone(), collector.clone());
            on_both_threads(
                move || {
                    theirs
                        .iter()
                        .map(|&i| collect_segment(&their_searcher, their_evaluation.as_deref(), &their_collector, i))
                        .collect()
                },
                || {
                    mine.iter()
                        .map(|&i| collect_segment(searcher, evaluation.as_deref(), &collector, i))
                        .collect()
                },
            )?
        } else {
            (0..readers.len())
                .map(|i| collect_segment(searcher, evaluation.as_deref(), &collector, i))
                .collect::<Result<Vec<_>, _>>()?
        };
        Ok(collector.merge(fruits))
    }
}

/// Runs `theirs` on the helper thread (see [`helper::both`]) and `mine`
/// here: `mine`'s items, then `theirs`'s.
fn on_both_threads<T: Send + 'static>(
    theirs: impl FnOnce() -> Result<Vec<T>, SearchError> + Send + 'static,
    mine: impl FnOnce() -> Result<Vec<T>, SearchError>,
) -> Result<Vec<T>, SearchError> {
    let (mine, theirs) = helper::both(theirs, mine);
    let mut items = mine?;
    items.extend(theirs.map_err(|_| tantivy::TantivyError::InternalError("a search thread panicked".to_owned()))??);
    Ok(items)
}

/// One pass of `collector` over the documents of segment `ordinal` that
/// `evaluation` matches (every live document when `None`).
fn collect_segment(
    searcher: &Searcher,
    evaluation: Option<&eval::Plan>,
    collector: &PlanCollector,
    ordinal: usize,
) -> Result<Collected, SearchError> {
    let ordinal = u32::try_from(ordinal).unwrap_or(u32::MAX);
    let reader = searcher.segment_reader(ordinal);
    let mut segment = collector.for_segment(ordinal, reader)?;
    let alive = reader.alive_bitset();
    match (evaluation, alive) {
        (Some(evaluation), None) => {
            let matches = evaluation.run(reader)?;
            segment.collect(&matches.docs, &matches.scores);
        }
        (Some(evaluation), Some(alive)) => {
            let matches = evaluation.run(reader)?;
            let pairs = matches.docs.iter().copied().zip(matches.scores.iter().copied());
            segment.collect_each(pairs.filter(|(doc, _)| alive.is_alive(*doc)));
        }
        (None, None) => segment.collect_each((0..reader.max_doc()).map(|doc| (doc, 0.0))),
        (None, Some(alive)) => segment.collect_each(alive.iter_alive().map(|doc| (doc, 0.0))),
    }
    Ok(segment.harvest())
}

/// Opens the index in `dir` if it is one we can use as it is; discards it otherwise.
fn open_existing(dir: &Path, schema: &Schema) -> Result<Option<(Index, Option<CommitPayload>)>, SearchError> {
    let directory = MmapDirectory::open(dir)?;
    if !Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
        return Ok(None);
    }
    let reason = match Index::open(directory) {
        Ok(index) => {
            let payload = index
                .load_metas()?
                .payload
                .and_then(|text| serde_json::from_str::<CommitPayload>(&text).ok());
            let compatible = payload
                .as_ref()
                .is_none_or(|p| p.schema_version == SCHEMA_VERSION && p.layout == current_layout());
            if compatible && index.schema() == *schema {
                return Ok(Some((index, payload)));
            }
            // Take the writer lock before discarding, so a live index of
            // another process is never wiped from under it.
            let writer: IndexWriter = index.writer_with_num_threads(1, MIN_BYTES_PER_THREAD)?;
            drop(writer);
            "schema or facet layout changed".to_owned()
        }
        Err(error) => error.to_string(),
    };
    tracing::warn!(path = %dir.display(), %reason, "discarding search index; it must be rebuilt");
    std::fs::remove_dir_all(dir)?;
    std::fs::create_dir_all(dir)?;
    Ok(None)
}

/// Browses (searches without text: the landing page and its facet clicks)
/// by request, for one searcher generation. A browse visits every visible
/// listing to count facets, tens of milliseconds at a million listings, and
/// its answer changes only when a commit makes a new generation (or the day
/// changes, which is part of the request). Text queries are never cached.
struct BrowseCache {
    enabled: AtomicBool,
    /// The generation the entries were computed on, and the entries by request (as JSON).
    entries: Mutex<(u64, HashMap<String, SearchResponse>)>,
}

/// Browses kept per generation; the cache starts over when full.
const BROWSE_CACHE_ENTRIES: usize = 256;

impl Default for BrowseCache {
    fn default() -> Self {
        BrowseCache {
            enabled: AtomicBool::new(true),
            entries: Mutex::new((0, HashMap::new())),
        }
    }
}

impl BrowseCache {
    fn get(&self, generation: u64, key: &str) -> Option<SearchResponse> {
        let entries = lock(&self.entries);
        if entries.0 != generation {
            return None;
        }
        entries.1.get(key).cloned()
    }

    fn put(&self, generation: u64, key: String, response: &SearchResponse) {
        let mut entries = lock(&self.entries);
        if entries.0 != generation {
            // Only move forward: a slow search on an older generation must
            // not wipe the entries of a newer one.
            if entries.0 > generation {
                return;
            }
            *entries = (generation, HashMap::new());
        }
        if entries.1.len() >= BROWSE_CACHE_ENTRIES {
            entries.1.clear();
        }
        entries.1.insert(key, response.clone());
    }
}

/// The listing and organization indexes of one data directory.
pub struct SearchIndex {
    listings: Part<ListingFields>,
    browse_cache: BrowseCache,
    organizations: Part<OrgFields>,
    listing_layout: ListingLayout,
    org_layout: OrgLayout,
}

impl SearchIndex {
    /// Opens the index under `dir`, creating it if absent.
    pub fn open_or_create(dir: &Path) -> Result<Self, SearchError> {
        Self::open_or_create_with(dir, IndexOptions::default())
    }

    pub fn open_or_create_with(dir: &Path, options: IndexOptions) -> Result<Self, SearchError> {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let wanted = if options.listing_writer_threads == 0 {
            cores.min(4)
        } else {
            options.listing_writer_threads
        };
        let listing_threads = wanted.min(options.listing_writer_bytes / MIN_BYTES_PER_THREAD).max(1);
        let listing_bytes = options.listing_writer_bytes.max(MIN_BYTES_PER_THREAD * listing_threads);
        let org_bytes = options.organization_writer_bytes.max(MIN_BYTES_PER_THREAD);

        let listing_fields = ListingFields::new();
        let listing_schema = listing_fields.schema.clone();
        let listing_targets = listing_fields.targets();
        let listing_id = listing_fields.id;
        let listings = Part::open(
            &dir.join("listings"),
            &listing_schema,
            listing_fields,
            listing_targets,
            listing_id,
            listing_bytes,
            listing_threads,
        )?;
        let org_fields = OrgFields::new();
        let org_schema = org_fields.schema.clone();
        let org_targets = org_fields.targets();
        let org_id = org_fields.id;
        let organizations = Part::open(
            &dir.join("organizations"),
            &org_schema,
            org_fields,
            org_targets,
            org_id,
            org_bytes,
            1,
        )?;
        // Warm the jieba dictionary now rather than on the first query.
        let _ = analysis::jieba();
        Ok(SearchIndex {
            listings,
            browse_cache: BrowseCache::default(),
            organizations,
            listing_layout: ListingLayout::new(),
            org_layout: OrgLayout::new(),
        })
    }

    /// Adds or replaces the listing with `doc.id` (visible after the next commit).
    pub fn upsert_listing(&self, doc: &ListingDoc) -> Result<(), SearchError> {
        let document = self.listings.fields.to_document(doc, &self.listing_layout);
        self.listings.upsert(doc.id, document)
    }

    /// Adds a listing to an index emptied by [`SearchIndex::clear`] (a rebuild):
    /// no delete of an older version, which would cost a lookup per document
    /// in every segment. Adding a listing already in the index duplicates it.
    pub fn add_new_listing(&self, doc: &ListingDoc) -> Result<(), SearchError> {
        self.listings
            .add(self.listings.fields.to_document(doc, &self.listing_layout))
    }

    /// The organization counterpart of [`SearchIndex::add_new_listing`].
    pub fn add_new_organization(&self, doc: &OrganizationDoc) -> Result<(), SearchError> {
        self.organizations
            .add(self.organizations.fields.to_document(doc, &self.org_layout))
    }

    pub fn delete_listing(&self, id: i64) -> Result<(), SearchError> {
        self.listings.delete(id);
        Ok(())
    }

    pub fn upsert_organization(&self, doc: &OrganizationDoc) -> Result<(), SearchError> {
        let document = self.organizations.fields.to_document(doc, &self.org_layout);
        self.organizations.upsert(doc.id, document)
    }

    pub fn delete_organization(&self, id: i64) -> Result<(), SearchError> {
        self.organizations.delete(id);
        Ok(())
    }

    /// Makes every change since the last commit durable and visible, recording
    /// that the index now reflects the database up to change `last_change_id`.
    pub fn commit(&self, last_change_id: i64) -> Result<(), SearchError> {
        self.listings.commit(last_change_id)?;
        self.organizations.commit(last_change_id)
    }

    /// Drops every change since the last commit.
    pub fn rollback(&self) -> Result<(), SearchError> {
        self.listings.rollback()?;
        self.organizations.rollback()
    }

    /// Empties both indexes, for a full rebuild: re-add everything, then
    /// `commit`. Until that commit, searches see the old contents.
    pub fn clear(&self) -> Result<(), SearchError> {
        self.listings.clear()?;
        self.organizations.clear()
    }

    /// The database change both indexes reflect (as of their last commit);
    /// `None` for a new or discarded index, which needs a full rebuild.
    pub fn last_change_id(&self) -> Option<i64> {
        let listings = *lock(&self.listings.last_change_id);
        let organizations = *lock(&self.organizations.last_change_id);
        listings.zip(organizations).map(|(a, b)| a.min(b))
    }

    /// Committed listings (visible or not).
    pub fn num_listings(&self) -> u64 {
        self.listings.num_docs()
    }

    pub fn num_organizations(&self) -> u64 {
        self.organizations.num_docs()
    }

    /// Segments of the committed listing index (fewer is faster to search).
    pub fn num_listing_segments(&self) -> usize {
        self.listings.reader.searcher().segment_readers().len()
    }

    /// The ids of the live listings of each segment, in the order the index
    /// holds them (a rebuild keeps listings of the same sectors together).
    pub fn listing_ids_by_segment(&self) -> Result<Vec<Vec<i64>>, SearchError> {
        let searcher = self.listings.reader.searcher();
        let mut out = Vec::new();
        for reader in searcher.segment_readers() {
            let ids = reader.fast_fields().i64(crate::schema::fast::ID)?;
            let alive = reader.alive_bitset();
            out.push(
                (0..reader.max_doc())
                    .filter(|doc| alive.is_none_or(|a| a.is_alive(*doc)))
                    .filter_map(|doc| ids.first(doc))
                    .collect(),
            );
        }
        Ok(out)
    }

    /// Searches published, unexpired listings. User input never makes this fail.
    ///
    /// A browse (no query text) is answered from the browse cache when the
    /// same browse ran on the same committed index (see [`BrowseCache`]).
    pub fn search_listings(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let parsed = parse(&request.q, Synonyms::builtin());
        if !parsed.is_empty() || !self.browse_cache.enabled.load(Ordering::Relaxed) {
            return Ok(self.listing_search(request, &parsed, started)?.0);
        }
        let key = serde_json::to_string(request).map_err(tantivy::TantivyError::from)?;
        let generation = self.listings.reader.searcher().generation().generation_id();
        if let Some(mut response) = self.browse_cache.get(generation, &key) {
            response.took_ms = started.elapsed().as_secs_f64() * 1000.0;
            return Ok(response);
        }
        let (response, generation) = self.listing_search(request, &parsed, started)?;
        self.browse_cache.put(generation, key, &response);
        Ok(response)
    }

    /// Searches expected to visit `documents` or more split the segments
    /// between two threads (default 20,000; `u64::MAX` never, 0 always).
    /// A page of hits is split too, unless this is `u64::MAX`.
    pub fn set_parallel_from(&self, documents: u64) {
        self.listings.parallel_from.store(documents, Ordering::Relaxed);
        self.organizations.parallel_from.store(documents, Ordering::Relaxed);
    }

    /// Turns the browse cache on (the default) or off (to measure browses).
    pub fn set_browse_cache(&self, enabled: bool) {
        self.browse_cache.enabled.store(enabled, Ordering::Relaxed);
    }

    /// A listing search and the generation of the searcher it ran on.
    fn listing_search(
        &self,
        request: &SearchRequest,
        parsed: &ParsedQuery,
        started: Instant,
    ) -> Result<(SearchResponse, u64), SearchError> {
        let (offset, per_page) = window(request.page, request.per_page);
        let layout = &self.listing_layout;
        let filters = &request.filters;
        let selected = ListingSelection {
            listing_type: mask_of(ListingType::ALL, &filters.listing_types),
            sector: sector_mask(&filters.sectors),
            region: mask_of(Region::ALL, &filters.regions),
            target_region: mask_of(Region::ALL, &filters.target_regions),
            org_type: mask_of(OrgType::ALL, &filters.org_types),
            mode: mask_of(Mode::ALL, &filters.modes),
        };
        let when = |active: bool, mask: u64| active.then_some(mask);
        let dims = vec![
            Dim {
                source: Source::Packed(layout.listing_type),
                allowed: when(!filters.listing_types.is_empty(), selected.listing_type),
            },
            Dim {
                source: Source::Sectors,
                allowed: when(!filters.sectors.is_empty(), selected.sector),
            },
            Dim {
                source: Source::Packed(layout.region),
                allowed: when(!filters.regions.is_empty(), selected.region),
            },
            Dim {
                source: Source::Packed(layout.target_region),
                allowed: when(!filters.target_regions.is_empty(), selected.target_region),
            },
            Dim {
                source: Source::Packed(layout.org_type),
                allowed: when(!filters.org_types.is_empty(), selected.org_type),
            },
            Dim {
                source: Source::Packed(layout.mode),
                allowed: when(!filters.modes.is_empty(), selected.mode),
            },
            // Last: its filter is the amount range below, not a set of values.
            Dim {
                source: Source::Packed(layout.amount),
                allowed: None,
            },
        ];
        let amount_dim = dims.len() - 1;
        let amount = (filters.amount_min.is_some() || filters.amount_max.is_some()).then(|| AmountRange {
            dim: amount_dim,
            unspecified: 1u64 << AMOUNT_BUCKETS.len(),
            min: filters.amount_min.unwrap_or(i64::MIN),
            max: filters.amount_max.unwrap_or(i64::MAX),
        });
        let order = order_of(parsed, request.sort);
        let plan = Plan {
            dims,
            visibility: Some(Visibility {
                status: layout.status,
                published: layout.published(),
                today_days: days_from_date(request.today),
            }),
            amount,
            require: filters.verified_only.then_some(layout.verified),
            order,
            limit: offset + per_page,
            bonus: None,
            created_day: Some(layout.created_day),
        };
        let (searcher, collected, tier) = self.listings.search(parsed, plan)?;
        let highlights = Highlights::of(parsed, tier);
        let page: Vec<(DocAddress, f32)> = collected
            .top
            .iter()
            .skip(offset)
            .map(|c| (c.address, c.score))
            .collect();
        let helper_allowed = self.listings.parallel_from.load(Ordering::Relaxed) != u64::MAX;
        let hits = if helper_allowed && page.len() >= PARALLEL_HITS {
            // Reading and highlighting a hit (its stored fields decompressed,
            // its texts cut into words) costs about what collecting a few
            // hundred matches does: the later half goes to the helper.
            let (mine, theirs) = page.split_at(page.len() / 2);
            let theirs = theirs.to_vec();
            let (their_searcher, their_fields, their_highlights) =
                (searcher.clone(), self.listings.fields.clone(), highlights.clone());
            on_both_threads(
                move || listing_hits(&their_searcher, &their_fields, &their_highlights, &theirs),
                || listing_hits(&searcher, &self.listings.fields, &highlights, mine),
            )?
        } else {
            listing_hits(&searcher, &self.listings.fields, &highlights, &page)?
        };
        let counts = &collected.counts;
        let facets = ListingFacets {
            listing_type: facet_values(
                &slugs(ListingType::ALL, |t| t.as_str()),
                &counts[0],
                selected.listing_type,
            ),
            sector: facet_values(&sector_labels(), &counts[1], selected.sector),
            region: facet_values(&slugs(Region::ALL, |r| r.as_str()), &counts[2], selected.region),
            target_region: facet_values(&slugs(Region::ALL, |r| r.as_str()), &counts[3], selected.target_region),
            org_type: facet_values(&slugs(OrgType::ALL, |t| t.as_str()), &counts[4], selected.org_type),
            mode: facet_values(&slugs(Mode::ALL, |m| m.as_str()), &counts[5], selected.mode),
            amount: facet_values(&amount_slugs(), &counts[amount_dim], 0),
        };
        let response = SearchResponse {
            hits,
            total: collected.total,
            page: page_number(offset, per_page),
            per_page: u32::try_from(per_page).unwrap_or(u32::MAX),
            facets,
            widened: tier == Tier::Relaxed,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        };
        Ok((response, searcher.generation().generation_id()))
    }

    /// Searches organizations (all of them are public).
    pub fn search_organizations(
        &self,
        request: &OrganizationSearchRequest,
    ) -> Result<OrganizationSearchResponse, SearchError> {
        let started = Instant::now();
        let parsed = parse(&request.q, Synonyms::builtin());
        let (offset, per_page) = window(request.page, request.per_page);
        let layout = &self.org_layout;
        let filters = &request.filters;
        let org_type = mask_of(OrgType::ALL, &filters.org_types);
        let region = mask_of(Region::ALL, &filters.regions);
        let sector = sector_mask(&filters.sectors);
        let ownership = mask_of(Ownership::ALL, &filters.ownerships);
        let when = |active: bool, mask: u64| active.then_some(mask);
        let dims = vec![
            Dim {
                source: Source::Packed(layout.org_type),
                allowed: when(!filters.org_types.is_empty(), org_type),
            },
            Dim {
                source: Source::Packed(layout.region),
                allowed: when(!filters.regions.is_empty(), region),
            },
            Dim {
                source: Source::Sectors,
                allowed: when(!filters.sectors.is_empty(), sector),
            },
            Dim {
                source: Source::Packed(layout.ownership),
                allowed: when(!filters.ownerships.is_empty(), ownership),
            },
        ];
        let order = order_of(&parsed, request.sort);
        let plan = Plan {
            dims,
            visibility: None,
            amount: None,
            require: filters.verified_only.then_some(layout.verified),
            order,
            limit: offset + per_page,
            bonus: None,
            created_day: None,
        };
        let (searcher, collected, tier) = self.organizations.search(&parsed, plan)?;
        let highlights = Highlights::of(&parsed, tier);
        let mut highlighter = Highlighter::new(&highlights);
        let fields = &self.organizations.fields;
        let mut hits = Vec::with_capacity(per_page);
        for candidate in collected.top.iter().skip(offset) {
            let document: TantivyDocument = searcher.doc(candidate.address)?;
            let name = first_str(&document, fields.name).unwrap_or_default();
            let name_en = first_str(&document, fields.name_en);
            let description = first_str(&document, fields.description).unwrap_or_default();
            let description_en = first_str(&document, fields.description_en);
            let name_marked = highlighter.mark_all(&name, Lang::Zh);
            let name_en_marked = name_en.as_deref().map(|t| highlighter.mark_all(t, Lang::En));
            let snippet = highlighter
                .snippet(&description, Lang::Zh)
                .or_else(|| description_en.as_deref().and_then(|d| highlighter.snippet(d, Lang::En)));
            let mut matched = name_marked.matched.clone();
            for word in name_en_marked.iter().chain(snippet.iter()).flat_map(|m| &m.matched) {
                if !matched.contains(word) {
                    matched.push(word.clone());
                }
            }
            hits.push(OrganizationHit {
                id: first_i64(&document, fields.id).unwrap_or_default(),
                external_id: first_str(&document, fields.external_id).unwrap_or_default(),
                score: candidate.score,
                name,
                name_en,
                name_html: name_marked.html,
                name_en_html: name_en_marked.map(|m| m.html),
                snippet_html: snippet.map_or_else(|| plain_start(&description), |s| s.html),
                matched,
            });
        }
        let counts = &collected.counts;
        let facets = OrganizationFacets {
            org_type: facet_values(&slugs(OrgType::ALL, |t| t.as_str()), &counts[0], org_type),
            region: facet_values(&slugs(Region::ALL, |r| r.as_str()), &counts[1], region),
            sector: facet_values(&sector_labels(), &counts[2], sector),
            ownership: facet_values(&slugs(Ownership::ALL, |o| o.as_str()), &counts[3], ownership),
        };
        Ok(OrganizationSearchResponse {
            hits,
            total: collected.total,
            page: page_number(offset, per_page),
            per_page: u32::try_from(per_page).unwrap_or(u32::MAX),
            facets,
            widened: tier == Tier::Relaxed,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

/// A page of hits with fewer entries than this is read on one thread.
const PARALLEL_HITS: usize = 8;

/// The hits of `page` (documents and scores), read and highlighted.
fn listing_hits(
    searcher: &Searcher,
    fields: &ListingFields,
    highlights: &Highlights,
    page: &[(DocAddress, f32)],
) -> Result<Vec<ListingHit>, SearchError> {
    let mut highlighter = Highlighter::new(highlights);
    let mut hits = Vec::with_capacity(page.len());
    for &(address, score) in page {
        let document: TantivyDocument = searcher.doc(address)?;
        hits.push(listing_hit(fields, &document, score, &mut highlighter));
    }
    Ok(hits)
}

/// One hit: the listing's stored fields, its title marked, a marked snippet.
fn listing_hit(
    fields: &ListingFields,
    document: &TantivyDocument,
    score: f32,
    highlighter: &mut Highlighter<'_>,
) -> ListingHit {
    let title = first_str(document, fields.title).unwrap_or_default();
    let title_en = first_str(document, fields.title_en);
    let description = first_str(document, fields.description).unwrap_or_default();
    let description_en = first_str(document, fields.description_en);
    let tags = all_str(document, fields.tags).join("、");
    let title_marked = highlighter.mark_all(&title, Lang::Zh);
    let title_en_marked = title_en.as_deref().map(|t| highlighter.mark_all(t, Lang::En));
    let snippet = highlighter
        .snippet(&description, Lang::Zh)
        .or_else(|| description_en.as_deref().and_then(|d| highlighter.snippet(d, Lang::En)))
        .or_else(|| highlighter.snippet(&tags, Lang::Zh));
    let mut matched = title_marked.matched.clone();
    for word in title_en_marked.iter().chain(snippet.iter()).flat_map(|m| &m.matched) {
        if !matched.contains(word) {
            matched.push(word.clone());
        }
    }
    ListingHit {
        id: first_i64(document, fields.id).unwrap_or_default(),
        external_id: first_str(document, fields.external_id).unwrap_or_default(),
        score,
        title,
        title_en,
        title_html: title_marked.html,
        title_en_html: title_en_marked.map(|m| m.html),
        snippet_html: snippet.map_or_else(|| plain_start(&description), |s| s.html),
        matched,
    }
}

/// The masks of a listing request's filters, for marking selected facet values.
struct ListingSelection {
    listing_type: u64,
    sector: u64,
    region: u64,
    target_region: u64,
    org_type: u64,
    mode: u64,
}

/// Without text there is nothing to rank by: newest first.
fn order_of(parsed: &ParsedQuery, sort: SortOrder) -> Order {
    if parsed.is_empty() || sort == SortOrder::Newest {
        Order::Newest
    } else {
        Order::Score
    }
}

fn page_number(offset: usize, per_page: usize) -> u32 {
    u32::try_from(offset / per_page.max(1) + 1).unwrap_or(u32::MAX)
}

fn slugs<T: Copy>(all: &[T], slug: impl Fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| slug(*v)).collect()
}

fn sector_labels() -> Vec<&'static str> {
    sector_slugs().iter().map(String::as_str).collect()
}

fn first_str(document: &TantivyDocument, field: Field) -> Option<String> {
    document.get_first(field).and_then(|v| v.as_str()).map(str::to_owned)
}

fn all_str(document: &TantivyDocument, field: Field) -> Vec<String> {
    document
        .get_all(field)
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn first_i64(document: &TantivyDocument, field: Field) -> Option<i64> {
    document.get_first(field).and_then(|v| v.as_i64())
}

/// Where a query's evaluation time goes, node by node, on an existing index:
/// `HULIAN_EXPLAIN_DIR=target/hulian-bench-search/1000000/index
/// HULIAN_EXPLAIN_QUERY='cold chain' cargo test --release -p hulian-search
/// --lib explain -- --ignored --nocapture` (a tool for profiling, not a test).
#[cfg(test)]
mod explain {
    use super::*;

    /// The index and query the environment names, and its number of runs.
    fn from_env(default_runs: u64) -> Result<Option<(SearchIndex, String, u64)>, SearchError> {
        let (Ok(dir), Ok(query)) = (
            std::env::var("HULIAN_EXPLAIN_DIR"),
            std::env::var("HULIAN_EXPLAIN_QUERY"),
        ) else {
            return Ok(None);
        };
        let runs = std::env::var("HULIAN_EXPLAIN_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(default_runs);
        Ok(Some((SearchIndex::open_or_create(Path::new(&dir))?, query, runs)))
    }

    #[test]
    #[ignore = "needs an index: see the module's comment"]
    fn explain() -> Result<(), SearchError> {
        let Some((index, query, runs)) = from_env(20)? else {
            return Ok(());
        };
        let part = &index.listings;
        let searcher = part.reader.searcher();
        let parsed = parse(&query, Synonyms::builtin());
        let builder = QueryBuilder::new(&part.targets);
        for (tier, scoring) in [(Tier::Strict, true), (Tier::Strict, false), (Tier::Relaxed, true)] {
            let Some(node) = builder.build(&parsed, tier) else {
                return Ok(());
            };
            let plan = eval::Plan::new(&node, &searcher, scoring)?;
            for reader in searcher.segment_readers() {
                plan.run(reader)?;
            }
            eval::profile::start();
            let started = Instant::now();
            let mut matched = 0;
            for _ in 0..runs {
                matched = 0;
                for reader in searcher.segment_readers() {
                    matched += plan.run(reader)?.len();
                }
            }
            let took = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
            println!("{tier:?} scoring {scoring}: {matched} matches, {took:.2} ms (one thread, evaluation only)");
            println!("{}", eval::profile::report(&plan, searcher.schema(), runs));
        }
        Ok(())
    }

    /// What a hit of a page costs: reading its stored fields, then marking
    /// and cutting them (`HULIAN_EXPLAIN_RUNS` pages, default 300), e.g.
    /// `HULIAN_EXPLAIN_DIR=… HULIAN_EXPLAIN_QUERY=邮轮 cargo test --release
    /// -p hulian-search --lib hits_cost -- --ignored --nocapture`.
    #[test]
    #[ignore = "needs an index: see the module's comment"]
    fn hits_cost() -> Result<(), SearchError> {
        let Some((index, query, runs)) = from_env(300)? else {
            return Ok(());
        };
        let part = &index.listings;
        let searcher = part.reader.searcher();
        let parsed = parse(&query, Synonyms::builtin());
        let request = SearchRequest {
            q: query.clone(),
            filters: crate::request::ListingFilters::default(),
            sort: crate::request::SortOrder::default(),
            page: 1,
            per_page: 20,
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        };
        let response = index.search_listings(&request)?;
        let ids: Vec<i64> = response.hits.iter().map(|h| h.id).collect();
        let mut page = Vec::new();
        for id in ids {
            let term = Term::from_field_i64(part.id_field, id);
            let top = searcher.search(
                &tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic),
                &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
            )?;
            page.push((top[0].1, 1.0f32));
        }
        let highlights = Highlights::of(&parsed, Tier::Strict);
        let runs = usize::try_from(runs).unwrap_or(usize::MAX);
        let started = Instant::now();
        for _ in 0..runs {
            for &(address, _) in &page {
                let document: TantivyDocument = searcher.doc(address)?;
                std::hint::black_box(document);
            }
        }
        let fetch = started.elapsed().as_secs_f64() * 1e6 / (runs * page.len()) as f64;
        let docs: Vec<TantivyDocument> = page.iter().map(|(a, _)| searcher.doc(*a)).collect::<Result<_, _>>()?;
        let started = Instant::now();
        for _ in 0..runs {
            let mut highlighter = Highlighter::new(&highlights);
            for document in &docs {
                std::hint::black_box(listing_hit(&part.fields, document, 1.0, &mut highlighter));
            }
        }
        let mark = started.elapsed().as_secs_f64() * 1e6 / (runs * page.len()) as f64;
        println!(
            "per hit: fetch {fetch:.1} µs, hit building {mark:.1} µs ({} hits)",
            page.len()
        );
        Ok(())
    }
}
