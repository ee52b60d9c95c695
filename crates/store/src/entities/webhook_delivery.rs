use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub job_id: i64,
    pub webhook_id: i64,
    /// 1 for the first attempt.
    pub attempt: i32,
    pub status_code: Option<i32>,
    pub error: Option<String>,
    pub duration_ms: i64,
    /// `delivered`, `retrying` or `failed`.
    pub outcome: String,
    pub attempted_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
