//! Outbound webhooks: the subscriptions of organizations, the job queue of
//! deliveries (which survives restarts) and the log of every attempt.
//!
//! Queue times (`next_attempt_at`, `locked_until`) are Unix milliseconds, so
//! that the claim query compares integers the same way on both backends.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Webhooks {
    Table,
    Id,
    OrganizationId,
    Url,
    Events,
    Secret,
    Active,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookJobs {
    Table,
    Id,
    WebhookId,
    DeliveryId,
    Event,
    Payload,
    Status,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    JobId,
    WebhookId,
    Attempt,
    StatusCode,
    Error,
    DurationMs,
    Outcome,
    AttemptedAt,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Webhooks::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Webhooks::Id))
                    .col(big_integer(Webhooks::OrganizationId))
                    .col(string_len(Webhooks::Url, 2048))
                    .col(text(Webhooks::Events))
                    .col(string_len(Webhooks::Secret, 128))
                    .col(boolean(Webhooks::Active))
                    .col(big_integer_null(Webhooks::CreatedBy))
                    .col(timestamp_with_time_zone(Webhooks::CreatedAt))
                    .col(timestamp_with_time_zone(Webhooks::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Webhooks::Table, Webhooks::OrganizationId)
                            .to(Organizations::Table, Organizations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhooks_organization_id")
                    .table(Webhooks::Table)
                    .col(Webhooks::OrganizationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookJobs::Table)
                    .if_not_exists()
                    .col(big_pk_auto(WebhookJobs::Id))
                    .col(big_integer(WebhookJobs::WebhookId))
                    .col(string_len_uniq(WebhookJobs::DeliveryId, 64))
                    .col(string_len(WebhookJobs::Event, 64))
                    .col(text(WebhookJobs::Payload))
                    .col(string_len(WebhookJobs::Status, 16))
                    .col(integer(WebhookJobs::Attempts))
                    .col(big_integer(WebhookJobs::NextAttemptAt))
                    .col(big_integer_null(WebhookJobs::LockedUntil))
                    .col(text_null(WebhookJobs::LastError))
                    .col(timestamp_with_time_zone(WebhookJobs::CreatedAt))
                    .col(timestamp_with_time_zone(WebhookJobs::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookJobs::Table, WebhookJobs::WebhookId)
                            .to(Webhooks::Table, Webhooks::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_jobs_due")
                    .table(WebhookJobs::Table)
                    .col(WebhookJobs::Status)
                    .col(WebhookJobs::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WebhookDeliveries::Table)
                    .if_not_exists()
                    .col(big_pk_auto(WebhookDeliveries::Id))
                    .col(big_integer(WebhookDeliveries::JobId))
                    .col(big_integer(WebhookDeliveries::WebhookId))
                    .col(integer(WebhookDeliveries::Attempt))
                    .col(integer_null(WebhookDeliveries::StatusCode))
                    .col(text_null(WebhookDeliveries::Error))
                    .col(big_integer(WebhookDeliveries::DurationMs))
                    .col(string_len(WebhookDeliveries::Outcome, 16))
                    .col(timestamp_with_time_zone(WebhookDeliveries::AttemptedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WebhookDeliveries::Table, WebhookDeliveries::JobId)
                            .to(WebhookJobs::Table, WebhookJobs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_webhook_deliveries_webhook_id")
                    .table(WebhookDeliveries::Table)
                    .col(WebhookDeliveries::WebhookId)
                    .col(WebhookDeliveries::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            WebhookDeliveries::Table.into_iden(),
            WebhookJobs::Table.into_iden(),
            Webhooks::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
