//! The scoring factors, each a pure function with a value in [0, 1].
//!
//! Reciprocity lives here: a directional factor is computed twice, once for
//! how well the candidate meets the query's wishes (`query_side`) and once
//! for how well the query meets the candidate's (`candidate_side`: a fund's
//! mandate, a park's target sectors, where the candidate looks for partners),
//! and the two are combined by their geometric mean, so that a pair must suit
//! both sides: one side at zero zeroes the factor. Text similarity, amount fit
//! and type complementarity are symmetric by construction; freshness and
//! verification are facts about the candidate only.

use hulian_domain::{ListingType, Mode};

use crate::profile::{Amount, AmountRole, ModeSet};
use crate::rules::{RegionFit, TypeFit};
use crate::sector::{SectorSet, directional_fit};

/// Amount factor when a range partly covers a size: from this value…
const PARTIAL_BASE: f64 = 0.35;
/// …up to this much more as the covered share of the size grows.
const PARTIAL_SPAN: f64 = 0.4;
/// Amount factor just outside a range; it falls to zero once the gap reaches a factor of two.
const NEAR_MISS: f64 = 0.25;
/// Region factor for the side whose targets do not name the other's region
/// (admitted only because the regions are counterparts).
pub const REGION_UNNAMED: f64 = 0.5;
/// Type factor of a one-way pair (park ↔ a need for a site).
pub const ONE_WAY_TYPES: f64 = 0.8;

/// A directional factor: each side's view and their combination.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sides {
    /// How well the candidate meets the query's wishes.
    pub query_side: f64,
    /// How well the query meets the candidate's wishes.
    pub candidate_side: f64,
}

impl Sides {
    /// Both sides must be served: the geometric mean.
    pub fn value(self) -> f64 {
        (self.query_side * self.candidate_side).max(0.0).sqrt()
    }
}

/// Listings that are served by any one of their sectors: a fund's mandate and
/// a park's target industries are menus, not descriptions.
pub fn has_broad_sectors(listing_type: ListingType) -> bool {
    matches!(listing_type, ListingType::FundMandate | ListingType::ParkSpace)
}

/// Sector fit both ways (see [`directional_fit`]).
pub fn sector(query: SectorSet, query_type: ListingType, candidate: SectorSet, candidate_type: ListingType) -> Sides {
    Sides {
        query_side: directional_fit(query, has_broad_sectors(query_type), candidate),
        candidate_side: directional_fit(candidate, has_broad_sectors(candidate_type), query),
    }
}

/// Text factor from a cosine similarity: the cosine at `saturation` (and
/// above) counts as full agreement. Two different listings rarely exceed a
/// cosine of 0.5 even when they describe the same subject.
pub fn text(cosine: f64, saturation: f64) -> f64 {
    if saturation <= 0.0 {
        return cosine.clamp(0.0, 1.0);
    }
    (cosine / saturation).clamp(0.0, 1.0)
}

/// Type complementarity: 1 for a mutual pair, less for the one-way pair.
pub fn complementarity(fit: TypeFit) -> f64 {
    match fit {
        TypeFit::Mutual => 1.0,
        TypeFit::OneWay => ONE_WAY_TYPES,
    }
}

/// Region fit both ways: 1 where the other side lies in one's targets,
/// [`REGION_UNNAMED`] where it does not (but the regions are counterparts).
pub fn region(fit: RegionFit) -> Sides {
    let side = |inside: bool| if inside { 1.0 } else { REGION_UNNAMED };
    Sides {
        query_side: side(fit.in_query_targets),
        candidate_side: side(fit.in_candidate_targets),
    }
}

/// How well `range` (accepted) covers `size` (brought): 1 inside, partial when
/// overlapping, a little just outside, 0 beyond a factor of two.
fn coverage(range: Amount, size: Amount) -> f64 {
    if size.min >= range.min && size.max <= range.max {
        return 1.0;
    }
    let low = range.min.max(size.min);
    let high = range.max.min(size.max);
    if low <= high {
        let width = (size.max - size.min) as f64;
        let share = if width > 0.0 { (high - low) as f64 / width } else { 1.0 };
        return PARTIAL_BASE + PARTIAL_SPAN * share.clamp(0.0, 1.0);
    }
    near_miss(range, size)
}

fn near_miss(a: Amount, b: Amount) -> f64 {
    let ratio = if b.min > a.max {
        b.min as f64 / (a.max.max(1)) as f64
    } else {
        a.min as f64 / (b.max.max(1)) as f64
    };
    if !ratio.is_finite() || ratio <= 1.0 {
        return NEAR_MISS;
    }
    NEAR_MISS * (1.0 - ratio.log2()).max(0.0)
}

