//! Listings: projects, needs, offers, park space, fund mandates and technologies.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::enums::{ListingStatus, ListingType, Mode};
use crate::organization::{MAX_NAME, MAX_SECTORS, check_sector};
use crate::region::{Counterparts, Region};
use crate::validation::{FieldReader, ValidationErrors, check_external_id};

pub const MAX_TITLE: usize = MAX_NAME;
pub const MAX_LISTING_DESCRIPTION: usize = 20_000;
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG: usize = 50;

/// A listing as the exchange format (version 1) describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ListingRecord {
    pub external_id: String,
    /// `external_id` of the owning organization.
    pub organization: String,
    pub listing_type: ListingType,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    pub sectors: Vec<String>,
    pub region: Region,
    /// Where partners are sought; absent means the counterpart regions of `region`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_regions: Option<Vec<Region>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_cny_min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_cny_max: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<Mode>,
    /// After this date the listing is expired and is not matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub deadline: Option<NaiveDate>,
    #[serde(default = "default_status")]
    pub status: ListingStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

fn default_status() -> ListingStatus {
    ListingStatus::Published
}

pub(crate) const LISTING_FIELDS: &[&str] = &[
    "external_id",
    "organization",
    "listing_type",
    "title",
    "title_en",
    "description",
    "description_en",
    "sectors",
    "region",
    "target_regions",
    "amount_cny_min",
    "amount_cny_max",
    "modes",
    "deadline",
    "status",
    "tags",
];

fn check_tag(tag: &str) -> Result<(), (&'static str, String)> {
    if tag.trim().is_empty() {
        return Err(("required", "tags must not be empty".to_owned()));
    }
    if tag.chars().count() > MAX_TAG {
        return Err(("too_long", format!("each tag must be at most {MAX_TAG} characters")));
    }
    Ok(())
}

impl ListingRecord {
    /// Validates a JSON object (without `kind`) into a listing, reporting every failing field.
    pub fn from_json(map: &Map<String, Value>) -> Result<Self, ValidationErrors> {
        Self::read(map, LISTING_FIELDS)
    }

    pub(crate) fn read(map: &Map<String, Value>, allowed: &[&str]) -> Result<Self, ValidationErrors> {
        let mut r = FieldReader::new(map, allowed, "");
        let external_id = r.external_id("external_id");
        let organization = r.external_id("organization");
        let listing_type = r.slug("listing_type", true, ListingType::parse, &ListingType::slugs());
        let title = r.string("title", true, MAX_TITLE);
        let title_en = r.string("title_en", false, MAX_TITLE);
        let description = r.string("description", true, MAX_LISTING_DESCRIPTION);
        let description_en = r.string("description_en", false, MAX_LISTING_DESCRIPTION);
        let sectors = r.string_list("sectors", 1, MAX_SECTORS, check_sector);
        let region = r.slug("region", true, Region::parse, &Region::slugs());
        let target_regions = r.slug_list("target_regions", 0, Region::ALL.len(), Region::parse, &Region::slugs());
        let amount_cny_min = r.amount("amount_cny_min");
        let amount_cny_max = r.amount("amount_cny_max");
        if let (Some(min), Some(max)) = (amount_cny_min, amount_cny_max)
            && min > max
        {
            r.fail("amount_cny_min", "out_of_range", "must not exceed amount_cny_max");
        }
        let modes = r.slug_list("modes", 0, Mode::ALL.len(), Mode::parse, &Mode::slugs());
        let deadline = r.date("deadline");
        let status = r.slug("status", false, ListingStatus::parse, &ListingStatus::slugs());
        let tags = r.string_list("tags", 0, MAX_TAGS, check_tag);
        r.finish(|| {
            Some(ListingRecord {
                external_id: external_id?,
                organization: organization?,
                listing_type: listing_type?,
                title: title?,
                title_en,
                description: description?,
                description_en,
                sectors: sectors?,
                region: region?,
                target_regions,
                amount_cny_min,
                amount_cny_max,
                modes: modes.unwrap_or_default(),
                deadline,
                status: status.unwrap_or(ListingStatus::Published),
                tags: tags
                    .map(|t| t.into_iter().map(|tag| tag.trim().to_owned()).collect())
                    .unwrap_or_default(),
            })
        })
    }

    /// Expired: the deadline has passed (the deadline day itself still counts).
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        self.deadline.is_some_and(|d| d < today)
    }

    /// Whether anyone but the owners may see it: published and not expired.
    pub fn is_public(&self, today: NaiveDate) -> bool {
        self.status == ListingStatus::Published && !self.is_expired(today)
    }

    /// Where partners are sought, with the default applied.
    pub fn effective_target_regions(&self, counterparts: &Counterparts) -> Vec<Region> {
        match &self.target_regions {
            Some(regions) if !regions.is_empty() => regions.clone(),
            _ => counterparts.of(self.region),
        }
    }
}

/// Whether a string is acceptable as an external id; re-exported for callers that mint ids.
pub fn is_valid_external_id(value: &str) -> bool {
    check_external_id(value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn listing(value: Value) -> Result<ListingRecord, ValidationErrors> {
        ListingRecord::from_json(value.as_object().unwrap_or_else(|| panic!("object")))
    }

    fn base() -> Value {
        json!({"external_id":"dl-prj-0001","organization":"dl-ent-0001","listing_type":"project","title":"智能港口起重机生产线技改项目","description":"拟引进战略投资者","sectors":["equipment","port_logistics"],"region":"dalian","amount_cny_min":200000000,"amount_cny_max":500000000,"modes":["equity","joint_venture"],"deadline":"2027-12-31"})
    }

    #[test]
    fn accepts_the_spec_example_with_defaults() {
        let parsed = listing(base()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.status, ListingStatus::Published);
        assert_eq!(
            parsed.effective_target_regions(&Counterparts::default()),
            vec![Region::Shanghai]
        );
        let today = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap_or_default();
        assert!(parsed.is_public(today));
        assert!(!parsed.is_public(today.succ_opt().unwrap_or_default()));
    }

    #[test]
    fn amounts_must_be_ordered_whole_and_non_negative() {
        let mut value = base();
        value["amount_cny_min"] = json!(600000000);
        assert_eq!(listing(value).err().unwrap_or_default().0[0].field, "amount_cny_min");
        let mut value = base();
        value["amount_cny_max"] = json!(1.5);
        assert_eq!(listing(value).err().unwrap_or_default().0[0].code, "invalid_type");
        let mut value = base();
        value["amount_cny_max"] = json!("500");
        assert_eq!(listing(value).err().unwrap_or_default().0[0].code, "invalid_type");
    }

    #[test]
    fn limits_on_tags_and_sectors() {
        let mut value = base();
        value["tags"] = json!((0..21).map(|i| format!("t{i}")).collect::<Vec<_>>());
        assert_eq!(listing(value).err().unwrap_or_default().0[0].code, "too_many");
        let mut value = base();
        value["tags"] = json!(["x".repeat(51)]);
        assert_eq!(listing(value).err().unwrap_or_default().0[0].code, "too_long");
        let mut value = base();
        value["sectors"] = json!(["equipment", "finance", "trade", "health", "tourism", "auto"]);
        assert_eq!(listing(value).err().unwrap_or_default().0[0].code, "too_many");
    }
}
