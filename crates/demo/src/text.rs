//! Bilingual text assembly: term pairs, sentence templates with numbered slots,
//! and the way amounts and figures are written in Chinese and in English.
//!
//! Templates are data (`"项目位于{0}{1}。"` / `"The site is in {1}, {0}."`), so the
//! two languages may order their slots differently; filling them is a single
//! pass without intermediate strings, which keeps a million listings cheap.

/// A word or phrase with its English rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    pub zh: &'static str,
    pub en: &'static str,
}

pub(crate) const fn t(zh: &'static str, en: &'static str) -> Term {
    Term { zh, en }
}

/// A sentence template in both languages; `{0}`…`{9}` are slots.
pub(crate) type Tpl = Term;

/// Writes `template` into `out`, replacing `{n}` with `args[n]` (a missing argument writes nothing).
pub(crate) fn fill(out: &mut String, template: &str, args: &[&str]) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.as_bytes() {
            [digit @ b'0'..=b'9', b'}', ..] => {
                let slot = usize::from(digit - b'0');
                debug_assert!(slot < args.len(), "template `{template}` needs slot {slot}");
                out.push_str(args.get(slot).copied().unwrap_or_default());
                rest = &after[2..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

/// A template filled in both languages, for a phrase that goes into another template.
pub(crate) fn render(tpl: &Tpl, zh: &[&str], en: &[&str]) -> (String, String) {
    let mut out_zh = String::with_capacity(tpl.zh.len() + 16);
    fill(&mut out_zh, tpl.zh, zh);
    let mut out_en = String::with_capacity(tpl.en.len() + 16);
    fill(&mut out_en, tpl.en, en);
    (out_zh, out_en)
}

/// A text being written in Chinese and, when the record is bilingual, in English.
pub(crate) struct Bi {
    pub zh: String,
    pub en: Option<String>,
}

impl Bi {
    pub(crate) fn new(english: bool) -> Self {
        Bi {
            zh: String::with_capacity(256),
            en: english.then(|| String::with_capacity(384)),
        }
    }

    /// Appends one sentence; English arguments are only looked at when English is written.
    pub(crate) fn put(&mut self, tpl: &Tpl, zh: &[&str], en: &[&str]) {
        fill(&mut self.zh, tpl.zh, zh);
        if let Some(out) = self.en.as_mut() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            fill(out, tpl.en, en);
        }
    }

    pub(crate) fn into_parts(self) -> (String, Option<String>) {
        (self.zh, self.en)
    }
}

/// The first letter in upper case, for English text that starts with a slot.
pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name in running English text: `Software and IT` → `software and IT` (acronyms kept).
pub(crate) fn lower_words(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            if word.chars().filter(|c| c.is_uppercase()).count() > 1 {
                word.to_owned()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A singular English noun phrase with its indefinite article: `an offshore wind farm`, `an LNG carrier`.
pub(crate) fn with_article(phrase: &str) -> String {
    let first = phrase.split([' ', '-']).next().unwrap_or_default();
    let acronym = first.len() > 1 && first.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let an = if acronym {
        first.starts_with(['A', 'E', 'F', 'H', 'I', 'L', 'M', 'N', 'O', 'R', 'S', 'X'])
    } else {
        let lower = first.to_ascii_lowercase();
        lower.starts_with(['a', 'e', 'i', 'o'])
            || (lower.starts_with('u') && !lower.starts_with("uni") && !lower.starts_with("us"))
    };
    format!("{} {phrase}", if an { "an" } else { "a" })
}

/// `1234567` → `1,234,567`.
pub(crate) fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `value / unit` with at most two decimals and no trailing zeros: `decimal(150, 100)` → `1.5`.
fn decimal(value: u64, unit: u64) -> String {
    let whole = value / unit;
    let hundredths = (value % unit) * 100 / unit;
    match hundredths {
        0 => whole.to_string(),
        h if h % 10 == 0 => format!("{whole}.{}", h / 10),
        h => format!("{whole}.{h:02}"),
    }
}

const YI: u64 = 100_000_000;
const WAN: u64 = 10_000;

/// An amount of yuan as a Chinese reader writes it: `3亿元`, `1.5亿元`, `5000万元`, `8000元`.
pub(crate) fn cny_zh(yuan: i64) -> String {
    let yuan = yuan.unsigned_abs();
    if yuan >= YI {
        format!("{}亿元", decimal(yuan, YI))
    } else if yuan >= WAN {
        format!("{}万元", decimal(yuan, WAN))
    } else {
        format!("{yuan}元")
    }
}

/// An amount of yuan in English: `RMB 300 million`, `RMB 1.5 billion`, `RMB 800,000`.
pub(crate) fn cny_en(yuan: i64) -> String {
    let yuan = yuan.unsigned_abs();
    if yuan >= 1_000_000_000 {
        format!("RMB {} billion", decimal(yuan, 1_000_000_000))
    } else if yuan >= 1_000_000 {
        format!("RMB {} million", decimal(yuan, 1_000_000))
    } else {
        format!("RMB {}", thousands(yuan))
    }
}

/// A range of yuan, or a single amount when both ends agree.
pub(crate) fn cny_range(min: i64, max: i64) -> (String, String) {
    if min == max {
        (cny_zh(min), cny_en(min))
    } else {
        (
            format!("{}至{}", cny_zh(min), cny_zh(max)),
            format!("{} to {}", cny_en(min), cny_en(max)),
        )
    }
}

/// Joins Chinese items with `、` and English ones with commas and `and`.
pub(crate) fn join_zh(items: &[&str]) -> String {
    items.join("、")
}

pub(crate) fn join_en(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first, second] => format!("{first} and {second}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_slots_in_any_order() {
        let mut out = String::new();
        fill(&mut out, "{1}, {0} {x} {", &["a", "b"]);
        assert_eq!(out, "b, a {x} {");
        let mut bi = Bi::new(true);
        bi.put(
            &t("项目位于{0}{1}。", "The site is in {1}, {0}."),
            &["大连", "金普新区"],
            &["Dalian", "Jinpu New Area"],
        );
        bi.put(&t("欢迎合作。", "Partners welcome."), &[], &[]);
        assert_eq!(bi.zh, "项目位于大连金普新区。欢迎合作。");
        assert_eq!(
            bi.en.as_deref(),
            Some("The site is in Jinpu New Area, Dalian. Partners welcome.")
        );
    }

    #[test]
    fn amounts_read_like_a_person_wrote_them() {
        assert_eq!(cny_zh(300_000_000), "3亿元");
        assert_eq!(cny_zh(150_000_000), "1.5亿元");
        assert_eq!(cny_zh(50_000_000), "5000万元");
        assert_eq!(cny_zh(125_000_000), "1.25亿元");
        assert_eq!(cny_en(300_000_000), "RMB 300 million");
        assert_eq!(cny_en(1_500_000_000), "RMB 1.5 billion");
        assert_eq!(cny_en(800_000), "RMB 800,000");
        assert_eq!(cny_range(50_000_000, 300_000_000).0, "5000万元至3亿元");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
        assert_eq!(join_en(&["a", "b", "c"]), "a, b, and c");
        assert_eq!(capitalize("port cranes"), "Port cranes");
        assert_eq!(lower_words("Software and IT"), "software and IT");
        assert_eq!(with_article("international school"), "an international school");
        assert_eq!(with_article("data centre"), "a data centre");
        assert_eq!(with_article("RV campsite"), "an RV campsite");
        assert_eq!(with_article("CAE simulation software"), "a CAE simulation software");
    }
}
