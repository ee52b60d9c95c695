//! The hard rules: what may never be shown as a match, whatever the score.
//!
//! - only published listings whose deadline has not passed (today counts);
//! - never the query itself or a listing of the query's own organization;
//! - only complementary types (the exchange format's table);
//! - only across the configured counterpart regions;
//! - never a listing the query's owner dismissed (the index takes those as a set).
//!
//! Types. The spec's table is symmetric except for one pair: a park lists a
//! firm's need as a counterpart "(relocation or a production base)", while a
//! need lists only offers and technologies. The rule is made symmetric, so a
//! pair is admissible or not whichever side asks: a mutual pair always is, and
//! the park ↔ need pair only when the need seeks a site (relocation, lease or a
//! branch), which is what the spec's parenthesis says.
//!
//! Regions. Each listing seeks partners in its target regions (default: the
//! counterparts of its own region). A pair is admissible when each side lies
//! in the other's targets, or when the two regions are counterparts and one
//! side lies in the other's targets: a Shanghai buyer who named Dalian may
//! still see a Yingkou supplier that looks for Shanghai (a coastal city of the
//! same plan, scored lower), but a Dalian park that looks for Shanghai firms
//! never sees a Dalian firm that looks for a site in Dalian. This is symmetric too.

use hulian_domain::{ListingStatus, ListingType, Mode, Region};

use crate::config::MatchConfig;
use crate::profile::{Core, ModeSet, RegionSet};

/// Modes that make a need a counterpart of a park.
pub const SITE_MODES: ModeSet = ModeSet(
    (1 << crate::profile::MODE_RELOCATION) | (1 << crate::profile::MODE_LEASE) | (1 << crate::profile::MODE_BRANCH),
);

/// How two listing types complement each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeFit {
    /// Each type lists the other as a natural counterpart.
    Mutual,
    /// Only one side's row lists the other (park ↔ a need for a site).
    OneWay,
}

/// Whether listings of types `a` and `b` (with their modes) may be matched.
pub fn type_fit(a: ListingType, a_modes: ModeSet, b: ListingType, b_modes: ModeSet) -> Option<TypeFit> {
    let forward = a.counterparts().contains(&b);
    let backward = b.counterparts().contains(&a);
    match (forward, backward) {
        (true, true) => Some(TypeFit::Mutual),
        (false, false) => None,
        _ => {
            let need_modes = match (a, b) {
                (ListingType::Need, ListingType::ParkSpace) => Some(a_modes),
                (ListingType::ParkSpace, ListingType::Need) => Some(b_modes),
                _ => None,
            };
            match need_modes {
                Some(modes) if !modes.intersects(SITE_MODES) => None,
                _ => Some(TypeFit::OneWay),
            }
        }
    }
}

/// Whether each side lies where the other seeks partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegionFit {
    /// The candidate is in the query's target regions.
    pub in_query_targets: bool,
    /// The query is in the candidate's target regions.
    pub in_candidate_targets: bool,
    /// The two regions are a configured counterpart pair.
    pub counterparts: bool,
}

/// Where a listing looks for partners (empty: anywhere).
fn targets(config: &MatchConfig, region: Region, explicit: Option<RegionSet>) -> RegionSet {
    config.effective_targets(region, explicit)
}

/// The regional rule (see the module docs); `None` when the pair is not admissible.
pub fn region_fit(
    config: &MatchConfig,
    query: (Region, Option<RegionSet>),
    candidate: (Region, Option<RegionSet>),
) -> Option<RegionFit> {
    let query_targets = targets(config, query.0, query.1);
    let candidate_targets = targets(config, candidate.0, candidate.1);
    let fit = RegionFit {
        in_query_targets: query_targets.is_empty() || query_targets.contains(candidate.0),
        in_candidate_targets: candidate_targets.is_empty() || candidate_targets.contains(query.0),
        counterparts: config.are_counterparts(query.0, candidate.0),
    };
    let both = fit.in_query_targets && fit.in_candidate_targets;
    let one = fit.in_query_targets || fit.in_candidate_targets;
    (both || (fit.counterparts && one)).then_some(fit)
}

