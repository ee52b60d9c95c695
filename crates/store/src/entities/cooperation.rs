use sea_orm::entity::prelude::*;

/// A cooperation between two organizations, from interest to production.
/// Names are kept as they were, so a deletion never erases a tracked project.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cooperations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub introduction_id: Option<i64>,
    pub a_org_id: Option<i64>,
    pub a_org_name: String,
    pub b_org_id: Option<i64>,
    pub b_org_name: String,
    pub a_listing_id: Option<i64>,
    pub b_listing_id: Option<i64>,
    pub title: String,
    /// The top-level sector slug of the project.
    pub sector: String,
    /// The region where the project lands.
    pub region: String,
    pub stage: String,
    /// When the current stage was reached.
    pub stage_date: Date,
    pub signed_on: Option<Date>,
    pub agreed_amount_cny: Option<i64>,
    pub key_project: bool,
    pub broker_user_id: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
