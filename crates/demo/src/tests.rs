//! Tests of the generated dataset as a whole: validity, determinism, coverage,
//! proportions, variety and speed.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;
use std::time::Instant;

use chrono::NaiveDate;
use hulian_domain::taxonomy::{self, SECTORS};
use hulian_domain::{
    ListingRecord, ListingStatus, ListingType, Mode, OrgType, OrganizationRecord, Ownership, Record, Region,
    parse_record,
};

use super::*;

struct Dataset {
    organizations: Vec<OrganizationRecord>,
    listings: Vec<ListingRecord>,
}

/// The default dataset, generated once for all tests.
fn default_dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        let config = DemoConfig::default();
        Dataset {
            organizations: organizations(&config).collect(),
            listings: listings(&config).collect(),
        }
    })
}

fn records(data: &Dataset) -> impl Iterator<Item = Record> + '_ {
    data.organizations
        .iter()
        .cloned()
        .map(Record::Organization)
        .chain(data.listings.iter().cloned().map(Record::Listing))
}

/// FNV-1a over every line, newline-separated: the whole output as one number.
fn fingerprint(config: &DemoConfig) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for record in generate(config) {
        for byte in record.to_line().bytes().chain(std::iter::once(b'\n')) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

fn share(count: usize, total: usize) -> f64 {
    count as f64 / total as f64
}

#[test]
fn every_record_validates_and_round_trips() {
    for record in records(default_dataset()) {
        let line = record.to_line();
        match parse_record(&line) {
            Ok(parsed) => assert_eq!(parsed, record, "{line}"),
            Err(errors) => panic!("{}: {errors}\n{line}", record.external_id()),
        }
        assert!(!line.contains('{') || line.matches('{').count() == line.matches('}').count());
    }
}

#[test]
fn no_template_slot_is_left_unfilled() {
    let data = default_dataset();
    let texts = data
        .listings
        .iter()
        .flat_map(|l| {
            [
                Some(&l.title),
                l.title_en.as_ref(),
                Some(&l.description),
                l.description_en.as_ref(),
            ]
        })
        .chain(data.organizations.iter().flat_map(|o| {
            [
                Some(&o.name),
                o.name_en.as_ref(),
                Some(&o.description),
                o.description_en.as_ref(),
            ]
        }))
        .flatten();
    for text in texts {
        assert!(!text.contains('{') && !text.contains('}'), "{text}");
        assert!(
            !text.contains("  ") && !text.contains("服务服务") && !text.contains("。。"),
            "{text}"
        );
        assert_eq!(text.trim(), text);
    }
}

#[test]
fn the_same_config_gives_the_same_bytes() {
    let config = DemoConfig::default();
    let first: Vec<String> = generate(&config).map(|r| r.to_line()).collect();
    let second: Vec<String> = generate(&config).map(|r| r.to_line()).collect();
    assert_eq!(first, second);
    // Pinned: a change here changes every demo dataset, which is fine when it is meant.
    assert_eq!(
        fingerprint(&config),
        PINNED_FINGERPRINT,
        "the default demo dataset changed; update the pin if that was intended"
    );
}

const PINNED_FINGERPRINT: u64 = 6_706_680_495_302_617_118;

#[test]
fn another_seed_gives_other_data() {
    let other = DemoConfig {
        seed: 7,
        ..DemoConfig::default()
    };
    assert_ne!(fingerprint(&other), fingerprint(&DemoConfig::default()));
}

#[test]
fn organizations_come_first_then_the_configured_number_of_listings() {
    let config = DemoConfig::default();
    let kinds: Vec<bool> = generate(&config)
        .map(|r| matches!(r, Record::Organization(_)))
        .collect();
    assert_eq!(kinds.len(), 1_520);
    assert!(kinds[..320].iter().all(|&is_org| is_org));
    assert!(kinds[320..].iter().all(|&is_org| !is_org));
    assert_eq!(generate(&config).size_hint(), (1_520, Some(1_520)));
}

#[test]
fn ids_follow_the_demo_pattern_and_are_unique() {
    let data = default_dataset();
    assert_eq!(data.organizations[0].external_id, "demo-org-00001");
    assert_eq!(data.organizations[319].external_id, "demo-org-00320");
    assert_eq!(data.listings[0].external_id, "demo-lst-0000001");
    assert_eq!(data.listings[1_199].external_id, "demo-lst-0001200");
    let ids: HashSet<&str> = data
        .organizations
        .iter()
        .map(|o| o.external_id.as_str())
        .chain(data.listings.iter().map(|l| l.external_id.as_str()))
        .collect();
    assert_eq!(ids.len(), 1_520);
}

#[test]
fn every_sector_region_type_ownership_and_mode_appears() {
    let data = default_dataset();
    let slugs: BTreeSet<&str> = data
        .organizations
        .iter()
        .flat_map(|o| &o.sectors)
        .chain(data.listings.iter().flat_map(|l| &l.sectors))
        .map(String::as_str)
        .collect();
    for sector in SECTORS {
        assert!(
            slugs.iter().any(|s| taxonomy::top_level(s) == sector.slug),
            "no record in {}",
            sector.slug
        );
    }
    let subsectors: Vec<&&str> = slugs.iter().filter(|s| s.contains('.')).collect();
    assert!(subsectors.len() >= 20, "{subsectors:?}");
    for slug in [
        "equipment.shipbuilding",
        "port_logistics.cold_chain",
        "new_energy.energy_storage",
        "new_energy.hydrogen",
        "port_logistics.cruise",
    ] {
        assert!(slugs.contains(slug), "{slug}");
    }
    for region in Region::ALL {
        assert!(
            data.organizations.iter().any(|o| o.region == *region),
            "no organization in {region}"
        );
        assert!(
            data.listings.iter().any(|l| l.region == *region),
            "no listing in {region}"
        );
    }
    for org_type in OrgType::ALL {
        assert!(data.organizations.iter().any(|o| o.org_type == *org_type), "{org_type}");
    }
    for ownership in Ownership::ALL {
        assert!(
            data.organizations.iter().any(|o| o.ownership == Some(*ownership)),
            "{ownership}"
        );
    }
    for listing_type in ListingType::ALL {
        assert!(
            data.listings.iter().any(|l| l.listing_type == *listing_type),
            "{listing_type}"
        );
    }
    for mode in Mode::ALL {
        assert!(data.listings.iter().any(|l| l.modes.contains(mode)), "{mode}");
    }
}

#[test]
fn other_seeds_and_sizes_cover_every_type_and_region_too() {
    for seed in [1, 2, 3] {
        let config = DemoConfig {
            seed,
            ..DemoConfig::default()
        };
        let orgs: Vec<OrganizationRecord> = organizations(&config).collect();
        let lists: Vec<ListingRecord> = listings(&config).collect();
        for org_type in OrgType::ALL {
            assert!(orgs.iter().any(|o| o.org_type == *org_type), "seed {seed}: {org_type}");
        }
        for listing_type in ListingType::ALL {
            assert!(
                lists.iter().any(|l| l.listing_type == *listing_type),
                "seed {seed}: {listing_type}"
            );
        }
        for region in Region::ALL {
            assert!(
                orgs.iter().any(|o| o.region == *region) || lists.iter().any(|l| l.region == *region),
                "seed {seed}: {region}"
            );
        }
    }
}

#[test]
fn regions_follow_the_plan_mix() {
    let data = default_dataset();
    let regions: Vec<Region> = data
        .organizations
        .iter()
        .map(|o| o.region)
        .chain(data.listings.iter().map(|l| l.region))
        .collect();
    let of = |wanted: &[Region]| share(regions.iter().filter(|r| wanted.contains(r)).count(), regions.len());
    let coastal = [
        Region::Dandong,
        Region::Jinzhou,
        Region::Yingkou,
        Region::Panjin,
        Region::Huludao,
    ];
    assert!(
        (0.40..=0.50).contains(&of(&[Region::Shanghai])),
        "shanghai {}",
        of(&[Region::Shanghai])
    );
    assert!(
        (0.34..=0.46).contains(&of(&[Region::Dalian])),
        "dalian {}",
        of(&[Region::Dalian])
    );
    assert!((0.09..=0.18).contains(&of(&coastal)), "coastal {}", of(&coastal));
    assert!(
        (0.01..=0.05).contains(&of(&[Region::Other])),
        "other {}",
        of(&[Region::Other])
    );
}

#[test]
fn most_records_are_bilingual_and_all_have_chinese() {
    let data = default_dataset();
    let orgs = share(
        data.organizations
            .iter()
            .filter(|o| o.name_en.is_some() && o.description_en.is_some())
            .count(),
        data.organizations.len(),
    );
    let lists = share(
        data.listings
            .iter()
            .filter(|l| l.title_en.is_some() && l.description_en.is_some())
            .count(),
        data.listings.len(),
    );
    assert!((0.6..=0.85).contains(&orgs), "organizations {orgs}");
    assert!((0.6..=0.85).contains(&lists), "listings {lists}");
    let has_han = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    assert!(
        data.organizations
            .iter()
            .all(|o| has_han(&o.name) && has_han(&o.description))
    );
    assert!(
        data.listings
            .iter()
            .all(|l| has_han(&l.title) && has_han(&l.description))
    );
    // English fields come in pairs.
    assert!(
        data.listings
            .iter()
            .all(|l| l.title_en.is_some() == l.description_en.is_some())
    );
    assert!(
        data.organizations
            .iter()
            .all(|o| o.name_en.is_some() == o.description_en.is_some())
    );
}

#[test]
fn listings_belong_to_generated_organizations_of_a_fitting_type() {
    let data = default_dataset();
    let orgs: HashMap<&str, &OrganizationRecord> =
        data.organizations.iter().map(|o| (o.external_id.as_str(), o)).collect();
    for listing in &data.listings {
        let org = orgs
            .get(listing.organization.as_str())
            .unwrap_or_else(|| panic!("{} names no organization", listing.external_id));
        assert!(
            listing_types_for(org.org_type).contains(&listing.listing_type),
            "{} is a {} by a {}",
            listing.external_id,
            listing.listing_type,
            org.org_type
        );
        if listing.region != org.region {
            // Only projects of enterprises (a base in the counterpart region) and parks (enclaves) move.
            assert!(
                matches!(listing.listing_type, ListingType::Project | ListingType::ParkSpace),
                "{}",
                listing.external_id
            );
        }
    }
    let posting: HashSet<&str> = data.listings.iter().map(|l| l.organization.as_str()).collect();
    assert!(
        share(posting.len(), data.organizations.len()) > 0.8,
        "most organizations post something"
    );
}

#[test]
fn modes_fit_the_listing_type() {
    for listing in &default_dataset().listings {
        assert!(!listing.modes.is_empty(), "{}", listing.external_id);
        let allowed = modes_for(listing.listing_type);
        assert!(
            listing.modes.iter().all(|m| allowed.contains(m)),
            "{} {:?}",
            listing.listing_type,
            listing.modes
        );
        match listing.listing_type {
            ListingType::FundMandate => assert_eq!(listing.modes, vec![Mode::Equity]),
            ListingType::ParkSpace => assert!(
                listing
                    .modes
                    .iter()
                    .all(|m| matches!(m, Mode::Lease | Mode::Relocation))
            ),
            ListingType::Technology => {
                assert!(
                    listing
                        .modes
                        .iter()
                        .all(|m| matches!(m, Mode::TechTransfer | Mode::Licensing | Mode::CoDevelopment))
                )
            }
            _ => {}
        }
    }
}

#[test]
fn amounts_are_tickets_sizes_and_budgets() {
    for listing in &default_dataset().listings {
        if let (Some(min), Some(max)) = (listing.amount_cny_min, listing.amount_cny_max) {
            assert!(min <= max, "{}", listing.external_id);
        }
        match listing.listing_type {
            ListingType::FundMandate => {
                let (Some(min), Some(max)) = (listing.amount_cny_min, listing.amount_cny_max) else {
                    panic!("{} has no ticket range", listing.external_id)
                };
                assert!(min >= 10_000_000 && max <= 5_000_000_000 && min < max, "{min}..{max}");
            }
            ListingType::Project => {
                let min = listing.amount_cny_min.unwrap_or_default();
                assert!(
                    (30_000_000..=20_000_000_000).contains(&min),
                    "{}: {min}",
                    listing.external_id
                );
            }
            _ => {}
        }
    }
}

#[test]
fn parks_list_enclaves_and_target_regions_are_mostly_left_to_the_default() {
    let data = default_dataset();
    let parks: Vec<&ListingRecord> = data
        .listings
        .iter()
        .filter(|l| l.listing_type == ListingType::ParkSpace)
        .collect();
    assert!(parks.iter().any(|l| l.tags.iter().any(|t| t == "飞地")));
    assert!(parks.iter().any(|l| l.tags.iter().any(|t| t == "分园区")));
    assert!(parks.iter().any(|l| l.sectors.len() > 1));
    let set = data.listings.iter().filter(|l| l.target_regions.is_some()).count();
    assert!((0.03..=0.2).contains(&share(set, data.listings.len())), "{set}");
}

#[test]
fn statuses_and_deadlines_show_every_state() {
    let data = default_dataset();
    let total = data.listings.len();
    let count = |status: ListingStatus| data.listings.iter().filter(|l| l.status == status).count();
    let first = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap_or_default();
    let last = NaiveDate::from_ymd_opt(2029, 12, 31).unwrap_or_default();
    let expired = data
        .listings
        .iter()
        .filter(|l| l.deadline.is_some_and(|d| d.format("%Y").to_string() == "2025"))
        .count();
    assert!((0.005..=0.04).contains(&share(count(ListingStatus::Draft), total)));
    assert!((0.005..=0.04).contains(&share(count(ListingStatus::Closed), total)));
    assert!((0.003..=0.025).contains(&share(expired, total)), "{expired}");
    let live = data
        .listings
        .iter()
        .filter(|l| l.status == ListingStatus::Published && l.deadline.is_some_and(|d| (first..=last).contains(&d)))
        .count();
    assert!(share(live, total) >= 0.92, "{live}");
    for listing in &data.listings {
        let deadline = listing.deadline.unwrap_or_default();
        assert!(expired_or_in_range(deadline, first, last), "{deadline}");
    }
}

fn expired_or_in_range(date: NaiveDate, first: NaiveDate, last: NaiveDate) -> bool {
    (first..=last).contains(&date) || date.format("%Y").to_string() == "2025"
}

#[test]
fn titles_names_and_descriptions_are_varied() {
    let data = default_dataset();
    let titles: HashSet<&str> = data.listings.iter().map(|l| l.title.as_str()).collect();
    assert!(
        share(titles.len(), data.listings.len()) >= 0.95,
        "{} distinct titles",
        titles.len()
    );
    let descriptions: HashSet<&str> = data.listings.iter().map(|l| l.description.as_str()).collect();
    assert!(share(descriptions.len(), data.listings.len()) >= 0.98);
    let names: HashSet<&str> = data.organizations.iter().map(|o| o.name.as_str()).collect();
    assert!(
        share(names.len(), data.organizations.len()) >= 0.97,
        "{} distinct names",
        names.len()
    );
}

#[test]
fn words_users_search_for_occur_naturally() {
    let data = default_dataset();
    let text: String = data
        .listings
        .iter()
        .map(|l| format!("{} {} ", l.title, l.description))
        .collect();
    for word in [
        "冷链物流",
        "液流电池",
        "储能",
        "飞地园区",
        "邮轮",
        "港口起重机",
        "数控机床",
        "工业软件",
        "氢能",
        "石油化工",
        "石化",
        "港航",
        "轴承",
        "船舶",
        "生物医药",
        "机器人",
        "浦东新区",
        "嘉定区",
        "临港",
        "金普新区",
        "长兴岛",
        "高新区",
        "瓦房店",
        "丹东",
        "锦州",
        "营口",
        "盘锦",
        "葫芦岛",
    ] {
        assert!(text.contains(word), "nobody mentions {word}");
    }
    let english: String = data.listings.iter().filter_map(|l| l.description_en.clone()).collect();
    for word in ["cold-chain", "flow batter", "hydrogen", "bearings", "cruise", "enclave"] {
        assert!(english.contains(word), "no English listing mentions {word}");
    }
}

#[test]
fn contacts_and_websites_are_fictional() {
    let data = default_dataset();
    let with_contact: Vec<&OrganizationRecord> = data.organizations.iter().filter(|o| o.contact.is_some()).collect();
    assert!(
        (0.02..=0.1).contains(&share(with_contact.len(), data.organizations.len())),
        "{}",
        with_contact.len()
    );
    for org in with_contact {
        let contact = org.contact.as_ref().unwrap_or_else(|| panic!("filtered"));
        assert!(contact.name.is_some() && contact.phone.as_deref().is_some_and(|p| p.contains("-0")));
        assert!(
            contact.email.as_deref().is_some_and(|e| e.ends_with(".example.com")),
            "{contact:?}"
        );
    }
    let websites: Vec<&str> = data.organizations.iter().filter_map(|o| o.website.as_deref()).collect();
    assert!(websites.len() > 50);
    assert!(
        websites
            .iter()
            .all(|w| w.starts_with("https://") && w.ends_with(".example.com")),
        "{websites:?}"
    );
}

#[test]
fn shorter_runs_are_prefixes_of_longer_ones() {
    let long = DemoConfig::default();
    let short = DemoConfig { listings: 100, ..long };
    let prefix: Vec<ListingRecord> = listings(&short).collect();
    assert_eq!(prefix.as_slice(), &default_dataset().listings[..100]);
    let fewer_orgs = DemoConfig {
        organizations: 50,
        ..long
    };
    let orgs: Vec<OrganizationRecord> = organizations(&fewer_orgs).collect();
    assert_eq!(orgs.as_slice(), &default_dataset().organizations[..50]);
}

#[test]
fn tiny_datasets_stay_valid() {
    assert_eq!(
        listings(&DemoConfig {
            organizations: 0,
            listings: 10,
            seed: 1
        })
        .count(),
        0
    );
    assert_eq!(
        generate(&DemoConfig {
            organizations: 0,
            listings: 0,
            seed: 1
        })
        .count(),
        0
    );
    for organizations in [1, 2, 3, 7] {
        let config = DemoConfig {
            organizations,
            listings: 200,
            seed: 9,
        };
        let records: Vec<Record> = generate(&config).collect();
        let types: HashMap<String, OrgType> = records
            .iter()
            .filter_map(|r| match r {
                Record::Organization(o) => Some((o.external_id.clone(), o.org_type)),
                Record::Listing(_) => None,
            })
            .collect();
        for record in &records {
            assert_eq!(parse_record(&record.to_line()).as_ref(), Ok(record));
            if let Record::Listing(l) = record {
                let org_type = types
                    .get(&l.organization)
                    .copied()
                    .unwrap_or_else(|| panic!("dangling {}", l.organization));
                assert!(listing_types_for(org_type).contains(&l.listing_type));
            }
        }
    }
}

#[test]
fn twenty_thousand_listings_generate_quickly() {
    let config = DemoConfig {
        organizations: 2_000,
        listings: 20_000,
        seed: 3,
    };
    let started = Instant::now();
    let mut bytes = 0;
    let mut titles = HashSet::new();
    for listing in listings(&config) {
        bytes += Record::Listing(listing.clone()).to_line().len();
        titles.insert(listing.title);
    }
    let elapsed = started.elapsed();
    // Generous for an unoptimised build on a busy machine; the release build is two orders of magnitude faster.
    assert!(elapsed.as_secs() < 20, "20,000 listings took {elapsed:?}");
    assert!(bytes > 20_000 * 300);
    assert!(titles.len() > 17_600, "{} distinct titles in 20,000", titles.len());
}

/// `cargo test -p hulian-demo --release -- --ignored --nocapture`
#[test]
#[ignore = "a benchmark: run in release"]
fn a_million_listings_stream_in_well_under_thirty_seconds() {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let hash = |text: &str| {
        let mut hasher = DefaultHasher::new();
        text.hash(&mut hasher);
        hasher.finish()
    };
    let config = DemoConfig {
        organizations: 20_000,
        listings: 1_000_000,
        seed: 20170,
    };

    let started = Instant::now();
    let generated = listings(&config).count();
    let generation = started.elapsed();

    let started = Instant::now();
    let mut bytes = 0usize;
    for listing in listings(&config) {
        bytes += Record::Listing(listing).to_line().len();
    }
    let with_json = started.elapsed();

    let mut titles = HashSet::new();
    let mut descriptions = HashSet::new();
    for listing in listings(&config) {
        titles.insert(hash(&listing.title));
        descriptions.insert(hash(&listing.description));
    }
    println!(
        "{generated} listings generated in {generation:?}; with NDJSON serialisation ({} MB) in {with_json:?}; \
         {} distinct titles, {} distinct descriptions",
        bytes / 1_000_000,
        titles.len(),
        descriptions.len()
    );
    assert_eq!(generated, 1_000_000);
    assert!(with_json.as_secs() < 30, "{with_json:?}");
}
