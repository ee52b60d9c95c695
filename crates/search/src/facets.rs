//! The closed vocabularies a search filters and counts by, and how a document's
//! values of them are packed into fast fields.
//!
//! Every facet value is one bit: a single-valued facet (listing type, region,
//! organization type) sets one bit of its slot, a multi-valued one (target
//! regions, modes, amount buckets) sets several. Sectors get a `u64` of their
//! own, one bit per slug of the taxonomy. Filtering is then `value & allowed != 0`
//! and counting is walking the set bits, with no string in sight. The bit
//! order follows the domain enums and the taxonomy; [`layout_fingerprint`]
//! changes when they do, and an index packed with another layout is rebuilt.

use std::sync::LazyLock;

use hulian_domain::{ListingStatus, ListingType, Mode, OrgType, Ownership, Region, taxonomy};
use serde::{Deserialize, Serialize};

use crate::doc::{ListingDoc, OrganizationDoc};

/// A range of amounts (yuan) the amount facet counts listings in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AmountBucket {
    pub slug: &'static str,
    /// Inclusive lower bound.
    pub min: i64,
    /// Exclusive upper bound; `None` is open.
    pub max: Option<i64>,
}

const WAN: i64 = 10_000;
const YI: i64 = 100_000_000;

/// The amount buckets, in order. A listing counts in every bucket its range
/// overlaps; a listing without amounts counts in [`AMOUNT_UNSPECIFIED`].
pub const AMOUNT_BUCKETS: &[AmountBucket] = &[
    AmountBucket {
        slug: "lt_10m",
        min: 0,
        max: Some(1000 * WAN),
    },
    AmountBucket {
        slug: "10m_50m",
        min: 1000 * WAN,
        max: Some(5000 * WAN),
    },
    AmountBucket {
        slug: "50m_100m",
        min: 5000 * WAN,
        max: Some(YI),
    },
    AmountBucket {
        slug: "100m_500m",
        min: YI,
        max: Some(5 * YI),
    },
    AmountBucket {
        slug: "500m_1b",
        min: 5 * YI,
        max: Some(10 * YI),
    },
    AmountBucket {
        slug: "gte_1b",
        min: 10 * YI,
        max: None,
    },
];

/// The amount facet value of listings that name no amount.
pub const AMOUNT_UNSPECIFIED: &str = "unspecified";

/// One facet value and how many documents have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// A slot of bits inside the packed `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bits {
    shift: u32,
    width: u32,
}

impl Bits {
    pub fn get(self, packed: u64) -> u64 {
        (packed >> self.shift) & self.mask()
    }

    pub fn shift(self) -> u32 {
        self.shift
    }

    pub fn width(self) -> u32 {
        self.width
    }

    /// The slot's bits in place within the packed word.
    pub fn slot_mask(self) -> u64 {
        self.mask().checked_shl(self.shift).unwrap_or(0)
    }

    fn put(self, packed: &mut u64, value: u64) {
        debug_assert_eq!(value & !self.mask(), 0, "value does not fit its slot");
        *packed |= (value & self.mask()) << self.shift;
    }

    fn mask(self) -> u64 {
        if self.width >= 64 {
            u64::MAX
        } else {
            (1u64 << self.width) - 1
        }
    }
}

/// Hands out consecutive slots.
struct Slots {
    next: u32,
}

impl Slots {
    fn take(&mut self, width: usize) -> Bits {
        let width = u32::try_from(width).unwrap_or(u32::MAX);
        let bits = Bits {
            shift: self.next,
            width,
        };
        self.next += width;
        debug_assert!(self.next <= 64, "packed layout overflows 64 bits");
        bits
    }
}

/// The bit of `value` among `all` (none if absent).
fn one_hot<T: PartialEq>(all: &[T], value: &T) -> u64 {
    all.iter().position(|v| v == value).map_or(0, |i| 1u64 << i)
}

fn many<T: PartialEq>(all: &[T], values: &[T]) -> u64 {
    values.iter().fold(0, |mask, v| mask | one_hot(all, v))
}

/// The mask of a filter's values among `all`.
pub(crate) fn mask_of<T: PartialEq>(all: &[T], values: &[T]) -> u64 {
    many(all, values)
}

/// How a listing's facet values are packed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ListingLayout {
    pub listing_type: Bits,
    pub region: Bits,
    pub target_region: Bits,
    pub org_type: Bits,
    pub mode: Bits,
    pub amount: Bits,
    pub status: Bits,
    pub verified: Bits,
    /// The day the listing was created ([`created_day`]), so that newest
    /// first can pass over a document older than the page's last without
    /// reading its exact creation time.
    pub created_day: Bits,
}

