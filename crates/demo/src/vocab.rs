//! Per-sector vocabularies: what firms in each sector make or do (with the
//! capacities such things are measured in), their technologies, the words
//! their names are built from, and the selling points of their places.
//!
//! Every one of the plan's nineteen sectors has an entry, and subjects name the
//! platform's sub-sectors where one fits, so generated data covers the whole
//! taxonomy with the words users actually type (冷链物流, 液流电池, 数控机床…).

use crate::rng::Rng;
use crate::text::{Term, fill, t, thousands};

/// What a subject is, which decides how titles talk about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Something manufactured: produced on lines, bought from suppliers.
    Product,
    /// A facility: built, operated, leased.
    Facility,
    /// A service: provided, outsourced.
    Service,
}

/// How a subject's size is measured: `{0}` is the figure.
pub(crate) struct Cap {
    zh: &'static str,
    en: &'static str,
    lo: u32,
    hi: u32,
    step: u32,
    /// The English figure is the Chinese one times this (万吨 → tonnes).
    en_mult: u64,
    /// Steps up the sector's project-size ladder that things of this size need (ships, refineries).
    pub scale: usize,
}

const fn cap(zh: &'static str, en: &'static str, lo: u32, hi: u32, step: u32, en_mult: u64) -> Cap {
    Cap {
        zh,
        en,
        lo,
        hi,
        step,
        en_mult,
        scale: 0,
    }
}

/// A capacity of things that cost billions: shipyards, refineries, terminals, wind farms.
const fn big(capacity: Cap) -> Cap {
    Cap { scale: 3, ..capacity }
}

impl Cap {
    /// A figure on the cap's grid, written in both languages.
    pub(crate) fn render(&self, rng: &mut Rng) -> (String, String) {
        let steps = (self.hi - self.lo) / self.step;
        let figure = self.lo + self.step * rng.between(0, steps);
        let mut zh = String::with_capacity(self.zh.len() + 8);
        fill(&mut zh, self.zh, &[&figure.to_string()]);
        let mut en = String::with_capacity(self.en.len() + 12);
        fill(&mut en, self.en, &[&thousands(u64::from(figure) * self.en_mult)]);
        (zh, en)
    }
}

pub(crate) struct Subject {
    pub name: Term,
    /// Full sector slug, a sub-sector where one fits.
    pub sector: &'static str,
    pub kind: Kind,
    pub cap: Option<&'static Cap>,
    /// The word a company making this would carry in its name (重工, 轴承…).
    pub stem: Term,
}

const fn p(zh: &'static str, en: &'static str, sector: &'static str, cap: &'static Cap, stem: Term) -> Subject {
    Subject {
        name: t(zh, en),
        sector,
        kind: Kind::Product,
        cap: Some(cap),
        stem,
    }
}

/// A product without a capacity figure (software, drugs in development).
const fn q(zh: &'static str, en: &'static str, sector: &'static str, stem: Term) -> Subject {
    Subject {
        name: t(zh, en),
        sector,
        kind: Kind::Product,
        cap: None,
        stem,
    }
}

const fn f(zh: &'static str, en: &'static str, sector: &'static str, cap: &'static Cap, stem: Term) -> Subject {
    Subject {
        name: t(zh, en),
        sector,
        kind: Kind::Facility,
        cap: Some(cap),
        stem,
    }
}

const fn s(zh: &'static str, en: &'static str, sector: &'static str, stem: Term) -> Subject {
    Subject {
        name: t(zh, en),
        sector,
        kind: Kind::Service,
        cap: None,
        stem,
    }
}

pub(crate) struct SectorVocab {
    pub slug: &'static str,
    /// How often organizations have this as their main sector.
    pub weight: u32,
    /// The sector as parks, funds and institutes name themselves after it.
    pub theme: Term,
    pub subjects: &'static [Subject],
    pub techs: &'static [Term],
    /// Selling points of a place for this sector; `{0}` is the city.
    pub strengths: &'static [Term],
    /// Sectors (full slugs) whose subjects firms of this sector buy: their needs.
    pub inputs: &'static [&'static str],
    /// Sectors (full slugs) this sector sells to or works alongside: where its technology applies.
    pub related: &'static [&'static str],
    /// Range of project sizes, as indexes into [`INVESTMENT_LADDER`].
    pub invest: (usize, usize),
}

/// Project sizes in yuan, from 3000万 to 200亿.
pub(crate) const INVESTMENT_LADDER: &[i64] = &[
    30_000_000,
    50_000_000,
    80_000_000,
    100_000_000,
    150_000_000,
    200_000_000,
    300_000_000,
    500_000_000,
    800_000_000,
    1_000_000_000,
    1_500_000_000,
    2_000_000_000,
    3_000_000_000,
    5_000_000_000,
    8_000_000_000,
    10_000_000_000,
    20_000_000_000,
];

