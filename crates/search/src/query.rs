//! From what a user typed to a tantivy query. Never fails: every input is
//! searched, the syntax it does not understand is read as plain words.
//!
//! Understood syntax: `"quoted phrases"` (also “…” and 「…」), which must match
//! as written, and `-word`, which excludes. `AND`, `OR`, `NOT`, `&&`, `||`
//! are dropped; unbalanced quotes, brackets and other operators separate words.
//!
//! Words are cut the way the index cuts them (jieba for Han text, stemmed
//! English for Latin words), then grouped into *units*: a word, or a phrase
//! the synonym table knows. A unit matches through any of its alternatives:
//! the words as typed and their equivalent synonyms, then narrower terms and,
//! for a Chinese compound, its dictionary parts (worth much less), so 数控机床
//! still finds a listing that only says 机床 or 数控系统, below the ones that
//! say 数控机床.
//!
//! A query is built in one of two [`Tier`]s. The strict tier wants every unit,
//! each through its words as typed or an equivalent; the relaxed tier wants
//! any unit through any alternative and scores the sum over units plus a
//! bonus for having them all. The engine runs the strict tier and widens to
//! the relaxed one only when the strict one finds few listings: precise and
//! cheap on a large index, forgiving on a small or unusual query.
//!
//! Field boosts come from `schema.rs`; this module weighs alternatives.

use std::collections::HashSet;

use tantivy::Term;

use crate::analysis::{self, RunKind};
use crate::eval::Node;
use crate::schema::{TextTargets, Weighted};
use crate::synonyms::Synonyms;

/// Longer input is cut here: a search box is not a document.
const MAX_QUERY_CHARS: usize = 256;
/// Units beyond this many are ignored (each costs a clause per field).
const MAX_UNITS: usize = 12;

// How much an alternative counts relative to the words as typed.
const WEIGHT_SYNONYM: f32 = 0.9;
const WEIGHT_NARROWER: f32 = 0.6;
const WEIGHT_PARTS: f32 = 0.3;
const WEIGHT_PART_SYNONYM: f32 = 0.25;
/// DisMax tie breaker between alternatives: the best one counts fully, the
/// others a little (evidence in two languages is worth something).
const ALTERNATIVES_TIE: f32 = 0.2;
/// Bonus for matching every unit of a multi-unit query, relative to one unit.
const ALL_UNITS_BONUS: f32 = 0.5;
/// Bonus for typed words found next to each other, relative to the words alone.
const ADJACENCY_BONUS: f32 = 1.0;

/// Chinese function words that carry no search meaning on their own.
const CHINESE_STOP_WORDS: &[&str] = &[
    "的", "了", "和", "与", "及", "或", "在", "是", "等", "对", "为", "之", "其", "并", "以", "于", "及其", "以及",
    "或者", "和或",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Han,
    Latin,
}

/// A word of a query (or of a synonym entry).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Word {
    /// As searched in Chinese fields: Han text, or a lowercased Latin word.
    pub text: String,
    /// As compared: Han text, or the English stem of a Latin word.
    pub key: String,
    pub script: Script,
}

/// The words of a plain piece of text: jieba words (function words dropped,
/// runs of single characters joined back into one word, since jieba leaves
/// out-of-vocabulary words in pieces) and Latin words (English stop words dropped).
pub fn words_of(text: &str) -> Vec<Word> {
    let mut english = analysis::en_analyzer();
    let mut out = Vec::new();
    for run in analysis::runs(text) {
        let slice = &text[run.start..run.end];
        match run.kind {
            RunKind::Han => {
                let mut loose = String::new();
                for token in analysis::jieba().cut(slice, true) {
                    let word = token.word;
                    let is_stop = CHINESE_STOP_WORDS.contains(&word);
                    if word.chars().count() == 1 && !is_stop {
                        loose.push_str(word);
                        continue;
                    }
                    push_han(&mut out, &mut loose);
                    if !is_stop {
                        out.push(Word {
                            text: word.to_owned(),
                            key: word.to_owned(),
                            script: Script::Han,
                        });
                    }
                }
                push_han(&mut out, &mut loose);
            }
            RunKind::Word => {
                let lower = slice
                    .chars()
                    .map(analysis::fold_width)
                    .collect::<String>()
                    .to_lowercase();
                // A stop word has no stem: it is dropped here as in the index.
                if let Some(key) = analysis::terms(&mut english, &lower).into_iter().next() {
                    out.push(Word {
                        text: lower,
                        key,
                        script: Script::Latin,
                    });
                }
            }
        }
    }
    out
}

