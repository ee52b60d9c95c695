//! Credentials: argon2id password hashes, HS256 access tokens (15 minutes) and
//! rotating refresh tokens, of which only a SHA-256 digest is stored.
//!
//! Token validation pins the algorithm, requires every claim and allows no
//! leeway: a token is valid exactly until `exp`.

use std::path::Path;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hulian_domain::PlatformRole;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::ServiceError;
use crate::principal::Principal;

pub const ISSUER: &str = "hulian";
pub const AUDIENCE: &str = "hulian-api";
const KEY_FILE: &str = "jwt-signing.key";

/// The claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id, as a string.
    pub sub: String,
    pub role: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// The HS256 key pair for access tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

impl TokenKeys {
    pub fn from_secret(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.validate_exp = true;
        validation.validate_nbf = false;
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    /// The configured secret, or a random one generated once and kept in `data_dir`.
    pub fn load(configured: Option<&str>, data_dir: &Path) -> Result<Self, ServiceError> {
        if let Some(secret) = configured {
            if secret.len() < 32 {
                return Err(ServiceError::Internal(
                    "HULIAN_JWT_SECRET must be at least 32 bytes".to_owned(),
                ));
            }
            return Ok(TokenKeys::from_secret(secret.as_bytes()));
        }
        let path = data_dir.join(KEY_FILE);
        let io = |e: std::io::Error| ServiceError::Internal(format!("signing key {}: {e}", path.display()));
        if let Ok(existing) = std::fs::read_to_string(&path) {
            let secret =
                hex::decode(existing.trim()).map_err(|e| ServiceError::Internal(format!("signing key: {e}")))?;
            return Ok(TokenKeys::from_secret(&secret));
        }
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let mut secret = [0u8; 64];
        rand::rng().fill_bytes(&mut secret);
        write_private(&path, &hex::encode(secret)).map_err(io)?;
        Ok(TokenKeys::from_secret(&secret))
    }

    pub fn issue(&self, user_id: i64, role: PlatformRole, now: i64, ttl_secs: i64) -> Result<String, ServiceError> {
        let claims = Claims {
            sub: user_id.to_string(),
            role: role.as_str().to_owned(),
            iat: now,
            exp: now + ttl_secs,
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ServiceError::Internal(format!("signing a token: {e}")))
    }

    /// Verifies an access token and returns who it names.
    pub fn verify(&self, token: &str) -> Result<Principal, ServiceError> {
        let invalid = || ServiceError::Unauthenticated("invalid_token", "the access token is invalid".to_owned());
        let data =
            jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).map_err(|e| match e.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => {
                    ServiceError::Unauthenticated("token_expired", "the access token has expired".to_owned())
                }
                _ => invalid(),
            })?;
        let user_id = data.claims.sub.parse::<i64>().map_err(|_| invalid())?;
        let role = PlatformRole::parse(&data.claims.role).ok_or_else(invalid)?;
        Ok(Principal { user_id, role })
    }
}

#[cfg(unix)]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(content.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    std::fs::write(path, content)
}

/// Hashes a password with argon2id (default parameters: 19 MiB, 2 passes). CPU-heavy: call off the runtime.
pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ServiceError::Internal(format!("hashing a password: {e}")))
}

/// Checks a password against a stored hash. CPU-heavy: call off the runtime.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A new opaque refresh token: 32 random bytes, base64url.
pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored of a refresh token.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A random id for a refresh-token family.
pub fn new_family() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_and_expire() {
        let keys = TokenKeys::from_secret(b"0123456789abcdef0123456789abcdef");
        let now = chrono::Utc::now().timestamp();
        let token = keys.issue(7, PlatformRole::Promoter, now, 60).unwrap();
        assert_eq!(
            keys.verify(&token).unwrap(),
            Principal {
                user_id: 7,
                role: PlatformRole::Promoter
            }
        );
        let old = keys.issue(7, PlatformRole::Member, now - 120, 60).unwrap();
        assert_eq!(keys.verify(&old).unwrap_err().code(), "token_expired");
        let other = TokenKeys::from_secret(b"another-secret-another-secret-xx");
        assert_eq!(other.verify(&token).unwrap_err().code(), "invalid_token");
    }

    #[test]
    fn passwords_hash_with_argon2id() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong", &hash));
    }

    #[test]
    fn signing_key_is_generated_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let first = TokenKeys::load(None, dir.path()).unwrap();
        let token = first
            .issue(1, PlatformRole::Member, chrono::Utc::now().timestamp(), 60)
            .unwrap();
        let second = TokenKeys::load(None, dir.path()).unwrap();
        assert!(second.verify(&token).is_ok());
    }
}