/// Why a pair is not a match (dismissals are the caller's set, passed to the index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rejection {
    /// The candidate is a draft, closed, or past its deadline.
    NotPublic,
    /// The candidate is the query itself.
    SameListing,
    /// Both listings belong to one organization.
    SameOrganization,
    /// The types are not counterparts in the spec's table.
    TypesNotComplementary,
    /// Neither side lies where the other looks (see the module docs).
    RegionsNotPaired,
}

/// What the rules establish about an admissible pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Admission {
    pub types: TypeFit,
    pub regions: RegionFit,
}

pub(crate) fn is_public(core: &Core, today: i32) -> bool {
    core.status == ListingStatus::Published && core.deadline >= today
}

/// Applies every hard rule except dismissal (the caller's set) to a pair.
pub(crate) fn admit(query: &Core, candidate: &Core, config: &MatchConfig, today: i32) -> Result<Admission, Rejection> {
    if !is_public(candidate, today) {
        return Err(Rejection::NotPublic);
    }
    if candidate.id == query.id {
        return Err(Rejection::SameListing);
    }
    if candidate.org_id == query.org_id {
        return Err(Rejection::SameOrganization);
    }
    let types = type_fit(query.listing_type, query.modes, candidate.listing_type, candidate.modes)
        .ok_or(Rejection::TypesNotComplementary)?;
    let regions = region_fit(
        config,
        (query.region, query.explicit_targets),
        (candidate.region, candidate.explicit_targets),
    )
    .ok_or(Rejection::RegionsNotPaired)?;
    Ok(Admission { types, regions })
}

/// How a partition's listing type meets the query's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartitionTypes {
    Never,
    Always(TypeFit),
    /// A park's query against needs: only needs that seek a site.
    IfCandidateSeeksSite,
}

/// The hard rules of [`admit`] for one query against one partition (a listing
/// type and a region), with everything that depends on the partition alone
/// decided once; per candidate only its own fields are looked at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PartitionRules {
    types: PartitionTypes,
    in_query_targets: bool,
    counterparts: bool,
    /// Where candidates of this region look when they name no targets.
    default_targets: RegionSet,
    query_region: Region,
    query_id: i64,
    query_org: i64,
    today: i32,
}

impl PartitionRules {
    pub fn new(query: &Core, listing_type: ListingType, region: Region, config: &MatchConfig, today: i32) -> Self {
        let forward = query.listing_type.counterparts().contains(&listing_type);
        let backward = listing_type.counterparts().contains(&query.listing_type);
        let types = match (forward, backward, query.listing_type, listing_type) {
            (true, true, _, _) => PartitionTypes::Always(TypeFit::Mutual),
            (false, false, _, _) => PartitionTypes::Never,
            (_, _, ListingType::ParkSpace, ListingType::Need) => PartitionTypes::IfCandidateSeeksSite,
            (_, _, ListingType::Need, ListingType::ParkSpace) if !query.modes.intersects(SITE_MODES) => {
                PartitionTypes::Never
            }
            _ => PartitionTypes::Always(TypeFit::OneWay),
        };
        let query_targets = targets(config, query.region, query.explicit_targets);
        PartitionRules {
            types,
            in_query_targets: query_targets.is_empty() || query_targets.contains(region),
            counterparts: config.are_counterparts(query.region, region),
            default_targets: config.counterparts_of(region),
            query_region: query.region,
            query_id: query.id,
            query_org: query.org_id,
            today,
        }
    }

    /// Whether any candidate of the partition could be admitted.
    pub fn possible(&self) -> bool {
        self.types != PartitionTypes::Never && (self.in_query_targets || self.counterparts)
    }

    /// [`admit`] for a candidate of this partition.
    #[inline]
    pub fn admit(&self, candidate: &Core) -> Option<Admission> {
        if candidate.status != ListingStatus::Published
            || candidate.deadline < self.today
            || candidate.id == self.query_id
            || candidate.org_id == self.query_org
        {
            return None;
        }
        let types = match self.types {
            PartitionTypes::Never => return None,
            PartitionTypes::Always(fit) => fit,
            PartitionTypes::IfCandidateSeeksSite if candidate.modes.intersects(SITE_MODES) => TypeFit::OneWay,
            PartitionTypes::IfCandidateSeeksSite => return None,
        };
        let candidate_targets = candidate
            .explicit_targets
            .filter(|t| !t.is_empty())
            .unwrap_or(self.default_targets);
        let regions = RegionFit {
            in_query_targets: self.in_query_targets,
            in_candidate_targets: candidate_targets.is_empty() || candidate_targets.contains(self.query_region),
            counterparts: self.counterparts,
        };
        let both = regions.in_query_targets && regions.in_candidate_targets;
        let one = regions.in_query_targets || regions.in_candidate_targets;
        (both || (regions.counterparts && one)).then_some(Admission { types, regions })
    }
}

