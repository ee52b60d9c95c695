//! One pass over the documents a query matches: visibility, filters, facet
//! counts and the top of the ranking, all from fast fields.
//!
//! Facets are *disjunctive*: a facet's counts ignore that facet's own filter
//! (but honour every other one), so choosing 大连 under "region" still shows
//! how many hits 上海 would give. A document failing no filter is a hit and
//! counts in every facet; one failing exactly one filter counts only in that
//! filter's facet; one failing more counts nowhere. The text query is left
//! unfiltered so that those near-misses reach the collector.
//!
//! The fast fields are read from a [`SegmentTable`]: plain arrays copied out
//! of each segment once, when a reader first sees it (a tantivy `Warmer`),
//! because a search may visit every document of the index and bit-packed
//! column reads cost several times an array read.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use tantivy::columnar::ColumnValues;
use tantivy::index::SegmentId;
use tantivy::{DocAddress, DocId, Score, Searcher, SearcherGeneration, SegmentOrdinal, SegmentReader, Warmer};

use crate::context::{BonusCache, SectorBonus};
use crate::facets::{Bits, created_day};
use crate::schema::fast;

/// Facets per query at most (the `fails` bit set is a `u32`).
pub(crate) const MAX_DIMS: usize = 12;

/// Where a facet's value bits come from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
    Packed(Bits),
    Sectors,
}

/// A facet: its values and, when filtered, the values allowed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dim {
    pub source: Source,
    pub allowed: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    Score,
    Newest,
}

/// Listings are visible when published and not past their deadline.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Visibility {
    pub status: Bits,
    pub published: u64,
    pub today_days: i64,
}

/// An amount range a listing's own range must overlap; failing it is failing `dim`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AmountRange {
    pub dim: usize,
    pub unspecified: u64,
    pub min: i64,
    pub max: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub dims: Vec<Dim>,
    pub visibility: Option<Visibility>,
    pub amount: Option<AmountRange>,
    /// Hard filter on a one-bit slot (verified organizations only).
    pub require: Option<Bits>,
    pub order: Order,
    /// How many of the best hits to keep (offset + page size).
    pub limit: usize,
    /// Added to the score of each hit, by its sectors (ranking by score only).
    pub bonus: Option<Arc<SectorBonus>>,
    /// Where the packed word holds the creation day (see
    /// [`crate::facets::created_day`]), for newest first.
    pub created_day: Option<Bits>,
}

/// A hit candidate; `Ord` puts better candidates first.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub key: f64,
    pub score: Score,
    pub address: DocAddress,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    /// Higher key first, then earlier address (stable across runs).
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .key
            .total_cmp(&self.key)
            .then_with(|| self.address.cmp(&other.address))
    }
}

/// Keeps the `limit` best candidates. Candidates go to a buffer that is cut
/// back to the best `limit` whenever it doubles, so a push costs O(1)
/// amortized even when every document beats the last (date order, browsing).
#[derive(Debug)]
struct TopK {
    limit: usize,
    buffer: Vec<Candidate>,
    /// The worst candidate kept at the last cut: anything not better is dropped.
    threshold: Option<Candidate>,
}

impl TopK {
    fn new(limit: usize) -> Self {
        TopK {
            limit,
            buffer: Vec::with_capacity(limit.saturating_mul(2).min(4096)),
            threshold: None,
        }
    }

    fn push(&mut self, candidate: Candidate) {
        if self.limit == 0 || self.threshold.is_some_and(|worst| candidate >= worst) {
            return;
        }
        self.buffer.push(candidate);
        if self.buffer.len() >= self.limit.saturating_mul(2) {
            self.cut();
        }
    }

    fn cut(&mut self) {
        if self.buffer.len() > self.limit {
            self.buffer.select_nth_unstable(self.limit - 1);
            self.buffer.truncate(self.limit);
        }
        self.threshold = self.buffer.iter().max().copied();
    }

    /// The kept candidates, best first.
    fn into_sorted(mut self) -> Vec<Candidate> {
        self.buffer.sort_unstable();
        self.buffer.truncate(self.limit);
        self.buffer
    }
}

