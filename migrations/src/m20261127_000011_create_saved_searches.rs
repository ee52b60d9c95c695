//! Saved searches: a user's search parameters (JSON), checked against every
//! newly published listing.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SavedSearches {
    Table,
    Id,
    UserId,
    Name,
    Query,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SavedSearches::Table)
                    .if_not_exists()
                    .col(big_pk_auto(SavedSearches::Id))
                    .col(big_integer(SavedSearches::UserId))
                    .col(string_len(SavedSearches::Name, 200))
                    .col(text(SavedSearches::Query))
                    .col(timestamp_with_time_zone(SavedSearches::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SavedSearches::Table, SavedSearches::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_saved_searches_user_id")
                    .table(SavedSearches::Table)
                    .col(SavedSearches::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SavedSearches::Table).to_owned())
            .await
    }
}
