//! The use cases of Hulian over storage (and, as they land, search and
//! matching): accounts and tokens, organizations, listings, import and export,
//! the demo dataset.
//!
//! Adapters (the HTTP API, the CLI) call into this crate and nothing below it.
//! Every use case takes the calling [`Principal`] (or none, for anonymous
//! callers) and decides here who may do what, so both adapters enforce the
//! same rules. Nothing here knows about HTTP.

pub mod accounts;
pub mod alerts;
pub mod app;
pub mod audit;
pub mod auth;
mod changes;
pub mod config;
pub mod cooperations;
pub mod demo;
pub mod error;
pub mod exchange;
pub mod introductions;
pub mod listings;
pub mod matching;
pub mod new_listings;
pub mod organizations;
pub mod principal;
pub mod reports;
pub mod saved_searches;
pub mod search;
pub mod taxonomy;
pub mod views;
pub mod webhooks;

pub use app::App;
pub use config::Config;
pub use error::ServiceError;
pub use principal::Principal;

/// Result of a use case.
pub type ServiceResult<T> = Result<T, ServiceError>;
