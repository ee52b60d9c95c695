//! Scoring one admissible pair: the factor values, their weighted sum, and the
//! [`Match`] that carries both, with reasons.
//!
//! The score is `Σ weightᵢ · valueᵢ` with weights normalized to sum to 1, so it
//! lies in [0, 1] and every factor's contribution can be shown. The index
//! computes the cheap factors for every candidate and the two costly ones
//! (text, freshness) only for candidates whose bound could still enter the
//! top; both paths go through `Scorer`, so a score never depends on which path
//! made it.

use hulian_domain::Mode;
use serde::{Deserialize, Serialize};

use crate::config::{MatchContext, Weights};
use crate::explain;
use crate::factors::{self, Sides};
use crate::profile::{Core, MatchProfile, ModeSet, day_number};
use crate::rules::{self, Admission, RegionFit, Rejection};
use crate::sector::SectorQuery;
use crate::text::{QueryText, TextView};

/// The factors of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorName {
    Text,
    Sector,
    Amount,
    Mode,
    Region,
    Complementarity,
    Freshness,
    Verification,
}

impl FactorName {
    pub const ALL: [FactorName; 8] = [
        FactorName::Text,
        FactorName::Sector,
        FactorName::Amount,
        FactorName::Mode,
        FactorName::Region,
        FactorName::Complementarity,
        FactorName::Freshness,
        FactorName::Verification,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FactorName::Text => "text",
            FactorName::Sector => "sector",
            FactorName::Amount => "amount",
            FactorName::Mode => "mode",
            FactorName::Region => "region",
            FactorName::Complementarity => "complementarity",
            FactorName::Freshness => "freshness",
            FactorName::Verification => "verification",
        }
    }

    pub(crate) fn weight(self, weights: &Weights) -> f64 {
        match self {
            FactorName::Text => weights.text,
            FactorName::Sector => weights.sector,
            FactorName::Amount => weights.amount,
            FactorName::Mode => weights.mode,
            FactorName::Region => weights.region,
            FactorName::Complementarity => weights.complementarity,
            FactorName::Freshness => weights.freshness,
            FactorName::Verification => weights.verification,
        }
    }
}

/// One factor of a match: its normalized weight, its value in [0, 1], and
/// `weight × value`, what it adds to the score. Directional factors also show
/// each side's view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    pub name: FactorName,
    pub weight: f64,
    pub value: f64,
    pub contribution: f64,
    /// How well the candidate meets the query's wishes (directional factors only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_side: Option<f64>,
    /// How well the query meets the candidate's wishes (directional factors only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate_side: Option<f64>,
}

/// A readable reason, in Chinese and English, drawn from the records' fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub factor: FactorName,
    pub zh: String,
    pub en: String,
}

/// A candidate listing for a query, with its score and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// The candidate listing's internal id.
    pub id: i64,
    /// In [0, 1].
    pub score: f64,
    pub factors: Vec<Factor>,
    pub reasons: Vec<Reason>,
}

/// Values of the factors that cost a few bit operations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CheapValues {
    pub sector: Sides,
    pub amount: Option<f64>,
    pub modes: Option<Sides>,
    pub region: Sides,
    pub complementarity: f64,
    pub verification: f64,
    /// Their weighted sum.
    pub sum: f64,
}

/// Values of the factors that cost more: text similarity and freshness.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CostlyValues {
    pub text: f64,
    pub freshness: f64,
    pub sum: f64,
}

/// The sector term of a query against many candidates, remembered by the
/// candidate's sector set: a few thousand distinct sets recur across a
/// million listings. Direct-mapped, so a lookup is one probe.
pub(crate) struct SectorCache {
    entries: Vec<(u64, u32, f64)>,
}

const SECTOR_CACHE: usize = 4096;

impl SectorCache {
    pub fn new() -> Self {
        SectorCache {
            entries: vec![(u64::MAX, u32::MAX, 0.0); SECTOR_CACHE],
        }
    }

