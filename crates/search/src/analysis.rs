//! Text analysis: the one tokenizer registry every index is opened with, and
//! the analyzers in it.
//!
//! * [`ZH`] for Chinese fields (titles, descriptions, tags, names). Runs of Han
//!   characters are cut by jieba and every word is also indexed as the
//!   dictionary words inside it, so a compound is findable by its parts
//!   (全钒液流电池 → 全钒, 液流, 电池, 液流电池, 全钒液流电池); runs of
//!   letters and digits inside the Chinese text come out as whole, lowercased
//!   words (采用PLC控制 → 采用, plc, 控制), full-width forms folded to ASCII.
//! * [`CJK_BIGRAM`], overlapping Han character bigrams: the recall backstop
//!   that matches any Chinese substring whatever jieba made of its context.
//! * [`EN`] for English fields: words, lowercased, ASCII-folded, English stop
//!   words removed, stemmed (each distinct word stemmed once per indexing
//!   thread and field: [`CachedStemmer`]).
//! * `raw` (tantivy's own) for slugs and ids.
//!
//! Token positions of the Chinese analyzers are character offsets, so a phrase
//! query with explicit offsets means "this exact substring".
//!
//! The jieba dictionary (its default one plus `data/dict.txt`) is loaded once
//! per process, on first use, into a static shared by every tokenizer clone
//! (tantivy clones tokenizers per indexing thread; a dictionary per clone
//! would cost tens of megabytes each). This module does not parse queries;
//! that is `query.rs`.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};
use tantivy_jieba::jieba_rs::Jieba;

/// Chinese text: jieba words with their dictionary parts, plus whole Latin words.
pub const ZH: &str = "hulian_zh";
/// Overlapping Han bigrams (a lone Han character is its own token).
pub const CJK_BIGRAM: &str = "hulian_cjk_bigram";
/// English text: lowercased, folded, stop words removed, stemmed.
pub const EN: &str = "hulian_en";
/// Pairs of [`EN`] words standing next to each other (at most one removed
/// word between them), as one token `"cold chain"`: adjacency as a term.
pub const EN_PAIRS: &str = "hulian_en_pairs";
/// Exact terms (slugs, ids): tantivy's built-in `raw` tokenizer.
pub const RAW: &str = "raw";

/// Tokens longer than this (in bytes) are dropped: they are noise, not words.
const MAX_TOKEN_BYTES: usize = 64;

const DOMAIN_DICTIONARY: &str = include_str!("../data/dict.txt");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    let mut added = 0usize;
    for line in DOMAIN_DICTIONARY.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let freq = parts.next().and_then(|f| f.parse::<usize>().ok());
        jieba.add_word(word, freq, None);
        added += 1;
    }
    tracing::debug!(words = added, "jieba dictionary loaded");
    jieba
});

/// The process-wide jieba instance (default dictionary plus the domain words).
pub fn jieba() -> &'static Jieba {
    &JIEBA
}

/// A fresh registry holding every analyzer of this module (and tantivy's defaults).
pub fn tokenizer_manager() -> TokenizerManager {
    let manager = TokenizerManager::default();
    register(&manager);
    manager
}

/// Registers the analyzers of this module in `manager`.
pub fn register(manager: &TokenizerManager) {
    manager.register(ZH, zh_analyzer());
    manager.register(CJK_BIGRAM, cjk_bigram_analyzer());
    manager.register(EN, en_builder(true).build());
    manager.register(EN_PAIRS, EnPairsTokenizer::new());
}

pub fn zh_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ChineseTokenizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaserSkippingHan)
        .build()
}

pub fn cjk_bigram_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(CjkBigramTokenizer)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// The English analyzer for a query or a few texts (what [`EN`] indexes
/// with, without remembering stems: a fresh memory would only cost there).
pub fn en_analyzer() -> TextAnalyzer {
    en_builder(false).build()
}

/// The English analyzer that remembers stems ([`CachedStemmer`]), for an
/// analyzer kept for many texts (a thread's highlighter).
pub fn en_remembering_analyzer() -> TextAnalyzer {
    en_builder(true).build()
}