/// Width of [`ListingLayout::created_day`]: 8,192 days from [`DAY_EPOCH`].
const CREATED_DAY_BITS: usize = 13;
/// 2020-01-01, in days since 1970-01-01.
const DAY_EPOCH: i64 = 18_262;

/// The day of a creation time (unix seconds) as packed: days since
/// 2020-01-01, earlier days as 0 and days after 2042 as the last value.
/// It never goes down as the time goes up, which is all newest first needs.
pub(crate) fn created_day(created_at: i64) -> u64 {
    let day = created_at.div_euclid(86_400) - DAY_EPOCH;
    u64::try_from(day.clamp(0, (1 << CREATED_DAY_BITS) - 1)).unwrap_or(0)
}

impl ListingLayout {
    pub fn new() -> Self {
        let mut slots = Slots { next: 0 };
        ListingLayout {
            listing_type: slots.take(ListingType::ALL.len()),
            region: slots.take(Region::ALL.len()),
            target_region: slots.take(Region::ALL.len()),
            org_type: slots.take(OrgType::ALL.len()),
            mode: slots.take(Mode::ALL.len()),
            amount: slots.take(AMOUNT_BUCKETS.len() + 1),
            status: slots.take(ListingStatus::ALL.len()),
            verified: slots.take(1),
            created_day: slots.take(CREATED_DAY_BITS),
        }
    }

    pub fn pack(&self, doc: &ListingDoc) -> u64 {
        let mut packed = 0;
        self.listing_type
            .put(&mut packed, one_hot(ListingType::ALL, &doc.listing_type));
        self.region.put(&mut packed, one_hot(Region::ALL, &doc.region));
        self.target_region
            .put(&mut packed, many(Region::ALL, &doc.target_regions));
        self.org_type.put(&mut packed, one_hot(OrgType::ALL, &doc.org_type));
        self.mode.put(&mut packed, many(Mode::ALL, &doc.modes));
        self.amount
            .put(&mut packed, amount_mask(doc.amount_min, doc.amount_max));
        self.status.put(&mut packed, one_hot(ListingStatus::ALL, &doc.status));
        self.verified.put(&mut packed, u64::from(doc.org_verified));
        self.created_day.put(&mut packed, created_day(doc.created_at));
        packed
    }

    pub fn published(&self) -> u64 {
        one_hot(ListingStatus::ALL, &ListingStatus::Published)
    }
}

/// How an organization's facet values are packed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OrgLayout {
    pub org_type: Bits,
    pub region: Bits,
    pub ownership: Bits,
    pub verified: Bits,
}

impl OrgLayout {
    pub fn new() -> Self {
        let mut slots = Slots { next: 0 };
        OrgLayout {
            org_type: slots.take(OrgType::ALL.len()),
            region: slots.take(Region::ALL.len()),
            ownership: slots.take(Ownership::ALL.len()),
            verified: slots.take(1),
        }
    }

    pub fn pack(&self, doc: &OrganizationDoc) -> u64 {
        let mut packed = 0;
        self.org_type.put(&mut packed, one_hot(OrgType::ALL, &doc.org_type));
        self.region.put(&mut packed, one_hot(Region::ALL, &doc.region));
        if let Some(ownership) = doc.ownership {
            self.ownership.put(&mut packed, one_hot(Ownership::ALL, &ownership));
        }
        self.verified.put(&mut packed, u64::from(doc.verified));
        packed
    }
}

/// The sector slugs that have a bit, in bit order (the taxonomy's order; at most 64).
pub(crate) fn sector_slugs() -> &'static [String] {
    static SLUGS: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut slugs = taxonomy::all_slugs();
        let limit = crate::collect::SECTOR_BITS as usize;
        if slugs.len() > limit {
            tracing::warn!(
                sectors = slugs.len(),
                limit,
                "too many sector slugs: the rest are not faceted"
            );
            slugs.truncate(limit);
        }
        slugs
    });
    &SLUGS
}

/// The bits of `sectors` (unknown slugs have none).
pub(crate) fn sector_mask(sectors: &[String]) -> u64 {
    let slugs = sector_slugs();
    sectors.iter().fold(0, |mask, sector| {
        mask | slugs.iter().position(|s| s == sector).map_or(0, |i| 1u64 << i)
    })
}

