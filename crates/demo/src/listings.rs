//! Demo listings: each one a pure function of the seed, its index and the
//! organization profiles, so a million of them stream without any state
//! beyond the (small) profile table.
//!
//! A listing first draws its type, then an organization able to post that type
//! (funds post mandates, parks post space…), then a subject from that
//! organization's vocabulary, and writes its title and description from
//! bilingual templates around that subject, a place and some figures.

use chrono::NaiveDate;
use hulian_domain::{ListingRecord, ListingStatus, ListingType, Mode, OrgType, Region};

use crate::organizations::{Brands, Profile, profile};
use crate::places::{self, Area, City, District};
use crate::rng::{Rng, STREAM_LISTING};
use crate::text::{
    Bi, Term, Tpl, capitalize, cny_range, join_en, join_zh, lower_words, render, t, thousands, with_article,
};
use crate::vocab::{INVESTMENT_LADDER, Kind, SectorVocab, Subject, subjects_of, vocab};

/// The listing types an organization of a type posts.
pub fn listing_types_for(org_type: OrgType) -> &'static [ListingType] {
    use ListingType::*;
    match org_type {
        OrgType::Enterprise => &[Project, Need, Offer, Technology],
        OrgType::Park => &[ParkSpace],
        OrgType::Fund => &[FundMandate],
        OrgType::Agency => &[Project],
        OrgType::Association => &[Offer, Need],
        OrgType::Institute => &[Technology],
    }
}

/// The modes a listing of a type may carry.
pub fn modes_for(listing_type: ListingType) -> &'static [Mode] {
    use Mode::*;
    match listing_type {
        ListingType::Project => &[Equity, JointVenture, Relocation, Branch],
        ListingType::Need => &[
            Procurement,
            Supply,
            Outsourcing,
            CoDevelopment,
            TechTransfer,
            Licensing,
            JointVenture,
        ],
        ListingType::Offer => &[
            Supply,
            Outsourcing,
            JointVenture,
            Branch,
            Relocation,
            CoDevelopment,
            Lease,
        ],
        ListingType::ParkSpace => &[Lease, Relocation],
        ListingType::FundMandate => &[Equity],
        ListingType::Technology => &[TechTransfer, Licensing, CoDevelopment],
    }
}

/// Listing types in [`ListingType::ALL`] order, with their share of listings.
const TYPE_WEIGHTS: [u32; 6] = [
    27, // project
    20, // need
    20, // offer
    9,  // park_space
    8,  // fund_mandate
    13, // technology
];

fn type_index(listing_type: ListingType) -> usize {
    ListingType::ALL.iter().position(|t| *t == listing_type).unwrap_or(0)
}

/// The organization profiles and, per listing type, which organizations post it.
pub(crate) struct OrgTable {
    pub profiles: Vec<Profile>,
    posters: [Vec<u32>; 6],
}

impl OrgTable {
    pub(crate) fn new(seed: u64, organizations: usize) -> Self {
        let brands = Brands::new(seed);
        let profiles: Vec<Profile> = (0..organizations).map(|i| profile(seed, i, &brands)).collect();
        let mut posters: [Vec<u32>; 6] = Default::default();
        for p in &profiles {
            for listing_type in listing_types_for(p.org_type) {
                posters[type_index(*listing_type)].push(p.index as u32);
            }
        }
        OrgTable { profiles, posters }
    }
}

/// The external id of listing `index` (0-based): `demo-lst-0000001`.
pub(crate) fn listing_id(index: usize) -> String {
    format!("demo-lst-{:07}", index + 1)
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// Deadlines are quarter ends: 2027-03-31 … 2029-12-31, or 2025 for expired listings.
fn quarter_end(year: i32, quarter: u32) -> NaiveDate {
    match quarter {
        0 => date(year, 3, 31),
        1 => date(year, 6, 30),
        2 => date(year, 9, 30),
        _ => date(year, 12, 31),
    }
}

/// Everything that differs between listing types; the common fields are filled around it.
struct Body {
    title: Bi,
    description: Bi,
    sectors: Vec<String>,
    region: Region,
    amount: (Option<i64>, Option<i64>),
    modes: Vec<Mode>,
    tags: Vec<String>,
}

impl Body {
    fn new(english: bool, region: Region) -> Self {
        Body {
            title: Bi::new(english),
            description: Bi::new(english),
            sectors: Vec::with_capacity(3),
            region,
            amount: (None, None),
            modes: Vec::with_capacity(2),
            tags: Vec::with_capacity(8),
        }
    }

    fn sector(&mut self, slug: &str) {
        if self.sectors.len() < 5 && !self.sectors.iter().any(|s| s == slug) {
            self.sectors.push(slug.to_owned());
        }
    }

    fn tag(&mut self, tag: &str) {
        let tag = tag.trim();
        if !tag.is_empty() && tag.chars().count() <= 50 && self.tags.len() < 20 && !self.tags.iter().any(|t| t == tag) {
            self.tags.push(tag.to_owned());
        }
    }

    fn mode(&mut self, mode: Mode) {
        if !self.modes.contains(&mode) {
            self.modes.push(mode);
        }
    }

    fn modes_sentence(&mut self, partner: Term) {
        let zh: Vec<&str> = self.modes.iter().map(|m| mode_zh(*m)).collect();
        let en: Vec<&str> = self.modes.iter().map(|m| mode_en(*m)).collect();
        let (zh, en) = (join_zh(&zh), join_or(&en));
        self.description.put(
            &t("诚邀{0}以{1}等方式合作。", "We invite {0} to work with us through {1}."),
            &[partner.zh, &zh],
            &[partner.en, &en],
        );
    }
}

/// Modes as running text (the enum's labels are for menus: `产需对接/采购`).
fn mode_zh(mode: Mode) -> &'static str {
    match mode {
        Mode::Procurement => "采购",
        Mode::Relocation => "设立基地",
        Mode::Lease => "租赁入驻",
        other => other.zh(),
    }
}

fn mode_en(mode: Mode) -> &'static str {
    match mode {
        Mode::Relocation => "setting up a base",
        Mode::Lease => "leasing space",
        Mode::Branch => "opening a branch",
        other => other.en(),
    }
}

/// "Companies from the counterpart regions", the usual partner of a listing.
fn companies_from(region: Region) -> Term {
    match region {
        Region::Shanghai => t(
            "大连及辽宁沿海城市的企业",
            "companies from Dalian and the Liaoning coastal cities",
        ),
        Region::Dalian => t(
            "上海及长三角地区的企业",
            "companies from Shanghai and the Yangtze River Delta",
        ),
        Region::Other => t("沪连两地的企业", "companies from Shanghai and Dalian"),
        _ => t("上海和大连的企业", "companies from Shanghai and Dalian"),
    }
}

fn join_or(items: &[&str]) -> String {
    match items {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => join_en(items),
    }
}

/// Where a listing's subject is.
struct Site {
    city: &'static City,
    district: &'static District,
    area: Option<&'static Area>,
}

impl Site {
    /// For titles: the zone if there is one, else the district.
    fn short(&self) -> Term {
        self.area.map_or(self.district.name, |a| a.name)
    }

    /// For sentences: city, district and zone.
    fn full(&self) -> (String, String) {
        match self.area {
            Some(area) => (
                format!("{}{}{}", self.city.name.zh, self.district.name.zh, area.name.zh),
                format!("{}, {}, {}", area.name.en, self.district.name.en, self.city.name.en),
            ),
            None => (
                format!("{}{}", self.city.name.zh, self.district.name.zh),
                format!("{}, {}", self.district.name.en, self.city.name.en),
            ),
        }
    }
}

struct Ctx<'a> {
    rng: Rng,
    org: &'a Profile,
    english: bool,
}

