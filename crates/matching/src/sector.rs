//! Sectors as bitmasks, and how well one listing's sectors serve another's.
//!
//! A listing names one to five sector slugs; a sub-sector (`parent.child`)
//! counts for its parent, as the taxonomy says. Here they become two bitmasks
//! (top-level sectors, sub-sectors) so that comparing two listings costs a few
//! bit operations. The table of related sectors is domain knowledge from the
//! Shanghai–Dalian plan (robots are intelligent equipment, health care and
//! biomedicine go together, cold chains carry farm products…): a related
//! sector earns partial credit, never as much as the same sector.
//!
//! Not here: sector names for people (see `explain`), or the taxonomy itself
//! (`hulian_domain::taxonomy`).

use hulian_domain::taxonomy::{self, SECTORS};

/// Score of a sub-sector against a different sub-sector of the same parent
/// (船舶 vs 数控机床: same industry, different trade).
const SIBLING_SUBSECTOR: f64 = 0.75;
/// Weight of a listing's non-primary sectors when it is specific (a project,
/// an offer…): the first sector named is what the listing is about.
const SECONDARY_SECTOR: f64 = 0.85;
/// Share of the "best sector served" in the directional fit; the rest rewards
/// covering all of the wisher's sectors.
const BEST_SHARE: f64 = 0.75;

/// Pairs of related top-level sectors and how much credit a relation earns.
/// Symmetric; a sector is fully related to itself.
const RELATED: &[(&str, &str, f64)] = &[
    ("equipment", "robotics", 0.6),
    ("equipment", "aerospace", 0.5),
    ("equipment", "auto", 0.4),
    ("equipment", "new_energy", 0.4),
    ("equipment", "new_materials", 0.3),
    ("equipment", "port_logistics", 0.3),
    ("equipment", "software_it", 0.3),
    ("robotics", "software_it", 0.4),
    ("robotics", "auto", 0.4),
    ("petrochemical", "new_materials", 0.6),
    ("petrochemical", "green_tech", 0.4),
    ("petrochemical", "new_energy", 0.3),
    ("port_logistics", "trade", 0.5),
    ("port_logistics", "agriculture", 0.3),
    ("port_logistics", "tourism", 0.3),
    ("port_logistics", "software_it", 0.3),
    ("finance", "trade", 0.3),
    ("trade", "agriculture", 0.5),
    ("trade", "exhibition", 0.5),
    ("health", "biomedicine", 0.6),
    ("health", "tourism", 0.3),
    ("tourism", "culture_sports", 0.6),
    ("tourism", "exhibition", 0.4),
    ("new_materials", "new_energy", 0.5),
    ("new_materials", "aerospace", 0.4),
    ("new_materials", "auto", 0.3),
    ("new_energy", "auto", 0.5),
    ("new_energy", "green_tech", 0.5),
    ("education", "culture_sports", 0.3),
];

/// Number of top-level sectors; fits in the `u32` mask.
pub(crate) const TOP_COUNT: usize = SECTORS.len();
const _: () = assert!(
    TOP_COUNT <= 24,
    "the cache key packs the primary index above the top-level bits"
);

/// Index of a top-level slug in [`SECTORS`].
pub(crate) fn top_index(slug: &str) -> Option<usize> {
    SECTORS.iter().position(|s| s.slug == slug)
}

/// Index of a sub-sector slug (`parent.child`) among all sub-sectors, in taxonomy order.
pub(crate) fn sub_index(slug: &str) -> Option<usize> {
    let (parent, child) = slug.split_once('.')?;
    let mut index = 0;
    for sector in SECTORS {
        for sub in sector.subsectors {
            if sector.slug == parent && sub.slug == child {
                return Some(index);
            }
            index += 1;
        }
    }
    None
}

/// Full slug (`parent.child`) and names of the sub-sector at `index`.
pub(crate) fn sub_at(index: usize) -> Option<(usize, &'static str, &'static str)> {
    let mut i = 0;
    for (top, sector) in SECTORS.iter().enumerate() {
        for sub in sector.subsectors {
            if i == index {
                return Some((top, sub.zh, sub.en));
            }
            i += 1;
        }
    }
    None
}

