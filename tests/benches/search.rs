//! Search at a million listings, in one run: a real SQLite database filled
//! with `hulian-demo` listings, the full rebuild of the index from it (what
//! `hulian reindex` does), the engine's query mix, the same mix over HTTP
//! through the real router on a listening socket, queries per second on two
//! threads, the same queries in SQLite FTS5 over jieba-segmented text, and
//! how long a write takes to become searchable through the change-log
//! follower. Prints a markdown table.
//!
//! `cargo bench -p hulian-tests --bench search` (add `-- --fresh` to
//! regenerate the database). Environment: `HULIAN_BENCH_LISTINGS` (default
//! 1,000,000), `HULIAN_BENCH_DIR` (default `target/hulian-bench-search`);
//! for profiling, `HULIAN_BENCH_ONLY` (searches whose text contains it),
//! `HULIAN_BENCH_ROUNDS` (rounds of the engine mix, default 20) and
//! `HULIAN_BENCH_ONE_THREAD` (no two-thread searches, and with
//! `--engine-only` no queries per second).
//!
//! The database and its FTS5 table are kept between runs (they take minutes
//! to make and are not what is measured); the search index is always rebuilt.
//! Under `cargo test` (no `--bench` argument) this does nothing.

/// The allocator of the `hulian` binary, so the rebuild and searches measure what it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::error::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use hulian_demo::DemoConfig;
use hulian_domain::{ListingType, Record, Region};
use hulian_search::{ListingFilters, SearchRequest, SortOrder, analysis};
use hulian_service::App;
use hulian_service::Config;
use hulian_service::exchange::ImportOptions;
use hulian_service::search::SearchQuery;
use hulian_store::entities::{change_log, listing, organization};
use hulian_store::{ConnectionTrait, TransactionTrait};
use sea_orm::{DbBackend, EntityTrait, QueryResult, Set, Statement};

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// Rounds of the engine and HTTP mixes (every probe once per round).
const ROUNDS: usize = 20;
/// Rounds of the FTS5 mix (it is slow).
const FTS_ROUNDS: usize = 3;
/// No further FTS5 round starts after this long.
const FTS_SECONDS: u64 = 300;
const QPS_SECONDS: u64 = 10;
const WRITES: usize = 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|a| a == "--bench") {
        eprintln!("search benchmark: run it with `cargo bench -p hulian-tests --bench search`");
        return ExitCode::SUCCESS;
    }
    let flags = Flags {
        fresh: args.iter().any(|a| a == "--fresh"),
        reuse_index: args.iter().any(|a| a == "--reuse-index"),
        engine_only: args.iter().any(|a| a == "--engine-only"),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("tokio: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(flags)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("search benchmark failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Command-line switches (after `--`).
#[derive(Debug, Clone, Copy)]
struct Flags {
    /// Regenerate the database.
    fresh: bool,
    /// Keep the index of the previous run when there is one (skips the rebuild figures).
    reuse_index: bool,
    /// Stop after the engine mix and its queries per second, printing each search's median (for profiling).
    engine_only: bool,
}

// ---------------------------------------------------------------------------
// The query mix

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Text,
    Filtered,
    Newest,
    Browse,
}

impl Class {
    const ALL: [Class; 4] = [Class::Text, Class::Filtered, Class::Newest, Class::Browse];

    fn label(self) -> &'static str {
        match self {
            Class::Text => "text, by relevance",
            Class::Filtered => "text + region + 2 types",
            Class::Newest => "text, newest first",
            Class::Browse => "empty query (browse)",
        }
    }
}

/// One search of the mix, in a form every side (engine, HTTP, SQL) can read.
#[derive(Debug, Clone)]
struct Probe {
    class: Class,
    q: String,
    regions: Vec<Region>,
    types: Vec<ListingType>,
    sectors: Vec<String>,
    amount_min: Option<i64>,
    newest: bool,
}

impl Probe {
    fn new(class: Class, q: &str) -> Self {
        Probe {
            class,
            q: q.to_owned(),
            regions: Vec::new(),
            types: Vec::new(),
            sectors: Vec::new(),
            amount_min: None,
            newest: false,
        }
    }

    fn request(&self, today: NaiveDate) -> SearchRequest {
        let mut request = SearchRequest::new(self.q.clone(), today);
        request.filters = ListingFilters {
            regions: self.regions.clone(),
            listing_types: self.types.clone(),
            sectors: self.sectors.clone(),
            amount_min: self.amount_min,
            ..ListingFilters::default()
        };
        if self.newest {
            request.sort = SortOrder::Newest;
        }
        request
    }