fn push_han(out: &mut Vec<Word>, loose: &mut String) {
    if !loose.is_empty() {
        let text = std::mem::take(loose);
        out.push(Word {
            key: text.clone(),
            text,
            script: Script::Han,
        });
    }
}

/// Where an alternative of a unit comes from, which sets its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AltKind {
    /// The words as typed.
    Original,
    /// A quoted phrase: all words, Chinese as an exact substring.
    Exact,
    Synonym,
    Narrower,
    /// Dictionary parts of a Chinese compound (any of them).
    Parts,
    /// A synonym of one of those parts.
    PartSynonym,
}

/// How wide a query casts its net.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// Every unit, through its words as typed or an equivalent synonym.
    Strict,
    /// Any unit, through any alternative; all units earn a bonus.
    Relaxed,
}

impl AltKind {
    fn in_tier(self, tier: Tier) -> bool {
        match tier {
            Tier::Strict => matches!(self, AltKind::Original | AltKind::Exact | AltKind::Synonym),
            Tier::Relaxed => true,
        }
    }

    fn weight(self) -> f32 {
        match self {
            AltKind::Original | AltKind::Exact => 1.0,
            AltKind::Synonym => WEIGHT_SYNONYM,
            AltKind::Narrower => WEIGHT_NARROWER,
            AltKind::Parts => WEIGHT_PARTS,
            AltKind::PartSynonym => WEIGHT_PART_SYNONYM,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alt {
    pub words: Vec<Word>,
    pub kind: AltKind,
}

/// A word or known phrase of the query and every way it may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub alts: Vec<Alt>,
}

impl Unit {
    fn original(words: Vec<Word>, kind: AltKind) -> Self {
        Unit {
            alts: vec![Alt { words, kind }],
        }
    }

    fn push(&mut self, words: Vec<Word>, kind: AltKind) {
        let keys = |ws: &[Word]| ws.iter().map(|w| w.key.clone()).collect::<Vec<_>>();
        let new_keys = keys(&words);
        if !words.is_empty() && !self.alts.iter().any(|a| keys(&a.words) == new_keys) {
            self.alts.push(Alt { words, kind });
        }
    }
}

/// A parsed query: units that score, units that exclude.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub units: Vec<Unit>,
    pub excluded: Vec<Unit>,
}

impl ParsedQuery {
    /// Nothing to search for: browse.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Whether the relaxed tier would match more than the strict one.
    pub fn can_relax(&self) -> bool {
        self.units.len() > 1
            || self
                .units
                .iter()
                .flat_map(|u| &u.alts)
                .any(|a| !a.kind.in_tier(Tier::Strict) || (a.kind == AltKind::Original && a.words.len() > 1))
    }
}

/// One whitespace-delimited (or quoted) piece of the input.
struct Segment {
    text: String,
    quoted: bool,
    negated: bool,
}

fn closing_quote(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    }
}

