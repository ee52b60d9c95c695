//! Text relevance between two listings: the matching engine's own small
//! equivalent of the search index, so that this crate stays pure and fast.
//!
//! Terms are Chinese character bigrams (no dictionary needed, and compounds
//! like 液货围护系统 share their pieces with 液货舱 and 围护) and lowercased
//! Latin words, lightly stemmed, stop words dropped; acronyms such as LNG, POE
//! or MES are Latin words too, whichever field they appear in. Title and tags
//! weigh more than the description. Each listing becomes a TF-IDF vector,
//! with IDF from a corpus-level [`TermStats`] that the caller keeps up to date,
//! stored as a short sorted sparse vector of interned term ids with 16-bit
//! weights.
//!
//! Chinese and Latin terms are normalized separately and the cosine of each
//! part is weighted by how much of *both* listings is written in that script,
//! so a bilingual listing is not penalized against a Chinese-only one (its
//! English half would otherwise dilute the norm), and a listing with an
//! English-only description still meets a Chinese one through its title.
//!
//! Not here: ranking rules, phrase queries, synonyms (the search crate has
//! them; matching compares whole listings, where shared bigrams carry the
//! signal).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use hulian_domain::ListingRecord;

/// A fast hasher for short keys (the multiply-rotate scheme of rustc's
/// FxHash): term maps hash millions of two-character strings, and their keys
/// come from our own listings, so resistance to crafted collisions is not needed.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word) ^ (rest.len() as u64) << 56).wrapping_mul(SEED);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.write(&[byte]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Marks a Latin term id; Chinese bigram ids have it clear, so sorted vectors
/// hold the Chinese part first.
pub(crate) const LATIN_BIT: u32 = 1 << 31;

/// Boost of a term found in the title (either language).
pub const TITLE_BOOST: f32 = 2.0;
/// Boost of a term found in a tag.
pub const TAG_BOOST: f32 = 2.0;
/// Boost of a term found in the description (either language).
pub const DESCRIPTION_BOOST: f32 = 1.0;
/// Terms kept per script in a stored vector: the rest carry little weight and
/// would cost memory and time at a million listings.
pub const DEFAULT_TERMS_PER_SCRIPT: usize = 96;

const QUANT: f64 = 65535.0;

const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "both", "but",
    "by", "can", "each", "for", "from", "had", "has", "have", "in", "into", "is", "it", "its", "more", "most", "new",
    "no", "not", "now", "of", "on", "once", "one", "only", "or", "other", "our", "out", "over", "per", "plus", "so",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "two", "up", "us", "via", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with",
    "within", "would", "year", "yr", "you", "your",
];

/// Which half of a vector a term lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Chinese character bigrams (and single characters standing alone).
    Cjk,
    /// Latin words, acronyms and alphanumeric codes.
    Latin,
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2A6DF}')
}

/// Full-width ASCII to ASCII, then lowercase.
fn normalize(c: char) -> char {
    let half = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    half.to_lowercase().next().unwrap_or(half)
}

fn stem(word: &str) -> String {
    if word.len() > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

fn keep_latin(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().any(|c| !c.is_ascii_digit()) && !STOP_WORDS.contains(&word)
}

/// A run of text split into what the tokenizer sees: Chinese runs and Latin words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Consecutive Chinese characters.
    Cjk(Vec<char>),
    /// A normalized, stemmed Latin word (stop words and bare numbers removed),
    /// with the original spelling.
    Latin { term: String, original: String },
}

/// Splits text into Chinese runs and Latin words.
pub(crate) fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    let mut word = String::new();
    let mut original = String::new();
    let flush_word = |out: &mut Vec<Piece>, word: &mut String, original: &mut String| {
        if !word.is_empty() {
            let stemmed = stem(word);
            if keep_latin(word) && keep_latin(&stemmed) {
                out.push(Piece::Latin {
                    term: stemmed,
                    original: original.clone(),
                });
            }
            word.clear();
            original.clear();
        }
    };
    for raw in text.chars() {
        let c = normalize(raw);
        if is_cjk(c) {
            flush_word(&mut out, &mut word, &mut original);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            if !cjk.is_empty() {
                out.push(Piece::Cjk(std::mem::take(&mut cjk)));
            }
            word.push(c);
            original.push(raw);
        } else {
            flush_word(&mut out, &mut word, &mut original);
            if !cjk.is_empty() {
                out.push(Piece::Cjk(std::mem::take(&mut cjk)));
            }
        }
    }
    flush_word(&mut out, &mut word, &mut original);
    if !cjk.is_empty() {
        out.push(Piece::Cjk(cjk));
    }
    out
}

