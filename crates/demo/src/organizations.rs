//! Demo organizations: a cheap [`Profile`] per index (type, place, sectors,
//! names), which listings reuse, and the full record built on top of it.
//!
//! Both are pure functions of the seed and the index, so organization `i` is
//! the same whatever the size of the dataset.

use hulian_domain::{Contact, OrgType, OrganizationRecord, Ownership, Region};

use crate::places::{self, City, District};
use crate::rng::{Rng, STREAM_DATASET, STREAM_ORG_DETAIL, STREAM_PROFILE};
use crate::text::{Bi, Term, capitalize, cny_en, cny_range, cny_zh, join_en, join_zh, lower_words, t, thousands};
use crate::vocab::{Kind, SECTOR_VOCABS, SectorVocab, Subject, vocab};

/// Organization types in their long-run proportions: a 50-slot table walked
/// with a stride, so every type shows up in any 50 consecutive organizations.
const TYPE_MIX: &[(OrgType, usize)] = &[
    (OrgType::Enterprise, 31),
    (OrgType::Park, 5),
    (OrgType::Fund, 4),
    (OrgType::Agency, 4),
    (OrgType::Association, 2),
    (OrgType::Institute, 4),
];
const TYPE_SLOTS: usize = 50;
const TYPE_STRIDE: usize = 17;

/// Regions per organization type, per mille, in [`Region::ALL`] order:
/// shanghai, dalian, dandong, jinzhou, yingkou, panjin, huludao, other.
fn region_weights(org_type: OrgType) -> [u32; 8] {
    match org_type {
        OrgType::Enterprise => [420, 440, 20, 22, 32, 26, 20, 20],
        OrgType::Park => [360, 460, 30, 30, 45, 45, 30, 0],
        OrgType::Fund => [620, 260, 10, 10, 15, 15, 10, 60],
        OrgType::Agency => [380, 460, 30, 30, 40, 30, 30, 0],
        OrgType::Association => [460, 440, 20, 20, 20, 20, 10, 10],
        OrgType::Institute => [470, 420, 10, 15, 15, 10, 10, 50],
    }
}

const BRAND_FIRST: &[Term] = &[
    t("海", "Hai"),
    t("星", "Xing"),
    t("远", "Yuan"),
    t("华", "Hua"),
    t("金", "Jin"),
    t("恒", "Heng"),
    t("东", "Dong"),
    t("瑞", "Rui"),
    t("蓝", "Lan"),
    t("新", "Xin"),
    t("博", "Bo"),
    t("中", "Zhong"),
    t("泰", "Tai"),
    t("鼎", "Ding"),
    t("宏", "Hong"),
    t("启", "Qi"),
    t("德", "De"),
    t("凯", "Kai"),
    t("龙", "Long"),
    t("银", "Yin"),
    t("辰", "Chen"),
    t("天", "Tian"),
    t("振", "Zhen"),
    t("润", "Run"),
    t("明", "Ming"),
    t("沧", "Cang"),
];
const BRAND_SECOND: &[Term] = &[
    t("川", "chuan"),
    t("帆", "fan"),
    t("达", "da"),
    t("盛", "sheng"),
    t("泽", "ze"),
    t("邦", "bang"),
    t("拓", "tuo"),
    t("峰", "feng"),
    t("越", "yue"),
    t("诚", "cheng"),
    t("祥", "xiang"),
    t("禾", "he"),
    t("湾", "wan"),
    t("驰", "chi"),
    t("舟", "zhou"),
    t("图", "tu"),
    t("岳", "yue"),
    t("港", "gang"),
    t("嘉", "jia"),
    t("锐", "rui"),
    t("泓", "hong"),
];
/// Combinations that are, or read too much like, well-known real companies.
const BRAND_AVOID: &[&str] = &[
    "金川", "华邦", "宏图", "博越", "德邦", "中邦", "天泽", "新禾", "中诚", "华润", "东方",
];

const SURNAMES: &[Term] = &[
    t("王", "Wang"),
    t("李", "Li"),
    t("张", "Zhang"),
    t("刘", "Liu"),
    t("陈", "Chen"),
    t("杨", "Yang"),
    t("赵", "Zhao"),
    t("周", "Zhou"),
    t("徐", "Xu"),
    t("孙", "Sun"),
    t("于", "Yu"),
    t("姜", "Jiang"),
    t("曲", "Qu"),
    t("宋", "Song"),
    t("林", "Lin"),
    t("高", "Gao"),
];
const GIVEN_NAMES: &[Term] = &[
    t("海涛", "Haitao"),
    t("晓东", "Xiaodong"),
    t("丽娜", "Lina"),
    t("志强", "Zhiqiang"),
    t("雪梅", "Xuemei"),
    t("鹏飞", "Pengfei"),
    t("思远", "Siyuan"),
    t("文博", "Wenbo"),
    t("佳怡", "Jiayi"),
    t("宇航", "Yuhang"),
    t("静", "Jing"),
    t("磊", "Lei"),
];