    #[inline]
    pub fn term(&mut self, scorer: &Scorer<'_>, candidate: &Core) -> f64 {
        let (sub, top) = candidate.sectors.key();
        let top = top | (u32::from(factors::has_broad_sectors(candidate.listing_type)) << 31);
        let hash = (sub ^ u64::from(top).wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        let index = (hash >> 52) as usize & (SECTOR_CACHE - 1);
        match self.entries.get_mut(index) {
            Some(entry) if entry.0 == sub && entry.1 == top => entry.2,
            Some(entry) => {
                let term = scorer.sector_term(candidate);
                *entry = (sub, top, term);
                term
            }
            None => scorer.sector_term(candidate),
        }
    }
}

/// Scores candidates against one query. What depends on the query alone is
/// computed once here (sector relations, the mode factor for every possible
/// set of candidate modes, the region factor's four cases), so each candidate
/// costs a few lookups; the search and the explanation share this one path,
/// so a score never depends on which of them computed it.
pub(crate) struct Scorer<'q> {
    pub query: &'q MatchProfile,
    pub ctx: MatchContext<'q>,
    text: QueryText,
    weights: Weights,
    sectors: SectorQuery,
    /// `weight × value` of the mode factor for each candidate mode mask, once
    /// [`Scorer::prepare_for_many`] has run (worth it for thousands of candidates).
    mode_terms: Option<Vec<f64>>,
    /// `weight × value` of the region factor by (in query targets, in candidate targets).
    region_terms: [[f64; 2]; 2],
    /// Day number of `today`.
    pub today: i32,
    /// Unix seconds at the start of `today`.
    now: i64,
}

const MODE_MASKS: usize = 1 << Mode::ALL.len();

impl<'q> Scorer<'q> {
    pub fn new(query: &'q MatchProfile, ctx: MatchContext<'q>) -> Self {
        let now = ctx.today.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
        let weights = *ctx.config.normalized();
        let q = &query.core;
        let mut region_terms = [[0.0; 2]; 2];
        for (in_query, row) in region_terms.iter_mut().enumerate() {
            for (in_candidate, term) in row.iter_mut().enumerate() {
                let fit = RegionFit {
                    in_query_targets: in_query == 1,
                    in_candidate_targets: in_candidate == 1,
                    counterparts: true,
                };
                *term = weights.region * factors::region(fit).value();
            }
        }
        Scorer {
            query,
            text: QueryText::new(query.text.view()),
            sectors: SectorQuery::new(q.sectors, factors::has_broad_sectors(q.listing_type)),
            weights,
            mode_terms: None,
            region_terms,
            today: day_number(ctx.today),
            now,
            ctx,
        }
    }

    /// Tabulates the mode factor for every set of candidate modes.
    pub fn prepare_for_many(&mut self) {
        let q = self.query.core.modes;
        self.mode_terms = Some(
            (0..MODE_MASKS)
                .map(|mask| self.mode_term(q, ModeSet(mask as u16)))
                .collect(),
        );
    }

    #[inline]
    fn mode_term(&self, query: ModeSet, candidate: ModeSet) -> f64 {
        let w = &self.weights;
        w.mode * factors::modes(query, candidate).map_or(w.mode_unknown, Sides::value)
    }

    pub fn admit(&self, candidate: &Core) -> Result<Admission, Rejection> {
        rules::admit(&self.query.core, candidate, self.ctx.config, self.today)
    }

    fn sector_sides(&self, candidate: &Core) -> Sides {
        Sides {
            query_side: self.sectors.query_side(candidate.sectors),
            candidate_side: self
                .sectors
                .candidate_side(candidate.sectors, factors::has_broad_sectors(candidate.listing_type)),
        }
    }

    /// The weighted sum of the cheap factors: sector, amount, mode, region,
    /// complementarity, verification, in that order.
    #[inline]
    pub fn cheap_sum(&self, candidate: &Core, admission: Admission) -> f64 {
        self.cheap_sum_with(candidate, admission, self.sector_term(candidate))
    }

    /// The weighted sector factor (what [`SectorCache`] remembers).
    #[inline]
    pub fn sector_term(&self, candidate: &Core) -> f64 {
        self.weights.sector * self.sector_sides(candidate).value()
    }

