//! Behaviour of the engine through its public API: visibility, filters and
//! facets, sorting, snippets, organizations, commits and reopening.

use chrono::NaiveDate;
use hulian_domain::{ListingStatus, ListingType, Mode, OrgType, Ownership, Region};
use hulian_search::{
    FacetCount, ListingDoc, ListingFilters, OrganizationDoc, OrganizationFilters, OrganizationSearchRequest,
    SearchIndex, SearchRequest, SearchResponse, SortOrder,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn today() -> NaiveDate {
    day(2026, 11, 27)
}

fn listing(id: i64, title: &str) -> ListingDoc {
    ListingDoc {
        id,
        external_id: format!("lst-{id:04}"),
        listing_type: ListingType::Project,
        title: title.to_owned(),
        title_en: None,
        description: format!("{title}。项目说明。"),
        description_en: None,
        tags: Vec::new(),
        sectors: vec!["port_logistics".to_owned()],
        region: Region::Dalian,
        target_regions: vec![Region::Shanghai],
        org_external_id: "org-0001".to_owned(),
        org_name: "大连港口集团".to_owned(),
        org_name_en: Some("Dalian Port Group".to_owned()),
        org_type: OrgType::Enterprise,
        org_verified: true,
        amount_min: None,
        amount_max: None,
        modes: vec![Mode::Equity],
        status: ListingStatus::Published,
        deadline: None,
        created_at: 1_700_000_000 + id,
        updated_at: 1_700_000_000 + id,
    }
}

fn open(docs: &[ListingDoc]) -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let index = SearchIndex::open_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    for doc in docs {
        index.upsert_listing(doc).unwrap_or_else(|e| panic!("{e}"));
    }
    index.commit(1).unwrap_or_else(|e| panic!("{e}"));
    (dir, index)
}

fn search(index: &SearchIndex, request: &SearchRequest) -> SearchResponse {
    index
        .search_listings(request)
        .unwrap_or_else(|e| panic!("{}: {e}", request.q))
}

fn ids(response: &SearchResponse) -> Vec<i64> {
    response.hits.iter().map(|h| h.id).collect()
}

/// The hits' ids, sorted: which listings were found, whatever their rank.
fn found_ids(response: &SearchResponse) -> Vec<i64> {
    let mut found = ids(response);
    found.sort_unstable();
    found
}

fn count(facet: &[FacetCount], value: &str) -> u64 {
    facet.iter().find(|f| f.value == value).map_or(0, |f| f.count)
}

/// Six cold-chain listings that differ in one facet each.
fn facet_corpus() -> Vec<ListingDoc> {
    let mut docs = Vec::new();
    let mut a = listing(1, "冷链物流园区招商");
    a.amount_min = Some(50_000_000);
    a.amount_max = Some(200_000_000);
    docs.push(a);
    let mut b = listing(2, "冷链干线运输合作");
    b.listing_type = ListingType::Need;
    b.region = Region::Shanghai;
    b.target_regions = vec![Region::Dalian, Region::Yingkou];
    b.modes = vec![Mode::Procurement, Mode::Supply];
    docs.push(b);
    let mut c = listing(3, "冷链仓储基金");
    c.listing_type = ListingType::FundMandate;
    c.org_type = OrgType::Fund;
    c.sectors = vec!["finance".to_owned(), "port_logistics.cold_chain".to_owned()];
    c.amount_min = Some(300_000_000);
    docs.push(c);
    let mut d = listing(4, "冷链温控物联网平台");
    d.listing_type = ListingType::Offer;
    d.region = Region::Shanghai;
    d.sectors = vec!["software_it".to_owned()];
    d.org_verified = false;
    docs.push(d);
    let mut e = listing(5, "冷链港口冷库运营");
    e.region = Region::Yingkou;
    docs.push(e);
    docs.push(listing(6, "集装箱码头自动化改造"));
    docs
}