/// What [`EN`] is made of; `remembering`, the stemmer keeps the stems it
/// made ([`CachedStemmer`]), for the analyzers an index writes with.
fn en_builder(remembering: bool) -> tantivy::tokenizer::TextAnalyzerBuilder {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaserSkippingHan)
        .filter(AsciiFoldingFilter)
        .dynamic();
    let builder = match StopWordFilter::new(Language::English) {
        Some(stop_words) => builder.filter_dynamic(stop_words),
        None => builder,
    };
    if remembering {
        builder.filter_dynamic(CachedStemmer)
    } else {
        builder.filter_dynamic(Stemmer::new(Language::English))
    }
}

/// tantivy's `LowerCaser`, except that tokens of Han characters alone,
/// which have no case, are left as they are: lowercasing looks every
/// character up in Unicode's tables, a few percent of a rebuild spent on
/// Chinese words that never change. Other tokens are lowercased as tantivy
/// does (character by character, no final-sigma rule).
#[derive(Clone, Copy, Debug, Default)]
pub struct LowerCaserSkippingHan;

impl TokenFilter for LowerCaserSkippingHan {
    type Tokenizer<T: Tokenizer> = LowerCaserSkippingHanFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        LowerCaserSkippingHanFilter {
            inner: tokenizer,
            buffer: String::new(),
        }
    }
}

#[derive(Clone)]
pub struct LowerCaserSkippingHanFilter<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for LowerCaserSkippingHanFilter<T> {
    type TokenStream<'a> = LowerCaserSkippingHanStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        LowerCaserSkippingHanStream {
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

pub struct LowerCaserSkippingHanStream<'a, S> {
    tail: S,
    buffer: &'a mut String,
}

impl<S: TokenStream> TokenStream for LowerCaserSkippingHanStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if token.text.is_ascii() {
            token.text.make_ascii_lowercase();
        } else if !token.text.chars().all(is_han) {
            self.buffer.clear();
            self.buffer.extend(token.text.chars().flat_map(char::to_lowercase));
            std::mem::swap(&mut token.text, self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Distinct words kept per [`CachedStemmer`] (each clone has its own): past
/// this many, new words are stemmed without being remembered.
const STEM_CACHE_WORDS: usize = 50_000;

/// tantivy's English `Stemmer` with a memory of the words it has stemmed: a
/// field's vocabulary is small next to its text (a million listings' English
/// descriptions repeat a few thousand words), and running the Snowball
/// algorithm on every occurrence was 7% of a rebuild. The stems are the
/// same; tantivy clones the analyzer for each indexing thread and segment,
/// so each clone remembers on its own and none waits for another.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stems: FxHashMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: FxHashMap<String, String>,
    /// The whole text as one token, stemmed: what a word not yet known goes through.
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: &mut self.stemmer,
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stems: &'a mut FxHashMap<String, String>,
    stemmer: &'a mut TextAnalyzer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(&token.text);
            if stream.advance() {
                stream.token().text.clone()
            } else {
                token.text.clone()
            }
        };
        if self.stems.len() < STEM_CACHE_WORDS {
            self.stems
                .insert(std::mem::replace(&mut token.text, stem.clone()), stem);
        } else {
            token.text = stem;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Every token `analyzer` makes of `text`.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().clone());
    }
    tokens
}

/// The token texts `analyzer` makes of `text`, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    analyze(analyzer, text).into_iter().map(|t| t.text).collect()
}

/// Han ideographs (CJK unified ideographs and their extensions, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(
        c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x3134F
    )
}

/// Letters and digits that are not Han: they make up words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// Full-width ASCII forms (ＰＬＣ, ５Ｇ) as their ASCII characters.
pub fn fold_width(c: char) -> char {
    match c as u32 {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// What a run of text is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Han,
    Word,
}

/// A maximal run of Han characters or of word characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub kind: RunKind,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Character offset of `start` in the text.
    pub start_char: usize,
}

