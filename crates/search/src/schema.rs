//! The tantivy schemas of the two indexes (listings, organizations), the
//! handles of their fields, and how a document becomes a tantivy document.
//!
//! Text is indexed per language: Chinese with the jieba analyzer, English
//! with the stemming one, and one Han-bigram field gathering the Chinese text
//! as a substring backstop. A listing's words are looked up in one combined
//! field per language (`all_zh`, `all_en`), each of its fields' words repeated
//! by the field's weight (BM25F): one posting list per word instead of one per
//! field, which at 1M listings took an eighth off the median search and a
//! sixth off the 99th percentile (dev set nDCG@10 0.979 → 0.978). Everything
//! filters, facets and sorts use lives in fast fields, most of it packed into one `u64` (see
//! `facets.rs`). A change here bumps [`SCHEMA_VERSION`]: an index written with
//! another version is rebuilt, not read.

use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analysis;
use crate::doc::{ListingDoc, OrganizationDoc, days_from_date};
use crate::facets::{ListingLayout, OrgLayout, sector_mask};

/// Bumped whenever the schema, the analyzers or the packed layout change in a
/// way that needs a reindex.
pub const SCHEMA_VERSION: u32 = 7;

/// Field names of the fast fields the collectors read.
pub(crate) mod fast {
    pub const ID: &str = "id";
    pub const PACKED: &str = "packed";
    pub const SECTORS: &str = "sector_mask";
    pub const DEADLINE: &str = "deadline_days";
    pub const AMOUNT_MIN: &str = "amount_min";
    pub const AMOUNT_MAX: &str = "amount_max";
    pub const CREATED_AT: &str = "created_at";
}

fn text(analyzer: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    );
    if stored { options.set_stored() } else { options }
}

/// Chinese text: frequencies only (phrases go to the bigram field).
fn zh(stored: bool) -> TextOptions {
    text(analysis::ZH, false, stored)
}

/// English text, with positions for quoted phrases.
fn en(stored: bool) -> TextOptions {
    text(analysis::EN, true, stored)
}

/// Pairs of adjacent English words (frequencies only).
fn en_pairs() -> TextOptions {
    text(analysis::EN_PAIRS, false, false)
}

fn bigrams() -> TextOptions {
    text(analysis::CJK_BIGRAM, true, false)
}

/// A text field searched by free text, and how much a match in it counts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weighted {
    pub field: Field,
    pub boost: f32,
}

/// The text fields a free-text query runs over, by analyzer.
#[derive(Debug, Clone)]
pub(crate) struct TextTargets {
    pub zh: Vec<Weighted>,
    /// English fields with positions, for phrases where the index has no
    /// `phrase_pairs` (organizations).
    pub en: Vec<Weighted>,
    /// Where typed English words found next to each other earn a bonus:
    /// the word pairs ([`analysis::EN_PAIRS`]) of the short fields (titles,
    /// names). In a long description two words of a query stand together
    /// nearly whenever both are there (for `cold chain` at 1M listings, in
    /// 27,188 of the 31,831 descriptions holding both). As phrases over the
    /// titles' and names' positions, this bonus was two thirds of the
    /// evaluation of `cold chain` (5.5 of 8.0 ms, one thread); as pair
    /// terms, 0.55 of 2.5 ms.
    pub en_pairs: Vec<Weighted>,
    pub bigram: Weighted,
    /// Fields that only raise the score of documents the others matched
    /// (sector names: broad labels that would match whole sectors). Their
    /// scores are computed from the sector bits (see `context.rs`): these
    /// name the fields' terms and statistics.
    pub context_zh: Weighted,
    pub context_en: Weighted,
    /// Where an English word is looked up: for listings the combined
    /// field (see `ListingFields::all_en`), for organizations `en`.
    pub en_words: Vec<Weighted>,
    /// Where the English words of a synonym phrase (`cold-chain logistics`
    /// for 冷链物流) and quoted English words are looked up as word pairs,
    /// when the index has such a field: for listings `all_en_pairs`.
    /// Elsewhere a synonym phrase's words are each looked up, all of them
    /// required, and quoted words are phrases over `en`.
    pub phrase_pairs: Option<Weighted>,
}

