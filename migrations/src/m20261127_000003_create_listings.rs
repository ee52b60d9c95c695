//! Listings: what organizations offer and seek. Arrays are JSON text.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000002_create_organizations::Organizations;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Listings {
    Table,
    Id,
    ExternalId,
    OrganizationId,
    ListingType,
    Title,
    TitleEn,
    Description,
    DescriptionEn,
    Sectors,
    Region,
    TargetRegions,
    AmountCnyMin,
    AmountCnyMax,
    Modes,
    Deadline,
    Status,
    Tags,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Listings::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Listings::Id))
                    .col(string_len_uniq(Listings::ExternalId, 128))
                    .col(big_integer(Listings::OrganizationId))
                    .col(string_len(Listings::ListingType, 32))
                    .col(string_len(Listings::Title, 800))
                    .col(string_len_null(Listings::TitleEn, 800))
                    .col(text(Listings::Description))
                    .col(text_null(Listings::DescriptionEn))
                    .col(text(Listings::Sectors))
                    .col(string_len(Listings::Region, 32))
                    .col(text_null(Listings::TargetRegions))
                    .col(big_integer_null(Listings::AmountCnyMin))
                    .col(big_integer_null(Listings::AmountCnyMax))
                    .col(text(Listings::Modes))
                    .col(date_null(Listings::Deadline))
                    .col(string_len(Listings::Status, 16))
                    .col(text(Listings::Tags))
                    .col(timestamp_with_time_zone_null(Listings::PublishedAt))
                    .col(timestamp_with_time_zone(Listings::CreatedAt))
                    .col(timestamp_with_time_zone(Listings::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Listings::Table, Listings::OrganizationId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_listings_organization", Listings::OrganizationId),
            ("idx_listings_status", Listings::Status),
            ("idx_listings_region", Listings::Region),
            ("idx_listings_type", Listings::ListingType),
        ] {
            manager
                .create_index(Index::create().name(name).table(Listings::Table).col(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Listings::Table).to_owned())
            .await
    }
}