    fn service_query(&self) -> SearchQuery {
        let join = |items: Vec<&str>| (!items.is_empty()).then(|| items.join(","));
        SearchQuery {
            q: Some(self.q.clone()),
            listing_type: join(self.types.iter().map(|t| t.as_str()).collect()),
            sector: join(self.sectors.iter().map(String::as_str).collect()),
            region: join(self.regions.iter().map(|r| r.as_str()).collect()),
            amount_min: self.amount_min,
            sort: self.newest.then(|| "newest".to_owned()),
            ..SearchQuery::default()
        }
    }

    fn path(&self) -> String {
        let mut path = format!("/api/v1/search?q={}", encode(&self.q));
        let join = |items: Vec<&str>| items.join(",");
        if !self.regions.is_empty() {
            path.push_str(&format!(
                "&region={}",
                join(self.regions.iter().map(|r| r.as_str()).collect())
            ));
        }
        if !self.types.is_empty() {
            path.push_str(&format!(
                "&listing_type={}",
                join(self.types.iter().map(|t| t.as_str()).collect())
            ));
        }
        if !self.sectors.is_empty() {
            path.push_str(&format!(
                "&sector={}",
                join(self.sectors.iter().map(String::as_str).collect())
            ));
        }
        if let Some(min) = self.amount_min {
            path.push_str(&format!("&amount_min={min}"));
        }
        if self.newest {
            path.push_str("&sort=newest");
        }
        path
    }
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The dev queries three ways each (as typed, filtered, newest first) and four browses.
fn probes(dev_queries: &[String]) -> Vec<Probe> {
    let mut out = Vec::new();
    for q in dev_queries {
        out.push(Probe::new(Class::Text, q));
        let mut filtered = Probe::new(Class::Filtered, q);
        filtered.regions = vec![Region::Dalian];
        filtered.types = vec![ListingType::Project, ListingType::Need];
        out.push(filtered);
        let mut newest = Probe::new(Class::Newest, q);
        newest.newest = true;
        out.push(newest);
    }
    out.push(Probe::new(Class::Browse, ""));
    let mut by_region = Probe::new(Class::Browse, "");
    by_region.regions = vec![Region::Dalian];
    out.push(by_region);
    let mut by_sector = Probe::new(Class::Browse, "");
    by_sector.sectors = vec!["new_energy".to_owned()];
    by_sector.amount_min = Some(100_000_000);
    out.push(by_sector);
    let mut by_type = Probe::new(Class::Browse, "");
    by_type.types = vec![ListingType::FundMandate];
    out.push(by_type);
    out
}

fn dev_queries() -> Result<Vec<String>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/dev/search.jsonl");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["q"].as_str().map(str::to_owned))
        .collect())
}

/// A fixed shuffle of `0..n` for round `round`, so classes interleave.
fn order(n: usize, round: usize) -> Vec<usize> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ (round as u64).wrapping_mul(0x2545_f491_4f6c_dd1d);
    let mut out: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.swap(i, (state % (i as u64 + 1)) as usize);
    }
    out
}

/// Calls per second of two threads over `QPS_SECONDS`, each calling `call`
/// on the searches of the mix in its own shuffled orders (`seed` apart from
/// the latency rounds); `setup` makes a thread's state (its client).
fn per_second<S>(
    n: usize,
    seed: usize,
    setup: impl Fn() -> Option<S> + Sync,
    call: impl Fn(&mut S, usize) -> bool + Sync,
) -> f64 {
    let stop = AtomicBool::new(false);
    let done = AtomicU64::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..2 {
            let (stop, done, setup, call) = (&stop, &done, &setup, &call);
            scope.spawn(move || {
                let Some(mut state) = setup() else { return };
                let mut round = thread;
                while !stop.load(Ordering::Relaxed) {
                    for i in order(n, round + seed) {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        if call(&mut state, i) {
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    round += 2;
                }
            });
        }
        std::thread::sleep(Duration::from_secs(QPS_SECONDS));
        stop.store(true, Ordering::Relaxed);
    });
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

// ---------------------------------------------------------------------------
// Latency samples

#[derive(Debug, Default, Clone)]
struct Samples {
    by_class: Vec<(Class, f64)>,
}

impl Samples {
    fn push(&mut self, class: Class, ms: f64) {
        self.by_class.push((class, ms));
    }

    fn of(&self, class: Option<Class>) -> Vec<f64> {
        let mut out: Vec<f64> = self
            .by_class
            .iter()
            .filter(|(c, _)| class.is_none_or(|wanted| wanted == *c))
            .map(|(_, ms)| *ms)
            .collect();
        out.sort_by(f64::total_cmp);
        out
    }

    fn p(&self, class: Option<Class>, p: f64) -> f64 {
        percentile(&self.of(class), p)
    }

    /// "p50 / p99".
    fn summary(&self, class: Option<Class>) -> String {
        format!("{} / {}", ms(self.p(class, 0.5)), ms(self.p(class, 0.99)))
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

// ---------------------------------------------------------------------------
// Process figures

fn proc_status(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse::<u64>().ok()))
        })
        .unwrap_or(0)
        * 1024
}

