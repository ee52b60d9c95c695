//! An in-memory index of match profiles, kept in step with the database by
//! the service (insert, update and remove by id), answering "the best
//! candidates for this listing" in milliseconds over a million listings.
//!
//! Candidates are partitioned by (listing type, region), and only published
//! listings sit in a partition, so a query visits only the complementary types
//! in regions its rules allow; inside a partition the fields the rules and the
//! cheap factors read are packed together (`Core`). Text is the costly
//! factor, so the index also keeps postings (term → candidates and weights):
//! a query accumulates its selective terms' postings into an upper bound of
//! every candidate's text similarity; the postings of terms found in very many
//! listings are dropped, and those terms' contribution is bounded by the
//! norm of the query's share of them. Candidates are then scored exactly, best
//! bound first, until no bound can beat the current top list: the result is
//! exactly what scoring every pair would give. Expiry is evaluated at query
//! time from `today`, so nothing needs to happen when a deadline passes. The
//! index is derived data: the service can always rebuild it from the database.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, HashSet};

use hulian_domain::{ListingStatus, ListingType, Region};

use crate::config::MatchContext;
use crate::factors;
use crate::profile::{Core, MatchProfile, REGION_COUNT, region_index};
use crate::rules::PartitionRules;
use crate::score::{Match, Scorer, SectorCache};
use crate::text::{LATIN_BIT, TextVector, WEIGHT_SCALE, combine_normalized};

const TYPE_COUNT: usize = ListingType::ALL.len();

fn partition_of(listing_type: ListingType, region: Region) -> usize {
    listing_type as usize * REGION_COUNT + region_index(region)
}

/// The candidates of one (listing type, region): slots and packed cores, in step.
#[derive(Debug, Clone, Default)]
struct Partition {
    slots: Vec<u32>,
    cores: Vec<Core>,
}

/// One entry of a posting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    slot: u32,
    weight: u16,
}

/// The candidates holding one term. A list that grew past the common
/// threshold is dropped for good and the term treated as common.
#[derive(Debug, Clone, Default)]
struct PostingList {
    entries: Vec<Posting>,
    common: bool,
}

/// Postings of every term of every candidate, by script and dense term index.
#[derive(Debug, Clone, Default)]
struct Postings {
    cjk: Vec<PostingList>,
    latin: Vec<PostingList>,
}

/// A term is common once more than 1/`COMMON_DIVISOR` of the candidates
/// hold it (and at least [`COMMON_MIN`]): its postings are dropped and its
/// part of the similarity bounded instead. In the benchmark, 1/64 left most
/// of a sector's vocabulary bounded, and loose bounds meant scoring ten times
/// more candidates (p99 3,037 vs 341 at 100,000 listings); 1/8 costs 7 % more
/// memory. `COMMON_MIN` is small in tests, so that they exercise the bound.
const COMMON_DIVISOR: usize = 8;
const COMMON_MIN: usize = if cfg!(test) { 4 } else { 4096 };

impl Postings {
    fn list(&self, term: u32) -> Option<&PostingList> {
        if term & LATIN_BIT != 0 {
            self.latin.get((term & !LATIN_BIT) as usize)
        } else {
            self.cjk.get(term as usize)
        }
    }

    fn list_mut(&mut self, term: u32) -> &mut PostingList {
        let (lists, index) = if term & LATIN_BIT != 0 {
            (&mut self.latin, (term & !LATIN_BIT) as usize)
        } else {
            (&mut self.cjk, term as usize)
        };
        if lists.len() <= index {
            lists.resize_with(index + 1, PostingList::default);
        }
        &mut lists[index]
    }

    /// Adds a candidate's terms. `common` holds, per slot, the squared norms
    /// (Chinese, Latin) of the candidate's common terms; a term turning common
    /// hands its squared weights to every candidate on its list.
    fn add(&mut self, slot: u32, text: &TextVector, live: usize, common: &mut [(f32, f32)]) {
        let threshold = (live / COMMON_DIVISOR).max(COMMON_MIN);
        let mut own = (0.0f32, 0.0f32);
        for (term, weight) in text.raw() {
            let latin = term & LATIN_BIT != 0;
            let list = self.list_mut(term);
            if list.common {
                add_square(&mut own, latin, weight);
                continue;
            }
            list.entries.push(Posting { slot, weight });
            if list.entries.len() > threshold {
                list.common = true;
                for posting in std::mem::take(&mut list.entries) {
                    if posting.slot == slot {
                        add_square(&mut own, latin, posting.weight);
                    } else if let Some(norms) = common.get_mut(posting.slot as usize) {
                        add_square(norms, latin, posting.weight);
                    }
                }
            }
        }
        if let Some(norms) = common.get_mut(slot as usize) {
            *norms = own;
        }
    }