// Capacities.
const UNITS_CRANE: Cap = cap("年产{0}台", "{0} units a year", 20, 200, 10, 1);
const UNITS_MID: Cap = cap("年产{0}台", "{0} units a year", 200, 3000, 100, 1);
const UNITS_SMALL: Cap = cap("年产{0}台", "{0} units a year", 50, 600, 50, 1);
const UNITS_TBM: Cap = cap("年产{0}台", "{0} machines a year", 10, 80, 5, 1);
const UNITS_ROBOT: Cap = cap("年产{0}台", "{0} robots a year", 500, 10_000, 500, 1);
const UNITS_WAN: Cap = cap("年产{0}万台", "{0} units a year", 5, 60, 5, 10_000);
const SETS: Cap = cap("年产{0}套", "{0} sets a year", 100, 2000, 100, 1);
const SETS_BIG: Cap = cap("年产{0}套", "{0} sets a year", 1000, 20_000, 1000, 1);
const SETS_WAN: Cap = cap("年产{0}万套", "{0} sets a year", 5, 500, 5, 10_000);
const PIECES_WAN: Cap = cap("年产{0}万件", "{0} pieces a year", 10, 500, 10, 10_000);
const VESSELS: Cap = big(cap("年交付{0}艘", "{0} vessels a year", 2, 12, 1, 1));
const PLATFORMS: Cap = big(cap("年交付{0}座", "{0} platforms a year", 1, 6, 1, 1));
const STEEL: Cap = cap(
    "年加工钢材{0}万吨",
    "{0} tonnes of steel processed a year",
    5,
    40,
    5,
    10_000,
);
const CARS_RAIL: Cap = cap("年产{0}辆", "{0} cars a year", 100, 800, 50, 1);
const KT: Cap = cap("年产{0}万吨", "{0} tonnes a year", 1, 20, 1, 10_000);
const KT_BIG: Cap = cap("年产{0}万吨", "{0} tonnes a year", 20, 150, 10, 10_000);
const TONNES: Cap = cap("年产{0}吨", "{0} tonnes a year", 500, 10_000, 500, 1);
const TONNES_SMALL: Cap = cap("年产{0}吨", "{0} tonnes a year", 100, 2000, 100, 1);
const CRUDE: Cap = big(cap(
    "原油加工能力{0}万吨/年",
    "crude capacity of {0} tonnes a year",
    500,
    2000,
    100,
    10_000,
));
const COLD: Cap = cap("冷库库容{0}万吨", "cold storage for {0} tonnes", 2, 30, 1, 10_000);
const CRUISE: Cap = big(cap(
    "年接待邮轮旅客{0}万人次",
    "{0} cruise passengers a year",
    10,
    100,
    5,
    10_000,
));
const WAREHOUSE: Cap = cap("仓储面积{0}万平方米", "{0} m² of warehouse space", 2, 30, 1, 10_000);
const PALLETS: Cap = cap("货位{0}个", "{0} pallet positions", 5000, 50_000, 5000, 1);
const TEU: Cap = big(cap("年吞吐量{0}万标箱", "{0} TEU a year", 50, 300, 10, 10_000));
const FLOOR: Cap = cap("建筑面积{0}万平方米", "{0} m² of floor space", 1, 10, 1, 10_000);
const BEDS: Cap = cap("床位{0}张", "{0} beds", 100, 2000, 50, 1);
const TESTS: Cap = cap("年检测{0}万例", "{0} tests a year", 10, 200, 10, 10_000);
const VISITS: Cap = cap("年服务{0}万人次", "{0} visits a year", 2, 30, 1, 10_000);
const VISITORS: Cap = cap("年接待游客{0}万人次", "{0} visitors a year", 20, 300, 10, 10_000);
const ROOMS: Cap = cap("客房{0}间", "{0} rooms", 60, 600, 20, 1);
const PITCHES: Cap = cap("营位{0}个", "{0} pitches", 50, 400, 10, 1);
const EXPO: Cap = cap("展览面积{0}万平方米", "{0} m² of exhibition space", 2, 20, 1, 10_000);
const DEVICES_WAN: Cap = cap("年产{0}万台", "{0} devices a year", 10, 200, 10, 10_000);
const RACKS: Cap = cap("{0}个机柜", "{0} racks", 500, 10_000, 500, 1);
const BIOREACTOR: Cap = cap(
    "生物反应器规模{0}升",
    "{0} litres of bioreactor capacity",
    2000,
    20_000,
    2000,
    1,
);
const DOSES: Cap = cap("年产{0}万剂", "{0} doses a year", 500, 5000, 500, 10_000);
const KITS: Cap = cap("年产{0}万人份", "{0} tests a year", 100, 5000, 100, 10_000);
const SQM_YI: Cap = cap("年产{0}亿平方米", "{0} m² a year", 1, 10, 1, 100_000_000);
const MW_YEAR: Cap = cap("年产{0}MW", "{0} MW a year", 100, 2000, 100, 1);
const MWH: Cap = cap("储能规模{0}MWh", "{0} MWh of storage", 100, 1000, 50, 1);
const GWH: Cap = big(cap("年产{0}GWh", "{0} GWh a year", 1, 20, 1, 1));
const GW: Cap = big(cap("年产{0}GW", "{0} GW a year", 1, 10, 1, 1));
const MW_FARM: Cap = big(cap("装机容量{0}MW", "{0} MW installed", 200, 1000, 50, 1));
const MW_SOLAR: Cap = cap("装机容量{0}MW", "{0} MW installed", 5, 50, 5, 1);
const H2: Cap = cap(
    "加氢能力{0}公斤/日",
    "refuelling capacity of {0} kg a day",
    500,
    2000,
    100,
    1,
);
const VEHICLES_WAN: Cap = big(cap("年产{0}万辆", "{0} vehicles a year", 5, 30, 1, 10_000));
const VEHICLES: Cap = cap("年产{0}辆", "{0} vehicles a year", 100, 5000, 100, 1);
const STATIONS: Cap = cap("建设{0}座", "{0} stations", 10, 200, 10, 1);
const AIRCRAFT: Cap = cap("年产{0}架", "{0} aircraft a year", 100, 5000, 100, 1);
const MU: Cap = cap("用地{0}亩", "{0} mu of land", 50, 1000, 50, 1);
const WATER: Cap = cap("日处理能力{0}万吨", "{0} tonnes a day", 1, 20, 1, 10_000);
const WASTE: Cap = cap("年处理{0}万吨", "{0} tonnes a year processed", 5, 100, 5, 10_000);
const SEA: Cap = cap("海域面积{0}万亩", "{0} mu of sea area", 1, 20, 1, 10_000);
const TRAINEES: Cap = cap("年培训{0}人次", "{0} trainees a year", 1000, 20_000, 1000, 1);
const PLACES: Cap = cap("学位{0}个", "{0} student places", 300, 2000, 100, 1);
const BERTHS: Cap = cap("泊位{0}个", "{0} berths", 50, 500, 50, 1);
const GYM: Cap = cap("建筑面积{0}平方米", "{0} m² of floor space", 5000, 50_000, 5000, 1);

// Name stems.
const HEAVY: Term = t("重工", "Heavy Industry");
const MACHINE_TOOL: Term = t("机床", "Machine Tool");
const BEARING: Term = t("轴承", "Bearing");
const SHIPBUILDING: Term = t("船舶重工", "Shipbuilding");
const MARINE_ENGINE: Term = t("船用动力", "Marine Power");
const RAIL: Term = t("轨道交通装备", "Rail Transit Equipment");
const VALVE: Term = t("阀门", "Valve");
const HYDRAULICS: Term = t("液压", "Hydraulics");
const TRANSMISSION: Term = t("传动", "Transmission");
const DESIGN: Term = t("工业设计", "Industrial Design");
const PETRO: Term = t("石化", "Petrochemical");
const CHEMICAL: Term = t("化工", "Chemical");
const CHEM_ENG: Term = t("石化工程", "Petrochemical Engineering");
const CHEM_LOGISTICS: Term = t("化工物流", "Chemical Logistics");
const COLD_CHAIN: Term = t("冷链物流", "Cold Chain Logistics");
const CRUISE_CO: Term = t("邮轮", "Cruise");
const SHIPPING: Term = t("航运", "Shipping");
const LOGISTICS: Term = t("国际物流", "International Logistics");
const SUPPLY_CHAIN: Term = t("供应链", "Supply Chain");
const PORT: Term = t("港务", "Port");
const PORT_TECH: Term = t("港航科技", "Port & Shipping Technology");
const FORWARDING: Term = t("国际货运代理", "International Freight Forwarding");
const LEASING: Term = t("融资租赁", "Financial Leasing");
const FUTURES: Term = t("期货", "Futures");
const FACTORING: Term = t("商业保理", "Factoring");
const INSURANCE: Term = t("保险经纪", "Insurance Brokers");
const FIN_SERVICES: Term = t("金融服务", "Financial Services");
const INVESTMENT: Term = t("投资管理", "Investment Management");
const ECOMMERCE: Term = t("电子商务", "E-commerce");
const TRADING: Term = t("国际贸易", "International Trading");
const IMPORT_EXPORT: Term = t("进出口", "Import & Export");
const COMMERCE: Term = t("商贸", "Commerce");
const AUTO_TRADE: Term = t("汽车贸易", "Auto Trading");
const MEDICAL: Term = t("医疗", "Medical");
const ELDERLY: Term = t("养老服务", "Elderly Care");
const WELLNESS: Term = t("康养", "Wellness");
const DIAGNOSTICS: Term = t("医学检验", "Medical Laboratories");
const HEALTH_TECH: Term = t("健康科技", "Health Technology");
const TOURISM_CO: Term = t("文旅", "Culture & Tourism");
const HOTEL: Term = t("酒店管理", "Hotel Management");
const TRAVEL: Term = t("国际旅行社", "International Travel Service");
const EXPO_CO: Term = t("会展", "Exhibitions");
const EXHIBIT_ENG: Term = t("展览展示", "Exhibit Engineering");
const SOFTWARE: Term = t("软件", "Software");
const IT: Term = t("信息技术", "Information Technology");
const DATA: Term = t("数据科技", "Data Technology");
const IOT: Term = t("物联网科技", "IoT Technology");
const INDUSTRIAL_INTERNET: Term = t("工业互联网", "Industrial Internet");
const ROBOTICS: Term = t("机器人", "Robotics");
const AUTOMATION: Term = t("自动化", "Automation");
const SMART_EQUIP: Term = t("智能装备", "Intelligent Equipment");
const PHARMA: Term = t("药业", "Pharmaceutical");
const BIOTECH: Term = t("生物科技", "Biotech");
const MED_DEVICE: Term = t("医疗器械", "Medical Devices");
const MATERIALS: Term = t("新材料", "New Materials");
const COMPOSITES: Term = t("复合材料", "Composites");
const REFRACTORY: Term = t("耐火材料", "Refractories");
const METALS: Term = t("特钢", "Special Steel");
const ENERGY: Term = t("新能源", "New Energy");
const STORAGE: Term = t("储能", "Energy Storage");
const HYDROGEN: Term = t("氢能", "Hydrogen");
const WIND: Term = t("风电", "Wind Power");
const SOLAR: Term = t("光伏", "Solar");
const AUTO: Term = t("汽车", "Automotive");
const AUTO_PARTS: Term = t("汽车零部件", "Auto Parts");
const NEV: Term = t("新能源汽车", "New Energy Vehicles");
const AVIATION: Term = t("航空科技", "Aviation Technology");
const UAV: Term = t("无人机", "UAV");
const SPACE: Term = t("航天科技", "Space Technology");
const GENERAL_AVIATION: Term = t("通用航空", "General Aviation");
const ENVIRO: Term = t("环保科技", "Environmental Technology");
const ENERGY_SAVING: Term = t("节能", "Energy Saving");
const WATER_CO: Term = t("水务", "Water");
const SEAFOOD: Term = t("海洋食品", "Seafood");
const AQUATIC: Term = t("水产", "Aquatic Products");
const FOODS: Term = t("食品", "Foods");
const AGRI: Term = t("农业科技", "Agritech");
const EDU: Term = t("教育科技", "Education Technology");
const TRAINING: Term = t("职业培训", "Vocational Training");
const MEDIA: Term = t("文化传媒", "Culture & Media");
const SPORTS: Term = t("体育", "Sports");
const CREATIVE: Term = t("文化创意", "Creative");
const APPAREL: Term = t("服饰", "Apparel");