/// The sub-sector bits that belong to top-level sector `top`.
fn sub_mask_of(top: usize) -> u64 {
    let mut mask = 0u64;
    let mut index = 0;
    for (t, sector) in SECTORS.iter().enumerate() {
        for _ in sector.subsectors {
            if t == top && index < 64 {
                mask |= 1 << index;
            }
            index += 1;
        }
    }
    mask
}

/// Relation strength between two top-level sectors, from [`RELATED`].
pub(crate) fn relation(a: usize, b: usize) -> f64 {
    if a == b {
        return 1.0;
    }
    let (Some(sa), Some(sb)) = (SECTORS.get(a), SECTORS.get(b)) else {
        return 0.0;
    };
    RELATED
        .iter()
        .find(|(x, y, _)| (*x == sa.slug && *y == sb.slug) || (*x == sb.slug && *y == sa.slug))
        .map_or(0.0, |&(_, _, strength)| strength)
}

/// Precomputed relation matrix and sub-sector masks, built once.
struct Tables {
    relation: [[f32; TOP_COUNT]; TOP_COUNT],
    sub_masks: [u64; TOP_COUNT],
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::LazyLock<Tables> = std::sync::LazyLock::new(|| {
        let mut relation_matrix = [[0.0f32; TOP_COUNT]; TOP_COUNT];
        let mut sub_masks = [0u64; TOP_COUNT];
        for (a, row) in relation_matrix.iter_mut().enumerate() {
            for (b, cell) in row.iter_mut().enumerate() {
                *cell = relation(a, b) as f32;
            }
            sub_masks[a] = sub_mask_of(a);
        }
        Tables {
            relation: relation_matrix,
            sub_masks,
        }
    });
    &TABLES
}

/// A listing's sectors: top-level and sub-sector bitmasks and the primary sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct SectorSet {
    top: u32,
    sub: u64,
    /// Top-level index of the first sector named (meaningless when `top` is empty).
    primary: u8,
}

impl SectorSet {
    /// Builds the set from slugs; unknown slugs are ignored (validation rejects them upstream).
    pub fn from_slugs<S: AsRef<str>>(slugs: &[S]) -> Self {
        let mut set = SectorSet::default();
        let mut first = true;
        for slug in slugs {
            let slug = slug.as_ref();
            let Some(top) = top_index(taxonomy::top_level(slug)) else {
                continue;
            };
            if first {
                set.primary = top as u8;
                first = false;
            }
            set.top |= 1 << top;
            if let Some(sub) = sub_index(slug).filter(|&i| i < 64) {
                set.sub |= 1 << sub;
            }
        }
        set
    }

    pub fn is_empty(self) -> bool {
        self.top == 0
    }

    /// The whole set in two words (sub-sectors; top-level mask with the
    /// primary index in bits 24–28), for caches.
    pub(crate) fn key(self) -> (u64, u32) {
        (self.sub, self.top | (u32::from(self.primary & 0x1F) << 24))
    }

    /// Top-level sector indexes, primary first.
    pub(crate) fn tops(self) -> impl Iterator<Item = usize> {
        let primary = Some(self.primary as usize).filter(|&p| self.has_top(p));
        let mut rest = self.top & !primary.map_or(0, |p| 1u32 << p);
        let others = std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let i = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                i
            })
        });
        primary.into_iter().chain(others)
    }

    pub(crate) fn has_top(self, top: usize) -> bool {
        top < TOP_COUNT && self.top & (1 << top) != 0
    }

    /// Sub-sector indexes named.
    pub(crate) fn subs(self) -> impl Iterator<Item = usize> {
        (0..64).filter(move |&i| self.sub & (1u64 << i) != 0)
    }

    /// The top-level slugs, primary first (for tests and explanations).
    pub fn top_slugs(self) -> Vec<&'static str> {
        self.tops().filter_map(|i| SECTORS.get(i).map(|s| s.slug)).collect()
    }

    /// How well `other` serves sector `top` of `self`.
    fn best_for(self, top: usize, other: SectorSet) -> f64 {
        let t = tables();
        if other.has_top(top) {
            let mask = t.sub_masks[top];
            let mine = self.sub & mask;
            let theirs = other.sub & mask;
            if mine != 0 && theirs != 0 && mine & theirs == 0 {
                return SIBLING_SUBSECTOR;
            }
            return 1.0;
        }
        let row = &t.relation[top];
        let mut best = 0.0f32;
        let mut bits = other.top;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(&r) = row.get(b) {
                best = best.max(r);
            }
        }
        f64::from(best)
    }
}

