//! Quality evaluation on a labelled dev set (`shared/data/dev/matching.jsonl`):
//! nDCG@10, precision@5 and forbidden listings in the top 20, for the engine
//! and, in the same run, for a text-only BM25 baseline over the same tokens.
//!
//! Pure: the caller reads the files and passes their text. The test
//! `tests/quality.rs` and the `eval` example print the table and guard the
//! figures. Not for production traffic.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use hulian_domain::{ListingRecord, ListingStatus, OrgType, Record, parse_ndjson};
use serde::Deserialize;

use crate::config::{MatchConfig, MatchContext};
use crate::index::MatchIndex;
use crate::profile::{ListingMeta, MatchProfile};
use crate::text::{DocTerms, TermStats, tokenize};

/// Depth of the ranking looked at for forbidden listings.
pub const FORBIDDEN_DEPTH: usize = 20;

/// One labelled query.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Labels {
    /// External id of the query listing.
    pub query: String,
    /// External ids with grade 2 (excellent) or 1 (partial); others are 0.
    pub relevant: BTreeMap<String, u8>,
    /// Excellent fits that must never be shown (draft, closed, expired, own organization).
    pub forbidden: Vec<String>,
    #[serde(default)]
    pub why: String,
}

/// Parses `matching.jsonl`.
pub fn parse_labels(jsonl: &str) -> Result<Vec<Labels>, String> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Normalized discounted cumulative gain at `k`, gain `2^grade − 1`, ideal from the labels.
pub fn ndcg_at(ranked: &[String], relevant: &BTreeMap<String, u8>, k: usize) -> f64 {
    let gain = |grade: u8| f64::from((1u32 << grade.min(8)) - 1);
    let discount = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(rank, id)| gain(relevant.get(id).copied().unwrap_or(0)) * discount(rank))
        .sum();
    let mut grades: Vec<u8> = relevant.values().copied().collect();
    grades.sort_unstable_by(|a, b| b.cmp(a));
    let ideal: f64 = grades
        .iter()
        .take(k)
        .enumerate()
        .map(|(rank, &g)| gain(g) * discount(rank))
        .sum();
    if ideal > 0.0 { dcg / ideal } else { 0.0 }
}

/// Share of the first `k` positions holding a listing of grade ≥ 1 (empty positions count as misses).
pub fn precision_at(ranked: &[String], relevant: &BTreeMap<String, u8>, k: usize) -> f64 {
    if k == 0 {
        return 0.0;
    }
    let hits = ranked
        .iter()
        .take(k)
        .filter(|id| relevant.get(*id).is_some_and(|&g| g >= 1))
        .count();
    hits as f64 / k as f64
}

/// How many of `forbidden` appear in the first `k` positions.
pub fn forbidden_in(ranked: &[String], forbidden: &[String], k: usize) -> usize {
    ranked.iter().take(k).filter(|id| forbidden.contains(id)).count()
}

/// The dev corpus, indexed both ways: profiles for the engine, BM25 postings for the baseline.
pub struct DevSet {
    listings: Vec<ListingRecord>,
    by_external: HashMap<String, usize>,
    stats: TermStats,
    index: MatchIndex,
    bm25: Bm25,
}

impl DevSet {
    /// Reads an NDJSON corpus; invalid lines are an error. Every organization
    /// is unverified and every listing updated at the start of `today`, so
    /// freshness and verification are neutral.
    pub fn from_ndjson(text: &str, today: NaiveDate) -> Result<Self, String> {
        let mut orgs: HashMap<String, (i64, OrgType)> = HashMap::new();
        let mut listings = Vec::new();
        for line in parse_ndjson(text) {
            match line.result {
                Ok(Record::Organization(org)) => {
                    let id = orgs.len() as i64 + 1;
                    orgs.insert(org.external_id.clone(), (id, org.org_type));
                }
                Ok(Record::Listing(listing)) => listings.push(listing),
                Err(errors) => return Err(format!("line {}: {errors}", line.line)),
            }
        }
        let docs: Vec<DocTerms> = listings.iter().map(DocTerms::from_listing).collect();
        let stats = TermStats::from_documents(&docs);
        let updated_at = today.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
        let mut index = MatchIndex::with_capacity(listings.len());
        let mut by_external = HashMap::new();
        for (i, (listing, doc)) in listings.iter().zip(&docs).enumerate() {
            let Some(&(org_id, org_type)) = orgs.get(&listing.organization) else {
                return Err(format!(
                    "listing {}: unknown organization {}",
                    listing.external_id, listing.organization
                ));
            };
            let meta = ListingMeta {
                id: i as i64 + 1,
                org_id,
                org_type,
                org_verified: false,
                updated_at,
            };
            index.upsert(MatchProfile::build(listing, meta, doc, &stats));
            by_external.insert(listing.external_id.clone(), i);
        }
        let bm25 = Bm25::new(&listings);
        Ok(DevSet {
            listings,
            by_external,
            stats,
            index,
            bm25,
        })
    }

