//! The service context: the store, the configuration and the token keys.

use chrono::{DateTime, NaiveDate, Utc};
use hulian_store::Store;

use crate::auth::TokenKeys;
use crate::config::Config;
use crate::error::ServiceError;

#[derive(Debug, Clone)]
pub struct App {
    pub store: Store,
    pub config: Config,
    pub keys: TokenKeys,
}

impl App {
    /// Opens the database (migrating it) and loads or creates the signing key.
    pub async fn open(config: Config) -> Result<App, ServiceError> {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| ServiceError::Internal(format!("creating {}: {e}", config.data_dir.display())))?;
        let store = Store::open(&config.effective_database_url()).await?;
        let keys = TokenKeys::load(config.jwt_secret.as_deref(), &config.data_dir)?;
        Ok(App { store, config, keys })
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    /// Today's date in China Standard Time, against which deadlines are read.
    pub fn today(&self) -> NaiveDate {
        (Utc::now() + chrono::Duration::hours(8)).date_naive()
    }
}
