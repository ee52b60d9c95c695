//! Introductions between two organizations (one of which may have been
//! brokered by a promoter), the cooperations accepted introductions become,
//! and each cooperation's timeline.
//!
//! Cooperations outlive the organizations and listings they began with: they
//! keep the names they were made with and their references turn NULL, so a
//! coordinating office never loses a tracked project to a deletion.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Introductions {
    Table,
    Id,
    PublicId,
    Kind,
    Status,
    AOrgId,
    AListingId,
    BOrgId,
    BListingId,
    AResponse,
    BResponse,
    ARespondedBy,
    BRespondedBy,
    BrokerUserId,
    CreatedBy,
    Message,
    ResponseNote,
    CreatedAt,
    UpdatedAt,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Cooperations {
    Table,
    Id,
    PublicId,
    IntroductionId,
    AOrgId,
    AOrgName,
    BOrgId,
    BOrgName,
    AListingId,
    BListingId,
    Title,
    Sector,
    Region,
    Stage,
    StageDate,
    SignedOn,
    AgreedAmountCny,
    KeyProject,
    BrokerUserId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CooperationEvents {
    Table,
    Id,
    CooperationId,
    Kind,
    FromStage,
    ToStage,
    EventDate,
    Note,
    AgreedAmountCny,
    KeyProject,
    AuthorUserId,
    AuthorName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Listings {
    Table,
    Id,
}

fn reference(
    from_table: impl IntoIden,
    from_column: impl IntoIden,
    to_table: impl IntoIden,
    to_column: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_column)
        .to(to_table, to_column)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, SetNull};
        manager
            .create_table(
                Table::create()
                    .table(Introductions::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Introductions::Id))
                    .col(string_len_uniq(Introductions::PublicId, 64))
                    .col(string_len(Introductions::Kind, 16))
                    .col(string_len(Introductions::Status, 16))
                    .col(big_integer(Introductions::AOrgId))
                    .col(big_integer_null(Introductions::AListingId))
                    .col(big_integer(Introductions::BOrgId))
                    .col(big_integer(Introductions::BListingId))
                    .col(string_len(Introductions::AResponse, 16))
                    .col(string_len(Introductions::BResponse, 16))
                    .col(big_integer_null(Introductions::ARespondedBy))
                    .col(big_integer_null(Introductions::BRespondedBy))
                    .col(big_integer_null(Introductions::BrokerUserId))
                    .col(big_integer(Introductions::CreatedBy))
                    .col(text(Introductions::Message))
                    .col(text_null(Introductions::ResponseNote))
                    .col(timestamp_with_time_zone(Introductions::CreatedAt))
                    .col(timestamp_with_time_zone(Introductions::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Introductions::DecidedAt))
                    .foreign_key(&mut reference(
                        Introductions::Table,
                        Introductions::AOrgId,
                        Organizations::Table,
                        Organizations::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut reference(
                        Introductions::Table,
                        Introductions::BOrgId,
                        Organizations::Table,
                        Organizations::Id,
                        Cascade,
                    ))
                    .foreign_key(&mut reference(
                        Introductions::Table,
                        Introductions::AListingId,
                        Listings::Table,
                        Listings::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut reference(
                        Introductions::Table,
                        Introductions::BListingId,
                        Listings::Table,
                        Listings::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_introductions_a_org", Introductions::AOrgId),
            ("idx_introductions_b_org", Introductions::BOrgId),
            ("idx_introductions_b_listing", Introductions::BListingId),
            ("idx_introductions_created_by", Introductions::CreatedBy),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Introductions::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Cooperations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Cooperations::Id))
                    .col(string_len_uniq(Cooperations::PublicId, 64))
                    .col(big_integer_null(Cooperations::IntroductionId).unique_key())
                    .col(big_integer_null(Cooperations::AOrgId))
                    .col(string_len(Cooperations::AOrgName, 200))
                    .col(big_integer_null(Cooperations::BOrgId))
                    .col(string_len(Cooperations::BOrgName, 200))
                    .col(big_integer_null(Cooperations::AListingId))
                    .col(big_integer_null(Cooperations::BListingId))
                    .col(string_len(Cooperations::Title, 800))
                    .col(string_len(Cooperations::Sector, 64))
                    .col(string_len(Cooperations::Region, 32))
                    .col(string_len(Cooperations::Stage, 16))
                    .col(date(Cooperations::StageDate))
                    .col(date_null(Cooperations::SignedOn))
                    .col(big_integer_null(Cooperations::AgreedAmountCny))
                    .col(boolean(Cooperations::KeyProject).default(false))
                    .col(big_integer_null(Cooperations::BrokerUserId))
                    .col(timestamp_with_time_zone(Cooperations::CreatedAt))
                    .col(timestamp_with_time_zone(Cooperations::UpdatedAt))
                    .foreign_key(&mut reference(
                        Cooperations::Table,
                        Cooperations::IntroductionId,
                        Introductions::Table,
                        Introductions::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut reference(
                        Cooperations::Table,
                        Cooperations::AOrgId,
                        Organizations::Table,
                        Organizations::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut reference(
                        Cooperations::Table,
                        Cooperations::BOrgId,
                        Organizations::Table,
                        Organizations::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut reference(
                        Cooperations::Table,
                        Cooperations::AListingId,
                        Listings::Table,
                        Listings::Id,
                        SetNull,
                    ))
                    .foreign_key(&mut reference(
                        Cooperations::Table,
                        Cooperations::BListingId,
                        Listings::Table,
                        Listings::Id,
                        SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_cooperations_a_org", Cooperations::AOrgId),
            ("idx_cooperations_b_org", Cooperations::BOrgId),
            ("idx_cooperations_stage", Cooperations::Stage),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Cooperations::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(CooperationEvents::Table)
                    .if_not_exists()
                    .col(big_pk_auto(CooperationEvents::Id))
                    .col(big_integer(CooperationEvents::CooperationId))
                    .col(string_len(CooperationEvents::Kind, 16))
                    .col(string_len_null(CooperationEvents::FromStage, 16))
                    .col(string_len_null(CooperationEvents::ToStage, 16))
                    .col(date(CooperationEvents::EventDate))
                    .col(text(CooperationEvents::Note))
                    .col(big_integer_null(CooperationEvents::AgreedAmountCny))
                    .col(boolean_null(CooperationEvents::KeyProject))
                    .col(big_integer_null(CooperationEvents::AuthorUserId))
                    .col(string_len(CooperationEvents::AuthorName, 200))
                    .col(timestamp_with_time_zone(CooperationEvents::CreatedAt))
                    .foreign_key(&mut reference(
                        CooperationEvents::Table,
                        CooperationEvents::CooperationId,
                        Cooperations::Table,
                        Cooperations::Id,
                        Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_cooperation_events_cooperation")
                    .table(CooperationEvents::Table)
                    .col(CooperationEvents::CooperationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CooperationEvents::Table.into_iden(),
            Cooperations::Table.into_iden(),
            Introductions::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
