//! Prints the dev-set evaluation (engine vs BM25 baseline).
//!
//! `cargo run -p hulian-matching --example eval -- [weights.json]`: the optional
//! file holds a partial `Weights` object; missing fields keep their defaults.
//! Set `EVAL_DETAIL=1` to list each query's top 10 with grades.

use std::path::PathBuf;

use chrono::NaiveDate;
use hulian_domain::Counterparts;
use hulian_matching::eval::{DevSet, evaluate, parse_labels};
use hulian_matching::{MatchConfig, Weights};

fn main() -> Result<(), String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/dev");
    let corpus = std::fs::read_to_string(dir.join("corpus.ndjson")).map_err(|e| format!("corpus: {e}"))?;
    let labels = parse_labels(&std::fs::read_to_string(dir.join("matching.jsonl")).map_err(|e| e.to_string())?)?;
    let weights: Weights = match std::env::args().nth(1) {
        Some(path) => {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => Weights::default(),
    };
    weights.validate()?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
    let dev = DevSet::from_ndjson(&corpus, today)?;
    let config = MatchConfig::new(weights, Counterparts::default());
    let report = evaluate(&dev, &labels, &config, today);
    println!("{report}");
    if std::env::var("EVAL_DETAIL").is_ok() {
        for label in &labels {
            println!(
                "\n{} {}",
                label.query,
                dev.id_of(&label.query)
                    .and_then(|id| dev.listing(id))
                    .map_or("", |l| l.title.as_str())
            );
            let ranking = dev.engine_ranking(&label.query, &config, today, 10);
            for (rank, id) in ranking.iter().enumerate() {
                let grade = label.relevant.get(id).copied().unwrap_or(0);
                let title = dev
                    .id_of(id)
                    .and_then(|i| dev.listing(i))
                    .map_or("", |l| l.title.as_str());
                println!("  {:>2}. [{grade}] {id} {title}", rank + 1);
            }
            let missing: Vec<&String> = label.relevant.keys().filter(|k| !ranking.contains(k)).collect();
            if !missing.is_empty() {
                println!("  missing from top 10: {missing:?}");
            }
        }
    }
    if let Ok(query) = std::env::var("EVAL_EXPLAIN") {
        let id = dev.id_of(&query).ok_or("unknown query")?;
        let ctx = hulian_matching::MatchContext::new(today, &config).with_terms(dev.stats());
        let matches = dev
            .index()
            .top_matches(id, ctx, 5, &Default::default())
            .unwrap_or_default();
        for m in matches {
            let title = dev.listing(m.id).map_or("", |l| l.title.as_str());
            println!("\n{title} score {:.3}", m.score);
            for f in &m.factors {
                println!(
                    "  {:<16} w {:.3} v {:.3} c {:.3} sides {:?}/{:?}",
                    f.name.as_str(),
                    f.weight,
                    f.value,
                    f.contribution,
                    f.query_side,
                    f.candidate_side
                );
            }
            for r in &m.reasons {
                println!("  - {} | {}", r.zh, r.en);
            }
        }
    }
    Ok(())
}