/// The Han and word runs of `text`, in order; everything else separates them.
pub fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut current: Option<Run> = None;
    for (char_index, (byte_index, c)) in text.char_indices().enumerate() {
        let kind = if is_han(c) {
            Some(RunKind::Han)
        } else if is_word_char(c) {
            Some(RunKind::Word)
        } else {
            None
        };
        let end = byte_index + c.len_utf8();
        match (current.as_mut(), kind) {
            (Some(run), Some(k)) if run.kind == k => run.end = end,
            (_, k) => {
                if let Some(run) = current.take() {
                    out.push(run);
                }
                current = k.map(|kind| Run {
                    kind,
                    start: byte_index,
                    end,
                    start_char: char_index,
                });
            }
        }
    }
    if let Some(run) = current {
        out.push(run);
    }
    out
}

/// The text of a word run as it is indexed: full-width forms folded
/// (lowercasing is the analyzer's [`LowerCaserSkippingHan`]).
fn word_text(word: &str) -> String {
    word.chars().map(fold_width).collect()
}

/// A token stream over tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    /// Index of the current token plus one; 0 before the first `advance`.
    next: usize,
    /// What `token()` shows before the first `advance` of an empty stream.
    placeholder: Token,
}

impl VecTokenStream {
    fn new(mut tokens: Vec<Token>) -> Self {
        // Positions must not go down for any one term: sort by position, then
        // shorter first, which keeps search-mode sub-words next to their word.
        tokens.sort_by_key(|t| (t.position, t.position_length, t.offset_from));
        VecTokenStream {
            tokens,
            next: 0,
            placeholder: Token::default(),
        }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.tokens
            .get(self.next.saturating_sub(1))
            .unwrap_or(&self.placeholder)
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.tokens.get_mut(self.next.saturating_sub(1)) {
            Some(token) => token,
            None => &mut self.placeholder,
        }
    }
}

/// The words of the English analyzer two by two: each word and the next one,
/// when at most one word (a stop word) was removed between them, make the
/// token `"first next"`. The typed words `cold chain` stand together in a
/// title exactly when it holds the term `cold chain` here, which is one
/// posting list to read instead of two lists and their positions.
#[derive(Clone)]
pub struct EnPairsTokenizer {
    words: TextAnalyzer,
}

impl EnPairsTokenizer {
    pub fn new() -> Self {
        EnPairsTokenizer {
            words: en_builder(true).build(),
        }
    }
}

impl Default for EnPairsTokenizer {
    fn default() -> Self {
        Self::new()
    }
}

/// The pair term of two analyzed words (what [`EN_PAIRS`] indexes).
pub fn en_pair(first: &str, next: &str) -> String {
    format!("{first} {next}")
}

impl Tokenizer for EnPairsTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let words = analyze(&mut self.words, text);
        let pairs = words
            .windows(2)
            .filter(|w| w[1].position.saturating_sub(w[0].position) <= 2)
            .map(|w| Token {
                offset_from: w[0].offset_from,
                offset_to: w[1].offset_to,
                position: w[0].position,
                text: en_pair(&w[0].text, &w[1].text),
                position_length: 1,
            })
            .collect();
        VecTokenStream::new(pairs)
    }
}

/// jieba words and their dictionary parts for Han runs, whole words for letter/digit runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChineseTokenizer;

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut tokens = Vec::new();
        for run in runs(text) {
            let slice = &text[run.start..run.end];
            match run.kind {
                RunKind::Han => {
                    for word in jieba().cut(slice, true) {
                        let offset_from = run.start + word.byte_start;
                        let position = run.start_char + word.start;
                        for part in dictionary_parts(word.word) {
                            tokens.push(Token {
                                offset_from: offset_from + part.byte_start,
                                offset_to: offset_from + part.byte_start + part.text.len(),
                                position: position + part.char_start,
                                position_length: part.chars,
                                text: part.text.to_owned(),
                            });
                        }
                        tokens.push(Token {
                            offset_from,
                            offset_to: run.start + word.byte_end,
                            position,
                            position_length: word.end - word.start,
                            text: word.word.to_owned(),
                        });
                    }
                }
                RunKind::Word => tokens.push(Token {
                    offset_from: run.start,
                    offset_to: run.end,
                    position: run.start_char,
                    position_length: slice.chars().count(),
                    text: word_text(slice),
                }),
            }
        }
        VecTokenStream::new(tokens)
    }
}

