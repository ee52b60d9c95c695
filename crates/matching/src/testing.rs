//! Builders for tests: listings with sensible defaults, and a corpus turned
//! into profiles and an index in one call.

use chrono::NaiveDate;
use hulian_domain::{ListingRecord, ListingStatus, ListingType, Mode, OrgType, Region};

use crate::config::{MatchConfig, MatchContext};
use crate::index::MatchIndex;
use crate::profile::{ListingMeta, MatchProfile};
use crate::text::{DocTerms, TermStats};

pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

pub(crate) fn midnight(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp())
}

/// A listing plus the facts the index needs.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub record: ListingRecord,
    pub id: i64,
    pub org_id: i64,
    pub verified: bool,
    pub updated_at: i64,
}

impl Spec {
    pub fn new(id: i64, listing_type: ListingType, region: Region, sectors: &[&str], title: &str) -> Self {
        Spec {
            record: ListingRecord {
                external_id: format!("lst-{id}"),
                organization: format!("org-{id}"),
                listing_type,
                title: title.to_owned(),
                title_en: None,
                description: title.to_owned(),
                description_en: None,
                sectors: sectors.iter().map(|s| s.to_string()).collect(),
                region,
                target_regions: None,
                amount_cny_min: None,
                amount_cny_max: None,
                modes: Vec::new(),
                deadline: None,
                status: ListingStatus::Published,
                tags: Vec::new(),
            },
            id,
            org_id: id + 10_000,
            verified: false,
            updated_at: midnight(today()),
        }
    }

    pub fn org(mut self, org_id: i64) -> Self {
        self.org_id = org_id;
        self
    }

    pub fn status(mut self, status: ListingStatus) -> Self {
        self.record.status = status;
        self
    }

    pub fn deadline(mut self, date: NaiveDate) -> Self {
        self.record.deadline = Some(date);
        self
    }

    pub fn targets(mut self, regions: &[Region]) -> Self {
        self.record.target_regions = Some(regions.to_vec());
        self
    }

    pub fn amount(mut self, min: i64, max: i64) -> Self {
        self.record.amount_cny_min = Some(min);
        self.record.amount_cny_max = Some(max);
        self
    }

    pub fn modes(mut self, modes: &[Mode]) -> Self {
        self.record.modes = modes.to_vec();
        self
    }

    pub fn description(mut self, text: &str) -> Self {
        self.record.description = text.to_owned();
        self
    }

    pub fn verified(mut self, verified: bool) -> Self {
        self.verified = verified;
        self
    }

    pub fn updated(mut self, unix: i64) -> Self {
        self.updated_at = unix;
        self
    }

    fn meta(&self) -> ListingMeta {
        ListingMeta {
            id: self.id,
            org_id: self.org_id,
            org_type: OrgType::Enterprise,
            org_verified: self.verified,
            updated_at: self.updated_at,
        }
    }
}

/// Profiles of a corpus, with statistics over all of it.
pub(crate) struct Corpus {
    pub stats: TermStats,
    pub profiles: Vec<MatchProfile>,
    pub config: MatchConfig,
}

impl Corpus {
    pub fn new(specs: &[Spec]) -> Self {
        let docs: Vec<DocTerms> = specs.iter().map(|s| DocTerms::from_listing(&s.record)).collect();
        let stats = TermStats::from_documents(&docs);
        let profiles = specs
            .iter()
            .zip(&docs)
            .map(|(spec, doc)| MatchProfile::build(&spec.record, spec.meta(), doc, &stats))
            .collect();
        Corpus {
            stats,
            profiles,
            config: MatchConfig::default(),
        }
    }

    pub fn index(&self) -> MatchIndex {
        let mut index = MatchIndex::new();
        for profile in &self.profiles {
            index.upsert(profile.clone());
        }
        index
    }

    pub fn ctx(&self) -> MatchContext<'_> {
        MatchContext::new(today(), &self.config).with_terms(&self.stats)
    }

    pub fn profile(&self, id: i64) -> &MatchProfile {
        self.profiles
            .iter()
            .find(|p| p.id() == id)
            .unwrap_or_else(|| panic!("no profile {id}"))
    }
}