/// The terms of a text, in order: bigrams of each Chinese run (a lone
/// character stands for itself) and Latin words.
pub fn tokenize(text: &str) -> Vec<(String, Script)> {
    let mut out = Vec::new();
    for_each_term(text, |term, script| out.push((term.to_owned(), script)));
    out
}

/// [`tokenize`] without allocating per term: `f` sees each term in a reused buffer.
pub fn for_each_term(text: &str, mut f: impl FnMut(&str, Script)) {
    let mut term = String::with_capacity(16);
    let mut word = String::with_capacity(32);
    let mut previous: Option<char> = None;
    let mut run = 0usize;
    let end_run = |previous: &mut Option<char>, run: &mut usize, term: &mut String, f: &mut dyn FnMut(&str, Script)| {
        if *run == 1
            && let Some(single) = *previous
        {
            term.clear();
            term.push(single);
            f(term, Script::Cjk);
        }
        *previous = None;
        *run = 0;
    };
    let flush_word = |word: &mut String, f: &mut dyn FnMut(&str, Script)| {
        if !word.is_empty() {
            let stemmed = stem(word);
            if keep_latin(word) && keep_latin(&stemmed) {
                f(&stemmed, Script::Latin);
            }
            word.clear();
        }
    };
    for raw in text.chars() {
        let c = normalize(raw);
        if is_cjk(c) {
            flush_word(&mut word, &mut f);
            if let Some(p) = previous {
                term.clear();
                term.push(p);
                term.push(c);
                f(&term, Script::Cjk);
            }
            previous = Some(c);
            run += 1;
        } else if c.is_alphanumeric() {
            end_run(&mut previous, &mut run, &mut term, &mut f);
            word.push(c);
        } else {
            flush_word(&mut word, &mut f);
            end_run(&mut previous, &mut run, &mut term, &mut f);
        }
    }
    flush_word(&mut word, &mut f);
    end_run(&mut previous, &mut run, &mut term, &mut f);
}

fn script_of(term: &str) -> Script {
    if term.chars().next().is_some_and(is_cjk) {
        Script::Cjk
    } else {
        Script::Latin
    }
}

/// The weighted terms of one listing, before IDF: what [`TermStats`] counts and
/// what a [`TextVector`] is built from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocTerms {
    /// Term and field-boosted, sublinear term frequency, sorted by term.
    terms: Vec<(Box<str>, f32)>,
    /// Share of the total term weight that is Chinese.
    cjk_share: f32,
}

impl DocTerms {
    /// Extracts the terms of a listing: title, title_en and tags boosted over
    /// description and description_en.
    pub fn from_listing(listing: &ListingRecord) -> Self {
        let mut fields: Vec<(&str, f32)> = vec![(listing.title.as_str(), TITLE_BOOST)];
        if let Some(title_en) = &listing.title_en {
            fields.push((title_en, TITLE_BOOST));
        }
        for tag in &listing.tags {
            fields.push((tag, TAG_BOOST));
        }
        fields.push((listing.description.as_str(), DESCRIPTION_BOOST));
        if let Some(description_en) = &listing.description_en {
            fields.push((description_en, DESCRIPTION_BOOST));
        }
        Self::from_fields(&fields)
    }