#[test]
fn filters_narrow_and_facets_count_the_rest() {
    let (_dir, index) = open(&facet_corpus());
    let all = search(&index, &SearchRequest::new("冷链", today()));
    assert_eq!(all.total, 5);
    assert_eq!(count(&all.facets.region, "dalian"), 2);
    assert_eq!(count(&all.facets.region, "shanghai"), 2);
    assert_eq!(count(&all.facets.region, "yingkou"), 1);
    assert_eq!(count(&all.facets.listing_type, "project"), 2);
    assert_eq!(count(&all.facets.target_region, "shanghai"), 4);
    assert_eq!(count(&all.facets.target_region, "dalian"), 1);
    assert_eq!(count(&all.facets.mode, "equity"), 4);
    assert_eq!(count(&all.facets.org_type, "fund"), 1);
    // Sub-sectors count for their parent.
    assert_eq!(count(&all.facets.sector, "port_logistics"), 4);
    assert_eq!(count(&all.facets.sector, "port_logistics.cold_chain"), 1);
    assert_eq!(count(&all.facets.amount, "unspecified"), 3);
    assert_eq!(count(&all.facets.amount, "100m_500m"), 2);
    assert_eq!(count(&all.facets.amount, "gte_1b"), 1);

    // OR within a facet, AND across facets.
    let mut request = SearchRequest::new("冷链", today());
    request.filters = ListingFilters {
        regions: vec![Region::Shanghai, Region::Yingkou],
        listing_types: vec![ListingType::Project, ListingType::Need],
        ..ListingFilters::default()
    };
    let filtered = search(&index, &request);
    assert_eq!(found_ids(&filtered), vec![2, 5]);
    assert_eq!(filtered.total, 2);
    // Disjunctive: a facet's own filter does not hide its alternatives...
    assert_eq!(
        count(&filtered.facets.region, "dalian"),
        1,
        "{:?}",
        filtered.facets.region
    );
    assert_eq!(count(&filtered.facets.region, "shanghai"), 1);
    assert_eq!(count(&filtered.facets.listing_type, "offer"), 1);
    // ...while every other filter applies (the Dalian fund is no project/need).
    assert_eq!(count(&filtered.facets.listing_type, "fund_mandate"), 0);
    assert_eq!(count(&filtered.facets.mode, "equity"), 1);

    let mut request = SearchRequest::new("冷链", today());
    request.filters.sectors = vec!["port_logistics".to_owned()];
    assert_eq!(search(&index, &request).total, 4);
    request.filters.sectors = vec!["port_logistics.cold_chain".to_owned()];
    assert_eq!(ids(&search(&index, &request)), vec![3]);
    request.filters.sectors = vec!["no_such_sector".to_owned()];
    assert_eq!(search(&index, &request).total, 0);

    let mut request = SearchRequest::new("", today());
    request.filters.target_regions = vec![Region::Yingkou];
    assert_eq!(ids(&search(&index, &request)), vec![2]);
    request.filters = ListingFilters {
        modes: vec![Mode::Supply],
        ..ListingFilters::default()
    };
    assert_eq!(ids(&search(&index, &request)), vec![2]);
    request.filters = ListingFilters {
        org_types: vec![OrgType::Fund],
        ..ListingFilters::default()
    };
    assert_eq!(ids(&search(&index, &request)), vec![3]);
    request.filters = ListingFilters {
        verified_only: true,
        ..ListingFilters::default()
    };
    assert_eq!(search(&index, &request).total, 5);
}

#[test]
fn amounts_filter_by_overlap() {
    let (_dir, index) = open(&facet_corpus());
    let mut request = SearchRequest::new("冷链", today());
    request.filters.amount_min = Some(100_000_000);
    request.filters.amount_max = Some(150_000_000);
    let response = search(&index, &request);
    assert_eq!(ids(&response), vec![1]);
    // The amount facet ignores the amount filter.
    assert_eq!(count(&response.facets.amount, "gte_1b"), 1);
    request.filters.amount_max = None;
    assert_eq!(
        found_ids(&search(&index, &request)),
        vec![1, 3],
        "an open-ended ticket overlaps any higher range"
    );
    request.filters.amount_min = Some(1);
    request.filters.amount_max = Some(10_000_000);
    assert_eq!(
        search(&index, &request).total,
        0,
        "listings without amounts are left out"
    );
}

#[test]
fn empty_query_browses_newest_first_with_facets() {
    let (_dir, index) = open(&facet_corpus());
    let response = search(&index, &SearchRequest::new("", today()));
    assert_eq!(ids(&response), vec![6, 5, 4, 3, 2, 1]);
    assert_eq!(response.total, 6);
    assert_eq!(count(&response.facets.region, "dalian"), 3);
    assert!(response.hits.iter().all(|h| h.score == 0.0));
}