/// Resets the peak RSS (VmHWM) so the next phase is measured alone.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else { return 0 };
    entries
        .filter_map(|e| e.ok())
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn gb(bytes: u64) -> String {
    format!("{:.2} GB", bytes as f64 / 1e9)
}

// ---------------------------------------------------------------------------
// The database

fn bench_dir(listings: usize) -> PathBuf {
    let base = std::env::var_os("HULIAN_BENCH_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/hulian-bench-search"),
        PathBuf::from,
    );
    base.join(listings.to_string())
}

fn config(dir: &Path) -> Config {
    let defaults = Config::default();
    Config {
        data_dir: dir.to_path_buf(),
        index_writer_bytes: std::env::var("HULIAN_BENCH_WRITER_BYTES")
            .ok()
            .and_then(|v| v.replace('_', "").parse().ok())
            .unwrap_or(defaults.index_writer_bytes),
        ..defaults
    }
}

/// Fills a new database with the demo dataset, in bulk (multi-row inserts,
/// one transaction per 50,000 rows) with the change-log rows the ordinary
/// write path would have added.
async fn fill_database(dir: &Path, demo: &DemoConfig) -> Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let app = App::open(config(dir)).await?;
    let conn = app.store.conn();
    let base = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).single().ok_or("date")?;
    let started = Instant::now();
    let mut changes: Vec<change_log::ActiveModel> = Vec::new();
    let mut orgs = Vec::new();
    let mut org_ids = std::collections::HashMap::new();
    for (i, record) in hulian_demo::organizations(demo).enumerate() {
        let id = i as i64 + 1;
        let at = base + chrono::Duration::seconds(id);
        let mut active = organization::ActiveModel {
            id: Set(id),
            verified: Set(i % 3 == 0),
            verified_at: Set((i % 3 == 0).then_some(at)),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        hulian_store::convert::apply_organization(&mut active, &record);
        org_ids.insert(record.external_id.clone(), id);
        changes.push(change("organization", id, &record.external_id, at));
        orgs.push(active);
    }
    let txn = conn.begin().await?;
    for chunk in orgs.chunks(500) {
        organization::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    txn.commit().await?;
    let mut batch = Vec::new();
    // Listings were created over the two years before the benchmark's "today".
    let spacing = (2 * 365 * 86_400) / demo.listings.max(1) as i64;
    for (i, record) in hulian_demo::listings(demo).enumerate() {
        let id = i as i64 + 1;
        let at = base + chrono::Duration::seconds(id * spacing.max(1));
        let organization_id = *org_ids
            .get(&record.organization)
            .ok_or("listing without organization")?;
        let mut active = listing::ActiveModel {
            id: Set(id),
            organization_id: Set(organization_id),
            published_at: Set((record.status == hulian_domain::ListingStatus::Published).then_some(at)),
            created_at: Set(at),
            updated_at: Set(at),
            ..Default::default()
        };
        hulian_store::convert::apply_listing(&mut active, &record);
        changes.push(change("listing", id, &record.external_id, at));
        batch.push(active);
        if batch.len() == 50_000 {
            insert_listings(conn, std::mem::take(&mut batch), std::mem::take(&mut changes)).await?;
            if id % 200_000 == 0 {
                eprintln!("  database: {id} listings in {:.0?}", started.elapsed());
            }
        }
    }
    insert_listings(conn, batch, changes).await?;
    eprintln!("  database filled in {:.1?}", started.elapsed());
    Ok(())
}

fn change(entity: &str, id: i64, external_id: &str, at: DateTime<Utc>) -> change_log::ActiveModel {
    change_log::ActiveModel {
        entity: Set(entity.to_owned()),
        entity_id: Set(id),
        external_id: Set(external_id.to_owned()),
        op: Set("upsert".to_owned()),
        created_at: Set(at),
        ..Default::default()
    }
}

async fn insert_listings(
    conn: &sea_orm::DatabaseConnection,
    rows: Vec<listing::ActiveModel>,
    changes: Vec<change_log::ActiveModel>,
) -> Result<()> {
    let txn = conn.begin().await?;
    for chunk in rows.chunks(1000) {
        listing::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    for chunk in changes.chunks(3000) {
        change_log::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    txn.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------
// SQLite FTS5

fn stmt(sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)
}

/// The jieba analyzer of the Chinese fields, as a function from text to tokens.
fn zh_terms() -> impl FnMut(&str) -> Vec<String> {
    let mut analyzer = analysis::zh_analyzer();
    move |text| analysis::terms(&mut analyzer, text)
}

/// Builds `listings_fts` (title, title_en, description, description_en,
/// tags, org_name, org_name_en; Chinese columns jieba-segmented, English ones
/// as written; tokenizer `porter unicode61`). Returns seconds and rows.
async fn build_fts(conn: &sea_orm::DatabaseConnection) -> Result<(f64, u64)> {
    let started = Instant::now();
    conn.execute_unprepared("DROP TABLE IF EXISTS listings_fts").await?;
    conn.execute_unprepared(
        "CREATE VIRTUAL TABLE listings_fts USING fts5(title, title_en, description, description_en, tags, \
         org_name, org_name_en, tokenize = 'porter unicode61')",
    )
    .await?;
    let mut after = 0i64;
    let mut rows_done = 0u64;
    loop {
        let rows = conn
            .query_all_raw(stmt(
                "SELECT l.id, l.title, l.title_en, l.description, l.description_en, l.tags, o.name, o.name_en \
                 FROM listings l JOIN organizations o ON o.id = l.organization_id WHERE l.id > ? ORDER BY l.id LIMIT 10000",
                vec![after.into()],
            ))
            .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get_by_index::<i64>(0)?;
        let texts: Vec<[String; 8]> = rows
            .iter()
            .map(|r| -> Result<[String; 8]> {
                let text = |i| r.try_get_by_index::<Option<String>>(i).map(Option::unwrap_or_default);
                Ok([
                    r.try_get_by_index::<i64>(0)?.to_string(),
                    text(1)?,
                    text(2)?,
                    text(3)?,
                    text(4)?,
                    text(5)?,
                    text(6)?,
                    text(7)?,
                ])
            })
            .collect::<Result<_>>()?;
        // Segment on both cores.
        let segmented_rows = tokio::task::spawn_blocking(move || {
            let half = texts.len().div_ceil(2);
            std::thread::scope(|scope| {
                let handles: Vec<_> = texts
                    .chunks(half.max(1))
                    .map(|chunk| {
                        scope.spawn(move || {
                            // Chinese as a SQLite user would store it for FTS5: the
                            // same jieba analyzer's tokens, joined by spaces.
                            let mut terms = zh_terms();
                            let mut segmented = |text: &str| terms(text).join(" ");
                            chunk
                                .iter()
                                .map(
                                    |[id, title, title_en, description, description_en, tags, name, name_en]| {
                                        let tags: Vec<String> = serde_json::from_str(tags).unwrap_or_default();
                                        [
                                            id.clone(),
                                            segmented(title),
                                            title_en.clone(),
                                            segmented(description),
                                            description_en.clone(),
                                            segmented(&tags.join(" ")),
                                            segmented(name),
                                            name_en.clone(),
                                        ]
                                    },
                                )
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_default())
                    .collect::<Vec<_>>()
            })
        })
        .await?;
        let txn = conn.begin().await?;
        for chunk in segmented_rows.chunks(500) {
            let mut sql = String::from(
                "INSERT INTO listings_fts (rowid, title, title_en, description, description_en, tags, org_name, \
                 org_name_en) VALUES ",
            );
            let mut values: Vec<sea_orm::Value> = Vec::with_capacity(chunk.len() * 8);
            for (i, row) in chunk.iter().enumerate() {
                sql.push_str(if i == 0 {
                    "(?,?,?,?,?,?,?,?)"
                } else {
                    ",(?,?,?,?,?,?,?,?)"
                });
                values.push(row[0].parse::<i64>()?.into());
                values.extend(row[1..].iter().map(|t| sea_orm::Value::from(t.clone())));
            }
            txn.execute_raw(stmt(&sql, values)).await?;
        }
        txn.commit().await?;
        rows_done += rows.len() as u64;
        if rows_done.is_multiple_of(200_000) {
            eprintln!("  fts5: {rows_done} rows in {:.0?}", started.elapsed());
        }
    }
    conn.execute_unprepared("INSERT INTO listings_fts(listings_fts) VALUES ('optimize')")
        .await?;
    Ok((started.elapsed().as_secs_f64(), rows_done))
}

/// The FTS5 side of one probe: the MATCH expression (every query token,
/// ANDed, each quoted), the filters and visibility in SQL.
struct FtsQuery {
    top: Statement,
    facets: Statement,
}

fn fts_query(probe: &Probe, today: NaiveDate) -> FtsQuery {
    // The query cut the way a SQLite user would: jieba words (and lowercased
    // Latin words), every one required.
    let mut tokens: Vec<String> = Vec::new();
    for word in hulian_search::query::words_of(&probe.q) {
        if !tokens.contains(&word.text) {
            tokens.push(word.text);
        }
    }
    let matching = tokens
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ");
    let mut conditions = vec![
        "l.status = 'published'".to_owned(),
        "(l.deadline IS NULL OR l.deadline >= ?)".to_owned(),
    ];
    let mut values: Vec<sea_orm::Value> = vec![today.format("%Y-%m-%d").to_string().into()];
    let quoted = |items: Vec<&str>| items.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(",");
    if !probe.regions.is_empty() {
        conditions.push(format!(
            "l.region IN ({})",
            quoted(probe.regions.iter().map(|r| r.as_str()).collect())
        ));
    }
    if !probe.types.is_empty() {
        conditions.push(format!(
            "l.listing_type IN ({})",
            quoted(probe.types.iter().map(|t| t.as_str()).collect())
        ));
    }
    if !probe.sectors.is_empty() {
        // A top-level sector also matches its sub-sectors (slug prefix `new_energy.`).
        let clauses: Vec<String> = probe
            .sectors
            .iter()
            .map(|s| format!("(j.value = '{s}' OR j.value LIKE '{s}.%')"))
            .collect();
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM json_each(l.sectors) j WHERE {})",
            clauses.join(" OR ")
        ));
    }
    if let Some(min) = probe.amount_min {
        conditions.push(format!("l.amount_cny_max >= {min}"));
    }
    let text = !tokens.is_empty();
    let (from, rank) = if text {
        conditions.insert(0, "listings_fts MATCH ?".to_owned());
        values.insert(0, matching.into());
        (
            // CROSS JOIN keeps the full-text match as the outer loop (SQLite
            // would otherwise scan listings and run the MATCH per row).
            "listings_fts CROSS JOIN listings l ON l.id = listings_fts.rowid",
            "bm25(listings_fts, 3.0, 3.0, 1.0, 1.0, 2.0, 1.2, 1.2)",
        )
    } else {
        ("listings l", "0")
    };
    let order = if probe.newest || !text {
        "l.created_at DESC".to_owned()
    } else {
        "rank".to_owned()
    };
    let snippet = if text {
        "snippet(listings_fts, 2, '<mark>', '</mark>', '…', 16)"
    } else {
        "substr(l.description, 1, 60)"
    };
    let filter = conditions.join(" AND ");
    let top =
        format!("SELECT l.id, l.title, {snippet}, {rank} AS rank FROM {from} WHERE {filter} ORDER BY {order} LIMIT 20");
    let facets = format!(
        "WITH hits AS MATERIALIZED (SELECT l.listing_type, l.region, l.sectors FROM {from} WHERE {filter}) \
         SELECT 'total', '', count(*) FROM hits \
         UNION ALL SELECT 'listing_type', listing_type, count(*) FROM hits GROUP BY listing_type \
         UNION ALL SELECT 'region', region, count(*) FROM hits GROUP BY region \
         UNION ALL SELECT 'sector', j.value, count(*) FROM hits, json_each(hits.sectors) j GROUP BY j.value"
    );
    FtsQuery {
        top: stmt(&top, values.clone()),
        facets: stmt(&facets, values),
    }
}

async fn fts_total(conn: &sea_orm::DatabaseConnection, query: &FtsQuery) -> Result<(u64, usize)> {
    let top = conn.query_all_raw(query.top.clone()).await?;
    let facets = conn.query_all_raw(query.facets.clone()).await?;
    let total = facets
        .first()
        .map(|r: &QueryResult| r.try_get_by_index::<i64>(2))
        .transpose()?
        .unwrap_or(0);
    Ok((total as u64, top.len()))
}

// ---------------------------------------------------------------------------
// HTTP: a minimal keep-alive HTTP/1.1 client over a real socket

struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(addr: SocketAddr) -> Result<Self> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        Ok(Client {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
        })
    }

    /// GETs `path`; returns the body of a 200 answer.
    fn get(&mut self, path: &str) -> Result<Vec<u8>> {
        write!(self.writer, "GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n")?;
        self.writer.flush()?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let ok = line.split_whitespace().nth(1) == Some("200");
        let mut length = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse()?;
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body)?;
        if !ok {
            return Err(format!("GET {path}: {}", String::from_utf8_lossy(&body)).into());
        }
        Ok(body)
    }
}