    /// Extracts the terms of free text fields, each with its boost.
    pub fn from_fields(fields: &[(&str, f32)]) -> Self {
        let mut weights: FastMap<String, f32> = FastMap::default();
        let mut counts: FastMap<String, u32> = FastMap::default();
        for &(text, boost) in fields {
            counts.clear();
            for_each_term(text, |term, _| match counts.get_mut(term) {
                Some(count) => *count += 1,
                None => {
                    counts.insert(term.to_owned(), 1);
                }
            });
            for (term, count) in counts.drain() {
                *weights.entry(term).or_default() += boost * (1.0 + (count as f32).ln());
            }
        }
        let mut terms: Vec<(Box<str>, f32)> = weights.into_iter().map(|(t, w)| (t.into_boxed_str(), w)).collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        let total: f32 = terms.iter().map(|(_, w)| w).sum();
        let cjk: f32 = terms
            .iter()
            .filter(|(t, _)| script_of(t) == Script::Cjk)
            .map(|(_, w)| w)
            .sum();
        let cjk_share = if total > 0.0 { cjk / total } else { 0.0 };
        DocTerms { terms, cjk_share }
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Terms with their boosted frequencies, sorted by term.
    pub fn terms(&self) -> impl Iterator<Item = (&str, f32)> {
        self.terms.iter().map(|(t, w)| (&**t, *w))
    }
}

#[derive(Debug, Clone)]
struct TermEntry {
    text: Box<str>,
    df: u32,
}

/// Corpus-level term statistics: the interned vocabulary and, per term, how
/// many listings contain it. The caller owns it and keeps it in step with the
/// listings it indexes ([`TermStats::add`] when a listing is indexed,
/// [`TermStats::remove`] with the same terms when it goes). Ids never change
/// once given, so stored vectors stay valid; IDF drifts slowly as the corpus
/// grows, and profiles built long ago can be rebuilt at leisure.
#[derive(Debug, Clone, Default)]
pub struct TermStats {
    ids: FastMap<Box<str>, u32>,
    cjk: Vec<TermEntry>,
    latin: Vec<TermEntry>,
    docs: u64,
}

impl TermStats {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds statistics over a whole corpus.
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a DocTerms>) -> Self {
        let mut stats = Self::new();
        for doc in docs {
            stats.add(doc);
        }
        stats
    }

    /// Counts one listing's terms (interning new ones).
    pub fn add(&mut self, doc: &DocTerms) {
        self.docs += 1;
        for (term, _) in &doc.terms {
            let id = self.intern(term);
            if let Some(entry) = self.entry_mut(id) {
                entry.df = entry.df.saturating_add(1);
            }
        }
    }

    /// Uncounts one listing's terms (the same [`DocTerms`] that was added).
    pub fn remove(&mut self, doc: &DocTerms) {
        self.docs = self.docs.saturating_sub(1);
        for (term, _) in &doc.terms {
            if let Some(id) = self.ids.get(term).copied()
                && let Some(entry) = self.entry_mut(id)
            {
                entry.df = entry.df.saturating_sub(1);
            }
        }
    }

    fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let entry = TermEntry {
            text: term.into(),
            df: 0,
        };
        let id = match script_of(term) {
            Script::Cjk => {
                self.cjk.push(entry);
                (self.cjk.len() - 1) as u32
            }
            Script::Latin => {
                self.latin.push(entry);
                (self.latin.len() - 1) as u32 | LATIN_BIT
            }
        };
        self.ids.insert(term.into(), id);
        id
    }

    fn entry(&self, id: u32) -> Option<&TermEntry> {
        if id & LATIN_BIT != 0 {
            self.latin.get((id & !LATIN_BIT) as usize)
        } else {
            self.cjk.get(id as usize)
        }
    }

    fn entry_mut(&mut self, id: u32) -> Option<&mut TermEntry> {
        if id & LATIN_BIT != 0 {
            self.latin.get_mut((id & !LATIN_BIT) as usize)
        } else {
            self.cjk.get_mut(id as usize)
        }
    }

    /// Number of listings counted.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    /// Number of distinct terms ever seen.
    pub fn vocabulary(&self) -> usize {
        self.ids.len()
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    pub fn term(&self, id: u32) -> Option<&str> {
        self.entry(id).map(|e| &*e.text)
    }

    pub fn df(&self, id: u32) -> u32 {
        self.entry(id).map_or(0, |e| e.df)
    }

    /// Inverse document frequency, BM25 style (always positive, near zero for
    /// terms in most listings).
    pub fn idf(&self, id: u32) -> f32 {
        let n = self.docs as f64;
        let df = f64::from(self.df(id)).min(n);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln() as f32
    }

    /// Rough heap size in bytes, for capacity planning.
    pub fn memory_estimate(&self) -> usize {
        let strings: usize = self.cjk.iter().chain(&self.latin).map(|e| e.text.len() * 2 + 16).sum();
        strings + self.ids.capacity() * 32 + (self.cjk.capacity() + self.latin.capacity()) * 24
    }
}

/// A listing's text as a sparse, L2-normalized TF-IDF vector (each script
/// normalized on its own), sorted by term id, weights quantized to 16 bits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextVector {
    ids: Box<[u32]>,
    weights: Box<[u16]>,
    /// Index of the first Latin term.
    latin_start: u32,
    /// Share of the listing's term weight that is Chinese, in [0, 1].
    cjk_share: f32,
}

impl TextVector {
    /// Builds the vector with [`DEFAULT_TERMS_PER_SCRIPT`] terms per script.
    pub fn build(doc: &DocTerms, stats: &TermStats) -> Self {
        Self::build_with_limit(doc, stats, DEFAULT_TERMS_PER_SCRIPT)
    }

