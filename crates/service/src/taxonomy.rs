//! The vocabularies callers need to build forms and filters: sectors,
//! regions, listing types with their counterparts, modes, and the configured
//! counterpart pairs. Public.

use hulian_domain::taxonomy::SECTORS;
use hulian_domain::{ListingType, Mode, OrgType, Ownership, Region, Sector};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::App;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Term {
    pub slug: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ListingTypeTerm {
    pub slug: String,
    pub zh: String,
    pub en: String,
    /// The listing types this type is looking for.
    pub counterparts: Vec<ListingType>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaxonomyView {
    pub sectors: Vec<Sector>,
    pub regions: Vec<Term>,
    pub listing_types: Vec<ListingTypeTerm>,
    pub modes: Vec<Term>,
    pub org_types: Vec<Term>,
    pub ownerships: Vec<Term>,
    /// Configured counterpart pairs, e.g. `["shanghai", "dalian"]`.
    pub counterpart_pairs: Vec<[Region; 2]>,
}

macro_rules! terms {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|v| Term {
                slug: v.as_str().to_owned(),
                zh: v.zh().to_owned(),
                en: v.en().to_owned(),
            })
            .collect()
    };
}

impl App {
    pub fn taxonomy(&self) -> TaxonomyView {
        TaxonomyView {
            sectors: SECTORS.to_vec(),
            regions: terms!(Region),
            listing_types: ListingType::ALL
                .iter()
                .map(|t| ListingTypeTerm {
                    slug: t.as_str().to_owned(),
                    zh: t.zh().to_owned(),
                    en: t.en().to_owned(),
                    counterparts: t.counterparts().to_vec(),
                })
                .collect(),
            modes: terms!(Mode),
            org_types: terms!(OrgType),
            ownerships: terms!(Ownership),
            counterpart_pairs: self.config.counterparts.pairs().iter().map(|&(a, b)| [a, b]).collect(),
        }
    }
}