impl Ctx<'_> {
    /// The organization's own place, or another district of `region` known for `sector`.
    fn site(&mut self, region: Region, sector: &str, stay_home: u32) -> Site {
        let top = sector.split_once('.').map_or(sector, |(parent, _)| parent);
        let (city, district) = if region == self.org.region && self.rng.percent(stay_home) {
            (self.org.city, self.org.district)
        } else {
            places::pick_place_for(&mut self.rng, region, top)
        };
        let area = places::pick_area(&mut self.rng, district, top);
        Site { city, district, area }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *self.rng.pick(items)
    }

    fn number(&mut self, lo: u32, hi: u32) -> String {
        self.rng.between(lo, hi).to_string()
    }

    /// A subject the organization deals in, preferring kinds that suit the listing.
    fn own_subject(&mut self, kinds: &[Kind]) -> &'static Subject {
        let fitting: Vec<&'static Subject> = self
            .org
            .subjects
            .iter()
            .copied()
            .filter(|s| kinds.contains(&s.kind))
            .collect();
        if !fitting.is_empty() && self.rng.percent(85) {
            return self.rng.pick_copy(&fitting);
        }
        if !self.org.subjects.is_empty() && self.rng.percent(70) {
            return self.rng.pick_copy(&self.org.subjects);
        }
        let theme = *self.rng.pick(&self.org.themes);
        let fitting: Vec<&'static Subject> = theme.subjects.iter().filter(|s| kinds.contains(&s.kind)).collect();
        if fitting.is_empty() {
            self.rng.pick(theme.subjects)
        } else {
            self.rng.pick_copy(&fitting)
        }
    }

    /// A project size from the sector's range.
    fn project_size(&mut self, sector: &SectorVocab, shift: usize) -> i64 {
        let lo = (sector.invest.0 + shift).min(INVESTMENT_LADDER.len() - 1);
        let hi = (sector.invest.1 + shift).min(INVESTMENT_LADDER.len() - 1);
        INVESTMENT_LADDER[lo + self.rng.below(hi - lo + 1)]
    }
}

/// Listing `index` of the dataset.
///
/// The table must hold at least one organization.
pub(crate) fn listing(seed: u64, index: usize, table: &OrgTable) -> ListingRecord {
    let mut rng = Rng::new(seed, STREAM_LISTING, index as u64);
    let wanted = ListingType::ALL[rng.weighted(&TYPE_WEIGHTS)];
    let posters = &table.posters[type_index(wanted)];
    let (org, listing_type) = if posters.is_empty() {
        // Too few organizations to have a poster of every type: let a random one post what it can.
        let org = &table.profiles[rng.below(table.profiles.len())];
        (org, *rng.pick(listing_types_for(org.org_type)))
    } else {
        (&table.profiles[posters[rng.below(posters.len())] as usize], wanted)
    };
    let english = rng.percent(if org.bilingual { 86 } else { 30 });
    let mut ctx = Ctx { rng, org, english };
    let body = match listing_type {
        ListingType::Project if org.org_type == OrgType::Agency => agency_project(&mut ctx),
        ListingType::Project => project(&mut ctx),
        ListingType::Need => need(&mut ctx),
        ListingType::Offer => offer(&mut ctx),
        ListingType::ParkSpace => park_space(&mut ctx),
        ListingType::FundMandate => fund_mandate(&mut ctx),
        ListingType::Technology => technology(&mut ctx),
    };
    let rng = &mut ctx.rng;
    let target_regions = target_regions(rng, body.region);
    let (status, deadline) = match rng.below(1000) {
        0..20 => (
            ListingStatus::Draft,
            quarter_end(rng.between(2027, 2029) as i32, rng.between(0, 3)),
        ),
        20..40 => (
            ListingStatus::Closed,
            quarter_end(rng.between(2027, 2028) as i32, rng.between(0, 3)),
        ),
        40..52 => (ListingStatus::Published, quarter_end(2025, rng.between(0, 3))),
        _ => (
            ListingStatus::Published,
            quarter_end(rng.between(2027, 2029) as i32, rng.between(0, 3)),
        ),
    };
    let (title, title_en) = body.title.into_parts();
    let (description, description_en) = body.description.into_parts();
    ListingRecord {
        external_id: listing_id(index),
        organization: org.external_id.clone(),
        listing_type,
        title,
        title_en,
        description,
        description_en,
        sectors: body.sectors,
        region: body.region,
        target_regions,
        amount_cny_min: body.amount.0,
        amount_cny_max: body.amount.1,
        modes: body.modes,
        deadline: Some(deadline),
        status,
        tags: body.tags,
    }
}

/// Mostly absent (the counterparts of the region apply); set now and then,
/// and usually for `other`, which has no counterpart by default.
fn target_regions(rng: &mut Rng, region: Region) -> Option<Vec<Region>> {
    use Region::*;
    let chance = if region == Other { 70 } else { 10 };
    if !rng.percent(chance) {
        return None;
    }
    let options: &[&[Region]] = match region {
        Shanghai => &[
            &[Dalian],
            &[Dalian, Yingkou, Panjin],
            &[Dalian, Dandong, Jinzhou, Yingkou, Panjin, Huludao],
        ],
        Dalian => &[&[Shanghai], &[Shanghai, Other]],
        Other => &[&[Shanghai, Dalian], &[Dalian]],
        _ => &[&[Shanghai, Dalian], &[Shanghai]],
    };
    Some(rng.pick(options).to_vec())
}

/// Which task of the plan a sector's projects answer to.
fn plan_task(sector: &str) -> Term {
    match sector {
        "equipment" | "robotics" => t("装备制造业产需对接", "matching equipment makers with users"),
        "port_logistics" => t("国际航运中心和物流中心建设", "shipping and logistics centres"),
        "finance" => t("金融中心建设", "the financial centres"),
        "trade" | "exhibition" => t("国际贸易中心建设", "the international trade centres"),
        "tourism" => t("旅游产业合作", "tourism cooperation"),
        "agriculture" => t("现代农业合作对接", "modern agriculture"),
        "health" | "education" | "culture_sports" => t("公共服务体系建设", "public services"),
        "petrochemical" => t(
            "石化等重点行业合作",
            "cooperation in petrochemicals and other key industries",
        ),
        _ => t("新兴产业合作", "emerging industries"),
    }
}

fn site_fact(ctx: &mut Ctx<'_>, site: &Site) -> (String, String) {
    match (ctx.rng.below(5), site.city.port) {
        (0, Some(port)) => {
            let km = ctx.number(3, 60);
            (
                format!("距{}约{km}公里", port.zh),
                format!("it is {km} km from {}", port.en),
            )
        }
        (1, _) => {
            let mu = ctx.number(2, 60) + "0";
            (
                format!("规划用地约{mu}亩"),
                format!("about {mu} mu of land is set aside"),
            )
        }
        (2, _) => (
            "已完成项目备案和环评".to_owned(),
            "registration and the environmental assessment are done".to_owned(),
        ),
        (3, _) => (
            format!("已列入{}年度重点项目", site.city.name.zh),
            format!("it is on {}'s list of key projects for the year", site.city.name.en),
        ),
        _ => (
            "水、电、气、网等配套设施齐全".to_owned(),
            "water, power, gas and data connections are in place".to_owned(),
        ),
    }
}

fn strength(ctx: &mut Ctx<'_>, body: &mut Body, sector: &SectorVocab, city: &City) {
    let tpl = ctx.pick(sector.strengths);
    body.description.put(&tpl, &[city.name.zh], &[city.name.en]);
}

const PRODUCT_ACTIONS: &[Term] = &[
    t("生产基地建设", "production base"),
    t("智能工厂建设", "smart factory"),
    t("扩产", "capacity expansion"),
    t("生产线智能化改造", "production line automation"),
    t("产业化", "industrialisation"),
    t("研发制造基地建设", "R&D and manufacturing base"),
    t("二期扩建", "phase II expansion"),
    t("数字化车间改造", "digital workshop upgrade"),
];
/// For products made in laboratories and offices rather than on lines (software, drugs in development).
const RESEARCH_ACTIONS: &[Term] = &[
    t("研发中心建设", "R&D centre"),
    t("产业化", "commercialisation"),
    t("研发总部", "R&D headquarters"),
    t("创新平台建设", "innovation platform"),
];
const FACILITY_ACTIONS: &[Term] = &[
    t("建设", "construction"),
    t("二期扩建", "phase II expansion"),
    t("升级改造", "upgrade"),
    t("投资运营", "investment and operation"),
    t("新建", "new build"),
];
const SERVICE_ACTIONS: &[Term] = &[
    t("区域总部", "regional headquarters"),
    t("运营中心", "operations centre"),
    t("服务平台", "service platform"),
    t("综合服务基地", "service hub"),
];

