//! Evaluation of a text query, one segment at a time and one term at a time.
//!
//! A search counts its facets exactly, so it visits every document the query
//! matches: at a million listings a common word matches a hundred thousand.
//! tantivy evaluates a query document at a time, through a tree of scorers
//! (a union per word over four to seven fields, a max over synonyms, an
//! intersection over words), and at that size the calls between the levels of
//! the tree cost more than reading the postings. Here each node is evaluated
//! whole, bottom up, into a list of `(doc, score)` sorted by doc: a term's
//! postings are decoded a block of 128 at a time and scored with BM25 (the
//! same weights tantivy computes, so the ranking is the same), unions and
//! maxima are merged head by head (or, for many lists, accumulated in dense
//! per-document arrays), intersections and exclusions are merges of sorted
//! lists. The rarest required clause goes first; the other clauses, and those
//! that only add to the score, are looked up for the documents already
//! matched: those documents are marked in a bit set, the skip list jumps to
//! each block of postings holding one, and only those blocks are decoded.
//! Phrases (which need positions) are left to tantivy's own phrase scorer.
//! Without scoring (newest first, browsing) every score is zero.
//!
//! Three things keep large queries from paying twice. A union of terms over
//! many documents (a word over its fields, or all the parts of a compound) is
//! read straight from the postings into the dense arrays, without a list per
//! term; a union of such unions is one union. A subtree the query holds
//! more than once (the relaxed tier repeats every unit in its all-units
//! bonus) is evaluated once per segment and looked up after that. Lists of
//! thousands of documents keep their buffers from search to search, since a
//! fresh allocation means the kernel zeroing its pages again. Without scoring,
//! clauses that only add to the score are not evaluated at all.
//!
//! The score of each node is tantivy's: a boolean query sums the scores of
//! its matching clauses, a disjunction-max takes the best alternative plus
//! `tie` times the others, a boost multiplies.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use tantivy::query::{Bm25Weight, EnableScoring, PhraseQuery, Query, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

/// A query over the text fields.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// Documents holding the term, scored by BM25.
    Term(Term),
    /// The terms at these offsets of one field (within `slop`), scored by tantivy.
    Phrase {
        terms: Vec<(usize, Term)>,
        slop: u32,
    },
    /// Every `must` and no `must_not`; with no `must`, at least one `should`.
    /// The score is the sum of the matching `must` and `should` clauses.
    Bool {
        must: Vec<Node>,
        should: Vec<Node>,
        must_not: Vec<Node>,
    },
    /// Any alternative; the best one's score plus `tie` times the others'.
    DisMax {
        alts: Vec<Node>,
        tie: f32,
    },
    Boost(Box<Node>, f32),
}

impl Node {
    pub fn boosted(self, boost: f32) -> Node {
        if (boost - 1.0).abs() < f32::EPSILON {
            self
        } else {
            Node::Boost(Box::new(self), boost)
        }
    }

    /// Any of `clauses`, scores summed.
    pub fn any(mut clauses: Vec<Node>) -> Node {
        if clauses.len() == 1 {
            return clauses.remove(0);
        }
        Node::Bool {
            must: Vec::new(),
            should: clauses,
            must_not: Vec::new(),
        }
    }

    /// All of `clauses`, scores summed.
    pub fn all(mut clauses: Vec<Node>) -> Node {
        if clauses.len() == 1 {
            return clauses.remove(0);
        }
        Node::Bool {
            must: clauses,
            should: Vec::new(),
            must_not: Vec::new(),
        }
    }
}

/// Which paths this thread's evaluations took, for tests to assert on
/// (per thread, so that tests running side by side do not count for each other).
#[cfg(test)]
mod taken {
    use std::cell::Cell;
    use std::thread::LocalKey;

    thread_local! {
        pub static SKIPPED: Cell<usize> = const { Cell::new(0) };
        pub static DENSE_UNIONS: Cell<usize> = const { Cell::new(0) };
        pub static DENSE_MAXIMA: Cell<usize> = const { Cell::new(0) };
        pub static MEMO_HITS: Cell<usize> = const { Cell::new(0) };
        /// Documents a term was looked up for (its `within`).
        pub static LOOKED_UP: Cell<usize> = const { Cell::new(0) };
    }

    pub fn note(counter: &'static LocalKey<Cell<usize>>) {
        add(counter, 1);
    }

    pub fn add(counter: &'static LocalKey<Cell<usize>>, n: usize) {
        counter.with(|c| c.set(c.get() + n));
    }
}

/// Time spent per node of the tree, for the explain test (`index.rs`).
#[cfg(test)]
pub(crate) mod profile {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::fmt::Write;

    use tantivy::DocId;
    use tantivy::schema::Schema;

    use super::{Kind, Matches, Plan, Prepared};

    /// Per node address: calls, nanoseconds (children included), matches out, candidates in.
    type Stats = HashMap<usize, (u64, u128, u64, u64)>;

    thread_local! {
        static STATS: RefCell<Option<Stats>> = const { RefCell::new(None) };
    }

    pub fn start() {
        STATS.with(|s| *s.borrow_mut() = Some(HashMap::new()));
    }

    pub(super) fn record(
        node: &Prepared,
        started: std::time::Instant,
        within: Option<&[DocId]>,
        result: &tantivy::Result<Matches>,
    ) {
        STATS.with(|s| {
            if let Some(stats) = s.borrow_mut().as_mut() {
                let entry = stats.entry(std::ptr::from_ref(node) as usize).or_default();
                entry.0 += 1;
                entry.1 += started.elapsed().as_nanos();
                entry.2 += result.as_ref().map_or(0, |m| m.len() as u64);
                entry.3 += within.map_or(0, |w| w.len() as u64);
            }
        });
    }

    /// The tree with each node's share, per run (`runs` runs of every segment).
    pub fn report(plan: &Plan, schema: &Schema, runs: u64) -> String {
        let stats = STATS.with(|s| s.borrow_mut().take().unwrap_or_default());
        let mut out = String::new();
        walk(&plan.root, schema, &stats, runs, 0, &mut out);
        out
    }

    fn term_label(term: &tantivy::Term, schema: &Schema) -> String {
        let field = schema.get_field_name(term.field());
        let value = term.value();
        format!("{field}:{}", value.as_str().unwrap_or("?"))
    }

