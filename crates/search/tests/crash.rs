//! Killing the indexing process at any moment, mid-commit included, loses
//! nothing: after a restart the index holds every change up to its recorded
//! change id (and at most the one change after it, which the follower
//! replays harmlessly), and indexing resumes from there.
//!
//! The test binary runs itself as the child (`writer_child`, inert without
//! the environment variable), which commits batches in a loop until killed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use hulian_domain::{ListingStatus, ListingType, OrgType, Region};
use hulian_search::{ListingDoc, SearchIndex};

const CHILD_DIR: &str = "HULIAN_SEARCH_CRASH_CHILD_DIR";
/// Listings added per change: change `c` adds ids `c * BATCH ..< (c + 1) * BATCH`.
const BATCH: i64 = 20;

fn doc(id: i64) -> ListingDoc {
    ListingDoc {
        id,
        external_id: format!("lst-{id}"),
        listing_type: ListingType::Project,
        title: format!("冷链物流园区项目{id}"),
        title_en: Some(format!("Cold-chain park project {id}")),
        description: "大窑湾冷链物流园冷库运营与沪连冷链干线合作，寻求战略投资者。".repeat(4),
        description_en: None,
        tags: vec!["冷链".to_owned()],
        sectors: vec!["port_logistics.cold_chain".to_owned()],
        region: Region::Dalian,
        target_regions: vec![Region::Shanghai],
        org_external_id: "org-1".to_owned(),
        org_name: "大连冷链物流有限公司".to_owned(),
        org_name_en: None,
        org_type: OrgType::Enterprise,
        org_verified: false,
        amount_min: Some(1_000_000),
        amount_max: None,
        modes: Vec::new(),
        status: ListingStatus::Published,
        deadline: None,
        created_at: id,
        updated_at: id,
    }
}

#[test]
fn writer_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else {
        return;
    };
    let index = SearchIndex::open_or_create(Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    let mut change = index.last_change_id().unwrap_or(0);
    loop {
        change += 1;
        for id in change * BATCH..(change + 1) * BATCH {
            index.upsert_listing(&doc(id)).unwrap_or_else(|e| panic!("{e}"));
        }
        index.commit(change).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn killing_the_writer_at_any_moment_loses_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let mut last_seen = 0;
    for round in 0..6u64 {
        let mut child = Command::new(&exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_DIR, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // Uneven delays, so the kill lands at different points of the loop.
        std::thread::sleep(Duration::from_millis(700 + round * 137));
        child.kill().unwrap_or_else(|e| panic!("{e}"));
        let _ = child.wait();

        let index = SearchIndex::open_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let last = index.last_change_id().unwrap_or(0);
        assert!(
            last >= last_seen,
            "round {round}: change id went back from {last_seen} to {last}"
        );
        // Every change up to `last` is there. The listing index may also hold
        // change `last + 1` (killed between the two indexes' commits); the
        // child replays it, and upserts by id must not duplicate it.
        let count = i64::try_from(index.num_listings()).unwrap_or_default();
        assert!(
            count == last * BATCH || count == (last + 1) * BATCH,
            "round {round}: {count} listings for change {last}"
        );
        last_seen = last;
    }
    assert!(last_seen > 0, "the child never committed");
}