    fn remove(&mut self, slot: u32, text: &TextVector) {
        for (term, _) in text.raw() {
            let list = self.list_mut(term);
            if let Some(at) = list.entries.iter().position(|p| p.slot == slot) {
                list.entries.swap_remove(at);
            }
        }
    }

    fn heap_bytes(&self) -> usize {
        self.cjk
            .iter()
            .chain(&self.latin)
            .map(|l| std::mem::size_of::<PostingList>() + l.entries.capacity() * std::mem::size_of::<Posting>())
            .sum()
    }
}

fn add_square(norms: &mut (f32, f32), latin: bool, weight: u16) {
    let w = (f64::from(weight) / WEIGHT_SCALE) as f32;
    if latin { norms.1 += w * w } else { norms.0 += w * w }
}

/// Profiles by id, the candidate partitions and the postings.
#[derive(Debug, Clone)]
pub struct MatchIndex {
    profiles: Vec<Option<MatchProfile>>,
    slot_of: HashMap<i64, u32>,
    free: Vec<u32>,
    partitions: Vec<Partition>,
    /// Where each slot sits among the candidates: (partition, position).
    placement: Vec<Option<(u32, u32)>>,
    postings: Postings,
    /// Per slot, squared norms (Chinese, Latin) of the candidate's common terms.
    common: Vec<(f32, f32)>,
    /// Number of candidates (published listings).
    placed: usize,
}

impl Default for MatchIndex {
    fn default() -> Self {
        Self::new()
    }
}

/// Above this many candidates a search tabulates what it can per query.
const MANY_CANDIDATES: usize = 4096;
/// Histogram buckets over score bounds in [0, 1].
const BUCKETS: usize = 512;
/// Slack on bounds for the rounding of their single-precision sums (each term
/// adds at most a few 1e-8; a vector holds at most 192 terms).
const BOUND_SLACK: f64 = 1e-4;

fn bucket(score: f64) -> usize {
    ((score.max(0.0) * BUCKETS as f64) as usize).min(BUCKETS - 1)
}

/// A candidate that passed the hard rules, with an upper bound of its score
/// (rounded up to single precision: a million of these are written per query).
#[derive(Debug, Clone, Copy)]
struct Admitted {
    bound: f32,
    partition: u16,
    position: u32,
}

/// A candidate while ranking: greater is better (higher score, then lower id).
#[derive(Debug, Clone, Copy)]
struct Ranked {
    score: f64,
    id: i64,
    slot: u32,
}

/// The best `limit` candidates so far, worst on top.
struct TopList {
    heap: BinaryHeap<Reverse<Ranked>>,
    limit: usize,
}

impl TopList {
    fn new(limit: usize) -> Self {
        TopList {
            heap: BinaryHeap::with_capacity(limit + 1),
            limit,
        }
    }

    /// Whether a candidate scoring at most `bound` could still enter.
    fn could_enter(&self, bound: f64, id: i64) -> bool {
        if self.heap.len() < self.limit {
            return true;
        }
        self.heap
            .peek()
            .is_none_or(|Reverse(worst)| bound > worst.score || (bound == worst.score && id < worst.id))
    }

    fn offer(&mut self, ranked: Ranked) {
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(ranked));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && ranked > worst.0
        {
            *worst = Reverse(ranked);
        }
    }

    fn into_sorted(self) -> Vec<Ranked> {
        let mut ranked: Vec<Ranked> = self.heap.into_iter().map(|Reverse(r)| r).collect();
        ranked.sort_by(|a, b| b.cmp(a));
        ranked
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score.total_cmp(&other.score).then(other.id.cmp(&self.id))
    }
}

/// Upper bounds of the query's text dot products with every slot, per script.
struct TextBounds<'a> {
    /// Exact sums over the query's selective terms, by slot: (Chinese, Latin).
    sums: Vec<(f32, f32)>,
    /// Norms of the query's common part, per script.
    query_common: (f64, f64),
    /// Squared norms of each candidate's common part, by slot.
    candidate_common: &'a [(f32, f32)],
    query_share: f32,
    saturation: f64,
}

