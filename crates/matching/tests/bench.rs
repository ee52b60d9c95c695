//! Latency benchmark (not a timed test): top 20 for one listing over 100,000
//! and 1,000,000 synthetic listings. Run in release:
//!
//! `cargo test -p hulian-matching --release -- --ignored --nocapture bench`
//!
//! (`BENCH_SIZES=100000` for one size, `BENCH_QUERIES=2000` for more queries.)
//!
//! The generator is deterministic and follows the dev corpus: its mix of
//! listing types per region, its sector frequencies, how often listings name
//! target regions, amounts, modes, deadlines and English fields. Titles and
//! descriptions are drawn from per-sector vocabularies plus the generic words
//! every listing uses (合作, 项目, 寻求…), about 100 characters like the dev set.
//! The index is built the way a service rebuild would: one pass counting term
//! statistics, a second building profiles.

use std::collections::HashSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use hulian_domain::{ListingRecord, ListingStatus, ListingType, Mode, OrgType, Region};
use hulian_matching::{DocTerms, ListingMeta, MatchConfig, MatchContext, MatchIndex, MatchProfile, TermStats};

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut pick = self.below(total as usize) as u32;
        for &(item, weight) in items {
            if pick < weight {
                return item;
            }
            pick -= weight;
        }
        items[0].0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

use ListingType::*;
use Region::*;

/// (type, region) counts of the dev corpus.
const TYPE_REGION: &[((ListingType, Region), u32)] = &[
    ((Offer, Shanghai), 53),
    ((Offer, Dalian), 33),
    ((Project, Dalian), 29),
    ((Technology, Shanghai), 22),
    ((FundMandate, Shanghai), 16),
    ((Need, Dalian), 16),
    ((Need, Shanghai), 11),
    ((Technology, Dalian), 7),
    ((ParkSpace, Dalian), 4),
    ((Offer, Yingkou), 4),
    ((Project, Shanghai), 3),
    ((Project, Dandong), 3),
    ((Project, Panjin), 2),
    ((Offer, Huludao), 2),
    ((Project, Jinzhou), 2),
    ((Offer, Dandong), 1),
    ((Offer, Jinzhou), 1),
    ((Need, Panjin), 1),
    ((ParkSpace, Yingkou), 1),
    ((Project, Huludao), 1),
    ((Need, Dandong), 1),
    ((Project, Yingkou), 1),
    ((ParkSpace, Shanghai), 1),
];