pub(crate) static SECTOR_VOCABS: &[SectorVocab] = &[
    SectorVocab {
        slug: "equipment",
        weight: 15,
        theme: t("高端装备", "High-end Equipment"),
        subjects: &[
            p(
                "港口起重机",
                "port cranes",
                "equipment.heavy_machinery",
                &UNITS_CRANE,
                HEAVY,
            ),
            p(
                "自动化岸桥",
                "automated ship-to-shore cranes",
                "equipment.heavy_machinery",
                &UNITS_CRANE,
                HEAVY,
            ),
            p(
                "数控机床",
                "CNC machine tools",
                "equipment.machine_tools",
                &UNITS_MID,
                MACHINE_TOOL,
            ),
            p(
                "五轴联动加工中心",
                "five-axis machining centres",
                "equipment.machine_tools",
                &UNITS_SMALL,
                MACHINE_TOOL,
            ),
            p(
                "大型风电轴承",
                "large wind-turbine bearings",
                "equipment.bearings",
                &SETS_BIG,
                BEARING,
            ),
            p(
                "精密轴承",
                "precision bearings",
                "equipment.bearings",
                &SETS_WAN,
                BEARING,
            ),
            p(
                "铁路货车轴承",
                "railway freight-car bearings",
                "equipment.bearings",
                &SETS_WAN,
                BEARING,
            ),
            p(
                "船用低速柴油机",
                "low-speed marine diesel engines",
                "equipment.shipbuilding",
                &UNITS_CRANE,
                MARINE_ENGINE,
            ),
            p(
                "LNG运输船",
                "LNG carriers",
                "equipment.shipbuilding",
                &VESSELS,
                SHIPBUILDING,
            ),
            p(
                "海洋工程平台",
                "offshore platforms",
                "equipment.shipbuilding",
                &PLATFORMS,
                SHIPBUILDING,
            ),
            p(
                "船舶分段",
                "hull blocks",
                "equipment.shipbuilding",
                &STEEL,
                SHIPBUILDING,
            ),
            p("地铁车辆", "metro cars", "equipment.rail", &CARS_RAIL, RAIL),
            p(
                "轨道交通牵引系统",
                "rail traction systems",
                "equipment.rail",
                &SETS,
                RAIL,
            ),
            p(
                "冶金成套设备",
                "metallurgical plant equipment",
                "equipment.heavy_machinery",
                &KT,
                HEAVY,
            ),
            p(
                "盾构机",
                "tunnel boring machines",
                "equipment.heavy_machinery",
                &UNITS_TBM,
                HEAVY,
            ),
            p("工业阀门", "industrial valves", "equipment", &UNITS_WAN, VALVE),
            p("液压元件", "hydraulic components", "equipment", &PIECES_WAN, HYDRAULICS),
            p(
                "风电齿轮箱",
                "wind-turbine gearboxes",
                "equipment",
                &UNITS_MID,
                TRANSMISSION,
            ),
            s("工业设计", "industrial design", "equipment", DESIGN),
            s(
                "大型装备运维",
                "maintenance of heavy equipment",
                "equipment.heavy_machinery",
                HEAVY,
            ),
            s("设备再制造", "equipment remanufacturing", "equipment", HEAVY),
        ],
        techs: &[
            t("远程运维", "remote maintenance"),
            t("数字孪生", "digital twin"),
            t("故障预测与健康管理", "prognostics and health management"),
            t("精密加工", "precision machining"),
            t("轻量化设计", "lightweight design"),
            t("激光焊接", "laser welding"),
            t("智能控制", "intelligent control"),
            t("长寿命设计", "long-life design"),
        ],
        strengths: &[
            t(
                "{0}装备制造产业链完整，周边配套企业众多。",
                "{0} has a complete equipment supply chain with many suppliers nearby.",
            ),
            t(
                "{0}拥有大批熟练技术工人和工程师。",
                "{0} has a large pool of skilled workers and engineers.",
            ),
            t(
                "{0}的重大装备产品已服务国内外众多港口和工厂。",
                "Heavy equipment made in {0} already serves many ports and plants at home and abroad.",
            ),
        ],
        inputs: &[
            "software_it.industrial_software",
            "robotics",
            "new_materials",
            "equipment.bearings",
            "finance.leasing",
            "port_logistics",
        ],
        related: &["port_logistics", "new_energy.wind", "petrochemical", "auto"],
        invest: (2, 12),
    },
    SectorVocab {
        slug: "petrochemical",
        weight: 7,
        theme: t("石化新材料", "Petrochemicals and Materials"),
        subjects: &[
            p("乙烯", "ethylene", "petrochemical.refining", &KT_BIG, PETRO),
            p("对二甲苯", "paraxylene", "petrochemical.refining", &KT_BIG, PETRO),
            f(
                "炼化一体化装置",
                "integrated refining and chemicals complex",
                "petrochemical.refining",
                &CRUDE,
                PETRO,
            ),
            p("高端润滑油", "premium lubricants", "petrochemical.refining", &KT, PETRO),
            p(
                "高性能聚烯烃",
                "high-performance polyolefins",
                "petrochemical.refining",
                &KT_BIG,
                PETRO,
            ),
            p(
                "电子化学品",
                "electronic chemicals",
                "petrochemical.fine_chemicals",
                &KT,
                CHEMICAL,
            ),
            p(
                "医药中间体",
                "pharmaceutical intermediates",
                "petrochemical.fine_chemicals",
                &TONNES,
                CHEMICAL,
            ),
            p(
                "石化催化剂",
                "petrochemical catalysts",
                "petrochemical.fine_chemicals",
                &TONNES,
                CHEMICAL,
            ),
            p(
                "重防腐涂料",
                "heavy-duty anti-corrosion coatings",
                "petrochemical.fine_chemicals",
                &KT,
                CHEMICAL,
            ),
            p(
                "生物可降解塑料",
                "biodegradable plastics",
                "petrochemical",
                &KT,
                CHEMICAL,
            ),
            p("聚碳酸酯", "polycarbonate", "petrochemical", &KT_BIG, CHEMICAL),
            s(
                "石化装置检维修",
                "maintenance of petrochemical plants",
                "petrochemical",
                CHEM_ENG,
            ),
            s(
                "危化品储运",
                "storage and transport of hazardous chemicals",
                "petrochemical",
                CHEM_LOGISTICS,
            ),
        ],
        techs: &[
            t("分子炼油", "molecular refining"),
            t("加氢裂化", "hydrocracking"),
            t("催化裂解", "catalytic cracking"),
            t("二氧化碳捕集利用", "carbon capture and utilisation"),
            t("流程模拟优化", "process simulation and optimisation"),
            t("连续流合成", "continuous-flow synthesis"),
            t("装置先进控制", "advanced process control"),
            t("废催化剂回收", "spent-catalyst recovery"),
        ],
        strengths: &[
            t(
                "{0}石油化工产业基础雄厚，原料供应稳定。",
                "{0} has a strong petrochemical base and a stable supply of feedstock.",
            ),
            t(
                "{0}的化工园区已通过省级认定，公用工程配套齐全。",
                "The chemical park in {0} is certified at provincial level, with full utilities.",
            ),
            t(
                "{0}临港布局，原料和产品可经码头直接进出。",
                "Plants in {0} sit by the port, so feedstock and products move straight across the quay.",
            ),
            t(
                "{0}是国家重要的石油化工产业基地之一。",
                "{0} is one of the country's major petrochemical bases.",
            ),
        ],
        inputs: &[
            "green_tech",
            "port_logistics.warehousing",
            "equipment",
            "software_it.industrial_software",
        ],
        related: &["new_materials", "biomedicine", "auto"],
        invest: (6, 16),
    },
    SectorVocab {
        slug: "port_logistics",
        weight: 9,
        theme: t("港航物流", "Port Logistics"),
        subjects: &[
            f(
                "冷链物流中心",
                "cold-chain logistics centre",
                "port_logistics.cold_chain",
                &COLD,
                COLD_CHAIN,
            ),
            s(
                "冷链物流",
                "cold-chain logistics",
                "port_logistics.cold_chain",
                COLD_CHAIN,
            ),
            s(
                "冷链干线运输",
                "cold-chain trunk transport",
                "port_logistics.cold_chain",
                COLD_CHAIN,
            ),
            f(
                "邮轮母港",
                "cruise home port",
                "port_logistics.cruise",
                &CRUISE,
                CRUISE_CO,
            ),
            s("邮轮船供", "cruise ship supplies", "port_logistics.cruise", CRUISE_CO),
            s(
                "集装箱航线",
                "container shipping routes",
                "port_logistics.shipping",
                SHIPPING,
            ),
            s(
                "内贸集装箱运输",
                "domestic container shipping",
                "port_logistics.shipping",
                SHIPPING,
            ),
            s("海铁联运", "sea-rail intermodal transport", "port_logistics", LOGISTICS),
            f(
                "保税仓储",
                "bonded warehouse",
                "port_logistics.warehousing",
                &WAREHOUSE,
                SUPPLY_CHAIN,
            ),
            f(
                "智能立体仓库",
                "automated high-bay warehouse",
                "port_logistics.warehousing",
                &PALLETS,
                SUPPLY_CHAIN,
            ),
            f("集装箱码头", "container terminal", "port_logistics", &TEU, PORT),
            s("船舶代理", "ship agency", "port_logistics.shipping", SHIPPING),
            s(
                "国际货运代理",
                "international freight forwarding",
                "port_logistics",
                FORWARDING,
            ),
            s(
                "港航数据",
                "port and shipping data services",
                "port_logistics",
                PORT_TECH,
            ),
        ],
        techs: &[
            t("智能调度", "intelligent dispatching"),
            t("自动化码头控制", "automated terminal control"),
            t("冷链温控追溯", "cold-chain temperature tracing"),
            t("无人集卡", "autonomous container trucks"),
            t("数字孪生港口", "digital-twin port"),
            t("区块链电子提单", "blockchain electronic bills of lading"),
        ],
        strengths: &[
            t(
                "{0}港航资源丰富，内外贸航线通达国内外主要港口。",
                "{0} has rich port resources, with domestic and foreign routes to all major ports.",
            ),
            t(
                "{0}已开通海铁联运班列，辐射东北腹地。",
                "Sea-rail trains from {0} already reach deep into north-east China.",
            ),
            t(
                "{0}正在推进国际贸易“单一窗口”互联互通。",
                "{0} is linking its international-trade single window with its partners'.",
            ),
        ],
        inputs: &[
            "software_it.iot",
            "equipment.heavy_machinery",
            "finance.leasing",
            "robotics",
            "auto.nev",
        ],
        related: &["trade", "finance.leasing", "agriculture.seafood"],
        invest: (3, 13),
    },
    SectorVocab {
        slug: "finance",
        weight: 3,
        theme: t("金融服务", "Financial Services"),
        subjects: &[
            s("融资租赁", "financial leasing", "finance.leasing", LEASING),
            s("船舶融资租赁", "ship leasing", "finance.leasing", LEASING),
            s("设备融资租赁", "equipment leasing", "finance.leasing", LEASING),
            s(
                "期货风险管理",
                "futures-based risk management",
                "finance.futures",
                FUTURES,
            ),
            s(
                "大宗商品场外衍生品",
                "OTC commodity derivatives",
                "finance.futures",
                FUTURES,
            ),
            s("供应链金融", "supply-chain finance", "finance", FACTORING),
            s("科技保险", "technology insurance", "finance", INSURANCE),
            s("跨境人民币结算", "cross-border RMB settlement", "finance", FIN_SERVICES),
            s("股权投资", "equity investment", "finance.equity_investment", INVESTMENT),
            s(
                "产业并购顾问",
                "industrial M&A advisory",
                "finance.equity_investment",
                INVESTMENT,
            ),
        ],
        techs: &[
            t("智能风控", "intelligent risk control"),
            t("供应链数据增信", "supply-chain data credit"),
            t("区块链票据", "blockchain bills"),
        ],
        strengths: &[
            t(
                "{0}金融机构集聚，资本市场服务便利。",
                "{0} has a dense cluster of financial institutions and easy access to capital markets.",
            ),
            t(
                "{0}与大连商品交易所和上海各交易所联系紧密。",
                "{0} works closely with the Dalian Commodity Exchange and the Shanghai exchanges.",
            ),
        ],
        inputs: &["software_it.cloud", "software_it"],
        related: &["equipment", "port_logistics.shipping", "trade"],
        invest: (3, 11),
    },
    SectorVocab {
        slug: "trade",
        weight: 4,
        theme: t("国际贸易", "International Trade"),
        subjects: &[
            s("跨境电商", "cross-border e-commerce", "trade", ECOMMERCE),
            s("大宗商品贸易", "bulk commodity trading", "trade", TRADING),
            s(
                "进口冻品分销",
                "distribution of imported frozen food",
                "trade",
                IMPORT_EXPORT,
            ),
            s(
                "东北亚进口商品直销",
                "direct sales of North-East Asian imports",
                "trade",
                TRADING,
            ),
            f("进口商品展销中心", "imported goods showroom", "trade", &FLOOR, COMMERCE),
            s("平行进口汽车", "parallel-import vehicles", "trade", AUTO_TRADE),
            s("农产品批发", "wholesale of farm produce", "trade", COMMERCE),
            f("海外仓", "overseas warehouse", "trade", &WAREHOUSE, SUPPLY_CHAIN),
            s("数字贸易", "digital trade services", "trade", ECOMMERCE),
        ],
        techs: &[
            t("跨境支付", "cross-border payment"),
            t("智能报关", "intelligent customs declaration"),
            t("直播电商", "livestream commerce"),
        ],
        strengths: &[
            t(
                "{0}面向东北亚开放，进出口贸易活跃。",
                "{0} faces North-East Asia and has a lively import and export trade.",
            ),
            t(
                "{0}设有综合保税区和跨境电商综合试验区。",
                "{0} has a comprehensive bonded zone and a cross-border e-commerce pilot zone.",
            ),
        ],
        inputs: &[
            "port_logistics",
            "port_logistics.cold_chain",
            "finance",
            "software_it.cloud",
        ],
        related: &["port_logistics", "agriculture.seafood", "auto"],
        invest: (0, 9),
    },
    SectorVocab {
        slug: "health",
        weight: 5,
        theme: t("大健康", "Health"),
        subjects: &[
            f("康复医院", "rehabilitation hospital", "health", &BEDS, MEDICAL),
            f(
                "养老社区",
                "retirement community",
                "health.elderly_care",
                &BEDS,
                ELDERLY,
            ),
            f(
                "医养结合机构",
                "combined medical and elderly care home",
                "health.elderly_care",
                &BEDS,
                ELDERLY,
            ),
            s("居家养老", "home-based elderly care", "health.elderly_care", ELDERLY),
            f(
                "第三方医学检验中心",
                "independent medical laboratory",
                "health",
                &TESTS,
                DIAGNOSTICS,
            ),
            s("互联网医院", "internet hospital services", "health", HEALTH_TECH),
            s("远程会诊", "telemedicine consultations", "health", HEALTH_TECH),
            f("健康体检中心", "health check-up centre", "health", &VISITS, MEDICAL),
            f(
                "康养旅居基地",
                "wellness retreat",
                "health.elderly_care",
                &BEDS,
                WELLNESS,
            ),
        ],
        techs: &[
            t("AI辅助诊断", "AI-assisted diagnosis"),
            t("慢病管理", "chronic disease management"),
            t("智能养老监护", "smart elderly monitoring"),
            t("远程影像", "remote imaging"),
        ],
        strengths: &[
            t(
                "{0}气候宜人，海滨康养资源丰富。",
                "{0} has a mild climate and rich seaside wellness resources.",
            ),
            t(
                "{0}老龄人口比例高，养老服务需求旺盛。",
                "{0} has an ageing population and strong demand for elderly care.",
            ),
        ],
        inputs: &["biomedicine", "software_it.cloud", "robotics"],
        related: &["biomedicine", "tourism", "education"],
        invest: (1, 9),
    },
    SectorVocab {
        slug: "tourism",
        weight: 4,
        theme: t("文旅", "Culture and Tourism"),
        subjects: &[
            f("滨海度假区", "seaside resort", "tourism", &VISITORS, TOURISM_CO),
            f("海岛旅游度假区", "island resort", "tourism", &VISITORS, TOURISM_CO),
            f(
                "温泉度假酒店",
                "hot-spring resort hotel",
                "tourism.hotels",
                &ROOMS,
                HOTEL,
            ),
            f(
                "精品民宿",
                "boutique guesthouse cluster",
                "tourism.hotels",
                &ROOMS,
                HOTEL,
            ),
            s("邮轮旅游线路", "cruise holidays", "tourism", TRAVEL),
            s(
                "智慧景区",
                "smart scenic area services",
                "tourism.smart_tourism",
                TOURISM_CO,
            ),
            s(
                "全域旅游营销",
                "destination marketing",
                "tourism.smart_tourism",
                TOURISM_CO,
            ),
            f(
                "工业旅游基地",
                "industrial tourism site",
                "tourism",
                &VISITORS,
                TOURISM_CO,
            ),
            s("研学旅行", "study tours", "tourism", TRAVEL),
            f("房车营地", "RV campsite", "tourism", &PITCHES, TOURISM_CO),
        ],
        techs: &[
            t("游客画像分析", "visitor analytics"),
            t("智能票务", "smart ticketing"),
            t("沉浸式夜游", "immersive night tours"),
            t("虚拟导览", "virtual guided tours"),
        ],
        strengths: &[
            t(
                "{0}海岸线绵长，滨海旅游资源得天独厚。",
                "{0} has a long coastline and outstanding seaside attractions.",
            ),
            t(
                "{0}每年接待国内外游客数千万人次。",
                "{0} welcomes tens of millions of visitors every year.",
            ),
        ],
        inputs: &["culture_sports", "software_it", "agriculture.green_food"],
        related: &["port_logistics.cruise", "culture_sports", "health.elderly_care"],
        invest: (3, 13),
    },
    SectorVocab {
        slug: "exhibition",
        weight: 2,
        theme: t("会展", "Exhibitions"),
        subjects: &[
            f(
                "国际会展中心",
                "international convention and exhibition centre",
                "exhibition",
                &EXPO,
                EXPO_CO,
            ),
            s("专业展会", "trade fairs", "exhibition", EXPO_CO),
            s("招商推介会", "investment promotion events", "exhibition", EXPO_CO),
            s("产业对接会", "industry matchmaking events", "exhibition", EXPO_CO),
            s(
                "展台设计搭建",
                "booth design and construction",
                "exhibition",
                EXHIBIT_ENG,
            ),
            s("会议组织服务", "conference organisation", "exhibition", EXPO_CO),
            s("线上展会平台", "online exhibition platform", "exhibition", EXPO_CO),
        ],
        techs: &[
            t("数字会展", "digital exhibitions"),
            t("智能观众管理", "smart visitor management"),
            t("虚拟展厅", "virtual showrooms"),
        ],
        strengths: &[
            t(
                "{0}每年举办国际性展会数十场。",
                "{0} hosts dozens of international fairs every year.",
            ),
            t(
                "{0}会展场馆和酒店配套完善。",
                "{0} has good venues and hotels for conventions.",
            ),
        ],
        inputs: &["software_it", "culture_sports", "tourism.hotels"],
        related: &["tourism", "trade", "culture_sports"],
        invest: (2, 11),
    },
    SectorVocab {
        slug: "software_it",
        weight: 8,
        theme: t("软件信息", "Software and IT"),
        subjects: &[
            q(
                "工业软件",
                "industrial software",
                "software_it.industrial_software",
                SOFTWARE,
            ),
            q(
                "CAE仿真软件",
                "CAE simulation software",
                "software_it.industrial_software",
                SOFTWARE,
            ),
            q(
                "制造执行系统",
                "manufacturing execution systems",
                "software_it.industrial_software",
                SOFTWARE,
            ),
            q(
                "船舶设计软件",
                "ship design software",
                "software_it.industrial_software",
                SOFTWARE,
            ),
            s(
                "工业互联网平台",
                "industrial internet platform services",
                "software_it.iot",
                INDUSTRIAL_INTERNET,
            ),
            p(
                "物联网传感终端",
                "IoT sensor terminals",
                "software_it.iot",
                &DEVICES_WAN,
                IOT,
            ),
            s("港口物联网", "port IoT services", "software_it.iot", IOT),
            f("数据中心", "data centre", "software_it.cloud", &RACKS, DATA),
            s("云计算", "cloud services", "software_it.cloud", DATA),
            s("大数据分析", "big-data analytics", "software_it.cloud", DATA),
            s("软件外包", "software outsourcing", "software_it", IT),
            s(
                "对日软件服务外包",
                "software outsourcing for Japanese clients",
                "software_it",
                IT,
            ),
            s("信息安全", "information security services", "software_it", IT),
            s("人工智能大模型应用", "AI large-model applications", "software_it", IT),
        ],
        techs: &[
            t("国产化适配", "domestic platform adaptation"),
            t("低代码开发", "low-code development"),
            t("边缘计算", "edge computing"),
            t("知识图谱", "knowledge graphs"),
            t("工业大模型", "industrial foundation models"),
            t("隐私计算", "privacy-preserving computation"),
        ],
        strengths: &[
            t(
                "{0}软件和信息服务业从业人员众多，人才储备充足。",
                "{0} has a large software workforce and a deep talent pool.",
            ),
            t(
                "{0}已建成多个物联网和云计算公共服务平台。",
                "{0} runs several public IoT and cloud service platforms.",
            ),
        ],
        inputs: &["software_it.cloud", "education", "finance"],
        related: &["equipment", "port_logistics", "finance", "health"],
        invest: (0, 9),
    },
    SectorVocab {
        slug: "robotics",
        weight: 5,
        theme: t("机器人", "Robotics"),
        subjects: &[
            p("工业机器人", "industrial robots", "robotics", &UNITS_ROBOT, ROBOTICS),
            p("焊接机器人", "welding robots", "robotics", &UNITS_ROBOT, ROBOTICS),
            p("协作机器人", "collaborative robots", "robotics", &UNITS_ROBOT, ROBOTICS),
            p(
                "船舶焊接机器人",
                "ship-welding robots",
                "robotics",
                &UNITS_SMALL,
                ROBOTICS,
            ),
            p(
                "AGV搬运机器人",
                "AGV transport robots",
                "robotics",
                &UNITS_ROBOT,
                AUTOMATION,
            ),
            p("水下机器人", "underwater robots", "robotics", &UNITS_SMALL, ROBOTICS),
            p("巡检机器人", "inspection robots", "robotics", &UNITS_ROBOT, ROBOTICS),
            p(
                "智能仓储装备",
                "intelligent warehousing equipment",
                "robotics",
                &SETS,
                SMART_EQUIP,
            ),
            p("机器视觉系统", "machine vision systems", "robotics", &SETS, SMART_EQUIP),
            p("RV减速器", "RV reducers", "robotics", &UNITS_WAN, TRANSMISSION),
            s("自动化产线集成", "automation line integration", "robotics", AUTOMATION),
        ],
        techs: &[
            t("力控", "force control"),
            t("视觉引导", "vision guidance"),
            t("离线编程", "offline programming"),
            t("SLAM导航", "SLAM navigation"),
            t("多机协同", "multi-robot coordination"),
            t("精密传动", "precision transmission"),
        ],
        strengths: &[
            t(
                "{0}制造业企业智能化改造需求旺盛。",
                "Manufacturers in {0} are keen to automate.",
            ),
            t(
                "{0}拥有机器人领域国家级研发平台。",
                "{0} hosts national robotics research platforms.",
            ),
        ],
        inputs: &[
            "equipment.bearings",
            "equipment",
            "software_it.industrial_software",
            "new_materials",
        ],
        related: &["equipment", "auto", "port_logistics.warehousing"],
        invest: (1, 9),
    },
    SectorVocab {
        slug: "biomedicine",
        weight: 6,
        theme: t("生物医药", "Biomedicine"),
        subjects: &[
            q("创新药", "innovative drugs", "biomedicine", PHARMA),
            p("抗体药物", "antibody drugs", "biomedicine", &BIOREACTOR, BIOTECH),
            p("疫苗", "vaccines", "biomedicine", &DOSES, BIOTECH),
            p(
                "海洋生物制品",
                "marine bioproducts",
                "biomedicine",
                &TONNES_SMALL,
                BIOTECH,
            ),
            p(
                "高端医疗器械",
                "high-end medical devices",
                "biomedicine",
                &SETS,
                MED_DEVICE,
            ),
            p(
                "体外诊断试剂",
                "in-vitro diagnostic reagents",
                "biomedicine",
                &KITS,
                BIOTECH,
            ),
            p(
                "医用耗材",
                "medical consumables",
                "biomedicine",
                &PIECES_WAN,
                MED_DEVICE,
            ),
            p(
                "中药配方颗粒",
                "TCM dispensing granules",
                "biomedicine",
                &TONNES_SMALL,
                PHARMA,
            ),
            s("CRO临床研究", "CRO clinical research services", "biomedicine", BIOTECH),
            s(
                "CDMO合同研发生产",
                "CDMO contract development and manufacturing",
                "biomedicine",
                PHARMA,
            ),
        ],
        techs: &[
            t("细胞治疗", "cell therapy"),
            t("基因编辑", "gene editing"),
            t("mRNA递送", "mRNA delivery"),
            t("连续化生产", "continuous manufacturing"),
            t("AI药物筛选", "AI drug screening"),
            t("海洋活性物质提取", "extraction of marine bioactives"),
        ],
        strengths: &[
            t(
                "{0}生物医药产业集聚，临床资源丰富。",
                "{0} has a biomedicine cluster and rich clinical resources.",
            ),
            t(
                "{0}海洋生物资源独特，适合发展海洋药物。",
                "{0} has unique marine bioresources suited to marine drugs.",
            ),
        ],
        inputs: &[
            "petrochemical.fine_chemicals",
            "port_logistics.cold_chain",
            "software_it.cloud",
            "health",
        ],
        related: &["health", "agriculture.seafood"],
        invest: (2, 11),
    },
    SectorVocab {
        slug: "new_materials",
        weight: 6,
        theme: t("新材料", "New Materials"),
        subjects: &[
            p(
                "碳纤维复合材料",
                "carbon-fibre composites",
                "new_materials.composites",
                &TONNES,
                COMPOSITES,
            ),
            p(
                "玻璃纤维复合材料",
                "glass-fibre composites",
                "new_materials.composites",
                &KT,
                COMPOSITES,
            ),
            p(
                "风电叶片",
                "wind-turbine blades",
                "new_materials.composites",
                &SETS,
                COMPOSITES,
            ),
            p(
                "镁质耐火材料",
                "magnesia refractories",
                "new_materials",
                &KT_BIG,
                REFRACTORY,
            ),
            p("高纯氧化镁", "high-purity magnesia", "new_materials", &KT, MATERIALS),
            p("特种钢材", "special steel", "new_materials", &KT_BIG, METALS),
            p("石墨烯", "graphene", "new_materials", &TONNES_SMALL, MATERIALS),
            p(
                "高性能铝合金",
                "high-performance aluminium alloys",
                "new_materials",
                &KT,
                MATERIALS,
            ),
            p(
                "锂电池隔膜",
                "lithium-battery separators",
                "new_materials",
                &SQM_YI,
                MATERIALS,
            ),
            p(
                "半导体硅材料",
                "semiconductor silicon materials",
                "new_materials",
                &TONNES,
                MATERIALS,
            ),
        ],
        techs: &[
            t("纳米改性", "nano-modification"),
            t("3D打印", "3D printing"),
            t("表面工程", "surface engineering"),
            t("热压成型", "hot-press forming"),
            t("低成本制备", "low-cost synthesis"),
            t("回收再生", "recycling"),
        ],
        strengths: &[
            t(
                "{0}原材料资源丰富，下游应用市场广阔。",
                "{0} is rich in raw materials and close to large downstream markets.",
            ),
            t(
                "{0}新材料企业与高校院所合作紧密。",
                "Materials firms in {0} work closely with universities and institutes.",
            ),
        ],
        inputs: &["equipment", "new_energy", "petrochemical", "green_tech"],
        related: &["equipment", "new_energy", "auto", "aerospace"],
        invest: (2, 11),
    },
    SectorVocab {
        slug: "new_energy",
        weight: 8,
        theme: t("新能源", "New Energy"),
        subjects: &[
            p(
                "全钒液流电池",
                "vanadium flow batteries",
                "new_energy.energy_storage",
                &MW_YEAR,
                STORAGE,
            ),
            f(
                "液流电池储能电站",
                "flow-battery energy storage station",
                "new_energy.energy_storage",
                &MWH,
                STORAGE,
            ),
            p(
                "储能电池系统",
                "battery energy storage systems",
                "new_energy.energy_storage",
                &GWH,
                STORAGE,
            ),
            f(
                "共享储能电站",
                "shared energy storage station",
                "new_energy.energy_storage",
                &MWH,
                STORAGE,
            ),
            p(
                "氢燃料电池",
                "hydrogen fuel cells",
                "new_energy.hydrogen",
                &SETS_BIG,
                HYDROGEN,
            ),
            p(
                "电解水制氢设备",
                "water electrolysers",
                "new_energy.hydrogen",
                &MW_YEAR,
                HYDROGEN,
            ),
            f(
                "加氢站",
                "hydrogen refuelling station",
                "new_energy.hydrogen",
                &H2,
                HYDROGEN,
            ),
            f("海上风电场", "offshore wind farm", "new_energy.wind", &MW_FARM, WIND),
            p("风电机组", "wind turbines", "new_energy.wind", &UNITS_SMALL, WIND),
            p("光伏组件", "PV modules", "new_energy.solar", &GW, SOLAR),
            f(
                "分布式光伏电站",
                "distributed solar plant",
                "new_energy.solar",
                &MW_SOLAR,
                SOLAR,
            ),
            p(
                "单晶硅片",
                "monocrystalline silicon wafers",
                "new_energy.solar",
                &GW,
                SOLAR,
            ),
            s("综合能源", "integrated energy services", "new_energy", ENERGY),
        ],
        techs: &[
            t("电堆集成", "stack integration"),
            t("电池管理系统", "battery management systems"),
            t("热管理", "thermal management"),
            t("电解液制备", "electrolyte preparation"),
            t("寿命预测", "lifetime prediction"),
            t("质子交换膜", "proton-exchange membranes"),
            t("源网荷储协同", "source-grid-load-storage coordination"),
            t("氢气储运", "hydrogen storage and transport"),
        ],
        strengths: &[
            t(
                "{0}风能资源丰富，新能源消纳条件好。",
                "{0} has strong wind resources and good grid capacity for renewables.",
            ),
            t(
                "{0}储能和氢能产业链初具规模。",
                "{0} already has the makings of energy-storage and hydrogen supply chains.",
            ),
            t(
                "{0}拥有国家级储能技术研发平台。",
                "{0} hosts national energy-storage research platforms.",
            ),
        ],
        inputs: &["equipment", "new_materials", "software_it.iot", "finance.leasing"],
        related: &["auto.nev", "equipment", "green_tech"],
        invest: (4, 15),
    },
    SectorVocab {
        slug: "auto",
        weight: 5,
        theme: t("汽车零部件", "Automotive"),
        subjects: &[
            p("新能源汽车", "new-energy vehicles", "auto.nev", &VEHICLES_WAN, NEV),
            p("动力电池包", "EV battery packs", "auto.nev", &SETS_WAN, NEV),
            p(
                "电驱动系统",
                "electric drive systems",
                "auto.nev",
                &SETS_WAN,
                AUTO_PARTS,
            ),
            p("汽车发动机", "car engines", "auto", &UNITS_WAN, AUTO),
            p(
                "汽车轻量化部件",
                "lightweight car parts",
                "auto",
                &PIECES_WAN,
                AUTO_PARTS,
            ),
            p("汽车电子", "automotive electronics", "auto", &SETS_WAN, AUTO_PARTS),
            p("变速器", "transmissions", "auto", &UNITS_WAN, AUTO_PARTS),
            p("专用车", "special-purpose vehicles", "auto", &VEHICLES, AUTO),
            p(
                "氢燃料电池重卡",
                "hydrogen fuel-cell heavy trucks",
                "auto.nev",
                &VEHICLES,
                NEV,
            ),
            s("汽车检测认证", "vehicle testing and certification", "auto", AUTO),
            f(
                "充换电站",
                "charging and battery-swap network",
                "auto.nev",
                &STATIONS,
                NEV,
            ),
        ],
        techs: &[
            t("一体化压铸", "integrated die-casting"),
            t("线控底盘", "by-wire chassis"),
            t("智能座舱", "smart cockpits"),
            t("自动驾驶", "autonomous driving"),
            t("电池回收", "battery recycling"),
        ],
        strengths: &[
            t(
                "{0}整车和零部件企业集聚，配套半径短。",
                "{0} has carmakers and suppliers close together.",
            ),
            t(
                "{0}汽车滚装码头可直达国内外市场。",
                "The ro-ro terminal in {0} ships vehicles straight to markets at home and abroad.",
            ),
        ],
        inputs: &[
            "robotics",
            "new_materials",
            "new_energy.energy_storage",
            "software_it",
            "equipment.bearings",
        ],
        related: &["new_energy.energy_storage", "trade"],
        invest: (4, 14),
    },
    SectorVocab {
        slug: "aerospace",
        weight: 2,
        theme: t("航空航天", "Aerospace"),
        subjects: &[
            p("航空零部件", "aircraft components", "aerospace", &PIECES_WAN, AVIATION),
            p("工业级无人机", "industrial drones", "aerospace", &AIRCRAFT, UAV),
            p(
                "航空复合材料构件",
                "aerospace composite structures",
                "aerospace",
                &SETS,
                AVIATION,
            ),
            p("卫星零部件", "satellite components", "aerospace", &SETS, SPACE),
            s(
                "通用航空运营",
                "general aviation operations",
                "aerospace",
                GENERAL_AVIATION,
            ),
            s("飞机维修", "aircraft maintenance", "aerospace", AVIATION),
            f("航空产业园", "aviation industrial park", "aerospace", &MU, AVIATION),
        ],
        techs: &[
            t("增材制造", "additive manufacturing"),
            t("精密铸造", "precision casting"),
            t("自动铺丝", "automated fibre placement"),
            t("无损检测", "non-destructive testing"),
            t("适航取证", "airworthiness certification"),
        ],
        strengths: &[
            t(
                "{0}航空产业配套基础较好，机场资源可用。",
                "{0} has a sound aviation supply base and usable airport capacity.",
            ),
            t(
                "{0}高校航空航天学科实力较强。",
                "Universities in {0} are strong in aerospace engineering.",
            ),
        ],
        inputs: &[
            "new_materials.composites",
            "equipment.machine_tools",
            "software_it.industrial_software",
        ],
        related: &["equipment", "new_materials.composites"],
        invest: (3, 12),
    },
    SectorVocab {
        slug: "green_tech",
        weight: 4,
        theme: t("节能环保", "Green Technology"),
        subjects: &[
            p(
                "工业废水处理设备",
                "industrial wastewater treatment equipment",
                "green_tech",
                &SETS,
                ENVIRO,
            ),
            f("污水处理厂", "sewage treatment plant", "green_tech", &WATER, WATER_CO),
            s(
                "合同能源管理",
                "energy performance contracting",
                "green_tech",
                ENERGY_SAVING,
            ),
            p(
                "余热回收装置",
                "waste-heat recovery units",
                "green_tech",
                &SETS,
                ENERGY_SAVING,
            ),
            f(
                "固废资源化利用中心",
                "solid-waste recycling centre",
                "green_tech",
                &WASTE,
                ENVIRO,
            ),
            s("碳排放核算", "carbon accounting", "green_tech", ENVIRO),
            p("船舶脱硫塔", "ship exhaust scrubbers", "green_tech", &SETS, ENVIRO),
            p("VOCs治理设备", "VOC abatement equipment", "green_tech", &SETS, ENVIRO),
            f(
                "海水淡化工程",
                "seawater desalination plant",
                "green_tech",
                &WATER,
                WATER_CO,
            ),
            s("土壤修复", "soil remediation", "green_tech", ENVIRO),
        ],
        techs: &[
            t("膜分离", "membrane separation"),
            t("高级氧化", "advanced oxidation"),
            t("低碳工艺", "low-carbon processes"),
            t("智能监测", "smart monitoring"),
            t("污泥资源化", "sludge valorisation"),
        ],
        strengths: &[
            t(
                "{0}工业企业节能降碳改造需求迫切。",
                "Factories in {0} urgently need to save energy and cut carbon.",
            ),
            t(
                "{0}已出台碳达峰行动方案和配套支持政策。",
                "{0} has issued a carbon-peaking plan with support measures.",
            ),
        ],
        inputs: &["equipment", "software_it.iot", "new_materials"],
        related: &["petrochemical", "new_energy", "equipment.shipbuilding"],
        invest: (1, 9),
    },
    SectorVocab {
        slug: "agriculture",
        weight: 6,
        theme: t("现代农业", "Modern Agriculture"),
        subjects: &[
            p("海参", "sea cucumbers", "agriculture.seafood", &TONNES_SMALL, SEAFOOD),
            p("扇贝", "scallops", "agriculture.seafood", &TONNES, AQUATIC),
            p("鲍鱼", "abalone", "agriculture.seafood", &TONNES_SMALL, AQUATIC),
            p("冷冻水产品", "frozen seafood", "agriculture.seafood", &KT, SEAFOOD),
            p("大樱桃", "sweet cherries", "agriculture.green_food", &TONNES, AGRI),
            p("苹果", "apples", "agriculture.green_food", &KT, AGRI),
            p("优质大米", "premium rice", "agriculture.green_food", &KT, FOODS),
            p("河蟹", "river crabs", "agriculture", &TONNES_SMALL, AQUATIC),
            p("草莓", "strawberries", "agriculture.green_food", &TONNES, AGRI),
            p("绿色食品", "green food products", "agriculture.green_food", &KT, FOODS),
            f("海洋牧场", "marine ranch", "agriculture.seafood", &SEA, SEAFOOD),
            f("智慧农业大棚", "smart greenhouse park", "agriculture", &MU, AGRI),
            s(
                "农产品产销对接",
                "farm-to-market supply links",
                "agriculture.green_food",
                FOODS,
            ),
        ],
        techs: &[
            t("深远海养殖", "deep-sea aquaculture"),
            t("种苗繁育", "seedling breeding"),
            t("冷链保鲜", "cold-chain preservation"),
            t("精深加工", "deep processing"),
            t("质量追溯", "quality tracing"),
            t("设施环境控制", "greenhouse climate control"),
        ],
        strengths: &[
            t(
                "{0}海域洁净，海珍品品质优良。",
                "{0} has clean waters and top-quality seafood.",
            ),
            t(
                "{0}的农特产品已进入上海农产品展销和电商平台。",
                "Specialities from {0} are already sold through Shanghai's farm-produce fairs and online platforms.",
            ),
            t(
                "{0}绿色食品认证产品数量居全省前列。",
                "{0} is among the province's leaders in certified green food.",
            ),
        ],
        inputs: &["port_logistics.cold_chain", "trade", "software_it.iot", "biomedicine"],
        related: &["trade", "biomedicine", "tourism"],
        invest: (0, 8),
    },
    SectorVocab {
        slug: "education",
        weight: 2,
        theme: t("产教融合", "Education"),
        subjects: &[
            f(
                "职业技能实训基地",
                "vocational skills training base",
                "education",
                &TRAINEES,
                TRAINING,
            ),
            s("产教融合项目", "industry-education partnerships", "education", EDU),
            s("职业教育合作办学", "joint vocational programmes", "education", TRAINING),
            s("干部培训", "civil-service training", "education", TRAINING),
            f("国际学校", "international school", "education", &PLACES, EDU),
            s("在线教育平台", "online education services", "education", EDU),
            s("航海技能培训", "maritime skills training", "education", TRAINING),
            s("数字技能培训", "digital skills training", "education", TRAINING),
        ],
        techs: &[
            t("虚拟仿真实训", "virtual simulation training"),
            t("自适应学习", "adaptive learning"),
            t("智慧校园", "smart campus"),
        ],
        strengths: &[
            t(
                "{0}高校和职业院校众多，每年毕业生数万人。",
                "{0} has many universities and vocational colleges, with tens of thousands of graduates a year.",
            ),
            t(
                "{0}企业对高技能人才需求旺盛。",
                "Employers in {0} need many highly skilled workers.",
            ),
        ],
        inputs: &["software_it", "robotics"],
        related: &["software_it", "equipment", "health"],
        invest: (0, 7),
    },
    SectorVocab {
        slug: "culture_sports",
        weight: 2,
        theme: t("文化体育", "Culture and Sports"),
        subjects: &[
            f(
                "文化创意园",
                "creative industries park",
                "culture_sports",
                &FLOOR,
                CREATIVE,
            ),
            s("品牌赛事运营", "sports event operation", "culture_sports", SPORTS),
            s("马拉松赛事", "marathon events", "culture_sports", SPORTS),
            f("帆船运动中心", "sailing centre", "culture_sports", &BERTHS, SPORTS),
            s("影视拍摄制作", "film and TV production", "culture_sports", MEDIA),
            s("动漫游戏", "animation and games", "culture_sports", CREATIVE),
            p("泳装", "swimwear", "culture_sports", &PIECES_WAN, APPAREL),
            f("全民健身中心", "public fitness centre", "culture_sports", &GYM, SPORTS),
            s(
                "非遗文创",
                "intangible-heritage creative products",
                "culture_sports",
                CREATIVE,
            ),
        ],
        techs: &[
            t("数字内容制作", "digital content production"),
            t("虚拟现实", "virtual reality"),
            t("智能场馆", "smart venues"),
            t("数字版权", "digital rights management"),
        ],
        strengths: &[
            t(
                "{0}城市文化底蕴深厚，群众体育氛围浓厚。",
                "{0} has deep cultural roots and a keen sporting public.",
            ),
            t(
                "{0}已成功举办多项国际性赛事。",
                "{0} has already hosted several international sports events.",
            ),
        ],
        inputs: &["software_it", "exhibition", "tourism"],
        related: &["tourism", "exhibition", "education"],
        invest: (0, 8),
    },
];