fn segments(input: &str) -> Vec<Segment> {
    let chars: Vec<char> = input.chars().take(MAX_QUERY_CHARS).collect();
    let closer_at = |i: usize| -> Option<usize> {
        let close = closing_quote(chars[i])?;
        chars[i + 1..]
            .iter()
            .position(|&c| c == close)
            .map(|offset| i + 1 + offset)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        if let Some(end) = closer_at(i) {
            out.push(Segment {
                text: chars[i + 1..end].iter().collect(),
                quoted: true,
                negated: false,
            });
            i = end + 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && !(i > start && closer_at(i).is_some()) {
            i += 1;
        }
        let token: String = chars[start..i].iter().collect();
        if matches!(token.as_str(), "AND" | "OR" | "NOT" | "&&" | "||") {
            continue;
        }
        let negated = token.starts_with(['-', '－']) && token.chars().nth(1).is_some_and(|c| c.is_alphanumeric());
        let text = if negated {
            token.chars().skip(1).collect()
        } else {
            token
        };
        out.push(Segment {
            text,
            quoted: false,
            negated,
        });
    }
    out
}

/// Parses user input; never fails, whatever the input.
pub fn parse(input: &str, synonyms: &Synonyms) -> ParsedQuery {
    let mut parsed = ParsedQuery::default();
    let mut run: Vec<Word> = Vec::new();
    for segment in segments(input) {
        let words = words_of(&segment.text);
        if words.is_empty() {
            continue;
        }
        if segment.negated {
            parsed
                .excluded
                .extend(words.into_iter().map(|w| Unit::original(vec![w], AltKind::Original)));
        } else if segment.quoted {
            parsed.units.extend(expand(std::mem::take(&mut run), synonyms));
            parsed.units.push(Unit::original(words, AltKind::Exact));
        } else {
            run.extend(words);
        }
    }
    parsed.units.extend(expand(run, synonyms));
    parsed.units.truncate(MAX_UNITS);
    parsed.excluded.truncate(MAX_UNITS);
    parsed
}

/// Groups words into units, longest synonym phrase first, and adds the alternatives.
fn expand(words: Vec<Word>, synonyms: &Synonyms) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let longest = synonyms.longest().min(words.len() - i).max(1);
        let (length, expansions) = (1..=longest)
            .rev()
            .find_map(|length| {
                let keys: Vec<&str> = words[i..i + length].iter().map(|w| w.key.as_str()).collect();
                let found = synonyms.lookup(&keys);
                (!found.is_empty()).then_some((length, found))
            })
            .unwrap_or((1, &[]));
        let span = words[i..i + length].to_vec();
        let mut unit = Unit::original(span.clone(), AltKind::Original);
        for expansion in expansions {
            let kind = if expansion.narrower {
                AltKind::Narrower
            } else {
                AltKind::Synonym
            };
            unit.push(expansion.words.clone(), kind);
        }
        if let [word] = span.as_slice()
            && word.script == Script::Han
        {
            add_parts(&mut unit, word, synonyms);
        }
        units.push(unit);
        i += length;
    }
    units
}

/// The dictionary words inside a Chinese compound (two characters or more,
/// the compound itself excluded), and their synonyms.
fn add_parts(unit: &mut Unit, word: &Word, synonyms: &Synonyms) {
    let mut parts: Vec<Word> = Vec::new();
    for part in analysis::dictionary_parts(&word.text) {
        if !parts.iter().any(|p| p.text == part.text) {
            parts.push(Word {
                text: part.text.to_owned(),
                key: part.text.to_owned(),
                script: Script::Han,
            });
        }
    }
    for part in &parts {
        for expansion in synonyms.lookup(&[part.key.as_str()]) {
            unit.push(expansion.words.clone(), AltKind::PartSynonym);
        }
    }
    if !parts.is_empty() {
        // Each part is its own alternative word: any of them matches.
        unit.alts.push(Alt {
            words: parts,
            kind: AltKind::Parts,
        });
    }
}

/// What to highlight in a hit: the terms the query searched for.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    /// Tokens of Chinese-analyzed text (Han words, lowercased Latin words).
    pub zh_terms: HashSet<String>,
    /// Stems of English-analyzed text.
    pub en_terms: HashSet<String>,
    /// Chinese words of two characters or more, marked wherever they occur
    /// (the bigram field matches substrings).
    pub han_substrings: Vec<String>,
}