    fn walk(node: &Prepared, schema: &Schema, stats: &Stats, runs: u64, depth: usize, out: &mut String) {
        let (calls, nanos, found, within) = stats
            .get(&(std::ptr::from_ref(node) as usize))
            .copied()
            .unwrap_or_default();
        let label = match &node.kind {
            Kind::Term { term, .. } => term_label(term, schema),
            Kind::Phrase { .. } => "phrase".to_owned(),
            Kind::Bool { must, should, must_not } => {
                format!(
                    "bool must {} should {} not {}",
                    must.len(),
                    should.len(),
                    must_not.len()
                )
            }
            Kind::DisMax { alts, .. } => format!("dismax {}", alts.len()),
            Kind::Any(alts) => format!("any {}", alts.len()),
            Kind::Boost(_, factor) => format!("boost {factor}"),
            Kind::TermUnion(terms) => format!(
                "union [{}]",
                terms
                    .iter()
                    .map(|t| term_label(&t.0, schema))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            Kind::TermUnionMax { alts, .. } => format!(
                "union max [{}]",
                alts.iter()
                    .map(|a| a.iter().map(|t| term_label(&t.0, schema)).collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            Kind::Empty => "empty".to_owned(),
        };
        let _ = writeln!(
            out,
            "{:>9.1} µs {:>8} out {:>8} in {:>3} calls  {}{} (cost {}){}",
            nanos as f64 / 1000.0 / runs as f64,
            found / runs,
            within / runs,
            calls / runs,
            "  ".repeat(depth),
            label,
            node.cost,
            if node.shared.is_some() { " shared" } else { "" }
        );
        let children: Vec<&Prepared> = match &node.kind {
            Kind::Bool { must, should, must_not } => must.iter().chain(should).chain(must_not).collect(),
            Kind::DisMax { alts, .. } => alts.iter().collect(),
            Kind::Any(alts) => alts.iter().collect(),
            Kind::Boost(inner, _) => vec![inner],
            _ => Vec::new(),
        };
        for child in children {
            walk(child, schema, stats, runs, depth + 1, out);
        }
    }
}

/// A [`Node`] with what scoring needs, computed once for all segments, and
/// its estimated number of matches (to evaluate the rarest clause first).
struct Prepared {
    cost: u64,
    kind: Kind,
    /// The slot of its matches in [`Scratch::memo`], when the query holds
    /// this subtree more than once.
    shared: Option<usize>,
}

enum Kind {
    Term {
        term: Term,
        /// `None` when not scoring.
        bm25: Option<Bm25Weight>,
    },
    Phrase {
        weight: Box<dyn Weight>,
        /// tantivy scores phrases even when told not to: zeros when false.
        scoring: bool,
    },
    Bool {
        /// Rarest first.
        must: Vec<Prepared>,
        should: Vec<Prepared>,
        must_not: Vec<Prepared>,
    },
    DisMax {
        alts: Vec<Prepared>,
        tie: f32,
    },
    Boost(Box<Prepared>, f32),
    /// Unscored, any of these: each looked up only among the documents the
    /// ones before it did not match (conjunctions last, so that their
    /// other clauses are looked up for fewer documents).
    Any(Vec<Prepared>),
    /// Any of these terms (each with its boost), scores summed: a union of
    /// many documents, read straight into the dense arrays.
    TermUnion(Vec<UnionTerm>),
    /// The best of these unions of terms plus `tie` times the others, each
    /// union summed in the dense arrays and folded into the best-so-far
    /// there: no list per alternative to fill and merge.
    TermUnionMax {
        alts: Vec<Vec<UnionTerm>>,
        tie: f32,
    },
    /// Matches nothing in any segment (a term of no document): pruned from
    /// the tree once instead of looked up in every segment.
    Empty,
}

/// A term of a union: its BM25 weight (`None` when not scoring) and its boost.
type UnionTerm = (Term, Option<Bm25Weight>, f32);

/// A query ready to run on the segments of one searcher.
pub(crate) struct Plan {
    root: Prepared,
    /// Memo slots (subtrees met more than once).
    shared: usize,
}

/// Per-field and per-term BM25 statistics of one searcher, each looked up
/// once (a query names the same term in several places).
struct Statistics<'a> {
    searcher: &'a Searcher,
    total_docs: u64,
    average_norms: HashMap<Field, f32>,
    doc_freqs: HashMap<Term, u64>,
    /// Memo slots of the subtrees met more than once, by node address.
    shared: HashMap<*const Node, usize>,
}

impl<'a> Statistics<'a> {
    fn new(searcher: &'a Searcher) -> Self {
        Statistics {
            searcher,
            total_docs: searcher.segment_readers().iter().map(|r| u64::from(r.max_doc())).sum(),
            average_norms: HashMap::new(),
            doc_freqs: HashMap::new(),
            shared: HashMap::new(),
        }
    }

    /// Documents holding `term`, in every segment (a dictionary lookup per segment).
    fn doc_freq(&mut self, term: &Term) -> tantivy::Result<u64> {
        if let Some(known) = self.doc_freqs.get(term) {
            return Ok(*known);
        }
        let found = self.searcher.doc_freq(term)?;
        self.doc_freqs.insert(term.clone(), found);
        Ok(found)
    }

    fn bm25(&mut self, term: &Term) -> tantivy::Result<Bm25Weight> {
        let field = term.field();
        let average = match self.average_norms.get(&field) {
            Some(average) => *average,
            None => {
                let mut tokens = 0u64;
                for reader in self.searcher.segment_readers() {
                    tokens += reader.inverted_index(field)?.total_num_tokens();
                }
                let average = tokens as f32 / self.total_docs.max(1) as f32;
                self.average_norms.insert(field, average);
                average
            }
        };
        let doc_freq = self.doc_freq(term)?;
        Ok(Bm25Weight::for_one_term_without_explain(
            doc_freq,
            self.total_docs,
            average,
        ))
    }
}

impl Plan {
    /// Looks up what scoring needs (document frequencies, field lengths) on `searcher`.
    pub fn new(node: &Node, searcher: &Searcher, scoring: bool) -> tantivy::Result<Plan> {
        let mut statistics = Statistics::new(searcher);
        // A subtree met twice is evaluated once per segment (the relaxed
        // tier repeats every unit inside its all-units bonus). The tree is
        // borrowed until the plan is built, so addresses name its nodes.
        let mut subtrees = Vec::new();
        fingerprints(node, &mut subtrees);
        let mut counts: HashMap<u64, usize> = HashMap::new();
        for (_, fingerprint) in &subtrees {
            *counts.entry(*fingerprint).or_default() += 1;
        }
        let mut slots: HashMap<u64, usize> = HashMap::new();
        for (address, fingerprint) in subtrees {
            if counts[&fingerprint] > 1 {
                let next = slots.len();
                let slot = *slots.entry(fingerprint).or_insert(next);
                statistics.shared.insert(address, slot);
            }
        }
        Ok(Plan {
            shared: slots.len(),
            root: prepare(node, &mut statistics, scoring)?,
        })
    }

    /// The matches in one segment, sorted by doc (deleted documents included:
    /// the caller checks them, as tantivy's collectors do).
    pub fn run(&self, reader: &SegmentReader) -> tantivy::Result<Matches> {
        let mut scratch = SCRATCH
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        scratch.fit(reader.max_doc() as usize);
        scratch.memo.resize_with(self.shared, || None);
        let result = eval(&self.root, reader, 1.0, None, &mut scratch);
        scratch.memo.clear();
        // An error may leave it dirty: only a clean one goes back.
        if result.is_ok() {
            SCRATCH.lock().unwrap_or_else(PoisonError::into_inner).push(scratch);
        }
        result
    }

    /// The estimated number of matches.
    pub fn cost(&self) -> u64 {
        self.root.cost
    }
}

/// The BM25 weights of `terms` on `searcher` (each times its boost), as a
/// [`Plan`] would score them; `None` for a term in no document, or in more
/// than `max_share` of them.
pub(crate) fn rare_term_weights(
    searcher: &Searcher,
    terms: &[(Term, f32)],
    max_share: f64,
) -> tantivy::Result<Vec<Option<Bm25Weight>>> {
    let mut statistics = Statistics::new(searcher);
    terms
        .iter()
        .map(|(term, boost)| {
            let doc_freq = statistics.doc_freq(term)?;
            if doc_freq == 0 || doc_freq as f64 > max_share * statistics.total_docs as f64 {
                return Ok(None);
            }
            Ok(Some(statistics.bm25(term)?.boost_by(*boost)))
        })
        .collect()
}

fn prepare(node: &Node, statistics: &mut Statistics<'_>, scoring: bool) -> tantivy::Result<Prepared> {
    let (cost, kind) = prepare_kind(node, statistics, scoring)?;
    let shared = statistics.shared.get(&std::ptr::from_ref(node)).copied();
    Ok(Prepared { cost, kind, shared })
}

/// A node's estimated matches and its prepared form.
fn prepare_kind(node: &Node, statistics: &mut Statistics<'_>, scoring: bool) -> tantivy::Result<(u64, Kind)> {
    let all = |nodes: &[Node], statistics: &mut Statistics<'_>| {
        nodes
            .iter()
            .map(|n| prepare(n, statistics, scoring))
            .collect::<tantivy::Result<Vec<_>>>()
    };
    // Clauses no document matches: dropped from unions, fatal to intersections.
    let some = |nodes: Vec<Prepared>| -> Vec<Prepared> {
        nodes.into_iter().filter(|n| !matches!(n.kind, Kind::Empty)).collect()
    };
    let sum = |nodes: &[Prepared]| nodes.iter().map(|n| n.cost).sum::<u64>();
    Ok(match node {
        Node::Term(term) => match statistics.doc_freq(term)? {
            0 => (0, Kind::Empty),
            doc_freq => (
                doc_freq,
                Kind::Term {
                    term: term.clone(),
                    bm25: if scoring { Some(statistics.bm25(term)?) } else { None },
                },
            ),
        },
        Node::Phrase { terms, slop } => {
            let mut cost = u64::MAX;
            for (_, term) in terms {
                cost = cost.min(statistics.doc_freq(term)?);
            }
            if cost == 0 || cost == u64::MAX {
                return Ok((0, Kind::Empty));
            }
            let query = PhraseQuery::new_with_offset_and_slop(terms.clone(), *slop);
            let enable = if scoring {
                EnableScoring::enabled_from_searcher(statistics.searcher)
            } else {
                EnableScoring::disabled_from_searcher(statistics.searcher)
            };
            (
                cost,
                Kind::Phrase {
                    weight: query.weight(enable)?,
                    scoring,
                },
            )
        }
        Node::Bool { must, should, must_not } if must.is_empty() && must_not.is_empty() => {
            let mut should = some(all(should, statistics)?);
            let cost = sum(&should);
            let terms: Option<Vec<_>> = should
                .iter()
                .map(union_terms)
                .collect::<Option<Vec<_>>>()
                .map(|lists| lists.concat());
            match (should.len(), terms) {
                (0, _) => (0, Kind::Empty),
                (1, _) => {
                    let only = should.remove(0);
                    (only.cost, only.kind)
                }
                (_, Some(terms)) if cost.saturating_mul(SPARSE as u64) >= statistics.total_docs => {
                    (cost, Kind::TermUnion(terms))
                }
                _ if !scoring && should.iter().any(is_conjunction) => (cost, any_of(should)),
                _ => (
                    cost,
                    Kind::Bool {
                        must: Vec::new(),
                        should,
                        must_not: Vec::new(),
                    },
                ),
            }
        }
        Node::Bool { must, should, must_not } => {
            let mut must = all(must, statistics)?;
            if must.iter().any(|n| matches!(n.kind, Kind::Empty)) {
                return Ok((0, Kind::Empty));
            }
            must.sort_by_key(|n| n.cost);
            // Beside a required clause, optional ones only add to the score.
            let should = if scoring || must.is_empty() {
                some(all(should, statistics)?)
            } else {
                Vec::new()
            };
            if must.is_empty() && should.is_empty() {
                return Ok((0, Kind::Empty));
            }
            let cost = must.first().map_or_else(|| sum(&should), |n| n.cost);
            (
                cost,
                Kind::Bool {
                    must,
                    should,
                    must_not: some(all(must_not, statistics)?),
                },
            )
        }
        Node::DisMax { alts, tie } => {
            let mut alts = some(all(alts, statistics)?);
            let cost = sum(&alts);
            // Unscored, the best of the alternatives is any of them: a
            // disjunction of terms is one union, read in one dense pass
            // (when it is large enough for the dense arrays to pay).
            // Scored, each is summed and folded into the best-so-far in the
            // same arrays.
            let dense = cost.saturating_mul(SPARSE as u64) >= statistics.total_docs;
            let unions = dense
                .then(|| alts.iter().map(union_terms).collect::<Option<Vec<_>>>())
                .flatten();
            match (alts.len(), unions) {
                (0, _) => (0, Kind::Empty),
                (1, _) => {
                    let only = alts.remove(0);
                    (only.cost, only.kind)
                }
                (_, Some(unions)) if !scoring => (cost, Kind::TermUnion(unions.concat())),
                (_, Some(unions)) => (
                    cost,
                    Kind::TermUnionMax {
                        alts: unions,
                        tie: *tie,
                    },
                ),
                _ if !scoring && alts.iter().any(is_conjunction) => (cost, any_of(alts)),
                _ => (cost, Kind::DisMax { alts, tie: *tie }),
            }
        }
        Node::Boost(inner, boost) => {
            let inner = prepare(inner, statistics, scoring)?;
            match inner.kind {
                Kind::Empty => (0, Kind::Empty),
                _ => (inner.cost, Kind::Boost(Box::new(inner), *boost)),
            }
        }
    })
}

/// Whether `node` requires clauses (boosts aside): given the documents to
/// skip, its others are looked up for fewer.
fn is_conjunction(node: &Prepared) -> bool {
    match &node.kind {
        Kind::Bool { must, .. } => !must.is_empty(),
        Kind::Boost(inner, _) => is_conjunction(inner),
        _ => false,
    }
}

/// Unscored alternatives as a [`Kind::Any`], conjunctions last.
fn any_of(mut alts: Vec<Prepared>) -> Kind {
    alts.sort_by_key(is_conjunction);
    Kind::Any(alts)
}

/// A digest of `node`'s structure, equal for equal subtrees, computed bottom
/// up from its children's (each node is hashed once). The boolean and
/// disjunction-max subtrees are listed in `out` with theirs, by address.
fn fingerprints(node: &Node, out: &mut Vec<(*const Node, u64)>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    match node {
        Node::Term(term) => {
            0u8.hash(&mut hasher);
            term.hash(&mut hasher);
            return hasher.finish();
        }
        Node::Phrase { terms, slop } => {
            1u8.hash(&mut hasher);
            terms.hash(&mut hasher);
            slop.hash(&mut hasher);
            return hasher.finish();
        }
        Node::Boost(inner, boost) => {
            4u8.hash(&mut hasher);
            boost.to_bits().hash(&mut hasher);
            fingerprints(inner, out).hash(&mut hasher);
            return hasher.finish();
        }
        Node::Bool { must, should, must_not } => {
            2u8.hash(&mut hasher);
            for list in [must, should, must_not] {
                list.len().hash(&mut hasher);
                list.iter().for_each(|n| fingerprints(n, out).hash(&mut hasher));
            }
        }
        Node::DisMax { alts, tie } => {
            3u8.hash(&mut hasher);
            tie.to_bits().hash(&mut hasher);
            alts.len().hash(&mut hasher);
            alts.iter().for_each(|n| fingerprints(n, out).hash(&mut hasher));
        }
    }
    let fingerprint = hasher.finish();
    out.push((std::ptr::from_ref(node), fingerprint));
    fingerprint
}

/// The terms (with weights and boosts) whose scores `node` sums, if it is
/// a term or a union of terms: a union of such unions is one union.
fn union_terms(node: &Prepared) -> Option<Vec<UnionTerm>> {
    match &node.kind {
        Kind::Term { term, bm25 } => Some(vec![(term.clone(), bm25.clone(), 1.0)]),
        Kind::TermUnion(terms) => Some(terms.clone()),
        // A sum of optional clauses (kept as lists when it was too small for
        // the dense arrays alone) is a union too, inside a larger one.
        Kind::Bool { must, should, must_not } if must.is_empty() && must_not.is_empty() => should
            .iter()
            .map(union_terms)
            .collect::<Option<Vec<_>>>()
            .map(|lists| lists.concat()),
        Kind::Boost(inner, factor) => union_terms(inner).map(|terms| {
            terms
                .into_iter()
                .map(|(term, bm25, boost)| (term, bm25, boost * factor))
                .collect()
        }),
        _ => None,
    }
}

/// Documents and their scores, sorted by doc.
#[derive(Debug, Default)]
pub(crate) struct Matches {
    pub docs: Vec<DocId>,
    pub scores: Vec<Score>,
}

/// Lists at least this long take their buffers from [`BUFFERS`] and give them back.
const POOLED_FROM: usize = 4096;
/// Entries the pool keeps at most, per kind (about 32 MB each).
const POOLED_ENTRIES: usize = 8_000_000;

/// Buffers of large lists, kept from search to search: allocating them
/// afresh costs more than filling them, since the allocator returns freed
/// memory to the system and the kernel zeroes every page again when it is
/// first written.
struct Buffers {
    docs: Vec<Vec<DocId>>,
    scores: Vec<Vec<Score>>,
}

static BUFFERS: Mutex<Buffers> = Mutex::new(Buffers {
    docs: Vec::new(),
    scores: Vec::new(),
});

/// The smallest pooled buffer holding `n`, else the largest (grown), else a new one.
fn take_buffer<T>(pool: &mut Vec<Vec<T>>, n: usize) -> Vec<T> {
    let fits = pool
        .iter()
        .enumerate()
        .filter(|(_, b)| b.capacity() >= n)
        .min_by_key(|(_, b)| b.capacity())
        .map(|(i, _)| i);
    let largest = || {
        pool.iter()
            .enumerate()
            .max_by_key(|(_, b)| b.capacity())
            .map(|(i, _)| i)
    };
    match fits.or_else(largest) {
        Some(i) => {
            let mut buffer = pool.swap_remove(i);
            buffer.reserve(n);
            buffer
        }
        None => Vec::with_capacity(n),
    }
}

/// Keeps `buffer` unless the pool is full.
fn give_buffer<T>(pool: &mut Vec<Vec<T>>, mut buffer: Vec<T>) {
    let kept: usize = pool.iter().map(Vec::capacity).sum();
    if kept + buffer.capacity() <= POOLED_ENTRIES {
        buffer.clear();
        pool.push(buffer);
    }
}

impl Drop for Matches {
    fn drop(&mut self) {
        if self.docs.capacity() >= POOLED_FROM {
            let mut buffers = BUFFERS.lock().unwrap_or_else(PoisonError::into_inner);
            give_buffer(&mut buffers.docs, std::mem::take(&mut self.docs));
            give_buffer(&mut buffers.scores, std::mem::take(&mut self.scores));
        }
    }
}

impl Matches {
    fn with_capacity(n: usize) -> Self {
        if n < POOLED_FROM {
            return Matches {
                docs: Vec::with_capacity(n),
                scores: Vec::with_capacity(n),
            };
        }
        let mut buffers = BUFFERS.lock().unwrap_or_else(PoisonError::into_inner);
        Matches {
            docs: take_buffer(&mut buffers.docs, n),
            scores: take_buffer(&mut buffers.scores, n),
        }
    }