/// The vocabulary of a top-level sector slug.
pub(crate) fn vocab(slug: &str) -> Option<&'static SectorVocab> {
    let top = slug.split_once('.').map_or(slug, |(parent, _)| parent);
    SECTOR_VOCABS.iter().find(|v| v.slug == top)
}

/// The subjects of a (sub-)sector slug: a sub-sector's own subjects, or all of a top-level sector's.
pub(crate) fn subjects_of(slug: &str) -> Vec<&'static Subject> {
    let Some(vocab) = vocab(slug) else {
        return Vec::new();
    };
    let own: Vec<&'static Subject> = vocab.subjects.iter().filter(|s| s.sector == slug).collect();
    if own.is_empty() || !slug.contains('.') {
        vocab.subjects.iter().collect()
    } else {
        own
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hulian_domain::taxonomy::{self, SECTORS};

    #[test]
    fn every_sector_has_a_vocabulary_and_every_slug_is_known() {
        for sector in SECTORS {
            let v = vocab(sector.slug).unwrap_or_else(|| panic!("no vocabulary for {}", sector.slug));
            assert!(v.subjects.len() >= 7, "{}", v.slug);
            assert!(v.techs.len() >= 3 && v.strengths.len() >= 2, "{}", v.slug);
            assert!(v.invest.0 < v.invest.1 && v.invest.1 < INVESTMENT_LADDER.len());
            for subject in v.subjects {
                assert!(taxonomy::is_known(subject.sector), "{}", subject.sector);
                assert_eq!(taxonomy::top_level(subject.sector), v.slug, "{}", subject.name.zh);
            }
            for slug in v.related.iter().chain(v.inputs) {
                assert!(taxonomy::is_known(slug), "{slug}");
            }
        }
        assert_eq!(SECTOR_VOCABS.len(), SECTORS.len());
    }

    #[test]
    fn most_subsectors_have_subjects_of_their_own() {
        let all = taxonomy::all_slugs();
        let subsectors: Vec<&String> = all.iter().filter(|s| s.contains('.')).collect();
        let covered = subsectors
            .iter()
            .filter(|slug| {
                SECTOR_VOCABS
                    .iter()
                    .any(|v| v.subjects.iter().any(|s| s.sector == slug.as_str()))
            })
            .count();
        assert_eq!(covered, subsectors.len(), "every sub-sector should have subjects");
    }

    #[test]
    fn capacities_render_on_their_grid() {
        let mut rng = Rng::new(1, 1, 1);
        for _ in 0..50 {
            let (zh, en) = KT.render(&mut rng);
            assert!(zh.starts_with("年产") && zh.ends_with("万吨"), "{zh}");
            assert!(en.ends_with("0,000 tonnes a year"), "{en}");
        }
    }
}
