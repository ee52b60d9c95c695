use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub webhook_id: i64,
    /// Sent as `X-Hulian-Delivery` and the payload's `id`: the same on every attempt.
    #[sea_orm(unique)]
    pub delivery_id: String,
    pub event: String,
    /// The exact JSON body sent.
    pub payload: String,
    /// `pending`, `delivering`, `delivered` or `failed`.
    pub status: String,
    pub attempts: i32,
    /// Unix milliseconds.
    pub next_attempt_at: i64,
    /// Unix milliseconds: a `delivering` job whose worker died is claimable again after this.
    pub locked_until: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