fn actions(subject: &Subject) -> &'static [Term] {
    match subject.kind {
        Kind::Product if subject.cap.is_none() => RESEARCH_ACTIONS,
        Kind::Product => PRODUCT_ACTIONS,
        Kind::Facility => FACILITY_ACTIONS,
        Kind::Service => SERVICE_ACTIONS,
    }
}

/// Sets a project's size (sometimes a range) and returns it as text.
fn project_amount(ctx: &mut Ctx<'_>, body: &mut Body, sector: &SectorVocab, shift: usize) -> (String, String) {
    let low = ctx.project_size(sector, shift);
    let high = if ctx.rng.percent(35) {
        low + low / 2 * i64::from(ctx.rng.between(1, 2))
    } else {
        low
    };
    body.amount = (Some(low), Some(high));
    cny_range(low, high)
}

fn project(ctx: &mut Ctx<'_>) -> Body {
    let org = ctx.org;
    let subject = ctx.own_subject(&[Kind::Product, Kind::Facility]);
    let sector = vocab(subject.sector).unwrap_or(org.vocab);
    // Shanghai firms often build their base in Dalian or a coastal city; Dalian firms sometimes put R&D in Shanghai.
    let region = match org.region {
        Region::Shanghai if ctx.rng.percent(22) => ctx.pick(&[
            Region::Dalian,
            Region::Dalian,
            Region::Dalian,
            Region::Yingkou,
            Region::Panjin,
            Region::Jinzhou,
            Region::Dandong,
            Region::Huludao,
        ]),
        Region::Dalian if ctx.rng.percent(5) => Region::Shanghai,
        own => own,
    };
    let site = ctx.site(region, subject.sector, 80);
    let mut body = Body::new(ctx.english, region);
    body.sector(subject.sector);
    if let Some(other) = org.sectors.iter().find(|s| s.as_str() != subject.sector)
        && ctx.rng.percent(35)
    {
        body.sector(other);
    }
    let action = ctx.pick(actions(subject));
    let cap = subject.cap.map(|c| c.render(&mut ctx.rng));
    let place = site.short();
    let subject_en = capitalize(subject.name.en);
    let scale = subject.cap.map_or(0, |c| c.scale);
    let (amount_zh, amount_en) = project_amount(ctx, &mut body, sector, scale);
    match (ctx.rng.below(4), &cap) {
        (0, Some((cap_zh, cap_en))) if subject.kind == Kind::Product => body.title.put(
            &t("{0}{1}{2}项目", "{1} {2} project ({0})"),
            &[cap_zh, subject.name.zh, action.zh],
            &[cap_en, &subject_en, action.en],
        ),
        (1, _) => body.title.put(
            &t("{0}{1}{2}项目", "{0}: {1} {2} project"),
            &[&org.short.zh, subject.name.zh, action.zh],
            &[&org.short.en, subject.name.en, action.en],
        ),
        (2, _) => body.title.put(
            &t("{0}{1}{2}项目（总投资{3}）", "{1} {2} project, {0} ({3})"),
            &[place.zh, subject.name.zh, action.zh, &amount_zh],
            &[place.en, &subject_en, action.en, &amount_en],
        ),
        _ => body.title.put(
            &t("{0}{1}{2}项目", "{1} {2} project, {0}"),
            &[place.zh, subject.name.zh, action.zh],
            &[place.en, &subject_en, action.en],
        ),
    }

    let (where_zh, where_en) = site.full();
    let (fact_zh, fact_en) = site_fact(ctx, &site);
    body.description.put(
        &t("项目选址{0}，{1}。", "The project is sited in {0}; {1}."),
        &[&where_zh, &fact_zh],
        &[&where_en, &fact_en],
    );
    if org.region != region {
        body.description.put(
            &t("项目由总部位于{0}的{1}投资建设，是两地产业协作的重点项目。", "It is an investment by {1}, based in {0}, and a key project of the two regions' industrial cooperation."),
            &[org.city.name.zh, &org.name.zh],
            &[org.city.name.en, &org.name.en],
        );
    }
    let tech = ctx.pick(sector.techs);
    match (&cap, subject.kind) {
        (Some((cap_zh, cap_en)), Kind::Product) => body.description.put(
            &t(
                "项目采用{0}技术建设{1}生产线，建成后可形成{2}的生产能力。",
                "Production lines for {1} will use {0}; at full output they will make {2}.",
            ),
            &[tech.zh, subject.name.zh, cap_zh],
            &[tech.en, subject.name.en, cap_en],
        ),
        (Some((cap_zh, cap_en)), _) => body.description.put(
            &t(
                "项目拟建设{0}，{1}，并应用{2}技术。",
                "The plan is {0} with {1}, using {2}.",
            ),
            &[subject.name.zh, cap_zh, tech.zh],
            &[&with_article(subject.name.en), cap_en, tech.en],
        ),
        (None, Kind::Service) => body.description.put(
            &t(
                "项目拟建设{0}{1}，应用{2}技术提升服务能力。",
                "The plan is {1} for {0}, using {2} to raise capacity.",
            ),
            &[subject.name.zh, action.zh, tech.zh],
            &[subject.name.en, &with_article(action.en), tech.en],
        ),
        (None, _) => body.description.put(
            &t(
                "项目拟建设{0}研发和产业化平台，重点突破{1}技术。",
                "The plan is an R&D and production platform for {0}, focused on {1}.",
            ),
            &[subject.name.zh, tech.zh],
            &[subject.name.en, tech.en],
        ),
    }
    let share = ctx.pick(&[30u32, 40, 49, 51, 60]).to_string();
    body.description.put(
        &t(
            "项目总投资{0}，拟引进合作方出资比例约{1}%。",
            "Total investment is {0}; partners are invited to fund about {1}%.",
        ),
        &[&amount_zh, &share],
        &[&amount_en, &share],
    );
    body.mode(ctx.pick(&[Mode::Equity, Mode::Equity, Mode::JointVenture]));
    if ctx.rng.percent(40) {
        body.mode(ctx.pick(&[Mode::JointVenture, Mode::Equity, Mode::Relocation]));
    }
    let counterpart = places::counterpart_phrase(region);
    let partner = Term {
        zh: "战略投资者和产业链合作伙伴",
        en: "strategic investors and industry partners",
    };
    body.modes_sentence(partner);
    body.description.put(
        &t("优先考虑来自{0}的合作方。", "Partners from {0} are preferred."),
        &[counterpart.zh],
        &[counterpart.en],
    );
    if ctx.rng.percent(50) {
        strength(ctx, &mut body, sector, site.city);
    }
    if ctx.rng.percent(30) {
        let task = plan_task(sector.slug);
        body.description.put(
            &t(
                "项目符合沪连对口合作实施方案中“{0}”的任务要求。",
                "It answers the Shanghai–Dalian plan's task on {0}.",
            ),
            &[task.zh],
            &[task.en],
        );
        body.tag("对口合作");
    }
    body.tag(subject.name.zh);
    body.tag(tech.zh);
    body.tag(site.short().zh);
    if org.region != region {
        body.tag("产业转移");
    }
    if ctx.rng.percent(30) {
        body.tag("重点项目");
    }
    body
}