/// Sector frequencies of the dev corpus, with Chinese and English vocabularies.
const SECTORS: &[(&str, u32, &[&str], &[&str])] = &[
    (
        "equipment",
        71,
        &[
            "船舶",
            "数控机床",
            "轴承",
            "起重机",
            "铸锻件",
            "回转支承",
            "液压件",
            "齿轮箱",
            "电主轴",
            "焊接",
            "殷瓦钢",
            "港机",
            "盾构机",
            "海工装备",
            "精密加工",
            "减速机",
        ],
        &[
            "ship",
            "machine",
            "bearing",
            "crane",
            "casting",
            "forging",
            "spindle",
            "welding",
            "gearbox",
            "hydraulic",
        ],
    ),
    (
        "port_logistics",
        34,
        &[
            "冷链",
            "冷库",
            "集装箱",
            "航线",
            "多式联运",
            "码头",
            "仓储",
            "海铁联运",
            "港口",
            "分拨",
            "冷藏箱",
            "物流园区",
        ],
        &[
            "cold chain",
            "container",
            "shipping",
            "terminal",
            "warehouse",
            "logistics",
            "reefer",
            "port",
        ],
    ),
    (
        "new_energy",
        32,
        &[
            "储能",
            "风电",
            "光伏",
            "氢能",
            "液流电池",
            "变流器",
            "加氢站",
            "电解槽",
            "主轴承",
            "电站",
        ],
        &[
            "storage",
            "wind",
            "solar",
            "hydrogen",
            "battery",
            "inverter",
            "electrolyser",
            "grid",
        ],
    ),
    (
        "new_materials",
        27,
        &[
            "复合材料",
            "钛合金",
            "镁基",
            "石墨烯",
            "碳纤维",
            "特种陶瓷",
            "阻燃剂",
            "涂料",
            "高纯",
            "粉末",
        ],
        &[
            "composite",
            "titanium",
            "magnesium",
            "graphene",
            "carbon fibre",
            "ceramic",
            "coating",
            "powder",
        ],
    ),
    (
        "agriculture",
        21,
        &[
            "海参",
            "樱桃",
            "蓝莓",
            "海产品",
            "绿色食品",
            "种苗",
            "冷链配送",
            "农产品",
            "水产养殖",
            "预制菜",
        ],
        &[
            "seafood",
            "cherry",
            "blueberry",
            "aquaculture",
            "fresh produce",
            "green food",
        ],
    ),
    (
        "software_it",
        21,
        &[
            "工业软件",
            "物联网",
            "云平台",
            "数据采集",
            "MES",
            "数字孪生",
            "边缘计算",
            "软件外包",
            "大数据",
            "系统集成",
        ],
        &[
            "software",
            "iot",
            "cloud",
            "data",
            "digital twin",
            "platform",
            "integration",
        ],
    ),
    (
        "petrochemical",
        20,
        &[
            "聚烯烃",
            "POE",
            "炼化",
            "精细化工",
            "催化剂",
            "乙烯",
            "芳烃",
            "工艺包",
            "危化品",
            "石油树脂",
        ],
        &[
            "polyolefin",
            "refining",
            "catalyst",
            "ethylene",
            "chemical",
            "process package",
        ],
    ),
    (
        "tourism",
        19,
        &[
            "邮轮",
            "温泉",
            "度假区",
            "酒店",
            "文旅",
            "滨海",
            "景区",
            "旅行社",
            "客源",
            "民宿",
        ],
        &["cruise", "resort", "hotel", "tourism", "seaside", "travel"],
    ),
    (
        "biomedicine",
        16,
        &[
            "多肽",
            "CDMO",
            "原料药",
            "生物药",
            "制剂",
            "GMP",
            "医疗器械",
            "疫苗",
            "临床",
            "创新药",
        ],
        &[
            "peptide",
            "biologic",
            "api",
            "gmp",
            "medical device",
            "vaccine",
            "clinical",
        ],
    ),
    (
        "trade",
        16,
        &[
            "跨境电商",
            "进口",
            "批发市场",
            "商超",
            "分销",
            "贸易",
            "保税",
            "供应链",
            "直采",
            "渠道",
        ],
        &["trade", "import", "wholesale", "retail", "distribution", "bonded"],
    ),
    (
        "green_tech",
        15,
        &[
            "节能",
            "废水",
            "脱硫",
            "碳减排",
            "循环经济",
            "VOCs",
            "危废",
            "余热回收",
            "环保",
            "固废",
        ],
        &["energy saving", "wastewater", "emission", "recycling", "environmental"],
    ),
    (
        "robotics",
        14,
        &[
            "工业机器人",
            "协作机器人",
            "AGV",
            "减速器",
            "伺服",
            "视觉",
            "焊接机器人",
            "智能物流装备",
            "机械臂",
            "控制器",
        ],
        &["robot", "cobot", "agv", "reducer", "servo", "vision", "automation"],
    ),
    (
        "auto",
        11,
        &[
            "新能源汽车",
            "电驱动",
            "冲压",
            "焊装",
            "汽车零部件",
            "轻量化",
            "电池包",
            "整车",
            "底盘",
            "热管理",
        ],
        &[
            "vehicle",
            "electric drive",
            "auto parts",
            "stamping",
            "lightweight",
            "battery pack",
        ],
    ),
    (
        "health",
        8,
        &[
            "康养",
            "医养结合",
            "体检",
            "养老",
            "康复医院",
            "护理",
            "慢病管理",
            "医院",
        ],
        &["elderly care", "rehabilitation", "hospital", "health check", "nursing"],
    ),
    (
        "culture_sports",
        6,
        &["文创", "体育赛事", "演艺", "动漫", "博物馆", "品牌设计"],
        &["culture", "sports", "creative", "design"],
    ),
    (
        "exhibition",
        5,
        &["会展", "博览会", "展馆", "推介会", "论坛"],
        &["exhibition", "expo", "fair", "forum"],
    ),
    (
        "finance",
        4,
        &["融资租赁", "股权投资", "期货", "供应链金融", "保险"],
        &["leasing", "equity", "futures", "finance"],
    ),
    (
        "education",
        4,
        &["职业培训", "订单班", "实训基地", "校企合作"],
        &["training", "vocational", "school"],
    ),
    (
        "aerospace",
        3,
        &["航空", "通航", "无人机", "航空发动机", "卫星"],
        &["aviation", "aircraft", "drone", "engine"],
    ),
];