    fn push(&mut self, doc: DocId, score: Score) {
        self.docs.push(doc);
        self.scores.push(score);
    }

    /// `n` zero entries, for a merge to overwrite in place and then cut to
    /// what it kept ([`Matches::truncate`]).
    fn zeroed(n: usize) -> Self {
        let mut out = Matches::with_capacity(n);
        out.docs.resize(n, 0);
        out.scores.resize(n, 0.0);
        out
    }

    fn truncate(&mut self, n: usize) {
        self.docs.truncate(n);
        self.scores.truncate(n);
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }
}

/// Dense per-document arrays reused from search to search, all zero between uses.
#[derive(Default)]
struct Scratch {
    /// Documents in the segment being searched.
    max_doc: usize,
    sum: Vec<f32>,
    max: Vec<f32>,
    /// One bit per document seen by the current accumulation.
    seen: Vec<u64>,
    /// One bit per document of the `within` list a lookup is restricted to,
    /// set and cleared by that lookup.
    member: Vec<u64>,
    /// The sums of one alternative of a [`Kind::TermUnionMax`], and the
    /// documents it has reached.
    part: Vec<f32>,
    part_seen: Vec<u64>,
    /// The matches of shared subtrees in the segment (evaluated without
    /// `within`), with the boost they were evaluated at.
    memo: Vec<Option<(f32, Matches)>>,
}

/// Scratch arrays not in use, shared by the threads that search.
static SCRATCH: Mutex<Vec<Scratch>> = Mutex::new(Vec::new());

impl Scratch {
    fn fit(&mut self, max_doc: usize) {
        self.max_doc = max_doc;
        if self.sum.len() < max_doc {
            self.sum.resize(max_doc, 0.0);
            self.max.resize(max_doc, 0.0);
            self.seen.resize(max_doc.div_ceil(64), 0);
            self.member.resize(max_doc.div_ceil(64), 0);
            self.part.resize(max_doc, 0.0);
            self.part_seen.resize(max_doc.div_ceil(64), 0);
        }
    }
}

/// The documents `node` matches in the segment of `reader`, among `within`
/// when given (sorted): a clause that only adds to the score of documents
/// matched otherwise, or a word that must also match, is looked up for those
/// documents alone, skipping through its postings instead of decoding them.
fn eval(
    node: &Prepared,
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    scratch: &mut Scratch,
) -> tantivy::Result<Matches> {
    #[cfg(test)]
    let started = std::time::Instant::now();
    let result = eval_memo(node, reader, boost, within, scratch);
    #[cfg(test)]
    profile::record(node, started, within, &result);
    result
}

/// [`eval`], through the memo of shared subtrees.
fn eval_memo(
    node: &Prepared,
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    scratch: &mut Scratch,
) -> tantivy::Result<Matches> {
    if within.is_some_and(<[DocId]>::is_empty) {
        return Ok(Matches::default());
    }
    let Some(slot) = node.shared else {
        return eval_kind(node, reader, boost, within, scratch);
    };
    if let Some(Some((known_boost, known))) = scratch.memo.get(slot)
        && *known_boost != 0.0
    {
        #[cfg(test)]
        taken::note(&taken::MEMO_HITS);
        // Scores are linear in the boost.
        return Ok(restrict(known, within, boost / known_boost));
    }
    let found = eval_kind(node, reader, boost, within, scratch)?;
    if within.is_none()
        && let Some(memo) = scratch.memo.get_mut(slot)
    {
        *memo = Some((boost, restrict(&found, None, 1.0)));
    }
    Ok(found)
}

/// The entries of `matches` among `within` (all without it), scores times `factor`.
fn restrict(matches: &Matches, within: Option<&[DocId]>, factor: f32) -> Matches {
    let scale = |score: Score| if factor == 1.0 { score } else { score * factor };
    let Some(within) = within else {
        let mut out = Matches::with_capacity(matches.len());
        out.docs.extend_from_slice(&matches.docs);
        out.scores.extend(matches.scores.iter().map(|s| scale(*s)));
        return out;
    };
    let mut out = Matches::with_capacity(within.len().min(matches.len()));
    let mut j = 0;
    for &doc in within {
        j = gallop(&matches.docs, j, doc);
        if j == matches.docs.len() {
            break;
        }
        if matches.docs[j] == doc {
            out.push(doc, scale(matches.scores[j]));
        }
    }
    out
}

/// [`eval`] without the memo.
fn eval_kind(
    node: &Prepared,
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    scratch: &mut Scratch,
) -> tantivy::Result<Matches> {
    let each = |nodes: &[Prepared], within: Option<&[DocId]>, scratch: &mut Scratch| {
        nodes
            .iter()
            .map(|n| eval(n, reader, boost, within, scratch))
            .collect::<tantivy::Result<Vec<_>>>()
    };
    match &node.kind {
        Kind::Empty => Ok(Matches::default()),
        Kind::Term { term, bm25 } => term_matches(term, bm25.as_ref(), reader, boost, within, &mut scratch.member),
        Kind::Phrase { weight, scoring } => {
            let mut scorer = weight.scorer(reader, boost)?;
            let score = |scorer: &mut dyn tantivy::query::Scorer| if *scoring { scorer.score() } else { 0.0 };
            // Sized at once (pooled when large): growing it page by page
            // had the kernel zeroing fresh pages.
            let at_most = scorer.size_hint() as usize;
            let mut out = Matches::with_capacity(within.map_or(at_most, |w| w.len().min(at_most)));
            match within {
                None => {
                    let mut doc = scorer.doc();
                    while doc != TERMINATED {
                        out.push(doc, score(&mut *scorer));
                        doc = scorer.advance();
                    }
                }
                Some(within) => each_within(&mut *scorer, within, |scorer, doc| out.push(doc, score(scorer))),
            }
            Ok(out)
        }
        Kind::Boost(inner, factor) => eval(inner, reader, boost * factor, within, scratch),
        Kind::TermUnion(terms) => term_union(terms, reader, boost, within, scratch),
        Kind::TermUnionMax { alts, tie } => term_union_max(alts, *tie, reader, boost, within, scratch),
        Kind::DisMax { alts, tie } => {
            let lists = each(alts, within, scratch)?;
            Ok(accumulate(lists, Some(*tie), scratch))
        }
        Kind::Any(alts) => {
            let mut found = Matches::default();
            for alt in alts {
                let more = eval_outside(alt, reader, boost, within, &found.docs, scratch)?;
                if !more.docs.is_empty() {
                    // Disjoint, and unscored.
                    found = merge_two(&found, &more, |sum, _| sum);
                }
            }
            Ok(found)
        }
        Kind::Bool { must, should, must_not } => {
            eval_bool([must, should, must_not], reader, boost, within, None, scratch)
        }
    }
}

/// The matches of a [`Kind::Bool`] among `within`, and outside `outside`
/// (sorted) when given: the documents of its rarest required clause not in
/// `outside` are the only ones its other clauses are looked up for.
fn eval_bool(
    [must, should, must_not]: [&Vec<Prepared>; 3],
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    outside: Option<&[DocId]>,
    scratch: &mut Scratch,
) -> tantivy::Result<Matches> {
    let mut result: Option<Matches> = None;
    for clause in must {
        let among = result.as_ref().map(|r| r.docs.as_slice()).or(within);
        let found = eval(clause, reader, boost, among, scratch)?;
        result = Some(match (result, outside) {
            (None, None) => found,
            (None, Some(outside)) => exclude(found, outside),
            (Some(so_far), _) => intersect(so_far, &found),
        });
        if result.as_ref().is_some_and(|r| r.docs.is_empty()) {
            return Ok(Matches::default());
        }
    }
    if !should.is_empty() {
        let among = result.as_ref().map(|r| r.docs.as_slice()).or(within);
        let lists = should
            .iter()
            .map(|n| eval(n, reader, boost, among, scratch))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let optional = accumulate(lists, None, scratch);
        result = Some(match result {
            Some(required) => add_optional(required, &optional),
            None => match outside {
                Some(outside) => exclude(optional, outside),
                None => optional,
            },
        });
    }
    let mut result = result.unwrap_or_default();
    if !result.docs.is_empty() && !must_not.is_empty() {
        let lists = must_not
            .iter()
            .map(|c| eval(c, reader, 1.0, Some(&result.docs), scratch))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let excluded = accumulate(lists, None, scratch);
        result = exclude(result, &excluded.docs);
    }
    Ok(result)
}

/// [`eval`] of `node`, without the documents of `outside` (sorted): a
/// fallback's conjunction is looked up only where the first alternative
/// found nothing.
fn eval_outside(
    node: &Prepared,
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    outside: &[DocId],
    scratch: &mut Scratch,
) -> tantivy::Result<Matches> {
    if outside.is_empty() || node.shared.is_some() {
        return Ok(exclude(eval(node, reader, boost, within, scratch)?, outside));
    }
    #[cfg(test)]
    let started = std::time::Instant::now();
    let result = match &node.kind {
        Kind::Boost(inner, factor) => eval_outside(inner, reader, boost * factor, within, outside, scratch),
        Kind::Bool { must, should, must_not } if !must.is_empty() => {
            eval_bool([must, should, must_not], reader, boost, within, Some(outside), scratch)
        }
        Kind::DisMax { alts, tie } => alts
            .iter()
            .map(|n| eval_outside(n, reader, boost, within, outside, scratch))
            .collect::<tantivy::Result<Vec<_>>>()
            .map(|lists| accumulate(lists, Some(*tie), scratch)),
        _ => return Ok(exclude(eval(node, reader, boost, within, scratch)?, outside)),
    };
    #[cfg(test)]
    profile::record(node, started, within, &result);
    result
}

/// Calls `found` for each document of `within` (sorted) that `docs` holds,
/// skipping to each rather than reading every document in between.
fn each_within<D: DocSet + ?Sized>(docs: &mut D, within: &[DocId], mut found: impl FnMut(&mut D, DocId)) {
    for &doc in within {
        let mut at = docs.doc();
        if at < doc {
            at = docs.seek(doc);
        }
        if at == TERMINATED {
            break;
        }
        if at == doc {
            found(docs, doc);
        }
    }
}

/// A term's postings in one segment, opened with what scoring them needs.
struct TermPostings {
    info: tantivy::postings::TermInfo,
    inverted: std::sync::Arc<tantivy::InvertedIndexReader>,
    option: IndexRecordOption,
    /// Boosted; `None` when not scoring.
    bm25: Option<(Bm25Weight, tantivy::fieldnorm::FieldNormReader)>,
}

impl TermPostings {
    /// `None` when the segment does not hold `term`.
    fn open(
        term: &Term,
        bm25: Option<&Bm25Weight>,
        reader: &SegmentReader,
        boost: f32,
    ) -> tantivy::Result<Option<TermPostings>> {
        let inverted = reader.inverted_index(term.field())?;
        let Some(info) = inverted.get_term_info(term)? else {
            return Ok(None);
        };
        let bm25 = match bm25 {
            Some(weight) => Some((weight.boost_by(boost), reader.get_fieldnorms_reader(term.field())?)),
            None => None,
        };
        let option = if bm25.is_some() {
            IndexRecordOption::WithFreqs
        } else {
            IndexRecordOption::Basic
        };
        Ok(Some(TermPostings {
            info,
            inverted,
            option,
            bm25,
        }))
    }