fn agency_project(ctx: &mut Ctx<'_>) -> Body {
    let org = ctx.org;
    let theme = ctx.pick(&org.themes);
    let kinds: &[Kind] = if ctx.rng.percent(80) {
        &[Kind::Product, Kind::Facility]
    } else {
        &[Kind::Service]
    };
    let fitting: Vec<&'static Subject> = theme.subjects.iter().filter(|s| kinds.contains(&s.kind)).collect();
    let subject: &'static Subject = if fitting.is_empty() {
        ctx.rng.pick(theme.subjects)
    } else {
        ctx.rng.pick_copy(&fitting)
    };
    let site = ctx.site(org.region, subject.sector, 100);
    let mut body = Body::new(ctx.english, org.region);
    body.sector(subject.sector);
    if org.themes.len() > 1 && ctx.rng.percent(30) {
        body.sector(ctx.pick(&org.themes).slug);
    }
    let place = site.short();
    let subject_en = capitalize(subject.name.en);
    let cap = subject.cap.map(|c| c.render(&mut ctx.rng));
    match (ctx.rng.below(3), &cap) {
        (0, _) => body.title.put(
            &t("{0}{1}产业链招商项目", "{1} supply-chain investment opportunity, {0}"),
            &[place.zh, subject.name.zh],
            &[place.en, &subject_en],
        ),
        (1, Some((cap_zh, cap_en))) => body.title.put(
            &t("{2}{0}{1}招商项目", "{2}: {1} investment opportunity ({0})"),
            &[cap_zh, subject.name.zh, place.zh],
            &[cap_en, &subject_en, place.en],
        ),
        _ => {
            let action = ctx.pick(actions(subject));
            body.title.put(
                &t("{0}{1}{2}项目（招商）", "{1} {2} project, {0}: investors wanted"),
                &[place.zh, subject.name.zh, action.zh],
                &[place.en, &subject_en, action.en],
            );
        }
    }
    let (where_zh, where_en) = site.full();
    let purpose = ctx.pick(&[
        t("补齐本地{0}产业链", "to complete the local {0} supply chain"),
        t("打造{0}产业集群", "to build a {0} cluster"),
        t("推动{0}产业转型升级", "to upgrade the local {0} industry"),
    ]);
    let theme_en = lower_words(theme.theme.en);
    let (purpose_zh, purpose_en) = render(&purpose, &[theme.theme.zh], &[&theme_en]);
    let wanted_en = match subject.kind {
        Kind::Product => format!("makers of {}", subject.name.en),
        Kind::Facility => format!("investors to build {}", with_article(subject.name.en)),
        Kind::Service => format!("providers of {}", subject.name.en),
    };
    body.description.put(
        &t(
            "{0}拟在{1}引进{2}领域企业，{3}。",
            "{0} is looking for {2} in {1}, {3}.",
        ),
        &[&org.name.zh, &where_zh, subject.name.zh, &purpose_zh],
        &[&org.name.en, &where_en, &wanted_en, &purpose_en],
    );
    if let Some((cap_zh, cap_en)) = &cap {
        body.description.put(
            &t("项目规划规模为{0}。", "The planned scale is {0}."),
            &[cap_zh],
            &[cap_en],
        );
    }
    let (fact_zh, fact_en) = site_fact(ctx, &site);
    body.description
        .put(&t("项目地块{0}。", "{0}."), &[&fact_zh], &[&capitalize(&fact_en)]);
    let scale = subject.cap.map_or(0, |c| c.scale);
    let (amount_zh, amount_en) = project_amount(ctx, &mut body, theme, scale);
    body.description.put(
        &t("预计总投资{0}。", "Investment is expected to be {0}."),
        &[&amount_zh],
        &[&amount_en],
    );
    let policies = [
        t("土地出让优惠", "discounted land"),
        t("设备投资补贴", "equipment subsidies"),
        t("人才公寓", "talent housing"),
        t("“一事一议”专项支持", "case-by-case support"),
        t("前三年租金减免", "three rent-free years"),
        t("产业基金跟投", "co-investment from the industry fund"),
    ];
    let chosen = ctx.rng.sample(&policies, 2);
    body.description.put(
        &t(
            "落地企业可享受{0}和{1}等政策。",
            "Companies that come can get {0} and {1}.",
        ),
        &[chosen[0].zh, chosen[1].zh],
        &[chosen[0].en, chosen[1].en],
    );
    body.mode(ctx.pick(&[Mode::Relocation, Mode::Relocation, Mode::JointVenture, Mode::Branch]));
    if ctx.rng.percent(40) {
        body.mode(ctx.pick(&[Mode::Equity, Mode::JointVenture]));
    }
    body.modes_sentence(companies_from(org.region));
    if ctx.rng.percent(50) {
        strength(ctx, &mut body, theme, site.city);
    }
    body.tag("招商引资");
    body.tag(subject.name.zh);
    body.tag(site.district.name.zh);
    if let Some(area) = site.area {
        body.tag(area.name.zh);
    }
    body
}

const FACTORY_REASONS: &[Term] = &[
    t("扩大产能", "a capacity expansion"),
    t("新建产线", "a new production line"),
    t("产品升级", "a product upgrade"),
    t("智能化改造", "an automation programme"),
    t("降本增效", "a cost-cutting programme"),
    t("海外订单增长", "growing export orders"),
];
const SERVICE_REASONS: &[Term] = &[
    t("业务扩张", "business growth"),
    t("数字化转型", "a digital transformation"),
    t("新项目建设", "a new project"),
    t("服务升级", "a service upgrade"),
    t("开拓华东市场", "its push into East China"),
];

