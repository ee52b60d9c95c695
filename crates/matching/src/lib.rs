//! Matchmaking for Shanghai–Dalian counterpart cooperation: for a Dalian
//! project, the Shanghai funds, firms and parks it should talk to, and why;
//! for a Shanghai fund, the Dalian projects that fit its mandate.
//!
//! Pure functions and in-memory structures over domain types: no I/O, no
//! database, no search engine. The service builds a [`MatchProfile`] per
//! listing (with [`DocTerms`] counted in a corpus-wide [`TermStats`]), keeps a
//! [`MatchIndex`] in step with the database, and asks it for
//! [`MatchIndex::top_matches`]. Each [`Match`] carries its score in [0, 1],
//! every factor's weight, value and contribution, and reasons in 中文 and English.
//!
//! - `rules`: what is never shown (the hard rules);
//! - `factors`: the scoring factors, reciprocal where a side has wishes;
//! - `text`: the engine's own bigram TF-IDF, in place of the search index;
//! - `config`: weights (with the dev-set reasoning for each default);
//! - `explain`: reasons from the records' fields;
//! - `index`: partitions and pruning for a million listings;
//! - `eval`: nDCG, precision and a BM25 baseline on a labelled dev set.
//!
//! # How the service uses it
//!
//! ```
//! use std::collections::HashSet;
//!
//! use chrono::NaiveDate;
//! use hulian_domain::{OrgType, Record, parse_record};
//! use hulian_matching::{DocTerms, ListingMeta, MatchConfig, MatchContext, MatchIndex, MatchProfile, TermStats};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let lines = [
//!     r#"{"kind":"listing","external_id":"p1","organization":"o1","listing_type":"project","title":"LNG运输船总装扩能项目","description":"寻求船舶产业基金股权投资","sectors":["equipment"],"region":"dalian","amount_cny_min":600000000,"amount_cny_max":1000000000,"modes":["equity"]}"#,
//!     r#"{"kind":"listing","external_id":"f1","organization":"o2","listing_type":"fund_mandate","title":"船舶与海洋工程装备产业基金投资意向","description":"投向LNG运输船总装扩能","sectors":["equipment"],"region":"shanghai","target_regions":["dalian"],"amount_cny_min":300000000,"amount_cny_max":1200000000,"modes":["equity"]}"#,
//! ];
//! let listings: Vec<_> = lines
//!     .iter()
//!     .filter_map(|line| match parse_record(line) {
//!         Ok(Record::Listing(listing)) => Some(listing),
//!         _ => None,
//!     })
//!     .collect();
//!
//! // 1. Count every listing's terms once (at startup: all of them; then on each change).
//! let terms: Vec<DocTerms> = listings.iter().map(DocTerms::from_listing).collect();
//! let mut stats = TermStats::new();
//! for doc in &terms {
//!     stats.add(doc);
//! }
//!
//! // 2. Build a profile per listing from its record and what the database knows.
//! let mut index = MatchIndex::new();
//! for (i, (listing, doc)) in listings.iter().zip(&terms).enumerate() {
//!     let meta = ListingMeta {
//!         id: i as i64 + 1,
//!         org_id: i as i64 + 100,
//!         org_type: OrgType::Enterprise,
//!         org_verified: false,
//!         updated_at: 1_795_000_000,
//!     };
//!     index.upsert(MatchProfile::build(listing, meta, doc, &stats));
//! }
//!
//! // 3. Ask: today decides expiry, the dismissed set is the owner's.
//! let config = MatchConfig::default();
//! let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
//! let ctx = MatchContext::new(today, &config).with_terms(&stats);
//! let matches = index.top_matches(1, ctx, 20, &HashSet::new()).ok_or("not indexed")?;
//! assert_eq!(matches[0].id, 2);
//! assert!(matches[0].reasons.iter().any(|r| r.zh == "基金单笔投资 3亿–12亿元，覆盖项目规模 6亿–10亿元"));
//! # Ok(())
//! # }
//! ```
//!
//! When a listing changes, the service calls `stats.remove` with its old
//! terms (if it still has the old record; otherwise it may skip it: IDF
//! drifts slowly) and `stats.add` with the new ones, builds the new profile and
//! `upsert`s it; a deleted listing is `remove`d. Profiles keep the IDF they
//! were built with, so a periodic rebuild (the index is derived data) keeps
//! them in step with a corpus that has grown a lot.

pub mod config;
pub mod eval;
pub mod explain;
pub mod factors;
pub mod index;
pub mod profile;
pub mod rules;
pub mod score;
pub mod sector;
pub mod text;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod testing;

pub use config::{MatchConfig, MatchContext, Weights};
pub use index::MatchIndex;
pub use profile::{Amount, AmountRole, ListingMeta, MatchProfile, ModeSet, RegionSet};
pub use rules::{Rejection, TypeFit};
pub use score::{Factor, FactorName, Match, Reason, score_pair};
pub use sector::SectorSet;
pub use text::{DocTerms, TermStats, TextVector};
