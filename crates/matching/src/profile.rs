//! The compact, precomputed form of one listing that the engine compares:
//! bitmasks for regions, sectors and modes, integers for amounts and dates,
//! and the listing's text vector.
//!
//! The service builds a [`MatchProfile`] from a [`ListingRecord`], what it
//! knows of the owning organization ([`ListingMeta`]) and the listing's
//! [`DocTerms`] weighed by the corpus [`TermStats`]. Nothing here decides
//! whether two listings match; see `rules` and `factors`.

use chrono::NaiveDate;
use hulian_domain::{ListingRecord, ListingStatus, ListingType, Mode, OrgType, Region};

use crate::sector::SectorSet;
use crate::text::{DocTerms, TermStats, TextVector};

/// Facts about a listing that live outside its record: database ids, the
/// owning organization, and when the listing last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingMeta {
    /// The listing's internal id.
    pub id: i64,
    /// The owning organization's internal id.
    pub org_id: i64,
    pub org_type: OrgType,
    /// Whether the platform has verified the organization.
    pub org_verified: bool,
    /// Last change of the listing, unix seconds.
    pub updated_at: i64,
}

/// Position of a region in [`Region::ALL`] (the enum's declaration order).
pub(crate) const fn region_index(region: Region) -> usize {
    region as usize
}

pub(crate) const REGION_COUNT: usize = Region::ALL.len();
const _: () = assert!(REGION_COUNT <= 8);

/// A set of regions as a bitmask over [`Region::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RegionSet(pub(crate) u8);

impl RegionSet {
    pub fn of(regions: &[Region]) -> Self {
        RegionSet(regions.iter().fold(0u8, |mask, &r| mask | (1 << region_index(r))))
    }

    pub fn contains(self, region: Region) -> bool {
        self.0 & (1 << region_index(region)) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn regions(self) -> Vec<Region> {
        Region::ALL.iter().copied().filter(|&r| self.contains(r)).collect()
    }
}

/// Position of a mode in [`Mode::ALL`] (the enum's declaration order).
pub(crate) const fn mode_index(mode: Mode) -> usize {
    mode as usize
}

pub(crate) const MODE_RELOCATION: usize = mode_index(Mode::Relocation);
pub(crate) const MODE_LEASE: usize = mode_index(Mode::Lease);
pub(crate) const MODE_BRANCH: usize = mode_index(Mode::Branch);

const _: () = assert!(Mode::ALL.len() <= 16);

/// A set of cooperation modes as a bitmask over [`Mode::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct ModeSet(pub(crate) u16);

impl ModeSet {
    pub fn of(modes: &[Mode]) -> Self {
        ModeSet(modes.iter().fold(0u16, |mask, &m| mask | (1 << mode_index(m))))
    }

    pub fn contains(self, mode: Mode) -> bool {
        self.0 & (1 << mode_index(mode)) != 0
    }

    pub fn intersects(self, other: ModeSet) -> bool {
        self.0 & other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn modes(self) -> Vec<Mode> {
        Mode::ALL.iter().copied().filter(|&m| self.contains(m)).collect()
    }
}

/// Whether a listing's amount is a range it accepts (a fund's ticket, an
/// offer's capacity, a park's intake) or a size it brings (a project's
/// investment sought, a need's budget, a technology's price).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AmountRole {
    Accepts,
    Brings,
}

impl AmountRole {
    pub fn of(listing_type: ListingType) -> Self {
        match listing_type {
            ListingType::FundMandate | ListingType::Offer | ListingType::ParkSpace => AmountRole::Accepts,
            ListingType::Project | ListingType::Need | ListingType::Technology => AmountRole::Brings,
        }
    }
}

/// An amount range in yuan, both ends inclusive; `max` is `i64::MAX` when open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    pub min: i64,
    pub max: i64,
}

impl Amount {
    /// Reads a record's amounts. A lone bound is a point for a listing that
    /// brings an amount, and a half-open range for one that accepts amounts.
    pub fn from_record(min: Option<i64>, max: Option<i64>, role: AmountRole) -> Option<Amount> {
        let amount = match (min, max, role) {
            (Some(a), Some(b), _) => Amount {
                min: a.min(b),
                max: a.max(b),
            },
            (Some(a), None, AmountRole::Brings) => Amount { min: a, max: a },
            (Some(a), None, AmountRole::Accepts) => Amount { min: a, max: i64::MAX },
            (None, Some(b), AmountRole::Brings) => Amount { min: b, max: b },
            (None, Some(b), AmountRole::Accepts) => Amount { min: 0, max: b },
            (None, None, _) => return None,
        };
        (amount.max > 0).then_some(Amount {
            min: amount.min.max(0),
            ..amount
        })
    }

    pub fn is_open(self) -> bool {
        self.max == i64::MAX
    }
}

/// Days since 0001-01-01 of a date, for cheap comparisons.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    chrono::Datelike::num_days_from_ce(&date)
}