fn need(ctx: &mut Ctx<'_>) -> Body {
    let org = ctx.org;
    // What a firm needs usually comes from a neighbouring sector (software for machine makers, cold chain for seafood).
    let subject: &'static Subject = if ctx.rng.percent(65) {
        let input = ctx.pick(org.vocab.inputs);
        let candidates = subjects_of(input);
        if candidates.is_empty() {
            ctx.rng.pick(org.vocab.subjects)
        } else {
            ctx.rng.pick_copy(&candidates)
        }
    } else {
        ctx.rng.pick(org.vocab.subjects)
    };
    let sector = vocab(subject.sector).unwrap_or(org.vocab);
    let site = ctx.site(org.region, org.vocab.slug, 95);
    let mut body = Body::new(ctx.english, org.region);
    body.sector(subject.sector);
    if let Some(own) = org.sectors.first() {
        body.sector(own);
    }
    let place = site.short();
    let subject_en = capitalize(subject.name.en);
    let wants_rnd = ctx.rng.percent(20);
    let tech = ctx.pick(sector.techs);
    // Slots: {0} the subject at the start of an English title, {1} the subject, {2} who, {3} where, {4} the technology,
    // {5} the subject with its article, {6} the budget.
    const BUDGETS: &[i64] = &[
        500_000, 1_000_000, 2_000_000, 3_000_000, 5_000_000, 8_000_000, 10_000_000, 20_000_000, 50_000_000,
    ];
    let budget = ctx.rng.percent(45).then(|| {
        let at = ctx.rng.below(BUDGETS.len());
        let low = BUDGETS[at];
        let high = if ctx.rng.percent(50) {
            BUDGETS.get(at + 1).copied().unwrap_or(low)
        } else {
            low
        };
        (low, high)
    });
    let (budget_zh, budget_en) = budget.map(|(low, high)| cny_range(low, high)).unwrap_or_default();
    let templates: &[Tpl] = match subject.kind {
        _ if wants_rnd => &[
            t("{2}{1}{4}联合研发需求", "{2} seeks joint R&D on {4} for {1}"),
            t(
                "{2}{1}{4}技术攻关合作需求",
                "{2}: partner wanted to develop {4} for {1}",
            ),
        ],
        Kind::Product => &[
            t("{2}寻求{1}供应商", "{2} seeks suppliers of {1}"),
            t("{2}采购{1}（预算{6}）", "{2} to buy {1} (budget {6})"),
            t(
                "{2}{1}国产化替代需求",
                "{2}: domestic alternative to imported {1} sought",
            ),
            t("{3}{1}配套供应商征集", "Local suppliers of {1} wanted, {3}"),
        ],
        Kind::Facility => &[
            t("{2}寻求{1}合作运营方", "{2} seeks an operator for {5}"),
            t("{3}{1}建设合作伙伴征集", "Partner wanted to build {5}, {3}"),
            t("{2}{1}工程总承包需求", "{2}: EPC contractor wanted for {5}"),
        ],
        Kind::Service => &[
            t("{2}征集{1}服务商", "{2} seeks providers of {1}"),
            t("{2}寻求{1}合作伙伴", "{2} seeks a partner for {1}"),
            t("{3}企业{1}外包需求", "Outsourcing of {1} for a company in {3}"),
        ],
    };
    let associated = org.org_type == OrgType::Association;
    let tpl = if associated {
        t("{2}会员企业{1}合作对接需求", "{2}: members seek partners in {1}")
    } else {
        // Only a listing with a budget may name it in its title.
        let usable: Vec<Tpl> = templates
            .iter()
            .copied()
            .filter(|t| budget.is_some() || !t.zh.contains("{6}"))
            .collect();
        ctx.pick(&usable)
    };
    let subject_a = with_article(subject.name.en);
    body.title.put(
        &tpl,
        &[
            subject.name.zh,
            subject.name.zh,
            &org.short.zh,
            place.zh,
            tech.zh,
            subject.name.zh,
            &budget_zh,
        ],
        &[
            &subject_en,
            subject.name.en,
            &org.short.en,
            place.en,
            tech.en,
            &subject_a,
            &budget_en,
        ],
    );
    if associated {
        let counterpart = places::counterpart_phrase(org.region);
        body.description.put(
            &t(
                "{0}代表会员企业征集{1}领域的合作伙伴，拟组织会员赴{2}对接交流。",
                "{0} is looking for partners in {1} on behalf of its members and will take a delegation to {2}.",
            ),
            &[&org.name.zh, subject.name.zh, counterpart.zh],
            &[&org.name.en, subject.name.en, counterpart.en],
        );
        body.mode(ctx.pick(&[Mode::Procurement, Mode::JointVenture, Mode::CoDevelopment]));
        body.modes_sentence(companies_from(org.region));
        body.tag(subject.name.zh);
        body.tag("产需对接");
        return body;
    }

    let makes_things = org.subjects.first().is_some_and(|s| s.kind == Kind::Product);
    let reason = ctx.pick(if makes_things { FACTORY_REASONS } else { SERVICE_REASONS });
    let what = if wants_rnd {
        t(
            "寻找在{1}方面开展{0}联合研发的合作伙伴",
            "a partner for joint R&D on {1} for {0}",
        )
    } else {
        match subject.kind {
            Kind::Product => t("采购一批{0}", "to buy {0}"),
            Kind::Facility => t("寻找{0}的建设和运营合作方", "a partner to build and run {2}"),
            Kind::Service => t("引入专业的{0}服务商", "a provider of {0}"),
        }
    };
    let (what_zh, what_en) = render(
        &what,
        &[subject.name.zh, tech.zh],
        &[subject.name.en, tech.en, &subject_a],
    );
    body.description.put(
        &t("因{0}，{1}现需{2}。", "For {0}, {1} needs {2}."),
        &[reason.zh, &org.name.zh, &what_zh],
        &[reason.en, &org.name.en, &what_en],
    );
    match subject.kind {
        Kind::Product if !wants_rnd => {
            let cert = match subject.sector {
                "equipment.shipbuilding" => t("船级社认证", "classification-society approval"),
                "biomedicine" => t("GMP认证", "GMP certification"),
                _ => t("相关生产资质和ISO 9001认证", "the relevant licences and ISO 9001"),
            };
            let months = ctx.number(2, 9);
            let (delivery_zh, delivery_en) = match ctx.rng.below(3) {
                0 => (
                    format!("交货期不超过{months}个月"),
                    format!("delivery within {months} months"),
                ),
                1 => (
                    "能提供本地化售后服务".to_owned(),
                    "local after-sales service".to_owned(),
                ),
                _ => ("具备稳定的批量供货能力".to_owned(), "steady volume supply".to_owned()),
            };
            body.description.put(
                &t("要求供应商具备{0}，{1}。", "Suppliers should have {0} and offer {1}."),
                &[cert.zh, &delivery_zh],
                &[cert.en, &delivery_en],
            );
        }
        _ => {
            let years = ctx.number(3, 10);
            body.description.put(
                &t(
                    "合作方需具备{0}年以上行业经验和成功案例。",
                    "Partners should have at least {0} years' experience and references.",
                ),
                &[&years],
                &[&years],
            );
        }
    }
    if let Some((low, high)) = budget {
        body.amount = (Some(low), Some(high));
        body.description.put(
            &t("预算约{0}。", "The budget is about {0}."),
            &[&budget_zh],
            &[&budget_en],
        );
    }
    let counterpart = places::counterpart_phrase(org.region);
    body.description.put(
        &t("优先考虑{0}的企业。", "Companies from {0} are preferred."),
        &[counterpart.zh],
        &[counterpart.en],
    );
    if wants_rnd {
        body.mode(Mode::CoDevelopment);
        if ctx.rng.percent(40) {
            body.mode(ctx.pick(&[Mode::TechTransfer, Mode::Licensing]));
        }
        body.tag(tech.zh);
    } else {
        match subject.kind {
            Kind::Product => {
                body.mode(Mode::Procurement);
                if ctx.rng.percent(25) {
                    body.mode(ctx.pick(&[Mode::Supply, Mode::CoDevelopment]));
                }
            }
            Kind::Facility => body.mode(ctx.pick(&[Mode::JointVenture, Mode::Outsourcing])),
            Kind::Service => {
                body.mode(Mode::Outsourcing);
                if ctx.rng.percent(30) {
                    body.mode(Mode::Procurement);
                }
            }
        }
    }
    body.tag(subject.name.zh);
    body.tag(if ctx.rng.percent(50) {
        "产需对接"
    } else {
        "合作需求"
    });
    body
}