/// Field handles of the listing index.
#[derive(Debug, Clone)]
pub(crate) struct ListingFields {
    pub schema: Schema,
    pub id: Field,
    pub external_id: Field,
    pub title: Field,
    pub title_en: Field,
    pub description: Field,
    pub description_en: Field,
    pub tags: Field,
    pub org_name: Field,
    pub org_name_en: Field,
    pub title_en_pairs: Field,
    pub org_name_en_pairs: Field,
    pub org_external_id: Field,
    pub sector_names: Field,
    pub sector_names_en: Field,
    pub bigram: Field,
    /// Every Chinese and every English text field, each field's words as
    /// many times as its weight: where a listing's words are looked up
    /// (the fields themselves are only kept).
    pub all_zh: Field,
    pub all_en: Field,
    /// The word pairs of `all_en`'s texts, by the same weights: where
    /// synonym phrases and quoted words are looked up (see
    /// `TextTargets::phrase_pairs`).
    pub all_en_pairs: Field,
    pub packed: Field,
    pub sectors: Field,
    pub deadline: Field,
    pub amount_min: Field,
    pub amount_max: Field,
    pub created_at: Field,
    pub updated_at: Field,
}

// Field boosts: a word in the title says more about a listing than the same
// word in its tags, its organization's name or its description (for listings
// these weights are the repetitions below; the boosts score organizations and
// the English phrases and adjacency).
const BOOST_TITLE: f32 = 3.0;
const BOOST_SECTOR: f32 = 1.2;
const BOOST_ORG: f32 = 1.2;
const BOOST_DESCRIPTION: f32 = 1.0;
const BOOST_BIGRAM: f32 = 0.6;
// The same weights as repetitions in the combined fields (BM25F).
const REPEAT_TITLE: usize = 3;
const REPEAT_TAGS: usize = 2;
const REPEAT_ORG: usize = 1;
const REPEAT_DESCRIPTION: usize = 1;
/// A word's score in a combined field, relative to one field's.
const BOOST_COMBINED: f32 = 2.0;

impl ListingFields {
    pub fn new() -> Self {
        let mut builder = Schema::builder();
        let id = builder.add_i64_field(fast::ID, INDEXED | STORED | FAST);
        let external_id = builder.add_text_field("external_id", STRING | STORED);
        // The Chinese text fields are only kept: they are searched through
        // `all_zh`, which holds their words by weight.
        let title = builder.add_text_field("title", STORED);
        // So are the English ones: their words are looked up in `all_en`,
        // phrases as the word pairs of `all_en_pairs`.
        let title_en = builder.add_text_field("title_en", STORED);
        let description = builder.add_text_field("description", STORED);
        let description_en = builder.add_text_field("description_en", STORED);
        let tags = builder.add_text_field("tags", STORED);
        let org_name = builder.add_text_field("org_name", STORED);
        let org_name_en = builder.add_text_field("org_name_en", STORED);
        let title_en_pairs = builder.add_text_field("title_en_pairs", en_pairs());
        let org_name_en_pairs = builder.add_text_field("org_name_en_pairs", en_pairs());
        let org_external_id = builder.add_text_field("org_external_id", STRING | STORED);
        let sector_names = builder.add_text_field("sector_names", zh(false));
        let sector_names_en = builder.add_text_field("sector_names_en", en(false));
        let bigram = builder.add_text_field("bigram", bigrams());
        let all_zh = builder.add_text_field("all_zh", zh(false));
        let all_en = builder.add_text_field("all_en", text(analysis::EN, false, false));
        let all_en_pairs = builder.add_text_field("all_en_pairs", en_pairs());
        let packed = builder.add_u64_field(fast::PACKED, FAST);
        let sectors = builder.add_u64_field(fast::SECTORS, FAST);
        let deadline = builder.add_i64_field(fast::DEADLINE, FAST);
        let amount_min = builder.add_i64_field(fast::AMOUNT_MIN, FAST);
        let amount_max = builder.add_i64_field(fast::AMOUNT_MAX, FAST);
        let created_at = builder.add_i64_field(fast::CREATED_AT, FAST | STORED);
        let updated_at = builder.add_i64_field("updated_at", STORED);
        ListingFields {
            schema: builder.build(),
            id,
            external_id,
            title,
            title_en,
            description,
            description_en,
            tags,
            org_name,
            org_name_en,
            title_en_pairs,
            org_name_en_pairs,
            org_external_id,
            sector_names,
            sector_names_en,
            bigram,
            all_zh,
            all_en,
            all_en_pairs,
            packed,
            sectors,
            deadline,
            amount_min,
            amount_max,
            created_at,
            updated_at,
        }
    }