    fn doc_freq(&self) -> u32 {
        self.info.doc_freq
    }

    /// Calls `found` with each document of `within` (sorted, and marked in
    /// `member`) holding the term and its score. Only the blocks holding a
    /// document of `within` are decoded: the skip list jumps to the block of
    /// the next one, whose documents are then checked against `member`.
    fn each_within(
        &self,
        within: &[DocId],
        member: &[u64],
        mut found: impl FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        let mut block = self
            .inverted
            .read_block_postings_from_terminfo(&self.info, self.option)?;
        let mut next = 0;
        #[cfg(test)]
        let mut decoded = 0;
        while let Some(&target) = within.get(next) {
            let start = block.seek(target);
            #[cfg(test)]
            {
                decoded += 1;
            }
            let docs = block.docs();
            let Some(&last) = docs.last() else {
                break;
            };
            if start >= docs.len() {
                break;
            }
            let marked = |doc: DocId| member[doc as usize / 64] & (1 << (doc % 64)) != 0;
            match &self.bm25 {
                Some((weight, norms)) => {
                    for (&doc, &freq) in docs[start..].iter().zip(&block.freqs()[start..]) {
                        if marked(doc) {
                            found(doc, weight.score(norms.fieldnorm_id(doc), freq));
                        }
                    }
                }
                None => {
                    for &doc in &docs[start..] {
                        if marked(doc) {
                            found(doc, 0.0);
                        }
                    }
                }
            }
            next = gallop(within, next, last.saturating_add(1));
        }
        #[cfg(test)]
        if decoded < self.info.doc_freq.div_ceil(128) {
            taken::note(&taken::SKIPPED);
        }
        Ok(())
    }