impl Highlights {
    /// What a query of `tier` searched for.
    pub fn of(parsed: &ParsedQuery, tier: Tier) -> Self {
        let mut out = Highlights::default();
        for alt in parsed
            .units
            .iter()
            .flat_map(|u| &u.alts)
            .filter(|a| a.kind.in_tier(tier))
        {
            for word in &alt.words {
                out.zh_terms.insert(word.text.clone());
                match word.script {
                    Script::Latin => {
                        out.en_terms.insert(word.key.clone());
                    }
                    Script::Han => {
                        if word.text.chars().count() >= 2 && !out.han_substrings.contains(&word.text) {
                            out.han_substrings.push(word.text.clone());
                        }
                    }
                }
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.zh_terms.is_empty() && self.en_terms.is_empty()
    }
}

/// Builds the query tree (see `eval.rs`) over the text fields of one index.
pub(crate) struct QueryBuilder<'a> {
    targets: &'a TextTargets,
}

/// How words must stand next to each other (see [`QueryBuilder::adjacency`]).
#[derive(Debug, Clone, Copy)]
enum Adjacency {
    /// Within one position of each other, read from the fields' positions.
    Phrases,
    /// Each word and the next as one term of the pair fields.
    Pairs,
}

/// Each word and the next as a pair term of `target`, all of them required.
fn pairs(target: Weighted, words: &[Word]) -> Node {
    let pairs = words
        .windows(2)
        .map(|w| term_query(target, &analysis::en_pair(&w[0].key, &w[1].key)))
        .collect();
    Node::all(pairs)
}

fn term_query(target: Weighted, text: &str) -> Node {
    Node::Term(Term::from_field_text(target.field, text)).boosted(target.boost)
}

/// `han` as an exact substring of the bigram field.
fn substring_query(target: Weighted, han: &str) -> Option<Node> {
    let grams = analysis::han_bigrams(han);
    match grams.len() {
        0 => None,
        1 => Some(term_query(target, &grams[0])),
        _ => {
            let terms = grams
                .iter()
                .enumerate()
                .map(|(i, g)| (i, Term::from_field_text(target.field, g)))
                .collect();
            Some(Node::Phrase { terms, slop: 0 }.boosted(target.boost))
        }
    }
}

impl<'a> QueryBuilder<'a> {
    pub fn new(targets: &'a TextTargets) -> Self {
        QueryBuilder { targets }
    }

    /// The whole query in `tier`; `None` when there is no text (everything matches).
    pub fn build(&self, parsed: &ParsedQuery, tier: Tier) -> Option<Node> {
        let mut units: Vec<Node> = parsed.units.iter().map(|u| self.unit(u, tier)).collect();
        let text = match (units.len(), tier) {
            (0, _) => return None,
            (1, _) => units.remove(0),
            (_, Tier::Strict) => Node::all(units),
            (_, Tier::Relaxed) => {
                let bonus = Node::all(units.clone()).boosted(ALL_UNITS_BONUS);
                units.push(bonus);
                Node::any(units)
            }
        };
        let must_not: Vec<Node> = parsed.excluded.iter().map(|u| self.unit(u, Tier::Strict)).collect();
        if must_not.is_empty() {
            return Some(text);
        }
        Some(Node::Bool {
            must: vec![text],
            should: Vec::new(),
            must_not,
        })
    }

    /// The typed words (and equivalents) on the context fields, each term
    /// once with its field's boost: a score bonus for documents the query
    /// matched, computed from their sectors (see `context.rs`), not a clause.
    pub fn context_terms(&self, parsed: &ParsedQuery) -> Vec<(Term, f32)> {
        let mut terms: Vec<(Term, f32)> = Vec::new();
        let words = parsed
            .units
            .iter()
            .flat_map(|u| &u.alts)
            .filter(|a| a.kind.in_tier(Tier::Strict));
        // Each term once: `chemicals` and `chemical industry` are both `chemic`.
        let mut seen = HashSet::new();
        let mut add = |target: Weighted, text: &str| {
            let term = Term::from_field_text(target.field, text);
            if seen.insert(term.clone()) {
                terms.push((term, target.boost));
            }
        };
        for word in words.flat_map(|a| &a.words) {
            add(self.targets.context_zh, &word.text);
            if word.script == Script::Latin {
                add(self.targets.context_en, &word.key);
            }
        }
        terms
    }

