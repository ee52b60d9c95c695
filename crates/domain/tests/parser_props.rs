//! Property tests for the exchange-format parser: it never panics, and what it
//! accepts it writes back to an equal record.

use hulian_domain::{Record, parse_ndjson, parse_record};
use proptest::prelude::*;
use serde_json::json;

fn sector() -> impl Strategy<Value = String> {
    prop::sample::select(hulian_domain::taxonomy::all_slugs())
}

fn listing_json() -> impl Strategy<Value = serde_json::Value> {
    (
        "[a-z0-9-]{1,20}",
        "\\PC{1,60}",
        prop::collection::vec(sector(), 1..4),
        prop::option::of(0i64..1_000_000_000),
        prop::option::of(0i64..1_000_000_000),
        prop::collection::vec("[a-z冷链储能 ]{1,10}", 0..5),
    )
        .prop_map(|(id, title, mut sectors, a, b, mut tags)| {
            sectors.sort();
            sectors.dedup();
            tags.retain(|t| !t.trim().is_empty());
            let trimmed: Vec<String> = tags.iter().map(|t| t.trim().to_owned()).collect();
            let mut unique: Vec<String> = Vec::new();
            for t in trimmed {
                if !unique.contains(&t) {
                    unique.push(t);
                }
            }
            let (min, max) = match (a, b) {
                (Some(x), Some(y)) => (Some(x.min(y)), Some(x.max(y))),
                other => other,
            };
            let mut value = json!({
                "kind": "listing", "external_id": id, "organization": "org-1",
                "listing_type": "need", "title": if title.trim().is_empty() { "x".to_owned() } else { title },
                "description": "描述", "sectors": sectors, "region": "shanghai", "tags": unique,
            });
            if let Some(m) = min {
                value["amount_cny_min"] = json!(m);
            }
            if let Some(m) = max {
                value["amount_cny_max"] = json!(m);
            }
            value
        })
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = parse_ndjson(&text);
    }

    #[test]
    fn arbitrary_json_objects_never_panic(key in "[a-z_]{1,15}", value in "\\PC{0,30}", n in any::<i64>()) {
        let line = json!({"kind": "listing", key.clone(): value, "amount_cny_min": n}).to_string();
        let _ = parse_record(&line);
    }

    #[test]
    fn accepted_records_round_trip(value in listing_json()) {
        let line = value.to_string();
        let record = parse_record(&line);
        prop_assert!(record.is_ok(), "{:?} for {}", record, line);
        let record = record.unwrap_or_else(|_| unreachable!());
        let again: Record = parse_record(&record.to_line()).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(record, again);
    }
}
