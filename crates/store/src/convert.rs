//! Rows to domain records and back. Arrays are JSON text in the database.

use hulian_domain::{
    Contact, ListingRecord, ListingStatus, ListingType, Mode, OrgType, OrganizationRecord, Ownership, Region,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::entities::{listing, organization};
use crate::error::StoreError;

pub fn to_json_text<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".to_owned())
}

fn from_json_text<T: DeserializeOwned>(table: &'static str, text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt {
        table,
        reason: e.to_string(),
    })
}

fn slug<T>(table: &'static str, value: &str, parse: fn(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(value).ok_or_else(|| StoreError::Corrupt {
        table,
        reason: format!("unknown slug `{value}`"),
    })
}

pub fn organization_record(row: &organization::Model) -> Result<OrganizationRecord, StoreError> {
    const T: &str = "organizations";
    let contact = Contact {
        name: row.contact_name.clone(),
        email: row.contact_email.clone(),
        phone: row.contact_phone.clone(),
    };
    Ok(OrganizationRecord {
        external_id: row.external_id.clone(),
        name: row.name.clone(),
        name_en: row.name_en.clone(),
        org_type: slug(T, &row.org_type, OrgType::parse)?,
        region: slug(T, &row.region, Region::parse)?,
        district: row.district.clone(),
        sectors: from_json_text(T, &row.sectors)?,
        ownership: row
            .ownership
            .as_deref()
            .map(|o| slug(T, o, Ownership::parse))
            .transpose()?,
        description: row.description.clone(),
        description_en: row.description_en.clone(),
        website: row.website.clone(),
        contact: (!contact.is_empty()).then_some(contact),
    })
}

/// Copies a record's fields onto an active model (id and timestamps untouched).
pub fn apply_organization(active: &mut organization::ActiveModel, record: &OrganizationRecord) {
    use sea_orm::Set;
    let contact = record.contact.clone().unwrap_or_default();
    active.external_id = Set(record.external_id.clone());
    active.name = Set(record.name.clone());
    active.name_en = Set(record.name_en.clone());
    active.org_type = Set(record.org_type.as_str().to_owned());
    active.region = Set(record.region.as_str().to_owned());
    active.district = Set(record.district.clone());
    active.sectors = Set(to_json_text(&record.sectors));
    active.ownership = Set(record.ownership.map(|o| o.as_str().to_owned()));
    active.description = Set(record.description.clone());
    active.description_en = Set(record.description_en.clone());
    active.website = Set(record.website.clone());
    active.contact_name = Set(contact.name);
    active.contact_email = Set(contact.email);
    active.contact_phone = Set(contact.phone);
}

pub fn listing_record(row: &listing::Model, organization_external_id: &str) -> Result<ListingRecord, StoreError> {
    const T: &str = "listings";
    let target_regions: Option<Vec<String>> = row
        .target_regions
        .as_deref()
        .map(|text| from_json_text(T, text))
        .transpose()?;
    let modes: Vec<String> = from_json_text(T, &row.modes)?;
    Ok(ListingRecord {
        external_id: row.external_id.clone(),
        organization: organization_external_id.to_owned(),
        listing_type: slug(T, &row.listing_type, ListingType::parse)?,
        title: row.title.clone(),
        title_en: row.title_en.clone(),
        description: row.description.clone(),
        description_en: row.description_en.clone(),
        sectors: from_json_text(T, &row.sectors)?,
        region: slug(T, &row.region, Region::parse)?,
        target_regions: target_regions
            .map(|regions| {
                regions
                    .iter()
                    .map(|r| slug(T, r, Region::parse))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?,
        amount_cny_min: row.amount_cny_min,
        amount_cny_max: row.amount_cny_max,
        modes: modes
            .iter()
            .map(|m| slug(T, m, Mode::parse))
            .collect::<Result<Vec<_>, _>>()?,
        deadline: row.deadline,
        status: slug(T, &row.status, ListingStatus::parse)?,
        tags: from_json_text(T, &row.tags)?,
    })
}

/// Copies a record's fields onto an active model (id, organization and timestamps untouched).
pub fn apply_listing(active: &mut listing::ActiveModel, record: &ListingRecord) {
    use sea_orm::Set;
    let slugs = |regions: &Vec<Region>| to_json_text(&regions.iter().map(|r| r.as_str()).collect::<Vec<_>>());
    active.external_id = Set(record.external_id.clone());
    active.listing_type = Set(record.listing_type.as_str().to_owned());
    active.title = Set(record.title.clone());
    active.title_en = Set(record.title_en.clone());
    active.description = Set(record.description.clone());
    active.description_en = Set(record.description_en.clone());
    active.sectors = Set(to_json_text(&record.sectors));
    active.region = Set(record.region.as_str().to_owned());
    active.target_regions = Set(record.target_regions.as_ref().map(slugs));
    active.amount_cny_min = Set(record.amount_cny_min);
    active.amount_cny_max = Set(record.amount_cny_max);
    active.modes = Set(to_json_text(
        &record.modes.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
    ));
    active.deadline = Set(record.deadline);
    active.status = Set(record.status.as_str().to_owned());
    active.tags = Set(to_json_text(&record.tags));
}