/// What one pass yields.
#[derive(Debug)]
pub(crate) struct Collected {
    /// Visible documents matching the query and every filter.
    pub total: u64,
    /// Visible documents matching the query, whatever the filters.
    pub matched: u64,
    /// Per dim, per value bit.
    pub counts: Vec<[u64; 64]>,
    /// Best first.
    pub top: Vec<Candidate>,
}

/// What every visited document needs, in 16 bytes. At a million listings
/// the rows fill 16 MB: reading the row of each match is most of the
/// collector's cost (a cache miss when matches are sparse), so rows are kept
/// small enough for the whole table to stay in a 32 MB last-level cache.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Row {
    packed: u64,
    /// Sector bits below [`SECTOR_BITS`], the deadline key above.
    sectors_deadline: u64,
}

/// Sector bits kept in a row (`facets::sector_slugs` has at most this many).
pub(crate) const SECTOR_BITS: u32 = 48;
const SECTOR_MASK: u64 = (1 << SECTOR_BITS) - 1;
/// `doc::days_from_date` of 2000-01-01: deadline keys count days from there.
const DEADLINE_BASE_DAYS: i64 = 730_120;
/// The deadline key of "no deadline" (and of any date after 2179).
const NO_DEADLINE: u64 = (1 << (64 - SECTOR_BITS)) - 1;

/// A deadline (or today) in days as a 16-bit key that orders like the date:
/// days since 2000-01-01, clamped (earlier dates are 0, which is past for
/// any today since 2000).
fn deadline_key(days: i64) -> u64 {
    if days == i64::MAX {
        return NO_DEADLINE;
    }
    let offset = days.saturating_sub(DEADLINE_BASE_DAYS).clamp(0, NO_DEADLINE as i64);
    offset as u64
}

/// The fast fields of one segment, as arrays indexed by doc id: one row of
/// what every visited document needs (one memory access per document), and
/// apart what only some searches read.
#[derive(Debug, Default)]
pub(crate) struct SegmentTable {
    rows: Vec<Row>,
    amount_min: Vec<i64>,
    amount_max: Vec<i64>,
    created: Vec<i64>,
}

/// A `u64` fast field of `reader` as an array (`default` where absent).
fn read_u64(reader: &SegmentReader, name: &str, default: u64) -> tantivy::Result<Vec<u64>> {
    let mut out = vec![default; reader.max_doc() as usize];
    if let Some(column) = reader.fast_fields().column_opt::<u64>(name)? {
        column.first_or_default_col(default).get_range(0, &mut out);
    }
    Ok(out)
}

/// An `i64` fast field of `reader` as an array (`default` where absent).
fn read_i64(reader: &SegmentReader, name: &str, default: i64) -> tantivy::Result<Vec<i64>> {
    let mut out = vec![default; reader.max_doc() as usize];
    if let Some(column) = reader.fast_fields().column_opt::<i64>(name)? {
        column.first_or_default_col(default).get_range(0, &mut out);
    }
    Ok(out)
}

impl SegmentTable {
    fn read(reader: &SegmentReader) -> tantivy::Result<Self> {
        let packed = read_u64(reader, fast::PACKED, 0)?;
        let sectors = read_u64(reader, fast::SECTORS, 0)?;
        let deadline = read_i64(reader, fast::DEADLINE, i64::MAX)?;
        let rows = packed
            .into_iter()
            .zip(sectors)
            .zip(deadline)
            .map(|((packed, sectors), deadline)| Row {
                packed,
                sectors_deadline: (sectors & SECTOR_MASK) | (deadline_key(deadline) << SECTOR_BITS),
            })
            .collect();
        Ok(SegmentTable {
            rows,
            amount_min: read_i64(reader, fast::AMOUNT_MIN, 0)?,
            amount_max: read_i64(reader, fast::AMOUNT_MAX, i64::MAX)?,
            created: read_i64(reader, fast::CREATED_AT, 0)?,
        })
    }
}

/// The tables of the live segments of one index, kept up to date by tantivy
/// (as a reader warmer) as segments come and go.
#[derive(Debug, Default)]
pub(crate) struct TableCache {
    tables: RwLock<HashMap<SegmentId, Arc<SegmentTable>>>,
}