    /// Builds the vector keeping the `limit` heaviest terms of each script;
    /// terms the statistics do not know are skipped.
    pub fn build_with_limit(doc: &DocTerms, stats: &TermStats, limit: usize) -> Self {
        let mut cjk: Vec<(u32, f64)> = Vec::new();
        let mut latin: Vec<(u32, f64)> = Vec::new();
        for (term, tf) in &doc.terms {
            let Some(id) = stats.id(term) else { continue };
            let weight = f64::from(*tf) * f64::from(stats.idf(id));
            if weight <= 0.0 {
                continue;
            }
            if id & LATIN_BIT != 0 {
                latin.push((id, weight))
            } else {
                cjk.push((id, weight))
            }
        }
        let part = |mut terms: Vec<(u32, f64)>| -> Vec<(u32, u16)> {
            let norm = terms.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm <= 0.0 {
                return Vec::new();
            }
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(limit);
            let mut out: Vec<(u32, u16)> = terms
                .into_iter()
                .map(|(id, w)| (id, (w / norm * QUANT).round().clamp(1.0, QUANT) as u16))
                .collect();
            out.sort_by_key(|&(id, _)| id);
            out
        };
        let cjk = part(cjk);
        let latin = part(latin);
        let latin_start = cjk.len() as u32;
        let (ids, weights): (Vec<u32>, Vec<u16>) = cjk.into_iter().chain(latin).unzip();
        TextVector {
            ids: ids.into_boxed_slice(),
            weights: weights.into_boxed_slice(),
            latin_start,
            cjk_share: doc.cjk_share.clamp(0.0, 1.0),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The vector as a borrowed view (the form an index stores).
    pub fn view(&self) -> TextView<'_> {
        TextView {
            ids: &self.ids,
            weights: &self.weights,
            latin_start: self.latin_start as usize,
            cjk_share: self.cjk_share,
        }
    }

    pub fn contains(&self, id: u32) -> bool {
        self.view().contains(id)
    }

    /// Term ids with their normalized weights.
    pub fn iter(&self) -> impl Iterator<Item = (u32, f64)> + '_ {
        self.ids
            .iter()
            .zip(self.weights.iter())
            .map(|(&id, &w)| (id, f64::from(w) / QUANT))
    }

    /// Cosine similarity in [0, 1] (see the module docs for how scripts combine).
    /// Symmetric; equal to [`QueryText::similarity`].
    pub fn similarity(&self, other: &TextVector) -> f64 {
        self.view().similarity(other.view())
    }

    /// Share of the listing's term weight that is Chinese.
    pub(crate) fn cjk_share(&self) -> f32 {
        self.cjk_share
    }

    /// Term ids with their quantized weights.
    pub(crate) fn raw(&self) -> impl Iterator<Item = (u32, u16)> + '_ {
        self.ids.iter().copied().zip(self.weights.iter().copied())
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.ids.len() * 6
    }
}

/// A text vector borrowed from wherever it is stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextView<'a> {
    pub(crate) ids: &'a [u32],
    pub(crate) weights: &'a [u16],
    /// Index of the first Latin term.
    pub(crate) latin_start: usize,
    pub(crate) cjk_share: f32,
}

impl TextView<'_> {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, id: u32) -> bool {
        self.ids.binary_search(&id).is_ok()
    }

    /// See [`TextVector::similarity`].
    pub fn similarity(&self, other: TextView<'_>) -> f64 {
        let (mut i, mut j) = (0usize, 0usize);
        let (mut dot_cjk, mut dot_latin) = (0u64, 0u64);
        let n = self.ids.len().min(self.weights.len());
        let m = other.ids.len().min(other.weights.len());
        while i < n && j < m {
            let (a, b) = (self.ids[i], other.ids[j]);
            if a == b {
                let product = u64::from(self.weights[i]) * u64::from(other.weights[j]);
                if a & LATIN_BIT != 0 {
                    dot_latin += product
                } else {
                    dot_cjk += product
                }
                i += 1;
                j += 1;
            } else if a < b {
                i += 1;
            } else {
                j += 1;
            }
        }
        combine(self.cjk_share, other.cjk_share, dot_cjk, dot_latin)
    }
}

