//! Configuration of the service, from the environment with defaults that work locally.

use std::path::PathBuf;
use std::time::Duration;

use hulian_domain::Counterparts;

#[derive(Debug, Clone)]
pub struct Config {
    /// Where the embedded database, the signing key and the search index live.
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL; absent means SQLite in `data_dir`.
    pub database_url: Option<String>,
    /// HS256 secret for access tokens; absent means a random key kept in `data_dir`.
    pub jwt_secret: Option<String>,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub counterparts: Counterparts,
    /// Memory for the search index writer, bytes (allocated as it fills: a
    /// full rebuild uses it, a single change does not).
    pub index_writer_bytes: usize,
    /// Weights of the matching factors (see `hulian_matching::Weights`).
    pub match_weights: hulian_matching::Weights,
    /// Webhook URLs may name private, loopback and link-local addresses
    /// (`HULIAN_WEBHOOK_ALLOW_PRIVATE=true`): off by default, since any member
    /// can add a webhook and must not reach the server's own network.
    pub webhook_allow_private: bool,
    /// Time allowed for one webhook delivery (connect, send, answer).
    pub webhook_timeout: Duration,
    /// Attempts of one delivery before it is given up as `failed`.
    pub webhook_max_attempts: u32,
    /// Delay before the first retry; each later one doubles it (plus up to 25 % jitter).
    pub webhook_retry_base: Duration,
    /// Introductions one member account may start in 24 hours
    /// (`HULIAN_INTRODUCTIONS_PER_DAY`); promoters brokering get ten times as
    /// many, admins are not limited.
    pub introductions_per_day: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("./data"),
            database_url: None,
            jwt_secret: None,
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            counterparts: Counterparts::default(),
            index_writer_bytes: hulian_search::IndexOptions::default().listing_writer_bytes,
            match_weights: hulian_matching::Weights::default(),
            webhook_allow_private: false,
            webhook_timeout: Duration::from_secs(10),
            webhook_max_attempts: 8,
            webhook_retry_base: Duration::from_secs(30),
            introductions_per_day: 20,
        }
    }
}

impl Config {
    /// Reads `HULIAN_DATA_DIR`, `DATABASE_URL`, `HULIAN_JWT_SECRET`,
    /// `HULIAN_COUNTERPARTS` (`shanghai:dalian,shanghai:dandong`),
    /// `HULIAN_MATCH_WEIGHTS`, `HULIAN_WEBHOOK_ALLOW_PRIVATE`,
    /// `HULIAN_WEBHOOK_TIMEOUT_SECS` and `HULIAN_INTRODUCTIONS_PER_DAY`.
    pub fn from_env() -> Result<Self, String> {
        let mut config = Config::default();
        if let Some(dir) = non_empty_var("HULIAN_DATA_DIR") {
            config.data_dir = PathBuf::from(dir);
        }
        config.database_url = non_empty_var("DATABASE_URL");
        config.jwt_secret = non_empty_var("HULIAN_JWT_SECRET");
        if let Some(pairs) = non_empty_var("HULIAN_COUNTERPARTS") {
            config.counterparts = Counterparts::parse(&pairs).map_err(|e| format!("HULIAN_COUNTERPARTS: {e}"))?;
        }
        if let Some(path) = non_empty_var("HULIAN_MATCH_WEIGHTS") {
            config.match_weights = read_weights(&path)?;
        }
        if let Some(flag) = non_empty_var("HULIAN_WEBHOOK_ALLOW_PRIVATE") {
            config.webhook_allow_private = match flag.trim() {
                "true" | "1" | "yes" => true,
                "false" | "0" | "no" => false,
                other => return Err(format!("HULIAN_WEBHOOK_ALLOW_PRIVATE: `{other}` is not true or false")),
            };
        }
        if let Some(secs) = non_empty_var("HULIAN_WEBHOOK_TIMEOUT_SECS") {
            let secs: u64 = secs
                .trim()
                .parse()
                .map_err(|_| format!("HULIAN_WEBHOOK_TIMEOUT_SECS: `{secs}` is not a number of seconds"))?;
            config.webhook_timeout = Duration::from_secs(secs.clamp(1, 120));
        }
        if let Some(count) = non_empty_var("HULIAN_INTRODUCTIONS_PER_DAY") {
            config.introductions_per_day = count
                .trim()
                .parse()
                .map_err(|_| format!("HULIAN_INTRODUCTIONS_PER_DAY: `{count}` is not a whole number"))?;
        }
        Ok(config)
    }

    /// Where the search index lives: derived data, rebuilt with `hulian reindex`.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }

    /// The database URL in force: `DATABASE_URL`, else the SQLite file in the data directory.
    pub fn effective_database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| hulian_store::Store::sqlite_url(&self.data_dir))
    }
}

/// Reads matching weights from a JSON file (fields not given keep their defaults).
fn read_weights(path: &str) -> Result<hulian_matching::Weights, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("HULIAN_MATCH_WEIGHTS {path}: {e}"))?;
    let weights: hulian_matching::Weights =
        serde_json::from_str(&text).map_err(|e| format!("HULIAN_MATCH_WEIGHTS {path}: {e}"))?;
    weights
        .validate()
        .map_err(|e| format!("HULIAN_MATCH_WEIGHTS {path}: {e}"))?;
    Ok(weights)
}

fn non_empty_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_come_from_a_json_file_and_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.json");
        std::fs::write(&good, r#"{"text": 0.5, "sector": 0.1}"#).unwrap();
        let weights = read_weights(good.to_str().unwrap()).unwrap();
        assert_eq!(weights.text, 0.5);
        assert_eq!(
            weights.amount,
            hulian_matching::Weights::default().amount,
            "unnamed weights keep their defaults"
        );
        let typo = dir.path().join("typo.json");
        std::fs::write(&typo, r#"{"txet": 0.5}"#).unwrap();
        assert!(read_weights(typo.to_str().unwrap()).unwrap_err().contains("txet"));
        let negative = dir.path().join("negative.json");
        std::fs::write(&negative, r#"{"text": -1}"#).unwrap();
        assert!(read_weights(negative.to_str().unwrap()).is_err());
    }
}