fn offer(ctx: &mut Ctx<'_>) -> Body {
    let org = ctx.org;
    let subject = ctx.own_subject(&[Kind::Product, Kind::Service, Kind::Facility]);
    let sector = vocab(subject.sector).unwrap_or(org.vocab);
    let site = ctx.site(org.region, subject.sector, 95);
    let mut body = Body::new(ctx.english, org.region);
    body.sector(subject.sector);
    if let Some(other) = org.sectors.iter().find(|s| s.as_str() != subject.sector)
        && ctx.rng.percent(30)
    {
        body.sector(other);
    }
    let place = site.short();
    let subject_en = capitalize(subject.name.en);
    let served = places::counterpart_district(&mut ctx.rng, org.region);
    let cap = subject.cap.map(|c| c.render(&mut ctx.rng));
    let finance = sector.slug == "finance";
    let credit = (finance && ctx.rng.percent(70)).then(|| {
        let low = ctx.pick(&[10_000_000i64, 20_000_000, 50_000_000]);
        (low, low * ctx.pick(&[5i64, 10, 20]))
    });
    let (credit_zh, credit_en) = credit.map(|(low, high)| cny_range(low, high)).unwrap_or_default();
    // Slots: {0} the subject at the start of an English title, {1} the subject, {2} who, {3} where, {4} for whom,
    // {5} the capacity, {6} a finance firm's deal size.
    let templates: &[Tpl] = match subject.kind {
        _ if credit.is_some() => &[
            t(
                "{2}面向{4}企业提供{1}（单笔{6}）",
                "{2}: {1} for companies in {4}, deals of {6}",
            ),
            t("{2}{1}服务（单笔{6}）", "{2}: {1}, deals of {6}"),
        ],
        _ if finance => &[
            t("{2}面向{4}企业提供{1}", "{2}: {1} for companies in {4}"),
            t("{2}{3}{1}服务", "{2}: {1} in {3}"),
        ],
        Kind::Product if cap.is_some() => &[
            t("{2}{5}{1}产能开放合作", "{2}: {1} capacity open to partners ({5})"),
            t("{2}{1}定制供货", "{2}: custom {1} supply"),
            t("{2}面向{4}企业供应{1}", "{2}: {1} supplied to companies in {4}"),
            t(
                "{3}{1}生产基地对外合作（{5}）",
                "{0} plant in {3} open to cooperation ({5})",
            ),
        ],
        Kind::Product => &[
            t("{2}{1}产品面向{4}推介", "{2}: {1} for companies in {4}"),
            t("{2}{1}定制开发", "{2}: custom {1}"),
        ],
        Kind::Facility if cap.is_some() => &[
            t("{3}{1}资源开放共享（{5}）", "{0} in {3} open to users ({5})"),
            t("{2}{1}对外承接业务（{5}）", "{2}: {1} capacity available ({5})"),
            t("{2}{1}面向{4}企业开放", "{2}: {1} open to companies in {4}"),
        ],
        Kind::Facility => &[
            t("{3}{1}资源开放共享", "{0} in {3} open to users"),
            t("{2}{1}对外承接业务", "{2}: {1} capacity available"),
        ],
        Kind::Service => &[
            t("{2}可为{4}企业提供{1}", "{2}: {1} for companies in {4}"),
            t("{2}面向{4}的{1}一站式解决方案", "{2}: one-stop {1} for {4}"),
            t("{3}承接{4}企业{1}业务", "{0} from {3} for companies in {4}"),
        ],
    };
    let tpl = ctx.pick(templates);
    let (cap_zh, cap_en) = cap.clone().unwrap_or_default();
    body.title.put(
        &tpl,
        &[
            subject.name.zh,
            subject.name.zh,
            &org.short.zh,
            place.zh,
            &served.zh,
            &cap_zh,
            &credit_zh,
        ],
        &[
            &subject_en,
            subject.name.en,
            &org.short.en,
            place.en,
            &served.en,
            &cap_en,
            &credit_en,
        ],
    );
    let how_many = ctx.number(5, 200);
    match (&cap, subject.kind) {
        (Some((cap_zh, cap_en)), Kind::Product) => {
            let usage = ctx.pick(&[
                t("目前仍有富余产能", "there is spare capacity today"),
                t("可承接批量订单", "volume orders are welcome"),
                t("可根据客户需求定制开发", "custom designs are possible"),
            ]);
            body.description.put(
                &t("{0}具备{1}的{2}生产能力，{3}。", "{0} makes {2} ({1}); {3}."),
                &[&org.name.zh, cap_zh, subject.name.zh, usage.zh],
                &[&org.name.en, cap_en, subject.name.en, usage.en],
            );
        }
        (Some((cap_zh, cap_en)), _) => body.description.put(
            &t(
                "{0}运营的{1}（{2}）可对外提供服务。",
                "{0} runs {1} ({2}) that outside users can book.",
            ),
            &[&org.name.zh, subject.name.zh, cap_zh],
            &[&org.name.en, &with_article(subject.name.en), cap_en],
        ),
        (None, Kind::Product) => body.description.put(
            &t(
                "{0}自主研发{1}，已在{2}家客户成功应用。",
                "{0} develops its own {1}, already in use at {2} customers.",
            ),
            &[&org.name.zh, subject.name.zh, &how_many],
            &[&org.name.en, subject.name.en, &how_many],
        ),
        (None, _) => body.description.put(
            &t(
                "{0}从事{1}业务，已服务客户{2}家。",
                "{0} provides {1} and has served {2} clients.",
            ),
            &[&org.name.zh, subject.name.zh, &how_many],
            &[&org.name.en, subject.name.en, &how_many],
        ),
    }
    let tech = ctx.pick(sector.techs);
    let percent = ctx.number(10, 40);
    let benefit = if subject.kind == Kind::Product {
        ctx.pick(&[
            t(
                "较传统方案能耗降低{0}%",
                "using {0}% less energy than conventional solutions",
            ),
            t("交付周期缩短{0}%", "cutting lead times by {0}%"),
            t("综合成本降低{0}%", "cutting overall cost by {0}%"),
        ])
    } else {
        ctx.pick(&[
            t("服务效率提升{0}%", "raising efficiency by {0}%"),
            t("运营成本降低{0}%", "cutting operating costs by {0}%"),
        ])
    };
    let (benefit_zh, benefit_en) = render(&benefit, &[&percent], &[&percent]);
    body.description.put(
        &t("采用{0}技术，{1}。", "It uses {0}, {1}."),
        &[tech.zh, &benefit_zh],
        &[tech.en, &benefit_en],
    );
    if let Some((low, high)) = credit {
        body.amount = (Some(low), Some(high));
        body.description.put(
            &t("单笔业务额度{0}。", "Single deals range from {0}."),
            &[&credit_zh],
            &[&credit_en],
        );
    }
    if finance {
        body.mode(ctx.pick(&[Mode::Branch, Mode::JointVenture, Mode::Supply]));
    } else {
        match subject.kind {
            Kind::Product => {
                body.mode(Mode::Supply);
                if ctx.rng.percent(35) {
                    body.mode(ctx.pick(&[Mode::JointVenture, Mode::Relocation, Mode::CoDevelopment]));
                }
            }
            Kind::Facility => body.mode(ctx.pick(&[Mode::Outsourcing, Mode::Lease])),
            Kind::Service => {
                body.mode(Mode::Outsourcing);
                if ctx.rng.percent(30) {
                    body.mode(Mode::Branch);
                }
            }
        }
    }
    body.modes_sentence(companies_from(org.region));
    if org.org_type == OrgType::Association {
        body.description.put(
            &t(
                "本信息由协会代会员企业发布。",
                "Posted by the association on behalf of its members.",
            ),
            &[],
            &[],
        );
        body.tag("协会推荐");
    }
    body.tag(subject.name.zh);
    body.tag(tech.zh);
    if subject.sector.starts_with("equipment") && ctx.rng.percent(30) {
        body.tag("首台套");
    }
    if ctx.rng.percent(20) {
        body.tag("专精特新");
    }
    body
}

const MATURITY: &[Term] = &[
    t("已完成中试验证", "has passed pilot-scale trials"),
    t(
        "已在多家企业实现工程化应用",
        "is already in industrial use at several companies",
    ),
    t("已完成实验室验证", "has been proven in the laboratory"),
    t(
        "已形成样机并通过第三方检测",
        "exists as a prototype that has passed third-party testing",
    ),
];

fn technology(ctx: &mut Ctx<'_>) -> Body {
    let org = ctx.org;
    let subject = ctx.own_subject(&[Kind::Product, Kind::Facility]);
    let sector = vocab(subject.sector).unwrap_or(org.vocab);
    let tech = ctx.pick(sector.techs);
    let site = ctx.site(org.region, subject.sector, 100);
    let mut body = Body::new(ctx.english, org.region);
    body.sector(subject.sector);
    if ctx.rng.percent(25) {
        body.sector(ctx.pick(sector.related));
    }
    let tech_en = capitalize(tech.en);
    let improvement = ctx.pick(&[
        t("能效提升", "Efficiency gains"),
        t("在线质量检测", "In-line quality inspection"),
        t("智能运维", "Smart maintenance"),
        t("低成本制造", "Low-cost manufacturing"),
        t("寿命延长", "Longer service life"),
        t("故障诊断", "Fault diagnosis"),
        t("工艺优化", "Process optimisation"),
        t("安全监测", "Safety monitoring"),
    ]);
    let second = ctx.pick(sector.techs);
    // Slots: {0} the subject, {1} the technology, {2} the technology at the start of an English title, {3} the gain,
    // {4} who, {5} the gain in running text, {6} a second technology ({7} in English).
    // Half the titles read like the patents behind them (一种……方法), as 科技成果 often are.
    let tpl = if subject.kind == Kind::Service {
        ctx.pick(&[
            t("{4}：{1}在{0}中的应用", "{4}: {1} applied to {0}"),
            t("{4}{1}成果转化", "{4}: {1} ready for transfer"),
            t("一种基于{1}的{0}{3}方法", "A method for {0}: {5} using {1}"),
        ])
    } else {
        ctx.pick(&[
            t("{0}{1}技术", "{2} for {0}"),
            t("基于{1}的{0}{3}技术", "{3} for {0} using {1}"),
            t("{4}{1}成果转化", "{4}: {1} ready for transfer"),
            t("新一代{0}{1}关键技术", "Key {1} technology for next-generation {0}"),
            t("一种基于{1}的{0}{3}方法", "A method for {0}: {5} using {1}"),
            t("一种用于{0}的{1}装置", "A {1} device for {0}"),
            t("{0}{1}系统及方法", "System and method for {1} in {0}"),
            t("一种{0}{3}系统", "A {5} system for {0}"),
            t("{1}与{6}融合的{0}{3}技术", "{3} for {0} combining {1} and {7}"),
        ])
    };
    body.title.put(
        &tpl,
        &[
            subject.name.zh,
            tech.zh,
            tech.zh,
            improvement.zh,
            &org.short.zh,
            improvement.zh,
            second.zh,
            second.zh,
        ],
        &[
            subject.name.en,
            tech.en,
            &tech_en,
            improvement.en,
            &org.short.en,
            &improvement.en.to_lowercase(),
            second.en,
            second.en,
        ],
    );
    let maturity = ctx.pick(MATURITY);
    body.description.put(
        &t("该成果由{0}研发，{1}。", "Developed by {0}, the technology {1}."),
        &[&org.name.zh, maturity.zh],
        &[&org.name.en, maturity.en],
    );
    let patents = ctx.number(2, 30);
    let percent = ctx.number(10, 45);
    body.description.put(
        &t(
            "已获授权发明专利{0}项，关键指标较现有方案提升{1}%。",
            "It is protected by {0} granted invention patents; key figures are {1}% better than current solutions.",
        ),
        &[&patents, &percent],
        &[&patents, &percent],
    );
    let other = ctx.rng.pick(sector.subjects);
    if other.name != subject.name {
        body.description.put(
            &t("可应用于{0}、{1}等领域。", "It applies to {0}, {1} and related fields."),
            &[subject.name.zh, other.name.zh],
            &[subject.name.en, other.name.en],
        );
    }
    let choices = [Mode::TechTransfer, Mode::Licensing, Mode::CoDevelopment];
    let count = 1 + ctx.rng.below(2);
    for mode in ctx.rng.sample(&choices, count) {
        body.mode(*mode);
    }
    let partner = Term {
        zh: "有意向的企业",
        en: "interested companies",
    };
    body.modes_sentence(partner);
    if ctx.rng.percent(40) {
        let price = ctx.pick(&[
            500_000i64, 1_000_000, 2_000_000, 3_000_000, 5_000_000, 8_000_000, 10_000_000, 20_000_000, 30_000_000,
        ]);
        body.amount = (Some(price), Some(price));
        let (zh, en) = cny_range(price, price);
        body.description.put(
            &t(
                "转让价格约{0}，可面议。",
                "The asking price is about {0}, open to negotiation.",
            ),
            &[&zh],
            &[&en],
        );
    } else {
        body.description
            .put(&t("价格面议。", "Price on application."), &[], &[]);
    }
    body.tag(tech.zh);
    body.tag(subject.name.zh);
    body.tag("科技成果转化");
    if org.org_type == OrgType::Institute {
        body.tag("产学研合作");
    }
    if site.area.is_some_and(|a| a.name.zh.contains("科学城")) {
        body.tag("自主创新示范区");
    }
    body
}

