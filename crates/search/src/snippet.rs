//! Highlighted snippets that are safe to render: the stored text is
//! HTML-escaped and the only markup added is `<mark>…</mark>` around what the
//! query matched, so a listing that says `<script>` shows `&lt;script&gt;`.
//!
//! Matches are found the way the index found them: English text is analyzed
//! with the field's analyzer and tokens equal to a query term are marked;
//! Chinese words of two characters or more are marked wherever they occur
//! (the bigram field finds them there too), a one-character word only where
//! jieba cuts it out. Only the first [`SCAN_BYTES`] of a long text are
//! analyzed (substring marks cover the rest), which bounds the cost per hit.

use std::cell::RefCell;
use std::collections::HashSet;

use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::{self, RunKind};
use crate::query::Highlights;

/// How much of a text is tokenized to find matches.
const SCAN_BYTES: usize = 6_000;
/// Characters of context kept before the first match of a snippet.
const LEAD_CHARS: usize = 16;
/// Length of a snippet, in characters.
pub(crate) const SNIPPET_CHARS: usize = 120;

/// Which analyzer reads a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Zh,
    En,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// A marked-up piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marked {
    pub html: String,
    /// The distinct matched strings (lowercased), in order of appearance.
    pub matched: Vec<String>,
}

pub(crate) struct Highlighter<'a> {
    highlights: &'a Highlights,
    zh: TextAnalyzer,
    en: TextAnalyzer,
}

thread_local! {
    /// This thread's English analyzer for highlighting, kept from search to
    /// search so that it remembers the stems of the words it has seen: a
    /// page of hits has a few hundred English words, and running the Snowball
    /// stemmer on each was most of the cost of marking them.
    static EN_ANALYZER: RefCell<Option<TextAnalyzer>> = const { RefCell::new(None) };
}

impl<'a> Highlighter<'a> {
    pub fn new(highlights: &'a Highlights) -> Self {
        let en = EN_ANALYZER
            .with(|kept| kept.borrow_mut().take())
            .unwrap_or_else(analysis::en_remembering_analyzer);
        Highlighter {
            highlights,
            zh: analysis::zh_analyzer(),
            en,
        }
    }

