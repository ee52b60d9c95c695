//! Deterministic demo data for Hulian: fictional but realistic organizations
//! and listings of Shanghai–Dalian counterpart cooperation, in Chinese with
//! English translations for most records, as records of the exchange format.
//!
//! It is for `hulian demo` (a small dataset to click through: 320
//! organizations and 1,200 listings by default) and for benchmarks that need a
//! million listings: records stream one at a time, each computed from the seed
//! and its own index, so nothing is held but a table of organization profiles.
//!
//! It is not test fixtures with known answers (the labelled development set
//! lives in `shared/data`), and not a source of real companies or contacts:
//! organizations, people, e-mail addresses (`*.example.com`) and phone numbers
//! (local numbers beginning with 0, which no exchange assigns) are all made up;
//! only the place names are real.
//!
//! The same [`DemoConfig`] gives byte-identical records on every run and every
//! platform: a small SplitMix64 generator, integer arithmetic only, no clock.
//! Every record passes [`hulian_domain::parse_record`] unchanged.

mod listings;
mod organizations;
mod places;
mod rng;
mod text;
mod vocab;

use hulian_domain::{ListingRecord, OrganizationRecord, Record};

pub use listings::{listing_types_for, modes_for};

/// How much demo data to make, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoConfig {
    pub organizations: usize,
    /// Listings need at least one organization to belong to; with none, no listings are made.
    pub listings: usize,
    pub seed: u64,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            organizations: 320,
            listings: 1_200,
            seed: 20170,
        }
    }
}

/// All organizations first, then listings; every listing's `organization` names a generated organization.
pub fn generate(config: &DemoConfig) -> impl Iterator<Item = Record> + use<> {
    organizations(config)
        .map(Record::Organization)
        .chain(listings(config).map(Record::Listing))
}

/// The organizations `demo-org-00001`, `demo-org-00002`, …; organization `i` does not
/// depend on how many are asked for.
pub fn organizations(config: &DemoConfig) -> impl Iterator<Item = OrganizationRecord> + use<> {
    let seed = config.seed;
    let brands = organizations::Brands::new(seed);
    (0..config.organizations)
        .map(move |index| organizations::record(seed, &organizations::profile(seed, index, &brands)))
}

/// The listings `demo-lst-0000001`, …; listing `i` depends on the seed, `i` and the
/// number of organizations only, so a shorter run yields a prefix of a longer one.
pub fn listings(config: &DemoConfig) -> impl Iterator<Item = ListingRecord> + use<> {
    let seed = config.seed;
    let table = listings::OrgTable::new(seed, config.organizations);
    let count = if config.organizations == 0 { 0 } else { config.listings };
    (0..count).map(move |index| listings::listing(seed, index, &table))
}

#[cfg(test)]
mod tests;
