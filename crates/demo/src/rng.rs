//! A small deterministic pseudo-random generator (SplitMix64).
//!
//! Not for anything secret: it exists so that the same seed gives the same demo
//! data on every platform and every run, with each record drawn from its own
//! stream so that record `i` never depends on records before it.

/// The stream of the organization profiles (type, place, sectors, names).
pub(crate) const STREAM_PROFILE: u64 = 1;
/// The stream of the organization details (description, website, contact).
pub(crate) const STREAM_ORG_DETAIL: u64 = 2;
/// The stream of the listings.
pub(crate) const STREAM_LISTING: u64 = 3;
/// The stream that fixes per-dataset choices (offsets of the stratified tables).
pub(crate) const STREAM_DATASET: u64 = 4;

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 finaliser: a bijective mix of 64 bits.
fn mix(value: u64) -> u64 {
    let mut z = value;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

pub(crate) struct Rng {
    state: u64,
}

impl Rng {
    /// The generator of record `index` of `stream` under `seed`.
    pub(crate) fn new(seed: u64, stream: u64, index: u64) -> Self {
        let state = mix(seed ^ mix(stream.wrapping_mul(GOLDEN)) ^ mix(index.wrapping_add(GOLDEN).wrapping_mul(GOLDEN)));
        Rng { state }
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix(self.state)
    }

    /// A number in `0..n` (`n` > 0); multiply-shift, whose bias is far below what demo data can show.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0, "below(0)");
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: u32, hi: u32) -> u32 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo) as usize + 1) as u32
    }

    /// True with probability `percent` / 100.
    pub(crate) fn percent(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub(crate) fn pick_copy<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An index into `weights`, drawn in proportion to them (at least one must be non-zero).
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        debug_assert!(total > 0, "all weights are zero");
        let mut roll = self.below(total.max(1) as usize) as u32;
        for (index, &weight) in weights.iter().enumerate() {
            if roll < weight {
                return index;
            }
            roll -= weight;
        }
        weights.len().saturating_sub(1)
    }

    /// Up to `count` distinct items of `items`, in a random order.
    pub(crate) fn sample<'a, T>(&mut self, items: &'a [T], count: usize) -> Vec<&'a T> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        let take = count.min(items.len());
        for slot in 0..take {
            let chosen = slot + self.below(order.len() - slot);
            order.swap(slot, chosen);
        }
        order[..take].iter().map(|&i| &items[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(7, STREAM_LISTING, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::new(7, STREAM_LISTING, 3).next_u64(),
            Rng::new(7, STREAM_LISTING, 4).next_u64()
        );
        assert_ne!(
            Rng::new(7, STREAM_LISTING, 3).next_u64(),
            Rng::new(7, STREAM_PROFILE, 3).next_u64()
        );
        assert_ne!(
            Rng::new(7, STREAM_LISTING, 3).next_u64(),
            Rng::new(8, STREAM_LISTING, 3).next_u64()
        );
    }

    #[test]
    fn ranges_hold() {
        let mut rng = Rng::new(1, 2, 3);
        let mut seen = [0usize; 5];
        for _ in 0..10_000 {
            let v = rng.between(10, 14);
            assert!((10..=14).contains(&v));
            seen[(v - 10) as usize] += 1;
            assert!(rng.weighted(&[0, 3, 0, 1]) % 2 == 1);
        }
        assert!(seen.iter().all(|&n| n > 1_500), "{seen:?}");
        let sample = rng.sample(&[1, 2, 3, 4, 5], 3);
        assert_eq!(sample.len(), 3);
        let mut unique: Vec<_> = sample.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 3);
    }
}
