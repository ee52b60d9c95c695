//! The sector-name bonus: a record's sectors are part of what it is about
//! (see `add_sector_names` in `schema.rs`), so a typed word found in the
//! names of its sectors raises the score of a record the query matched.
//!
//! The sector-name fields hold nothing but the names of the record's sectors,
//! and the sectors are also in every record's row of fast fields (one bit per
//! sector). So the BM25 score of a word on those fields is a function of the
//! sector bits alone: its frequency is the sum of its counts in each
//! sector's names and the field's length the sum of their lengths. The
//! collector computes it from the row it reads anyway, which gives the same
//! score as looking the word up in the postings, for a fraction of the cost
//! (looking it up among 40,000 matches read nearly all of its postings and
//! was a third of the evaluation of 医药 or 储能).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25Weight;
use tantivy::schema::Field;
use tantivy::{Index, Searcher, Term};

use crate::collect::SECTOR_BITS;
use crate::facets::sector_slugs;

const SLOTS: usize = SECTOR_BITS as usize;

/// A context word in more than this share of the documents is left out: it
/// names a broad group of sectors (`industry`, from `industrial software` and
/// `creative industries`, is in the sector names of a sixth of the demo's
/// listings), so its bonus says little.
pub(crate) const CONTEXT_MAX_SHARE: f64 = 0.1;

/// The tokens of each sector's names, cut as the index cuts the two
/// sector-name fields (by sector bit).
#[derive(Debug, Clone)]
pub(crate) struct SectorNames {
    zh_field: Field,
    en_field: Field,
    zh: Vec<Vec<String>>,
    en: Vec<Vec<String>>,
}

impl SectorNames {
    /// Cuts every sector's names with the analyzers `index` has for the two fields.
    pub fn new(index: &Index, zh_field: Field, en_field: Field) -> tantivy::Result<Self> {
        let mut zh_analyzer = index.tokenizer_for_field(zh_field)?;
        let mut en_analyzer = index.tokenizer_for_field(en_field)?;
        let mut zh = Vec::new();
        let mut en = Vec::new();
        for slug in sector_slugs().iter().take(SLOTS) {
            let (zh_name, en_name) = hulian_domain::taxonomy::names(slug).unwrap_or(("", ""));
            zh.push(tokens(&mut zh_analyzer, zh_name));
            en.push(tokens(&mut en_analyzer, en_name));
        }
        Ok(SectorNames {
            zh_field,
            en_field,
            zh,
            en,
        })
    }
}

fn tokens(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    stream.process(&mut |token| out.push(token.text.clone()));
    out
}

/// One context word: its weight and, per sector, how often its names say it.
#[derive(Clone)]
struct BonusTerm {
    weight: Bm25Weight,
    en: bool,
    /// The sectors whose names hold the word.
    sectors: u64,
    counts: [u32; SLOTS],
}

impl std::fmt::Debug for BonusTerm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BonusTerm")
            .field("en", &self.en)
            .field("sectors", &format_args!("{:#x}", self.sectors))
            .finish_non_exhaustive()
    }
}

/// The bonus of a query's context words, by sector bits.
#[derive(Debug, Clone)]
pub(crate) struct SectorBonus {
    terms: Vec<BonusTerm>,
    /// Tokens in each sector's names, per field.
    zh_len: [u32; SLOTS],
    en_len: [u32; SLOTS],
    /// The sectors any of the words is in.
    any: u64,
}