impl TextBounds<'_> {
    /// An upper bound of the text factor's value for a candidate: exact over
    /// selective terms, Cauchy–Schwarz over common ones.
    fn value(&self, slot: u32, candidate_share: f32) -> f64 {
        let (cjk, latin) = self.sums.get(slot as usize).copied().unwrap_or((0.0, 0.0));
        let (common_cjk, common_latin) = self.candidate_common.get(slot as usize).copied().unwrap_or((1.0, 1.0));
        let cosine = combine_normalized(
            self.query_share,
            candidate_share,
            f64::from(cjk) + self.query_common.0 * f64::from(common_cjk).sqrt() + BOUND_SLACK,
            f64::from(latin) + self.query_common.1 * f64::from(common_latin).sqrt() + BOUND_SLACK,
        );
        factors::text(cosine + BOUND_SLACK, self.saturation)
    }
}

impl MatchIndex {
    pub fn new() -> Self {
        MatchIndex {
            profiles: Vec::new(),
            slot_of: HashMap::new(),
            free: Vec::new(),
            partitions: vec![Partition::default(); TYPE_COUNT * REGION_COUNT],
            placement: Vec::new(),
            postings: Postings::default(),
            common: Vec::new(),
            placed: 0,
        }
    }

    /// An index with room for `capacity` listings.
    pub fn with_capacity(capacity: usize) -> Self {
        let mut index = Self::new();
        index.profiles.reserve(capacity);
        index.placement.reserve(capacity);
        index.slot_of.reserve(capacity);
        index
    }

    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    pub fn contains(&self, id: i64) -> bool {
        self.slot_of.contains_key(&id)
    }

    pub fn get(&self, id: i64) -> Option<&MatchProfile> {
        let slot = *self.slot_of.get(&id)?;
        self.profiles.get(slot as usize)?.as_ref()
    }

    /// Inserts a profile, or replaces the one with the same id.
    pub fn upsert(&mut self, profile: MatchProfile) {
        let id = profile.core.id;
        let slot = match self.slot_of.get(&id) {
            Some(&slot) => {
                self.unplace(slot);
                slot
            }
            None => {
                let slot = match self.free.pop() {
                    Some(slot) => slot,
                    None => {
                        self.profiles.push(None);
                        self.placement.push(None);
                        self.common.push((0.0, 0.0));
                        (self.profiles.len() - 1) as u32
                    }
                };
                self.slot_of.insert(id, slot);
                slot
            }
        };
        if profile.core.status == ListingStatus::Published {
            let p = partition_of(profile.core.listing_type, profile.core.region);
            if let Some(partition) = self.partitions.get_mut(p) {
                partition.slots.push(slot);
                partition.cores.push(profile.core);
                if let Some(place) = self.placement.get_mut(slot as usize) {
                    *place = Some((p as u32, (partition.slots.len() - 1) as u32));
                }
                self.placed += 1;
                self.postings.add(slot, &profile.text, self.placed, &mut self.common);
            }
        }
        if let Some(entry) = self.profiles.get_mut(slot as usize) {
            *entry = Some(profile);
        }
    }

    /// Removes a listing; returns its profile if it was there.
    pub fn remove(&mut self, id: i64) -> Option<MatchProfile> {
        let slot = self.slot_of.remove(&id)?;
        self.unplace(slot);
        self.free.push(slot);
        self.profiles.get_mut(slot as usize)?.take()
    }

    /// Takes a slot out of the candidates (partition and postings).
    fn unplace(&mut self, slot: u32) {
        let Some((p, position)) = self.placement.get_mut(slot as usize).and_then(Option::take) else {
            return;
        };
        if let Some(Some(profile)) = self.profiles.get(slot as usize) {
            self.postings.remove(slot, &profile.text);
        }
        if let Some(norms) = self.common.get_mut(slot as usize) {
            *norms = (0.0, 0.0);
        }
        self.placed = self.placed.saturating_sub(1);
        let Some(partition) = self.partitions.get_mut(p as usize) else {
            return;
        };
        let position = position as usize;
        if position >= partition.slots.len() {
            return;
        }
        partition.slots.swap_remove(position);
        partition.cores.swap_remove(position);
        if let Some(&moved) = partition.slots.get(position)
            && let Some(place) = self.placement.get_mut(moved as usize)
        {
            *place = Some((p, position as u32));
        }
    }

