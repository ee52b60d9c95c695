//! API tests through the real router, on SQLite or (with
//! `HULIAN_TEST_DATABASE_URL`) PostgreSQL, a fresh database per test.

// Helpers shared by the tests fail loudly, as the tests themselves may.
#![expect(clippy::expect_used, reason = "test helpers")]

mod accounts;
mod alerts;
mod audit;
mod authz;
mod exchange;
mod health;
mod introductions;
mod listings;
mod matching;
mod openapi;
mod organizations;
mod search;
mod smoke;
mod tokens;
mod validation;
mod webhooks;