/// Two amounts of the same role (two projects' sizes, two tickets): how much
/// the narrower range lies inside the other.
fn overlap(a: Amount, b: Amount) -> f64 {
    let inside = |x: Amount, y: Amount| x.min >= y.min && x.max <= y.max;
    if inside(a, b) || inside(b, a) {
        return 1.0;
    }
    let low = a.min.max(b.min);
    let high = a.max.min(b.max);
    if low <= high {
        let narrower = ((a.max - a.min) as f64).min((b.max - b.min) as f64);
        let share = if narrower > 0.0 {
            (high - low) as f64 / narrower
        } else {
            1.0
        };
        return PARTIAL_BASE + PARTIAL_SPAN * share.clamp(0.0, 1.0);
    }
    near_miss(a, b)
}

/// Amount fit, symmetric: a size inside a ticket (or capacity) is a fit;
/// `None` when either side names no amount.
pub fn amount(
    query: Option<Amount>,
    query_type: ListingType,
    candidate: Option<Amount>,
    candidate_type: ListingType,
) -> Option<f64> {
    let (q, c) = (query?, candidate?);
    Some(match (AmountRole::of(query_type), AmountRole::of(candidate_type)) {
        (AmountRole::Accepts, AmountRole::Brings) => coverage(q, c),
        (AmountRole::Brings, AmountRole::Accepts) => coverage(c, q),
        _ => overlap(q, c),
    })
}

const MODE_COUNT: usize = Mode::ALL.len();

/// [`mode_compatibility`] as a table, so that comparing mode sets costs a few lookups.
static MODE_TABLE: std::sync::LazyLock<[[f64; MODE_COUNT]; MODE_COUNT]> = std::sync::LazyLock::new(|| {
    let mut table = [[0.0; MODE_COUNT]; MODE_COUNT];
    for (i, &a) in Mode::ALL.iter().enumerate() {
        for (j, &b) in Mode::ALL.iter().enumerate() {
            table[i][j] = mode_compatibility(a, b);
        }
    }
    table
});

/// How well mode `b` answers mode `a`: 1 for the same mode, less for modes
/// that meet (procurement ↔ supply, licensing ↔ technology transfer…).
pub fn mode_compatibility(a: Mode, b: Mode) -> f64 {
    use Mode::*;
    if a == b {
        return 1.0;
    }
    let pair = |x: Mode, y: Mode| (a == x && b == y) || (a == y && b == x);
    if pair(Procurement, Supply)
        || pair(TechTransfer, Licensing)
        || pair(Relocation, Lease)
        || pair(Relocation, Branch)
        || pair(Branch, Lease)
        || pair(Equity, JointVenture)
    {
        return 0.8;
    }
    if pair(TechTransfer, CoDevelopment)
        || pair(Licensing, CoDevelopment)
        || pair(JointVenture, CoDevelopment)
        || pair(Outsourcing, Procurement)
        || pair(Outsourcing, Supply)
    {
        return 0.6;
    }
    0.0
}

/// How well `other`'s modes answer `wisher`'s: half the best answer, half the
/// average over the wisher's modes.
fn directional_modes(wisher: ModeSet, other: ModeSet) -> f64 {
    let table = &*MODE_TABLE;
    let mut best = 0.0f64;
    let mut sum = 0.0;
    let mut count = 0usize;
    let mut mine = wisher.0;
    while mine != 0 {
        let a = mine.trailing_zeros() as usize;
        mine &= mine - 1;
        let mut answer = 0.0f64;
        let mut theirs = other.0;
        while theirs != 0 {
            let b = theirs.trailing_zeros() as usize;
            theirs &= theirs - 1;
            if let Some(&v) = table.get(a).and_then(|row| row.get(b)) {
                answer = answer.max(v);
            }
        }
        best = best.max(answer);
        sum += answer;
        count += 1;
    }
    if count == 0 {
        return 0.0;
    }
    0.5 * best + 0.5 * sum / count as f64
}

/// Mode fit both ways; `None` when either side names no mode.
pub fn modes(query: ModeSet, candidate: ModeSet) -> Option<Sides> {
    if query.is_empty() || candidate.is_empty() {
        return None;
    }
    Some(Sides {
        query_side: directional_modes(query, candidate),
        candidate_side: directional_modes(candidate, query),
    })
}

/// Freshness of the candidate: halves every `half_life_days` since its last update.
pub fn freshness(updated_at: i64, now: i64, half_life_days: f64) -> f64 {
    let age_days = (now.saturating_sub(updated_at)).max(0) as f64 / 86_400.0;
    if half_life_days <= 0.0 {
        return 1.0;
    }
    0.5f64.powf(age_days / half_life_days).clamp(0.0, 1.0)
}

