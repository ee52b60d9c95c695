//! The database schema of Hulian, as sea-orm migrations: one file per step,
//! applied in order by `hulian migrate` and at every start of `hulian serve`.
//!
//! The schema is written once for SQLite and PostgreSQL alike: JSON arrays are
//! stored as text so that both backends read them the same way.

// `MigrationTrait` is an async_trait whose signature only compiles with the
// lifetime of `SchemaManager` elided.
#![allow(elided_lifetimes_in_paths)]

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_users;
mod m20261127_000002_create_organizations;
mod m20261127_000003_create_listings;
mod m20261127_000004_create_change_log;
mod m20261127_000005_create_match_feedback;
mod m20261127_000006_create_introductions;
mod m20261127_000007_create_audit_log;
mod m20261127_000010_create_notifications;
mod m20261127_000011_create_saved_searches;
mod m20261127_000012_create_webhooks;
mod m20261127_000013_create_alert_follower;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_users::Migration),
            Box::new(m20261127_000002_create_organizations::Migration),
            Box::new(m20261127_000003_create_listings::Migration),
            Box::new(m20261127_000004_create_change_log::Migration),
            Box::new(m20261127_000005_create_match_feedback::Migration),
            Box::new(m20261127_000006_create_introductions::Migration),
            Box::new(m20261127_000007_create_audit_log::Migration),
            Box::new(m20261127_000010_create_notifications::Migration),
            Box::new(m20261127_000011_create_saved_searches::Migration),
            Box::new(m20261127_000012_create_webhooks::Migration),
            Box::new(m20261127_000013_create_alert_follower::Migration),
        ]
    }
}