    pub fn listings(&self) -> &[ListingRecord] {
        &self.listings
    }

    pub fn index(&self) -> &MatchIndex {
        &self.index
    }

    pub fn stats(&self) -> &TermStats {
        &self.stats
    }

    /// Internal id of a listing's external id.
    pub fn id_of(&self, external_id: &str) -> Option<i64> {
        self.by_external.get(external_id).map(|&i| i as i64 + 1)
    }

    /// Record of an internal id.
    pub fn listing(&self, id: i64) -> Option<&ListingRecord> {
        usize::try_from(id - 1).ok().and_then(|i| self.listings.get(i))
    }

    /// The engine's ranking for a query, as external ids.
    pub fn engine_ranking(&self, query: &str, config: &MatchConfig, today: NaiveDate, limit: usize) -> Vec<String> {
        let Some(id) = self.id_of(query) else {
            return Vec::new();
        };
        let ctx = MatchContext::new(today, config).with_terms(&self.stats);
        self.index
            .top_matches(id, ctx, limit, &HashSet::new())
            .unwrap_or_default()
            .iter()
            .filter_map(|m| self.listing(m.id).map(|l| l.external_id.clone()))
            .collect()
    }

    /// The baseline's ranking: BM25 of the query's title and description over
    /// every other published listing, no rules.
    pub fn baseline_ranking(&self, query: &str, limit: usize) -> Vec<String> {
        let Some(&q) = self.by_external.get(query) else {
            return Vec::new();
        };
        let Some(listing) = self.listings.get(q) else {
            return Vec::new();
        };
        let text = format!("{} {}", listing.title, listing.description);
        self.bm25
            .rank(&text, q, limit)
            .into_iter()
            .filter_map(|i| self.listings.get(i).map(|l| l.external_id.clone()))
            .collect()
    }
}

/// BM25 (k1 = 1.2, b = 0.75) over title, tags and descriptions in both
/// languages, with the engine's tokenizer.
struct Bm25 {
    postings: HashMap<String, Vec<(usize, u32)>>,
    lengths: Vec<u32>,
    published: Vec<bool>,
    average: f64,
    docs: usize,
}

impl Bm25 {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;

    fn new(listings: &[ListingRecord]) -> Self {
        let mut postings: HashMap<String, Vec<(usize, u32)>> = HashMap::new();
        let mut lengths = Vec::with_capacity(listings.len());
        let mut published = Vec::with_capacity(listings.len());
        for (i, listing) in listings.iter().enumerate() {
            let mut text = vec![listing.title.as_str(), listing.description.as_str()];
            text.extend(listing.title_en.as_deref());
            text.extend(listing.description_en.as_deref());
            text.extend(listing.tags.iter().map(String::as_str));
            let mut counts: HashMap<String, u32> = HashMap::new();
            let mut length = 0u32;
            for part in text {
                for (term, _) in tokenize(part) {
                    *counts.entry(term).or_default() += 1;
                    length += 1;
                }
            }
            for (term, count) in counts {
                postings.entry(term).or_default().push((i, count));
            }
            lengths.push(length);
            published.push(listing.status == ListingStatus::Published);
        }
        let docs = listings.len();
        let average = lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / docs.max(1) as f64;
        Bm25 {
            postings,
            lengths,
            published,
            average,
            docs,
        }
    }

    fn rank(&self, query: &str, skip: usize, limit: usize) -> Vec<usize> {
        let terms: HashSet<String> = tokenize(query).into_iter().map(|(t, _)| t).collect();
        let mut scores: HashMap<usize, f64> = HashMap::new();
        let n = self.docs as f64;
        for term in &terms {
            let Some(list) = self.postings.get(term) else { continue };
            let df = list.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(doc, tf) in list {
                let length = f64::from(self.lengths.get(doc).copied().unwrap_or(0));
                let tf = f64::from(tf);
                let norm = tf + Self::K1 * (1.0 - Self::B + Self::B * length / self.average.max(1.0));
                *scores.entry(doc).or_default() += idf * tf * (Self::K1 + 1.0) / norm;
            }
        }
        let mut ranked: Vec<(usize, f64)> = scores
            .into_iter()
            .filter(|&(doc, _)| doc != skip && self.published.get(doc).copied().unwrap_or(false))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(limit).map(|(doc, _)| doc).collect()
    }
}

