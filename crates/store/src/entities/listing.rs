use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "listings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub external_id: String,
    pub organization_id: i64,
    pub listing_type: String,
    pub title: String,
    pub title_en: Option<String>,
    pub description: String,
    pub description_en: Option<String>,
    /// JSON array of sector slugs.
    pub sectors: String,
    pub region: String,
    /// JSON array of region slugs; NULL means the counterpart regions of `region`.
    pub target_regions: Option<String>,
    pub amount_cny_min: Option<i64>,
    pub amount_cny_max: Option<i64>,
    /// JSON array of mode slugs.
    pub modes: String,
    pub deadline: Option<Date>,
    pub status: String,
    /// JSON array of tags.
    pub tags: String,
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