#[test]
fn cached_browses_follow_commits_and_the_day() {
    let (_dir, index) = open(&facet_corpus());
    let browse = SearchRequest::new("", today());
    let first = search(&index, &browse);
    assert_eq!(first.total, 6);
    // The second answer comes from the browse cache and is the same.
    let again = search(&index, &browse);
    assert_eq!(
        (ids(&again), again.facets.region.clone()),
        (ids(&first), first.facets.region.clone())
    );
    // A commit makes a new searcher generation: the cache starts over.
    index.delete_listing(6).unwrap_or_else(|e| panic!("{e}"));
    index.commit(2).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(search(&index, &browse).total, 5);
    // The day is part of the request: a listing past its deadline leaves the browse.
    let mut expiring = listing(7, "冷链仓储");
    expiring.deadline = Some(today());
    index.upsert_listing(&expiring).unwrap_or_else(|e| panic!("{e}"));
    index.commit(3).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(search(&index, &browse).total, 6);
    let tomorrow = SearchRequest::new("", today().succ_opt().unwrap_or_else(today));
    assert_eq!(search(&index, &tomorrow).total, 5);
    // Turning the cache off gives the same answers.
    index.set_browse_cache(false);
    assert_eq!(search(&index, &browse).total, 6);
}

#[test]
fn sort_newest_orders_matches_by_creation() {
    let mut docs = facet_corpus();
    docs[0].created_at = 1_800_000_000;
    let (_dir, index) = open(&docs);
    let mut request = SearchRequest::new("冷链", today());
    request.sort = SortOrder::Newest;
    assert_eq!(ids(&search(&index, &request)), vec![1, 5, 4, 3, 2]);
}

#[test]
fn pages_do_not_overlap() {
    let docs: Vec<ListingDoc> = (1..=25).map(|i| listing(i, &format!("冷链项目{i}"))).collect();
    let (_dir, index) = open(&docs);
    let mut request = SearchRequest::new("冷链", today());
    request.per_page = 10;
    let mut seen = Vec::new();
    for page in 1..=3 {
        request.page = page;
        let response = search(&index, &request);
        assert_eq!(response.total, 25);
        assert_eq!(response.page, page);
        seen.extend(ids(&response));
    }
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 25);
}

#[test]
fn expiry_follows_the_day_of_the_query() {
    let mut doc = listing(1, "冷链物流园区招商");
    doc.deadline = Some(day(2026, 12, 31));
    let (_dir, index) = open(&[doc]);
    assert_eq!(
        search(&index, &SearchRequest::new("冷链", day(2026, 12, 31))).total,
        1,
        "the deadline day still counts"
    );
    assert_eq!(search(&index, &SearchRequest::new("冷链", day(2027, 1, 1))).total, 0);
    assert_eq!(search(&index, &SearchRequest::new("", day(2027, 1, 1))).total, 0);
}

#[test]
fn drafts_and_closed_listings_are_never_found() {
    let mut draft = listing(1, "冷链物流园区招商");
    draft.status = ListingStatus::Draft;
    let mut closed = listing(2, "冷链干线运输合作");
    closed.status = ListingStatus::Closed;
    let (_dir, index) = open(&[draft, closed, listing(3, "冷链仓储")]);
    let response = search(&index, &SearchRequest::new("冷链", today()));
    assert_eq!(ids(&response), vec![3]);
    assert_eq!(count(&response.facets.listing_type, "project"), 1);
    assert_eq!(search(&index, &SearchRequest::new("", today())).total, 1);
}

#[test]
fn unparseable_queries_are_searched_as_words() {
    let (_dir, index) = open(&facet_corpus());
    for q in [
        "\"冷链 AND (",
        "冷链)",
        "((冷链",
        "冷链 OR",
        "title:冷链",
        "冷链^2~",
        "-",
        "\"",
        "+冷链 -",
    ] {
        let response = search(&index, &SearchRequest::new(q, today()));
        assert!(response.total > 0, "{q} found nothing");
    }
    let excluded = search(&index, &SearchRequest::new("冷链 -基金", today()));
    assert_eq!(excluded.total, 4);
    assert!(!ids(&excluded).contains(&3));
    let quoted = search(&index, &SearchRequest::new("\"冷链干线\"", today()));
    assert_eq!(ids(&quoted), vec![2]);
}