    /// Calls `found` with every document holding the term and its score, a
    /// block of 128 at a time; `found` returns false to stop.
    fn each(&self, mut found: impl FnMut(DocId, Score) -> bool) -> tantivy::Result<()> {
        let mut block = self
            .inverted
            .read_block_postings_from_terminfo(&self.info, self.option)?;
        loop {
            let docs = block.docs();
            if docs.is_empty() {
                return Ok(());
            }
            match &self.bm25 {
                Some((weight, norms)) => {
                    for (&doc, &freq) in docs.iter().zip(block.freqs()) {
                        if !found(doc, weight.score(norms.fieldnorm_id(doc), freq)) {
                            return Ok(());
                        }
                    }
                }
                None => {
                    for &doc in docs {
                        if !found(doc, 0.0) {
                            return Ok(());
                        }
                    }
                }
            }
            block.advance();
        }
    }
}

/// Marks `within` in `member`, runs `f`, and clears the marks again.
fn with_members<T>(member: &mut [u64], within: &[DocId], f: impl FnOnce(&[u64]) -> T) -> T {
    for &doc in within {
        member[doc as usize / 64] |= 1 << (doc % 64);
    }
    let result = f(member);
    for &doc in within {
        member[doc as usize / 64] = 0;
    }
    result
}

/// Above this many candidates per posting, a term's postings are decoded
/// whole and merged with the candidates; below, the candidates are marked in
/// a bit set and only the blocks holding one are decoded.
const MARK_RATIO: usize = 4;

/// A term's postings in one segment (among `within`), scored.
fn term_matches(
    term: &Term,
    bm25: Option<&Bm25Weight>,
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    member: &mut [u64],
) -> tantivy::Result<Matches> {
    let Some(postings) = TermPostings::open(term, bm25, reader, boost)? else {
        return Ok(Matches::default());
    };
    let doc_freq = postings.doc_freq() as usize;
    #[cfg(test)]
    taken::add(&taken::LOOKED_UP, within.map_or(0, <[DocId]>::len));
    match within {
        None => {
            let mut out = Matches::with_capacity(doc_freq);
            postings.each(|doc, score| {
                out.push(doc, score);
                true
            })?;
            Ok(out)
        }
        Some(within) if within.len() <= doc_freq.saturating_mul(MARK_RATIO) => {
            let mut out = Matches::with_capacity(within.len().min(doc_freq));
            with_members(member, within, |member| {
                postings.each_within(within, member, |doc, score| out.push(doc, score))
            })?;
            Ok(out)
        }
        Some(within) => {
            let mut out = Matches::with_capacity(doc_freq);
            let mut cursor = 0;
            postings.each(|doc, score| {
                cursor = gallop(within, cursor, doc);
                if cursor == within.len() {
                    return false;
                }
                if within[cursor] == doc {
                    out.push(doc, score);
                }
                true
            })?;
            Ok(out)
        }
    }
}

/// Calls `add` with every posting of `terms` (each scored with its boost),
/// or only with those of documents of `within` (marked in `member` meanwhile).
fn each_posting(
    terms: &[UnionTerm],
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    member: &mut [u64],
    mut add: impl FnMut(DocId, Score),
) -> tantivy::Result<()> {
    match within {
        None => {
            for (term, bm25, factor) in terms {
                if let Some(postings) = TermPostings::open(term, bm25.as_ref(), reader, boost * factor)? {
                    postings.each(|doc, score| {
                        add(doc, score);
                        true
                    })?;
                }
            }
            Ok(())
        }
        Some(within) => with_members(member, within, |member| {
            for (term, bm25, factor) in terms {
                if let Some(postings) = TermPostings::open(term, bm25.as_ref(), reader, boost * factor)? {
                    postings.each_within(within, member, &mut add)?;
                }
            }
            Ok::<(), tantivy::TantivyError>(())
        }),
    }
}

/// The words of a `seen` bit set that the documents of a segment of
/// `max_doc` documents (or of `within`, if given) lie in.
fn seen_words(max_doc: usize, within: Option<&[DocId]>) -> (usize, usize) {
    match within {
        None => (0, max_doc.div_ceil(64)),
        Some(within) => (
            within.first().map_or(0, |&d| d as usize / 64),
            within.last().map_or(0, |&d| d as usize / 64 + 1),
        ),
    }
}

/// The union of terms (each with its boost), scores summed, accumulated
/// straight from the postings into the dense arrays: for unions of many
/// documents, the per-term lists would cost more to fill and merge than the
/// postings cost to read.
fn term_union(
    terms: &[UnionTerm],
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    scratch: &mut Scratch,
) -> tantivy::Result<Matches> {
    #[cfg(test)]
    taken::note(&taken::DENSE_UNIONS);
    let Scratch {
        sum, max, seen, member, ..
    } = scratch;
    each_posting(terms, reader, boost, within, member, add_into(seen, sum))?;
    let (low, high) = seen_words(scratch.max_doc, within);
    Ok(drain_dense(sum, max, &mut seen[low..high], low, |sum, _| sum))
}

/// Adds a posting's score to `sum` and marks its document in `seen`.
fn add_into<'a>(seen: &'a mut [u64], sum: &'a mut [f32]) -> impl FnMut(DocId, Score) + 'a {
    move |doc, score| {
        let d = doc as usize;
        seen[d / 64] |= 1 << (d % 64);
        sum[d] += score;
    }
}

/// The best of several unions of terms plus `tie` times the others: each
/// union summed in `part`, then folded into `sum` and `max`.
fn term_union_max(
    alts: &[Vec<UnionTerm>],
    tie: f32,
    reader: &SegmentReader,
    boost: f32,
    within: Option<&[DocId]>,
    scratch: &mut Scratch,
) -> tantivy::Result<Matches> {
    #[cfg(test)]
    taken::note(&taken::DENSE_MAXIMA);
    let Scratch {
        sum,
        max,
        seen,
        member,
        part,
        part_seen,
        ..
    } = scratch;
    let (low, high) = seen_words(scratch.max_doc, within);
    for terms in alts {
        each_posting(terms, reader, boost, within, member, add_into(part_seen, part))?;
        for (offset, slot) in part_seen[low..high].iter_mut().enumerate() {
            let mut bits = std::mem::take(slot);
            seen[low + offset] |= bits;
            while bits != 0 {
                let d = (low + offset) * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let score = std::mem::take(&mut part[d]);
                sum[d] += score;
                max[d] = max[d].max(score);
            }
        }
    }
    Ok(drain_dense(sum, max, &mut seen[low..high], low, |sum, max| {
        max + tie * (sum - max)
    }))
}

/// The documents marked in `seen` (its words from `low`, the first word
/// counting as word `low`), with `combine(sum, max)` of their sums and maxima,
/// leaving the arrays zero.
fn drain_dense(
    sum: &mut [f32],
    max: &mut [f32],
    seen: &mut [u64],
    low: usize,
    combine: impl Fn(f32, f32) -> f32,
) -> Matches {
    let count: u32 = seen.iter().map(|w| w.count_ones()).sum();
    let mut out = Matches::with_capacity(count as usize);
    for (offset, slot) in seen.iter_mut().enumerate() {
        let word = low + offset;
        let mut bits = std::mem::take(slot);
        while bits != 0 {
            let d = word * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            out.push(d as DocId, combine(sum[d], max[d]));
            sum[d] = 0.0;
            max[d] = 0.0;
        }
    }
    out
}

/// Two lists are merged. More lists totalling fewer entries than
/// `max_doc / SPARSE` are merged head by head (up to this many) or sorted;
/// larger ones go through the dense arrays. Draining those scans a word of
/// the `seen` bit set per 64 documents, which costs less than merging list
/// heads (a branch that mispredicts per entry) down to about one entry per
/// 256 documents: at one per 32, the sums of a word over its fields were
/// still merged as lists and cost a third more than reading their postings.
const MERGE_WAYS: usize = 4;
const SPARSE: usize = 256;

/// The union of `lists`, summing scores, or (with `tie`) the best score plus
/// `tie` times the rest.
fn accumulate(mut lists: Vec<Matches>, tie: Option<f32>, scratch: &mut Scratch) -> Matches {
    lists.retain(|l| !l.docs.is_empty());
    match lists.len() {
        0 => return Matches::default(),
        1 => {
            return lists.pop().unwrap_or_default();
        }
        _ => {}
    }
    let total: usize = lists.iter().map(Matches::len).sum();
    let combine = |sum: f32, max: f32| match tie {
        Some(tie) => max + tie * (sum - max),
        None => sum,
    };
    let dense = total.saturating_mul(SPARSE) >= scratch.max_doc;
    if let [left, right] = lists.as_slice() {
        return merge_two(left, right, combine);
    }
    if lists.len() <= MERGE_WAYS && !dense {
        let mut heads = vec![0usize; lists.len()];
        let mut out = Matches::with_capacity(total);
        loop {
            let mut doc = DocId::MAX;
            for (list, &head) in lists.iter().zip(&heads) {
                if let Some(&d) = list.docs.get(head) {
                    doc = doc.min(d);
                }
            }
            if doc == DocId::MAX {
                return out;
            }
            let (mut sum, mut max) = (0.0f32, f32::MIN);
            for (list, head) in lists.iter().zip(heads.iter_mut()) {
                if list.docs.get(*head) == Some(&doc) {
                    let score = list.scores[*head];
                    sum += score;
                    max = max.max(score);
                    *head += 1;
                }
            }
            out.push(doc, combine(sum, max));
        }
    }
    if !dense {
        let mut all: Vec<(DocId, Score)> = Vec::with_capacity(total);
        for list in &lists {
            all.extend(list.docs.iter().copied().zip(list.scores.iter().copied()));
        }
        all.sort_unstable_by_key(|(doc, _)| *doc);
        let mut out = Matches::with_capacity(all.len());
        let mut i = 0;
        while i < all.len() {
            let doc = all[i].0;
            let (mut sum, mut max) = (0.0f32, f32::MIN);
            while i < all.len() && all[i].0 == doc {
                sum += all[i].1;
                max = max.max(all[i].1);
                i += 1;
            }
            out.push(doc, combine(sum, max));
        }
        return out;
    }
    let Scratch { sum, max, seen, .. } = scratch;
    for list in &lists {
        for (&doc, &score) in list.docs.iter().zip(&list.scores) {
            let d = doc as usize;
            seen[d / 64] |= 1 << (d % 64);
            sum[d] += score;
            if tie.is_some() {
                max[d] = max[d].max(score);
            }
        }
    }
    let (first, last) = lists.iter().fold((DocId::MAX, 0), |(lo, hi), l| {
        (
            lo.min(l.docs.first().copied().unwrap_or(DocId::MAX)),
            hi.max(l.docs.last().copied().unwrap_or(0)),
        )
    });
    let low = first as usize / 64;
    drain_dense(sum, max, &mut seen[low..=last as usize / 64], low, combine)
}

/// The union of two lists, `combine(sum, max)` of the scores where both hold
/// a document (scores are never negative). One pass without a branch per
/// entry: which list holds the next document is data, and a branch on it
/// mispredicted about once an entry.
fn merge_two(left: &Matches, right: &Matches, combine: impl Fn(f32, f32) -> f32) -> Matches {
    let mut out = Matches::zeroed(left.len() + right.len());
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        let (a, b) = (left.docs[i], right.docs[j]);
        let x = if a <= b { left.scores[i] } else { 0.0 };
        let y = if b <= a { right.scores[j] } else { 0.0 };
        debug_assert!(x >= 0.0 && y >= 0.0, "a negative score");
        // k <= i + j, below the two lengths summed.
        out.docs[k] = a.min(b);
        out.scores[k] = combine(x + y, x.max(y));
        k += 1;
        i += usize::from(a <= b);
        j += usize::from(b <= a);
    }
    for (rest, from) in [(left, i), (right, j)] {
        for (&doc, &score) in rest.docs[from..].iter().zip(&rest.scores[from..]) {
            out.docs[k] = doc;
            out.scores[k] = combine(score, score);
            k += 1;
        }
    }
    out.truncate(k);
    out
}