impl TableCache {
    /// The table of `reader`'s segment, read now if no warmer did it yet.
    fn table(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentTable>> {
        let id = reader.segment_id();
        let known = self.tables.read().unwrap_or_else(|e| e.into_inner()).get(&id).cloned();
        if let Some(table) = known {
            return Ok(table);
        }
        let table = Arc::new(SegmentTable::read(reader)?);
        self.tables
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, Arc::clone(&table));
        Ok(table)
    }
}

impl Warmer for TableCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for reader in searcher.segment_readers() {
            self.table(reader)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&SearcherGeneration]) {
        let live: HashSet<SegmentId> = live_generations
            .iter()
            .flat_map(|generation| generation.segments().keys().copied())
            .collect();
        self.tables
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|id, _| live.contains(id));
    }
}

#[derive(Clone)]
pub(crate) struct PlanCollector {
    pub plan: Arc<Plan>,
    pub tables: Arc<TableCache>,
}

pub(crate) struct PlanSegmentCollector {
    plan: Arc<Plan>,
    /// `deadline_key` of the visibility's day.
    today_key: u64,
    segment: SegmentOrdinal,
    table: Arc<SegmentTable>,
    total: u64,
    matched: u64,
    /// The dims with a filter: the dim's bit in `fails`, and the values it
    /// allows in place within (the packed word, the sectors).
    filters: Vec<(u32, u64, u64)>,
    /// The bits of the packed word a visible listing has one of (its
    /// published status), in place; 0 without visibility.
    published: u64,
    /// The bit of the packed word a hit must have, in place; 0 without.
    required: u64,
    /// What a document failing no filter counts: every dim's bits of the
    /// packed word and of the sectors.
    count_all: (u64, u64),
    /// What a document failing only dim `i`'s filter counts: that dim's bits.
    count_one: Vec<(u64, u64)>,
    counter: BitCounter,
    top: TopK,
    /// The sector bonus of recent sector sets, when the plan has a bonus.
    bonus_cache: Option<BonusCache>,
    /// Newest first: the creation day of the worst hit kept, once the top
    /// has one. A document created on an earlier day cannot enter the top,
    /// and is passed over without reading its creation time (a second
    /// array, a cache miss per match).
    newest_floor: Option<u64>,
}

/// Documents whose rows are read together.
const CHUNK: usize = 64;

#[cfg(test)]
thread_local! {
    /// Creation times this thread's collectors read (newest first).
    static CREATED_READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl PlanCollector {
    /// The pass over one segment's matches, which are then given to
    /// [`PlanSegmentCollector::collect`] in doc order.
    pub fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<PlanSegmentCollector> {
        let plan = Arc::clone(&self.plan);
        debug_assert!(plan.dims.len() <= MAX_DIMS, "too many facets for the `fails` bit set");
        let count_one: Vec<(u64, u64)> = plan.dims.iter().map(|dim| dim.source.masks()).collect();
        debug_assert!(
            count_one
                .iter()
                .enumerate()
                .all(|(i, a)| count_one[..i].iter().all(|b| a.0 & b.0 == 0 && a.1 & b.1 == 0)),
            "two facets share value bits"
        );
        let count_all = count_one.iter().fold((0, 0), |all, one| (all.0 | one.0, all.1 | one.1));
        let filters = plan
            .dims
            .iter()
            .enumerate()
            .filter_map(|(i, dim)| {
                let allowed = dim.allowed?;
                // The allowed values in place, within the dim's own bits.
                let (packed, sectors) = dim.source.masks();
                let shift = match dim.source {
                    Source::Packed(bits) => bits.shift(),
                    Source::Sectors => 0,
                };
                let in_place = allowed << shift;
                Some((1 << i, in_place & packed, in_place & sectors))
            })
            .collect();
        debug_assert!(
            count_all.0 >> (8 * PACKED_COUNTED_BYTES) == 0,
            "facet bits past the counted bytes"
        );
        Ok(PlanSegmentCollector {
            today_key: plan.visibility.map_or(0, |v| deadline_key(v.today_days)),
            table: self.tables.table(reader)?,
            total: 0,
            matched: 0,
            filters,
            published: plan
                .visibility
                .map_or(0, |v| (v.published << v.status.shift()) & v.status.slot_mask()),
            required: plan.require.map_or(0, Bits::slot_mask),
            count_all,
            count_one,
            counter: BitCounter::default(),
            top: TopK::new(plan.limit),
            bonus_cache: plan.bonus.as_ref().map(|_| BonusCache::default()),
            newest_floor: None,
            segment,
            plan,
        })
    }

    /// The passes over all segments, as one.
    pub fn merge(&self, fruits: Vec<Collected>) -> Collected {
        let mut total = 0;
        let mut matched = 0;
        let mut counts = vec![[0u64; 64]; self.plan.dims.len()];
        let mut top = TopK::new(self.plan.limit);
        for fruit in fruits {
            total += fruit.total;
            matched += fruit.matched;
            for (sum, part) in counts.iter_mut().zip(&fruit.counts) {
                for (s, p) in sum.iter_mut().zip(part) {
                    *s += p;
                }
            }
            for candidate in fruit.top {
                top.push(candidate);
            }
        }
        Collected {
            total,
            matched,
            counts,
            top: top.into_sorted(),
        }
    }
}

impl Source {
    /// The value bits of this source within (the packed word, the sectors).
    fn masks(self) -> (u64, u64) {
        match self {
            Source::Packed(bits) => (bits.slot_mask(), 0),
            Source::Sectors => (0, SECTOR_MASK),
        }
    }

    fn value(self, packed: u64, sectors: u64) -> u64 {
        match self {
            Source::Packed(bits) => bits.get(packed),
            Source::Sectors => sectors,
        }
    }
}

/// `SPREAD[b]` has byte `j` set to bit `j` of `b`: adding it to a word of
/// eight byte-wide counters counts each bit of `b` in its own lane.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut j = 0;
        while j < 8 {
            table[b] |= (((b >> j) & 1) as u64) << (8 * j);
            j += 1;
        }
        b += 1;
    }
    table
};

