//! Readable reasons for a match, in Chinese and English, built from the
//! records' own fields: amounts in 万元/亿元 and CNY million, sector names from
//! the taxonomy, region names, modes, and the keywords both listings share.
//!
//! Reasons come in the order of what the factor contributed; caveats (an
//! amount outside the ticket, a region the query did not name) come last,
//! marked 注意 / Note.

use hulian_domain::ListingType;

use crate::config::MatchContext;
use crate::factors::mode_compatibility;
use crate::profile::{Amount, AmountRole, MatchProfile, RegionSet};
use crate::rules::Admission;
use crate::score::{CheapValues, CostlyValues, Factor, FactorName, Reason};
use crate::sector::{overlap, sub_at};
use crate::text::{Piece, TermStats, TextVector, pieces};
use hulian_domain::taxonomy::SECTORS;

/// Everything the reasons are drawn from.
pub(crate) struct Pair<'a> {
    pub query: &'a MatchProfile,
    pub candidate: &'a MatchProfile,
    pub admission: Admission,
    pub cheap: &'a CheapValues,
    pub costly: &'a CostlyValues,
    pub factors: &'a [Factor],
    pub ctx: &'a MatchContext<'a>,
    pub now: i64,
}

/// Below this a text similarity is not worth a sentence of its own.
const TEXT_WORTH_SAYING: f64 = 0.05;
/// Keywords named in the text reason.
const MAX_KEYWORDS: usize = 4;
/// A keyword must be rare enough to say something: at most one listing in
/// `KEYWORD_RARITY` holds it (合作 and 项目 do not pass), or two in a tiny corpus.
const KEYWORD_RARITY: u64 = 8;
/// Updates younger than this many days are mentioned.
const RECENT_DAYS: i64 = 30;

fn trim_decimal(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_owned()
}

/// An amount of yuan the way Chinese readers write it: 5000万, 3亿, 1.5亿, 800.
pub fn zh_yuan(yuan: i64) -> String {
    let value = yuan as f64;
    if yuan >= 100_000_000 {
        format!("{}亿", trim_decimal(value / 1e8))
    } else if yuan >= 10_000 {
        format!("{}万", trim_decimal(value / 1e4))
    } else {
        yuan.to_string()
    }
}

/// A range in Chinese: 「5000万–3亿元」, 「2亿元」, 「3亿元以上」, 「8000万元以内」.
pub fn zh_range(amount: Amount) -> String {
    if amount.min == amount.max {
        format!("{}元", zh_yuan(amount.min))
    } else if amount.is_open() {
        format!("{}元以上", zh_yuan(amount.min))
    } else if amount.min == 0 {
        format!("{}元以内", zh_yuan(amount.max))
    } else {
        format!("{}–{}元", zh_yuan(amount.min), zh_yuan(amount.max))
    }
}