/// The first index at or after `from` whose doc is not below `target`:
/// exponential steps, then a binary search within the last one.
fn gallop(docs: &[DocId], from: usize, target: DocId) -> usize {
    let mut low = from;
    let mut step = 1;
    while low + step < docs.len() && docs[low + step] < target {
        low += step;
        step *= 2;
    }
    let high = (low + step + 1).min(docs.len());
    low + docs[low..high].partition_point(|&d| d < target)
}

/// A list this many times shorter than the other gallops through it;
/// lists closer in length are merged in one pass.
const GALLOP_RATIO: usize = 8;

/// Documents in both lists, scores summed.
fn intersect(left: Matches, right: &Matches) -> Matches {
    let (short, long) = if left.len() <= right.len() {
        (&left, right)
    } else {
        (right, &left)
    };
    if short.len().saturating_mul(GALLOP_RATIO) < long.len() {
        let mut out = Matches::with_capacity(short.len());
        let mut j = 0;
        for (i, &doc) in short.docs.iter().enumerate() {
            j = gallop(&long.docs, j, doc);
            if j == long.docs.len() {
                break;
            }
            if long.docs[j] == doc {
                out.push(doc, short.scores[i] + long.scores[j]);
            }
        }
        return out;
    }
    // A merge without a branch per entry (which half the entries, where a
    // clause keeps about half its candidates, would mispredict): every step
    // writes its pair and keeps it only when both lists hold the document.
    let mut out = Matches::zeroed(short.len());
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        let (a, b) = (left.docs[i], right.docs[j]);
        // k counts the pairs kept, at most min(i, j), below the shorter length.
        out.docs[k] = a;
        out.scores[k] = left.scores[i] + right.scores[j];
        k += usize::from(a == b);
        i += usize::from(a <= b);
        j += usize::from(b <= a);
    }
    out.truncate(k);
    out
}

/// `required` with the score of `optional` added where it also matches.
fn add_optional(mut required: Matches, optional: &Matches) -> Matches {
    let mut j = 0;
    for (i, &doc) in required.docs.iter().enumerate() {
        while j < optional.docs.len() && optional.docs[j] < doc {
            j += 1;
        }
        if j == optional.docs.len() {
            break;
        }
        if optional.docs[j] == doc {
            required.scores[i] += optional.scores[j];
        }
    }
    required
}