/// The three figures for one ranking.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    pub ndcg10: f64,
    pub precision5: f64,
    /// Forbidden listings in the top 20.
    pub forbidden20: usize,
}

impl Metrics {
    pub fn of(ranked: &[String], labels: &Labels) -> Self {
        Metrics {
            ndcg10: ndcg_at(ranked, &labels.relevant, 10),
            precision5: precision_at(ranked, &labels.relevant, 5),
            forbidden20: forbidden_in(ranked, &labels.forbidden, FORBIDDEN_DEPTH),
        }
    }
}

/// Engine and baseline figures for one query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryRow {
    pub query: String,
    pub title: String,
    pub engine: Metrics,
    pub baseline: Metrics,
}

/// The whole evaluation: per query and overall (means; forbidden as totals).
#[derive(Debug, Clone, PartialEq)]
pub struct EvalReport {
    pub rows: Vec<QueryRow>,
    pub engine: Metrics,
    pub baseline: Metrics,
}

/// Runs every labelled query through the engine and the baseline.
pub fn evaluate(dev: &DevSet, labels: &[Labels], config: &MatchConfig, today: NaiveDate) -> EvalReport {
    let mut rows = Vec::new();
    for label in labels {
        let engine = dev.engine_ranking(&label.query, config, today, FORBIDDEN_DEPTH);
        let baseline = dev.baseline_ranking(&label.query, FORBIDDEN_DEPTH);
        let title = dev
            .id_of(&label.query)
            .and_then(|id| dev.listing(id))
            .map(|l| l.title.clone())
            .unwrap_or_default();
        rows.push(QueryRow {
            query: label.query.clone(),
            title,
            engine: Metrics::of(&engine, label),
            baseline: Metrics::of(&baseline, label),
        });
    }
    let mean = |pick: fn(&QueryRow) -> Metrics| {
        let count = rows.len().max(1) as f64;
        Metrics {
            ndcg10: rows.iter().map(|r| pick(r).ndcg10).sum::<f64>() / count,
            precision5: rows.iter().map(|r| pick(r).precision5).sum::<f64>() / count,
            forbidden20: rows.iter().map(|r| pick(r).forbidden20).sum(),
        }
    };
    let engine = mean(|r| r.engine);
    let baseline = mean(|r| r.baseline);
    EvalReport { rows, engine, baseline }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "| query | engine nDCG@10 | engine P@5 | engine forbidden@20 | BM25 nDCG@10 | BM25 P@5 | BM25 forbidden@20 |"
        )?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---:|")?;
        for row in &self.rows {
            let title: String = row.title.chars().take(18).collect();
            writeln!(
                f,
                "| {} {} | {:.3} | {:.2} | {} | {:.3} | {:.2} | {} |",
                row.query,
                title,
                row.engine.ndcg10,
                row.engine.precision5,
                row.engine.forbidden20,
                row.baseline.ndcg10,
                row.baseline.precision5,
                row.baseline.forbidden20
            )?;
        }
        writeln!(
            f,
            "| **mean** (forbidden: total) | **{:.3}** | **{:.3}** | **{}** | {:.3} | {:.3} | {} |",
            self.engine.ndcg10,
            self.engine.precision5,
            self.engine.forbidden20,
            self.baseline.ndcg10,
            self.baseline.precision5,
            self.baseline.forbidden20
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, u8)]) -> BTreeMap<String, u8> {
        pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
        let rel = labels(&[("a", 2), ("b", 1)]);
        assert!((ndcg_at(&ids(&["a", "b", "c"]), &rel, 10) - 1.0).abs() < 1e-12);
        let swapped = ndcg_at(&ids(&["b", "a"]), &rel, 10);
        assert!(swapped < 1.0 && swapped > 0.5);
        assert_eq!(ndcg_at(&ids(&["c"]), &rel, 10), 0.0);
    }

    #[test]
    fn precision_counts_grade_one_and_up_and_empty_slots_as_misses() {
        let rel = labels(&[("a", 2), ("b", 1)]);
        assert!((precision_at(&ids(&["a", "x", "b"]), &rel, 5) - 0.4).abs() < 1e-12);
        assert_eq!(forbidden_in(&ids(&["a", "f"]), &ids(&["f"]), 20), 1);
    }

    #[test]
    fn labels_parse() {
        let parsed = parse_labels("{\"query\":\"q\",\"relevant\":{\"a\":2},\"forbidden\":[\"f\"],\"why\":\"…\"}\n\n");
        assert_eq!(parsed.map(|l| l.len()), Ok(1));
        assert!(parse_labels("{").is_err());
    }
}
