use sea_orm::entity::prelude::*;

/// An introduction between side A (who asked, or one side a promoter picked)
/// and side B (the listing asked about).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "introductions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    /// `interest` or `brokered`.
    pub kind: String,
    /// `pending`, `accepted`, `declined` or `withdrawn`.
    pub status: String,
    pub a_org_id: i64,
    pub a_listing_id: Option<i64>,
    pub b_org_id: i64,
    pub b_listing_id: i64,
    /// Each side's answer: `pending`, `accepted` or `declined`.
    pub a_response: String,
    pub b_response: String,
    pub a_responded_by: Option<i64>,
    pub b_responded_by: Option<i64>,
    pub broker_user_id: Option<i64>,
    pub created_by: i64,
    pub message: String,
    pub response_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