impl SectorBonus {
    /// The bonus of `terms` (context-field terms with their boosts) on
    /// `searcher`; `None` when none of them counts (in no sector's names,
    /// or in more than [`CONTEXT_MAX_SHARE`] of the documents).
    pub fn new(names: &SectorNames, searcher: &Searcher, terms: &[(Term, f32)]) -> tantivy::Result<Option<Self>> {
        let named: Vec<(Term, f32)> = terms
            .iter()
            .filter(|(term, _)| term.field() == names.zh_field || term.field() == names.en_field)
            .cloned()
            .collect();
        let weights = crate::eval::rare_term_weights(searcher, &named, CONTEXT_MAX_SHARE)?;
        let mut out = SectorBonus {
            terms: Vec::new(),
            zh_len: lengths(&names.zh),
            en_len: lengths(&names.en),
            any: 0,
        };
        for ((term, _), weight) in named.iter().zip(weights) {
            let value = term.value();
            let (Some(weight), Some(text)) = (weight, value.as_str()) else {
                continue;
            };
            let en = term.field() == names.en_field;
            let per_sector = if en { &names.en } else { &names.zh };
            let mut counts = [0u32; SLOTS];
            let mut sectors = 0u64;
            for (slot, tokens) in per_sector.iter().enumerate() {
                let count = tokens.iter().filter(|t| *t == text).count() as u32;
                counts[slot] = count;
                if count > 0 {
                    sectors |= 1 << slot;
                }
            }
            if sectors != 0 {
                out.any |= sectors;
                out.terms.push(BonusTerm {
                    weight,
                    en,
                    sectors,
                    counts,
                });
            }
        }
        Ok((!out.terms.is_empty()).then_some(out))
    }

    /// The bonus of a record with these sector bits: the summed BM25 scores
    /// of the words on its sector-name fields.
    pub fn of(&self, sectors: u64) -> f32 {
        if sectors & self.any == 0 {
            return 0.0;
        }
        let (mut zh_len, mut en_len) = (0u32, 0u32);
        for slot in bits(sectors) {
            zh_len += self.zh_len[slot];
            en_len += self.en_len[slot];
        }
        let mut score = 0.0;
        for term in &self.terms {
            let count: u32 = bits(sectors & term.sectors).map(|slot| term.counts[slot]).sum();
            if count > 0 {
                let length = if term.en { en_len } else { zh_len };
                score += term.weight.score(FieldNormReader::fieldnorm_to_id(length), count);
            }
        }
        score
    }
}

fn lengths(per_sector: &[Vec<String>]) -> [u32; SLOTS] {
    let mut out = [0u32; SLOTS];
    for (slot, tokens) in per_sector.iter().enumerate().take(SLOTS) {
        out[slot] = tokens.len() as u32;
    }
    out
}

/// The set bits of `word`, lowest first.
fn bits(mut word: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (word != 0).then(|| {
            let bit = word.trailing_zeros() as usize;
            word &= word - 1;
            bit
        })
    })
}

/// Remembers the bonus of the last sector sets seen (records share a few
/// hundred of them): a direct-mapped table, one per segment pass.
#[derive(Debug)]
pub(crate) struct BonusCache {
    keys: Box<[u64; CACHE_SLOTS]>,
    values: Box<[f32; CACHE_SLOTS]>,
}

const CACHE_SLOTS: usize = 256;
/// No record has every bit set (sector bits stop at [`SECTOR_BITS`]).
const NO_KEY: u64 = u64::MAX;

impl Default for BonusCache {
    fn default() -> Self {
        BonusCache {
            keys: Box::new([NO_KEY; CACHE_SLOTS]),
            values: Box::new([0.0; CACHE_SLOTS]),
        }
    }
}

