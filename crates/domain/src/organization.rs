//! Organizations: enterprises, parks, funds, agencies, associations, institutes.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::ToSchema;

use crate::enums::{OrgType, Ownership};
use crate::region::Region;
use crate::taxonomy;
use crate::validation::{FieldReader, ValidationErrors, check_url};

/// Private contact details: shown only to parties of an accepted introduction and to admins.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.email.is_none() && self.phone.is_none()
    }
}

/// An organization as the exchange format (version 1) describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationRecord {
    /// Stable key chosen by the data owner: 1–128 characters of `[A-Za-z0-9._:-]`.
    pub external_id: String,
    /// 1–200 characters, usually Chinese.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub org_type: OrgType,
    pub region: Region,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// 1–5 sector slugs; a sub-sector (`parent.child`) counts for its parent.
    pub sectors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<Ownership>,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

pub(crate) const ORGANIZATION_FIELDS: &[&str] = &[
    "external_id",
    "name",
    "name_en",
    "org_type",
    "region",
    "district",
    "sectors",
    "ownership",
    "description",
    "description_en",
    "website",
    "contact",
];

pub const MAX_NAME: usize = 200;
pub const MAX_DISTRICT: usize = 100;
pub const MAX_ORG_DESCRIPTION: usize = 10_000;
pub const MAX_SECTORS: usize = 5;
const MAX_CONTACT_FIELD: usize = 200;

pub(crate) fn check_sector(slug: &str) -> Result<(), (&'static str, String)> {
    if taxonomy::is_known(slug) {
        Ok(())
    } else {
        Err(("invalid_value", format!("`{slug}` is not a sector slug")))
    }
}

impl OrganizationRecord {
    /// Validates a JSON object (without `kind`) into an organization, reporting every failing field.
    pub fn from_json(map: &Map<String, Value>) -> Result<Self, ValidationErrors> {
        Self::read(map, ORGANIZATION_FIELDS)
    }

    pub(crate) fn read(map: &Map<String, Value>, allowed: &[&str]) -> Result<Self, ValidationErrors> {
        let mut r = FieldReader::new(map, allowed, "");
        let external_id = r.external_id("external_id");
        let name = r.string("name", true, MAX_NAME);
        let name_en = r.string("name_en", false, MAX_NAME);
        let org_type = r.slug("org_type", true, OrgType::parse, &OrgType::slugs());
        let region = r.slug("region", true, Region::parse, &Region::slugs());
        let district = r.string("district", false, MAX_DISTRICT);
        let sectors = r.string_list("sectors", 1, MAX_SECTORS, check_sector);
        let ownership = r.slug("ownership", false, Ownership::parse, &Ownership::slugs());
        let description = r.string("description", true, MAX_ORG_DESCRIPTION);
        let description_en = r.string("description_en", false, MAX_ORG_DESCRIPTION);
        let website = r.string("website", false, 2000);
        if let Some(url) = &website
            && let Err((code, message)) = check_url(url)
        {
            r.fail("website", code, message);
        }
        let contact = r.object("contact").map(|contact_map| {
            let mut c = FieldReader::new(contact_map, &["name", "email", "phone"], "contact.");
            let contact = Contact {
                name: c.string("name", false, MAX_CONTACT_FIELD),
                email: c.string("email", false, MAX_CONTACT_FIELD),
                phone: c.string("phone", false, 50),
            };
            if contact.email.as_deref().is_some_and(|e| !looks_like_email(e)) {
                c.fail("email", "invalid_format", "must be an email address");
            }
            r.errors.0.extend(c.errors.0);
            contact
        });
        r.finish(|| {
            Some(OrganizationRecord {
                external_id: external_id?,
                name: name?,
                name_en,
                org_type: org_type?,
                region: region?,
                district,
                sectors: sectors?,
                ownership,
                description: description?,
                description_en,
                website,
                contact: contact.filter(|c| !c.is_empty()),
            })
        })
    }
}

pub fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn org(value: Value) -> Result<OrganizationRecord, ValidationErrors> {
        OrganizationRecord::from_json(value.as_object().unwrap_or_else(|| panic!("object")))
    }

    #[test]
    fn accepts_the_spec_example() {
        let parsed = org(
            json!({"external_id":"dl-ent-0001","name":"大连北湾重型装备有限公司","name_en":"Dalian Beiwan Heavy Equipment Co.","org_type":"enterprise","region":"dalian","district":"金普新区","sectors":["equipment"],"ownership":"soe","description":"大型港口起重机和冶金装备制造商。"}),
        );
        let parsed = parsed.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.region, Region::Dalian);
        assert_eq!(parsed.ownership, Some(Ownership::Soe));
    }

    #[test]
    fn reports_every_bad_field() {
        let errors = org(json!({"external_id":"bad id","name":"","org_type":"bank","region":"beijing","sectors":[],"description":"x","website":"nope","contact":{"email":"no","fax":"1"}}))
            .err()
            .unwrap_or_default();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "external_id",
                "name",
                "org_type",
                "region",
                "sectors",
                "website",
                "contact.fax",
                "contact.email"
            ]
        );
    }
}
