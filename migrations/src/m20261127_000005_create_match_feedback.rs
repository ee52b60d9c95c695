//! What a listing's owners said about a match: shortlisted or dismissed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MatchFeedback {
    Table,
    ListingId,
    CandidateId,
    Decision,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Listings {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MatchFeedback::Table)
                    .if_not_exists()
                    .col(big_integer(MatchFeedback::ListingId))
                    .col(big_integer(MatchFeedback::CandidateId))
                    .col(string_len(MatchFeedback::Decision, 16))
                    .col(big_integer(MatchFeedback::UserId))
                    .col(timestamp_with_time_zone(MatchFeedback::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(MatchFeedback::ListingId)
                            .col(MatchFeedback::CandidateId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MatchFeedback::Table, MatchFeedback::ListingId)
                            .to(Listings::Table, Listings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MatchFeedback::Table, MatchFeedback::CandidateId)
                            .to(Listings::Table, Listings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MatchFeedback::Table).to_owned())
            .await
    }
}
