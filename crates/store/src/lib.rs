//! Storage for Hulian: sea-orm entities, the connection to SQLite (embedded
//! default) or PostgreSQL, and the queries the service runs.
//!
//! Every write of an organization or listing goes through this crate together
//! with a change-log row in the same transaction, so that the search index can
//! follow the database. Authorization and validation are not done here.

pub mod alerts;
pub mod audit;
pub mod change_log;
pub mod convert;
pub mod cooperations;
pub mod db;
pub mod entities;
pub mod error;
pub mod feedback;
pub mod introductions;
pub mod listings;
pub mod organizations;
pub mod page;
pub mod users;
pub mod webhooks;

pub use db::{Backend, Store};
pub use error::StoreError;
pub use page::Page;
pub use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