const GENERIC_ZH: &[&str] = &[
    "合作",
    "项目",
    "企业",
    "提供",
    "寻求",
    "上海",
    "大连",
    "年产能",
    "投资",
    "技术",
    "服务",
    "市场",
    "客户",
    "建设",
    "生产线",
    "基地",
    "产业园",
    "长期",
    "联合开发",
    "国产化",
    "供货",
    "升级",
    "示范",
    "对接",
    "产业化",
    "扩产",
];
/// Common characters, for the names every real listing carries (places,
/// products, models, companies): they make the vocabulary grow with the corpus
/// the way real text does, instead of repeating a few hundred words.
const COMMON_CHARS: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";

/// A made-up name of two to four common characters.
fn name(rng: &mut Rng) -> String {
    let chars: Vec<char> = COMMON_CHARS.chars().collect();
    (0..2 + rng.below(3)).map(|_| *rng.pick(&chars)).collect()
}

const SYLLABLES: &[&str] = &[
    "an", "bai", "bei", "chang", "cheng", "da", "dan", "dong", "fang", "feng", "fu", "gang", "gao", "guang", "hai",
    "he", "hong", "hua", "huang", "jia", "jian", "jin", "jing", "kang", "lian", "liao", "lin", "long", "lu", "ming",
    "nan", "ning", "pan", "ping", "qian", "qing", "rui", "shan", "sheng", "shi", "tai", "tian", "wan", "wei", "xin",
    "xing", "yang", "ying", "yong", "yuan", "zhang", "zhong", "zhou", "bo", "chen", "du", "gu", "han", "jiang", "kou",
    "li", "mei", "qiao", "tong",
];

/// A made-up place or company name in pinyin, such as `Wafangdian`.
fn pinyin(rng: &mut Rng) -> String {
    (0..2 + rng.below(2)).map(|_| *rng.pick(SYLLABLES)).collect()
}

/// A made-up model code such as `XK-350`.
fn model(rng: &mut Rng) -> String {
    let letters: Vec<char> = "ABCDEFGHJKLMNPRSTUVWXYZ".chars().collect();
    format!(
        "{}{}{}-{}",
        rng.pick(&letters),
        rng.pick(&letters),
        if rng.chance(0.5) { "" } else { "X" },
        100 + rng.below(900)
    )
}

const GENERIC_EN: &[&str] = &[
    "partner",
    "project",
    "supply",
    "capacity",
    "investment",
    "technology",
    "service",
    "joint",
    "base",
    "market",
    "customer",
];

const TYPE_WORDS: &[(ListingType, &str, &str)] = &[
    (Project, "项目", "project"),
    (Need, "采购需求", "wanted"),
    (Offer, "供应与服务", "supply and services"),
    (ParkSpace, "园区厂房招商", "park space"),
    (FundMandate, "产业基金投资意向", "fund mandate"),
    (Technology, "技术许可", "technology licensing"),
];

fn modes_for(rng: &mut Rng, listing_type: ListingType) -> Vec<Mode> {
    let pool: &[Mode] = match listing_type {
        FundMandate => &[Mode::Equity, Mode::JointVenture],
        Project => &[
            Mode::Equity,
            Mode::JointVenture,
            Mode::CoDevelopment,
            Mode::Licensing,
            Mode::Lease,
        ],
        Need => &[
            Mode::Procurement,
            Mode::Outsourcing,
            Mode::CoDevelopment,
            Mode::Relocation,
            Mode::Lease,
            Mode::Branch,
        ],
        Offer => &[
            Mode::Supply,
            Mode::Outsourcing,
            Mode::CoDevelopment,
            Mode::Procurement,
            Mode::JointVenture,
        ],
        ParkSpace => &[Mode::Relocation, Mode::Lease, Mode::Branch],
        Technology => &[Mode::Licensing, Mode::TechTransfer, Mode::CoDevelopment],
    };
    let count = 1 + rng.below(3);
    let mut out: Vec<Mode> = (0..count).map(|_| *rng.pick(pool)).collect();
    out.sort_by_key(|m| m.as_str());
    out.dedup();
    out
}

const YI: i64 = 100_000_000;