    /// The best `limit` candidates for the indexed listing `query_id`, best
    /// first (ties by lower id), never any id in `excluded` (what its owner
    /// dismissed). `None` when `query_id` is not indexed.
    pub fn top_matches(
        &self,
        query_id: i64,
        ctx: MatchContext<'_>,
        limit: usize,
        excluded: &HashSet<i64>,
    ) -> Option<Vec<Match>> {
        let query = self.get(query_id)?;
        Some(self.top_matches_for(query, ctx, limit, excluded))
    }

    /// The best `limit` candidates for any profile (indexed or not), best first.
    ///
    /// (1) The query's selective terms are looked up in the postings, giving
    /// every candidate a text bound; (2) every candidate in an admissible
    /// partition goes through the hard rules and gets its cheap score and a
    /// bound of its total; (3) candidates are scored exactly in order of
    /// their bounds (a counting sort by bound), each only if its bound still
    /// beats the current top list, until no bound can.
    pub fn top_matches_for(
        &self,
        query: &MatchProfile,
        ctx: MatchContext<'_>,
        limit: usize,
        excluded: &HashSet<i64>,
    ) -> Vec<Match> {
        if limit == 0 {
            return Vec::new();
        }
        let mut scorer = Scorer::new(query, ctx);
        let rules = self.rules_for(&scorer);
        let admitted = self.admitted(&mut scorer, &rules);

        // counting sort of the candidates by bound, best bucket first
        let mut starts = [0usize; BUCKETS + 1];
        for candidate in &admitted {
            starts[BUCKETS - bucket(f64::from(candidate.bound))] += 1;
        }
        for b in 1..=BUCKETS {
            starts[b] += starts[b - 1];
        }
        let mut order = vec![0u32; admitted.len()];
        let mut next = starts;
        for (i, candidate) in admitted.iter().enumerate() {
            let b = BUCKETS - 1 - bucket(f64::from(candidate.bound));
            if let Some(at) = next.get_mut(b) {
                if let Some(entry) = order.get_mut(*at) {
                    *entry = i as u32;
                }
                *at += 1;
            }
        }

        let mut top = TopList::new(limit);
        let mut sectors = SectorCache::new();
        for b in 0..BUCKETS {
            // everything in this bucket and below is bounded by its upper edge
            let edge = (BUCKETS - b) as f64 / BUCKETS as f64;
            if b > 0 && !top.could_enter(edge, i64::MIN) {
                break;
            }
            let range = starts.get(b).copied().unwrap_or(0)..starts.get(b + 1).copied().unwrap_or(0);
            for &i in order.get(range).unwrap_or_default() {
                let Some(candidate) = admitted.get(i as usize) else {
                    continue;
                };
                let bound = f64::from(candidate.bound);
                let p = usize::from(candidate.partition);
                let (Some(partition), Some(Some(rule))) = (self.partitions.get(p), rules.get(p)) else {
                    continue;
                };
                let position = candidate.position as usize;
                let (Some(core), Some(&slot)) = (partition.cores.get(position), partition.slots.get(position)) else {
                    continue;
                };
                if !top.could_enter(bound, core.id) || excluded.contains(&core.id) {
                    continue;
                }
                let (Some(Some(profile)), Some(admission)) = (self.profiles.get(slot as usize), rule.admit(core))
                else {
                    continue;
                };
                let cheap = scorer.cheap_sum_with(core, admission, sectors.term(&scorer, core));
                let costly = scorer.costly(core, profile.text.view());
                let score = Scorer::total_of(cheap, &costly);
                debug_assert!(score <= bound, "bound {bound} below score {score}");
                top.offer(Ranked {
                    score,
                    id: core.id,
                    slot,
                });
            }
        }

        top.into_sorted()
            .into_iter()
            .filter_map(|r| {
                let profile = self.profiles.get(r.slot as usize)?.as_ref()?;
                let admission = scorer.admit(&profile.core).ok()?;
                let found = scorer.explain(profile, admission);
                debug_assert_eq!(found.score, r.score);
                Some(found)
            })
            .collect()
    }