    /// [`Scorer::cheap_sum`] with the sector term already known.
    #[inline]
    pub fn cheap_sum_with(&self, candidate: &Core, admission: Admission, sector: f64) -> f64 {
        let q = &self.query.core;
        let w = &self.weights;
        let amount = w.amount
            * factors::amount(q.amount, q.listing_type, candidate.amount, candidate.listing_type)
                .unwrap_or(w.amount_unknown);
        let mode = match &self.mode_terms {
            Some(terms) => terms.get(usize::from(candidate.modes.0)).copied().unwrap_or(0.0),
            None => self.mode_term(q.modes, candidate.modes),
        };
        let fit = admission.regions;
        let region = self.region_terms[usize::from(fit.in_query_targets)][usize::from(fit.in_candidate_targets)];
        let complementarity = w.complementarity * factors::complementarity(admission.types);
        let verification = w.verification * factors::verification(candidate.verified);
        sector + amount + mode + region + complementarity + verification
    }

    /// The cheap factors one by one (for explanations), with the same sum.
    pub fn cheap(&self, candidate: &Core, admission: Admission) -> CheapValues {
        let q = &self.query.core;
        CheapValues {
            sector: self.sector_sides(candidate),
            amount: factors::amount(q.amount, q.listing_type, candidate.amount, candidate.listing_type),
            modes: factors::modes(q.modes, candidate.modes),
            region: factors::region(admission.regions),
            complementarity: factors::complementarity(admission.types),
            verification: factors::verification(candidate.verified),
            sum: self.cheap_sum(candidate, admission),
        }
    }

    /// Normalized weights of text and freshness.
    pub fn costly_weights(&self) -> (f64, f64) {
        (self.weights.text, self.weights.freshness)
    }

    pub fn text_saturation(&self) -> f64 {
        self.weights.text_saturation
    }

    pub fn costly(&self, candidate: &Core, text: TextView<'_>) -> CostlyValues {
        let w = &self.weights;
        let text_value = factors::text(self.text.similarity(text), w.text_saturation);
        let freshness = factors::freshness(candidate.updated_at, self.now, w.freshness_half_life_days);
        CostlyValues {
            text: text_value,
            freshness,
            sum: w.text * text_value + w.freshness * freshness,
        }
    }

    pub fn total(cheap: &CheapValues, costly: &CostlyValues) -> f64 {
        Self::total_of(cheap.sum, costly)
    }

    pub fn total_of(cheap_sum: f64, costly: &CostlyValues) -> f64 {
        (cheap_sum + costly.sum).clamp(0.0, 1.0)
    }

    /// The full match for an admitted candidate: factors and reasons.
    pub fn explain(&self, candidate: &MatchProfile, admission: Admission) -> Match {
        let cheap = self.cheap(&candidate.core, admission);
        let costly = self.costly(&candidate.core, candidate.text.view());
        let score = Self::total(&cheap, &costly);
        let w = &self.weights;
        let factor = |name: FactorName, value: f64, sides: Option<Sides>| {
            let weight = name.weight(w);
            Factor {
                name,
                weight,
                value,
                contribution: weight * value,
                query_side: sides.map(|s| s.query_side),
                candidate_side: sides.map(|s| s.candidate_side),
            }
        };
        let factors = vec![
            factor(FactorName::Text, costly.text, None),
            factor(FactorName::Sector, cheap.sector.value(), Some(cheap.sector)),
            factor(FactorName::Amount, cheap.amount.unwrap_or(w.amount_unknown), None),
            factor(
                FactorName::Mode,
                cheap.modes.map_or(w.mode_unknown, Sides::value),
                cheap.modes,
            ),
            factor(FactorName::Region, cheap.region.value(), Some(cheap.region)),
            factor(FactorName::Complementarity, cheap.complementarity, None),
            factor(FactorName::Freshness, costly.freshness, None),
            factor(FactorName::Verification, cheap.verification, None),
        ];
        let reasons = explain::reasons(&explain::Pair {
            query: self.query,
            candidate,
            admission,
            cheap: &cheap,
            costly: &costly,
            factors: &factors,
            ctx: &self.ctx,
            now: self.now,
        });
        Match {
            id: candidate.core.id,
            score,
            factors,
            reasons,
        }
    }
}

/// Scores one pair after the hard rules (all but dismissal, which is the
/// caller's set): why a given listing does or does not match.
pub fn score_pair(query: &MatchProfile, candidate: &MatchProfile, ctx: MatchContext<'_>) -> Result<Match, Rejection> {
    let scorer = Scorer::new(query, ctx);
    let admission = scorer.admit(&candidate.core)?;
    Ok(scorer.explain(candidate, admission))
}