/// A dictionary word inside a longer word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part<'a> {
    pub text: &'a str,
    pub byte_start: usize,
    pub char_start: usize,
    pub chars: usize,
}

/// Every dictionary word of two characters or more strictly inside `word`:
/// jieba's search mode, without its limit of three characters, so that
/// 全钒液流电池 is also indexed as 液流电池 (and 液流, 电池, 全钒).
pub fn dictionary_parts(word: &str) -> Vec<Part<'_>> {
    let starts: Vec<usize> = word.char_indices().map(|(i, _)| i).chain([word.len()]).collect();
    let chars = starts.len() - 1;
    let mut parts = Vec::new();
    if chars <= 2 {
        return parts;
    }
    let jieba = jieba();
    for length in 2..chars {
        for first in 0..=(chars - length) {
            let text = &word[starts[first]..starts[first + length]];
            if jieba.has_word(text) {
                parts.push(Part {
                    text,
                    byte_start: starts[first],
                    char_start: first,
                    chars: length,
                });
            }
        }
    }
    parts
}

/// Overlapping bigrams of Han runs; other text is left to the other analyzers.
/// A run of one character is its own token.
#[derive(Clone, Copy, Debug, Default)]
pub struct CjkBigramTokenizer;

impl Tokenizer for CjkBigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        BigramStream {
            text,
            chars: text.char_indices(),
            char_index: 0,
            previous: None,
            lone: false,
            token: Token::default(),
        }
    }
}

/// The bigrams of a text, one at a time, in one reused token: the bigram
/// field has a token per Han character, and a string per token was a good
/// part of what a full rebuild spends in the allocator.
pub struct BigramStream<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    /// Character offset of the next character.
    char_index: usize,
    /// The previous character, when Han: its byte offset and character offset.
    previous: Option<(usize, usize)>,
    /// Whether `previous` started its run and nothing followed it yet.
    lone: bool,
    token: Token,
}

