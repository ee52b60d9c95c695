//! The `hulian` binary as an operator uses it: import, export, demo,
//! create-admin, migrate and openapi, on a temporary data directory.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test helpers outside #[test] functions

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use hulian_domain::{ListingType, Record, Region, parse_ndjson};

fn hulian(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hulian"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run hulian")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/dev/corpus.ndjson")
}

fn records(text: &str) -> BTreeSet<String> {
    parse_ndjson(text)
        .into_iter()
        .map(|line| line.result.expect("valid exported line").to_line())
        .collect()
}

#[test]
fn importing_the_dev_corpus_twice_gives_the_same_counts_and_export_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let first = hulian(dir.path(), &["import", corpus().to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("organizations: 118 created, 0 updated, 0 unchanged; listings: 215 created"),
        "{}",
        stdout(&first)
    );
    let second = hulian(dir.path(), &["import", corpus().to_str().unwrap()]);
    assert!(second.status.success());
    assert!(
        stdout(&second).contains(
            "organizations: 0 created, 0 updated, 118 unchanged; listings: 0 created, 0 updated, 215 unchanged"
        ),
        "{}",
        stdout(&second)
    );

    let export = hulian(dir.path(), &["export"]);
    assert!(export.status.success());
    let original = std::fs::read_to_string(corpus()).unwrap();
    assert_eq!(records(&stdout(&export)), records(&original));
}

#[test]
fn a_file_with_bad_lines_names_each_one_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.ndjson");
    std::fs::write(
        &file,
        concat!(
            r#"{"kind":"organization","external_id":"ok-org","name":"大连测试装备有限公司","org_type":"enterprise","region":"dalian","sectors":["equipment"],"description":"测试"}"#, "\n",
            r#"{"kind":"organization","external_id":"bad-org","name":"x","org_type":"bank","region":"dalian","sectors":["equipment"],"description":"测试"}"#, "\n",
            "{not json\n",
            "\n",
            r#"{"kind":"listing","external_id":"l-1","organization":"missing-org","listing_type":"project","title":"t","description":"d","sectors":["equipment"],"region":"dalian"}"#, "\n",
            r#"{"kind":"listing","external_id":"l-2","organization":"ok-org","listing_type":"project","title":"t","description":"d","sectors":["equipment"],"region":"dalian","colour":"red"}"#, "\n",
            r#"{"kind":"listing","external_id":"l-3","organization":"ok-org","listing_type":"need","title":"数控机床采购","description":"需要五轴","sectors":["equipment"],"region":"dalian"}"#, "\n",
        ),
    )
    .unwrap();
    let output = hulian(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(!output.status.success());
    let err = stderr(&output);
    for expected in [
        "line 2: org_type: `bank` is not one of",
        "line 3: json: not valid JSON",
        "line 5: organization: no organization `missing-org`",
        "line 6: colour: is not a field of this record",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(stdout(&output).contains("nothing written"));
    assert_eq!(stdout(&hulian(dir.path(), &["export"])), "", "nothing may be written");

    let skipping = hulian(dir.path(), &["import", "--skip-invalid", file.to_str().unwrap()]);
    assert!(!skipping.status.success(), "invalid lines still fail the command");
    assert!(
        stdout(&skipping).contains("organizations: 1 created"),
        "{}",
        stdout(&skipping)
    );
    assert!(
        stdout(&skipping).contains("listings: 1 created"),
        "{}",
        stdout(&skipping)
    );
    let exported = records(&stdout(&hulian(dir.path(), &["export"])));
    assert_eq!(exported.len(), 2);
}

#[test]
fn demo_loads_a_dataset_covering_every_region_and_type_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = hulian(dir.path(), &["demo"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("320 organizations and 1200 listings created"),
        "{}",
        stdout(&first)
    );
    let again = hulian(dir.path(), &["demo"]);
    assert!(
        stdout(&again).contains("0 organizations and 0 listings created"),
        "{}",
        stdout(&again)
    );
    let export = stdout(&hulian(dir.path(), &["export"]));
    let parsed: Vec<Record> = parse_ndjson(&export).into_iter().map(|l| l.result.unwrap()).collect();
    let mut regions = BTreeSet::new();
    let mut types = BTreeSet::new();
    let mut sectors = BTreeSet::new();
    for record in &parsed {
        match record {
            Record::Organization(o) => {
                regions.insert(o.region);
            }
            Record::Listing(l) => {
                regions.insert(l.region);
                types.insert(l.listing_type);
                sectors.extend(
                    l.sectors
                        .iter()
                        .map(|s| hulian_domain::taxonomy::top_level(s).to_owned()),
                );
            }
        }
    }
    assert_eq!(regions.len(), Region::ALL.len());
    assert_eq!(types.len(), ListingType::ALL.len());
    assert_eq!(sectors.len(), hulian_domain::SECTORS.len());
}

#[test]
fn migrate_create_admin_and_openapi() {
    let dir = tempfile::tempdir().unwrap();
    assert!(hulian(dir.path(), &["migrate"]).status.success());
    assert!(
        hulian(dir.path(), &["migrate"]).status.success(),
        "migrating twice is harmless"
    );
    let admin = hulian(
        dir.path(),
        &[
            "create-admin",
            "--email",
            "Ops@Example.com",
            "--password",
            "a-long-password",
        ],
    );
    assert!(admin.status.success(), "{}", stderr(&admin));
    assert!(stdout(&admin).contains("admin ops@example.com"));
    let weak = hulian(
        dir.path(),
        &["create-admin", "--email", "x@example.com", "--password", "short"],
    );
    assert!(!weak.status.success());
    assert!(stderr(&weak).contains("password"), "{}", stderr(&weak));
    let openapi = hulian(dir.path(), &["openapi"]);
    let document: serde_json::Value = serde_json::from_slice(&openapi.stdout).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
}