/// The brand names organizations are called by, and how index maps onto them.
pub(crate) struct Brands {
    names: Vec<(String, String)>,
    stride: usize,
    offset: usize,
}

impl Brands {
    pub(crate) fn new(seed: u64) -> Self {
        let mut names = Vec::with_capacity(BRAND_FIRST.len() * BRAND_SECOND.len());
        for first in BRAND_FIRST {
            for second in BRAND_SECOND {
                let zh = format!("{}{}", first.zh, second.zh);
                if !BRAND_AVOID.contains(&zh.as_str()) {
                    names.push((zh, format!("{}{}", first.en, second.en)));
                }
            }
        }
        let stride = [97, 101, 103, 107, 109, 113]
            .into_iter()
            .find(|s| gcd(*s, names.len()) == 1)
            .unwrap_or(1);
        let offset = Rng::new(seed, STREAM_DATASET, 1).below(names.len());
        Brands { names, stride, offset }
    }

    /// A brand per organization index; distinct for the first `len()` indexes.
    fn of(&self, index: usize) -> (&str, &str) {
        let (zh, en) = &self.names[(index.wrapping_mul(self.stride).wrapping_add(self.offset)) % self.names.len()];
        (zh, en)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// `Shanghai Pudong New Area`, but `Dalian Hi-tech Zone` (whose name already says Dalian).
fn city_and(city: &City, district: &District) -> String {
    if district.name.en.starts_with(city.name.en) {
        district.name.en.to_owned()
    } else {
        format!("{} {}", city.name.en, district.name.en)
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// What listings need to know about their organization; cheap to build.
pub(crate) struct Profile {
    pub index: usize,
    pub external_id: String,
    pub org_type: OrgType,
    pub region: Region,
    pub city: &'static City,
    pub district: &'static District,
    /// The main sector.
    pub vocab: &'static SectorVocab,
    /// What the organization makes, runs or researches (enterprises, institutes, associations).
    pub subjects: Vec<&'static Subject>,
    /// The sectors a park, fund or agency targets, main sector first.
    pub themes: Vec<&'static SectorVocab>,
    pub sectors: Vec<String>,
    pub ownership: Option<Ownership>,
    pub name: Label,
    /// How the organization is called in running text (海川重工, the park's name…).
    pub short: Label,
    /// ASCII slug for the website and e-mail domain.
    pub slug: String,
    pub bilingual: bool,
    /// A fund's usual ticket range, in yuan.
    pub ticket: (i64, i64),
    pub founded: u32,
}

/// A name in both languages, built at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub zh: String,
    pub en: String,
}

/// The external id of organization `index` (0-based): `demo-org-00001`.
pub(crate) fn org_id(index: usize) -> String {
    format!("demo-org-{:05}", index + 1)
}

/// The type of organization `index`; dataset-wide offset so that seeds differ.
pub(crate) fn org_type_of(seed: u64, index: usize) -> OrgType {
    let offset = Rng::new(seed, STREAM_DATASET, 0).below(TYPE_SLOTS);
    let mut slot = (index.wrapping_mul(TYPE_STRIDE).wrapping_add(offset)) % TYPE_SLOTS;
    for &(org_type, count) in TYPE_MIX {
        if slot < count {
            return org_type;
        }
        slot -= count;
    }
    OrgType::Enterprise
}

fn weighted_vocab(rng: &mut Rng, district: &District, exclude: &[&str]) -> &'static SectorVocab {
    let weights: Vec<u32> = SECTOR_VOCABS
        .iter()
        .map(|v| {
            if exclude.contains(&v.slug) {
                0
            } else if district.focus.contains(&v.slug) {
                v.weight * 4
            } else {
                v.weight
            }
        })
        .collect();
    &SECTOR_VOCABS[rng.weighted(&weights)]
}

/// Sectors nobody builds an industrial park for.
const PARKLESS: &[&str] = &["finance", "exhibition"];

/// Theme sectors: the district's industries first, then others by weight.
fn pick_themes(
    rng: &mut Rng,
    district: &District,
    first: &'static SectorVocab,
    count: std::ops::RangeInclusive<usize>,
    exclude: &[&str],
) -> Vec<&'static SectorVocab> {
    let count = count.start() + rng.below(count.end() - count.start() + 1);
    let mut themes = vec![first];
    let focus: Vec<&'static SectorVocab> = district.focus.iter().filter_map(|slug| vocab(slug)).collect();
    for candidate in rng.sample(&focus, count) {
        if themes.len() < count
            && !themes.iter().any(|v| v.slug == candidate.slug)
            && !exclude.contains(&candidate.slug)
        {
            themes.push(candidate);
        }
    }
    let mut guard = 0;
    while themes.len() < count && guard < 20 {
        let candidate = weighted_vocab(rng, district, exclude);
        if !themes.iter().any(|v| v.slug == candidate.slug) {
            themes.push(candidate);
        }
        guard += 1;
    }
    themes
}

fn push_unique(list: &mut Vec<String>, slug: &str) {
    if !list.iter().any(|s| s == slug) {
        list.push(slug.to_owned());
    }
}

/// A theme as a park or fund names itself: a sub-sector's own name when it has one.
fn theme_name(slug: &str, vocab: &SectorVocab) -> Label {
    match hulian_domain::taxonomy::names(slug) {
        Some((zh, en)) if slug.contains('.') && zh.chars().count() <= 6 => Label {
            zh: zh.to_owned(),
            en: title_case(en),
        },
        _ => Label {
            zh: vocab.theme.zh.to_owned(),
            en: vocab.theme.en.to_owned(),
        },
    }
}

/// `cold-chain logistics` → `Cold-chain Logistics`.
pub(crate) fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            if matches!(word, "and" | "of" | "for" | "the") {
                word.to_owned()
            } else {
                capitalize(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn ownership_for(rng: &mut Rng, org_type: OrgType) -> Option<Ownership> {
    use Ownership::*;
    let (options, weights): (&[Ownership], &[u32]) = match org_type {
        OrgType::Enterprise => (&[Soe, Private, Foreign, Mixed], &[20, 52, 12, 16]),
        OrgType::Park => (&[Soe, Public, Mixed], &[60, 25, 15]),
        OrgType::Fund => (&[Soe, Private, Mixed, Foreign], &[30, 40, 20, 10]),
        OrgType::Agency => (&[Public], &[1]),
        OrgType::Association => (&[Public, Private], &[70, 30]),
        OrgType::Institute => (&[Public, Mixed, Soe, Private], &[65, 20, 10, 5]),
    };
    if rng.percent(5) {
        return None;
    }
    Some(options[rng.weighted(weights)])
}

/// The profile of organization `index`.
pub(crate) fn profile(seed: u64, index: usize, brands: &Brands) -> Profile {
    let mut rng = Rng::new(seed, STREAM_PROFILE, index as u64);
    let org_type = org_type_of(seed, index);
    let region = Region::ALL[rng.weighted(&region_weights(org_type))];
    let (city, district) = places::pick_place(&mut rng, region);
    let ownership = ownership_for(&mut rng, org_type);
    let (brand_zh, brand_en) = brands.of(index);
    let bilingual = rng.percent(if ownership == Some(Ownership::Foreign) { 95 } else { 68 });

    let mut subjects: Vec<&'static Subject> = Vec::new();
    let mut themes: Vec<&'static SectorVocab> = Vec::new();
    let mut sectors: Vec<String> = Vec::new();
    let mut ticket = (0, 0);
    let main: &'static SectorVocab;
    let name: Label;
    let short: Label;
    let city_zh = city.name.zh;
    let city_en = city.name.en;
    let founded;

    match org_type {
        OrgType::Enterprise => {
            main = weighted_vocab(&mut rng, district, &[]);
            // A firm's lines of business are of one kind, so that "makes X and Y" or "runs X and Y" reads right.
            let first: &'static Subject = rng.pick(main.subjects);
            let same_line: Vec<&'static Subject> = main
                .subjects
                .iter()
                .filter(|s| {
                    s.kind == first.kind && s.name != first.name && (s.stem == first.stem || s.sector == first.sector)
                })
                .collect();
            let same_kind: Vec<&'static Subject> = if same_line.is_empty() {
                main.subjects
                    .iter()
                    .filter(|s| s.kind == first.kind && s.name != first.name)
                    .collect()
            } else {
                same_line
            };
            let count = rng.below(3);
            subjects = std::iter::once(first)
                .chain(rng.sample(&same_kind, count).into_iter().copied())
                .collect();
            for subject in &subjects {
                push_unique(&mut sectors, subject.sector);
            }
            if rng.percent(25) {
                push_unique(&mut sectors, rng.pick_copy(main.related));
            }
            themes.push(main);
            let stem = subjects[0].stem;
            let (suffix_zh, suffix_en) = match ownership {
                Some(Ownership::Soe | Ownership::Mixed) => *rng.pick(&[
                    ("集团有限公司", "Group Co., Ltd."),
                    ("有限公司", "Co., Ltd."),
                    ("股份有限公司", "Co., Ltd."),
                ]),
                _ if stem.zh.contains("科技") || stem.zh.contains("技术") => {
                    *rng.pick(&[("有限公司", "Co., Ltd."), ("股份有限公司", "Co., Ltd.")])
                }
                _ => *rng.pick(&[
                    ("有限公司", "Co., Ltd."),
                    ("股份有限公司", "Co., Ltd."),
                    ("科技有限公司", "Technology Co., Ltd."),
                ]),
            };
            name = if ownership == Some(Ownership::Foreign) {
                Label {
                    zh: format!("{brand_zh}{}（{city_zh}）有限公司", stem.zh),
                    en: format!("{brand_en} {} ({city_en}) Co., Ltd.", stem.en),
                }
            } else if rng.percent(75) {
                Label {
                    zh: format!("{city_zh}{brand_zh}{}{suffix_zh}", stem.zh),
                    en: format!("{city_en} {brand_en} {} {suffix_en}", stem.en),
                }
            } else {
                Label {
                    zh: format!("{brand_zh}{}{suffix_zh}", stem.zh),
                    en: format!("{brand_en} {} {suffix_en}", stem.en),
                }
            };
            short = Label {
                zh: format!("{brand_zh}{}", stem.zh),
                en: format!("{brand_en} {}", stem.en),
            };
            founded = if ownership == Some(Ownership::Soe) {
                rng.between(1952, 2012)
            } else {
                rng.between(1993, 2023)
            };
        }
        OrgType::Park => {
            let first = vocab(rng.pick_copy(district.focus))
                .filter(|v| !PARKLESS.contains(&v.slug))
                .unwrap_or_else(|| weighted_vocab(&mut rng, district, PARKLESS));
            main = first;
            themes = pick_themes(&mut rng, district, first, 2..=4, PARKLESS);
            for theme in &themes {
                if rng.percent(35) {
                    push_unique(&mut sectors, rng.pick(theme.subjects).sector);
                } else {
                    push_unique(&mut sectors, theme.slug);
                }
            }
            let theme = theme_name(&sectors[0], main);
            let (kind_zh, kind_en) = *rng.pick(&[
                ("产业园", "Industrial Park"),
                ("科技园", "Science Park"),
                ("产业基地", "Industrial Base"),
                ("创新港", "Innovation Hub"),
            ]);
            let (place_zh, place_en) = match places::pick_area(&mut rng, district, main.slug) {
                Some(area) => (area.name.zh.to_owned(), area.name.en.to_owned()),
                None => (format!("{city_zh}{}", district.name.zh), city_and(city, district)),
            };
            name = Label {
                zh: format!("{place_zh}{brand_zh}{}{kind_zh}", theme.zh),
                en: format!("{place_en} {brand_en} {} {kind_en}", theme.en),
            };
            short = Label {
                zh: format!("{brand_zh}{}{kind_zh}", theme.zh),
                en: format!("{brand_en} {} {kind_en}", theme.en),
            };
            founded = rng.between(1992, 2022);
        }
        OrgType::Fund => {
            main = vocab("finance").unwrap_or(&SECTOR_VOCABS[0]);
            let first = weighted_vocab(&mut rng, district, &["finance"]);
            themes = pick_themes(&mut rng, district, first, 1..=3, &["finance"]);
            sectors.push("finance.equity_investment".to_owned());
            for theme in &themes {
                push_unique(&mut sectors, theme.slug);
            }
            let theme = &themes[0].theme;
            let low = *rng.pick(&[
                10_000_000,
                20_000_000,
                30_000_000,
                50_000_000,
                50_000_000,
                100_000_000,
                200_000_000,
            ]);
            ticket = (low, low * *rng.pick(&[3, 5, 6, 10]));
            let counterpart_fund = matches!(region, Region::Shanghai | Region::Dalian) && rng.percent(20);
            name = match rng.below(3) {
                _ if counterpart_fund => Label {
                    zh: format!("沪连{brand_zh}对口合作产业投资基金（有限合伙）"),
                    en: format!("Shanghai–Dalian {brand_en} Cooperation Industry Fund LP"),
                },
                0 => Label {
                    zh: format!("{city_zh}{brand_zh}{}产业投资基金合伙企业（有限合伙）", theme.zh),
                    en: format!("{city_en} {brand_en} {} Industry Fund LP", theme.en),
                },
                1 => Label {
                    zh: format!("{city_zh}{brand_zh}创业投资管理有限公司"),
                    en: format!("{city_en} {brand_en} Venture Capital Management Co., Ltd."),
                },
                _ => Label {
                    zh: format!("{brand_zh}资本管理有限公司"),
                    en: format!("{brand_en} Capital Management Co., Ltd."),
                },
            };
            short = Label {
                zh: format!("{brand_zh}资本"),
                en: format!("{brand_en} Capital"),
            };
            founded = rng.between(2009, 2024);
        }
        OrgType::Agency => {
            let first = vocab(rng.pick_copy(district.focus)).unwrap_or(&SECTOR_VOCABS[0]);
            main = first;
            themes = pick_themes(&mut rng, district, first, 2..=4, &["finance"]);
            for theme in &themes {
                push_unique(&mut sectors, theme.slug);
            }
            let (kind_zh, kind_en) = if region == Region::Shanghai {
                *rng.pick(&[
                    ("投资促进办公室", "Investment Promotion Office"),
                    ("合作交流办公室", "Cooperation and Exchange Office"),
                    ("商务委员会", "Commerce Commission"),
                    ("科学技术委员会", "Science and Technology Commission"),
                ])
            } else {
                *rng.pick(&[
                    ("投资促进中心", "Investment Promotion Centre"),
                    ("招商局", "Investment Promotion Bureau"),
                    ("商务局", "Bureau of Commerce"),
                    ("发展和改革局", "Development and Reform Bureau"),
                    ("驻上海招商联络处", "Shanghai Liaison Office"),
                ])
            };
            let city_prefix = if region == Region::Shanghai {
                "上海市"
            } else {
                city_zh
            };
            let base_zh = format!("{city_prefix}{}{kind_zh}", district.name.zh);
            let base_en = format!("{} {kind_en}", city_and(city, district));
            name = if rng.percent(45) {
                Label {
                    zh: format!("{base_zh}（{}产业招商专班）", first.theme.zh),
                    en: format!("{base_en} ({} Task Force)", first.theme.en),
                }
            } else {
                Label {
                    zh: base_zh,
                    en: base_en,
                }
            };
            short = name.clone();
            founded = rng.between(1984, 2020);
        }
        OrgType::Association => {
            main = weighted_vocab(&mut rng, district, &[]);
            subjects = rng.sample(main.subjects, 2).into_iter().collect();
            themes.push(main);
            sectors.push(main.slug.to_owned());
            if rng.percent(30) {
                push_unique(&mut sectors, subjects[0].sector);
            }
            name = match rng.below(4) {
                0 if matches!(region, Region::Shanghai | Region::Dalian) => Label {
                    zh: format!("沪连{}产业联盟", main.theme.zh),
                    en: format!("Shanghai–Dalian {} Industry Alliance", main.theme.en),
                },
                _ => {
                    let (kind_zh, kind_en) = *rng.pick(&[
                        ("行业协会", "Industry Association"),
                        ("商会", "Chamber of Commerce"),
                        ("产业联盟", "Industry Alliance"),
                        ("产业促进会", "Industry Promotion Association"),
                    ]);
                    Label {
                        zh: format!("{city_zh}市{}{kind_zh}", main.theme.zh),
                        en: format!("{city_en} {} {kind_en}", main.theme.en),
                    }
                }
            };
            short = name.clone();
            founded = rng.between(1990, 2022);
        }
        OrgType::Institute => {
            main = weighted_vocab(&mut rng, district, &["finance", "trade", "exhibition"]);
            let count = 2 + rng.below(2);
            subjects = rng.sample(main.subjects, count).into_iter().collect();
            themes.push(main);
            for subject in &subjects {
                push_unique(&mut sectors, subject.sector);
            }
            let (kind_zh, kind_en) = *rng.pick(&[
                ("研究院", "Research Institute"),
                ("技术研究所", "Institute of Technology"),
                ("创新中心", "Innovation Centre"),
                ("工程技术研究中心", "Engineering Research Centre"),
            ]);
            name = Label {
                zh: format!("{city_zh}{brand_zh}{}{kind_zh}", main.theme.zh),
                en: format!("{city_en} {brand_en} {} {kind_en}", main.theme.en),
            };
            short = Label {
                zh: format!("{brand_zh}{}{kind_zh}", main.theme.zh),
                en: format!("{brand_en} {} {kind_en}", main.theme.en),
            };
            founded = rng.between(1958, 2022);
        }
    }

    let slug = match org_type {
        OrgType::Agency | OrgType::Association => {
            format!("{}-{}-{}", city_en.to_ascii_lowercase(), org_type.as_str(), index + 1)
        }
        _ => format!("{}-{}", brand_en.to_ascii_lowercase(), index + 1),
    };
    Profile {
        index,
        external_id: org_id(index),
        org_type,
        region,
        city,
        district,
        vocab: main,
        subjects,
        themes,
        sectors,
        ownership,
        name,
        short,
        slug,
        bilingual,
        ticket,
        founded,
    }
}

fn subject_names(subjects: &[&'static Subject]) -> (String, String) {
    let zh: Vec<&str> = subjects.iter().map(|s| s.name.zh).collect();
    let en: Vec<&str> = subjects.iter().map(|s| s.name.en).collect();
    (join_zh(&zh), join_en(&en))
}

fn theme_names(themes: &[&'static SectorVocab]) -> (String, String) {
    let zh: Vec<&str> = themes.iter().map(|v| v.theme.zh).collect();
    let en: Vec<String> = themes.iter().map(|v| lower_words(v.theme.en)).collect();
    let en_refs: Vec<&str> = en.iter().map(String::as_str).collect();
    (join_zh(&zh), join_en(&en_refs))
}

/// The organization record of a profile.
pub(crate) fn record(seed: u64, profile: &Profile) -> OrganizationRecord {
    let mut rng = Rng::new(seed, STREAM_ORG_DETAIL, profile.index as u64);
    let description = describe(&mut rng, profile);
    let (description, description_en) = description.into_parts();
    let website_chance = match profile.org_type {
        OrgType::Enterprise => 45,
        OrgType::Agency | OrgType::Park => 60,
        _ => 50,
    };
    let website = rng
        .percent(website_chance)
        .then(|| format!("https://{}.example.com", profile.slug));
    let contact = rng.percent(5).then(|| {
        let surname = rng.pick(SURNAMES);
        let given = rng.pick(GIVEN_NAMES);
        Contact {
            name: Some(format!("{}{}", surname.zh, given.zh)),
            email: Some(format!(
                "{}.{}@{}.example.com",
                given.en.to_lowercase(),
                surname.en.to_lowercase(),
                profile.slug
            )),
            phone: Some(format!(
                "{}-0{:03}-{:04}",
                profile.city.area_code,
                rng.below(1000),
                rng.below(10_000)
            )),
        }
    });
    OrganizationRecord {
        external_id: profile.external_id.clone(),
        name: profile.name.zh.clone(),
        name_en: profile.bilingual.then(|| profile.name.en.clone()),
        org_type: profile.org_type,
        region: profile.region,
        district: Some(profile.district.name.zh.to_owned()),
        sectors: profile.sectors.clone(),
        ownership: profile.ownership,
        description,
        description_en: if profile.bilingual { description_en } else { None },
        website,
        contact,
    }
}

fn describe(rng: &mut Rng, p: &Profile) -> Bi {
    let mut text = Bi::new(p.bilingual);
    let city = p.city.name;
    let district = p.district.name;
    let year = p.founded.to_string();
    let counterpart = places::counterpart_phrase(p.region);
    match p.org_type {
        OrgType::Enterprise => {
            text.put(
                &t(
                    "{0}成立于{1}年，总部位于{2}{3}。",
                    "{0} was founded in {1} and is based in {3}, {2}.",
                ),
                &[&p.name.zh, &year, city.zh, district.zh],
                &[&p.name.en, &year, city.en, district.en],
            );
            let (subjects_zh, subjects_en) = subject_names(&p.subjects);
            let kind_tpl = match p.subjects[0].kind {
                Kind::Product => t(
                    "公司主要从事{0}的研发、生产和销售。",
                    "It develops, makes and sells {0}.",
                ),
                Kind::Facility => t(
                    "公司投资建设并运营{0}等项目。",
                    "It invests in, builds and runs {0} projects.",
                ),
                Kind::Service => t("公司主要从事{0}等业务。", "Its business is {0}."),
            };
            text.put(&kind_tpl, &[&subjects_zh], &[&subjects_en]);
            let count = 1 + rng.below(2);
            for fact in rng.sample(&[0u8, 1, 2, 3, 4, 5], count) {
                company_fact(rng, &mut text, p, *fact);
            }
            let intent = match p.region {
                Region::Shanghai if p.subjects[0].kind == Kind::Service => t("公司计划在{0}设立分支机构，服务东北地区客户。", "It plans a branch in {0} to serve clients in north-east China."),
                Region::Shanghai => *rng.pick(&[
                    t("公司计划在{0}设立生产基地或区域总部，开拓东北和东北亚市场。", "It plans a production base or regional headquarters in {0} to serve north-east China and North-East Asia."),
                    t("公司愿为{0}的制造企业提供产品和整体解决方案。", "It would like to supply products and complete solutions to manufacturers in {0}."),
                ]),
                Region::Other => t("公司关注{0}的对口合作机会。", "It follows counterpart-cooperation opportunities in {0}."),
                _ => *rng.pick(&[
                    t("公司希望借助沪连对口合作，引进{0}的资本、技术和管理经验。", "Through the Shanghai–Dalian partnership it hopes to bring in capital, technology and management from {0}."),
                    t("公司愿与{0}企业开展产需对接和联合研发。", "It would like to match supply and demand and develop products jointly with companies in {0}."),
                ]),
            };
            text.put(&intent, &[counterpart.zh], &[counterpart.en]);
        }
        OrgType::Park => {
            let tenths = rng.between(5, 1200);
            let area = format!("{}.{}", tenths / 10, tenths % 10);
            let area = area.strip_suffix(".0").unwrap_or(&area).to_owned();
            let (themes_zh, themes_en) = theme_names(&p.themes);
            text.put(
                &t(
                    "{0}位于{1}{2}，规划面积{3}平方公里，重点发展{4}等产业。",
                    "{0} is in {2}, {1}, covers {3} km² and focuses on {4}.",
                ),
                &[&p.name.zh, city.zh, district.zh, &area, &themes_zh],
                &[&p.name.en, city.en, district.en, &area, &themes_en],
            );
            let firms = rng.between(30, 600).to_string();
            let floor = rng.between(5, 80);
            text.put(
                &t(
                    "园区已入驻企业{0}家，建成标准厂房和研发楼宇{1}万平方米。",
                    "It hosts {0} companies and has {1} m² of standard factories and R&D buildings.",
                ),
                &[&firms, &floor.to_string()],
                &[&firms, &thousands(u64::from(floor) * 10_000)],
            );
            let feature = match p.region {
                Region::Shanghai => t("园区在大连设有分园区，探索“飞地经济”合作模式，产值和税收按协议分享。", "It runs a sub-park in Dalian on the enclave-economy model, sharing output and tax by agreement."),
                Region::Dalian => *rng.pick(&[
                    t("园区是沪—连对口合作示范园区之一，与上海多家园区建立了结对关系。", "It is one of the Shanghai–Dalian demonstration parks and is paired with several Shanghai parks."),
                    t("园区在上海设有“反向飞地”科创中心，便于企业就近对接长三角资源。", "It runs a 'reverse enclave' innovation centre in Shanghai so that its firms can reach Yangtze River Delta resources."),
                ]),
                _ => t("园区积极承接上海和长三角地区的产业转移。", "It is keen to host production moving from Shanghai and the Yangtze River Delta."),
            };
            text.put(&feature, &[], &[]);
        }
        OrgType::Fund => {
            let aum = i64::from(rng.between(5, 200)) * 100_000_000;
            let (themes_zh, themes_en) = theme_names(&p.themes);
            text.put(
                &t(
                    "{0}成立于{1}年，管理资产规模约{2}，重点投资{3}等领域。",
                    "{0} was set up in {1}, manages about {2} and invests mainly in {3}.",
                ),
                &[&p.name.zh, &year, &cny_zh(aum), &themes_zh],
                &[&p.name.en, &year, &cny_en(aum), &themes_en],
            );
            let (ticket_zh, ticket_en) = cny_range(p.ticket.0, p.ticket.1);
            text.put(
                &t("单笔投资金额一般为{0}。", "Typical tickets are {0}."),
                &[&ticket_zh],
                &[&ticket_en],
            );
            let strategy = *rng.pick(&[
                t(
                    "基金采用“基金+基地”模式，与产业园区联动培育产业集群。",
                    "It works on the 'fund plus base' model, growing industry clusters together with parks.",
                ),
                t(
                    "基金重点支持沪连对口合作项目和在大连落地的上海企业。",
                    "It backs Shanghai–Dalian cooperation projects and Shanghai companies setting up in Dalian.",
                ),
                t(
                    "基金投资阶段覆盖初创期到成长期，兼顾并购整合。",
                    "It invests from start-up to growth stage and also in buy-and-build deals.",
                ),
            ]);
            text.put(&strategy, &[], &[]);
        }
        OrgType::Agency => {
            let (themes_zh, themes_en) = theme_names(&p.themes);
            text.put(
                &t("{0}负责{1}的招商引资、项目服务和对口合作工作，重点围绕{2}开展产业链招商。", "{0} handles investment promotion, project services and counterpart cooperation for {1}, with a focus on {2}."),
                &[&p.name.zh, district.zh, &themes_zh],
                &[&p.name.en, district.en, &themes_en],
            );
            let events = rng.between(3, 20).to_string();
            text.put(
                &t(
                    "每年在{0}举办招商推介会和项目对接会{1}场。",
                    "Every year it holds {1} investment promotion and matchmaking events in {0}.",
                ),
                &[counterpart.zh, &events],
                &[counterpart.en, &events],
            );
        }
        OrgType::Association => {
            let members = rng.between(40, 600).to_string();
            let theme_en = lower_words(p.vocab.theme.en);
            text.put(
                &t(
                    "{0}由{1}{2}家{3}领域企业和机构组成。",
                    "{0} brings together {2} companies and institutions in {3} in {1}.",
                ),
                &[&p.name.zh, city.zh, &members, p.vocab.theme.zh],
                &[&p.name.en, city.en, &members, &theme_en],
            );
            let activity = *rng.pick(&[
                t("协会定期组织会员企业赴{0}考察对接。", "It regularly takes members to {0} to meet partners."),
                t("协会承办沪连对口合作产业对接活动，为会员提供政策咨询和市场开拓服务。", "It runs Shanghai–Dalian matchmaking events and offers members policy advice and market development."),
            ]);
            text.put(&activity, &[counterpart.zh], &[counterpart.en]);
        }
        OrgType::Institute => {
            let (subjects_zh, subjects_en) = subject_names(&p.subjects);
            let staff = rng.between(30, 800).to_string();
            text.put(
                &t(
                    "{0}成立于{1}年，专注于{2}等方向的应用研究和成果转化，现有科研人员{3}人。",
                    "{0}, founded in {1}, does applied research and technology transfer in {2}, with {3} researchers.",
                ),
                &[&p.name.zh, &year, &subjects_zh, &staff],
                &[&p.name.en, &year, &subjects_en, &staff],
            );
            let numbers = [
                rng.between(10, 200).to_string(),
                rng.between(20, 400).to_string(),
                rng.between(3, 40).to_string(),
            ];
            let numbers = [numbers[0].as_str(), numbers[1].as_str(), numbers[2].as_str()];
            text.put(
                &t("累计承担国家和省部级科研项目{0}项，获得授权发明专利{1}项，已与{2}家企业共建联合实验室。", "It has led {0} national and provincial research projects, holds {1} invention patents and runs joint laboratories with {2} companies."),
                &numbers,
                &numbers,
            );
        }
    }
    text
}

/// One fact about a company, for its description.
fn company_fact(rng: &mut Rng, text: &mut Bi, p: &Profile, fact: u8) {
    let city = p.city.name;
    match fact {
        0 => {
            let staff = rng.between(8, 400) * 10;
            let staff_text = staff.to_string();
            let engineers = (staff * rng.between(8, 30) / 100).max(5).to_string();
            let args = [staff_text.as_str(), engineers.as_str()];
            text.put(
                &t(
                    "公司现有员工{0}人，其中研发和技术人员{1}人。",
                    "It employs {0} people, {1} of them engineers and researchers.",
                ),
                &args,
                &args,
            );
        }
        1 => {
            let revenue = i64::from(rng.between(2, 300)) * 10_000_000;
            text.put(
                &t("上年度营业收入约{0}。", "Revenue last year was about {0}."),
                &[&cny_zh(revenue)],
                &[&cny_en(revenue)],
            );
        }
        2 if p.ownership != Some(Ownership::Soe) => {
            text.put(
                &t(
                    "公司是国家级专精特新“小巨人”企业。",
                    "It is a national specialised and innovative 'little giant' firm.",
                ),
                &[],
                &[],
            );
        }
        3 => {
            let patents = rng.between(5, 180).to_string();
            text.put(
                &t(
                    "公司拥有省级企业技术中心，累计获得发明专利{0}项。",
                    "It runs a provincial enterprise technology centre and holds {0} invention patents.",
                ),
                &[&patents],
                &[&patents],
            );
        }
        4 if p.subjects[0].kind == Kind::Product => {
            let countries = (rng.between(1, 8) * 10).to_string();
            text.put(
                &t(
                    "产品销往{0}多个国家和地区。",
                    "It sells to more than {0} countries and regions.",
                ),
                &[&countries],
                &[&countries],
            );
        }
        _ => match p.ownership {
            Some(Ownership::Soe) => text.put(
                &t(
                    "公司是{0}重点国有企业，正在推进混合所有制改革。",
                    "It is one of {0}'s key state-owned enterprises and is moving to mixed ownership.",
                ),
                &[city.zh],
                &[city.en],
            ),
            Some(Ownership::Foreign) => {
                let plants = rng.between(5, 40).to_string();
                text.put(
                    &t(
                        "公司为外商投资企业，母公司在全球设有{0}个生产和研发基地。",
                        "It is foreign-invested; its parent has {0} plants and R&D centres worldwide.",
                    ),
                    &[&plants],
                    &[&plants],
                );
            }
            _ => text.put(
                &t("公司已通过ISO 9001质量管理体系认证。", "It is ISO 9001 certified."),
                &[],
                &[],
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brands_are_distinct_for_a_whole_cycle() {
        let brands = Brands::new(20170);
        let mut seen: Vec<&str> = (0..brands.len()).map(|i| brands.of(i).0).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), brands.len());
        assert!(brands.len() > 500);
    }

    #[test]
    fn every_type_appears_in_any_fifty_consecutive_organizations() {
        for start in [0, 7, 1000] {
            for org_type in OrgType::ALL {
                assert!(
                    (start..start + TYPE_SLOTS).any(|i| org_type_of(3, i) == *org_type),
                    "{org_type} from {start}"
                );
            }
        }
    }
}
