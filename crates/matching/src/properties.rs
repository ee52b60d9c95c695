//! Property tests over random corpora: scores stay in [0, 1], the symmetric
//! parts are symmetric, the index's pruned search returns exactly what scoring
//! every pair would, and rankings do not depend on insertion order.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use hulian_domain::{Counterparts, ListingStatus, ListingType, Mode, Region};
use proptest::prelude::*;

use crate::config::{MatchConfig, MatchContext, Weights};
use crate::index::MatchIndex;
use crate::rules::region_fit;
use crate::score::{FactorName, Match, score_pair};
use crate::testing::{Corpus, Spec, midnight, today};

const SECTORS: &[&str] = &[
    "equipment",
    "equipment.shipbuilding",
    "equipment.machine_tools",
    "robotics",
    "new_energy",
    "new_energy.energy_storage",
    "new_materials",
    "petrochemical",
    "port_logistics.cold_chain",
    "agriculture",
    "tourism",
    "biomedicine",
    "health",
];

const WORDS: &[&str] = &[
    "液流电池",
    "储能",
    "船舶",
    "殷瓦钢",
    "冷链",
    "物流",
    "数控系统",
    "电主轴",
    "邮轮",
    "母港",
    "多肽",
    "基金",
    "厂房",
    "POE",
    "LNG",
    "cold chain",
    "flow battery",
    "spindle",
    "项目",
    "合作",
];

const REGIONS: &[Region] = &[
    Region::Shanghai,
    Region::Shanghai,
    Region::Dalian,
    Region::Dalian,
    Region::Yingkou,
    Region::Other,
];

fn spec_strategy() -> impl Strategy<Value = Spec> {
    (
        (
            0..ListingType::ALL.len(),
            0..REGIONS.len(),
            prop::option::of(prop::collection::vec(0..REGIONS.len(), 1..3)),
        ),
        (
            prop::collection::vec(0..SECTORS.len(), 1..3),
            prop::collection::vec(any::<bool>(), Mode::ALL.len()),
        ),
        (
            prop::option::of((0u32..6, 0u32..6)),
            0u8..10,
            prop::option::of(-3i64..3),
        ),
        (
            prop::collection::vec(0..WORDS.len(), 1..5),
            0i64..6,
            any::<bool>(),
            0i64..400,
        ),
    )
        .prop_map(
            |((t, r, targets), (sectors, modes), (amount, status, deadline), (words, org, verified, age))| {
                let sectors: Vec<&str> = sectors.iter().map(|&i| SECTORS[i]).collect();
                let title: Vec<&str> = words.iter().map(|&i| WORDS[i]).collect();
                let mut spec = Spec::new(0, ListingType::ALL[t], REGIONS[r], &sectors, &title.join(""))
                    .org(org)
                    .verified(verified)
                    .updated(midnight(today()) - age * 86_400)
                    .modes(
                        &Mode::ALL
                            .iter()
                            .zip(&modes)
                            .filter(|(_, on)| **on)
                            .map(|(m, _)| *m)
                            .collect::<Vec<_>>(),
                    );
                if let Some(targets) = targets {
                    spec = spec.targets(&targets.iter().map(|&i| REGIONS[i]).collect::<Vec<_>>());
                }
                if let Some((a, b)) = amount {
                    let yuan = |x: u32| 10_000_000i64 * 3i64.pow(x);
                    spec = spec.amount(yuan(a.min(b)), yuan(a.max(b)));
                }
                spec = spec.status(match status {
                    0 => ListingStatus::Draft,
                    1 => ListingStatus::Closed,
                    _ => ListingStatus::Published,
                });
                if let Some(days) = deadline {
                    spec = spec.deadline(today() + Duration::days(days));
                }
                spec
            },
        )
}

fn corpus_strategy() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec(spec_strategy(), 2..40).prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, mut spec)| {
                spec.id = i as i64 + 1;
                spec.record.external_id = format!("lst-{}", i + 1);
                spec
            })
            .collect()
    })
}

/// Every admissible pair scored, best first, ties by id: what the index must return.
fn brute_force(
    corpus: &Corpus,
    query: i64,
    ctx: MatchContext<'_>,
    excluded: &HashSet<i64>,
    limit: usize,
) -> Vec<Match> {
    let q = corpus.profile(query);
    let mut all: Vec<Match> = corpus
        .profiles
        .iter()
        .filter(|c| !excluded.contains(&c.id()))
        .filter_map(|c| score_pair(q, c, ctx).ok())
        .collect();
    all.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    all.truncate(limit);
    all
}