    pub fn targets(&self) -> TextTargets {
        let w = |field, boost| Weighted { field, boost };
        TextTargets {
            zh: vec![w(self.all_zh, BOOST_COMBINED)],
            en_words: vec![w(self.all_en, BOOST_COMBINED)],
            // Phrases are word pairs (`phrase_pairs`).
            en: Vec::new(),
            en_pairs: vec![
                w(self.title_en_pairs, BOOST_TITLE),
                w(self.org_name_en_pairs, BOOST_ORG),
            ],
            bigram: w(self.bigram, BOOST_BIGRAM),
            context_zh: w(self.sector_names, BOOST_SECTOR),
            context_en: w(self.sector_names_en, BOOST_SECTOR),
            phrase_pairs: Some(w(self.all_en_pairs, BOOST_COMBINED)),
        }
    }

    pub fn to_document(&self, doc: &ListingDoc, layout: &ListingLayout) -> TantivyDocument {
        let mut out = TantivyDocument::new();
        out.add_i64(self.id, doc.id);
        out.add_text(self.external_id, &doc.external_id);
        out.add_text(self.title, &doc.title);
        add_opt(&mut out, self.title_en, doc.title_en.as_deref());
        out.add_text(self.description, &doc.description);
        add_opt(&mut out, self.description_en, doc.description_en.as_deref());
        for tag in &doc.tags {
            out.add_text(self.tags, tag);
        }
        out.add_text(self.org_name, &doc.org_name);
        add_opt(&mut out, self.org_name_en, doc.org_name_en.as_deref());
        add_opt(&mut out, self.title_en_pairs, doc.title_en.as_deref());
        add_opt(&mut out, self.org_name_en_pairs, doc.org_name_en.as_deref());
        out.add_text(self.org_external_id, &doc.org_external_id);
        let sectors = doc.expanded_sectors();
        add_sector_names(&mut out, self.sector_names, self.sector_names_en, &sectors);
        // The bigram field gathers the Chinese text a reader would search.
        out.add_text(self.bigram, &doc.title);
        for tag in &doc.tags {
            out.add_text(self.bigram, tag);
        }
        out.add_text(self.bigram, &doc.description);
        let mut repeat = |field, value: Option<&str>, times| {
            for _ in 0..times {
                add_opt(&mut out, field, value);
            }
        };
        repeat(self.all_zh, Some(&doc.title), REPEAT_TITLE);
        for tag in &doc.tags {
            repeat(self.all_zh, Some(tag), REPEAT_TAGS);
        }
        repeat(self.all_zh, Some(&doc.org_name), REPEAT_ORG);
        repeat(self.all_zh, Some(&doc.description), REPEAT_DESCRIPTION);
        repeat(self.all_en, doc.title_en.as_deref(), REPEAT_TITLE);
        repeat(self.all_en, doc.org_name_en.as_deref(), REPEAT_ORG);
        repeat(self.all_en, doc.description_en.as_deref(), REPEAT_DESCRIPTION);
        repeat(self.all_en_pairs, doc.title_en.as_deref(), REPEAT_TITLE);
        repeat(self.all_en_pairs, doc.org_name_en.as_deref(), REPEAT_ORG);
        repeat(self.all_en_pairs, doc.description_en.as_deref(), REPEAT_DESCRIPTION);
        out.add_u64(self.packed, layout.pack(doc));
        out.add_u64(self.sectors, sector_mask(&sectors));
        out.add_i64(self.deadline, doc.deadline.map_or(i64::MAX, days_from_date));
        out.add_i64(self.amount_min, doc.amount_min.unwrap_or(0));
        out.add_i64(self.amount_max, doc.amount_max.unwrap_or(i64::MAX));
        out.add_i64(self.created_at, doc.created_at);
        out.add_i64(self.updated_at, doc.updated_at);
        out
    }
}

/// Field handles of the organization index.
#[derive(Debug, Clone)]
pub(crate) struct OrgFields {
    pub schema: Schema,
    pub id: Field,
    pub external_id: Field,
    pub name: Field,
    pub name_en: Field,
    pub name_en_pairs: Field,
    pub description: Field,
    pub description_en: Field,
    pub district: Field,
    pub sector_names: Field,
    pub sector_names_en: Field,
    pub bigram: Field,
    pub packed: Field,
    pub sectors: Field,
    pub created_at: Field,
    pub updated_at: Field,
}