/// Bytes of the packed word that hold facet values: the layouts put their
/// facets first, in fewer than 48 bits (a test checks), and the rest
/// (status, creation day) is never counted.
const PACKED_COUNTED_BYTES: usize = 6;
/// Counts, for each bit position of two words, how many of the words added
/// had it set: the facet counts of a pass. The packed word (its first
/// [`PACKED_COUNTED_BYTES`]) is spread over byte-wide counters by table
/// lookups (no branch per value: counting the set bits one by one
/// mispredicted on every document), the bytes moved to full counts before
/// they can overflow. The sector word is counted by runs: a rebuild adds
/// the listings of the same sectors together, so a search's matches come
/// in long runs of one sector word, each counted once when it ends (at 1M,
/// alternated, whole mix 1.38 → 1.29 ms against spreading its six bytes too).
#[derive(Debug)]
struct BitCounter {
    /// Byte `j` of `lanes[i]` counts bit `8 * i + j` of the packed word.
    lanes: [u64; 8],
    /// Words added since the lanes were last emptied (at most 255).
    pending: u32,
    totals: [[u64; 64]; 2],
    /// The sector word of the current run of equal ones, and its length.
    run: (u64, u64),
}

impl Default for BitCounter {
    fn default() -> Self {
        BitCounter {
            lanes: [0; 8],
            pending: 0,
            totals: [[0; 64]; 2],
            run: (0, 0),
        }
    }
}

impl BitCounter {
    #[inline(always)]
    fn add(&mut self, words: (u64, u64)) {
        debug_assert!(words.0 >> (8 * PACKED_COUNTED_BYTES) == 0);
        for (i, lane) in self.lanes.iter_mut().take(PACKED_COUNTED_BYTES).enumerate() {
            *lane += SPREAD[((words.0 >> (8 * i)) & 0xff) as usize];
        }
        // A document failing one filter counts no sectors (a zero word):
        // it leaves the run of those around it whole.
        if words.1 != 0 {
            if words.1 != self.run.0 {
                self.flush_run();
                self.run.0 = words.1;
            }
            self.run.1 += 1;
        }
        self.pending += 1;
        if self.pending == 255 {
            self.spill();
        }
    }

    /// Counts the current run's sector bits, and starts the run over.
    fn flush_run(&mut self) {
        let (mut word, n) = self.run;
        while word != 0 {
            self.totals[1][word.trailing_zeros() as usize] += n;
            word &= word - 1;
        }
        self.run.1 = 0;
    }