/// The amount buckets a range overlaps (the last bit: no amount at all).
pub(crate) fn amount_mask(min: Option<i64>, max: Option<i64>) -> u64 {
    if min.is_none() && max.is_none() {
        return 1u64 << AMOUNT_BUCKETS.len();
    }
    let low = min.unwrap_or(0);
    let high = max.unwrap_or(i64::MAX);
    AMOUNT_BUCKETS.iter().enumerate().fold(0, |mask, (i, bucket)| {
        let below_end = bucket.max.is_none_or(|end| low < end);
        if below_end && high >= bucket.min {
            mask | (1u64 << i)
        } else {
            mask
        }
    })
}

/// The amount bucket slugs in bit order, `unspecified` last.
pub(crate) fn amount_slugs() -> Vec<&'static str> {
    AMOUNT_BUCKETS
        .iter()
        .map(|b| b.slug)
        .chain([AMOUNT_UNSPECIFIED])
        .collect()
}

/// A stable digest (FNV-1a) of every vocabulary the packed layout depends on.
pub(crate) fn layout_fingerprint() -> u64 {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(ListingType::ALL.iter().map(|v| v.as_str().to_owned()));
    parts.extend(Region::ALL.iter().map(|v| v.as_str().to_owned()));
    parts.extend(OrgType::ALL.iter().map(|v| v.as_str().to_owned()));
    parts.extend(Mode::ALL.iter().map(|v| v.as_str().to_owned()));
    parts.extend(ListingStatus::ALL.iter().map(|v| v.as_str().to_owned()));
    parts.extend(Ownership::ALL.iter().map(|v| v.as_str().to_owned()));
    parts.extend(
        AMOUNT_BUCKETS
            .iter()
            .map(|b| format!("{}:{}:{:?}", b.slug, b.min, b.max)),
    );
    parts.extend(sector_slugs().iter().cloned());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.join("|").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Counts by bit into facet values: non-zero counts and the selected values,
/// most frequent first (ties in vocabulary order).
pub(crate) fn facet_values(labels: &[&str], counts: &[u64], selected: u64) -> Vec<FacetCount> {
    let mut out: Vec<(usize, FacetCount)> = labels
        .iter()
        .enumerate()
        .filter_map(|(i, label)| {
            let count = counts.get(i).copied().unwrap_or(0);
            let is_selected = i < 64 && selected & (1u64 << i) != 0;
            (count > 0 || is_selected).then(|| {
                (
                    i,
                    FacetCount {
                        value: (*label).to_owned(),
                        count,
                    },
                )
            })
        })
        .collect();
    out.sort_by(|(ia, a), (ib, b)| b.count.cmp(&a.count).then(ia.cmp(ib)));
    out.into_iter().map(|(_, f)| f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Newest first relies on this: a later time never has an earlier day.
        #[test]
        fn created_days_never_go_down(a in any::<i64>(), b in any::<i64>()) {
            let (early, late) = (a.min(b), a.max(b));
            prop_assert!(created_day(early) <= created_day(late));
            prop_assert!(created_day(late) < 1 << CREATED_DAY_BITS);
        }
    }

    #[test]
    fn created_days_count_from_2020() {
        assert_eq!(created_day(1_577_836_800), 0); // 2020-01-01 00:00 UTC
        assert_eq!(created_day(1_577_836_800 + 86_399), 0);
        assert_eq!(created_day(1_577_836_800 + 86_400), 1);
        assert_eq!(created_day(0), 0);
    }

    #[test]
    fn layouts_fit_in_64_bits() {
        let layout = ListingLayout::new();
        assert!(layout.verified.shift + layout.verified.width <= 64);
        let org = OrgLayout::new();
        assert!(org.verified.shift + org.verified.width <= 64);
        assert!(taxonomy::all_slugs().len() <= 64, "sectors no longer fit one u64");
    }

    #[test]
    fn amounts_fall_in_every_bucket_they_overlap() {
        let slugs = amount_slugs();
        let names = |mask: u64| -> Vec<&str> {
            slugs
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, s)| *s)
                .collect()
        };
        assert_eq!(names(amount_mask(None, None)), vec!["unspecified"]);
        assert_eq!(
            names(amount_mask(Some(2 * YI), Some(5 * YI))),
            vec!["100m_500m", "500m_1b"]
        );
        assert_eq!(names(amount_mask(Some(20 * YI), None)), vec!["gte_1b"]);
        assert_eq!(names(amount_mask(None, Some(800 * WAN))), vec!["lt_10m"]);
    }

    #[test]
    fn sub_sectors_have_their_own_bit() {
        let mask = sector_mask(&["port_logistics".to_owned(), "port_logistics.cold_chain".to_owned()]);
        assert_eq!(mask.count_ones(), 2);
        assert_eq!(sector_mask(&["mining".to_owned()]), 0);
    }
}