fn combine(share_a: f32, share_b: f32, dot_cjk: u64, dot_latin: u64) -> f64 {
    let m_cjk = f64::from(share_a.min(share_b));
    let m_latin = f64::from((1.0 - share_a).min(1.0 - share_b));
    let total = m_cjk + m_latin;
    if total <= 0.0 {
        return 0.0;
    }
    let scale = QUANT * QUANT;
    let cjk = dot_cjk as f64 / scale;
    let latin = dot_latin as f64 / scale;
    ((m_cjk * cjk + m_latin * latin) / total).clamp(0.0, 1.0)
}

/// [`combine`] for dot products already in normalized units (for bounds):
/// monotone in both dot products.
pub(crate) fn combine_normalized(share_a: f32, share_b: f32, dot_cjk: f64, dot_latin: f64) -> f64 {
    let m_cjk = f64::from(share_a.min(share_b));
    let m_latin = f64::from((1.0 - share_a).min(1.0 - share_b));
    let total = m_cjk + m_latin;
    if total <= 0.0 {
        return 0.0;
    }
    (m_cjk * dot_cjk + m_latin * dot_latin) / total
}

/// Weights are stored as multiples of 1/65535.
pub(crate) const WEIGHT_SCALE: f64 = QUANT;

const EMPTY: u32 = u32::MAX;

/// Bits of the query's term filter: 16,384 bits (2 KiB), about 1 % false
/// positives for a query of 190 terms.
const FILTER_BITS: u32 = 14;

/// A query's vector laid out for fast lookups: a bit filter that rejects most
/// candidate terms with one load, and an open-addressing table for the rest,
/// both small enough to stay in L1 cache while a million candidates stream past.
#[derive(Debug, Clone)]
pub struct QueryText {
    filter: Vec<u64>,
    keys: Vec<u32>,
    weights: Vec<u16>,
    shift: u32,
    cjk_share: f32,
}

impl QueryText {
    pub fn new(vector: TextView<'_>) -> Self {
        let capacity = (vector.ids.len() * 4).next_power_of_two().max(16);
        let bits = capacity.trailing_zeros();
        let mut table = QueryText {
            filter: vec![0; 1 << (FILTER_BITS - 6)],
            keys: vec![EMPTY; capacity],
            weights: vec![0; capacity],
            shift: 32 - bits,
            cjk_share: vector.cjk_share,
        };
        for (&id, &w) in vector.ids.iter().zip(vector.weights.iter()) {
            let mut slot = table.slot(id);
            while table.keys[slot] != EMPTY {
                slot = (slot + 1) & (capacity - 1);
            }
            table.keys[slot] = id;
            table.weights[slot] = w;
            let bit = Self::filter_bit(id);
            table.filter[bit >> 6] |= 1 << (bit & 63);
        }
        table
    }

    #[inline]
    fn filter_bit(id: u32) -> usize {
        (id.wrapping_mul(0x85EB_CA6B) >> (32 - FILTER_BITS)) as usize
    }

    #[inline]
    fn may_contain(&self, id: u32) -> bool {
        let bit = Self::filter_bit(id);
        self.filter
            .get(bit >> 6)
            .is_some_and(|word| word & (1 << (bit & 63)) != 0)
    }

    #[inline]
    fn slot(&self, id: u32) -> usize {
        (id.wrapping_mul(0x9E37_79B9) >> self.shift) as usize
    }

