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
    /// Memory for the search index writer, bytes.
    pub index_writer_bytes: usize,
    /// Weights of the matching factors (see `hulian_matching::Weights`).
    pub match_weights: hulian_matching::Weights,
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
            index_writer_bytes: 128_000_000,
            match_weights: hulian_matching::Weights::default(),
        }
    }
}

impl Config {
    /// Reads `HULIAN_DATA_DIR`, `DATABASE_URL`, `HULIAN_JWT_SECRET` and
    /// `HULIAN_COUNTERPARTS` (`shanghai:dalian,shanghai:dandong`).
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