/// The modes that make a need a park's counterpart, by name (for docs and tests).
pub fn site_modes() -> [Mode; 3] {
    [Mode::Relocation, Mode::Lease, Mode::Branch]
}

#[cfg(test)]
mod tests {
    use super::*;
    use ListingType::*;

    fn modes(list: &[Mode]) -> ModeSet {
        ModeSet::of(list)
    }

    #[test]
    fn site_modes_constant_matches_the_names() {
        assert_eq!(SITE_MODES, ModeSet::of(&site_modes()));
    }

    #[test]
    fn complementary_types_follow_the_spec_table_both_ways() {
        let none = ModeSet::default();
        assert_eq!(type_fit(Project, none, FundMandate, none), Some(TypeFit::Mutual));
        assert_eq!(type_fit(FundMandate, none, Project, none), Some(TypeFit::Mutual));
        assert_eq!(type_fit(Need, none, Technology, none), Some(TypeFit::Mutual));
        assert_eq!(type_fit(Project, none, Project, none), None);
        assert_eq!(type_fit(FundMandate, none, Offer, none), None);
        assert_eq!(type_fit(Need, none, Need, none), None);
        assert_eq!(type_fit(Offer, none, Technology, none), None);
    }

    #[test]
    fn a_park_and_a_need_pair_only_when_the_need_seeks_a_site() {
        let site = modes(&[Mode::Relocation]);
        let buy = modes(&[Mode::Procurement]);
        let park = modes(&[Mode::Lease]);
        assert_eq!(type_fit(ParkSpace, park, Need, site), Some(TypeFit::OneWay));
        assert_eq!(type_fit(Need, site, ParkSpace, park), Some(TypeFit::OneWay));
        assert_eq!(type_fit(ParkSpace, park, Need, buy), None);
        assert_eq!(type_fit(Need, buy, ParkSpace, park), None);
    }

    #[test]
    fn regions_must_pair_across_counterparts() {
        let config = MatchConfig::default();
        let dalian = (Region::Dalian, None);
        let shanghai = (Region::Shanghai, None);
        assert!(region_fit(&config, dalian, shanghai).is_some());
        assert!(region_fit(&config, dalian, dalian).is_none());
        assert!(region_fit(&config, shanghai, shanghai).is_none());
        assert!(region_fit(&config, (Region::Yingkou, None), (Region::Dalian, None)).is_none());
    }

    #[test]
    fn explicit_targets_are_honoured_both_ways() {
        let config = MatchConfig::default();
        let buyer = (Region::Shanghai, Some(RegionSet::of(&[Region::Dalian])));
        // a Yingkou supplier looking for Shanghai: one-sided but counterparts, admitted
        let fit = region_fit(&config, buyer, (Region::Yingkou, None));
        assert_eq!(
            fit,
            Some(RegionFit {
                in_query_targets: false,
                in_candidate_targets: true,
                counterparts: true
            })
        );
        // a Dalian park for Shanghai firms never sees a Dalian firm seeking a Dalian site
        let park = (Region::Dalian, Some(RegionSet::of(&[Region::Shanghai])));
        let local = (Region::Dalian, Some(RegionSet::of(&[Region::Dalian])));
        assert!(region_fit(&config, park, local).is_none());
        // two Dalian listings that both ask for Dalian partners may meet
        assert!(region_fit(&config, local, local).is_some());
    }

    #[test]
    fn region_rule_is_symmetric() {
        let config = MatchConfig::default();
        let all: Vec<(Region, Option<RegionSet>)> = Region::ALL
            .iter()
            .flat_map(|&r| {
                [
                    None,
                    Some(RegionSet::of(&[Region::Dalian])),
                    Some(RegionSet::of(&[Region::Shanghai, Region::Other])),
                ]
                .into_iter()
                .map(move |t| (r, t))
            })
            .collect();
        for &a in &all {
            for &b in &all {
                assert_eq!(
                    region_fit(&config, a, b).is_some(),
                    region_fit(&config, b, a).is_some(),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
