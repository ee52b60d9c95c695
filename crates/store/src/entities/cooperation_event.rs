use sea_orm::entity::prelude::*;

/// One entry of a cooperation's timeline: created, a stage change, or the key-project flag.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cooperation_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub cooperation_id: i64,
    /// `created`, `stage` or `key_project`.
    pub kind: String,
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
    /// When it happened (which may be before it was recorded).
    pub event_date: Date,
    pub note: String,
    pub agreed_amount_cny: Option<i64>,
    pub key_project: Option<bool>,
    pub author_user_id: Option<i64>,
    pub author_name: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