    fn spill(&mut self) {
        for (i, lane) in self.lanes.iter_mut().enumerate() {
            for j in 0..8 {
                self.totals[0][8 * i + j] += (*lane >> (8 * j)) & 0xff;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// Per dim, the count of each value bit.
    fn counts(mut self, dims: &[Dim]) -> Vec<[u64; 64]> {
        self.flush_run();
        self.spill();
        dims.iter()
            .map(|dim| {
                let mut out = [0u64; 64];
                let (from, shift, width) = match dim.source {
                    Source::Packed(bits) => (&self.totals[0], bits.shift() as usize, bits.width() as usize),
                    Source::Sectors => (&self.totals[1], 0, SECTOR_BITS as usize),
                };
                for (k, count) in out.iter_mut().enumerate().take(width.min(64 - shift)) {
                    *count = from[shift + k];
                }
                out
            })
            .collect()
    }
}

impl PlanSegmentCollector {
    /// Visits `docs` (sorted) with their `scores`.
    pub fn collect(&mut self, docs: &[DocId], scores: &[Score]) {
        for (docs, scores) in docs.chunks(CHUNK).zip(scores.chunks(CHUNK)) {
            self.visit_chunk(docs, scores);
        }
    }

    /// Visits the documents (sorted) of `matches`, with their scores.
    pub fn collect_each(&mut self, mut matches: impl Iterator<Item = (DocId, Score)>) {
        let mut docs = [0; CHUNK];
        let mut scores = [0.0; CHUNK];
        loop {
            let mut n = 0;
            for (doc, score) in matches.by_ref().take(CHUNK) {
                docs[n] = doc;
                scores[n] = score;
                n += 1;
            }
            if n == 0 {
                return;
            }
            self.visit_chunk(&docs[..n], &scores[..n]);
        }
    }

    /// The rows of a chunk of documents are read first, then visited, so
    /// that their cache misses overlap instead of stalling one document at
    /// a time behind the visits.
    fn visit_chunk(&mut self, docs: &[DocId], scores: &[Score]) {
        let table = Arc::clone(&self.table);
        // Documents past the table (none, unless the segment is damaged) are skipped.
        let docs = &docs[..docs.partition_point(|&d| (d as usize) < table.rows.len())];
        let mut rows = [Row::default(); CHUNK];
        for (row, &doc) in rows.iter_mut().zip(docs) {
            *row = table.rows[doc as usize];
        }
        for ((&doc, &score), &row) in docs.iter().zip(scores).zip(&rows) {
            self.visit(doc, score, row, &table);
        }
    }

    #[inline(always)]
    fn visit(&mut self, doc: DocId, score: Score, row_value: Row, table: &SegmentTable) {
        let plan = &*self.plan;
        let Row {
            packed,
            sectors_deadline,
        } = row_value;
        if plan.visibility.is_some()
            && (packed & self.published == 0 || sectors_deadline >> SECTOR_BITS < self.today_key)
        {
            return;
        }
        self.matched += 1;
        if packed & self.required != self.required {
            return;
        }
        let sectors = sectors_deadline & SECTOR_MASK;
        let mut fails = 0u32;
        for &(dim, in_packed, in_sectors) in &self.filters {
            if packed & in_packed | sectors & in_sectors == 0 {
                fails |= dim;
            }
        }
        if let Some(range) = plan.amount {
            let row = doc as usize;
            let unspecified = plan.dims[range.dim].source.value(packed, sectors) & range.unspecified != 0;
            let outside = table.amount_min[row] > range.max || table.amount_max[row] < range.min;
            if unspecified || outside {
                fails |= 1 << range.dim;
            }
        }
        // No filter failed, or exactly one (without a popcount instruction
        // on the baseline target, `count_ones` is a dozen instructions).
        if fails == 0 {
            self.total += 1;
            self.counter
                .add((packed & self.count_all.0, sectors & self.count_all.1));
            let (key, score) = match plan.order {
                Order::Score => {
                    let score = match (&plan.bonus, &mut self.bonus_cache) {
                        (Some(bonus), Some(cache)) => score + cache.get(bonus, sectors),
                        _ => score,
                    };
                    (f64::from(score), score)
                }
                Order::Newest => {
                    if let (Some(day), Some(floor)) = (plan.created_day, self.newest_floor)
                        && day.get(packed) < floor
                    {
                        return;
                    }
                    #[cfg(test)]
                    CREATED_READS.with(|c| c.set(c.get() + 1));
                    (table.created[doc as usize] as f64, score)
                }
            };
            self.top.push(Candidate {
                key,
                score,
                address: DocAddress::new(self.segment, doc),
            });
            if plan.order == Order::Newest {
                self.newest_floor = self.top.threshold.map(|worst| created_day(worst.key as i64));
            }
        } else if fails & (fails - 1) == 0 {
            let (packed_mask, sectors_mask) = self.count_one[fails.trailing_zeros() as usize];
            self.counter.add((packed & packed_mask, sectors & sectors_mask));
        }
    }

    pub fn harvest(self) -> Collected {
        Collected {
            total: self.total,
            matched: self.matched,
            counts: self.counter.counts(&self.plan.dims),
            top: self.top.into_sorted(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Newest first reads the creation time only of documents created no
    /// earlier than the day of the worst hit kept, and still orders by the
    /// exact time (several listings a day).
    #[test]
    fn newest_first_reads_the_creation_time_only_from_the_page_s_last_day() {
        use crate::{ListingDoc, SearchIndex, SearchRequest, SortOrder};
        let start = 1_700_000_000;
        // 400 listings, four a day over 100 days, indexed in a shuffled
        // order of creation (id order is not date order).
        let docs: Vec<ListingDoc> = (0..400i64)
            .map(|id| {
                let created_at = start + (id * 137 % 400) * 21_600 + id;
                serde_json::from_value(serde_json::json!({
                    "id": id, "external_id": format!("lst-{id:04}"), "listing_type": "project",
                    "title": "冷链仓储", "description": "冷链仓储项目。", "tags": [],
                    "sectors": ["port_logistics"], "region": "dalian", "target_regions": ["shanghai"],
                    "org_external_id": "org-0001", "org_name": "大连港口集团", "org_type": "enterprise",
                    "org_verified": true, "modes": ["equity"], "status": "published",
                    "created_at": created_at, "updated_at": created_at,
                }))
                .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let index = SearchIndex::open_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        for doc in &docs {
            index.upsert_listing(doc).unwrap_or_else(|e| panic!("{e}"));
        }
        index.commit(1).unwrap_or_else(|e| panic!("{e}"));
        let mut request = SearchRequest::new(
            "冷链",
            chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        );
        request.sort = SortOrder::Newest;
        let before = CREATED_READS.with(std::cell::Cell::get);
        let response = index.search_listings(&request).unwrap_or_else(|e| panic!("{e}"));
        let reads = CREATED_READS.with(std::cell::Cell::get) - before;
        let mut newest = docs.clone();
        newest.sort_by_key(|d| std::cmp::Reverse(d.created_at));
        let expected: Vec<i64> = newest.iter().take(response.hits.len()).map(|d| d.id).collect();
        assert_eq!(response.hits.iter().map(|h| h.id).collect::<Vec<_>>(), expected);
        assert_eq!(response.total, 400);
        assert!(reads < 200, "{reads} creation times read for 400 matches");
    }

    fn candidate(key: f64, doc: u32) -> Candidate {
        Candidate {
            key,
            score: 0.0,
            address: DocAddress::new(0, doc),
        }
    }

    proptest! {
        #[test]
        fn top_k_keeps_the_best_in_order(keys in proptest::collection::vec(0u8..20, 0..300), limit in 0usize..40) {
            let candidates: Vec<Candidate> =
                keys.iter().enumerate().map(|(doc, key)| candidate(f64::from(*key), doc as u32)).collect();
            let mut top = TopK::new(limit);
            for c in &candidates {
                top.push(*c);
            }
            let mut expected = candidates.clone();
            expected.sort();
            expected.truncate(limit);
            let kept: Vec<(f64, DocAddress)> = top.into_sorted().iter().map(|c| (c.key, c.address)).collect();
            let wanted: Vec<(f64, DocAddress)> = expected.iter().map(|c| (c.key, c.address)).collect();
            prop_assert_eq!(kept, wanted);
        }
    }

    proptest! {
        #[test]
        fn bit_counter_counts_every_set_bit(
            words in proptest::collection::vec((any::<u64>(), any::<u64>(), 1usize..40), 0..300),
            sparse in any::<bool>(),
        ) {
            // Sparse words (a few bits, as facet values are) and dense ones;
            // over 255 words the byte lanes spill into the totals. Each sector
            // word comes in a run (its own packed words), and some are zero,
            // as a document failing one filter counts no sectors.
            let words: Vec<(u64, u64)> = words
                .iter()
                .flat_map(|&(a, b, run)| {
                    let b = if run % 5 == 0 { 0 } else { b };
                    (0..run as u64).map(move |k| (a.rotate_left(k as u32 * 7), b))
                })
                .collect();
            let words: Vec<(u64, u64)> = if sparse {
                words.iter().map(|(a, b)| (a & (a >> 7) & (a >> 13), b & (b >> 5) & (b >> 11))).collect()
            } else {
                words
            };
            // Only the counted bytes.
            let counted = |bytes: usize| (1u64 << (8 * bytes)) - 1;
            let words: Vec<(u64, u64)> = words
                .iter()
                .map(|(a, b)| (a & counted(PACKED_COUNTED_BYTES), b & SECTOR_MASK))
                .collect();
            let mut counter = BitCounter::default();
            let mut expected = [[0u64; 64]; 2];
            for &(a, b) in &words {
                counter.add((a, b));
                for (word, counts) in [a, b].into_iter().zip(expected.iter_mut()) {
                    for (bit, count) in counts.iter_mut().enumerate() {
                        *count += (word >> bit) & 1;
                    }
                }
            }
            counter.flush_run();
            counter.spill();
            prop_assert_eq!(counter.totals, expected);
        }
    }

    #[test]
    fn every_facet_lies_in_the_counted_bytes() {
        let listing = crate::facets::ListingLayout::new();
        let org = crate::facets::OrgLayout::new();
        let facets = [
            listing.listing_type,
            listing.region,
            listing.target_region,
            listing.org_type,
            listing.mode,
            listing.amount,
            org.org_type,
            org.region,
            org.ownership,
        ];
        for bits in facets {
            assert_eq!(bits.slot_mask() >> (8 * PACKED_COUNTED_BYTES), 0, "{bits:?}");
        }
    }

    #[test]
    fn counts_are_read_per_dim_from_its_slot() {
        let layout = crate::facets::ListingLayout::new();
        let dims = [
            Dim {
                source: Source::Packed(layout.region),
                allowed: None,
            },
            Dim {
                source: Source::Sectors,
                allowed: None,
            },
            Dim {
                source: Source::Packed(layout.amount),
                allowed: None,
            },
        ];
        let mut counter = BitCounter::default();
        for doc in 0..600u64 {
            let region = 1 << (doc % 3);
            let amount = if doc % 2 == 0 { 0b11 } else { 0b100 };
            let packed = (region << layout.region.shift()) | (amount << layout.amount.shift());
            counter.add((packed, 1 << 47 | 1));
        }
        let counts = counter.counts(&dims);
        assert_eq!(&counts[0][..4], &[200, 200, 200, 0]);
        assert_eq!((counts[1][0], counts[1][1], counts[1][47]), (600, 0, 600));
        assert_eq!(&counts[2][..4], &[300, 300, 300, 0]);
    }

    #[test]
    fn deadline_keys_order_like_dates() {
        let day = |y, m, d| crate::doc::days_from_date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default());
        assert_eq!(day(2000, 1, 1), DEADLINE_BASE_DAYS);
        let dates = [
            day(1999, 12, 31),
            day(2000, 1, 1),
            day(2026, 11, 27),
            day(2026, 11, 28),
            day(2150, 6, 1),
        ];
        let keys: Vec<u64> = dates.iter().map(|d| deadline_key(*d)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        assert!(deadline_key(day(2026, 11, 27)) < deadline_key(day(2026, 11, 28)));
        assert_eq!(deadline_key(i64::MAX), NO_DEADLINE);
        assert!(deadline_key(day(2150, 6, 1)) < NO_DEADLINE);
    }

    #[test]
    fn rising_keys_keep_the_last() {
        let mut top = TopK::new(3);
        for doc in 0..1000 {
            top.push(candidate(f64::from(doc), doc));
        }
        let docs: Vec<u32> = top.into_sorted().iter().map(|c| c.address.doc_id).collect();
        assert_eq!(docs, vec![999, 998, 997]);
    }
}
