//! The change log: one row per write of an organization or listing, written in
//! the same transaction as the write. The search indexer follows it by id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ChangeLog {
    Table,
    Id,
    Entity,
    EntityId,
    ExternalId,
    Op,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChangeLog::Table)
                    .if_not_exists()
                    .col(big_pk_auto(ChangeLog::Id))
                    .col(string_len(ChangeLog::Entity, 16))
                    .col(big_integer(ChangeLog::EntityId))
                    .col(string_len(ChangeLog::ExternalId, 128))
                    .col(string_len(ChangeLog::Op, 8))
                    .col(timestamp_with_time_zone(ChangeLog::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ChangeLog::Table).to_owned())
            .await
    }
}