    fn unit(&self, unit: &Unit, tier: Tier) -> Node {
        let mut alts: Vec<Node> = unit
            .alts
            .iter()
            .filter(|a| a.kind.in_tier(tier))
            .map(|a| self.alt(a, tier).boosted(a.kind.weight()))
            .collect();
        if alts.len() == 1 {
            return alts.remove(0);
        }
        Node::DisMax {
            alts,
            tie: ALTERNATIVES_TIE,
        }
    }

    fn alt(&self, alt: &Alt, tier: Tier) -> Node {
        if let Some(pairs) = self.phrase_pairs(alt) {
            return pairs;
        }
        let mut words: Vec<Node> = alt.words.iter().map(|w| self.word(w)).collect();
        if words.len() == 1 {
            return words.remove(0);
        }
        if alt.kind == AltKind::Parts {
            // Each part is its own alternative: any of them, more is better.
            return Node::any(words);
        }
        // Typed words: all of them when strict, any when relaxed. A synonym
        // phrase always means all of its words.
        let all_words = !matches!((alt.kind, tier), (AltKind::Original, Tier::Relaxed));
        // Words found next to each other earn a bonus when the user typed
        // them (or must, when quoted). A synonym phrase is its word pairs
        // where the index has them (`phrase_pairs`, above); elsewhere its
        // words are all required, with no adjacency (reading positions for
        // it was a seventh of the search time, for the same dev set means).
        // Quoted words must stand together (`Adjacency::Phrases`); typed ones
        // earn the bonus in the short fields' word pairs (`TextTargets::en_pairs`).
        let adjacent = match alt.kind {
            AltKind::Original => self
                .adjacency(&alt.words, Adjacency::Pairs)
                .map(|a| a.boosted(ADJACENCY_BONUS)),
            AltKind::Exact => self
                .adjacency(&alt.words, Adjacency::Phrases)
                .map(|a| a.boosted(ADJACENCY_BONUS)),
            _ => None,
        };
        let (mut must, mut should) = if all_words {
            (words, Vec::new())
        } else {
            (Vec::new(), words)
        };
        if let Some(adjacent) = adjacent {
            if alt.kind == AltKind::Exact {
                must.push(adjacent);
            } else {
                should.push(adjacent);
            }
        }
        Node::Bool {
            must,
            should,
            must_not: Vec::new(),
        }
    }

    /// The words next to each other: English words as phrases (as the word
    /// pairs of `targets.phrase_pairs`, else as phrases in any of
    /// `targets.en`) or as word pairs in one of `targets.en_pairs`; Chinese
    /// ones as a substring.
    fn adjacency(&self, words: &[Word], how: Adjacency) -> Option<Node> {
        if words.len() < 2 {
            return None;
        }
        if words.iter().all(|w| w.script == Script::Han) {
            let joined: String = words.iter().map(|w| w.text.as_str()).collect();
            return substring_query(self.targets.bigram, &joined);
        }
        if words.iter().all(|w| w.script == Script::Latin) {
            if let (Adjacency::Phrases, Some(target)) = (how, self.targets.phrase_pairs) {
                return Some(pairs(target, words));
            }
            let per_field: Vec<Node> = match how {
                Adjacency::Phrases => self
                    .targets
                    .en
                    .iter()
                    .map(|target| {
                        let terms: Vec<(usize, Term)> = words
                            .iter()
                            .enumerate()
                            .map(|(i, w)| (i, Term::from_field_text(target.field, &w.key)))
                            .collect();
                        Node::Phrase { terms, slop: 1 }.boosted(target.boost)
                    })
                    .collect(),
                Adjacency::Pairs => self
                    .targets
                    .en_pairs
                    .iter()
                    .map(|target| pairs(*target, words))
                    .collect(),
            };
            return Some(Node::any(per_field));
        }
        None
    }

