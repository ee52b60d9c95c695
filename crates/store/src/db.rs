//! Opening the database: a SQLite file set up like a real database (WAL,
//! foreign keys, busy timeout) or PostgreSQL from a URL; migrations applied.

use std::path::Path;
use std::time::Duration;

use hulian_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::error::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool and what kind of database it talks to.
#[derive(Debug, Clone)]
pub struct Store {
    conn: DatabaseConnection,
    backend: Backend,
}

impl Store {
    /// The SQLite URL of the embedded database inside `data_dir`.
    pub fn sqlite_url(data_dir: &Path) -> String {
        format!("sqlite://{}?mode=rwc", data_dir.join("hulian.db").display())
    }

    /// Connects to `url` (`sqlite://…` or `postgres://…`) without migrating.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let mut options = ConnectOptions::new(url.to_owned());
        options.sqlx_logging(false).acquire_timeout(Duration::from_secs(10));
        match backend {
            Backend::Sqlite => {
                options
                    .max_connections(8)
                    .min_connections(1)
                    .map_sqlx_sqlite_opts(|opts| {
                        opts.journal_mode(SqliteJournalMode::Wal)
                            .synchronous(SqliteSynchronous::Normal)
                            .foreign_keys(true)
                            .busy_timeout(Duration::from_secs(10))
                            .create_if_missing(true)
                    });
            }
            Backend::Postgres => {
                options.max_connections(16).min_connections(1);
            }
        }
        let conn = Database::connect(options).await?;
        Ok(Store { conn, backend })
    }

    /// Connects and applies every pending migration.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub async fn migrate(&self) -> Result<(), StoreError> {
        Migrator::up(&self.conn, None).await?;
        Ok(())
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    /// Starts a transaction that writes. On SQLite it is `BEGIN IMMEDIATE`:
    /// it takes the write lock at once (waiting up to the busy timeout), so
    /// a transaction that reads before it writes never fails because another
    /// connection wrote in between ("database is locked"). On PostgreSQL it
    /// is an ordinary transaction; rows that decisions depend on are locked
    /// where they are read.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, StoreError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: (self.backend == Backend::Sqlite).then_some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.conn.begin_with_options(options).await?)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers a trivial query (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        let backend: DbBackend = self.conn.get_database_backend();
        self.conn
            .execute_raw(sea_orm::Statement::from_string(backend, "SELECT 1"))
            .await?;
        Ok(())
    }

    pub async fn close(self) -> Result<(), StoreError> {
        self.conn.close().await?;
        Ok(())
    }
}

/// Holds the rows `filter` selects until the transaction ends, by a first
/// statement that writes without changing anything: on PostgreSQL it locks
/// those rows, on SQLite it takes the database's write lock before anything
/// is read. Two changes that decide on the same rows then run one after the
/// other, and the second sees what the first wrote.
pub(crate) async fn hold_rows<E, C>(
    conn: &C,
    id: E::Column,
    filter: impl sea_orm::sea_query::IntoCondition,
) -> Result<(), StoreError>
where
    E: sea_orm::EntityTrait,
    C: ConnectionTrait,
{
    use sea_orm::QueryFilter;
    E::update_many()
        .col_expr(id, sea_orm::sea_query::Expr::col(id))
        .filter(filter)
        .exec(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use sea_orm::ConnectionTrait;

    use super::Store;

    /// A transaction that reads, then (while another connection wants to
    /// write) writes: with `BEGIN DEFERRED` SQLite refuses its write because
    /// its snapshot went stale; with `begin_write` the other writer waits.
    #[tokio::test]
    async fn a_write_transaction_that_reads_first_is_never_refused_on_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&Store::sqlite_url(dir.path())).await.unwrap();
        store
            .conn()
            .execute_unprepared("CREATE TABLE counter (n INTEGER NOT NULL)")
            .await
            .unwrap();
        let first = store.begin_write().await.unwrap();
        first.execute_unprepared("SELECT count(*) FROM counter").await.unwrap();
        let other = store.clone();
        let second = tokio::spawn(async move {
            let txn = other.begin_write().await?;
            txn.execute_unprepared("INSERT INTO counter VALUES (2)").await?;
            txn.commit().await?;
            Ok::<_, crate::StoreError>(())
        });
        // Give the other writer time to get in first, if it can.
        tokio::time::sleep(Duration::from_millis(300)).await;
        first
            .execute_unprepared("INSERT INTO counter VALUES (1)")
            .await
            .unwrap();
        first.commit().await.unwrap();
        second.await.unwrap().unwrap();
        let rows = store
            .conn()
            .query_all_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "SELECT n FROM counter ORDER BY rowid",
            ))
            .await
            .unwrap();
        let order: Vec<i64> = rows.iter().map(|r| r.try_get_by_index(0).unwrap()).collect();
        assert_eq!(order, vec![1, 2], "the second writer waited for the first");
    }
}
