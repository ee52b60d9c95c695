//! `hulian`: the command line of the platform. Every data command works on the
//! database named by `--data-dir` (embedded SQLite) or `DATABASE_URL`
//! (PostgreSQL), exactly like `serve`.

/// mimalloc rather than the system allocator: a full reindex allocates a
/// string per token on two indexing threads, and glibc's allocator was a
/// fifth of its time (a 100,000-listing rebuild: 8.7 s → 6.9 s).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufWriter, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use hulian_service::exchange::ImportOptions;
use hulian_service::{App, Config};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug, Parser)]
#[command(
    name = "hulian",
    version,
    about = "沪连 Hulian: matchmaking for Shanghai–Dalian counterpart cooperation"
)]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Args)]
struct DbArgs {
    /// Directory for the embedded database, the signing key and the search index.
    #[arg(long, global = true, env = "HULIAN_DATA_DIR", default_value = "./data")]
    data_dir: PathBuf,
    /// PostgreSQL URL (`postgres://user:pass@host/db`); without it, SQLite in the data directory.
    #[arg(long, global = true, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API and the web app.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "HULIAN_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Directory of the built web app (index.html and assets).
        #[arg(long, env = "HULIAN_SPA_DIR", default_value = "frontend/dist")]
        spa_dir: PathBuf,
        /// Load the demo dataset when the database is empty (first start).
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations.
    Migrate,
    /// Import an NDJSON file in the exchange format (all-or-nothing unless --skip-invalid).
    Import {
        file: PathBuf,
        /// Import the valid lines and report the invalid ones.
        #[arg(long)]
        skip_invalid: bool,
        /// Validate and count without writing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export every organization and listing as NDJSON (to stdout, or --output).
    Export {
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Leave out private contact details.
        #[arg(long)]
        without_contacts: bool,
    },
    /// Load the generated demo dataset (idempotent).
    Demo {
        #[arg(long, default_value_t = 320)]
        organizations: usize,
        #[arg(long, default_value_t = 1200)]
        listings: usize,
    },
    /// Search published listings, as `GET /api/v1/search` does (brings the index up to date first).
    Search {
        /// Free text, Chinese or English; empty browses.
        query: String,
        /// Print the same JSON as the API.
        #[arg(long)]
        json: bool,
        /// Comma-separated filters, as in the API.
        #[arg(long)]
        sector: Option<String>,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        listing_type: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: u32,
    },
    /// The best partners for a listing, ranked and explained.
    Match {
        /// The listing's external id.
        external_id: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print `{"query", "matches": [{"listing", "organization", "score", "reasons"}]}`.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the database.
    Reindex,
    /// Print the OpenAPI document of the HTTP API (for generating clients).
    Openapi,
    /// Create an admin account, or make an existing account admin with a new password.
    CreateAdmin {
        #[arg(long)]
        email: String,
        /// Read from HULIAN_ADMIN_PASSWORD when not given.
        #[arg(long, env = "HULIAN_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn,tantivy=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: starting the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn config(db: &DbArgs) -> anyhow::Result<Config> {
    let mut config = Config::from_env().map_err(anyhow::Error::msg)?;
    config.data_dir = db.data_dir.clone();
    config.database_url = db.database_url.clone().filter(|u| !u.trim().is_empty());
    Ok(config)
}

async fn open(db: &DbArgs) -> anyhow::Result<App> {
    App::open(config(db)?).await.context("opening the database")
}

async fn open_with_search(db: &DbArgs) -> anyhow::Result<App> {
    App::open_with_search(config(db)?)
        .await
        .context("opening the database and the search index")
}

fn progress_bar(label: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(label.to_owned());
    bar
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { addr, spa_dir, demo } => {
            let app = open_with_search(&cli.db).await?;
            if demo && app.is_empty().await? {
                tracing::info!("empty database: loading the demo dataset");
                let report = app.load_demo(&hulian_demo::DemoConfig::default(), &|_, _| {}).await?;
                tracing::info!(
                    organizations = report.organizations_created,
                    listings = report.listings_created,
                    "demo data loaded"
                );
            }
            let spa = spa_dir.join("index.html").is_file().then_some(spa_dir);
            if spa.is_none() {
                tracing::warn!("no built web app found; serving the API only");
            }
            let caught_up = app.sync_search_index().await?;
            tracing::info!(changes = caught_up, "search index up to date");
            app.spawn_indexer()?;
            app.spawn_alerts_follower();
            app.spawn_webhook_worker();
            hulian_api::serve(app, addr, spa).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            query,
            json,
            sector,
            region,
            listing_type,
            limit,
        } => {
            let app = open_with_search(&cli.db).await?;
            app.sync_search_index().await?;
            let request = hulian_service::search::SearchQuery {
                q: Some(query),
                sector,
                region,
                listing_type,
                per_page: Some(limit),
                ..Default::default()
            };
            let results = app.search_listings(None, request).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&results)?);
            } else {
                println!("{} result(s) in {:.2} ms", results.total, results.took_ms);
                for hit in &results.hits {
                    let l = &hit.listing;
                    println!(
                        "{:>7.3}  {:<18} {}  [{} · {}]",
                        hit.score,
                        l.record.external_id,
                        l.record.title,
                        l.organization_name,
                        l.record.region.zh()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Match {
            external_id,
            limit,
            json,
        } => {
            let app = open(&cli.db).await?;
            let query = hulian_service::matching::MatchQuery { limit: Some(limit) };
            let view = app.operator_listing_matches(&external_id, query).await?;
            if json {
                let matches: Vec<serde_json::Value> = view
                    .matches
                    .iter()
                    .map(|m| {
                        serde_json::json!({
                            "listing": m.listing.record.external_id,
                            "organization": m.listing.record.organization,
                            "score": (m.score * 1000.0).round() / 1000.0,
                            "reasons": m.reasons,
                            "factors": m.factors,
                        })
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&serde_json::json!({"query": view.query, "matches": matches}))?
                );
            } else {
                for m in &view.matches {
                    println!(
                        "{:.3}  {:<18} {}  [{}]",
                        m.score, m.listing.record.external_id, m.listing.record.title, m.listing.organization_name
                    );
                    for reason in &m.reasons {
                        println!("         · {}", reason.zh);
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Reindex => {
            let app = open_with_search(&cli.db).await?;
            let bar = progress_bar("indexing");
            let started = std::time::Instant::now();
            let indexed = app
                .reindex(&|done, total| {
                    bar.set_length(total);
                    bar.set_position(done);
                })
                .await?;
            bar.finish_and_clear();
            println!(
                "indexed {indexed} record(s) in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Openapi => {
            let document = hulian_api::openapi::document();
            println!(
                "{}",
                document.to_pretty_json().context("serialising the OpenAPI document")?
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            open(&cli.db).await?;
            println!("migrations applied");
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            file,
            skip_invalid,
            dry_run,
        } => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let app = open(&cli.db).await?;
            let bar = progress_bar("importing");
            let report = app
                .import_as_operator(&text, ImportOptions { skip_invalid, dry_run }, &|done, total| {
                    bar.set_length(total);
                    bar.set_position(done);
                })
                .await?;
            bar.finish_and_clear();
            for error in &report.errors {
                eprintln!("{error}");
            }
            println!(
                "organizations: {} created, {} updated, {} unchanged; listings: {} created, {} updated, {} unchanged; {} invalid line(s){}",
                report.organizations_created,
                report.organizations_updated,
                report.organizations_unchanged,
                report.listings_created,
                report.listings_updated,
                report.listings_unchanged,
                report.skipped,
                if report.committed { "" } else { "; nothing written" },
            );
            Ok(if report.errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::Export {
            output,
            without_contacts,
        } => {
            let app = open(&cli.db).await?;
            let sink: Box<dyn Write + Send> = match &output {
                Some(path) => {
                    Box::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?)
                }
                None => Box::new(std::io::stdout()),
            };
            let mut writer = BufWriter::new(sink);
            let written = app
                .export_as_operator(!without_contacts, &mut |line| {
                    writer.write_all(line.as_bytes())?;
                    writer.write_all(b"\n")
                })
                .await?;
            writer.flush()?;
            eprintln!("exported {written} record(s)");
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo {
            organizations,
            listings,
        } => {
            if organizations == 0 {
                bail!("--organizations must be at least 1");
            }
            let app = open(&cli.db).await?;
            let bar = progress_bar("demo");
            let config = hulian_demo::DemoConfig {
                organizations,
                listings,
                ..Default::default()
            };
            let report = app
                .load_demo(&config, &|done, total| {
                    bar.set_length(total);
                    bar.set_position(done);
                })
                .await?;
            bar.finish_and_clear();
            println!(
                "demo data: {} organizations and {} listings created, {} and {} updated, {} and {} unchanged",
                report.organizations_created,
                report.listings_created,
                report.organizations_updated,
                report.listings_updated,
                report.organizations_unchanged,
                report.listings_unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::CreateAdmin { email, password, name } => {
            let app = open(&cli.db).await?;
            let user = app.create_admin(&email, &password, &name).await?;
            println!("admin {} (id {})", user.email, user.id);
            Ok(ExitCode::SUCCESS)
        }
    }
}