/// How well `other`'s sectors serve the sectors `wisher` names, in [0, 1].
///
/// A *broad* wisher (a fund's mandate, a park's target industries) is served by
/// any one of its sectors; a specific wisher (a project, an offer…) is about its
/// first sector, so the others count a little less, and covering all of them is
/// rewarded. An empty side is neutral (0.5): nothing is known.
pub fn directional_fit(wisher: SectorSet, broad: bool, other: SectorSet) -> f64 {
    if wisher.is_empty() || other.is_empty() {
        return 0.5;
    }
    accumulate(wisher, broad, |top| wisher.best_for(top, other))
}

/// The directional fit from how well each of the wisher's sectors is served.
#[inline]
fn accumulate(wisher: SectorSet, broad: bool, best_for: impl Fn(usize) -> f64) -> f64 {
    let mut best = 0.0f64;
    let mut sum = 0.0f64;
    let mut count = 0usize;
    for (position, top) in wisher.tops().enumerate() {
        let fit = best_for(top);
        let weight = if broad || position == 0 { 1.0 } else { SECONDARY_SECTOR };
        best = best.max(weight * fit);
        sum += fit;
        count += 1;
    }
    let coverage = if broad { best } else { sum / count.max(1) as f64 };
    (BEST_SHARE * best + (1.0 - BEST_SHARE) * coverage).clamp(0.0, 1.0)
}

/// A query's sectors prepared for comparing against many candidates: the same
/// arithmetic as [`directional_fit`] both ways, with what depends on the query
/// alone looked up once.
#[derive(Debug, Clone)]
pub(crate) struct SectorQuery {
    set: SectorSet,
    broad: bool,
    /// For each top-level sector the query does not name: how well the query serves it.
    served_by_query: [f64; TOP_COUNT],
}

impl SectorQuery {
    pub fn new(set: SectorSet, broad: bool) -> Self {
        let relations = &tables().relation;
        let mut served_by_query = [0.0f64; TOP_COUNT];
        for (a, served) in served_by_query.iter_mut().enumerate() {
            let mut best = 0.0f32;
            let mut bits = set.top;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(&r) = relations.get(a).and_then(|row| row.get(b)) {
                    best = best.max(r);
                }
            }
            *served = f64::from(best);
        }
        SectorQuery {
            set,
            broad,
            served_by_query,
        }
    }

    /// `directional_fit(query, broad, candidate)`: how well the candidate serves the query.
    #[inline]
    pub fn query_side(&self, candidate: SectorSet) -> f64 {
        directional_fit(self.set, self.broad, candidate)
    }

    /// `directional_fit(candidate, candidate_broad, query)`: how well the query serves the candidate.
    #[inline]
    pub fn candidate_side(&self, candidate: SectorSet, candidate_broad: bool) -> f64 {
        if candidate.is_empty() || self.set.is_empty() {
            return 0.5;
        }
        let query = self.set;
        accumulate(candidate, candidate_broad, |top| {
            if query.has_top(top) {
                candidate.best_for(top, query)
            } else {
                self.served_by_query.get(top).copied().unwrap_or(0.0)
            }
        })
    }
}

/// What the two sets share, for explanations: same sub-sectors, same top-level
/// sectors, and the strongest related pair when nothing is shared.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SectorOverlap {
    pub subs: Vec<usize>,
    pub tops: Vec<usize>,
    pub related: Option<(usize, usize, f64)>,
}