/// What a park offers: the sentence, and the title of a listing about it.
/// Slots: {0} floor space (万平方米 in Chinese, m² in English), {1} clear height in metres, {2} land in mu,
/// {3} the park, {4} the theme.
const CARRIERS: &[(Term, Term)] = &[
    (
        t(
            "标准厂房{0}万平方米，首层层高{1}米，可分割出租",
            "{0} m² of standard factory space, {1} m clear height on the ground floor, divisible",
        ),
        t(
            "{3}{0}万平方米标准厂房招租",
            "{0} m² of standard factory space for lease at {3}",
        ),
    ),
    (
        t(
            "工业用地约{2}亩，可按“标准地”出让",
            "about {2} mu of serviced industrial land",
        ),
        t("{3}{2}亩{4}产业用地招商", "{2} mu of industrial land for {4} at {3}"),
    ),
    (
        t(
            "研发办公楼宇{0}万平方米，可拎包入驻",
            "{0} m² of fitted-out R&D and office space",
        ),
        t(
            "{3}{0}万平方米研发办公楼宇招租",
            "{0} m² of R&D and office space at {3}",
        ),
    ),
    (
        t("冷库和仓储设施{0}万平方米", "{0} m² of cold storage and warehousing"),
        t(
            "{3}{0}万平方米冷库仓储设施招租",
            "{0} m² of cold storage for lease at {3}",
        ),
    ),
];

fn park_space(ctx: &mut Ctx<'_>) -> Body {
    let org = ctx.org;
    // Shanghai parks list their enclave parks and sub-parks in Dalian and the coastal cities;
    // Dalian parks list their "reverse enclaves" in Shanghai.
    let (region, enclave, reverse) = match org.region {
        Region::Shanghai if ctx.rng.percent(35) => (
            ctx.pick(&[
                Region::Dalian,
                Region::Dalian,
                Region::Dalian,
                Region::Yingkou,
                Region::Panjin,
                Region::Jinzhou,
            ]),
            true,
            false,
        ),
        Region::Dalian if ctx.rng.percent(12) => (Region::Shanghai, true, true),
        own => (own, false, false),
    };
    let theme = ctx.pick(&org.themes);
    let site = ctx.site(region, theme.slug, 100);
    let mut body = Body::new(ctx.english, region);
    // The theme the listing names first, then some of the park's other sectors.
    if let Some(slug) = org
        .sectors
        .iter()
        .find(|s| vocab(s).is_some_and(|v| v.slug == theme.slug))
    {
        body.sector(slug);
    }
    let count = ctx.rng.below(3);
    for slug in ctx.rng.sample(&org.sectors, count) {
        body.sector(slug);
    }
    let district = site.district.name;
    let carrier_floor = ctx.rng.between(1, 20);
    let floor_zh = carrier_floor.to_string();
    let floor_en = thousands(u64::from(carrier_floor) * 10_000);
    let height = ctx.pick(&["8", "9", "10", "12"]);
    let land = ctx.number(5, 60) + "0";
    let cold = matches!(theme.slug, "port_logistics" | "agriculture" | "trade" | "biomedicine");
    let (carrier, carrier_title) = ctx.pick(if cold { CARRIERS } else { &CARRIERS[..3] });
    let carrier_args_zh = [floor_zh.as_str(), height, &land, &org.name.zh, theme.theme.zh];
    let theme_en = lower_words(theme.theme.en);
    let carrier_args_en = [floor_en.as_str(), height, &land, &org.name.en, &theme_en];
    let (carrier_zh, carrier_en) = render(&carrier, &carrier_args_zh, &carrier_args_en);

    // Title slots: {0} the park's short name, {1} the district, {2} the theme, {3} the park's name,
    // {4} a build-to-suit floor area (m²), {5} the floor space on offer (万平方米 in Chinese, m² in English).
    let custom = ctx.rng.between(2, 40) * 500;
    let (custom_zh, custom_en) = (custom.to_string(), thousands(u64::from(custom)));
    let title_zh = [
        org.short.zh.as_str(),
        district.zh,
        theme.theme.zh,
        &org.name.zh,
        &custom_zh,
        &floor_zh,
    ];
    let title_en = [
        org.short.en.as_str(),
        district.en,
        &theme_en,
        &org.name.en,
        &custom_en,
        &floor_en,
    ];
    if enclave && reverse {
        body.title.put(
            &t(
                "{0}上海{1}“反向飞地”科创中心入驻招募",
                "{0}: reverse-enclave innovation centre in {1}, Shanghai, tenants wanted",
            ),
            &title_zh,
            &title_en,
        );
        body.description.put(
            &t("{0}在上海{1}设立“反向飞地”科创中心，为{2}企业提供研发办公空间，研发在上海、转化在{2}。", "{0} runs a reverse-enclave innovation centre in {1}, Shanghai, giving firms from {2} R&D space: research in Shanghai, production back home."),
            &[&org.name.zh, district.zh, org.city.name.zh],
            &[&org.name.en, district.en, org.city.name.en],
        );
        body.tag("反向飞地");
        body.tag("飞地");
    } else if enclave {
        let tpl = ctx.pick(&[
            t("{0}{1}分园区招商", "{0} sub-park in {1}: tenants wanted"),
            t(
                "沪连{2}飞地园区（{1}）入驻招商",
                "Shanghai–Dalian {2} enclave park in {1}: tenants wanted",
            ),
            t(
                "{0}{1}分园区{5}万平方米厂房招租",
                "{0} sub-park in {1}: {5} m² of factory space for lease",
            ),
        ]);
        body.title.put(&tpl, &title_zh, &title_en);
        body.description.put(
            &t(
                "该飞地园区由{0}与{1}{2}合作共建，按“飞地经济”模式运营，产值和税收按协议分成。",
                "The enclave park is run jointly by {0} and {2}, {1}; output and tax are shared by agreement.",
            ),
            &[&org.name.zh, site.city.name.zh, district.zh],
            &[&org.name.en, site.city.name.en, district.en],
        );
        body.tag("飞地");
        body.tag("分园区");
    } else {
        if ctx.rng.percent(15) {
            body.title.put(
                &t("{3}{4}平方米定制厂房", "{4} m² build-to-suit factory at {3}"),
                &title_zh,
                &title_en,
            );
        } else {
            body.title.put(&carrier_title, &carrier_args_zh, &carrier_args_en);
        }
        let (where_zh, where_en) = site.full();
        body.description.put(
            &t(
                "{0}位于{1}，重点承接{2}产业项目。",
                "{0} is in {1} and hosts {2} projects.",
            ),
            &[&org.name.zh, &where_zh, theme.theme.zh],
            &[&org.name.en, &where_en, &theme_en],
        );
        if org.region == Region::Dalian && ctx.rng.percent(40) {
            body.description.put(
                &t(
                    "园区为沪—连对口合作示范园区。",
                    "It is a Shanghai–Dalian demonstration park.",
                ),
                &[],
                &[],
            );
            body.tag("示范园区");
        }
    }
    body.description
        .put(&t("现有{0}。", "Available: {0}."), &[&carrier_zh], &[&carrier_en]);
    let policies = [
        t("租金减免", "rent relief"),
        t("设备投资补贴", "equipment subsidies"),
        t("人才公寓", "talent housing"),
        t("研发费用补助", "R&D grants"),
        t("代办审批服务", "help with permits"),
        t("产业基金支持", "support from the industry fund"),
    ];
    let chosen = ctx.rng.sample(&policies, 2);
    body.description.put(
        &t("入驻企业可享受{0}、{1}等政策。", "Tenants can get {0} and {1}."),
        &[chosen[0].zh, chosen[1].zh],
        &[chosen[0].en, chosen[1].en],
    );
    if chosen.iter().any(|p| p.zh == "产业基金支持") {
        body.tag("基金+基地");
    }
    if ctx.rng.percent(30) {
        let minimum = ctx.pick(&[20_000_000i64, 50_000_000, 100_000_000, 200_000_000]);
        body.amount = (Some(minimum), None);
        let (zh, en) = cny_range(minimum, minimum);
        body.description.put(
            &t(
                "单个项目投资额原则上不低于{0}。",
                "Projects should normally invest at least {0}.",
            ),
            &[&zh],
            &[&en],
        );
    }
    if ctx.rng.percent(85) {
        body.mode(Mode::Lease);
        if ctx.rng.percent(45) {
            body.mode(Mode::Relocation);
        }
    } else {
        body.mode(Mode::Relocation);
    }
    body.tag("园区载体");
    body.tag(theme.theme.zh);
    body.tag(district.zh);
    body
}

