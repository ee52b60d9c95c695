use sea_orm::entity::prelude::*;

/// One sensitive action. Rows are never updated or deleted (the database refuses).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub created_at: DateTimeUtc,
    pub actor_user_id: Option<i64>,
    pub actor_email: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    /// A JSON object with the particulars.
    pub detail: String,
}

impl ActiveModelBehavior for ActiveModel {}