    /// Byte ranges of the matches in `text`, sorted and merged.
    fn ranges(&mut self, text: &str, lang: Lang) -> Vec<(usize, usize)> {
        if self.highlights.is_empty() || text.is_empty() {
            return Vec::new();
        }
        let scanned = &text[..text.floor_char_boundary(SCAN_BYTES)];
        let (analyzer, terms) = match lang {
            Lang::Zh => (&mut self.zh, &self.highlights.zh_terms),
            Lang::En => (&mut self.en, &self.highlights.en_terms),
        };
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        match lang {
            // Han words of two characters or more are marked below wherever
            // they occur. Jieba (most of the cost of a page of hits) only runs
            // on a Han run holding a searched one-character word, which is a
            // match only where jieba cuts it out; runs of letters and digits
            // are compared as tokens. Chinese tokens never span two runs.
            Lang::Zh => {
                for run in analysis::runs(scanned) {
                    let slice = &scanned[run.start..run.end];
                    let tokenize = run.kind == RunKind::Word
                        || terms
                            .iter()
                            .any(|t| t.chars().nth(1).is_none() && slice.contains(t.as_str()));
                    if tokenize {
                        ranges.extend(token_marks(analyzer, slice, run.start, terms));
                    }
                }
            }
            Lang::En => ranges.extend(token_marks(analyzer, scanned, 0, terms)),
        }
        for han in &self.highlights.han_substrings {
            ranges.extend(text.match_indices(han.as_str()).map(|(i, m)| (i, i + m.len())));
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (from, to) in ranges {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        merged
    }

    /// The whole text, marked (for titles).
    pub fn mark_all(&mut self, text: &str, lang: Lang) -> Marked {
        let ranges = self.ranges(text, lang);
        render(text, 0, text.len(), &ranges)
    }

    /// The best window of about [`SNIPPET_CHARS`] characters around matches,
    /// or `None` when nothing in `text` matches.
    pub fn snippet(&mut self, text: &str, lang: Lang) -> Option<Marked> {
        let ranges = self.ranges(text, lang);
        if ranges.is_empty() {
            return None;
        }
        let (from, to) = best_window(text, &ranges);
        Some(render(text, from, to, &ranges))
    }
}

impl Drop for Highlighter<'_> {
    fn drop(&mut self) {
        let en = std::mem::take(&mut self.en);
        EN_ANALYZER.with(|kept| *kept.borrow_mut() = Some(en));
    }
}

/// Byte ranges (offset by `base`) of the tokens of `text` that are searched terms.
fn token_marks(analyzer: &mut TextAnalyzer, text: &str, base: usize, terms: &HashSet<String>) -> Vec<(usize, usize)> {
    analysis::analyze(analyzer, text)
        .into_iter()
        .filter(|t| terms.contains(&t.text))
        .map(|t| (base + t.offset_from, base + t.offset_to))
        .collect()
}

/// The beginning of `text`, escaped, for hits with nothing to mark.
pub(crate) fn plain_start(text: &str) -> String {
    let end = text.char_indices().nth(SNIPPET_CHARS).map_or(text.len(), |(i, _)| i);
    render(text, 0, end, &[]).html
}

/// The window (byte range) that shows the most distinct matches, then the most matches.
fn best_window(text: &str, ranges: &[(usize, usize)]) -> (usize, usize) {
    let char_starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let char_of = |byte: usize| char_starts.partition_point(|&b| b < byte);
    let chars = char_starts.len() - 1;
    let mut best: Option<((usize, usize), (usize, usize))> = None;
    for &(start, _) in ranges {
        let first = char_of(start).saturating_sub(LEAD_CHARS);
        let last = (first + SNIPPET_CHARS).min(chars);
        let first = last.saturating_sub(SNIPPET_CHARS).min(first);
        let (from, to) = (char_starts[first], char_starts[last]);
        let inside: Vec<&str> = ranges
            .iter()
            .filter(|(s, e)| *s >= from && *e <= to)
            .map(|(s, e)| &text[*s..*e])
            .collect();
        let mut distinct: Vec<String> = inside.iter().map(|m| m.to_lowercase()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let rank = (distinct.len(), inside.len());
        if best.is_none_or(|(best_rank, _)| rank > best_rank) {
            best = Some((rank, (from, to)));
        }
    }
    best.map_or((0, text.len()), |(_, window)| window)
}

/// `text[from..to]` escaped, with the parts of `ranges` inside it marked.
fn render(text: &str, from: usize, to: usize, ranges: &[(usize, usize)]) -> Marked {
    let mut html = String::with_capacity(to - from + 32);
    let mut matched: Vec<String> = Vec::new();
    if from > 0 {
        html.push('…');
    }
    let mut cursor = from;
    for &(start, end) in ranges {
        let (start, end) = (start.max(from), end.min(to));
        if start >= end || start < cursor {
            continue;
        }
        escape_html(&text[cursor..start], &mut html);
        html.push_str("<mark>");
        escape_html(&text[start..end], &mut html);
        html.push_str("</mark>");
        let word = text[start..end].to_lowercase();
        if !matched.contains(&word) {
            matched.push(word);
        }
        cursor = end;
    }
    escape_html(&text[cursor..to], &mut html);
    if to < text.len() {
        html.push('…');
    }
    Marked { html, matched }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Tier, parse};
    use crate::synonyms::Synonyms;

    fn marked(query: &str, text: &str) -> Marked {
        let highlights = Highlights::of(&parse(query, Synonyms::builtin()), Tier::Relaxed);
        Highlighter::new(&highlights).mark_all(text, Lang::Zh)
    }

    #[test]
    fn only_marks_are_raw_html() {
        let out = marked("冷链", "<script>alert('冷链')</script> & 冷链物流");
        assert_eq!(
            out.html,
            "&lt;script&gt;alert(&#39;<mark>冷链</mark>&#39;)&lt;/script&gt; &amp; <mark>冷链</mark>物流"
        );
        let stripped = out.html.replace("<mark>", "").replace("</mark>", "");
        assert!(!stripped.contains('<') && !stripped.contains('>'));
    }

    #[test]
    fn a_one_character_word_is_marked_only_where_jieba_cuts_it_out() {
        assert_eq!(marked("港", "港口物流").html, "港口物流");
        assert_eq!(marked("冷链 港", "冷链物流").html, "<mark>冷链</mark>物流");
    }

    #[test]
    fn english_marks_whole_words_by_stem() {
        let highlights = Highlights::of(&parse("flow battery", Synonyms::builtin()), Tier::Relaxed);
        let out = Highlighter::new(&highlights).mark_all("Vanadium Flow Batteries", Lang::En);
        assert_eq!(out.html, "Vanadium <mark>Flow</mark> <mark>Batteries</mark>");
    }

    #[test]
    fn a_thread_keeps_its_english_analyzer_from_page_to_page() {
        let highlights = Highlights::of(&parse("flow battery", Synonyms::builtin()), Tier::Relaxed);
        let text = "Flow batteries: a battery that flows";
        let first = Highlighter::new(&highlights).mark_all(text, Lang::En);
        // Dropped, the highlighter gave its analyzer (and the stems it
        // learned) back to the thread; the next one takes it.
        assert!(EN_ANALYZER.with(|kept| kept.borrow().is_some()));
        let mut second = Highlighter::new(&highlights);
        assert!(EN_ANALYZER.with(|kept| kept.borrow().is_none()));
        assert_eq!(second.mark_all(text, Lang::En), first);
        assert_eq!(
            first.html,
            "<mark>Flow</mark> <mark>batteries</mark>: a <mark>battery</mark> that <mark>flows</mark>"
        );
    }

    #[test]
    fn snippets_center_on_matches() {
        let text = format!("{}全钒液流电池储能系统{}", "前".repeat(300), "后".repeat(300));
        let highlights = Highlights::of(&parse("液流电池", Synonyms::builtin()), Tier::Relaxed);
        let out = Highlighter::new(&highlights)
            .snippet(&text, Lang::Zh)
            .unwrap_or_else(|| panic!("no snippet"));
        assert!(out.html.starts_with('…') && out.html.ends_with('…'));
        assert!(out.html.contains("<mark>液流电池</mark>"), "{}", out.html);
        assert!(out.html.chars().count() < SNIPPET_CHARS + 40);
    }
}