    /// A synonym phrase of English words (`energy storage` for 储能) as
    /// its word pairs, every one required, when the index has a field of
    /// them: a phrase means its words together, and a pair is one short
    /// posting list, where its words one by one were two long ones to
    /// intersect (most of the evaluation of 储能 or 冷链物流 at 1M listings).
    fn phrase_pairs(&self, alt: &Alt) -> Option<Node> {
        let target = self.targets.phrase_pairs?;
        let synonym = matches!(alt.kind, AltKind::Synonym | AltKind::Narrower | AltKind::PartSynonym);
        if !synonym || alt.words.len() < 2 || alt.words.iter().any(|w| w.script != Script::Latin) {
            return None;
        }
        Some(pairs(target, &alt.words))
    }

    fn word(&self, word: &Word) -> Node {
        let mut clauses: Vec<Node> = self.targets.zh.iter().map(|t| term_query(*t, &word.text)).collect();
        match word.script {
            // A dictionary word is indexed wherever jieba saw it, whole or
            // inside a longer word; anything else (a name, a word jieba does
            // not know) is looked for as a substring.
            Script::Han if !analysis::jieba().has_word(&word.text) => {
                clauses.extend(substring_query(self.targets.bigram, &word.text));
            }
            Script::Han => {}
            Script::Latin => clauses.extend(self.targets.en_words.iter().map(|t| term_query(*t, &word.key))),
        }
        Node::any(clauses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(unit: &Unit) -> Vec<(AltKind, String)> {
        unit.alts
            .iter()
            .map(|a| {
                (
                    a.kind,
                    a.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "),
                )
            })
            .collect()
    }

    #[test]
    fn chinese_is_cut_and_compounds_keep_their_parts() {
        let parsed = parse("数控机床", Synonyms::builtin());
        assert_eq!(parsed.units.len(), 1);
        let alts = texts(&parsed.units[0]);
        assert_eq!(alts[0], (AltKind::Original, "数控机床".to_owned()));
        assert!(alts.contains(&(AltKind::Parts, "数控 机床".to_owned())), "{alts:?}");
    }

    #[test]
    fn english_phrases_find_their_chinese_synonyms() {
        let parsed = parse("Cold chain", Synonyms::builtin());
        assert_eq!(parsed.units.len(), 1, "{parsed:?}");
        let alts = texts(&parsed.units[0]);
        assert!(alts.contains(&(AltKind::Synonym, "冷链".to_owned())), "{alts:?}");
    }

    #[test]
    fn syntax_is_read_leniently() {
        let parsed = parse("\"冷链 AND (", Synonyms::builtin());
        assert_eq!(parsed.units.len(), 1, "{parsed:?}");
        assert_eq!(parsed.units[0].alts[0].words[0].text, "冷链");
        let parsed = parse("储能 -氢能 \"液流电池\"", Synonyms::builtin());
        assert_eq!(parsed.excluded.len(), 1);
        assert_eq!(parsed.units.last().map(|u| u.alts[0].kind), Some(AltKind::Exact));
        assert!(parse("  ( ) AND || \" ", Synonyms::builtin()).is_empty());
    }

    #[test]
    fn stop_words_are_dropped_and_loose_characters_joined() {
        let words: Vec<String> = words_of("冷链和仓储 the ports").into_iter().map(|w| w.text).collect();
        assert_eq!(words, vec!["冷链", "仓储", "ports"]);
    }

    /// The phrases of a query tree.
    fn phrases(node: &Node) -> usize {
        match node {
            Node::Term(_) => 0,
            Node::Phrase { .. } => 1,
            Node::Boost(inner, _) => phrases(inner),
            Node::DisMax { alts, .. } => alts.iter().map(phrases).sum(),
            Node::Bool { must, should, must_not } => must.iter().chain(should).chain(must_not).map(phrases).sum(),
        }
    }

    #[test]
    fn only_typed_words_earn_the_adjacency_bonus() {
        let fields = crate::schema::ListingFields::new();
        let targets = fields.targets();
        let builder = QueryBuilder::new(&targets);
        let tree = |q: &str| builder.build(&parse(q, Synonyms::builtin()), Tier::Strict);
        // Typed English words: their pair, a term of each short English
        // field's pairs (titles, names), and no positions to read; quoted
        // ones must stand together: their pair, in all the English text.
        let typed = tree("cold chains").unwrap_or_else(|| panic!("a query"));
        assert_eq!(phrases(&typed), 0, "{typed:?}");
        let pair = |field| Term::from_field_text(field, "cold chain");
        let mut terms = Vec::new();
        term_list(&typed, &mut terms);
        assert!(terms.contains(&pair(fields.title_en_pairs)) && terms.contains(&pair(fields.org_name_en_pairs)));
        assert!(!terms.contains(&pair(fields.all_en_pairs)));
        let quoted = tree("\"cold chain\"").unwrap_or_else(|| panic!("a query"));
        assert_eq!(phrases(&quoted), 0, "{quoted:?}");
        let mut terms = Vec::new();
        term_list(&quoted, &mut terms);
        assert!(terms.contains(&pair(fields.all_en_pairs)), "{terms:?}");
        // 冷链物流's synonym, cold-chain logistics, is its pairs in all the
        // English text (see `a_synonym_phrase_is_its_word_pairs`): no
        // positions, and not the short fields' pairs of the typed bonus.
        let synonym = tree("冷链物流").unwrap_or_else(|| panic!("a query"));
        assert_eq!(phrases(&synonym), 0, "{synonym:?}");
        let mut terms = Vec::new();
        term_list(&synonym, &mut terms);
        assert!(terms.iter().all(|t| t.field() != fields.title_en_pairs), "{terms:?}");
    }

    fn term_list(node: &Node, out: &mut Vec<Term>) {
        match node {
            Node::Term(term) => out.push(term.clone()),
            Node::Phrase { terms, .. } => out.extend(terms.iter().map(|(_, t)| t.clone())),
            Node::Boost(inner, _) => term_list(inner, out),
            Node::DisMax { alts, .. } => alts.iter().for_each(|n| term_list(n, out)),
            Node::Bool { must, should, must_not } => {
                must.iter()
                    .chain(should)
                    .chain(must_not)
                    .for_each(|n| term_list(n, out));
            }
        }
    }

    fn term_fields(node: &Node, out: &mut Vec<tantivy::schema::Field>) {
        let mut terms = Vec::new();
        term_list(node, &mut terms);
        out.extend(terms.iter().map(Term::field));
    }

    #[test]
    fn context_terms_are_each_named_once() {
        let fields = crate::schema::ListingFields::new();
        let targets = fields.targets();
        let builder = QueryBuilder::new(&targets);
        let parsed = parse("化工", Synonyms::builtin());
        let context: Vec<Term> = builder.context_terms(&parsed).into_iter().map(|(t, _)| t).collect();
        // `chemicals` and `chemical industry` both stem to `chemic`: one term.
        let chemic = Term::from_field_text(fields.sector_names_en, "chemic");
        assert_eq!(context.iter().filter(|t| **t == chemic).count(), 1, "{context:?}");
        assert!(context.contains(&Term::from_field_text(fields.sector_names, "化工")));
        let distinct: HashSet<&Term> = context.iter().collect();
        assert_eq!(distinct.len(), context.len(), "{context:?}");
        // They are not clauses of the tree.
        for tier in [Tier::Strict, Tier::Relaxed] {
            let tree = builder.build(&parsed, tier).unwrap_or_else(|| panic!("a query"));
            let mut fields = Vec::new();
            term_fields(&tree, &mut fields);
            assert!(!fields.is_empty());
            assert!(!fields.contains(&targets.context_zh.field) && !fields.contains(&targets.context_en.field));
        }
    }

    #[test]
    fn a_listing_word_is_one_lookup_per_language() {
        let fields = crate::schema::ListingFields::new();
        let targets = fields.targets();
        let builder = QueryBuilder::new(&targets);
        // 液流电池 (and its synonym, flow battery, as a word pair) and an
        // English word are looked up in the combined fields, never field by field.
        let combined = [fields.all_zh, fields.all_en, fields.all_en_pairs];
        for (query, field) in [("液流电池", fields.all_zh), ("battery", fields.all_en)] {
            let tree = builder.build(&parse(query, Synonyms::builtin()), Tier::Strict);
            let mut found = Vec::new();
            term_fields(&tree.unwrap_or_else(|| panic!("a query")), &mut found);
            assert!(found.contains(&field), "{query}: {found:?}");
            assert!(found.iter().all(|f| combined.contains(f)), "{query}: {found:?}");
        }
    }

    #[test]
    fn a_synonym_phrase_is_its_word_pairs() {
        let fields = crate::schema::ListingFields::new();
        let targets = fields.targets();
        let builder = QueryBuilder::new(&targets);
        let terms_of = |query: &str| {
            let tree = builder.build(&parse(query, Synonyms::builtin()), Tier::Strict);
            let mut terms = Vec::new();
            term_list(&tree.unwrap_or_else(|| panic!("a query")), &mut terms);
            terms
        };
        let pair = |text: &str| Term::from_field_text(fields.all_en_pairs, text);
        let word = |text: &str| Term::from_field_text(fields.all_en, text);
        // 储能's synonym: one pair, not its two words.
        let terms = terms_of("储能");
        assert!(terms.contains(&pair("energi storag")), "{terms:?}");
        assert!(
            !terms.contains(&word("energi")) && !terms.contains(&word("storag")),
            "{terms:?}"
        );
        // Three words: both of their pairs.
        let terms = terms_of("冷链物流");
        assert!(
            terms.contains(&pair("cold chain")) && terms.contains(&pair("chain logist")),
            "{terms:?}"
        );
        // Typed words stay words (the pairs only add a bonus, in the short fields).
        let terms = terms_of("energy storage");
        assert!(
            terms.contains(&word("energi")) && terms.contains(&word("storag")),
            "{terms:?}"
        );
        assert!(!terms.contains(&pair("energi storag")), "{terms:?}");
        // Organizations have no pair field: the phrase's words, all required.
        let org_targets = crate::schema::OrgFields::new().targets();
        let tree = QueryBuilder::new(&org_targets).build(&parse("储能", Synonyms::builtin()), Tier::Strict);
        let mut terms = Vec::new();
        term_list(&tree.unwrap_or_else(|| panic!("a query")), &mut terms);
        assert!(terms.iter().any(|t| t.value().as_str() == Some("energi")), "{terms:?}");
    }

    proptest! {
        #[test]
        fn any_input_parses_and_builds(input in ".{0,120}") {
            let parsed = parse(&input, Synonyms::builtin());
            let fields = crate::schema::ListingFields::new();
            let targets = fields.targets();
            for tier in [Tier::Strict, Tier::Relaxed] {
                let _query = QueryBuilder::new(&targets).build(&parsed, tier);
                let _highlights = Highlights::of(&parsed, tier);
            }
        }

        #[test]
        fn operator_soup_parses(input in "[\"“”「」()\\[\\]{}+\\-*:^~!&|冷链物流储能 ANDORNOTabc]{0,40}") {
            let parsed = parse(&input, Synonyms::builtin());
            prop_assert!(parsed.units.len() <= MAX_UNITS);
        }
    }
}