pub(crate) fn overlap(a: SectorSet, b: SectorSet) -> SectorOverlap {
    let subs: Vec<usize> = SectorSet {
        sub: a.sub & b.sub,
        ..a
    }
    .subs()
    .collect();
    let tops: Vec<usize> = a.tops().filter(|&t| b.has_top(t)).collect();
    let mut related = None;
    if tops.is_empty() {
        for x in a.tops() {
            for y in b.tops() {
                let r = relation(x, y);
                if r > 0.0 && related.is_none_or(|(_, _, best)| r > best) {
                    related = Some((x, y, r));
                }
            }
        }
    }
    SectorOverlap { subs, tops, related }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(slugs: &[&str]) -> SectorSet {
        SectorSet::from_slugs(slugs)
    }

    #[test]
    fn same_sector_fits_fully_and_unrelated_not_at_all() {
        assert_eq!(directional_fit(set(&["equipment"]), false, set(&["equipment"])), 1.0);
        assert_eq!(directional_fit(set(&["equipment"]), false, set(&["tourism"])), 0.0);
    }

    #[test]
    fn subsectors_count_for_their_parent_and_siblings_fit_less() {
        let ships = set(&["equipment.shipbuilding"]);
        assert!(ships.has_top(top_index("equipment").unwrap_or(99)));
        assert_eq!(directional_fit(ships, false, set(&["equipment"])), 1.0);
        assert_eq!(directional_fit(ships, false, set(&["equipment.shipbuilding"])), 1.0);
        let tools = set(&["equipment.machine_tools"]);
        assert_eq!(directional_fit(ships, false, tools), SIBLING_SUBSECTOR);
    }

    #[test]
    fn related_sectors_earn_partial_credit() {
        let fit = directional_fit(set(&["equipment"]), false, set(&["robotics"]));
        assert!(fit > 0.0 && fit < 1.0, "{fit}");
        assert_eq!(relation(0, 9), relation(9, 0));
    }

    #[test]
    fn a_broad_wisher_is_served_by_any_of_its_sectors() {
        let fund = set(&["equipment", "new_materials", "robotics"]);
        let project = set(&["new_materials"]);
        assert_eq!(directional_fit(fund, true, project), 1.0);
        assert!(directional_fit(fund, false, project) < 1.0);
    }

    #[test]
    fn primary_sector_matters_more_for_specific_listings() {
        let project = set(&["software_it", "equipment"]);
        let primary = directional_fit(project, false, set(&["software_it"]));
        let secondary = directional_fit(project, false, set(&["equipment"]));
        assert!(primary > secondary, "{primary} {secondary}");
    }

    #[test]
    fn empty_sets_are_neutral() {
        assert_eq!(directional_fit(SectorSet::default(), false, set(&["trade"])), 0.5);
    }

    #[test]
    fn the_prepared_query_computes_exactly_the_same_fit() {
        let samples = [
            set(&["equipment"]),
            set(&["equipment.shipbuilding", "finance"]),
            set(&["robotics", "software_it", "auto"]),
            set(&["health", "biomedicine"]),
            set(&["tourism"]),
            SectorSet::default(),
        ];
        for &q in &samples {
            for broad in [false, true] {
                let prepared = SectorQuery::new(q, broad);
                for &c in &samples {
                    assert_eq!(prepared.query_side(c), directional_fit(q, broad, c));
                    for c_broad in [false, true] {
                        assert_eq!(prepared.candidate_side(c, c_broad), directional_fit(c, c_broad, q));
                    }
                }
            }
        }
    }

    #[test]
    fn overlap_reports_shared_and_related() {
        let o = overlap(
            set(&["equipment.shipbuilding", "finance"]),
            set(&["equipment.shipbuilding"]),
        );
        assert_eq!(o.tops, vec![0]);
        assert_eq!(o.subs.len(), 1);
        let o = overlap(set(&["health"]), set(&["biomedicine"]));
        assert!(o.tops.is_empty());
        assert!(o.related.is_some());
        assert_eq!(set(&["auto", "equipment"]).top_slugs(), vec!["auto", "equipment"]);
    }
}