impl OrgFields {
    pub fn new() -> Self {
        let mut builder = Schema::builder();
        let id = builder.add_i64_field(fast::ID, INDEXED | STORED | FAST);
        let external_id = builder.add_text_field("external_id", STRING | STORED);
        let name = builder.add_text_field("name", zh(true));
        let name_en = builder.add_text_field("name_en", en(true));
        let name_en_pairs = builder.add_text_field("name_en_pairs", en_pairs());
        let description = builder.add_text_field("description", zh(true));
        let description_en = builder.add_text_field("description_en", en(true));
        let district = builder.add_text_field("district", zh(true));
        let sector_names = builder.add_text_field("sector_names", zh(false));
        let sector_names_en = builder.add_text_field("sector_names_en", en(false));
        let bigram = builder.add_text_field("bigram", bigrams());
        let packed = builder.add_u64_field(fast::PACKED, FAST);
        let sectors = builder.add_u64_field(fast::SECTORS, FAST);
        let created_at = builder.add_i64_field(fast::CREATED_AT, FAST | STORED);
        let updated_at = builder.add_i64_field("updated_at", STORED);
        OrgFields {
            schema: builder.build(),
            id,
            external_id,
            name,
            name_en,
            name_en_pairs,
            description,
            description_en,
            district,
            sector_names,
            sector_names_en,
            bigram,
            packed,
            sectors,
            created_at,
            updated_at,
        }
    }

    pub fn targets(&self) -> TextTargets {
        let w = |field, boost| Weighted { field, boost };
        let en = vec![w(self.name_en, BOOST_TITLE), w(self.description_en, BOOST_DESCRIPTION)];
        TextTargets {
            zh: vec![
                w(self.name, BOOST_TITLE),
                w(self.district, BOOST_ORG),
                w(self.description, BOOST_DESCRIPTION),
            ],
            en_words: en.clone(),
            en,
            en_pairs: vec![w(self.name_en_pairs, BOOST_TITLE)],
            bigram: w(self.bigram, BOOST_BIGRAM),
            context_zh: w(self.sector_names, BOOST_SECTOR),
            context_en: w(self.sector_names_en, BOOST_SECTOR),
            phrase_pairs: None,
        }
    }

    pub fn to_document(&self, doc: &OrganizationDoc, layout: &OrgLayout) -> TantivyDocument {
        let mut out = TantivyDocument::new();
        out.add_i64(self.id, doc.id);
        out.add_text(self.external_id, &doc.external_id);
        out.add_text(self.name, &doc.name);
        add_opt(&mut out, self.name_en, doc.name_en.as_deref());
        add_opt(&mut out, self.name_en_pairs, doc.name_en.as_deref());
        out.add_text(self.description, &doc.description);
        add_opt(&mut out, self.description_en, doc.description_en.as_deref());
        add_opt(&mut out, self.district, doc.district.as_deref());
        let sectors = doc.expanded_sectors();
        add_sector_names(&mut out, self.sector_names, self.sector_names_en, &sectors);
        out.add_text(self.bigram, &doc.name);
        out.add_text(self.bigram, &doc.description);
        out.add_u64(self.packed, layout.pack(doc));
        out.add_u64(self.sectors, sector_mask(&sectors));
        out.add_i64(self.created_at, doc.created_at);
        out.add_i64(self.updated_at, doc.updated_at);
        out
    }
}

fn add_opt(out: &mut TantivyDocument, field: Field, value: Option<&str>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        out.add_text(field, value);
    }
}

/// A record's sectors are part of what it is about: their Chinese and English
/// names raise the score of a record the query matched, so for 机器人 a
/// reducer maker filed under robotics ranks above a listing that mentions a
/// robot in passing. They never make a record match by themselves: a label
/// like 新能源及储能 would otherwise match every energy listing for 储能.
pub(crate) fn add_sector_names(out: &mut TantivyDocument, zh_field: Field, en_field: Field, sectors: &[String]) {
    for slug in sectors {
        if let Some((zh_name, en_name)) = hulian_domain::taxonomy::names(slug) {
            out.add_text(zh_field, zh_name);
            out.add_text(en_field, en_name);
        }
    }
}