/// Listing `i` of a synthetic corpus of `n`, and its organization's facts.
fn listing(i: usize, n: usize, today: NaiveDate) -> (ListingRecord, ListingMeta) {
    let mut rng = Rng::new(i as u64);
    let (listing_type, region) = rng.weighted(TYPE_REGION);
    let sector_weights: Vec<(usize, u32)> = SECTORS.iter().enumerate().map(|(i, s)| (i, s.1)).collect();
    let primary = rng.weighted(&sector_weights);
    let mut sectors = vec![primary];
    if rng.chance(0.55) {
        sectors.push(rng.weighted(&sector_weights));
    }
    if rng.chance(0.15) {
        sectors.push(rng.weighted(&sector_weights));
    }
    sectors.sort_unstable();
    sectors.dedup();
    if let Some(at) = sectors.iter().position(|&s| s == primary) {
        sectors.swap(0, at);
    }
    let (_, _, zh_words, en_words) = SECTORS[primary];
    let secondary_words = SECTORS[*sectors.last().unwrap_or(&primary)].2;
    let (_, type_zh, type_en) = TYPE_WORDS
        .iter()
        .find(|(t, _, _)| *t == listing_type)
        .copied()
        .unwrap_or((Project, "项目", "project"));

    let specific: Vec<String> = (0..3 + rng.below(3)).map(|_| name(&mut rng)).collect();
    let code = model(&mut rng);
    let title = format!("{}{}{}{}", specific[0], rng.pick(zh_words), rng.pick(zh_words), type_zh);
    let mut description = format!("{}位于{}，", specific[0], specific[1]);
    for _ in 0..(6 + rng.below(5)) {
        let word = match rng.below(4) {
            0 | 1 => *rng.pick(zh_words),
            2 => *rng.pick(secondary_words),
            _ => *rng.pick(GENERIC_ZH),
        };
        description.push_str(word);
        let generic: &&str = rng.pick(GENERIC_ZH);
        description.push_str(generic);
        description.push_str(if rng.chance(0.3) { "，" } else { "与" });
    }
    description.push_str(&format!(
        "{}型号{}，{}。",
        specific[2],
        code,
        specific.last().map_or("", String::as_str)
    ));
    let english = rng.chance(0.6);
    let title_en = english.then(|| format!("{} {} {}", rng.pick(en_words), rng.pick(en_words), type_en));
    let description_en = english.then(|| {
        let mut words: Vec<String> = (0..12)
            .map(|_| {
                if rng.chance(0.5) {
                    rng.pick(en_words).to_string()
                } else {
                    rng.pick(GENERIC_EN).to_string()
                }
            })
            .collect();
        words.push(code.clone());
        words.push(pinyin(&mut rng));
        words.push(pinyin(&mut rng));
        words.join(" ")
    });

    let coastal = [Dalian, Yingkou, Dandong, Jinzhou, Panjin, Huludao];
    let target_regions = match listing_type {
        FundMandate => Some(coastal[..1 + rng.below(coastal.len())].to_vec()),
        ParkSpace if region != Shanghai => Some(vec![Shanghai]),
        _ if rng.chance(0.1) => Some(if region == Shanghai {
            vec![Dalian]
        } else {
            vec![Shanghai]
        }),
        _ => None,
    };
    let (amount_cny_min, amount_cny_max) = match listing_type {
        FundMandate => {
            let low = [YI / 20, YI / 10, YI, 2 * YI, 3 * YI, 5 * YI][rng.below(6)];
            (Some(low), Some(low * (3 + rng.below(8) as i64)))
        }
        Project => {
            let low = [YI / 2, YI, 15 * YI / 10, 2 * YI, 4 * YI, 8 * YI][rng.below(6)];
            (Some(low), Some(low + low * rng.below(3) as i64 / 2))
        }
        Need if rng.chance(0.4) => {
            let low = [YI / 50, YI / 10, YI][rng.below(3)];
            (Some(low), Some(low * 2))
        }
        _ => (None, None),
    };
    let status = match rng.below(100) {
        0..=2 => ListingStatus::Draft,
        3..=4 => ListingStatus::Closed,
        _ => ListingStatus::Published,
    };
    let deadline = match rng.below(100) {
        0..=3 => NaiveDate::from_ymd_opt(2025, 6, 30),
        4..=59 => NaiveDate::from_ymd_opt(2027, 12, 31),
        _ => NaiveDate::from_ymd_opt(2028, 6, 30),
    };
    let mut tags = if rng.chance(0.25) {
        vec![rng.pick(zh_words).to_string(), rng.pick(zh_words).to_string()]
    } else {
        Vec::new()
    };
    tags.dedup();
    let record = ListingRecord {
        external_id: format!("syn-{i}"),
        organization: format!("org-{}", i % (n / 2).max(1)),
        listing_type,
        title,
        title_en,
        description,
        description_en,
        sectors: sectors.iter().map(|&s| SECTORS[s].0.to_owned()).collect(),
        region,
        target_regions,
        amount_cny_min,
        amount_cny_max,
        modes: modes_for(&mut rng, listing_type),
        deadline,
        status,
        tags,
    };
    let now = today.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
    let meta = ListingMeta {
        id: i as i64 + 1,
        org_id: (i % (n / 2).max(1)) as i64 + 1,
        org_type: if listing_type == FundMandate {
            OrgType::Fund
        } else {
            OrgType::Enterprise
        },
        org_verified: rng.chance(0.2),
        updated_at: now - rng.below(720) as i64 * 86_400,
    };
    (record, meta)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(rank).copied().unwrap_or_default()
}