    /// The hard rules for each partition, `None` where no candidate can pass
    /// (types that do not complement the query's, regions the rule excludes).
    fn rules_for(&self, scorer: &Scorer<'_>) -> Vec<Option<PartitionRules>> {
        let mut rules = vec![None; self.partitions.len()];
        for &listing_type in ListingType::ALL {
            for &region in Region::ALL {
                let rule = PartitionRules::new(
                    &scorer.query.core,
                    listing_type,
                    region,
                    scorer.ctx.config,
                    scorer.today,
                );
                if rule.possible()
                    && let Some(entry) = rules.get_mut(partition_of(listing_type, region))
                {
                    *entry = Some(rule);
                }
            }
        }
        rules
    }

    /// Upper bounds of the query's text similarity with every slot.
    fn text_bounds(&self, scorer: &Scorer<'_>) -> TextBounds<'_> {
        let query = scorer.query;
        let mut sums = vec![(0.0f32, 0.0f32); self.profiles.len()];
        let (mut common_cjk, mut common_latin) = (0.0f64, 0.0f64);
        for (term, weight) in query.text.iter() {
            let latin = term & LATIN_BIT != 0;
            match self.postings.list(term) {
                Some(list) if list.common => {
                    if latin {
                        common_latin += weight * weight
                    } else {
                        common_cjk += weight * weight
                    }
                }
                Some(list) => {
                    for posting in &list.entries {
                        if let Some(sum) = sums.get_mut(posting.slot as usize) {
                            let product = (weight * f64::from(posting.weight) / WEIGHT_SCALE) as f32;
                            if latin { sum.1 += product } else { sum.0 += product }
                        }
                    }
                }
                None => {}
            }
        }
        TextBounds {
            sums,
            query_common: (common_cjk.sqrt(), common_latin.sqrt()),
            candidate_common: &self.common,
            query_share: query.text.cjk_share(),
            saturation: scorer.text_saturation(),
        }
    }

    /// Steps 1 and 2 of a search: the admitted candidates with the bounds of their scores.
    fn admitted(&self, scorer: &mut Scorer<'_>, rules: &[Option<PartitionRules>]) -> Vec<Admitted> {
        let capacity: usize = self
            .partitions
            .iter()
            .zip(rules)
            .filter(|(_, rule)| rule.is_some())
            .map(|(p, _)| p.cores.len())
            .sum();
        if capacity > MANY_CANDIDATES {
            scorer.prepare_for_many();
        }
        let scorer: &Scorer<'_> = scorer;
        let bounds = self.text_bounds(scorer);
        let (text_weight, freshness_weight) = scorer.costly_weights();
        let mut sectors = SectorCache::new();
        let mut admitted = Vec::with_capacity(capacity);
        for (p, (partition, rule)) in self.partitions.iter().zip(rules).enumerate() {
            let Some(rule) = rule else { continue };
            for (position, (core, &slot)) in partition.cores.iter().zip(&partition.slots).enumerate() {
                let Some(admission) = rule.admit(core) else { continue };
                let cheap = scorer.cheap_sum_with(core, admission, sectors.term(scorer, core));
                let bound = cheap + text_weight * bounds.value(slot, core.cjk_share) + freshness_weight + BOUND_SLACK;
                admitted.push(Admitted {
                    bound: bound as f32 + 1e-6,
                    partition: p as u16,
                    position: position as u32,
                });
            }
        }
        admitted
    }

    /// Rough memory use in bytes (profiles, packed candidates, postings, id
    /// map), for capacity planning.
    pub fn memory_estimate(&self) -> usize {
        let profiles: usize = self.profiles.iter().flatten().map(MatchProfile::memory_estimate).sum();
        let empty_slots =
            self.profiles.iter().filter(|p| p.is_none()).count() * std::mem::size_of::<Option<MatchProfile>>();
        let partitions: usize = self
            .partitions
            .iter()
            .map(|p| p.cores.capacity() * std::mem::size_of::<Core>() + p.slots.capacity() * 4)
            .sum();
        let map = self.slot_of.capacity() * 16
            + self.placement.capacity() * std::mem::size_of::<Option<(u32, u32)>>()
            + self.common.capacity() * 8;
        profiles + empty_slots + partitions + map + self.postings.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use hulian_domain::{ListingStatus, ListingType::*, Mode, Region::*};

    use super::*;
    use crate::rules::Rejection;
    use crate::score::score_pair;
    use crate::testing::{Corpus, Spec, today};

    const YI: i64 = 100_000_000;

    fn ids(matches: &[Match]) -> Vec<i64> {
        matches.iter().map(|m| m.id).collect()
    }

    fn project() -> Spec {
        Spec::new(1, Project, Dalian, &["equipment"], "LNG运输船总装扩能项目")
            .amount(6 * YI, 10 * YI)
            .modes(&[Mode::Equity])
            .description("寻求船舶基金股权投资与殷瓦焊接合作")
    }

    fn fund(id: i64) -> Spec {
        Spec::new(
            id,
            FundMandate,
            Shanghai,
            &["equipment"],
            "船舶与海洋工程装备产业基金投资意向",
        )
        .amount(3 * YI, 12 * YI)
        .modes(&[Mode::Equity])
        .targets(&[Dalian])
        .description("投向LNG运输船总装扩能和殷瓦焊接")
    }

    fn top(corpus: &Corpus, query: i64, excluded: &HashSet<i64>) -> Vec<i64> {
        let index = corpus.index();
        ids(&index.top_matches(query, corpus.ctx(), 20, excluded).unwrap_or_default())
    }

    /// Listings that match nothing here, so that term statistics look like a corpus.
    fn background() -> Vec<Spec> {
        [
            "樱桃蓝莓进沪直供",
            "邮轮母港航线开发",
            "多肽药物原料药生产",
            "冷链物流园区运营",
            "储能电站设备采购",
        ]
        .iter()
        .enumerate()
        .map(|(i, title)| Spec::new(100 + i as i64, Need, Dalian, &["agriculture"], title))
        .collect()
    }

    #[test]
    fn the_index_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<MatchIndex>();
        shareable::<crate::TermStats>();
        shareable::<crate::MatchConfig>();
        shareable::<Match>();
    }

    #[test]
    fn finds_the_complementary_counterpart_and_explains_it() {
        let mut specs = vec![project(), fund(2)];
        specs.extend(background());
        let corpus = Corpus::new(&specs);
        let index = corpus.index();
        let found = index
            .top_matches(1, corpus.ctx(), 20, &HashSet::new())
            .unwrap_or_default();
        assert_eq!(ids(&found), vec![2]);
        let m = &found[0];
        assert!(m.score > 0.5 && m.score <= 1.0, "{}", m.score);
        assert_eq!(m.factors.len(), 8);
        let sum: f64 = m.factors.iter().map(|f| f.contribution).sum();
        assert!((sum - m.score).abs() < 1e-9);
        assert!(
            m.reasons
                .iter()
                .any(|r| r.zh == "基金单笔投资 3亿–12亿元，覆盖项目规模 6亿–10亿元"),
            "{:?}",
            m.reasons
        );
        assert!(m.reasons.iter().any(|r| r.zh.contains("同属装备制造")));
        assert!(
            m.reasons
                .iter()
                .any(|r| r.zh.starts_with("内容相关：") && r.zh.contains("运输船")),
            "{:?}",
            m.reasons
        );
        // and the other way round
        assert_eq!(top(&corpus, 2, &HashSet::new()), vec![1]);
    }

    #[test]
    fn never_shows_drafts_closed_or_expired_listings() {
        let expired = today().pred_opt().unwrap_or_default();
        let corpus = Corpus::new(&[
            project(),
            fund(2).status(ListingStatus::Draft),
            fund(3).status(ListingStatus::Closed),
            fund(4).deadline(expired),
            fund(5).deadline(today()),
        ]);
        assert_eq!(top(&corpus, 1, &HashSet::new()), vec![5]);
        let q = corpus.profile(1);
        assert_eq!(
            score_pair(q, corpus.profile(4), corpus.ctx()).err(),
            Some(Rejection::NotPublic)
        );
    }

    #[test]
    fn never_shows_the_query_or_its_own_organization() {
        let corpus = Corpus::new(&[project().org(7), fund(2).org(7), fund(3)]);
        assert_eq!(top(&corpus, 1, &HashSet::new()), vec![3]);
        let q = corpus.profile(1);
        assert_eq!(
            score_pair(q, corpus.profile(2), corpus.ctx()).err(),
            Some(Rejection::SameOrganization)
        );
        assert_eq!(score_pair(q, q, corpus.ctx()).err(), Some(Rejection::SameListing));
    }

    #[test]
    fn never_shows_a_dismissed_listing() {
        let corpus = Corpus::new(&[project(), fund(2), fund(3)]);
        assert_eq!(top(&corpus, 1, &HashSet::new()).len(), 2);
        assert_eq!(top(&corpus, 1, &HashSet::from([2])), vec![3]);
    }

    #[test]
    fn only_complementary_types() {
        let other_project = Spec::new(2, Project, Shanghai, &["equipment"], "LNG运输船总装扩能项目");
        let need = Spec::new(3, Need, Shanghai, &["equipment"], "LNG运输船配套采购").modes(&[Mode::Procurement]);
        let offer = Spec::new(4, Offer, Shanghai, &["equipment"], "LNG运输船殷瓦焊接");
        let corpus = Corpus::new(&[project(), other_project, need, offer]);
        assert_eq!(top(&corpus, 1, &HashSet::new()), vec![4]);
        let q = corpus.profile(1);
        assert_eq!(
            score_pair(q, corpus.profile(2), corpus.ctx()).err(),
            Some(Rejection::TypesNotComplementary)
        );
    }

    #[test]
    fn parks_meet_needs_only_for_a_site() {
        let park = Spec::new(1, ParkSpace, Dalian, &["robotics"], "飞地园区标准厂房")
            .targets(&[Shanghai])
            .modes(&[Mode::Lease]);
        let site = Spec::new(2, Need, Shanghai, &["robotics"], "北方生产基地厂房")
            .targets(&[Dalian])
            .modes(&[Mode::Relocation]);
        let buy = Spec::new(3, Need, Shanghai, &["robotics"], "减速器采购")
            .targets(&[Dalian])
            .modes(&[Mode::Procurement]);
        let corpus = Corpus::new(&[park, site, buy]);
        assert_eq!(top(&corpus, 1, &HashSet::new()), vec![2]);
        assert_eq!(top(&corpus, 2, &HashSet::new()), vec![1]);
        assert!(top(&corpus, 3, &HashSet::new()).is_empty());
    }

    #[test]
    fn only_counterpart_regions() {
        let local = fund(2).org(2);
        let mut local = local;
        local.record.region = Dalian;
        local.record.target_regions = None;
        let corpus = Corpus::new(&[project(), local, fund(3)]);
        assert_eq!(top(&corpus, 1, &HashSet::new()), vec![3]);
        let q = corpus.profile(1);
        assert_eq!(
            score_pair(q, corpus.profile(2), corpus.ctx()).err(),
            Some(Rejection::RegionsNotPaired)
        );
    }

    #[test]
    fn an_unnamed_counterpart_city_ranks_below_a_named_one() {
        let buyer = Spec::new(1, Need, Shanghai, &["equipment"], "港机铸钢件采购")
            .targets(&[Dalian])
            .modes(&[Mode::Procurement]);
        let dalian = Spec::new(2, Offer, Dalian, &["equipment"], "铸钢件供货").modes(&[Mode::Supply]);
        let yingkou = Spec::new(3, Offer, Yingkou, &["equipment"], "铸钢件供货").modes(&[Mode::Supply]);
        let corpus = Corpus::new(&[buyer, dalian, yingkou]);
        let index = corpus.index();
        let found = index
            .top_matches(1, corpus.ctx(), 20, &HashSet::new())
            .unwrap_or_default();
        assert_eq!(ids(&found), vec![2, 3]);
        assert!(
            found[1]
                .reasons
                .iter()
                .any(|r| r.zh.starts_with("注意：营口不在本方指定的目标地区（大连）内")),
            "{:?}",
            found[1].reasons
        );
    }

    #[test]
    fn a_ticket_that_excludes_the_project_ranks_below_one_that_covers_it() {
        let small = fund(2).amount(YI / 10, 8 * YI / 10);
        let corpus = Corpus::new(&[project(), small, fund(3)]);
        let index = corpus.index();
        let found = index
            .top_matches(1, corpus.ctx(), 20, &HashSet::new())
            .unwrap_or_default();
        assert_eq!(ids(&found), vec![3, 2]);
        assert!(
            found[1]
                .reasons
                .last()
                .is_some_and(|r| r.zh.starts_with("注意：基金单笔投资 1000万–8000万元，不足以覆盖"))
        );
    }

    #[test]
    fn updates_and_removals_take_effect() {
        let corpus = Corpus::new(&[project(), fund(2), fund(3)]);
        let mut index = corpus.index();
        assert_eq!(index.len(), 3);
        let mut closed = corpus.profile(2).clone();
        closed.core.status = ListingStatus::Closed;
        index.upsert(closed);
        assert_eq!(index.len(), 3);
        let found = index
            .top_matches(1, corpus.ctx(), 20, &HashSet::new())
            .unwrap_or_default();
        assert_eq!(ids(&found), vec![3]);
        index.upsert(corpus.profile(2).clone());
        assert_eq!(
            index.top_matches(1, corpus.ctx(), 20, &HashSet::new()).map(|m| m.len()),
            Some(2)
        );
        assert!(index.remove(3).is_some());
        assert!(index.remove(3).is_none());
        assert!(!index.contains(3));
        let found = index
            .top_matches(1, corpus.ctx(), 20, &HashSet::new())
            .unwrap_or_default();
        assert_eq!(ids(&found), vec![2]);
        assert!(index.top_matches(99, corpus.ctx(), 20, &HashSet::new()).is_none());
        assert!(index.memory_estimate() > 0);
    }

    #[test]
    fn freshness_and_verification_break_otherwise_equal_candidates() {
        let day = 86_400;
        let now = crate::testing::midnight(today());
        let corpus = Corpus::new(&[
            project(),
            fund(2).updated(now - 400 * day),
            fund(3),
            fund(4).verified(true),
        ]);
        assert_eq!(top(&corpus, 1, &HashSet::new()), vec![4, 3, 2]);
    }

    #[test]
    fn equal_scores_are_ordered_by_id_and_the_limit_holds() {
        let corpus = Corpus::new(&[project(), fund(9), fund(5), fund(7), fund(6)]);
        assert_eq!(top(&corpus, 1, &HashSet::new()), vec![5, 6, 7, 9]);
        let index = corpus.index();
        let two = index
            .top_matches(1, corpus.ctx(), 2, &HashSet::new())
            .unwrap_or_default();
        assert_eq!(ids(&two), vec![5, 6]);
        assert!(
            index
                .top_matches(1, corpus.ctx(), 0, &HashSet::new())
                .unwrap_or_default()
                .is_empty()
        );
    }

    /// Big enough for the tabulated path (> MANY_CANDIDATES) and, with the
    /// small test threshold, for many terms turning common; after removals and
    /// re-insertions the search must still equal scoring every pair.
    #[test]
    fn a_large_churned_index_returns_what_scoring_every_pair_would() {
        let words = [
            "液流电池",
            "储能",
            "船舶",
            "殷瓦钢",
            "冷链",
            "数控系统",
            "邮轮",
            "多肽",
            "POE",
            "spindle",
        ];
        let sectors = ["equipment", "new_energy", "port_logistics", "biomedicine", "robotics"];
        let mut specs = Vec::new();
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) as usize) % n
        };
        for id in 1..=6000i64 {
            let listing_type = [Project, Offer, FundMandate, Technology, Need, ParkSpace][next(6)];
            let region = [Shanghai, Dalian, Yingkou][next(3)];
            let title = format!("{}{}{}", words[next(10)], words[next(10)], words[next(10)]);
            let modes: Vec<Mode> = Mode::ALL.iter().copied().filter(|_| next(3) == 0).collect();
            let mut spec = Spec::new(id, listing_type, region, &[sectors[next(5)], sectors[next(5)]], &title)
                .modes(&modes)
                .org(next(500) as i64);
            if next(2) == 0 {
                spec = spec.amount(YI * (1 + next(4) as i64), YI * (5 + next(6) as i64));
            }
            specs.push(spec);
        }
        let corpus = Corpus::new(&specs);
        let mut index = corpus.index();
        for id in (1..=6000).filter(|id| id % 5 != 0) {
            index.remove(id);
        }
        for id in (1..=6000).filter(|id| id % 10 == 1) {
            index.upsert(corpus.profile(id).clone());
        }
        let live: Vec<&MatchProfile> = corpus.profiles.iter().filter(|p| index.contains(p.id())).collect();
        for query in live.iter().take(12) {
            let found = index
                .top_matches(query.id(), corpus.ctx(), 10, &HashSet::new())
                .unwrap_or_default();
            let mut expected: Vec<Match> = live
                .iter()
                .filter_map(|c| score_pair(query, c, corpus.ctx()).ok())
                .collect();
            expected.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
            expected.truncate(10);
            assert_eq!(found, expected);
            assert_eq!(index.get(query.id()), Some(*query));
        }
    }
}
