//! API tests through the real router, on SQLite or (with
//! `HULIAN_TEST_DATABASE_URL`) PostgreSQL, a fresh database per test.

mod smoke;