impl BigramStream<'_> {
    fn emit(&mut self, from: usize, to: usize, position: usize, length: usize) {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = length;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
    }

    /// A run of one Han character ended: it is its own token.
    fn emit_lone(&mut self) -> bool {
        match self.previous.take() {
            Some((from, position)) if self.lone => {
                self.lone = false;
                let to = from + self.text[from..].chars().next().map_or(0, char::len_utf8);
                self.emit(from, to, position, 1);
                true
            }
            _ => false,
        }
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((byte, c)) = self.chars.next() {
            let position = self.char_index;
            self.char_index += 1;
            if !is_han(c) {
                if self.emit_lone() {
                    return true;
                }
                self.previous = None;
                continue;
            }
            match self.previous.replace((byte, position)) {
                Some((from, from_position)) => {
                    self.lone = false;
                    self.emit(from, byte + c.len_utf8(), from_position, 2);
                    return true;
                }
                None => self.lone = true,
            }
        }
        self.emit_lone()
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The overlapping bigrams of a Han string (the string itself if it is one character).
pub fn han_bigrams(han: &str) -> Vec<String> {
    let chars: Vec<char> = han.chars().collect();
    if chars.len() < 2 {
        return if chars.is_empty() {
            Vec::new()
        } else {
            vec![han.to_owned()]
        };
    }
    chars.windows(2).map(|pair| pair.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn zh(text: &str) -> Vec<String> {
        terms(&mut zh_analyzer(), text)
    }

    #[test]
    fn latin_words_inside_chinese_are_whole_words() {
        let tokens = zh("采用PLC控制的ＡＧＶ小车");
        assert!(tokens.contains(&"plc".to_owned()), "{tokens:?}");
        assert!(tokens.contains(&"agv".to_owned()), "{tokens:?}");
        assert!(tokens.contains(&"采用".to_owned()), "{tokens:?}");
    }

    #[test]
    fn search_mode_emits_dictionary_parts_of_compounds() {
        let tokens = zh("全钒液流电池储能系统");
        for part in ["液流电池", "电池", "储能"] {
            assert!(tokens.contains(&part.to_owned()), "{part} missing from {tokens:?}");
        }
        let tokens = zh("焊接机器人工作站");
        assert!(tokens.contains(&"机器人".to_owned()), "{tokens:?}");
    }

    #[test]
    fn a_word_that_straddles_two_words_is_not_found() {
        // 本地化/工作: 化工 is not a word here, so it must not be a token.
        assert!(!zh("本地化工作").contains(&"化工".to_owned()));
    }

    #[test]
    fn bigrams_cover_every_substring() {
        let tokens = terms(&mut cjk_bigram_analyzer(), "全钒液流电池，钢 and PLC");
        assert_eq!(tokens, vec!["全钒", "钒液", "液流", "流电", "电池", "钢"]);
        assert_eq!(han_bigrams("液流电池"), vec!["液流", "流电", "电池"]);
    }

    #[test]
    fn english_is_stemmed_without_stop_words() {
        assert_eq!(
            terms(&mut en_analyzer(), "The Flow Batteries of Cold-Chain"),
            vec!["flow", "batteri", "cold", "chain"]
        );
    }

    #[test]
    fn en_pairs_skip_one_stop_word_but_not_two() {
        let mut pairs = TextAnalyzer::from(EnPairsTokenizer::new());
        assert_eq!(
            terms(&mut pairs, "Port of Dalian: cold chains"),
            vec!["port dalian", "dalian cold", "cold chain"]
        );
        assert_eq!(terms(&mut pairs, "parks and the ports"), Vec::<String>::new());
        assert_eq!(terms(&mut pairs, "ports"), Vec::<String>::new());
    }

    fn check_tokens(text: &str, tokens: &[Token]) {
        let mut last_position: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for token in tokens {
            assert!(token.offset_from < token.offset_to, "{token:?}");
            assert!(token.offset_to <= text.len(), "{token:?}");
            assert!(
                text.is_char_boundary(token.offset_from) && text.is_char_boundary(token.offset_to),
                "{token:?}"
            );
            assert!(!token.text.is_empty());
            if let Some(previous) = last_position.insert(token.text.as_str(), token.position) {
                assert!(previous < token.position, "positions of {} go down", token.text);
            }
        }
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[\u{4e00}-\u{9fa5}]{1,8}",
            "[a-zA-Z0-9]{1,6}",
            "[ ，。、（）\\-_.:;!?\"'“”《》\u{3000}]{1,3}",
            "[\u{ff10}-\u{ff5a}]{1,3}",
            Just("冷链物流".to_owned()),
            Just("全钒液流电池".to_owned()),
            ".{1,4}",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    /// The bigram tokens by their definition: per Han run, every pair of
    /// neighbouring characters, or the character of a one-character run.
    fn bigrams_by_definition(text: &str) -> Vec<(String, usize, usize, usize, usize)> {
        let mut out = Vec::new();
        for run in runs(text).into_iter().filter(|r| r.kind == RunKind::Han) {
            let slice = &text[run.start..run.end];
            let starts: Vec<usize> = slice.char_indices().map(|(i, _)| i).chain([slice.len()]).collect();
            let chars = starts.len() - 1;
            let width = chars.min(2);
            for i in 0..=(chars - width) {
                let (from, to) = (starts[i], starts[i + width]);
                out.push((
                    slice[from..to].to_owned(),
                    run.start + from,
                    run.start + to,
                    run.start_char + i,
                    width,
                ));
            }
        }
        out
    }

    proptest! {
        #[test]
        fn bigram_stream_matches_its_definition(text in "[冷链物流港a-c ，。1]{0,40}") {
            let mut tokenizer = CjkBigramTokenizer;
            let mut stream = tokenizer.token_stream(&text);
            let mut got = Vec::new();
            while stream.advance() {
                let t = stream.token();
                got.push((t.text.clone(), t.offset_from, t.offset_to, t.position, t.position_length));
            }
            prop_assert_eq!(got, bigrams_by_definition(&text));
        }

        #[test]
        fn any_input_tokenizes_within_bounds(text in ".{0,80}") {
            for analyzer in [zh_analyzer(), cjk_bigram_analyzer(), en_analyzer(), EnPairsTokenizer::new().into()] {
                let mut analyzer = analyzer;
                let tokens = analyze(&mut analyzer, &text);
                check_tokens(&text, &tokens);
            }
        }

        #[test]
        fn mixed_chinese_latin_tokenizes_within_bounds(text in mixed_text()) {
            for analyzer in [zh_analyzer(), cjk_bigram_analyzer(), en_analyzer(), EnPairsTokenizer::new().into()] {
                let mut analyzer = analyzer;
                let tokens = analyze(&mut analyzer, &text);
                check_tokens(&text, &tokens);
            }
        }

        /// The Han-skipping lowercaser and the remembering stemmer make
        /// exactly the tokens of tantivy's own filters, one analyzer reused
        /// over several texts (so that remembered words are met again).
        #[test]
        fn faster_filters_make_tantivys_tokens(
            texts in proptest::collection::vec(
                prop_oneof![".{0,60}", mixed_text(), "((Cold|chains?|PORTS|Ｈub|ΣΑΣ|İstanbul|running|runs) ?){0,8}"],
                1..6,
            )
        ) {
            let reference_zh = || {
                TextAnalyzer::builder(ChineseTokenizer)
                    .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                    .filter(tantivy::tokenizer::LowerCaser)
                    .build()
            };
            let reference_en = || {
                let builder = TextAnalyzer::builder(SimpleTokenizer::default())
                    .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                    .filter(tantivy::tokenizer::LowerCaser)
                    .filter(AsciiFoldingFilter)
                    .dynamic();
                let builder = match StopWordFilter::new(Language::English) {
                    Some(stop_words) => builder.filter_dynamic(stop_words),
                    None => builder,
                };
                builder.filter_dynamic(Stemmer::new(Language::English)).build()
            };
            let (mut zh, mut en) = (zh_analyzer(), en_builder(true).build());
            for text in texts.iter().chain(&texts) {
                prop_assert_eq!(analyze(&mut zh, text), analyze(&mut reference_zh(), text));
                prop_assert_eq!(analyze(&mut en, text), analyze(&mut reference_en(), text));
            }
        }

        /// A pair for each word and the next, unless more than one word
        /// (a stop word) was removed between them.
        #[test]
        fn en_pairs_are_the_adjacent_words(text in "((the|of|and|Cold|chains?|ports?|Dalian|冷链|-|,|\\.) ){0,12}") {
            let words = analyze(&mut en_analyzer(), &text);
            let mut expected = Vec::new();
            for (i, first) in words.iter().enumerate() {
                if let Some(next) = words.get(i + 1).filter(|n| n.position <= first.position + 2) {
                    expected.push((en_pair(&first.text, &next.text), first.offset_from, next.offset_to));
                }
            }
            let mut pairs = TextAnalyzer::from(EnPairsTokenizer::new());
            let got: Vec<(String, usize, usize)> =
                analyze(&mut pairs, &text).into_iter().map(|t| (t.text, t.offset_from, t.offset_to)).collect();
            prop_assert_eq!(got, expected);
        }

        #[test]
        fn latin_word_between_han_is_one_token(
            before in "[\u{4e00}-\u{9fa5}]{0,6}",
            word in "[a-zA-Z][a-zA-Z0-9]{0,9}",
            after in "[\u{4e00}-\u{9fa5}]{0,6}",
        ) {
            let text = format!("{before}{word}{after}");
            let tokens = zh(&text);
            prop_assert!(tokens.contains(&word.to_lowercase()), "{:?} not in {:?}", word, tokens);
        }
    }
}