#[test]
fn relevance_prefers_titles_and_all_terms() {
    let mut in_description = listing(1, "港口综合服务");
    in_description.description = "提供冷链相关服务。".to_owned();
    let mut both = listing(2, "冷链干线与城市配送");
    both.description = "冷链城配".to_owned();
    let only_title = listing(3, "冷链设备");
    let (_dir, index) = open(&[in_description, both, only_title]);
    let response = search(&index, &SearchRequest::new("冷链 城配", today()));
    assert_eq!(ids(&response)[0], 2);
    let response = search(&index, &SearchRequest::new("冷链", today()));
    assert_eq!(*ids(&response).last().unwrap_or(&0), 1);
}

#[test]
fn each_field_counts_by_its_weight() {
    // A word in the tags says more than the same word in the description;
    // in the English title more than in the English description.
    let mut in_description = listing(1, "港口综合服务");
    in_description.description = "提供冷链仓储服务，冷库容量充足。".to_owned();
    in_description.description_en = Some("Port services with cold storage on site.".to_owned());
    let mut in_tags = listing(2, "港口综合服务");
    in_tags.description = "提供仓储服务，冷库容量充足。".to_owned();
    in_tags.tags = vec!["冷链".to_owned()];
    in_tags.title_en = Some("Cold storage".to_owned());
    in_tags.description_en = Some("Port services on site.".to_owned());
    let (_dir, index) = open(&[in_description, in_tags]);
    for query in ["冷链", "storage"] {
        let response = search(&index, &SearchRequest::new(query, today()));
        assert_eq!(ids(&response), vec![2, 1], "{query}");
    }
}

#[test]
fn typed_english_words_next_to_each_other_rank_first() {
    // Both hold both words; only the second has them together in its
    // title (one stop word between counts as together).
    let mut apart = listing(1, "起重设备");
    apart.title_en = Some("Chain hoists for cold climates".to_owned());
    let mut together = listing(2, "冷库");
    together.title_en = Some("Cold and chain warehouse".to_owned());
    let mut by_name = listing(3, "仓储");
    by_name.title_en = Some("Chain and cold rooms".to_owned());
    by_name.org_name_en = Some("Dalian Cold Chain Co.".to_owned());
    let (_dir, index) = open(&[apart, together, by_name]);
    let response = search(&index, &SearchRequest::new("cold chain", today()));
    assert_eq!(ids(&response), vec![2, 3, 1]);
    // Quoted, they must stand together (in any English field).
    let response = search(&index, &SearchRequest::new("\"cold chain\"", today()));
    assert_eq!(found_ids(&response), vec![2, 3]);
}

#[test]
fn a_synonym_phrase_finds_its_words_together() {
    // 储能's synonym `energy storage`: the listing that says it (in its
    // description, or with one stop word between) is found; the one that
    // names energy and storage apart is not.
    let mut together = listing(1, "港口综合服务");
    together.description_en = Some("Grid-scale energy storage for the port.".to_owned());
    let mut with_stop_word = listing(2, "港口综合服务");
    with_stop_word.title_en = Some("Energy and storage systems".to_owned());
    let mut apart = listing(3, "港口综合服务");
    apart.description_en = Some("Energy audits, and storage of bulk cargo.".to_owned());
    let (_dir, index) = open(&[together, with_stop_word, apart]);
    let response = search(&index, &SearchRequest::new("储能", today()));
    assert_eq!(found_ids(&response), vec![1, 2]);
    // Typed, the words may stand apart.
    let response = search(&index, &SearchRequest::new("energy storage", today()));
    assert_eq!(response.total, 3);
}

#[test]
fn english_queries_find_chinese_only_listings() {
    let (_dir, index) = open(&facet_corpus());
    let response = search(&index, &SearchRequest::new("cold chain", today()));
    assert_eq!(response.total, 5);
    assert!(response.hits[0].matched.contains(&"冷链".to_owned()));
}

#[test]
fn snippets_escape_everything_but_marks() {
    let mut doc = listing(1, "冷链<b>平台</b>");
    doc.description = "<script>alert(\"x\")</script> 冷链 & 物流 'quoted'".to_owned();
    let (_dir, index) = open(&[doc]);
    let response = search(&index, &SearchRequest::new("冷链", today()));
    let hit = &response.hits[0];
    assert_eq!(hit.title_html, "<mark>冷链</mark>&lt;b&gt;平台&lt;/b&gt;");
    assert_eq!(
        hit.snippet_html,
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>冷链</mark> &amp; 物流 &#39;quoted&#39;"
    );
    let without_marks = hit.snippet_html.replace("<mark>", "").replace("</mark>", "");
    assert!(!without_marks.contains('<'));
    assert_eq!(hit.matched, vec!["冷链".to_owned()]);
}