const STAGES: &[Term] = &[
    t("天使轮", "angel-stage"),
    t("A轮", "Series A"),
    t("成长期", "growth-stage"),
    t("Pre-IPO", "pre-IPO"),
    t("并购", "buy-out"),
];

fn fund_mandate(ctx: &mut Ctx<'_>) -> Body {
    let org = ctx.org;
    let mut body = Body::new(ctx.english, org.region);
    let count = 1 + ctx.rng.below(org.themes.len().min(3));
    let themes: Vec<&'static SectorVocab> = ctx.rng.sample(&org.themes, count).into_iter().copied().collect();
    for theme in &themes {
        if ctx.rng.percent(30) {
            body.sector(ctx.rng.pick(theme.subjects).sector);
        } else {
            body.sector(theme.slug);
        }
    }
    let theme = themes[0];
    let theme_en = lower_words(theme.theme.en);
    let counterpart = places::counterpart_phrase(org.region);
    let (mut low, mut high) = org.ticket;
    match ctx.rng.below(10) {
        0..2 => low *= 2,
        2..4 if high / 2 > low => high /= 2,
        _ => {}
    }
    if low > high {
        high = low;
    }
    // Small tickets go to early rounds, large ones to late rounds and buy-outs.
    let stage = if low <= 20_000_000 {
        ctx.pick(&STAGES[..3])
    } else if low <= 100_000_000 {
        ctx.pick(&STAGES[1..4])
    } else {
        ctx.pick(&STAGES[2..])
    };
    body.amount = (Some(low), Some(high));
    let (ticket_zh, ticket_en) = cny_range(low, high);
    // Slots: {0} the fund, {1} the theme, {2} the theme in a name, {3} the stage, {4} where, {5} the ticket,
    // {6} a subject the fund looks for.
    let focus = ctx.rng.pick(theme.subjects);
    let tpl = ctx.pick(&[
        t(
            "{0}{1}领域{3}股权投资意向（单笔{5}）",
            "{0}: {3} equity investment in {1}, tickets of {5}",
        ),
        t("{0}{2}产业基金寻找{3}项目", "{0} {2} fund seeks {3} projects"),
        t(
            "基金+基地：{0}{1}{3}项目投资",
            "Fund plus base: {0} invests in {3} {1} projects",
        ),
        t("{0}关注{4}{1}{3}项目", "{0} looks for {3} {1} projects in {4}"),
        t(
            "{0}寻找{6}领域{3}项目（单笔{5}）",
            "{0} seeks {3} projects in {6}, tickets of {5}",
        ),
        t("{0}{6}产业链投资意向", "{0}: investing along the {6} supply chain"),
    ]);
    body.title.put(
        &tpl,
        &[
            &org.short.zh,
            theme.theme.zh,
            theme.theme.zh,
            stage.zh,
            counterpart.zh,
            &ticket_zh,
            focus.name.zh,
        ],
        &[
            &org.short.en,
            &theme_en,
            theme.theme.en,
            stage.en,
            counterpart.en,
            &ticket_en,
            focus.name.en,
        ],
    );
    let names_zh: Vec<&str> = themes.iter().map(|v| v.theme.zh).collect();
    let names_en: Vec<String> = themes.iter().map(|v| lower_words(v.theme.en)).collect();
    let names_en: Vec<&str> = names_en.iter().map(String::as_str).collect();
    body.description.put(
        &t(
            "{0}计划投资{1}领域，单笔投资{2}。",
            "{0} plans to invest in {1}, with tickets of {2}.",
        ),
        &[&org.name.zh, &join_zh(&names_zh), &ticket_zh],
        &[&org.name.en, &join_en(&names_en), &ticket_en],
    );
    let revenue = ctx.pick(&[20_000_000i64, 50_000_000, 100_000_000, 300_000_000]);
    let (revenue_zh, revenue_en) = cny_range(revenue, revenue);
    let requirement = ctx.pick(&[
        t(
            "要求企业拥有核心技术和清晰的商业模式",
            "it looks for core technology and a clear business model",
        ),
        t("可领投或跟投", "it can lead or follow"),
        t("要求上年度营业收入不低于{0}", "annual revenue should be at least {0}"),
    ]);
    let (requirement_zh, requirement_en) = render(&requirement, &[&revenue_zh], &[&revenue_en]);
    body.description.put(
        &t("偏好{0}项目，{1}。", "It prefers {0} deals; {1}."),
        &[stage.zh, &requirement_zh],
        &[stage.en, &requirement_en],
    );
    body.description.put(
        &t(
            "优先考虑在{0}落地或计划在当地设立基地的项目。",
            "Projects in {0}, or planning a base there, come first.",
        ),
        &[counterpart.zh],
        &[counterpart.en],
    );
    if ctx.rng.percent(35) {
        body.description.put(
            &t(
                "基金可协助被投企业对接产业园区，落实“基金+基地”合作。",
                "The fund can introduce its companies to industrial parks, in the 'fund plus base' model.",
            ),
            &[],
            &[],
        );
        body.tag("基金+基地");
    }
    body.mode(Mode::Equity);
    body.tag("股权投资");
    body.tag(stage.zh);
    body.tag(theme.theme.zh);
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_are_quarter_ends() {
        assert_eq!(quarter_end(2027, 0), date(2027, 3, 31));
        assert_eq!(quarter_end(2029, 3), date(2029, 12, 31));
        assert_eq!(quarter_end(2025, 1), date(2025, 6, 30));
    }

    #[test]
    fn every_type_is_posted_by_someone_and_has_modes() {
        for listing_type in ListingType::ALL {
            assert!(
                OrgType::ALL
                    .iter()
                    .any(|o| listing_types_for(*o).contains(listing_type)),
                "{listing_type}"
            );
            assert!(!modes_for(*listing_type).is_empty());
        }
        for mode in Mode::ALL {
            assert!(ListingType::ALL.iter().any(|t| modes_for(*t).contains(mode)), "{mode}");
        }
    }
}
