//! Domain synonyms (石化 ↔ 石油化工, 储能 ↔ energy storage, …), kept as data in
//! `data/synonyms.txt` and applied when a query is parsed, never when indexing:
//! editing the list changes results without a reindex.
//!
//! Entries are matched on normalized words (see [`crate::query::words_of`]),
//! so the list is written in plain language and the query parser decides what
//! a word is. This module only loads and looks up; weighting the expansions
//! is the query builder's business.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::query::{Word, words_of};

const BUILTIN: &str = include_str!("../data/synonyms.txt");

/// One thing a matched phrase also means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub words: Vec<Word>,
    /// From a one-way (`=>`) entry: a narrower term, worth less than an equivalent.
    pub narrower: bool,
}

/// A synonym table: normalized phrase (word keys) → what it also means.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    entries: HashMap<Vec<String>, Vec<Expansion>>,
    longest: usize,
}

/// A line of the synonym file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymError {
    pub line: usize,
    pub reason: String,
}

impl Synonyms {
    /// The table shipped in `data/synonyms.txt`, parsed once.
    pub fn builtin() -> &'static Synonyms {
        static TABLE: LazyLock<Synonyms> = LazyLock::new(|| {
            let (table, errors) = Synonyms::parse(BUILTIN);
            for error in errors {
                tracing::warn!(line = error.line, reason = %error.reason, "synonym line skipped");
            }
            table
        });
        &TABLE
    }

    /// Parses a synonym file; unusable lines are reported and skipped.
    pub fn parse(text: &str) -> (Synonyms, Vec<SynonymError>) {
        let mut table = Synonyms::default();
        let mut errors = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |reason: &str| SynonymError {
                line: index + 1,
                reason: reason.to_owned(),
            };
            let (left, right, one_way) = match line.split_once("=>") {
                Some((left, right)) => (left, right, true),
                None => (line, "", false),
            };
            let phrases = |side: &str| -> Vec<Vec<Word>> {
                side.split([',', '，'])
                    .map(words_of)
                    .filter(|words| !words.is_empty())
                    .collect()
            };
            let left_phrases = phrases(left);
            if one_way {
                let right_phrases = phrases(right);
                if left_phrases.is_empty() || right_phrases.is_empty() {
                    errors.push(fail("a one-way entry needs terms on both sides of =>"));
                    continue;
                }
                for from in &left_phrases {
                    for to in &right_phrases {
                        table.add(from, to, true);
                    }
                }
            } else {
                if left_phrases.len() < 2 {
                    errors.push(fail("an equivalence needs at least two terms"));
                    continue;
                }
                for from in &left_phrases {
                    for to in left_phrases.iter().filter(|to| *to != from) {
                        table.add(from, to, false);
                    }
                }
            }
        }
        (table, errors)
    }

    fn add(&mut self, from: &[Word], to: &[Word], narrower: bool) {
        let key: Vec<String> = from.iter().map(|w| w.key.clone()).collect();
        let to_key: Vec<&str> = to.iter().map(|w| w.key.as_str()).collect();
        if key.iter().map(String::as_str).eq(to_key.iter().copied()) {
            return;
        }
        self.longest = self.longest.max(key.len());
        let expansions = self.entries.entry(key).or_default();
        let known = expansions
            .iter()
            .any(|e| e.words.iter().map(|w| w.key.as_str()).eq(to_key.iter().copied()));
        if !known {
            expansions.push(Expansion {
                words: to.to_vec(),
                narrower,
            });
        }
    }

    /// What the phrase with these word keys also means.
    pub fn lookup(&self, keys: &[&str]) -> &[Expansion] {
        let key: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
        self.entries.get(&key).map_or(&[], Vec::as_slice)
    }

    /// The most words any entry has.
    pub fn longest(&self) -> usize {
        self.longest
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(expansions: &[Expansion]) -> Vec<String> {
        expansions
            .iter()
            .map(|e| e.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn the_builtin_file_parses_cleanly() {
        let (table, errors) = Synonyms::parse(BUILTIN);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(table.len() > 50);
    }

    /// The file's rule: a Chinese term that jieba would cut is a domain word
    /// (`data/dict.txt`), so that it is one term, not a conjunction of
    /// its pieces (of which some are in a quarter of all listings).
    #[test]
    fn every_chinese_term_of_the_file_is_one_word() {
        // Han characters only (LNG船 is two words wherever it is written).
        let han = |text: &str| !text.is_empty() && text.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let mut cut = Vec::new();
        for line in BUILTIN.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            for term in line.split(['=', '>', ',', '，']).map(str::trim).filter(|t| han(t)) {
                let words = words_of(term);
                if words.len() != 1 {
                    cut.push(format!("{term} → {}", texts_of(&words)));
                }
            }
        }
        assert!(
            cut.is_empty(),
            "Chinese terms jieba cuts (add them to data/dict.txt): {cut:?}"
        );
    }

    fn texts_of(words: &[Word]) -> String {
        words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn equivalences_go_both_ways_across_languages() {
        let table = Synonyms::builtin();
        assert!(texts(table.lookup(&["石化"])).contains(&"石油化工".to_owned()));
        assert!(texts(table.lookup(&["冷链"])).contains(&"cold chain".to_owned()));
        let cold_chain = words_of("Cold-Chains");
        let keys: Vec<&str> = cold_chain.iter().map(|w| w.key.as_str()).collect();
        assert!(texts(table.lookup(&keys)).contains(&"冷链".to_owned()), "{keys:?}");
    }

    #[test]
    fn one_way_entries_do_not_come_back() {
        let table = Synonyms::builtin();
        let from_storage = table.lookup(&["储能"]);
        assert!(from_storage.iter().any(|e| e.narrower && e.words[0].text == "液流电池"));
        assert!(!texts(table.lookup(&["液流电池"])).contains(&"储能".to_owned()));
    }

    #[test]
    fn bad_lines_are_reported() {
        let (table, errors) = Synonyms::parse("# c\n石化\n=> 石油化工\n港航, 港口航运\n");
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2, 3]);
        assert_eq!(table.len(), 2);
    }
}