#[test]
fn upserts_replace_and_deletes_remove() {
    let (_dir, index) = open(&facet_corpus());
    let mut changed = listing(6, "冷链集装箱码头");
    changed.created_at = 1;
    index.upsert_listing(&changed).unwrap_or_else(|e| panic!("{e}"));
    index.delete_listing(1).unwrap_or_else(|e| panic!("{e}"));
    // Nothing shows before the commit.
    assert_eq!(search(&index, &SearchRequest::new("冷链", today())).total, 5);
    index.commit(2).unwrap_or_else(|e| panic!("{e}"));
    let response = search(&index, &SearchRequest::new("冷链", today()));
    assert_eq!(response.total, 5);
    assert!(ids(&response).contains(&6) && !ids(&response).contains(&1));
    assert_eq!(index.num_listings(), 5);
}

#[test]
fn the_last_change_id_survives_reopening() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    {
        let index = SearchIndex::open_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(index.last_change_id(), None, "a new index needs a full rebuild");
        index
            .upsert_listing(&listing(1, "冷链物流"))
            .unwrap_or_else(|e| panic!("{e}"));
        index.commit(41).unwrap_or_else(|e| panic!("{e}"));
        index
            .upsert_listing(&listing(2, "冷链干线"))
            .unwrap_or_else(|e| panic!("{e}"));
        index.commit(42).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(index.last_change_id(), Some(42));
        // Applied but never committed: lost on close, and so is its change id.
        index
            .upsert_listing(&listing(3, "冷链仓储"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let index = SearchIndex::open_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(index.last_change_id(), Some(42));
    assert_eq!(index.num_listings(), 2);
    assert_eq!(search(&index, &SearchRequest::new("冷链", today())).total, 2);
}

#[test]
fn clear_rebuilds_atomically() {
    let (_dir, index) = open(&facet_corpus());
    index.clear().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        search(&index, &SearchRequest::new("", today())).total,
        6,
        "old contents until the commit"
    );
    index
        .upsert_listing(&listing(9, "冷链新项目"))
        .unwrap_or_else(|e| panic!("{e}"));
    index.commit(7).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&search(&index, &SearchRequest::new("", today()))), vec![9]);
    assert_eq!(index.last_change_id(), Some(7));
}

fn organization(id: i64, name: &str, org_type: OrgType, region: Region) -> OrganizationDoc {
    OrganizationDoc {
        id,
        external_id: format!("org-{id:04}"),
        name: name.to_owned(),
        name_en: None,
        org_type,
        region,
        district: None,
        sectors: vec!["port_logistics".to_owned()],
        ownership: Some(Ownership::Soe),
        description: format!("{name}，主营业务说明。"),
        description_en: None,
        verified: false,
        created_at: 1_700_000_000 + id,
        updated_at: 1_700_000_000 + id,
    }
}

#[test]
fn organizations_are_searchable_with_facets() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let index = SearchIndex::open_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let mut fund = organization(3, "沪连冷链产业基金", OrgType::Fund, Region::Shanghai);
    fund.name_en = Some("Shanghai-Dalian Cold Chain Fund".to_owned());
    fund.ownership = Some(Ownership::Private);
    fund.sectors = vec!["finance".to_owned()];
    for doc in [
        organization(1, "大连冷链物流有限公司", OrgType::Enterprise, Region::Dalian),
        organization(2, "大连港口集团", OrgType::Enterprise, Region::Dalian),
        fund,
    ] {
        index.upsert_organization(&doc).unwrap_or_else(|e| panic!("{e}"));
    }
    index.commit(1).unwrap_or_else(|e| panic!("{e}"));
    let search =
        |request: &OrganizationSearchRequest| index.search_organizations(request).unwrap_or_else(|e| panic!("{e}"));
    let response = search(&OrganizationSearchRequest::new("冷链"));
    assert_eq!(response.total, 2);
    assert!(response.hits[0].name_html.contains("<mark>冷链</mark>"));
    assert_eq!(count(&response.facets.org_type, "fund"), 1);
    assert_eq!(count(&response.facets.region, "dalian"), 1);
    let english = search(&OrganizationSearchRequest::new("cold chain fund"));
    assert_eq!(english.hits[0].id, 3);
    let mut request = OrganizationSearchRequest::new("");
    request.filters = OrganizationFilters {
        regions: vec![Region::Dalian],
        ..OrganizationFilters::default()
    };
    let browse = search(&request);
    assert_eq!(browse.total, 2);
    assert_eq!(count(&browse.facets.region, "shanghai"), 1, "disjunctive region facet");
    assert_eq!(count(&browse.facets.sector, "port_logistics"), 2);
    request.filters = OrganizationFilters {
        ownerships: vec![Ownership::Private],
        ..OrganizationFilters::default()
    };
    assert_eq!(search(&request).hits.iter().map(|h| h.id).collect::<Vec<_>>(), vec![3]);
}

