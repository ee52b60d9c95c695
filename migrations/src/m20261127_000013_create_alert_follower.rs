//! The alerts follower's state: its cursor in the change log, and the marks
//! that make each notice it sends happen once (a listing seen published, a
//! match pair told, a saved search hit told).
//!
//! The cursor starts at the newest change present when this migration runs:
//! a database that already holds listings does not alert about all of them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AlertCursors {
    Table,
    Name,
    LastChangeId,
}

#[derive(DeriveIden)]
enum AlertMarks {
    Table,
    Kind,
    SubjectId,
    ObjectId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AlertCursors::Table)
                    .if_not_exists()
                    .col(string_len(AlertCursors::Name, 64).primary_key())
                    .col(big_integer(AlertCursors::LastChangeId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AlertMarks::Table)
                    .if_not_exists()
                    .col(string_len(AlertMarks::Kind, 32))
                    .col(big_integer(AlertMarks::SubjectId))
                    .col(big_integer(AlertMarks::ObjectId))
                    .col(timestamp_with_time_zone(AlertMarks::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(AlertMarks::Kind)
                            .col(AlertMarks::SubjectId)
                            .col(AlertMarks::ObjectId),
                    )
                    .to_owned(),
            )
            .await?;
        // The same SQL on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO alert_cursors (name, last_change_id) \
                 SELECT 'new_listings', COALESCE(MAX(id), 0) FROM change_log",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AlertMarks::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AlertCursors::Table).to_owned())
            .await
    }
}