/// `matches` without the documents of `excluded` (sorted).
fn exclude(matches: Matches, excluded: &[DocId]) -> Matches {
    let mut out = Matches::with_capacity(matches.len());
    let mut j = 0;
    for (&doc, &score) in matches.docs.iter().zip(&matches.scores) {
        while j < excluded.len() && excluded[j] < doc {
            j += 1;
        }
        if excluded.get(j) != Some(&doc) {
            out.push(doc, score);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn matches(pairs: &[(DocId, Score)]) -> Matches {
        let mut out = Matches::default();
        for (doc, score) in pairs {
            out.push(*doc, *score);
        }
        out
    }

    fn list() -> impl Strategy<Value = Vec<(DocId, Score)>> {
        proptest::collection::btree_map(0u32..2000, 1u8..10, 0..300)
            .prop_map(|m| m.into_iter().map(|(d, s)| (d, f32::from(s))).collect())
    }

    /// The union, by the definition.
    fn naive_union(lists: &[Vec<(DocId, Score)>], tie: Option<f32>) -> Vec<(DocId, Score)> {
        let mut by_doc: std::collections::BTreeMap<DocId, Vec<Score>> = Default::default();
        for list in lists {
            for (doc, score) in list {
                by_doc.entry(*doc).or_default().push(*score);
            }
        }
        by_doc
            .into_iter()
            .map(|(doc, scores)| {
                let sum: f32 = scores.iter().sum();
                let max = scores.iter().copied().fold(f32::MIN, f32::max);
                (doc, tie.map_or(sum, |t| max + t * (sum - max)))
            })
            .collect()
    }

    // ---- The evaluator against tantivy's own scorers, on a real index.

    const VOCABULARY: [&str; 6] = ["port", "cold", "chain", "steel", "park", "fund"];

    fn node() -> impl Strategy<Value = Node> {
        let leaf = prop_oneof![
            (0usize..2, 0usize..6)
                .prop_map(|(f, w)| Node::Term(Term::from_field_text(Field::from_field_id(f as u32), VOCABULARY[w]))),
            (0usize..6, 0usize..6, 0u32..2).prop_map(|(a, b, slop)| Node::Phrase {
                terms: vec![
                    (0, Term::from_field_text(Field::from_field_id(1), VOCABULARY[a])),
                    (1, Term::from_field_text(Field::from_field_id(1), VOCABULARY[b])),
                ],
                slop,
            }),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                (
                    proptest::collection::vec(inner.clone(), 0..3),
                    proptest::collection::vec(inner.clone(), 0..3),
                    proptest::collection::vec(inner.clone(), 0..2),
                )
                    .prop_filter("something to match", |(must, should, _)| !must.is_empty()
                        || !should.is_empty())
                    .prop_map(|(must, should, must_not)| Node::Bool { must, should, must_not }),
                (proptest::collection::vec(inner.clone(), 1..4), 0.0f32..1.0)
                    .prop_map(|(alts, tie)| Node::DisMax { alts, tie }),
                (inner, 0.1f32..4.0).prop_map(|(n, b)| Node::Boost(Box::new(n), b)),
            ]
        })
    }

    /// What `node` matches in one segment, by the definitions of the
    /// combinators over the scores of tantivy's own term and phrase scorers.
    fn reference(
        node: &Node,
        searcher: &Searcher,
        reader: &SegmentReader,
        enable: bool,
    ) -> tantivy::Result<BTreeMap<DocId, Score>> {
        use tantivy::query::TermQuery;
        let leaf = |query: &dyn Query| -> tantivy::Result<BTreeMap<DocId, Score>> {
            let scoring = if enable {
                EnableScoring::enabled_from_searcher(searcher)
            } else {
                EnableScoring::disabled_from_searcher(searcher)
            };
            let mut scorer = query.weight(scoring)?.scorer(reader, 1.0)?;
            let mut out = BTreeMap::new();
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                out.insert(doc, scorer.score());
                doc = scorer.advance();
            }
            Ok(out)
        };
        let each = |nodes: &[Node]| {
            nodes
                .iter()
                .map(|n| reference(n, searcher, reader, enable))
                .collect::<tantivy::Result<Vec<_>>>()
        };
        Ok(match node {
            Node::Term(term) => leaf(&TermQuery::new(term.clone(), IndexRecordOption::WithFreqs))?,
            Node::Phrase { terms, slop } => leaf(&PhraseQuery::new_with_offset_and_slop(terms.clone(), *slop))?,
            Node::Boost(inner, boost) => reference(inner, searcher, reader, enable)?
                .into_iter()
                .map(|(d, s)| (d, s * boost))
                .collect(),
            Node::DisMax { alts, tie } => {
                let mut by_doc: BTreeMap<DocId, Vec<Score>> = BTreeMap::new();
                for list in each(alts)? {
                    for (d, s) in list {
                        by_doc.entry(d).or_default().push(s);
                    }
                }
                by_doc
                    .into_iter()
                    .map(|(d, scores)| {
                        let sum: f32 = scores.iter().sum();
                        let max = scores.iter().copied().fold(f32::MIN, f32::max);
                        (d, max + tie * (sum - max))
                    })
                    .collect()
            }
            Node::Bool { must, should, must_not } => {
                let must = each(must)?;
                let should = each(should)?;
                let must_not = each(must_not)?;
                let candidates: Vec<DocId> = match must.first() {
                    Some(first) => first
                        .keys()
                        .copied()
                        .filter(|d| must.iter().all(|m| m.contains_key(d)))
                        .collect(),
                    None => {
                        let mut all: Vec<DocId> = should.iter().flat_map(|m| m.keys().copied()).collect();
                        all.sort_unstable();
                        all.dedup();
                        all
                    }
                };
                candidates
                    .into_iter()
                    .filter(|d| !must_not.iter().any(|m| m.contains_key(d)))
                    .map(|d| {
                        let score: f32 = must.iter().chain(&should).filter_map(|m| m.get(&d)).sum();
                        (d, score)
                    })
                    .collect()
            }
        })
    }

    /// Two-field documents in segments of 100.
    fn index(docs: &[(Vec<usize>, Vec<usize>)]) -> tantivy::Result<tantivy::Index> {
        index_in(docs, 100)
    }

    /// Two-field documents in segments of `per_segment` (above 128, a
    /// common term's postings take several blocks, which a lookup among
    /// few documents skips).
    fn index_in(docs: &[(Vec<usize>, Vec<usize>)], per_segment: usize) -> tantivy::Result<tantivy::Index> {
        use tantivy::schema::{Schema, TEXT};
        let mut builder = Schema::builder();
        let plain = builder.add_text_field("plain", TEXT);
        let positions = builder.add_text_field("positions", TEXT);
        let index = tantivy::Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000)?;
        for (i, (a, b)) in docs.iter().enumerate() {
            let words = |ws: &[usize]| ws.iter().map(|w| VOCABULARY[*w]).collect::<Vec<_>>().join(" ");
            let mut doc = tantivy::TantivyDocument::new();
            doc.add_text(plain, words(a));
            doc.add_text(positions, words(b));
            writer.add_document(doc)?;
            if i % per_segment == per_segment - 1 {
                writer.commit()?;
            }
        }
        writer.commit()?;
        Ok(index)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn scores_and_matches_are_tantivys(
            docs in proptest::collection::vec(
                (proptest::collection::vec(0usize..6, 0..5), proptest::collection::vec(0usize..6, 0..5)),
                1..300,
            ),
            node in node(),
            scoring in any::<bool>(),
        ) {
            let index = index(&docs).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let searcher = index.reader().map_err(|e| TestCaseError::fail(e.to_string()))?.searcher();
            let plan = Plan::new(&node, &searcher, scoring).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for reader in searcher.segment_readers() {
                let ours = plan.run(reader).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let theirs = reference(&node, &searcher, reader, scoring).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(scoring || ours.scores.iter().all(|s| *s == 0.0), "scores without scoring: {:?}", node);
                prop_assert_eq!(&ours.docs, &theirs.keys().copied().collect::<Vec<_>>(), "{:?}", node);
                if scoring {
                    for (a, b) in ours.scores.iter().zip(theirs.values()) {
                        prop_assert!((a - b).abs() <= 1e-4 * b.abs().max(1.0), "{} vs {} for {:?}", a, b, node);
                    }
                }
            }
        }
    }

    /// A word of the vocabulary, the first three common and the others rare.
    fn skewed_word() -> impl Strategy<Value = usize> {
        prop_oneof![12 => 0usize..3, 1 => 3usize..6]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// As above, on segments of up to 1,500 documents: postings of several
        /// blocks, looked up among rare clauses' documents block by block.
        #[test]
        fn scores_and_matches_are_tantivys_on_long_postings(
            docs in proptest::collection::vec(
                (proptest::collection::vec(skewed_word(), 0..4), proptest::collection::vec(skewed_word(), 0..4)),
                300..1500,
            ),
            node in node(),
            scoring in any::<bool>(),
        ) {
            let index = index_in(&docs, 1500).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let searcher = index.reader().map_err(|e| TestCaseError::fail(e.to_string()))?.searcher();
            let plan = Plan::new(&node, &searcher, scoring).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for reader in searcher.segment_readers() {
                let ours = plan.run(reader).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let theirs = reference(&node, &searcher, reader, scoring).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&ours.docs, &theirs.keys().copied().collect::<Vec<_>>(), "{:?}", node);
                if scoring {
                    for (a, b) in ours.scores.iter().zip(theirs.values()) {
                        prop_assert!((a - b).abs() <= 1e-4 * b.abs().max(1.0), "{} vs {} for {:?}", a, b, node);
                    }
                }
            }
        }
    }

    #[test]
    fn the_skipping_path_is_exercised() {
        // A rare phrase (2 documents per segment of 1,000) and a common word
        // (500, four blocks): the word is looked up for the phrase's
        // documents alone, decoding only the blocks that hold them.
        let docs: Vec<(Vec<usize>, Vec<usize>)> = (0..3000)
            .map(|i| (vec![(i % 2) * 3, 4], if i % 500 == 8 { vec![1, 2] } else { vec![3] }))
            .collect();
        let index = index_in(&docs, 1000).unwrap_or_else(|e| panic!("{e}"));
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let field = |f: u32, w: &str| Term::from_field_text(Field::from_field_id(f), w);
        let node = Node::Bool {
            must: vec![Node::Phrase {
                terms: vec![(0, field(1, "cold")), (1, field(1, "chain"))],
                slop: 0,
            }],
            should: vec![Node::Term(field(0, "port"))],
            must_not: Vec::new(),
        };
        let before = taken::SKIPPED.with(std::cell::Cell::get);
        let plan = Plan::new(&node, &searcher, true).unwrap_or_else(|e| panic!("{e}"));
        let mut found = 0;
        for reader in searcher.segment_readers() {
            let ours = plan.run(reader).unwrap_or_else(|e| panic!("{e}"));
            let theirs = reference(&node, &searcher, reader, true).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(ours.docs, theirs.keys().copied().collect::<Vec<_>>());
            for (a, b) in ours.scores.iter().zip(theirs.values()) {
                assert!((a - b).abs() < 1e-4, "{a} vs {b}");
            }
            found += ours.len();
        }
        assert_eq!(found, 6);
        assert_eq!(
            taken::SKIPPED.with(std::cell::Cell::get) - before,
            3,
            "the port postings were decoded whole"
        );
    }

    #[test]
    fn unions_of_common_terms_go_through_the_dense_arrays() {
        // Three common terms, unioned on their own, inside a max, and as the
        // second word of an intersection (looked up among the first's documents).
        let docs: Vec<(Vec<usize>, Vec<usize>)> = (0..300)
            .map(|i| (vec![i % 6, (i / 6) % 6], if i % 7 == 0 { vec![1, 2] } else { vec![3] }))
            .collect();
        let index = index(&docs).unwrap_or_else(|e| panic!("{e}"));
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let field = |f: u32, w: &str| Node::Term(Term::from_field_text(Field::from_field_id(f), w));
        let union = Node::any(vec![field(0, "port").boosted(3.0), field(0, "cold"), field(1, "chain")]);
        let nodes = [
            union.clone(),
            // "cold" in the second field (43 documents) is rarer than the union.
            Node::all(vec![field(1, "cold"), union.clone()]),
            Node::DisMax {
                alts: vec![union.clone().boosted(0.5), field(0, "park")],
                tie: 0.2,
            },
            // A union of unions is one union: one pass per segment, not three.
            Node::any(vec![
                union,
                Node::any(vec![field(1, "steel"), field(0, "park")]).boosted(2.0),
            ]),
        ];
        for node in nodes {
            for scoring in [true, false] {
                let passes =
                    || taken::DENSE_UNIONS.with(std::cell::Cell::get) + taken::DENSE_MAXIMA.with(std::cell::Cell::get);
                let before = passes();
                let plan = Plan::new(&node, &searcher, scoring).unwrap_or_else(|e| panic!("{e}"));
                for reader in searcher.segment_readers() {
                    let ours = plan.run(reader).unwrap_or_else(|e| panic!("{e}"));
                    let theirs = reference(&node, &searcher, reader, scoring).unwrap_or_else(|e| panic!("{e}"));
                    assert_eq!(ours.docs, theirs.keys().copied().collect::<Vec<_>>(), "{node:?}");
                    for (a, b) in ours.scores.iter().zip(theirs.values()) {
                        let b = if scoring { *b } else { 0.0 };
                        assert!((a - b).abs() < 1e-4, "{a} vs {b} for {node:?}");
                    }
                }
                // As the second word of an intersection too: there its terms
                // are looked up among the first word's documents.
                let dense = passes() - before;
                assert_eq!(
                    dense,
                    searcher.segment_readers().len(),
                    "dense arrays for the union of {node:?}"
                );
            }
        }
    }

    #[test]
    fn alternatives_made_of_terms_are_read_in_one_dense_pass() {
        // In the second field, `park` and `fund` are rare (four documents each).
        let second = |i: usize| match i % 75 {
            0 => 4,
            1 => 5,
            _ => (i / 6) % 4,
        };
        let docs: Vec<(Vec<usize>, Vec<usize>)> = (0..300).map(|i| (vec![i % 6], vec![second(i)])).collect();
        let index = index(&docs).unwrap_or_else(|e| panic!("{e}"));
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let field = |f: u32, w: &str| Node::Term(Term::from_field_text(Field::from_field_id(f), w));
        let node = Node::DisMax {
            alts: vec![
                Node::any(vec![field(0, "port"), field(1, "cold")]).boosted(0.9),
                Node::any(vec![field(0, "chain"), field(1, "port")]),
                field(1, "steel").boosted(0.3),
                // Too small alone for the dense arrays: a sum kept as lists,
                // still read into the same pass as the others.
                Node::any(vec![field(1, "park").boosted(3.0), field(1, "fund")]).boosted(0.9),
            ],
            tie: 0.2,
        };
        // Alone, and as the second word of an intersection (among the first's documents).
        let nodes = [node.clone(), Node::all(vec![field(0, "cold"), node])];
        let counted =
            |counter: &'static std::thread::LocalKey<std::cell::Cell<usize>>| counter.with(std::cell::Cell::get);
        for node in nodes {
            // Scored: one pass folding the alternatives; unscored: one union.
            for (scoring, maxima, unions) in [(true, 1, 0), (false, 0, 1)] {
                let before = (counted(&taken::DENSE_MAXIMA), counted(&taken::DENSE_UNIONS));
                let plan = Plan::new(&node, &searcher, scoring).unwrap_or_else(|e| panic!("{e}"));
                for reader in searcher.segment_readers() {
                    let ours = plan.run(reader).unwrap_or_else(|e| panic!("{e}"));
                    let theirs = reference(&node, &searcher, reader, scoring).unwrap_or_else(|e| panic!("{e}"));
                    assert_eq!(ours.docs, theirs.keys().copied().collect::<Vec<_>>(), "{node:?}");
                    for (a, b) in ours.scores.iter().zip(theirs.values()) {
                        let b = if scoring { *b } else { 0.0 };
                        assert!((a - b).abs() < 1e-4, "{a} vs {b} for {node:?}");
                    }
                }
                let segments = searcher.segment_readers().len();
                let after = (counted(&taken::DENSE_MAXIMA), counted(&taken::DENSE_UNIONS));
                assert_eq!(after.0 - before.0, maxima * segments, "scoring: {scoring}");
                assert_eq!(after.1 - before.1, unions * segments, "scoring: {scoring}");
            }
        }
    }

    #[test]
    fn terms_of_no_document_are_pruned_before_the_segments() {
        let docs: Vec<(Vec<usize>, Vec<usize>)> = (0..150).map(|i| (vec![i % 3], vec![3])).collect();
        let index = index(&docs).unwrap_or_else(|e| panic!("{e}"));
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let field = |f: u32, w: &str| Node::Term(Term::from_field_text(Field::from_field_id(f), w));
        // "fund" and "park" are in no document; "port" (0) and "steel" (3) are.
        let absent = || Node::any(vec![field(0, "fund"), field(1, "park")]);
        let cases = [
            (Node::all(vec![field(0, "port"), absent()]), true),
            (
                Node::DisMax {
                    alts: vec![absent().boosted(2.0), absent()],
                    tie: 0.2,
                },
                true,
            ),
            (
                Node::Phrase {
                    terms: vec![
                        (0, Term::from_field_text(Field::from_field_id(1), "steel")),
                        (1, Term::from_field_text(Field::from_field_id(1), "park")),
                    ],
                    slop: 0,
                },
                true,
            ),
            (Node::any(vec![field(0, "port"), absent()]), false),
        ];
        for (node, empty) in cases {
            let plan = Plan::new(&node, &searcher, true).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(matches!(plan.root.kind, Kind::Empty), empty, "{node:?}");
            for reader in searcher.segment_readers() {
                let ours = plan.run(reader).unwrap_or_else(|e| panic!("{e}"));
                let theirs = reference(&node, &searcher, reader, true).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(ours.docs, theirs.keys().copied().collect::<Vec<_>>(), "{node:?}");
            }
        }
    }

    #[test]
    fn a_repeated_subtree_is_evaluated_once() {
        // The shape of the relaxed tier: any unit, plus a bonus for all of them.
        let docs: Vec<(Vec<usize>, Vec<usize>)> = (0..300)
            .map(|i| {
                (
                    vec![i % 6, (i / 6) % 6],
                    if i % 7 == 0 { vec![1, 2] } else { vec![3, i % 5] },
                )
            })
            .collect();
        let index = index(&docs).unwrap_or_else(|e| panic!("{e}"));
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let field = |f: u32, w: &str| Node::Term(Term::from_field_text(Field::from_field_id(f), w));
        let units = vec![
            Node::DisMax {
                alts: vec![
                    Node::any(vec![field(0, "port"), field(1, "port")]),
                    field(0, "cold").boosted(0.9),
                ],
                tie: 0.2,
            },
            Node::any(vec![field(0, "steel").boosted(3.0), field(1, "steel")]),
            Node::Bool {
                must: vec![field(1, "cold")],
                should: vec![Node::Phrase {
                    terms: vec![
                        (0, Term::from_field_text(Field::from_field_id(1), "cold")),
                        (1, Term::from_field_text(Field::from_field_id(1), "chain")),
                    ],
                    slop: 0,
                }],
                must_not: Vec::new(),
            },
        ];
        let mut clauses = units.clone();
        clauses.push(Node::all(units).boosted(0.5));
        let node = Node::any(clauses);
        for scoring in [true, false] {
            let before = taken::MEMO_HITS.with(std::cell::Cell::get);
            let plan = Plan::new(&node, &searcher, scoring).unwrap_or_else(|e| panic!("{e}"));
            // The three units, and the union inside the first.
            assert_eq!(plan.shared, 4);
            for reader in searcher.segment_readers() {
                let ours = plan.run(reader).unwrap_or_else(|e| panic!("{e}"));
                let theirs = reference(&node, &searcher, reader, scoring).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(ours.docs, theirs.keys().copied().collect::<Vec<_>>());
                for (a, b) in ours.scores.iter().zip(theirs.values()) {
                    let b = if scoring { *b } else { 0.0 };
                    assert!((a - b).abs() < 1e-4 * b.abs().max(1.0), "{a} vs {b}");
                }
            }
            // Scored: three units in three segments, each found again in the
            // bonus. Unscored, the bonus is looked up only outside the
            // units' matches: its rarest unit is found again, leaving nothing.
            let expected = if scoring { 9 } else { 3 };
            assert_eq!(taken::MEMO_HITS.with(std::cell::Cell::get), before + expected);
        }
    }

    #[test]
    fn unscored_a_conjunction_is_looked_up_only_where_the_other_alternatives_found_nothing() {
        // `port` in two documents of three, `cold` in one of five, `chain` in
        // every other: `cold` and `chain` is the conjunction, and `chain` is
        // looked up for the documents of `cold` without `port` (one in
        // fifteen), not for all those of `cold`.
        let docs: Vec<(Vec<usize>, Vec<usize>)> = (0..600)
            .map(|i| {
                let mut words = Vec::new();
                if i % 3 != 0 {
                    words.push(0);
                }
                if i % 5 == 0 {
                    words.push(1);
                }
                if i % 2 == 0 {
                    words.push(2);
                }
                (words, vec![3])
            })
            .collect();
        let index = index(&docs).unwrap_or_else(|e| panic!("{e}"));
        let searcher = index.reader().unwrap_or_else(|e| panic!("{e}")).searcher();
        let field = |w: &str| Node::Term(Term::from_field_text(Field::from_field_id(0), w));
        let node = Node::DisMax {
            alts: vec![Node::all(vec![field("cold"), field("chain")]), field("port")],
            tie: 0.2,
        };
        for scoring in [false, true] {
            let plan = Plan::new(&node, &searcher, scoring).unwrap_or_else(|e| panic!("{e}"));
            let before = taken::LOOKED_UP.with(std::cell::Cell::get);
            for reader in searcher.segment_readers() {
                let ours = plan.run(reader).unwrap_or_else(|e| panic!("{e}"));
                let theirs = reference(&node, &searcher, reader, scoring).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(ours.docs, theirs.keys().copied().collect::<Vec<_>>());
            }
            let looked_up = taken::LOOKED_UP.with(std::cell::Cell::get) - before;
            // Scored, every document of `cold` needs the conjunction's score.
            assert_eq!(looked_up, if scoring { 120 } else { 40 }, "scoring {scoring}");
        }
    }

    fn pairs(m: &Matches) -> Vec<(DocId, Score)> {
        m.docs.iter().copied().zip(m.scores.iter().copied()).collect()
    }

    proptest! {
        #[test]
        fn gallop_finds_the_first_doc_not_below_the_target(
            docs in proptest::collection::btree_set(0u32..500, 0..100),
            from in 0usize..110,
            target in 0u32..520,
        ) {
            let docs: Vec<DocId> = docs.into_iter().collect();
            let from = from.min(docs.len());
            let want = from + docs[from..].iter().take_while(|&&d| d < target).count();
            prop_assert_eq!(gallop(&docs, from, target), want);
        }

        #[test]
        fn unions_and_maxima_agree_with_their_definition(
            lists in proptest::collection::vec(list(), 0..9),
            tie in proptest::option::of(0.0f32..1.0),
            dense in any::<bool>(),
        ) {
            let mut scratch = Scratch::default();
            // A large segment makes the sorting path; a small one the dense arrays.
            scratch.fit(if dense { 2000 } else { 2_000_000 });
            let got = accumulate(lists.iter().map(|l| matches(l)).collect(), tie, &mut scratch);
            let want = naive_union(&lists, tie);
            prop_assert_eq!(got.docs.clone(), want.iter().map(|(d, _)| *d).collect::<Vec<_>>());
            for ((_, g), (_, w)) in pairs(&got).iter().zip(&want) {
                prop_assert!((g - w).abs() < 1e-3, "{} vs {}", g, w);
            }
            prop_assert!(scratch.sum.iter().all(|s| *s == 0.0) && scratch.seen.iter().all(|b| *b == 0));
        }

        #[test]
        fn intersections_exclusions_and_options_agree_with_their_definition(
            a in list(), b in list(), c in list(),
        ) {
            let got = intersect(matches(&a), &matches(&b));
            let in_b: HashMap<DocId, Score> = b.iter().copied().collect();
            let want: Vec<(DocId, Score)> =
                a.iter().filter_map(|(d, s)| in_b.get(d).map(|t| (*d, s + t))).collect();
            prop_assert_eq!(pairs(&got), want);

            let in_c: HashMap<DocId, Score> = c.iter().copied().collect();
            let optional = add_optional(matches(&a), &matches(&c));
            let want: Vec<(DocId, Score)> =
                a.iter().map(|(d, s)| (*d, s + in_c.get(d).copied().unwrap_or(0.0))).collect();
            prop_assert_eq!(pairs(&optional), want);

            let c_docs: Vec<DocId> = c.iter().map(|(d, _)| *d).collect();
            let kept = exclude(matches(&a), &c_docs);
            let want: Vec<(DocId, Score)> = a.iter().filter(|(d, _)| !in_c.contains_key(d)).copied().collect();
            prop_assert_eq!(pairs(&kept), want);
        }
    }
}