/// The fields every candidate check and cheap factor reads, small and `Copy`
/// so the index can keep them packed together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Core {
    pub id: i64,
    pub org_id: i64,
    pub updated_at: i64,
    pub amount: Option<Amount>,
    pub sectors: SectorSet,
    /// Day number of the deadline, `i32::MAX` when there is none.
    pub deadline: i32,
    pub modes: ModeSet,
    pub explicit_targets: Option<RegionSet>,
    pub listing_type: ListingType,
    pub region: Region,
    pub status: ListingStatus,
    pub verified: bool,
    /// Share of the text that is Chinese (see `text`), for text bounds.
    pub cjk_share: f32,
}

/// One listing, precomputed for matching.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchProfile {
    pub(crate) core: Core,
    pub(crate) org_type: OrgType,
    pub(crate) text: TextVector,
    pub(crate) title: Box<str>,
    pub(crate) tags: Box<[Box<str>]>,
}

impl MatchProfile {
    /// Builds a profile. `terms` are the listing's [`DocTerms`] (already counted
    /// in `stats` if the listing is part of the corpus).
    pub fn build(listing: &ListingRecord, meta: ListingMeta, terms: &DocTerms, stats: &TermStats) -> Self {
        Self::with_text(listing, meta, TextVector::build(terms, stats))
    }

    /// Builds a profile around a text vector made elsewhere.
    pub fn with_text(listing: &ListingRecord, meta: ListingMeta, text: TextVector) -> Self {
        let role = AmountRole::of(listing.listing_type);
        let explicit_targets = listing
            .target_regions
            .as_ref()
            .filter(|regions| !regions.is_empty())
            .map(|regions| RegionSet::of(regions));
        MatchProfile {
            core: Core {
                id: meta.id,
                org_id: meta.org_id,
                updated_at: meta.updated_at,
                amount: Amount::from_record(listing.amount_cny_min, listing.amount_cny_max, role),
                sectors: SectorSet::from_slugs(&listing.sectors),
                deadline: listing.deadline.map_or(i32::MAX, day_number),
                modes: ModeSet::of(&listing.modes),
                explicit_targets,
                listing_type: listing.listing_type,
                region: listing.region,
                status: listing.status,
                verified: meta.org_verified,
                cjk_share: text.cjk_share(),
            },
            org_type: meta.org_type,
            text,
            title: listing.title.as_str().into(),
            tags: listing.tags.iter().map(|t| t.as_str().into()).collect(),
        }
    }

    pub fn id(&self) -> i64 {
        self.core.id
    }

    pub fn org_id(&self) -> i64 {
        self.core.org_id
    }

    pub fn org_type(&self) -> OrgType {
        self.org_type
    }

    pub fn listing_type(&self) -> ListingType {
        self.core.listing_type
    }

    pub fn region(&self) -> Region {
        self.core.region
    }

    pub fn status(&self) -> ListingStatus {
        self.core.status
    }

    pub fn sectors(&self) -> SectorSet {
        self.core.sectors
    }

    pub fn modes(&self) -> ModeSet {
        self.core.modes
    }

    pub fn amount(&self) -> Option<Amount> {
        self.core.amount
    }

    /// The regions named in `target_regions`, if any (otherwise the
    /// counterparts of the configuration apply).
    pub fn explicit_targets(&self) -> Option<RegionSet> {
        self.core.explicit_targets
    }

    pub fn text(&self) -> &TextVector {
        &self.text
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// Whether anyone but its owners may see it on `today`: published, not past its deadline.
    pub fn is_public(&self, today: NaiveDate) -> bool {
        self.core.status == ListingStatus::Published && self.core.deadline >= day_number(today)
    }

    /// Rough heap and inline size in bytes, for capacity planning.
    pub fn memory_estimate(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.text.heap_bytes()
            + self.title.len()
            + self.tags.iter().map(|t| t.len() + 16).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_bounds_depend_on_the_role() {
        assert_eq!(
            Amount::from_record(Some(5), None, AmountRole::Brings),
            Some(Amount { min: 5, max: 5 })
        );
        assert!(Amount::from_record(Some(5), None, AmountRole::Accepts).is_some_and(Amount::is_open));
        assert_eq!(
            Amount::from_record(None, Some(9), AmountRole::Accepts),
            Some(Amount { min: 0, max: 9 })
        );
        assert_eq!(Amount::from_record(None, None, AmountRole::Brings), None);
        assert_eq!(Amount::from_record(Some(0), Some(0), AmountRole::Brings), None);
    }

    #[test]
    fn indexes_follow_the_declaration_order() {
        for (i, &r) in Region::ALL.iter().enumerate() {
            assert_eq!(region_index(r), i);
        }
        for (i, &m) in Mode::ALL.iter().enumerate() {
            assert_eq!(mode_index(m), i);
        }
    }

    #[test]
    fn sets_round_trip() {
        let regions = RegionSet::of(&[Region::Dalian, Region::Yingkou]);
        assert_eq!(regions.regions(), vec![Region::Dalian, Region::Yingkou]);
        assert!(!regions.contains(Region::Shanghai));
        let modes = ModeSet::of(&[Mode::Equity, Mode::Lease]);
        assert_eq!(modes.modes(), vec![Mode::Equity, Mode::Lease]);
        assert!(modes.intersects(ModeSet::of(&[Mode::Lease])));
    }
}