fn symmetric_config() -> MatchConfig {
    let weights = Weights {
        freshness: 0.0,
        verification: 0.0,
        ..Weights::default()
    };
    MatchConfig::new(weights, Counterparts::default())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn scores_and_factors_stay_in_the_unit_interval(specs in corpus_strategy()) {
        let corpus = Corpus::new(&specs);
        for q in &corpus.profiles {
            for c in &corpus.profiles {
                if let Ok(m) = score_pair(q, c, corpus.ctx()) {
                    prop_assert!((0.0..=1.0).contains(&m.score), "{}", m.score);
                    let sum: f64 = m.factors.iter().map(|f| f.contribution).sum();
                    prop_assert!((sum - m.score).abs() < 1e-9);
                    for f in &m.factors {
                        prop_assert!((0.0..=1.0).contains(&f.value), "{:?}", f);
                        prop_assert!(f.query_side.is_none_or(|v| (0.0..=1.0).contains(&v)));
                    }
                    prop_assert!(!m.reasons.is_empty());
                }
            }
        }
    }

    #[test]
    fn admissibility_and_the_score_are_symmetric(specs in corpus_strategy()) {
        let mut corpus = Corpus::new(&specs);
        corpus.config = symmetric_config();
        let ctx = MatchContext::new(today(), &corpus.config);
        for a in &corpus.profiles {
            for b in &corpus.profiles {
                let both_public = a.is_public(today()) && b.is_public(today());
                let ab = score_pair(a, b, ctx);
                let ba = score_pair(b, a, ctx);
                if both_public {
                    prop_assert_eq!(ab.is_ok(), ba.is_ok());
                }
                if let (Ok(x), Ok(y)) = (ab, ba) {
                    prop_assert!((x.score - y.score).abs() < 1e-12, "{} vs {}", x.score, y.score);
                    let candidate_only = [FactorName::Freshness, FactorName::Verification];
                    for (fx, fy) in x.factors.iter().zip(&y.factors).filter(|(f, _)| !candidate_only.contains(&f.name)) {
                        prop_assert_eq!(fx.query_side, fy.candidate_side);
                        prop_assert!((fx.value - fy.value).abs() < 1e-12, "{:?} {:?}", fx, fy);
                    }
                }
            }
        }
    }

    #[test]
    fn the_index_returns_exactly_the_best_admissible_candidates(
        specs in corpus_strategy(),
        limit in 1usize..8,
        dismissed in prop::collection::hash_set(1i64..40, 0..4),
    ) {
        let corpus = Corpus::new(&specs);
        let index = corpus.index();
        for q in &corpus.profiles {
            let found = index.top_matches(q.id(), corpus.ctx(), limit, &dismissed).unwrap_or_default();
            let expected = brute_force(&corpus, q.id(), corpus.ctx(), &dismissed, limit);
            prop_assert_eq!(&found, &expected);
            for m in &found {
                prop_assert!(!dismissed.contains(&m.id));
                let c = corpus.profile(m.id);
                prop_assert!(c.is_public(today()));
                prop_assert!(c.org_id() != q.org_id());
                prop_assert!(region_fit(&corpus.config, (q.region(), q.explicit_targets()), (c.region(), c.explicit_targets())).is_some());
            }
        }
    }

    #[test]
    fn rankings_do_not_depend_on_insertion_order(specs in corpus_strategy()) {
        let corpus = Corpus::new(&specs);
        let forward = corpus.index();
        let mut backward = MatchIndex::new();
        for profile in corpus.profiles.iter().rev() {
            backward.upsert(profile.clone());
        }
        // churn: remove and re-add half of them
        for profile in corpus.profiles.iter().step_by(2) {
            backward.remove(profile.id());
        }
        for profile in corpus.profiles.iter().step_by(2) {
            backward.upsert(profile.clone());
        }
        for q in &corpus.profiles {
            let a = forward.top_matches(q.id(), corpus.ctx(), 10, &HashSet::new());
            let b = backward.top_matches(q.id(), corpus.ctx(), 10, &HashSet::new());
            prop_assert_eq!(a.clone(), b);
            prop_assert_eq!(a, forward.top_matches(q.id(), corpus.ctx(), 10, &HashSet::new()));
        }
    }

    #[test]
    fn expiry_is_evaluated_on_the_day_asked(specs in corpus_strategy(), shift in -5i64..5) {
        let corpus = Corpus::new(&specs);
        let index = corpus.index();
        let day: NaiveDate = today() + Duration::days(shift);
        let ctx = MatchContext::new(day, &corpus.config);
        for q in &corpus.profiles {
            for m in index.top_matches(q.id(), ctx, 20, &HashSet::new()).unwrap_or_default() {
                prop_assert!(corpus.profile(m.id).is_public(day));
            }
        }
    }
}