fn run(n: usize, queries: usize) {
    let queries = std::env::var("BENCH_QUERIES")
        .ok()
        .and_then(|q| q.parse().ok())
        .unwrap_or(queries);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    let generated = Instant::now();
    for i in 0..n {
        black_box(listing(i, n, today));
    }
    let generation_time = generated.elapsed();
    let started = Instant::now();
    let mut stats = TermStats::new();
    for i in 0..n {
        let (record, _) = listing(i, n, today);
        stats.add(&DocTerms::from_listing(&record));
    }
    let stats_time = started.elapsed();
    let mut index = MatchIndex::with_capacity(n);
    for i in 0..n {
        let (record, meta) = listing(i, n, today);
        let terms = DocTerms::from_listing(&record);
        index.upsert(MatchProfile::build(&record, meta, &terms, &stats));
    }
    let build_time = started.elapsed();

    let config = MatchConfig::default();
    let ctx = MatchContext::new(today, &config).with_terms(&stats);
    let excluded: HashSet<i64> = (1..=5).map(|k| (k * 7919) as i64).collect();
    let mut rng = Rng::new(0xBEEF);
    let mut ids = Vec::new();
    while ids.len() < queries {
        let id = rng.below(n) as i64 + 1;
        if index.get(id).is_some_and(|p| p.is_public(today)) {
            ids.push(id);
        }
    }
    // warm-up
    for &id in ids.iter().take(10) {
        black_box(index.top_matches(id, ctx, 20, &excluded));
    }
    let mut times = Vec::with_capacity(ids.len());
    let mut returned = 0usize;
    for &id in &ids {
        let t = Instant::now();
        let found = black_box(index.top_matches(id, ctx, 20, &excluded)).unwrap_or_default();
        times.push(t.elapsed());
        returned += found.len();
    }
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
    let memory = index.memory_estimate() + stats.memory_estimate();
    println!(
        "{n:>9} listings | build {:.1} s (term stats {:.1} s; generating the listings {:.1} s of it, twice) | memory ≈ {} MB (index {} MB, terms {} MB, vocabulary {}) | {} queries, top 20 (avg {:.1} returned): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean {:.2} ms",
        build_time.as_secs_f64(),
        stats_time.as_secs_f64(),
        generation_time.as_secs_f64(),
        memory / 1_000_000,
        index.memory_estimate() / 1_000_000,
        stats.memory_estimate() / 1_000_000,
        stats.vocabulary(),
        times.len(),
        returned as f64 / times.len().max(1) as f64,
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        mean.as_secs_f64() * 1e3,
    );
}

/// One test, so that the two sizes never run side by side (the harness runs
/// tests in parallel). `BENCH_SIZES=100000` runs one size only.
#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture bench"]
fn bench_top_matches() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|sizes| sizes.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000]);
    for n in sizes {
        run(n, if n > 500_000 { 300 } else { 400 });
    }
}

#[test]
fn the_generator_is_deterministic_and_valid() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default();
    for i in 0..200 {
        let (a, meta) = listing(i, 1000, today);
        assert_eq!(a, listing(i, 1000, today).0);
        assert!(!a.sectors.is_empty() && a.sectors.len() <= 5);
        assert!(a.title.chars().count() <= 200);
        assert!(a.amount_cny_min <= a.amount_cny_max);
        assert_eq!(meta.id, i as i64 + 1);
        let value = serde_json::to_value(&a).unwrap_or_default();
        let parsed = ListingRecord::from_json(value.as_object().unwrap_or(&Default::default()));
        assert!(parsed.is_ok(), "{i}: {parsed:?}");
    }
}