    #[inline]
    fn weight(&self, id: u32) -> u16 {
        let mask = self.keys.len() - 1;
        let mut slot = self.slot(id);
        loop {
            let key = self.keys[slot];
            if key == id {
                return self.weights[slot];
            }
            if key == EMPTY {
                return 0;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Same value as [`TextVector::similarity`] against the query's vector.
    pub fn similarity(&self, candidate: TextView<'_>) -> f64 {
        let split = candidate
            .latin_start
            .min(candidate.ids.len())
            .min(candidate.weights.len());
        let mut dot_cjk = 0u64;
        for (&id, &w) in candidate.ids[..split].iter().zip(&candidate.weights[..split]) {
            if self.may_contain(id) {
                dot_cjk += u64::from(self.weight(id)) * u64::from(w);
            }
        }
        let mut dot_latin = 0u64;
        for (&id, &w) in candidate.ids[split..].iter().zip(&candidate.weights[split..]) {
            if self.may_contain(id) {
                dot_latin += u64::from(self.weight(id)) * u64::from(w);
            }
        }
        combine(self.cjk_share, candidate.cjk_share, dot_cjk, dot_latin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vectors of several texts (each a list of fields), with statistics over all of them.
    fn vectors(texts: &[&[&str]]) -> Vec<TextVector> {
        let docs: Vec<DocTerms> = texts
            .iter()
            .map(|fields| DocTerms::from_fields(&fields.iter().map(|t| (*t, 1.0)).collect::<Vec<_>>()))
            .collect();
        let stats = TermStats::from_documents(&docs);
        docs.iter().map(|d| TextVector::build(d, &stats)).collect()
    }

    #[test]
    fn tokenizes_chinese_bigrams_and_latin_words() {
        let terms: Vec<String> = tokenize("LNG运输船，Invar welding systems 2027")
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(terms, vec!["lng", "运输", "输船", "invar", "welding", "system"]);
        assert_eq!(tokenize("与")[0].1, Script::Cjk);
        assert_eq!(tokenize("ＰＯＥ粒子")[0].0, "poe");
        assert!(tokenize("the and of 2025").is_empty());
    }

    /// The reference: tokens read off [`pieces`].
    fn tokenize_by_pieces(text: &str) -> Vec<(String, Script)> {
        let mut out = Vec::new();
        for piece in pieces(text) {
            match piece {
                Piece::Cjk(chars) if chars.len() == 1 => out.push((chars.iter().collect(), Script::Cjk)),
                Piece::Cjk(chars) => out.extend(chars.windows(2).map(|pair| (pair.iter().collect(), Script::Cjk))),
                Piece::Latin { term, .. } => out.push((term, Script::Latin)),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_streaming_tokenizer_agrees_with_pieces(text in "[a-zA-Z0-9 ,.\\-液流电池储能与船ＰＯＥ（）。、]{0,40}") {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_by_pieces(&text));
        }
    }

    #[test]
    fn titles_weigh_more_than_descriptions() {
        let doc = DocTerms::from_fields(&[("殷瓦", TITLE_BOOST), ("焊接", DESCRIPTION_BOOST)]);
        let weights: HashMap<&str, f32> = doc.terms().collect();
        assert!(weights["殷瓦"] > weights["焊接"]);
    }

    #[test]
    fn similar_texts_score_higher_and_the_score_is_symmetric() {
        let v = vectors(&[
            &["薄膜型液货舱绝缘箱国产化技术"],
            &["LNG船液货舱绝缘箱供货"],
            &["樱桃蓝莓进沪直供"],
            &["项目技术供货"],
        ]);
        let (a, b, c) = (&v[0], &v[1], &v[2]);
        assert!(a.similarity(b) > a.similarity(c));
        assert_eq!(a.similarity(b), b.similarity(a));
        assert_eq!(a.similarity(c), 0.0);
        let self_sim = a.similarity(a);
        assert!((self_sim - 1.0).abs() < 1e-3, "{self_sim}");
        assert_eq!(QueryText::new(a.view()).similarity(b.view()), a.similarity(b));
    }

    #[test]
    fn a_bilingual_listing_is_not_diluted_by_its_english_half() {
        let v = vectors(&[
            &["全钒液流电池储能基地"],
            &["液流电池储能电站"],
            &["液流电池储能电站", "flow battery storage station"],
            &["樱桃蓝莓进沪直供"],
            &["港口物流园区规划咨询"],
        ]);
        let (query, chinese, bilingual) = (&v[0], &v[1], &v[2]);
        assert!(query.similarity(chinese) > 0.1);
        let diff = (query.similarity(chinese) - query.similarity(bilingual)).abs();
        assert!(diff < 1e-9, "{diff}");
    }

    #[test]
    fn term_stats_count_and_uncount() {
        let mut stats = TermStats::new();
        let doc = DocTerms::from_fields(&[("冷链物流", 1.0)]);
        stats.add(&doc);
        stats.add(&DocTerms::from_fields(&[("冷链", 1.0)]));
        let id = stats.id("冷链").unwrap_or(EMPTY);
        assert_eq!(stats.df(id), 2);
        assert_eq!(stats.term(id), Some("冷链"));
        stats.remove(&doc);
        assert_eq!(stats.df(id), 1);
        assert_eq!(stats.docs(), 1);
        assert!(stats.idf(id) > 0.0);
    }

    #[test]
    fn vectors_keep_only_the_heaviest_terms() {
        let mut stats = TermStats::new();
        let doc = DocTerms::from_fields(&[("一二三四五六七八九十", 1.0)]);
        stats.add(&doc);
        stats.add(&DocTerms::from_fields(&[("无关", 1.0)]));
        assert_eq!(TextVector::build_with_limit(&doc, &stats, 3).len(), 3);
    }
}