#[test]
fn the_index_can_be_shared_across_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<SearchIndex>();
    let (_dir, index) = open(&facet_corpus());
    let index = std::sync::Arc::new(index);
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let index = std::sync::Arc::clone(&index);
            std::thread::spawn(move || {
                index
                    .search_listings(&SearchRequest::new("冷链", today()))
                    .map(|r| r.total)
            })
        })
        .collect();
    for thread in threads {
        let total = thread.join().unwrap_or_else(|_| panic!("search thread panicked"));
        assert_eq!(total.unwrap_or_else(|e| panic!("{e}")), 5);
    }
}

#[test]
fn rare_words_widen_to_partial_matches_but_narrow_filters_do_not() {
    let mut docs: Vec<ListingDoc> = (1..=3).map(|i| listing(i, &format!("冷链仓储{i}"))).collect();
    let mut both = listing(4, "冷链城配服务");
    both.description = "冷链城配".to_owned();
    docs.push(both);
    let (_dir, index) = open(&docs);
    let response = search(&index, &SearchRequest::new("冷链 城配", today()));
    assert!(response.widened, "one listing has both words: widen");
    assert_eq!(ids(&response)[0], 4, "the listing with every word stays first");
    assert_eq!(response.total, 4);

    // Sixty listings say both words; a filter leaving one of them is no reason to widen.
    let mut docs: Vec<ListingDoc> = (1..=60).map(|i| listing(i, &format!("冷链城配{i}"))).collect();
    docs[0].region = Region::Panjin;
    docs.push(listing(61, "冷链仓储"));
    let (_dir, index) = open(&docs);
    let mut request = SearchRequest::new("冷链 城配", today());
    request.filters.regions = vec![Region::Panjin];
    let response = search(&index, &request);
    assert!(!response.widened);
    assert_eq!(ids(&response), vec![1]);
}

#[test]
fn two_threads_answer_like_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let index = SearchIndex::open_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let titles = ["冷链物流园区", "港口物流中心", "冷链仓储", "储能电站"];
    // Three commits make three segments; the re-upserts leave deleted documents behind.
    for (round, ids) in [(0, 0..300), (1, 300..600), (2, 0..100)] {
        for id in ids {
            let mut doc = listing(id, titles[(id as usize + round) % titles.len()]);
            doc.region = if id % 3 == 0 { Region::Shanghai } else { Region::Dalian };
            doc.created_at = 1_700_000_000 + (id * 7919) % 600;
            index.upsert_listing(&doc).unwrap_or_else(|e| panic!("{e}"));
        }
        index.commit(round as i64 + 1).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(index.num_listing_segments() > 1);
    index.set_browse_cache(false);
    let mut requests = vec![
        SearchRequest::new("冷链", today()),
        SearchRequest::new("物流", today()),
        SearchRequest::new("", today()),
    ];
    let mut filtered = SearchRequest::new("冷链", today());
    filtered.filters.regions = vec![Region::Dalian];
    filtered.per_page = 50;
    requests.push(filtered);
    let mut newest = SearchRequest::new("物流", today());
    newest.sort = SortOrder::Newest;
    requests.push(newest);
    let answer = |request: &SearchRequest| {
        let mut value = serde_json::to_value(search(&index, request)).unwrap_or_else(|e| panic!("{e}"));
        value["took_ms"] = serde_json::Value::Null;
        value
    };
    for request in &requests {
        index.set_parallel_from(u64::MAX);
        let one = answer(request);
        index.set_parallel_from(0);
        let two = answer(request);
        assert!(one["total"].as_u64().unwrap_or_default() > 0, "{}", request.q);
        // Pages this long are read and highlighted on both threads too.
        assert!(one["hits"].as_array().map_or(0, Vec::len) >= 8, "{}", request.q);
        assert_eq!(one, two, "{}", request.q);
    }
}