// ---------------------------------------------------------------------------
// The run

struct Report {
    rows: Vec<(String, String, String)>,
}

impl Report {
    fn add(&mut self, what: impl Into<String>, value: impl Into<String>, target: impl Into<String>) {
        let (what, value, target) = (what.into(), value.into(), target.into());
        eprintln!("  {what}: {value} (target {target})");
        self.rows.push((what, value, target));
    }

    /// A row per class of the mix, then the whole mix in bold.
    fn latencies(&mut self, side: &str, samples: &Samples, calls: &str, target: &str) {
        for class in Class::ALL {
            self.add(
                format!("{side} p50 / p99: {}", class.label()),
                samples.summary(Some(class)),
                "—",
            );
        }
        self.add(
            format!("**{side} p50 / p99, whole mix** ({} {calls})", samples.of(None).len()),
            samples.summary(None),
            target,
        );
    }
}

fn ms(value: f64) -> String {
    if value < 10.0 {
        format!("{value:.2} ms")
    } else {
        format!("{value:.1} ms")
    }
}

async fn run(flags: Flags) -> Result<()> {
    let listings: usize = std::env::var("HULIAN_BENCH_LISTINGS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(1_000_000);
    let demo = DemoConfig {
        organizations: (listings / 50).max(320),
        listings,
        ..DemoConfig::default()
    };
    let dir = bench_dir(listings);
    let marker = dir.join("database.done");
    let mut report = Report { rows: Vec::new() };
    let load_start = load_average();
    eprintln!("search benchmark: {listings} listings in {}", dir.display());

    if flags.fresh || !marker.exists() {
        eprintln!("generating the database");
        fill_database(&dir, &demo).await?;
        std::fs::write(&marker, "")?;
    }
    // 1. Full rebuild, from a removed index (or the previous run's, with `--reuse-index`).
    let reuse = flags.reuse_index && dir.join("index").exists();
    if !reuse {
        let _ = std::fs::remove_dir_all(dir.join("index"));
    }
    reset_peak_rss();
    let rss_before = proc_status("VmRSS:");
    let app = App::open_with_search(config(&dir)).await?;
    let started = Instant::now();
    let indexed = if reuse { 0 } else { app.reindex(&|_, _| {}).await? };
    let build = started.elapsed().as_secs_f64();
    let peak = proc_status("VmHWM:");
    let search = app.search.clone().ok_or("no search index")?;
    let index = search.index.clone();
    let size = dir_size(&dir.join("index"));
    if reuse {
        report.add("full rebuild from the database", "skipped (--reuse-index)", "≤ 90 s");
    } else {
        report.add("full rebuild from the database", format!("{build:.1} s"), "≤ 90 s");
        report.add(
            "rebuild rate",
            format!(
                "{:.0} docs/s ({indexed} organizations + listings)",
                indexed as f64 / build
            ),
            "—",
        );
    }
    report.add("index size on disk", gb(size), "—");
    report.add(
        "peak RSS during the rebuild (VmHWM)",
        format!("{} (RSS before: {})", gb(peak), gb(rss_before)),
        "≤ 4 GB",
    );
    report.add(
        "listing index segments after the rebuild",
        index.num_listing_segments().to_string(),
        "—",
    );

    // 2. The engine mix.
    let today = app.today();
    let mut probes = probes(&dev_queries()?);
    if let Ok(only) = std::env::var("HULIAN_BENCH_ONLY") {
        // Profiling one query: only the probes whose text contains this.
        probes.retain(|p| p.q.contains(only.as_str()));
    }
    let one_thread = std::env::var("HULIAN_BENCH_ONE_THREAD").is_ok();
    if one_thread {
        // Profiling: every search on the calling thread.
        index.set_parallel_from(u64::MAX);
    }
    let requests: Vec<SearchRequest> = probes.iter().map(|p| p.request(today)).collect();
    let mut totals = Vec::new();
    for request in &requests {
        totals.push(index.search_listings(request)?.total);
    }
    let mut engine = Samples::default();
    // More rounds of the engine mix for profiling (`HULIAN_BENCH_ROUNDS`).
    let rounds = std::env::var("HULIAN_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(ROUNDS);
    for round in 0..rounds {
        for i in order(probes.len(), round) {
            let started = Instant::now();
            let response = index.search_listings(&requests[i])?;
            engine.push(probes[i].class, started.elapsed().as_secs_f64() * 1000.0);
            debug_assert_eq!(response.total, totals[i]);
        }
    }
    // Browses again with the browse cache off: what the first browse after a commit costs.
    index.set_browse_cache(false);
    let mut uncached = Samples::default();
    for round in 0..ROUNDS {
        for i in order(probes.len(), round) {
            if probes[i].class == Class::Browse {
                let started = Instant::now();
                index.search_listings(&requests[i])?;
                uncached.push(Class::Browse, started.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    index.set_browse_cache(true);
    let matched: Vec<u64> = probes
        .iter()
        .zip(&totals)
        .filter(|(p, _)| p.class == Class::Text)
        .map(|(_, t)| *t)
        .collect();
    eprintln!("  hits per text query: {matched:?}");

    // 2b. The service: the engine plus the hits' rows and organizations from
    // SQLite, as the HTTP handler calls it (what HTTP adds beyond is transport).
    let mut service = Samples::default();
    for round in 0..ROUNDS {
        for i in order(probes.len(), round) {
            let started = Instant::now();
            app.search_listings(None, probes[i].service_query()).await?;
            service.push(probes[i].class, started.elapsed().as_secs_f64() * 1000.0);
        }
    }

    // 3. QPS, engine, two threads (not when profiling on one thread).
    let engine_qps = || {
        per_second(
            requests.len(),
            1000,
            || Some(()),
            |_, i| index.search_listings(&requests[i]).is_ok(),
        )
    };

    if flags.engine_only {
        for (i, probe) in probes.iter().enumerate() {
            let mut mine = Vec::new();
            for _ in 0..5 {
                let started = Instant::now();
                index.search_listings(&requests[i])?;
                mine.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            mine.sort_by(f64::total_cmp);
            eprintln!(
                "  {:>7.2} ms  {:<24} {:>7} hits  {}",
                mine[2],
                probe.class.label(),
                totals[i],
                probe.q
            );
        }
        println!("service p50 / p99, whole mix: {}", service.summary(None));
        let by_class: Vec<String> = Class::ALL
            .iter()
            .map(|c| format!("{}: {}", c.label(), engine.summary(Some(*c))))
            .collect();
        if !one_thread {
            println!("engine queries per second, 2 threads: {:.0}", engine_qps());
        }
        println!(
            "engine p50 / p99, whole mix: {} ({})",
            engine.summary(None),
            by_class.join("; ")
        );
        return Ok(());
    }
    let engine_qps = engine_qps();

    // 4. HTTP through the real router on a listening socket.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let router = hulian_api::router(app.clone(), None);
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    let paths: Vec<String> = probes.iter().map(Probe::path).collect();
    let classes: Vec<Class> = probes.iter().map(|p| p.class).collect();
    let (http, http_qps) = tokio::task::spawn_blocking(move || -> Result<(Samples, f64)> {
        let mut client = Client::connect(addr)?;
        for path in &paths {
            let body = client.get(path)?;
            let value: serde_json::Value = serde_json::from_slice(&body)?;
            if value["hits"].as_array().is_none() {
                return Err(format!("{path}: no hits array").into());
            }
        }
        let mut samples = Samples::default();
        for round in 0..ROUNDS {
            for i in order(paths.len(), round) {
                let started = Instant::now();
                client.get(&paths[i])?;
                samples.push(classes[i], started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        let qps = per_second(
            paths.len(),
            2000,
            || Client::connect(addr).ok(),
            |client, i| client.get(&paths[i]).is_ok(),
        );
        Ok((samples, qps))
    })
    .await??;
    server.abort();
    let loads_mid = load_average();

    // 5. SQLite FTS5 over the same data.
    let conn = app.store.conn();
    let options = conn
        .query_all_raw(stmt("PRAGMA compile_options", Vec::new()))
        .await?
        .iter()
        .filter_map(|r| r.try_get_by_index::<String>(0).ok())
        .collect::<Vec<_>>();
    if !options.iter().any(|o| o == "ENABLE_FTS5") {
        return Err("this SQLite has no FTS5".into());
    }
    let fts_marker = dir.join("fts5.done");
    if flags.fresh || !fts_marker.exists() {
        eprintln!("building the FTS5 table");
        let (seconds, rows) = build_fts(conn).await?;
        std::fs::write(&fts_marker, format!("{seconds:.1} {rows}"))?;
    }
    let fts_build = std::fs::read_to_string(&fts_marker).unwrap_or_default();
    let fts_queries: Vec<FtsQuery> = probes.iter().map(|p| fts_query(p, today)).collect();
    for (probe, query) in probes.iter().zip(&fts_queries) {
        if probe.class == Class::Text {
            eprintln!("  fts5 MATCH for {:?}: {:?}", probe.q, query.top.values);
        }
    }
    let mut fts_totals = Vec::new();
    for query in &fts_queries {
        fts_totals.push(fts_total(conn, query).await?.0);
    }
    let mut fts = Samples::default();
    let fts_started = Instant::now();
    for round in 0..FTS_ROUNDS {
        if round > 0 && fts_started.elapsed() > Duration::from_secs(FTS_SECONDS) {
            break;
        }
        for i in order(probes.len(), round) {
            let started = Instant::now();
            fts_total(conn, &fts_queries[i]).await?;
            fts.push(probes[i].class, started.elapsed().as_secs_f64() * 1000.0);
        }
    }

    // 6. Write → searchable through the change-log follower.
    let indexer = app.spawn_indexer()?;
    let template = hulian_demo::listings(&DemoConfig { listings: 1, ..demo })
        .next()
        .ok_or("no demo listing")?;
    let nonce = Utc::now().timestamp();
    let mut visible_after = Vec::new();
    for k in 0..WRITES {
        let word = format!("zqx{nonce}w{k}");
        let mut record = template.clone();
        record.external_id = format!("bench-write-{nonce}-{k}");
        record.title = format!("基准写入 {word}");
        record.status = hulian_domain::ListingStatus::Published;
        record.deadline = None;
        let line = format!("{}\n", Record::Listing(record).to_line());
        let report = app
            .import_as_operator(&line, ImportOptions::default(), &|_, _| {})
            .await?;
        if !report.committed {
            return Err(format!("write {k} was not committed: {:?}", report.errors).into());
        }
        let written = Instant::now();
        app.index_changed();
        let request = SearchRequest::new(word.clone(), today);
        loop {
            let index = index.clone();
            let request = request.clone();
            let found = tokio::task::spawn_blocking(move || index.search_listings(&request)).await??;
            if found.total > 0 {
                visible_after.push(written.elapsed().as_secs_f64() * 1000.0);
                break;
            }
            if written.elapsed() > Duration::from_secs(10) {
                return Err(format!("write {k} not searchable after 10 s").into());
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    indexer.abort();
    // Leave the database as generated.
    for k in 0..WRITES {
        if let Some(row) =
            hulian_store::listings::find_by_external_id(conn, &format!("bench-write-{nonce}-{k}")).await?
        {
            hulian_store::listings::delete(conn, &row, Utc::now()).await?;
        }
    }
    visible_after.sort_by(f64::total_cmp);
    let whole_peak = proc_status("VmHWM:");
    let loads_end = load_average();

    // The table.
    report.latencies("engine", &engine, "searches", "≤ 1 ms / ≤ 10 ms");
    report.add(
        "engine p50 / p99: browse with the browse cache off",
        uncached.summary(None),
        "—",
    );
    report.add("engine queries per second, 2 threads", format!("{engine_qps:.0}"), "—");
    report.add(
        format!(
            "service p50 / p99, whole mix (engine + rows from SQLite, {} calls)",
            service.of(None).len()
        ),
        service.summary(None),
        "—",
    );
    report.latencies("HTTP", &http, "requests", "p99 ≤ 25 ms");
    report.add(
        "HTTP requests per second, 2 client connections",
        format!("{http_qps:.0}"),
        "—",
    );
    report.latencies("FTS5", &fts, "searches", "—");
    report.add(
        "**FTS5 p99 ÷ engine p99**",
        format!("{:.1}×", fts.p(None, 0.99) / engine.p(None, 0.99)),
        "≥ 10×",
    );
    report.add(
        "FTS5 p50 ÷ engine p50",
        format!("{:.1}×", fts.p(None, 0.5) / engine.p(None, 0.5)),
        "—",
    );
    let text_totals: Vec<String> = probes
        .iter()
        .zip(totals.iter().zip(&fts_totals))
        .filter(|(p, _)| p.class == Class::Text)
        .map(|(_, (ours, theirs))| format!("{ours}/{theirs}"))
        .collect();
    eprintln!("  hits per text query, engine/FTS5: {}", text_totals.join(" "));
    report.add(
        "FTS5 table build (segment + insert + optimize), s and rows",
        fts_build.trim(),
        "—",
    );
    report.add(
        format!("write → searchable through the follower ({WRITES} writes) p50 / max"),
        format!(
            "{} / {}",
            ms(percentile(&visible_after, 0.5)),
            ms(visible_after.last().copied().unwrap_or(f64::NAN))
        ),
        "≤ 1 s",
    );
    report.add(
        "peak RSS of the whole run (VmHWM after the rebuild)",
        gb(whole_peak),
        "≤ 4 GB",
    );

    println!();
    println!(
        "Search benchmark, {listings} listings ({} organizations)",
        demo.organizations
    );
    println!("load average (1/5/15 min): start {load_start}, after HTTP {loads_mid}, end {loads_end}");
    println!();
    println!("| measure | value | target |");
    println!("|---|---:|---:|");
    for (what, value, target) in &report.rows {
        println!("| {what} | {value} | {target} |");
    }
    Ok(())
}
