//! The service context: the store, the configuration, the token keys and
//! (for processes that search or index) the search index.

use chrono::{DateTime, NaiveDate, Utc};
use hulian_search::{IndexOptions, SearchIndex};
use hulian_store::Store;

use crate::auth::TokenKeys;
use crate::config::Config;
use crate::error::ServiceError;
use crate::matching::MatchState;
use crate::search::SearchHandle;

#[derive(Debug, Clone)]
pub struct App {
    pub store: Store,
    pub config: Config,
    pub keys: TokenKeys,
    /// Open in `serve`, `search` and `reindex`; data commands leave it closed
    /// so they can run beside a server, which holds the index's writer lock.
    pub search: Option<SearchHandle>,
    /// The in-memory matching index, loaded at the first match request.
    pub matching: std::sync::Arc<MatchState>,
}

impl App {
    /// Opens the database (migrating it) and loads or creates the signing key.
    pub async fn open(config: Config) -> Result<App, ServiceError> {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| ServiceError::Internal(format!("creating {}: {e}", config.data_dir.display())))?;
        let store = Store::open(&config.effective_database_url()).await?;
        let keys = TokenKeys::load(config.jwt_secret.as_deref(), &config.data_dir)?;
        let matching = MatchState::new(config.match_weights, config.counterparts.clone());
        Ok(App {
            store,
            config,
            keys,
            search: None,
            matching,
        })
    }

    /// Opens the database and the search index (taking its writer lock).
    pub async fn open_with_search(config: Config) -> Result<App, ServiceError> {
        let mut app = App::open(config).await?;
        let dir = app.config.index_dir();
        let options = IndexOptions {
            listing_writer_bytes: app.config.index_writer_bytes,
            ..IndexOptions::default()
        };
        let index = tokio::task::spawn_blocking(move || SearchIndex::open_or_create_with(&dir, options))
            .await
            .map_err(|e| ServiceError::Internal(format!("opening the search index: {e}")))?
            .map_err(|e| {
                ServiceError::Internal(format!(
                    "opening the search index (is another hulian process using this data directory?): {e}"
                ))
            })?;
        app.search = Some(SearchHandle::new(index));
        Ok(app)
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    /// Today's date in China Standard Time, against which deadlines are read.
    pub fn today(&self) -> NaiveDate {
        (Utc::now() + chrono::Duration::hours(8)).date_naive()
    }
}
