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