impl BonusCache {
    #[inline]
    pub fn get(&mut self, bonus: &SectorBonus, sectors: u64) -> f32 {
        let slot = (sectors.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize;
        if self.keys[slot] != sectors {
            self.keys[slot] = sectors;
            self.values[slot] = bonus.of(sectors);
        }
        self.values[slot]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facets::sector_mask;
    use crate::schema::{ListingFields, add_sector_names};
    use proptest::prelude::*;
    use tantivy::query::{EnableScoring, Query, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{DocSet, TERMINATED, TantivyDocument};

    #[test]
    fn every_sector_has_a_bit() {
        assert!(hulian_domain::taxonomy::all_slugs().len() <= SLOTS);
    }

    /// Words of sector names, in both languages, and two that are in none.
    const WORDS: &[(bool, &str)] = &[
        (false, "化工"),
        (false, "医药"),
        (false, "数控机床"),
        (false, "储能"),
        (false, "物流"),
        (false, "殷瓦钢"),
        (true, "chemic"),
        (true, "equip"),
        (true, "machin"),
        (true, "storag"),
        (true, "logist"),
        (true, "cold"),
        (true, "industri"),
        (true, "peptid"),
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// The bonus computed from sector bits is the score tantivy gives
        /// the same words on an index of the sector-name fields.
        #[test]
        fn the_bonus_is_the_score_of_the_sector_name_fields(
            records in proptest::collection::vec(proptest::collection::vec(0usize..64, 0..4), 1..120),
            words in proptest::collection::vec((0usize..WORDS.len(), 0.5f32..3.0), 1..5),
        ) {
            let fields = ListingFields::new();
            let slugs = sector_slugs();
            let mut index = Index::create_in_ram(fields.schema.clone());
            index.set_tokenizers(crate::analysis::tokenizer_manager());
            let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let mut masks = Vec::new();
            for record in &records {
                // Indices past the last slug are unknown sectors: no name, no bit.
                let sectors: Vec<String> = record
                    .iter()
                    .map(|&i| slugs.get(i).cloned().unwrap_or_else(|| format!("unknown-{i}")))
                    .collect();
                let expanded = hulian_domain::taxonomy::expand(&sectors);
                let mut doc = TantivyDocument::new();
                add_sector_names(&mut doc, fields.sector_names, fields.sector_names_en, &expanded);
                writer.add_document(doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
                masks.push(sector_mask(&expanded));
            }
            writer.commit().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let searcher = index.reader().map_err(|e| TestCaseError::fail(e.to_string()))?.searcher();
            let terms: Vec<(Term, f32)> = words
                .iter()
                .map(|&(w, boost)| {
                    let (en, text) = WORDS[w];
                    let field = if en { fields.sector_names_en } else { fields.sector_names };
                    (Term::from_field_text(field, text), boost)
                })
                .collect();
            let names = SectorNames::new(&index, fields.sector_names, fields.sector_names_en)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            // The reference: tantivy's own scorers, each distinct term once,
            // left out where more than the maximum share holds it.
            let mut expected = vec![0.0f32; records.len()];
            let mut seen = std::collections::HashSet::new();
            for (term, boost) in &terms {
                if !seen.insert(term.clone()) {
                    continue;
                }
                let doc_freq = searcher.doc_freq(term).map_err(|e| TestCaseError::fail(e.to_string()))?;
                if doc_freq as f64 > CONTEXT_MAX_SHARE * records.len() as f64 {
                    continue;
                }
                let query = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                let weight = query
                    .weight(EnableScoring::enabled_from_searcher(&searcher))
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                for reader in searcher.segment_readers() {
                    let mut scorer = weight.scorer(reader, *boost).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    while scorer.doc() != TERMINATED {
                        expected[scorer.doc() as usize] += scorer.score();
                        scorer.advance();
                    }
                }
            }
            // Each distinct term once here too, as the query builder gives them.
            let mut distinct = std::collections::HashSet::new();
            let terms: Vec<(Term, f32)> = terms.into_iter().filter(|(t, _)| distinct.insert(t.clone())).collect();
            let bonus = SectorBonus::new(&names, &searcher, &terms).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let mut cache = BonusCache::default();
            for (doc, mask) in masks.iter().enumerate() {
                let got = bonus.as_ref().map_or(0.0, |b| b.of(*mask));
                let cached = bonus.as_ref().map_or(0.0, |b| cache.get(b, *mask));
                prop_assert!((got - expected[doc]).abs() <= 1e-4 * expected[doc].abs().max(1.0),
                    "doc {doc} (sectors {mask:#x}): {got} against {}", expected[doc]);
                prop_assert_eq!(got, cached);
            }
        }
    }
}