/// Millions of yuan with thousands separators: 50, 1,200, 0.5.
pub fn en_millions(yuan: i64) -> String {
    let text = trim_decimal(yuan as f64 / 1e6);
    let (whole, fraction) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

/// A range in English: "CNY 50–300 million", "CNY 200 million", "at least CNY 300 million".
pub fn en_range(amount: Amount) -> String {
    if amount.min == amount.max {
        format!("CNY {} million", en_millions(amount.min))
    } else if amount.is_open() {
        format!("at least CNY {} million", en_millions(amount.min))
    } else if amount.min == 0 {
        format!("up to CNY {} million", en_millions(amount.max))
    } else {
        format!("CNY {}–{} million", en_millions(amount.min), en_millions(amount.max))
    }
}

/// What a listing's amount is called.
fn amount_noun(listing_type: ListingType) -> (&'static str, &'static str) {
    match listing_type {
        ListingType::FundMandate => ("基金单笔投资", "the fund's ticket"),
        ListingType::Offer => ("可提供规模", "the offered range"),
        ListingType::ParkSpace => ("园区承接投资规模", "the park's intake"),
        ListingType::Project => ("项目规模", "the project size"),
        ListingType::Need => ("需求金额", "the budget"),
        ListingType::Technology => ("技术交易金额", "the technology's price"),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sector_names(tops: &[usize]) -> (String, String) {
    let zh: Vec<&str> = tops.iter().filter_map(|&t| SECTORS.get(t).map(|s| s.zh)).collect();
    let en: Vec<&str> = tops.iter().filter_map(|&t| SECTORS.get(t).map(|s| s.en)).collect();
    (zh.join("、"), en.join("; "))
}

fn region_list(set: RegionSet) -> (String, String) {
    let regions = set.regions();
    let zh: Vec<&str> = regions.iter().map(|r| r.zh()).collect();
    let en: Vec<&str> = regions.iter().map(|r| r.en()).collect();
    (zh.join("、"), en.join(", "))
}

struct Draft {
    factor: FactorName,
    contribution: f64,
    caveat: bool,
    zh: String,
    en: String,
}

pub(crate) fn reasons(pair: &Pair<'_>) -> Vec<Reason> {
    let contribution = |name: FactorName| {
        pair.factors
            .iter()
            .find(|f| f.name == name)
            .map_or(0.0, |f| f.contribution)
    };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut say = |factor: FactorName, caveat: bool, zh: String, en: String| {
        drafts.push(Draft {
            factor,
            contribution: contribution(factor),
            caveat,
            zh,
            en,
        });
    };
    let q = pair.query;
    let c = pair.candidate;

    // text: the keywords both listings share
    if pair.costly.text >= TEXT_WORTH_SAYING {
        let keywords = pair
            .ctx
            .terms
            .map(|stats| shared_keywords(q, c, stats))
            .unwrap_or_default();
        if keywords.is_empty() {
            let value = trim_decimal(pair.costly.text);
            say(
                FactorName::Text,
                false,
                format!("内容相近（文本相似度 {value}）"),
                format!("Similar content (text similarity {value})"),
            );
        } else {
            say(
                FactorName::Text,
                false,
                format!("内容相关：{}", keywords.join("、")),
                format!("Shared key terms: {}", keywords.join(", ")),
            );
        }
    }

    // sector
    let shared = overlap(q.core.sectors, c.core.sectors);
    if !shared.subs.is_empty() {
        let names: Vec<(&str, &str)> = shared
            .subs
            .iter()
            .filter_map(|&s| sub_at(s))
            .map(|(_, zh, en)| (zh, en))
            .collect();
        let zh: Vec<&str> = names.iter().map(|n| n.0).collect();
        let en: Vec<&str> = names.iter().map(|n| n.1).collect();
        say(
            FactorName::Sector,
            false,
            format!("同属{}领域", zh.join("、")),
            format!("Both in {}", en.join("; ")),
        );
    } else if !shared.tops.is_empty() {
        let (zh, en) = sector_names(&shared.tops);
        say(
            FactorName::Sector,
            false,
            format!("同属{zh}行业"),
            format!("Both in {en}"),
        );
    } else if let Some((a, b, _)) = shared.related {
        let (a_zh, a_en) = sector_names(&[a]);
        let (b_zh, b_en) = sector_names(&[b]);
        say(
            FactorName::Sector,
            false,
            format!("行业相关：{a_zh} ↔ {b_zh}"),
            format!("Related sectors: {a_en} ↔ {b_en}"),
        );
    }

    // amount
    if let (Some(qa), Some(ca), Some(value)) = (q.core.amount, c.core.amount, pair.cheap.amount) {
        let (zh, en, caveat) = amount_sentence((q.core.listing_type, qa), (c.core.listing_type, ca), value);
        say(FactorName::Amount, caveat, zh, en);
    }

    // modes
    if pair.cheap.modes.is_some_and(|m| m.value() > 0.0) {
        let (zh, en) = mode_sentence(q, c);
        if !zh.is_empty() {
            say(
                FactorName::Mode,
                false,
                format!("合作方式契合：{zh}"),
                format!("Cooperation modes fit: {en}"),
            );
        }
    }

    // region
    let (zh, en, caveat) = region_sentence(pair);
    say(FactorName::Region, caveat, zh, en);

    // complementarity
    let (qt, ct) = (q.core.listing_type, c.core.listing_type);
    say(
        FactorName::Complementarity,
        false,
        format!("类型互补：{} ↔ {}", qt.zh(), ct.zh()),
        format!("Complementary types: {} ↔ {}", qt.en(), ct.en()),
    );

    // freshness
    let age_days = (pair.now - c.core.updated_at).max(0) / 86_400;
    if age_days < RECENT_DAYS {
        if age_days == 0 {
            say(
                FactorName::Freshness,
                false,
                "今日更新".to_owned(),
                "Updated today".to_owned(),
            );
        } else {
            say(
                FactorName::Freshness,
                false,
                format!("近期更新（{age_days}天前）"),
                format!("Updated {age_days} day{} ago", if age_days == 1 { "" } else { "s" }),
            );
        }
    }

    // verification
    if c.core.verified {
        say(
            FactorName::Verification,
            false,
            "对方机构已通过平台认证".to_owned(),
            "The organization is verified".to_owned(),
        );
    }

    drafts.sort_by(|a, b| a.caveat.cmp(&b.caveat).then(b.contribution.total_cmp(&a.contribution)));
    drafts
        .into_iter()
        .map(|d| Reason {
            factor: d.factor,
            zh: d.zh,
            en: d.en,
        })
        .collect()
}

fn amount_sentence(
    query: (ListingType, Amount),
    candidate: (ListingType, Amount),
    value: f64,
) -> (String, String, bool) {
    let roles = (AmountRole::of(query.0), AmountRole::of(candidate.0));
    let (accepts, brings) = match roles {
        (AmountRole::Accepts, AmountRole::Brings) => (query, candidate),
        (AmountRole::Brings, AmountRole::Accepts) => (candidate, query),
        _ => {
            let (q_zh, q_en) = amount_noun(query.0);
            let (c_zh, c_en) = amount_noun(candidate.0);
            let (qr_zh, qr_en, cr_zh, cr_en) = (
                zh_range(query.1),
                en_range(query.1),
                zh_range(candidate.1),
                en_range(candidate.1),
            );
            return if value >= 1.0 {
                (
                    format!("{q_zh} {qr_zh}，与对方{c_zh} {cr_zh} 相符"),
                    format!("{} of {qr_en} matches {c_en} of {cr_en}", capitalize(q_en)),
                    false,
                )
            } else if value > 0.3 {
                (
                    format!("{q_zh} {qr_zh} 与对方{c_zh} {cr_zh} 部分重叠"),
                    format!("{} of {qr_en} partly overlaps {c_en} of {cr_en}", capitalize(q_en)),
                    false,
                )
            } else {
                (
                    format!("注意：{q_zh} {qr_zh} 与对方{c_zh} {cr_zh} 相差较大"),
                    format!("Note: {q_en} of {qr_en} is far from {c_en} of {cr_en}"),
                    true,
                )
            };
        }
    };
    let (a_zh, a_en) = amount_noun(accepts.0);
    let (b_zh, b_en) = amount_noun(brings.0);
    let (range, size) = (accepts.1, brings.1);
    let (r_zh, r_en, s_zh, s_en) = (zh_range(range), en_range(range), zh_range(size), en_range(size));
    if value >= 1.0 {
        (
            format!("{a_zh} {r_zh}，覆盖{b_zh} {s_zh}"),
            format!("{} of {r_en} covers {b_en} of {s_en}", capitalize(a_en)),
            false,
        )
    } else if size.min <= range.max && size.max >= range.min {
        (
            format!("{a_zh} {r_zh} 与{b_zh} {s_zh} 部分重叠"),
            format!("{} of {r_en} partly covers {b_en} of {s_en}", capitalize(a_en)),
            false,
        )
    } else if size.min > range.max {
        (
            format!("注意：{a_zh} {r_zh}，不足以覆盖{b_zh} {s_zh}"),
            format!("Note: {a_en} of {r_en} falls short of {b_en} of {s_en}"),
            true,
        )
    } else {
        (
            format!("注意：{b_zh} {s_zh}，低于{a_zh}下限 {}元", zh_yuan(range.min)),
            format!(
                "Note: {b_en} of {s_en} is below the minimum of {a_en}, CNY {} million",
                en_millions(range.min)
            ),
            true,
        )
    }
}

fn mode_sentence(q: &MatchProfile, c: &MatchProfile) -> (String, String) {
    let theirs = c.core.modes.modes();
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for mode in q.core.modes.modes() {
        let best = theirs
            .iter()
            .map(|&m| (mode_compatibility(mode, m), m))
            .filter(|(v, _)| *v > 0.0)
            .max_by(|a, b| a.0.total_cmp(&b.0).then((b.1 as usize).cmp(&(a.1 as usize))));
        if let Some((_, other)) = best {
            if other == mode {
                zh.push(mode.zh().to_owned());
                en.push(mode.en().to_owned());
            } else {
                zh.push(format!("{} ↔ {}", mode.zh(), other.zh()));
                en.push(format!("{} ↔ {}", mode.en(), other.en()));
            }
        }
    }
    (zh.join("；"), en.join("; "))
}

fn region_sentence(pair: &Pair<'_>) -> (String, String, bool) {
    let config = pair.ctx.config;
    let (q, c) = (&pair.query.core, &pair.candidate.core);
    let (qr, cr) = (q.region, c.region);
    let fit = pair.admission.regions;
    match (fit.in_query_targets, fit.in_candidate_targets) {
        (true, true) if qr != cr => (
            format!("地区对口：{} ↔ {}，双方互为目标地区", qr.zh(), cr.zh()),
            format!(
                "Regions pair up: {} ↔ {}, each where the other looks for partners",
                qr.en(),
                cr.en()
            ),
            false,
        ),
        (true, true) => (
            format!("双方均寻求{}本地合作", qr.zh()),
            format!("Both look for partners in {}", qr.en()),
            false,
        ),
        (false, _) => {
            let (targets_zh, targets_en) = region_list(config.effective_targets(qr, q.explicit_targets));
            (
                format!(
                    "注意：{}不在本方指定的目标地区（{targets_zh}）内，但对方面向{}",
                    cr.zh(),
                    qr.zh()
                ),
                format!(
                    "Note: {} is outside the regions this listing names ({targets_en}), but looks to {}",
                    cr.en(),
                    qr.en()
                ),
                true,
            )
        }
        (true, false) => {
            let (targets_zh, targets_en) = region_list(config.effective_targets(cr, c.explicit_targets));
            (
                format!(
                    "注意：{}在本方目标地区内，但对方的目标地区（{targets_zh}）不含{}",
                    cr.zh(),
                    qr.zh()
                ),
                format!(
                    "Note: {} is among this listing's target regions, but the other side looks to {targets_en}, not {}",
                    cr.en(),
                    qr.en()
                ),
                true,
            )
        }
    }
}

/// Keywords both listings share: runs of a title's or tag's Chinese bigrams
/// (and its Latin words) that the other listing's vector also holds, longest
/// and rarest first.
pub(crate) fn shared_keywords(a: &MatchProfile, b: &MatchProfile, stats: &TermStats) -> Vec<String> {
    let mut found: Vec<(String, f32)> = Vec::new();
    collect_keywords(a, &b.text, stats, &mut found);
    collect_keywords(b, &a.text, stats, &mut found);
    found.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let mut chosen: Vec<String> = Vec::new();
    for (phrase, _) in found {
        let lower = phrase.to_lowercase();
        if chosen
            .iter()
            .any(|c| c.to_lowercase().contains(&lower) || lower.contains(&c.to_lowercase()))
        {
            continue;
        }
        chosen.push(phrase);
        if chosen.len() == MAX_KEYWORDS {
            break;
        }
    }
    chosen
}

fn collect_keywords(source: &MatchProfile, other: &TextVector, stats: &TermStats, out: &mut Vec<(String, f32)>) {
    let rare_limit = (stats.docs() / KEYWORD_RARITY).max(2);
    // (idf, rare) of a term the other listing also holds
    let in_other = |term: &str| {
        stats
            .id(term)
            .filter(|&id| other.contains(id))
            .map(|id| (stats.idf(id), u64::from(stats.df(id)) <= rare_limit))
    };
    let texts = std::iter::once(&*source.title).chain(source.tags.iter().map(|t| &**t));
    for text in texts {
        for piece in pieces(text) {
            match piece {
                Piece::Cjk(chars) => {
                    let bigram = |i: usize| (i + 1 < chars.len()).then(|| chars[i..i + 2].iter().collect::<String>());
                    let hits: Vec<Option<(f32, bool)>> =
                        (0..chars.len()).map(|i| bigram(i).and_then(|b| in_other(&b))).collect();
                    let mut i = 0;
                    while i < hits.len() {
                        if hits[i].is_none() {
                            i += 1;
                            continue;
                        }
                        // a run of hits; one missing bigram between two hits does not end it
                        let start = i;
                        let (mut weight, mut rare, mut count) = (0.0f32, 0usize, 0usize);
                        while i < hits.len() {
                            match hits[i] {
                                Some((idf, is_rare)) => {
                                    weight += idf;
                                    rare += usize::from(is_rare);
                                    count += 1;
                                    i += 1;
                                }
                                None if hits.get(i + 1).is_some_and(Option::is_some) => i += 1,
                                None => break,
                            }
                        }
                        if 2 * rare >= count {
                            out.push((chars[start..=i.min(chars.len() - 1)].iter().collect(), weight));
                        }
                    }
                }
                Piece::Latin { term, original } => {
                    if let Some((idf, true)) = in_other(&term) {
                        out.push((original, idf));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YI: i64 = 100_000_000;

    #[test]
    fn chinese_amounts_use_wan_and_yi() {
        assert_eq!(zh_yuan(50_000_000), "5000万");
        assert_eq!(zh_yuan(300_000_000), "3亿");
        assert_eq!(zh_yuan(150_000_000), "1.5亿");
        assert_eq!(zh_yuan(800), "800");
        assert_eq!(
            zh_range(Amount {
                min: 50_000_000,
                max: 3 * YI
            }),
            "5000万–3亿元"
        );
        assert_eq!(
            zh_range(Amount {
                min: 2 * YI,
                max: 2 * YI
            }),
            "2亿元"
        );
        assert_eq!(
            zh_range(Amount {
                min: 3 * YI,
                max: i64::MAX
            }),
            "3亿元以上"
        );
    }

    #[test]
    fn english_amounts_use_millions() {
        assert_eq!(en_millions(1_200_000_000), "1,200");
        assert_eq!(en_millions(500_000), "0.5");
        assert_eq!(
            en_range(Amount {
                min: 50_000_000,
                max: 3 * YI
            }),
            "CNY 50–300 million"
        );
        assert_eq!(
            en_range(Amount {
                min: 0,
                max: 80_000_000
            }),
            "up to CNY 80 million"
        );
    }

    #[test]
    fn the_amount_sentence_reads_like_the_issue() {
        let fund = (
            ListingType::FundMandate,
            Amount {
                min: 50_000_000,
                max: 3 * YI,
            },
        );
        let project = (
            ListingType::Project,
            Amount {
                min: 2 * YI,
                max: 2 * YI,
            },
        );
        let (zh, en, caveat) = amount_sentence(project, fund, 1.0);
        assert_eq!(zh, "基金单笔投资 5000万–3亿元，覆盖项目规模 2亿元");
        assert_eq!(
            en,
            "The fund's ticket of CNY 50–300 million covers the project size of CNY 200 million"
        );
        assert!(!caveat);
        let big = (
            ListingType::Project,
            Amount {
                min: 4 * YI,
                max: 6 * YI,
            },
        );
        let (zh, _, caveat) = amount_sentence(big, fund, 0.0);
        assert!(zh.starts_with("注意：基金单笔投资"), "{zh}");
        assert!(caveat);
    }
}
