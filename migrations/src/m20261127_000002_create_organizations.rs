//! Organizations and who may edit them (memberships with a role there).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261127_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub(crate) enum Organizations {
    Table,
    Id,
    ExternalId,
    Name,
    NameEn,
    OrgType,
    Region,
    District,
    Sectors,
    Ownership,
    Description,
    DescriptionEn,
    Website,
    ContactName,
    ContactEmail,
    ContactPhone,
    Verified,
    VerifiedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    UserId,
    OrganizationId,
    Role,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organizations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Organizations::Id))
                    .col(string_len_uniq(Organizations::ExternalId, 128))
                    .col(string_len(Organizations::Name, 800))
                    .col(string_len_null(Organizations::NameEn, 800))
                    .col(string_len(Organizations::OrgType, 32))
                    .col(string_len(Organizations::Region, 32))
                    .col(string_len_null(Organizations::District, 400))
                    .col(text(Organizations::Sectors))
                    .col(string_len_null(Organizations::Ownership, 32))
                    .col(text(Organizations::Description))
                    .col(text_null(Organizations::DescriptionEn))
                    .col(text_null(Organizations::Website))
                    .col(text_null(Organizations::ContactName))
                    .col(text_null(Organizations::ContactEmail))
                    .col(text_null(Organizations::ContactPhone))
                    .col(boolean(Organizations::Verified).default(false))
                    .col(timestamp_with_time_zone_null(Organizations::VerifiedAt))
                    .col(timestamp_with_time_zone(Organizations::CreatedAt))
                    .col(timestamp_with_time_zone(Organizations::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_organizations_region", Organizations::Region),
            ("idx_organizations_org_type", Organizations::OrgType),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Organizations::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .if_not_exists()
                    .col(big_integer(Memberships::UserId))
                    .col(big_integer(Memberships::OrganizationId))
                    .col(string_len(Memberships::Role, 16))
                    .col(timestamp_with_time_zone(Memberships::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(Memberships::UserId)
                            .col(Memberships::OrganizationId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Memberships::Table, Memberships::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Memberships::Table, Memberships::OrganizationId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_memberships_organization")
                    .table(Memberships::Table)
                    .col(Memberships::OrganizationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Memberships::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Organizations::Table).to_owned())
            .await
    }
}