/// Verification of the candidate's organization.
pub fn verification(verified: bool) -> f64 {
    if verified { 1.0 } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hulian_domain::ListingType::*;

    fn yuan(min: i64, max: i64) -> Option<Amount> {
        Some(Amount { min, max })
    }

    const YI: i64 = 100_000_000;

    #[test]
    fn a_project_inside_a_ticket_fits_fully() {
        assert_eq!(
            amount(yuan(6 * YI, 10 * YI), Project, yuan(3 * YI, 12 * YI), FundMandate),
            Some(1.0)
        );
        assert_eq!(
            amount(yuan(3 * YI, 12 * YI), FundMandate, yuan(6 * YI, 10 * YI), Project),
            Some(1.0)
        );
    }

    #[test]
    fn partial_overlap_earns_partial_credit_and_a_miss_little_or_none() {
        let partial = amount(yuan(6 * YI, 10 * YI), Project, yuan(2 * YI, 8 * YI), FundMandate).unwrap_or(0.0);
        assert!(partial > PARTIAL_BASE && partial < 1.0, "{partial}");
        let near = amount(yuan(35 * YI / 10, 5 * YI), Project, yuan(YI, 3 * YI), FundMandate).unwrap_or(1.0);
        assert!(near > 0.0 && near < PARTIAL_BASE, "{near}");
        let far = amount(yuan(4 * YI, 6 * YI), Project, yuan(YI / 10, 8 * YI / 10), FundMandate);
        assert_eq!(far, Some(0.0));
        let below = amount(yuan(YI / 20, YI / 10), Project, yuan(6 * YI, 20 * YI), FundMandate);
        assert_eq!(below, Some(0.0));
    }

    #[test]
    fn unknown_amounts_and_open_ranges() {
        assert_eq!(amount(None, Project, yuan(YI, 2 * YI), FundMandate), None);
        let open = Amount { min: YI, max: i64::MAX };
        assert_eq!(
            amount(yuan(5 * YI, 9 * YI), Project, Some(open), FundMandate),
            Some(1.0)
        );
        assert_eq!(
            amount(yuan(YI, 2 * YI), Project, yuan(15 * YI / 10, 3 * YI), Technology).map(|v| v > 0.5),
            Some(true)
        );
    }

    #[test]
    fn text_saturates() {
        assert_eq!(text(0.25, 0.5), 0.5);
        assert_eq!(text(0.7, 0.5), 1.0);
        assert_eq!(text(0.3, 0.0), 0.3);
    }

    #[test]
    fn sides_combine_by_geometric_mean() {
        assert_eq!(
            Sides {
                query_side: 1.0,
                candidate_side: 0.0
            }
            .value(),
            0.0
        );
        assert!(
            (Sides {
                query_side: 1.0,
                candidate_side: 0.25
            }
            .value()
                - 0.5)
                .abs()
                < 1e-12
        );
    }

    #[test]
    fn sector_fit_is_reciprocal() {
        let fund = SectorSet::from_slugs(&["equipment", "new_materials", "robotics"]);
        let project = SectorSet::from_slugs(&["new_materials"]);
        let sides = sector(project, Project, fund, FundMandate);
        assert_eq!(sides.candidate_side, 1.0);
        assert_eq!(sides.query_side, 1.0);
        let unrelated = sector(SectorSet::from_slugs(&["tourism"]), Project, fund, FundMandate);
        assert_eq!(unrelated.value(), 0.0);
    }

    #[test]
    fn modes_meet_across_the_table() {
        assert_eq!(mode_compatibility(Mode::Procurement, Mode::Supply), 0.8);
        assert_eq!(mode_compatibility(Mode::Supply, Mode::Procurement), 0.8);
        assert_eq!(mode_compatibility(Mode::Equity, Mode::Lease), 0.0);
        let need = ModeSet::of(&[Mode::Procurement, Mode::CoDevelopment]);
        let offer = ModeSet::of(&[Mode::Supply]);
        let sides = modes(need, offer).unwrap_or(Sides {
            query_side: 0.0,
            candidate_side: 0.0,
        });
        assert!(sides.query_side > 0.0 && sides.candidate_side == 0.8);
        assert_eq!(modes(ModeSet::default(), offer), None);
    }

    #[test]
    fn region_and_type_values() {
        let both = RegionFit {
            in_query_targets: true,
            in_candidate_targets: true,
            counterparts: true,
        };
        assert_eq!(region(both).value(), 1.0);
        let one = RegionFit {
            in_query_targets: false,
            ..both
        };
        assert!((region(one).value() - REGION_UNNAMED.sqrt()).abs() < 1e-12);
        assert_eq!(complementarity(TypeFit::Mutual), 1.0);
        assert_eq!(complementarity(TypeFit::OneWay), ONE_WAY_TYPES);
    }

    #[test]
    fn freshness_halves_per_half_life_and_verification_is_binary() {
        let day = 86_400;
        assert_eq!(freshness(1000 * day, 1000 * day, 180.0), 1.0);
        assert!((freshness(0, 180 * day, 180.0) - 0.5).abs() < 1e-12);
        assert_eq!(freshness(10 * day, 0, 180.0), 1.0);
        assert_eq!(verification(true), 1.0);
        assert_eq!(verification(false), 0.0);
    }
}
